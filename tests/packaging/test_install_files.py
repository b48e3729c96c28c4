"""Reproducible installs and project hygiene: constraints used everywhere, bounds, licence, metadata."""

from __future__ import annotations

import re
import subprocess
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT
from tools.lock import project_requirements, render

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PINS = dict(
    line.split("==")
    for line in (ROOT / "constraints.txt").read_text().splitlines()
    if line and not line.startswith("#")
)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_requirement_is_pinned_within_its_declared_range():
    for req in project_requirements(ROOT / "pyproject.toml"):
        pinned = PINS.get(canonical(req.name))
        assert pinned, f"{req.name} is not in constraints.txt: run `make lock`"
        assert req.specifier.contains(Version(pinned), prereleases=True), f"{req} vs {pinned}"


def test_every_requirement_has_an_upper_bound_below_an_untested_major():
    for line in PYPROJECT["project"]["dependencies"] + [
        r for reqs in PYPROJECT["project"]["optional-dependencies"].values() for r in reqs
    ]:
        req = Requirement(line)
        if canonical(req.name) == "councilpapers":
            continue
        assert any(s.operator in {"<", "<=", "~=", "=="} for s in req.specifier), f"no upper bound: {line}"


def test_the_lock_file_is_what_the_lock_script_writes_here():
    """constraints.txt matches this environment (the tested one); a stale file says so."""
    from tools.lock import pins

    locked = (ROOT / "constraints.txt").read_text().splitlines()[3:]
    installed = render(pins()).splitlines()[3:]
    assert locked == installed, "constraints.txt differs from this environment: `make lock` after a change"


def test_every_install_in_the_makefile_uses_the_constraints():
    dry = subprocess.run(
        ["make", "-n", "-B", "run", "test", "notebook", "install-dask", "lock"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in dry.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs and all("-c constraints.txt" in line for line in installs), installs
    assert re.search(r"jupyter lab .*notebooks/researcher_walkthrough.ipynb", dry)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_licence_and_project_metadata():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "councilpapers contributors" in licence
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert project["urls"] and all(u.startswith("https://") for u in project["urls"].values())
    assert "Programming Language :: Python :: 3.11" in project["classifiers"]
