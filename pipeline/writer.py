"""Write the dataset: one Parquet file per source document per table, atomically and idempotently.

Layout: `OUT/<table>/<key>.parquet` for each of the seven tables in `schemas.tables.SCHEMAS`,
where `<key>` is derived from the document's *source* (its URL, or its file's absolute
path), not from its bytes: re-extracting a source whose bytes changed (an edited paper, a
PDF re-published at the same URL) overwrites the same seven files, so the old version's
rows are gone from every table and the dataset holds one current version of each source.
A document with no facts of a kind still gets a 0-row file, so every table loads with its
full schema even when it is empty.

Atomic: a document's seven files are first written to hidden temporary names, then renamed
into place one after the other (`documents` last), so readers never see half a file, a
crash while writing leaves the previous version whole, and the renames take microseconds.

Concurrent runs on one OUT: every write happens under an exclusive lock on
`OUT/.councilpapers.lock` (held for one document's files, not for a whole run), so runs
interleave document by document and a run only ever sees other runs' temporary files when
their writer died (the lock is released when a process dies); those are the stale files
`remove_stale_temp_files` deletes.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.version import pipeline_version
from schemas.names import TABLES
from schemas.tables import CONTRACT_VERSION, SCHEMAS

LOCK_NAME = ".councilpapers.lock"
_LEGACY_NAME = re.compile(r"[0-9a-f]{64}")  # files named by doc_id, before sources were keys


def file_metadata() -> dict[str, str]:
    return {"contract_version": CONTRACT_VERSION, "pipeline_version": pipeline_version()}


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table with the contract schema and version metadata."""
    schema = SCHEMAS[name].with_metadata(file_metadata())
    return pa.Table.from_pylist(rows, schema=schema)


def source_identity(source: str | os.PathLike) -> str:
    """What identifies a document across versions: its URL as given, or its file's absolute path."""
    text = os.fspath(source)
    if "://" in text:
        return text
    return os.fspath(Path(text).resolve())


def source_key(source: str | os.PathLike) -> str:
    """File name stem of a source's rows: a hash of its identity (any bytes, any length)."""
    identity = source_identity(source).encode("utf-8", "surrogateescape")
    return "src-" + hashlib.sha256(identity).hexdigest()[:40]


@contextmanager
def output_lock(out: str | Path) -> Iterator[None]:
    """Exclusive lock on the output folder, held briefly (one document's write, or clean-up)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_NAME, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # waits for another run's write in progress
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def write_document(out: str | Path, source: str | os.PathLike, rows_by_table: dict[str, list[dict]]) -> None:
    """Replace one source document's rows in every table (missing tables get 0 rows)."""
    unknown = set(rows_by_table) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}: expected some of {', '.join(TABLES)}")
    out, key = Path(out), source_key(source)
    tables = [to_table(name, rows_by_table.get(name, [])) for name in TABLES]  # bad rows fail here
    order = [*[t for t in TABLES if t != "documents"], "documents"]  # a listed document has its facts
    with output_lock(out):
        temps: dict[str, str] = {}
        try:
            for name in order:
                folder = out / name
                folder.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
                os.close(fd)
                temps[name] = tmp
                pq.write_table(tables[TABLES.index(name)], tmp, compression="zstd")
            for name in order:
                os.replace(temps.pop(name), out / name / f"{key}.parquet")
        finally:
            for tmp in temps.values():
                Path(tmp).unlink(missing_ok=True)


def remove_stale_temp_files(out: str | Path) -> int:
    """Delete temp files left by a run that died mid-write; returns how many.

    Safe beside other runs: under the lock no live writer has a temp file open.
    """
    n = 0
    with output_lock(out):
        for name in TABLES:
            for tmp in (Path(out) / name).glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                n += 1
    return n


def adopt_legacy_files(out: str | Path) -> int:
    """Rename files of datasets written before sources were keys (`<doc_id>.parquet`) to source keys.

    Without this, re-extracting a paper into an older dataset would keep its old rows beside
    the new ones. Returns how many documents were renamed.
    """
    out = Path(out)
    legacy = [p for p in (out / "documents").glob("*.parquet") if _LEGACY_NAME.fullmatch(p.stem)]
    n = 0
    with output_lock(out):
        for doc_file in legacy:
            try:
                uris = pq.read_table(doc_file, columns=["source_uri"]).column(0).to_pylist()
            except (OSError, pa.ArrowException):
                continue
            if not uris or not uris[0]:
                continue
            key = source_key(uris[0])
            for name in (*[t for t in TABLES if t != "documents"], "documents"):
                old = out / name / doc_file.name
                if old.exists():
                    os.replace(old, out / name / f"{key}.parquet")
            n += 1
    return n
