"""Compare what the code imports with what pyproject.toml declares, both ways.

    python tools/check_deps.py [--root DIR]     # exit 1 and a list of problems if they differ

Two scopes, each checked in both directions:
- the installed packages (`[tool.setuptools.packages.find] include`) against
  `[project.dependencies]`: every third-party import declared, every declaration imported;
- everything else a developer or the README runs (tests/, benchmarks/, tools/, scripts/,
  fixtures/ scripts, notebooks, README code blocks) against the dependencies plus all extras.
A declaration that is used without being imported by name (a parser named by a string, a
command-line tool) is listed with its reason in `[tool.councilpapers.dependency-check]`.
Import names are mapped to distributions with the metadata of the installed environment,
so run it in the project's virtualenv.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

DEV_DIRS = ("tests", "benchmarks", "tools", "fixtures", "scripts")
_README_CODE = re.compile(r"```python\n(.*?)```", re.S)


def normalise(name: str) -> str:
    """A distribution name in PEP 503 form ("Beautifulsoup4" -> "beautifulsoup4", "a_b" -> "a-b")."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution a requirement string names ("pandas>=2.1,<4; python_version<'4'" -> "pandas")."""
    return normalise(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1))


def imports_in(code: str, filename: str = "<code>") -> set[str]:
    """Top-level names of the absolute imports in Python source (relative imports are local)."""
    names = set()
    for node in ast.walk(ast.parse(code, filename)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def local_names(root: Path) -> set[str]:
    """Modules of the project itself: what sits at the repository's top level, and the scripts
    in the developer folders (a script imports its neighbours by bare name)."""
    names = {p.stem if p.suffix == ".py" else p.name for p in root.iterdir() if not p.name.startswith(".")}
    names.update(p.stem for d in DEV_DIRS for p in (root / d).rglob("*.py"))
    return names


class Project:
    """pyproject.toml's declarations and the repository's code, read from `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.pyproject = tomllib.loads((root / "pyproject.toml").read_text())
        project = self.pyproject["project"]
        self.name = normalise(project["name"])
        self.core = {requirement_name(r) for r in project.get("dependencies", [])}
        self.extras = {
            normalise(extra): {requirement_name(r) for r in reqs} - {self.name}
            for extra, reqs in project.get("optional-dependencies", {}).items()
        }
        settings = self.pyproject.get("tool", {}).get("councilpapers", {}).get("dependency-check", {})
        self.used_without_import = {normalise(n) for n in settings.get("used-without-import", [])}

    def runtime_packages(self) -> list[Path]:
        patterns = self.pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
        tops = {p.rstrip("*").rstrip(".") for p in patterns}
        return sorted(self.root / t for t in tops if (self.root / t / "__init__.py").exists())

    def runtime_imports(self) -> dict[str, set[str]]:
        """Import name -> files importing it, over the installed packages."""
        return self._collect(f for pkg in self.runtime_packages() for f in pkg.rglob("*.py"))

    def dev_imports(self) -> dict[str, set[str]]:
        """Import name -> files importing it, over tests, tools, notebooks and the README."""
        files = [f for d in DEV_DIRS for f in (self.root / d).rglob("*.py")]
        found = self._collect(files)
        sources = [(nb, notebook_code(nb)) for nb in (self.root / "notebooks").glob("*.ipynb")]
        readme = self.root / "README.md"
        if readme.exists():
            sources.append((readme, "\n".join(_README_CODE.findall(readme.read_text()))))
        for path, code in sources:
            for name in imports_in(code, str(path)):
                found.setdefault(name, set()).add(str(path.relative_to(self.root)))
        return found

    def _collect(self, files) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for f in files:
            if "__pycache__" in f.parts:
                continue
            for name in imports_in(f.read_text(), str(f)):
                found.setdefault(name, set()).add(str(f.relative_to(self.root)))
        return found


def third_party(imports: dict[str, set[str]], local: set[str]) -> dict[str, set[str]]:
    skip = set(sys.stdlib_module_names) | {"__future__"} | local
    return {name: files for name, files in imports.items() if name not in skip}


def problems(root: Path) -> list[str]:
    """Every mismatch between imports and declarations, as readable lines (empty: all good)."""
    project = Project(root)
    owners = {name: {normalise(d) for d in dists} for name, dists in packages_distributions().items()}
    local = local_names(root)
    found: list[str] = []

    def check(scope: str, imports: dict[str, set[str]], declared: set[str]) -> set[str]:
        used = set()
        for name, files in sorted(third_party(imports, local).items()):
            dists = owners.get(name)
            where = ", ".join(sorted(files)[:3])
            if not dists:
                found.append(
                    f"{scope}: `import {name}` ({where}) is not provided by any installed distribution"
                )
            elif not dists & declared:
                found.append(
                    f"{scope}: `import {name}` ({where}) comes from {'/'.join(sorted(dists))}, which is not declared"
                )
            used |= dists & declared
        return used

    used_core = check("runtime", project.runtime_imports(), project.core)
    for dist in sorted(project.core - used_core - project.used_without_import):
        found.append(
            f"runtime: `{dist}` is declared in [project.dependencies] but no installed package imports it"
        )

    all_extras = set().union(*project.extras.values()) if project.extras else set()
    used_dev = check("dev", project.dev_imports(), project.core | all_extras)
    for extra, dists in sorted(project.extras.items()):
        for dist in sorted(dists - used_dev - used_core - project.used_without_import):
            found.append(f"extra [{extra}]: `{dist}` is declared but nothing imports it")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    found = problems(args.root)
    for line in found:
        print(line)
    print("dependencies match the imports" if not found else f"{len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
