"""The dataset layout (issue 22): files grow with batches, not documents; re-processing
replaces a source's rows in place; crashes leave no duplicates; any pyarrow/fsspec URL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline import writer
from pipeline.cli import main
from pipeline.run import Source, run_batch
from pipeline.writer import DatasetWriter, OutputError, remove_stale_temp_files, source_key, write_document
from schemas.tables import SCHEMAS, TABLES
from tests.conftest import ROOT, SEEDS
from tests.dataset_rows import document_rows


def _files(out, table):
    return sorted((out / table).glob("*.parquet"))


def _load_all_three_ways(root, table):
    a = pd.read_parquet(root / table)
    b = ds.dataset(str(root / table), partitioning="hive").to_table()
    c = duckdb.sql(f"select * from read_parquet('{root / table}/**/*.parquet', hive_partitioning=true)").df()
    assert len(a) == b.num_rows == len(c)
    assert b.schema.remove_metadata().equals(SCHEMAS[table])
    return a


def _write_batches(out, batches, per_batch, version=0):
    w = DatasetWriter(out)
    for b in range(batches):
        for i in range(b * per_batch, (b + 1) * per_batch):
            w.add(f"https://example.org/{i}.pdf", document_rows(i, version))
        w.flush()


def test_files_grow_with_batches_not_documents(tmp_path):
    _write_batches(tmp_path, batches=3, per_batch=100)
    for table in TABLES:
        assert len(_files(tmp_path, table)) == 3, table  # one part per batch, in every table
        meta = pq.read_metadata(_files(tmp_path, table)[0]).metadata
        assert meta[b"contract_version"] == b"1" and b"pipeline_version" in meta
    docs = _load_all_three_ways(tmp_path, "documents")
    assert len(docs) == 300 and docs["doc_id"].is_unique
    assert len(_load_all_three_ways(tmp_path, "priorities")) == 900
    assert len(_load_all_three_ways(tmp_path, "risks")) == 0  # no rows, yet every table loads


def test_one_document_at_a_time_is_compacted_into_few_files(tmp_path):
    for i in range(60):
        write_document(tmp_path, f"https://example.org/{i}.pdf", document_rows(i))
    counts = {table: len(_files(tmp_path, table)) for table in TABLES}
    assert set(counts.values()) == {counts["documents"]} and counts["documents"] <= 14, counts
    assert sorted(_load_all_three_ways(tmp_path, "amounts")["value_gbp"]) == [float(i) for i in range(60)]
    assert not list((tmp_path / writer.STATE_DIR).glob("*.json"))  # no merge left half done


def test_reextracting_one_document_leaves_exactly_one_copy_in_place(tmp_path):
    _write_batches(tmp_path, batches=3, per_batch=100)
    before = {table: _files(tmp_path, table) for table in TABLES}
    write_document(tmp_path, "https://example.org/150.pdf", document_rows(150, version=1))
    assert {table: _files(tmp_path, table) for table in TABLES} == before  # rewritten in place
    docs = _load_all_three_ways(tmp_path, "documents")
    assert len(docs) == 300 and docs["doc_id"].is_unique
    assert (docs["doc_id"] == "00000150-v1").sum() == 1 and not (docs["doc_id"] == "00000150-v0").any()
    priorities = _load_all_three_ways(tmp_path, "priorities")
    assert len(priorities) == 900 and (priorities["doc_id"] == "00000150-v1").sum() == 3
    # Writing a source no rows removes it.
    write_document(tmp_path, "https://example.org/150.pdf", {})
    assert len(_load_all_three_ways(tmp_path, "documents")) == 299
    assert len(_load_all_three_ways(tmp_path, "texts")) == 299


def test_a_run_writes_one_part_and_a_rerun_replaces_it(tmp_path):
    out = tmp_path / "data"
    sources = [Source(p) for p in SEEDS[:3]]
    run_batch(sources, out, workers=0, progress=False)
    run_batch(sources, out, workers=0, progress=False)
    assert all(len(_files(out, table)) == 1 for table in TABLES)
    assert len(_load_all_three_ways(out, "documents")) == 3


def test_a_dataset_in_the_one_file_per_source_layout_is_taken_over(tmp_path):
    for i in range(10):  # what the writer before issue 22 left: src-<key>.parquet, no index
        for table in TABLES:
            (tmp_path / table).mkdir(exist_ok=True)
            rows = document_rows(i).get(table, [])
            path = tmp_path / table / f"{source_key(f'https://example.org/{i}.pdf')}.parquet"
            pq.write_table(writer.to_table(table, rows), path)
    write_document(tmp_path, "https://example.org/3.pdf", document_rows(3, version=1))
    docs = _load_all_three_ways(tmp_path, "documents")
    assert (
        len(docs) == 10 and "00000003-v1" in set(docs["doc_id"]) and "00000003-v0" not in set(docs["doc_id"])
    )
    assert len(_files(tmp_path, "documents")) < 10  # the small files were merged


CHILD = """
import sys; sys.path.insert(0, {root!r})
from pipeline.writer import write_document
from tests.dataset_rows import document_rows
i = 0
while True:
    write_document({out!r}, f"https://example.org/{{i % 70}}.pdf", document_rows(i % 70, i // 70))
    i += 1
"""


@pytest.mark.parametrize("after_s", [0.7, 1.3, 2.1])
def test_a_writer_killed_at_any_moment_leaves_no_duplicates(tmp_path, after_s):
    # Writes one document at a time (new parts, rewrites and merges); killed at some moment.
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT), out=str(tmp_path))])
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("documents/*.parquet")):
            assert proc.poll() is None and time.monotonic() < deadline, "child never wrote"
            time.sleep(0.01)
        time.sleep(after_s)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    for table in ("documents", "texts", "amounts"):  # loadable, each source at most once
        sources = _load_all_three_ways(tmp_path, table)["doc_id"].str[:8]
        assert sources.is_unique, table
    remove_stale_temp_files(tmp_path)  # what the next run does first: every table whole again
    docs = _load_all_three_ways(tmp_path, "documents")
    for table in ("texts", "amounts"):
        assert sorted(_load_all_three_ways(tmp_path, table)["doc_id"].str[:8]) == sorted(
            docs["doc_id"].str[:8]
        )
    assert not list(tmp_path.rglob("*.tmp")) and not list((tmp_path / writer.STATE_DIR).glob("*.json"))


CONCURRENT = """
import sys; sys.path.insert(0, {root!r})
from pipeline.writer import DatasetWriter
from tests.dataset_rows import document_rows
w = DatasetWriter({out!r}, flush_docs=3)
for i in range({start}, {start} + 60):
    w.add(f"https://example.org/{{i}}.pdf", document_rows(i))
    if w.due():
        w.flush()
w.flush()
"""


def test_concurrent_writers_on_one_folder_keep_every_document_once(tmp_path):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT.format(root=str(ROOT), out=str(tmp_path), start=s)]
        )
        for s in (0, 30)  # overlapping sources: 30..59 are written by both
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    docs = _load_all_three_ways(tmp_path, "documents")
    assert sorted(docs["doc_id"]) == [f"{i:08d}-v0" for i in range(90)]
    assert len(_load_all_three_ways(tmp_path, "priorities")) == 270


def test_memory_url_and_unknown_schemes(tmp_path, capsys):
    out = "memory://councilpapers-test/data"
    _write_batches(out, batches=2, per_batch=5)
    write_document(out, "https://example.org/1.pdf", document_rows(1, version=1))
    docs = pd.read_parquet(f"{out}/documents")
    assert len(docs) == 10 and "00000001-v1" in set(docs["doc_id"])
    with pytest.raises(OutputError, match="nosuch://"):
        write_document("nosuch://x/y", "d1", {})
    assert main(["extract", str(SEEDS[0]), "--out", "nosuch://x/y", "--workers", "0", "--quiet"]) == 2
    assert "nosuch://" in capsys.readouterr().err
