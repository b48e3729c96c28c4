"""The README's notebook snippets run as written against a real dataset."""

from __future__ import annotations

import re

import pytest

from pipeline.run import Source, run_batch
from tests.conftest import ROOT, SEEDS


def _snippets() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Load the data in a notebook", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_has_pandas_duckdb_and_polars_snippets():
    code = "\n".join(_snippets())
    assert "pd.read_parquet" in code and "duckdb.sql" in code and "pl.read_parquet" in code


def test_readme_snippets_run_on_the_sample_dataset(tmp_path, monkeypatch):
    run_batch([Source(p) for p in SEEDS], tmp_path / "data", progress=False)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for code in _snippets():
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the docs are the test
    assert len(namespace["priorities"]) > 0


@pytest.mark.parametrize("target", ["run", "test"])
def test_quick_start_names_the_make_targets(target):
    readme = (ROOT / "README.md").read_text()
    assert f"make {target}" in readme.split("## Load the data", 1)[0]
