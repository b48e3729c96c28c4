"""Write the dataset: one Parquet file per document per table, atomically and idempotently.

Layout: `OUT/<table>/<doc_id>.parquet` for each of the seven tables in
`schemas.tables.SCHEMAS`. Re-processing a document rewrites its seven files, which
replaces its rows (idempotent); every file is written to a hidden temporary name and
renamed into place (atomic: readers never see half a file, and a crash leaves the
previous version). A document with no facts of a kind still gets a 0-row file, so
every table loads with its full schema even when it is empty.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.version import pipeline_version
from schemas.names import TABLES, Table
from schemas.tables import CONTRACT_VERSION, SCHEMAS


def file_metadata() -> dict[str, str]:
    return {"contract_version": CONTRACT_VERSION, "pipeline_version": pipeline_version()}


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table with the contract schema and version metadata."""
    schema = SCHEMAS[name].with_metadata(file_metadata())
    return pa.Table.from_pylist(rows, schema=schema)


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write to a hidden temp file beside `path`, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_document(out: Path, doc_id: str, rows_by_table: dict[str, list[dict]]) -> None:
    """Replace one document's rows in every table (missing tables get 0 rows).

    The `documents` row is written last, so a document listed there has all its facts.
    """
    unknown = set(rows_by_table) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}: expected some of {', '.join(TABLES)}")
    for name in (*[t for t in TABLES if t != Table.DOCUMENTS], Table.DOCUMENTS):
        write_atomic(to_table(name, rows_by_table.get(name, [])), Path(out) / name / f"{doc_id}.parquet")


def remove_stale_temp_files(out: Path) -> int:
    """Delete temp files left by a crashed run; returns how many."""
    n = 0
    for name in TABLES:
        for tmp in (Path(out) / name).glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
            n += 1
    return n
