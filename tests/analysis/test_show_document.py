"""`councilpapers show`: a document's facts, each with the text of its evidence span."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.run import Source, run_batch

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seeds" / "001_ce912f5f2341e24b.txt"  # a paper with facts in every table


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("show") / "data"
    run_batch([Source(SEED)], out, progress=False)
    return out


def doc_id(data: Path) -> str:
    return pd.read_parquet(data / "documents").doc_id.iloc[0]


def test_show_prints_every_fact_with_its_evidence_text(data, capsys):
    assert main(["show", doc_id(data)[:10], "--data", str(data)]) == 0
    out = capsys.readouterr().out
    text = pd.read_parquet(data / "texts").text.iloc[0]
    assert f"source_uri     {SEED}" in out
    for table in ("priorities", "legislation", "risks", "amounts", "survey_results"):
        rows = pd.read_parquet(data / table)
        assert f"\n{table} ({len(rows)})\n" in out
        assert len(rows) > 0, table
        for r in rows.itertuples():
            evidence = re.sub(r"\s+", " ", text[r.char_start : r.char_end]).strip()
            assert f"“{evidence}”" in re.sub(r"\s+", " ", out), (table, evidence)
            assert f"[chars {r.char_start}-{r.char_end}]" in out


def test_show_one_table_prints_its_fields(data, capsys):
    assert main(["show", doc_id(data), "--data", str(data), "--table", "legislation"]) == 0
    out = capsys.readouterr().out
    assert "title=Crime and Disorder Act 1998" in out and "legislation_id=ukpga/1998/37" in out
    assert "\npriorities (" not in out


def test_show_an_unknown_document_says_what_to_give(data, capsys):
    assert main(["show", "ffffffffff", "--data", str(data)]) == 2
    assert "give a doc_id" in capsys.readouterr().err
