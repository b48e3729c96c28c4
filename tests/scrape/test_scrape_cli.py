"""`councilpapers scrape --config FILE` end to end: local fixture server -> dataset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from schemas.names import FACT_TABLES
from tests.scrape.server import FixtureServer, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


def scrape_cli(config: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "scrape",
            "--config",
            str(config),
            "--out",
            str(out),
            "--since",
            "2025-09-01",
            "--until",
            "2025-12-31",
            *extra,
        ]
    )


def facts(out: Path, doc_id: str) -> pd.DataFrame:
    frames = [pd.read_parquet(out / t) for t in FACT_TABLES if (out / t).exists()]
    rows = pd.concat([f[["doc_id", "council", "meeting_date"]] for f in frames])
    return rows[rows.doc_id == doc_id]


def test_scrape_writes_documents_with_scrape_metadata_and_extracted_facts(server, tmp_path, capsys):
    config, out = write_config(server, tmp_path / "councils.toml", min_interval_s=0.02), tmp_path / "data"
    assert scrape_cli(config, out) == 0
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    assert len(docs) == 6
    # the appendix never names its committee or meeting date: those come from the scrape
    appendix = docs.loc[
        f"{server.base_url}/kent/documents/s9990101/Appendix%20A%20-%20CSA%20action%20plan.pdf"
    ]
    assert (appendix.council, appendix.body) == ("kent", "Kent Community Safety Partnership")
    assert pd.Timestamp(appendix.meeting_date).date() == dt.date(2025, 11, 13)
    assert appendix.title == "Appendix A - CSA action plan"
    # the record names an earlier meeting in its text; the scrape's meeting date wins
    record = docs.loc[f"{server.base_url}/medway/mgConvert2PDF.aspx?ID=990001"]
    assert (record.council, record.body, record.title) == (
        "medway",
        "Health and Wellbeing Board",
        "Record of meeting",
    )
    assert pd.Timestamp(record.meeting_date).date() == dt.date(2025, 11, 20)
    update = docs.loc[f"{server.base_url}/kent/documents/s9990100/KCSP%20CSA%20Update.pdf"]
    found = facts(out, update.doc_id)
    assert len(found) > 0 and set(found.council) == {"kent"}
    assert {pd.Timestamp(d).date() for d in found.meeting_date} == {dt.date(2025, 11, 13)}
    assert "extracted 6 document(s): 6 ok" in capsys.readouterr().out

    before = len(server.hits)
    assert scrape_cli(config, out) == 0
    fetched = [h.path for h in server.hits[before:] if "/documents/" in h.path or "mgConvert2PDF" in h.path]
    assert fetched == []
    assert "extracted 0 document(s)" in capsys.readouterr().out
    assert len(pd.read_parquet(out / "documents")) == 6


def test_unknown_council_and_bad_config_exit_2_with_a_fix(server, tmp_path, capsys):
    config = write_config(server, tmp_path / "councils.toml")
    assert scrape_cli(config, tmp_path / "data", "--council", "medwy") == 2
    assert "expected one of kent, medway" in capsys.readouterr().err
    assert scrape_cli(tmp_path / "missing.toml", tmp_path / "data") == 2
    assert "not found" in capsys.readouterr().err
    assert server.hits == []


def test_no_extract_downloads_only_and_a_later_run_extracts(server, tmp_path, capsys):
    config, out = write_config(server, tmp_path / "councils.toml", min_interval_s=0.02), tmp_path / "data"
    assert scrape_cli(config, out, "--council", "kent", "--no-extract") == 0
    assert not (out / "documents").exists()
    assert scrape_cli(config, out, "--council", "kent") == 0
    assert "extracted 2 document(s): 2 ok" in capsys.readouterr().out
