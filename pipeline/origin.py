"""Keep councilpapers' generic import names from mixing with another distribution's.

The import packages `pipeline`, `extractors`, `schemas`, `flows`, `evaluation` and
`analysis` have names other
distributions (or a researcher's own folders) also use. Whichever comes first on
sys.path wins, so a foreign `schemas/` in the working directory would silently replace
ours. `check()` runs when `pipeline` or `flows` is imported: each of our packages must be
found where this file's package is; otherwise it stops with an ImportError that
names the impostor. It only looks up locations (no import), so it costs microseconds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# Every top-level package councilpapers installs (pyproject's packages.find include).
PACKAGES = ("pipeline", "extractors", "schemas", "flows", "evaluation", "analysis")


def home() -> Path:
    """The folder holding this distribution's packages (site-packages or the source tree)."""
    return Path(__file__).resolve().parent.parent


def ours() -> list[str]:
    """Our packages present in this installation (a slimmer install may lack one)."""
    return [name for name in PACKAGES if (home() / name / "__init__.py").is_file()]


def misplaced() -> dict[str, str]:
    """Our package names that resolve somewhere else than `home()`: name -> where they resolve."""
    found = {}
    for name in ours():
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            found[name] = "nowhere" if spec is None else f"{spec.origin} (a module, not our package)"
            continue
        where = Path(next(iter(spec.submodule_search_locations))).resolve()
        if where.parent != home():
            found[name] = str(where)
    return found


def _owners(name: str) -> list[str]:
    """Installed distributions that ship a top-level `name` (slow: only for the error message)."""
    from importlib.metadata import packages_distributions

    return [d for d in packages_distributions().get(name, []) if d != "councilpapers"]


def check() -> None:
    """Raise ImportError if one of our package names is taken by something else on sys.path."""
    wrong = misplaced()
    if not wrong:
        return
    lines = []
    for name, where in wrong.items():
        owners = _owners(name)
        owner = f" (installed by {', '.join(owners)})" if owners else ""
        lines.append(f"  {name}: found at {where}{owner}, expected under {home()}")
    raise ImportError(
        "councilpapers' packages are shadowed by others of the same name:\n"
        + "\n".join(lines)
        + "\nRun councilpapers from its own virtualenv, or rename/move the other package "
        "(a folder of that name in the working directory also counts)."
    )
