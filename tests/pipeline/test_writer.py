"""The Parquet writer: contract schemas and metadata, idempotent rewrites, atomic files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.writer import write_document
from schemas.tables import SCHEMAS, TABLES
from tests.conftest import ROOT


def _amount(doc_id, value):
    return {
        "doc_id": doc_id,
        "council": "kent",
        "char_start": 0,
        "char_end": 4,
        "raw": f"£{value}",
        "value_gbp": float(value),
        "is_grant": False,
    }


def _load_all_three_ways(root, table):
    a = pd.read_parquet(root / table)
    b = ds.dataset(str(root / table), partitioning="hive").to_table()
    c = duckdb.sql(f"select * from read_parquet('{root / table}/**/*.parquet', hive_partitioning=true)").df()
    assert len(a) == b.num_rows == len(c)
    return a


def test_every_table_is_written_with_its_schema_and_version_metadata(tmp_path):
    write_document(tmp_path, "d1", {"amounts": [_amount("d1", 5)]})
    for name in TABLES:
        files = list((tmp_path / name).glob("*.parquet"))
        assert len(files) == 1
        meta = pq.read_metadata(files[0]).metadata
        assert meta[b"contract_version"] == b"1" and b"pipeline_version" in meta
        assert pq.read_schema(files[0]).remove_metadata().equals(SCHEMAS[name])
        _load_all_three_ways(tmp_path, name)


def test_reprocessing_a_document_replaces_its_rows(tmp_path):
    write_document(tmp_path, "d1", {"amounts": [_amount("d1", 1), _amount("d1", 2)]})
    write_document(tmp_path, "d2", {"amounts": [_amount("d2", 3)]})
    write_document(tmp_path, "d1", {"amounts": [_amount("d1", 7)]})
    df = _load_all_three_ways(tmp_path, "amounts")
    assert sorted(df["value_gbp"]) == [3.0, 7.0]


def test_a_write_killed_midway_leaves_the_previous_dataset_loadable(tmp_path):
    write_document(tmp_path, "d1", {"texts": [{"doc_id": "d1", "text": "old", "page_starts": [0]}]})
    # A child process rewrites d1 with a big text again and again; kill it mid-write.
    child = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from pipeline.writer import write_document
        big = [{{"doc_id": "d1", "text": "x" * 50_000_000, "page_starts": [0]}}]
        while True:
            write_document({str(tmp_path)!r}, "d1", {{"texts": big}})
    """)
    proc = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "texts").glob(".*.tmp")):
            assert proc.poll() is None and time.monotonic() < deadline, "child never started a write"
            time.sleep(0.002)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    df = _load_all_three_ways(tmp_path, "texts")
    assert len(df) == 1 and df["text"][0] in ("old", "x" * 50_000_000)
