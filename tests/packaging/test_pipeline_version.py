"""`pipeline_version` names the code that produced a dataset: version + a hash of the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import __version__
from pipeline.origin import ours
from pipeline.version import code_hash, pipeline_version
from tests.conftest import ROOT, SEEDS


def copy_code(dest):
    for name in ours():
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def extract(code_root, out) -> set[str]:
    """Extract one seed with the code under `code_root`; the pipeline_version values found in
    the documents table and in every Parquet file's metadata."""
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(SEEDS[0]), "--out", str(out), "--quiet"]
    subprocess.run(cmd, cwd=code_root, env=env, check=True, capture_output=True)
    values = set(pd.read_parquet(out / "documents")["pipeline_version"])
    for f in out.glob("*/*.parquet"):
        values.add(pq.read_schema(f).metadata[b"pipeline_version"].decode())
    return values


def test_version_is_the_package_version_plus_a_code_hash():
    version = pipeline_version()
    assert version.startswith(__version__) and len(version.rsplit("+", 1)[1].split(".")[-1]) == 12


def test_hash_follows_code_and_data_files_but_not_caches(tmp_path):
    code = copy_code(tmp_path / "code")
    roots = {name: code / name for name in ("pipeline", "extractors", "schemas")}
    before = code_hash(roots)
    assert code_hash(roots) == before
    (code / "extractors" / "__pycache__").mkdir(exist_ok=True)
    (code / "extractors" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"cache")
    assert code_hash(roots) == before
    data = sorted(p for p in (code / "extractors").rglob("*") if p.suffix in {".csv", ".toml"})[0]
    data.write_text(data.read_text() + "\n")
    assert code_hash(roots) != before


@pytest.mark.slow
def test_datasets_from_different_extractor_code_carry_different_versions(tmp_path):
    code = copy_code(tmp_path / "code")
    first = extract(code, tmp_path / "first")
    (extractor,) = [p for p in (code / "extractors").rglob("*.py") if p.parent.name == "extractors"][:1]
    extractor.write_text(extractor.read_text() + "\n\ndef _changed():\n    return 1\n")
    second = extract(code, tmp_path / "second")
    assert len(first) == 1 and len(second) == 1, (first, second)  # one value per dataset, everywhere
    assert first != second
    assert first.pop().split("+")[0] == second.pop().split("+")[0] == __version__.split("+")[0]
