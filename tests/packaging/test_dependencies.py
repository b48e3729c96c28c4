"""pyproject.toml declares exactly what the code imports (tools/check_deps.py), both ways.

The negative cases run the checker on a temporary copy of the project's code and
pyproject.toml with one thing changed, so each proves the check can fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tools.check_deps import Project, imports_in, problems, requirement_name


@pytest.fixture
def copy(tmp_path):
    """The repository's code, notebooks, README and pyproject.toml (no data), to edit freely."""
    keep = shutil.ignore_patterns(".*", "__pycache__", "*.pdf", "*.parquet", "*.sqlite", "data", "snapshots")
    for name in [
        *Project(ROOT).pyproject["tool"]["setuptools"]["packages"]["find"]["include"],
        "tests",
        "tools",
        "benchmarks",
        "fixtures",
        "notebooks",
    ]:
        name = name.rstrip("*").rstrip(".")
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name, ignore=keep)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def drop_requirement(root, name: str) -> None:
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text()
    line = re.compile(rf'^\s*"{re.escape(name)}[<>=!~;\[ ,"].*\n', re.M | re.I)
    assert line.search(text), name
    pyproject.write_text(line.sub("", text, count=1))


def test_declared_dependencies_match_the_imports():
    assert problems(ROOT) == []


def test_the_command_line_check_passes():
    done = subprocess.run([sys.executable, "tools/check_deps.py"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_removing_a_declared_runtime_dependency_fails(copy):
    drop_requirement(copy, "pydantic")
    assert any("`import pydantic`" in p and "not declared" in p for p in problems(copy))


def test_an_undeclared_import_fails(copy):
    # yaml is installed (Prefect needs it) but nothing here declares PyYAML.
    (copy / "pipeline" / "uses_yaml.py").write_text("import yaml\n")
    found = problems(copy)
    assert any(p.startswith("runtime: `import yaml`") and "pyyaml" in p for p in found), found


def test_a_declared_but_unused_dependency_fails(copy):
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("dependencies = [\n", 'dependencies = [\n    "duckdb>=1.0",\n', 1)
    )
    assert any(p.startswith("runtime: `duckdb` is declared") for p in problems(copy))


def test_an_undeclared_import_in_tests_fails(copy):
    drop_requirement(copy, "hypothesis")
    assert any(p.startswith("dev: `import hypothesis`") for p in problems(copy))


def test_the_checker_reads_imports_and_requirements_as_written():
    assert imports_in("import a.b\nfrom c.d import e\nfrom . import f\nfrom .g import h\n") == {"a", "c"}
    assert requirement_name("Beautifulsoup4>=4.12,<5; python_version>'3'") == "beautifulsoup4"
    assert requirement_name("prefect-dask[x]>=0.3") == "prefect-dask"
