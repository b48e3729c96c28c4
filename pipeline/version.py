"""Which code produced a dataset: `pipeline_version` = package version + a hash of the code.

The package version alone ("0.1.0") stays the same while the extractors change, so a
dataset could not tell which code wrote it. The hash covers every source and data file
of the packages that turn papers into rows, read from wherever they are imported from,
so it works in a git checkout, an installed wheel or an unpacked tarball alike.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

from pipeline import __version__

# The packages whose code decides what rows a paper becomes (flows only orchestrate).
CODE_PACKAGES = ("pipeline", "extractors", "schemas")
HASH_LENGTH = 12


def package_dir(name: str) -> Path:
    """The folder a top-level package is imported from (without importing it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {name!r} not found")
    return Path(next(iter(spec.submodule_search_locations)))


def code_files(root: Path) -> list[Path]:
    """Source and data files of a package, in a stable order; compiled caches are not code."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )


def code_hash(roots: dict[str, Path]) -> str:
    """A short hash of the files under `roots` (package name -> folder), paths included."""
    digest = hashlib.sha256()
    for name, root in sorted(roots.items()):
        for path in code_files(root):
            digest.update(f"{name}/{path.relative_to(root).as_posix()}".encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:HASH_LENGTH]


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """E.g. "0.1.0+3f2a9c0d41be": a PEP 440 local version naming the code that ran."""
    local = code_hash({name: package_dir(name) for name in CODE_PACKAGES})
    separator = "." if "+" in __version__ else "+"
    return f"{__version__}{separator}{local}"
