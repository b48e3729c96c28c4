"""The generic import names are checked at import: a foreign package of the same name is refused."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline import origin
from tests.conftest import ROOT


def run_import(module: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_our_packages_are_found_side_by_side():
    assert origin.misplaced() == {}
    origin.check()


@pytest.mark.parametrize(
    ("shadowed", "imported"), [("schemas", "pipeline"), ("extractors", "flows"), ("evaluation", "pipeline")]
)
def test_a_foreign_package_of_the_same_name_stops_the_import(tmp_path, shadowed, imported):
    # A researcher's own folder of that name, first on sys.path as the working directory.
    (tmp_path / shadowed).mkdir()
    (tmp_path / shadowed / "__init__.py").write_text("")
    done = run_import(imported, tmp_path)
    assert done.returncode != 0
    assert "ImportError" in done.stderr and f"{shadowed}: found at {tmp_path / shadowed}" in done.stderr


def test_a_plain_working_directory_imports_fine(tmp_path):
    (tmp_path / "unrelated").mkdir()
    assert run_import("flows", tmp_path).returncode == 0
