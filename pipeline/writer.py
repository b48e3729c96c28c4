"""Write the dataset: a few Parquet part files per table, atomically and idempotently.

Layout
------
`OUT/<table>/part-<id>.parquet` for each of the seven tables in `schemas.tables.SCHEMAS`.
A *part* is a set of source documents: it has one file in every table (0 rows where the
part has no facts of that kind, so every table loads with its full schema), all seven
named alike. Rows are grouped by source inside a file, and each file's Parquet key-value
metadata carries, besides `contract_version` and `pipeline_version`, its index:
`councilpapers.sources` = the source keys it holds (a hash of the URL or absolute path,
see `source_key`) and how many rows of that table each has. The index lives in the file
it describes, so it can never disagree with the rows, whatever crashes.

Not partitioned: a `council=…/` folder beside the `council` column of every file is a trap
for pandas and pyarrow (two columns of one name, or a dictionary-typed partition column
that no longer matches the contract's string), and a flat folder of at most a few hundred
files already reads in well under a second at 100,000 documents (`benchmarks/bench_dataset.py`).

How files grow with runs, not documents
---------------------------------------
`DatasetWriter` buffers documents and flushes every `FLUSH_DOCS` documents (or
`FLUSH_BYTES` of text, or `FLUSH_SECONDS`), and at the end of a run: one flush writes one
new part (seven files) for the sources it has not seen before. After every flush, small
parts are compacted (`plan_compaction`): parts of fewer than `PART_DOCS // 2` documents are
grouped in size tiers (powers of `FANOUT`), and a tier of `FANOUT` parts or more is merged
into parts of at most `PART_DOCS` documents. Each document is so rewritten about log_8(500)
≈ 3 times at most, and a table holds at most about 2·N/`PART_DOCS` full parts plus
4·(`FANOUT` − 1) small ones: ≤ 228 files at 100,000 documents.

Replacing a source (re-processing, or a changed version at the same URL)
-----------------------------------------------------------------------
Before a flush writes anything, it reads the index (the footers of `documents`; cached by
file size and time) to find the part holding each of its sources. A source already in the
dataset is written *into the part that holds it*: each of that part's files is rewritten
without the old rows and with the new ones, and replaces the old file under the same name.
So a re-processed document's rows change in one atomic file replacement per table: no
reader ever sees two copies or none. Writing a source with no rows at all removes it.

Atomic, crash-safe
------------------
A file is only ever created whole: on a local disk it is written to a hidden temporary
name and renamed into place (the rename replaces an old file atomically); on an object
store it is uploaded to its final key, which S3, GCS and Azure make visible only once the
upload completes, replacing the old object at once. Tables are written fact tables
first, `documents` last, so a listed document has its facts. What a crash can leave, and
what the next write (any `DatasetWriter` flush, under the lock) repairs first (`recover`):
- temporary files (deleted);
- a new part written to some tables but not to `documents`: its sources were never
  reported written (the run died before the flush returned); it is deleted everywhere;
- a rewrite done in some tables only: every table still holds exactly one copy of each
  source, some of the new version and some of the old, until the source is re-processed;
- a merge done in some tables only. A merge first writes a small journal
  (`OUT/_councilpapers/merge-<part>.json`), then, table by table, writes the merged file
  to `OUT/_councilpapers/staging/`, deletes the files it merges and moves it into place;
  recovery finishes it from the journal (roll forward). Until then the rows of the table
  being merged are missing (never doubled) there.
So a crash never leaves a duplicate row, and the next write leaves every table whole.

What a reader running *while* a run writes can see: a document's facts before its
`documents` row (never the reverse); during the moment a merge swaps a table's files
(microseconds on a local disk, a few requests on an object store), some of that table's
rows missing, or a FileNotFoundError for a file deleted between the reader's listing
and its read. Read again after the run, or between runs; a finished run leaves every
table whole, each source's rows once.

Concurrent runs on one OUT: every flush, compaction and clean-up runs under an exclusive
lock, held for one flush (not a whole run): on a local disk `OUT/.councilpapers.lock`
(fcntl; released when a process dies), so runs and threads interleave flush by flush.
Object stores have no such lock: there the lock only covers threads of one process, and
concurrent *processes* writing one bucket prefix are not supported.

Output URLs: a local path, `file://`, or any URL `pyarrow.fs.FileSystem.from_uri` opens
(`s3://`, `gs://`, `abfs://`, `hdfs://`; credentials and endpoints from the usual
environment, e.g. `AWS_ENDPOINT_URL`, or the URL's query, `?endpoint_override=…`); then
any fsspec URL (`memory://`, …). Anything else is an `OutputError` naming the scheme.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipeline.errors import CouncilPapersError
from pipeline.version import pipeline_version
from schemas.names import TABLES, Table
from schemas.tables import CONTRACT_VERSION, SCHEMAS

LOCK_NAME = ".councilpapers.lock"
STATE_DIR = "_councilpapers"  # journals of merges in progress (not a table: no reader looks here)
INDEX_KEY = b"councilpapers.sources"
PART_DOCS = 1000  # documents in a full part; parts of fewer than half of it are compacted
FANOUT = 8  # this many small parts of one size tier are merged together
FLUSH_DOCS = PART_DOCS  # a flush writes at most one full part of new sources
FLUSH_BYTES = 256 * 1024 * 1024  # ... or less, once the buffered texts reach this size
FLUSH_SECONDS = 300.0  # ... or once the oldest buffered document waited this long
# Fact tables first, `documents` last: a document listed in `documents` has its facts.
WRITE_ORDER: tuple[str, ...] = (*[t for t in TABLES if t != Table.DOCUMENTS], Table.DOCUMENTS)
_LEGACY_NAME = re.compile(r"[0-9a-f]{64}")  # files named by doc_id, before sources were keys
_SOURCE_FILE = re.compile(r"src-[0-9a-f]{40}")  # one file per source (the layout before parts)


class OutputError(CouncilPapersError, ValueError):
    """An output location that cannot be opened; the message says which and why."""


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
    """A source's key in the index: a hash of its identity (any bytes, any length)."""
    identity = source_identity(source).encode("utf-8", "surrogateescape")
    return "src-" + hashlib.sha256(identity).hexdigest()[:40]


# -- where the dataset lives --------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """An output root opened on its filesystem: `fs` and `root` (a path on it), `local`
    (the same folder on this machine's disk, or None for a remote store)."""

    fs: pafs.FileSystem
    root: str
    local: Path | None
    uri: str

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def makedirs(self) -> None:
        if self.local is not None:
            self.local.mkdir(parents=True, exist_ok=True)
        else:
            self.fs.create_dir(self.root, recursive=True)

    def __str__(self) -> str:
        return self.uri


def is_url(out: str | os.PathLike) -> bool:
    return "://" in os.fspath(out)


def open_output(out: str | os.PathLike | Output) -> Output:
    """The filesystem and root of `out`: a local path, `file://`, a pyarrow URL, an fsspec URL."""
    if isinstance(out, Output):
        return out
    text = os.fspath(out)
    if not is_url(text) or text.startswith("file://"):
        local = Path(text.removeprefix("file://")).resolve()
        return Output(pafs.LocalFileSystem(), local.as_posix(), local, text)
    scheme = text.split("://", 1)[0]
    try:
        fs, root = pafs.FileSystem.from_uri(text)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError) as arrow_error:
        try:
            import fsspec

            spec, root = fsspec.core.url_to_fs(text)
        except (ImportError, ValueError) as exc:
            raise OutputError(
                f"cannot write to {text!r}: neither pyarrow ({arrow_error}) nor fsspec ({exc}) "
                f"opens {scheme}:// URLs; use a local path, file://, s3://, gs:// or another "
                "pyarrow or fsspec filesystem"
            ) from exc
        fs = pafs.PyFileSystem(pafs.FSSpecHandler(spec))
    except OSError as exc:  # e.g. a bucket in a region that cannot be resolved
        raise OutputError(f"cannot open {text!r}: {exc}") from exc
    if isinstance(fs, pafs.LocalFileSystem):
        return Output(fs, root, Path(root), text)
    return Output(fs, root.rstrip("/"), None, text)


_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextmanager
def output_lock(out: str | os.PathLike | Output) -> Iterator[None]:
    """Exclusive lock on the output root, held briefly (one flush, or clean-up).

    Local disk: an fcntl lock on OUT/.councilpapers.lock, across processes and threads.
    Object stores: a lock for this process's threads only (see the module docstring)."""
    o = open_output(out)
    if o.local is None:
        with _thread_locks_guard:
            lock = _thread_locks.setdefault(o.uri, threading.Lock())
        with lock:
            yield
        return
    o.local.mkdir(parents=True, exist_ok=True)
    with open(o.local / LOCK_NAME, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # waits for another run's write in progress
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


# -- part files and their index -----------------------------------------------------------


@dataclass
class Index:
    """Which sources a part file holds, in row order, with their row counts in that file."""

    keys: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps({"keys": self.keys, "rows": self.rows}, separators=(",", ":")).encode()

    def slices(self) -> Iterator[tuple[str, int, int]]:
        start = 0
        for key, n in zip(self.keys, self.rows):
            yield key, start, n
            start += n


def _new_part_name() -> str:
    # Sorted by creation time (readers list files by name), unique across processes.
    return f"part-{time.time_ns():x}-{secrets.token_hex(4)}"


def _list_parts(o: Output, table: str) -> tuple[dict[str, pafs.FileInfo], list[str]]:
    """Part files of a table (stem -> info) and its leftover temporary files."""
    selector = pafs.FileSelector(o.path(table), allow_not_found=True)
    parts: dict[str, pafs.FileInfo] = {}
    temps: list[str] = []
    for info in o.fs.get_file_info(selector):
        if info.type != pafs.FileType.File:
            continue
        if info.base_name.startswith(".") and info.base_name.endswith(".tmp"):
            temps.append(info.path)
        elif info.base_name.endswith(".parquet") and not info.base_name.startswith((".", "_")):
            parts[info.base_name.removesuffix(".parquet")] = info
    return parts, temps


_index_cache: dict[tuple, Index | None] = {}


def _read_index(o: Output, table: str, name: str, info: pafs.FileInfo | None = None) -> Index | None:
    """A part file's index; a file of the one-file-per-source layout holds its source;
    None for a file this writer did not write (left alone)."""
    cache_key = (o.uri, table, name, info.size, info.mtime_ns) if info is not None else None
    if cache_key is not None and cache_key in _index_cache:
        return _index_cache[cache_key]
    meta = pq.read_metadata(o.path(table, f"{name}.parquet"), filesystem=o.fs)
    kv = meta.metadata or {}
    index: Index | None
    if INDEX_KEY in kv:
        raw = json.loads(kv[INDEX_KEY])
        index = Index(list(raw["keys"]), [int(n) for n in raw["rows"]])
    elif _SOURCE_FILE.fullmatch(name):  # the file's name is its source's key
        index = Index([name], [meta.num_rows])
    else:
        index = None
    if cache_key is not None:
        if len(_index_cache) > 100_000:
            _index_cache.clear()
        _index_cache[cache_key] = index
    return index


def _put(o: Output, folder: str, file_name: str, write) -> None:
    """Create `folder/file_name` whole (`write(sink)` writes its bytes), replacing any file
    of that name at once: a temporary file renamed into place on a local disk, one upload
    (visible only once complete) on an object store."""
    if o.local is not None:
        local = Path(o.fs.normalize_path(folder))
        local.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file_name}.", suffix=".tmp", dir=local)
        os.close(fd)
        try:
            with open(tmp, "wb") as f:
                write(f)
            os.replace(tmp, local / file_name)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return
    sink = pa.BufferOutputStream()  # serialise first: an upload never stops halfway through our bytes
    write(sink)
    o.fs.create_dir(folder, recursive=True)
    with o.fs.open_output_stream(f"{folder}/{file_name}") as f:
        f.write(sink.getvalue())


def _write_file(
    o: Output, table: str, name: str, data: pa.Table, index: Index, folder: str | None = None
) -> None:
    """Write one table file of a part whole (into the table's folder, or `folder`)."""
    meta = {**file_metadata(), INDEX_KEY.decode(): index.to_json().decode()}
    data = data.cast(SCHEMAS[table]).replace_schema_metadata(meta)
    _put(o, folder or o.path(table), f"{name}.parquet", lambda f: pq.write_table(data, f, compression="zstd"))


def _read_file(o: Output, table: str, name: str) -> pa.Table:
    try:
        return pq.read_table(o.path(table, f"{name}.parquet"), filesystem=o.fs, schema=SCHEMAS[table])
    except FileNotFoundError:
        return SCHEMAS[table].empty_table()


def _delete_file(o: Output, table: str, name: str) -> None:
    try:
        o.fs.delete_file(o.path(table, f"{name}.parquet"))
    except FileNotFoundError:
        pass


# -- recovery -----------------------------------------------------------------------------


def recover(o: Output) -> int:
    """Repair what a writer that died left (see the module docstring); call under the lock.
    Returns how many files were removed or completed."""
    n = 0
    listing: dict[str, dict[str, pafs.FileInfo]] = {}
    for table in TABLES:
        parts, temps = _list_parts(o, table)
        listing[table] = parts
        for tmp in temps:
            o.fs.delete_file(tmp)
            n += 1
    for table in TABLES:
        n += len(_delete_temps(o, o.path(STATE_DIR, "staging", table)))
    n += len(_delete_temps(o, o.path(STATE_DIR)))
    journals = _journals(o)
    for journal in journals:
        n += _finish_merge(o, journal)
    if journals:
        listing = {t: _list_parts(o, t)[0] for t in TABLES}
    listed = set(listing[Table.DOCUMENTS])
    for fact_table in WRITE_ORDER[:-1]:
        for name in set(listing[fact_table]) - listed:
            if name.startswith("part-"):  # a new part whose write died before `documents`
                _delete_file(o, fact_table, name)
                n += 1
    return n


def _delete_temps(o: Output, folder: str) -> list[str]:
    selector = pafs.FileSelector(folder, allow_not_found=True)
    temps = [i.path for i in o.fs.get_file_info(selector) if i.base_name.endswith(".tmp")]
    for path in temps:
        o.fs.delete_file(path)
    return temps


def _journals(o: Output) -> list[str]:
    selector = pafs.FileSelector(o.path(STATE_DIR), allow_not_found=True)
    infos = o.fs.get_file_info(selector)
    return sorted(i.path for i in infos if i.base_name.startswith("merge-") and i.base_name.endswith(".json"))


def _finish_merge(o: Output, journal: str) -> int:
    with o.fs.open_input_stream(journal) as f:
        plan = json.loads(f.read())
    return _merge(o, plan["into"], plan["parts"], journal_written=True)


# -- writing ------------------------------------------------------------------------------


Docs = dict[str, dict[str, pa.Table]]  # source key -> its rows, by table (absent: none)


def doc_tables(rows_by_table: dict[str, list[dict]] | dict[str, pa.Table]) -> dict[str, pa.Table]:
    """One document's rows as contract tables; raises on unknown tables or rows that do not fit."""
    unknown = set(rows_by_table) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}: expected some of {', '.join(TABLES)}")
    return {
        name: rows.cast(SCHEMAS[name]) if isinstance(rows, pa.Table) else to_table(name, rows)
        for name, rows in rows_by_table.items()
        if len(rows)
    }


def _owners(o: Output) -> tuple[dict[str, list[str]], dict[str, int]]:
    """source key -> parts holding it (one, unless something went wrong), and documents per
    part, from the `documents` footers."""
    owner: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    parts, _ = _list_parts(o, Table.DOCUMENTS)
    for name in sorted(parts):
        index = _read_index(o, Table.DOCUMENTS, name, parts[name])
        if index is None:
            continue
        sizes[name] = len(index.keys)
        for key in index.keys:
            owner.setdefault(key, []).append(name)
    return owner, sizes


def _rows_of(docs: Docs, keys: list[str], table: str) -> tuple[pa.Table, Index]:
    pieces = [docs[k][table] for k in keys if table in docs[k]]
    data = pa.concat_tables(pieces) if pieces else SCHEMAS[table].empty_table()
    return data, Index(keys, [docs[k][table].num_rows if table in docs[k] else 0 for k in keys])


def _rewrite_part(o: Output, name: str, docs: Docs) -> None:
    """Replace the rows of `docs`' sources in part `name` (a source with no rows leaves it)."""
    for table in WRITE_ORDER:
        old = _read_file(o, table, name)
        try:
            index = _read_index(o, table, name) or Index()
        except FileNotFoundError:
            index = Index()
        keys, rows, pieces = [], [], []
        for key, start, n in index.slices():
            if key not in docs:
                keys.append(key)
                rows.append(n)
                pieces.append(old.slice(start, n))
        added, added_index = _rows_of(docs, [k for k in docs if docs[k]], table)
        data = pa.concat_tables([*pieces, added])
        _write_file(o, table, name, data, Index(keys + added_index.keys, rows + added_index.rows))


def write_documents(out: str | os.PathLike | Output, docs: dict[str, dict]) -> None:
    """Replace the rows of several sources in every table, in one flush (see the module docstring).

    `docs` maps a source to its rows by table (lists of dicts, or Arrow tables); a source
    with no rows at all is removed from the dataset. Every row is checked before anything
    is written.
    """
    by_key: Docs = {source_key(s): doc_tables(rows) for s, rows in docs.items()}
    _write_tables(open_output(out), by_key)


def _write_tables(o: Output, by_key: Docs) -> None:
    o.makedirs()
    with output_lock(o):
        recover(o)
        owner, _ = _owners(o)
        touched: dict[str, Docs] = {}
        for key, tables in by_key.items():
            for i, name in enumerate(owner.get(key, [])):  # the new rows go where the old ones were
                touched.setdefault(name, {})[key] = tables if i == 0 else {}
        for name, part_docs in sorted(touched.items()):
            _rewrite_part(o, name, part_docs)
        new = [k for k, tables in by_key.items() if k not in owner and tables]
        if new or not _list_parts(o, Table.DOCUMENTS)[0]:  # an empty dataset still gets 0-row files
            name = _new_part_name()
            for table in WRITE_ORDER:
                _write_file(o, table, name, *_rows_of(by_key, new, table))
        compact(o, locked=True)


def write_document(
    out: str | os.PathLike | Output, source: str | os.PathLike, rows_by_table: dict[str, list[dict]]
) -> None:
    """Replace one source document's rows in every table (no rows at all: remove it).

    One call is one flush: a loop over documents should use `DatasetWriter`, which writes
    one part per batch."""
    write_documents(out, {os.fspath(source): rows_by_table})


# -- compaction ---------------------------------------------------------------------------


def _tier(n_docs: int) -> int:
    tier = 0
    while n_docs >= FANOUT:
        n_docs //= FANOUT
        tier += 1
    return tier


def plan_compaction(sizes: dict[str, int]) -> list[list[str]]:
    """Groups of small parts to merge, each into one part of at most `PART_DOCS` documents.

    Small parts (< PART_DOCS/2 documents) are grouped in tiers of like size (powers of
    FANOUT); a tier with FANOUT members or more is packed into as few parts as possible."""
    tiers: dict[int, list[str]] = {}
    for name, n in sizes.items():
        if n < PART_DOCS // 2:
            tiers.setdefault(_tier(n), []).append(name)
    groups: list[list[str]] = []
    for members in tiers.values():
        if len(members) < FANOUT:
            continue
        bins: list[tuple[int, list[str]]] = []
        for name in sorted(members, key=lambda m: -sizes[m]):  # first fit, largest first
            for i, (total, names) in enumerate(bins):
                if total + sizes[name] <= PART_DOCS:
                    bins[i] = (total + sizes[name], [*names, name])
                    break
            else:
                bins.append((sizes[name], [name]))
        groups.extend(sorted(names) for _, names in bins if len(names) > 1)
    return groups


def compact(out: str | os.PathLike | Output, locked: bool = False) -> int:
    """Merge small parts (see `plan_compaction`) until none is due; returns parts merged away."""
    o = open_output(out)
    if not locked:
        with output_lock(o):
            recover(o)
            return compact(o, locked=True)
    merged = 0
    while groups := plan_compaction(_owners(o)[1]):
        for group in groups:
            _merge(o, _new_part_name(), group)
            merged += len(group) - 1
    return merged


def _merge(o: Output, into: str, parts: list[str], journal_written: bool = False) -> int:
    """Merge `parts` into a new part `into`, table by table: write the merged file to a
    staging folder, delete the parts, move it into place. Rows may so be missing from one
    table for a moment, never twice there. A journal, written first, lets `recover` roll a
    crashed merge forward. Returns the files written or deleted."""
    journal = f"merge-{into}.json"
    if not journal_written:
        plan = json.dumps({"into": into, "parts": parts}).encode()
        _put(o, o.path(STATE_DIR), journal, lambda f: f.write(plan))
    n = 0
    for table in WRITE_ORDER:
        present = _list_parts(o, table)[0]
        staging = o.path(STATE_DIR, "staging", table)
        staged = f"{staging}/{into}.parquet"
        if into not in present:
            if o.fs.get_file_info(staged).type != pafs.FileType.File:
                pieces, keys, rows = [], [], []
                for name in parts:
                    if name in present:
                        index = _read_index(o, table, name, present[name]) or Index()
                        pieces.append(_read_file(o, table, name))
                        keys += index.keys
                        rows += index.rows
                data = pa.concat_tables(pieces) if pieces else SCHEMAS[table].empty_table()
                _write_file(o, table, into, data, Index(keys, rows), folder=staging)
                n += 1
        for name in parts:
            if name in present:
                _delete_file(o, table, name)
                n += 1
        if into not in present:
            o.fs.move(staged, o.path(table, f"{into}.parquet"))
    o.fs.delete_file(o.path(STATE_DIR, journal))
    return n


# -- buffered writing for a run -----------------------------------------------------------


class DatasetWriter:
    """Buffers documents' rows and writes them a batch at a time, one part per flush.

    `add` checks a document's rows (raising, for that document only, when they do not fit
    the contract) and flushes when the buffer is full; `flush` writes what is buffered and
    returns the sources written. A source added twice keeps its last rows."""

    def __init__(
        self,
        out: str | os.PathLike | Output,
        flush_docs: int = FLUSH_DOCS,
        flush_bytes: int = FLUSH_BYTES,
        flush_seconds: float = FLUSH_SECONDS,
    ) -> None:
        self.out = open_output(out)
        self.flush_docs, self.flush_bytes, self.flush_seconds = flush_docs, flush_bytes, flush_seconds
        self.pending: dict[str, tuple[str, dict[str, pa.Table]]] = {}  # key -> (source, tables)
        self.bytes = 0
        self.since: float | None = None
        self.flushes = 0

    def due(self) -> bool:
        return bool(self.pending) and (
            len(self.pending) >= self.flush_docs
            or self.bytes >= self.flush_bytes
            or time.monotonic() - (self.since or 0.0) >= self.flush_seconds
        )

    def add(self, source: str | os.PathLike, rows_by_table: dict[str, list[dict]]) -> None:
        """Buffer one source's rows (checked now); write the buffer once it is due."""
        tables = doc_tables(rows_by_table)
        self.pending[source_key(source)] = (os.fspath(source), tables)
        self.bytes += sum(t.nbytes for t in tables.values())
        self.since = self.since or time.monotonic()

    def flush(self) -> list[str]:
        """Write the buffered documents; returns their sources (the buffer is emptied, even
        when the write fails)."""
        if not self.pending:
            return []
        pending, self.pending, self.bytes, self.since = self.pending, {}, 0, None
        _write_tables(self.out, {key: tables for key, (_, tables) in pending.items()})
        self.flushes += 1
        return [source for source, _ in pending.values()]


# -- older layouts ------------------------------------------------------------------------


def remove_stale_temp_files(out: str | os.PathLike | Output) -> int:
    """Repair what runs that died mid-write left (temporary files, half-written parts, merges);
    returns how many files. Safe beside other runs: under the lock no live writer is midway."""
    o = open_output(out)
    with output_lock(o):
        return recover(o)


def adopt_legacy_files(out: str | os.PathLike | Output) -> int:
    """Rename files of datasets written before sources were keys (`<doc_id>.parquet`) to source keys.

    Files of the one-file-per-source layout (`src-<key>.parquet`) need no renaming: the index
    reads them as parts of one source, and compaction merges them into parts. Without this,
    re-extracting a paper into an older dataset would keep its old rows beside the new ones.
    Returns how many documents were renamed.
    """
    o = open_output(out)
    docs, _ = _list_parts(o, Table.DOCUMENTS)
    legacy = [name for name in docs if _LEGACY_NAME.fullmatch(name)]
    n = 0
    if not legacy:
        return 0
    with output_lock(o):
        for stem in legacy:
            try:
                path = o.path(Table.DOCUMENTS, f"{stem}.parquet")
                uris = pq.read_table(path, columns=["source_uri"], filesystem=o.fs).column(0).to_pylist()
            except (OSError, pa.ArrowException):
                continue
            if not uris or not uris[0]:
                continue
            key = source_key(uris[0])
            for name in WRITE_ORDER:
                old = o.path(name, f"{stem}.parquet")
                if o.fs.get_file_info(old).type == pafs.FileType.File:
                    o.fs.move(old, o.path(name, f"{key}.parquet"))
            n += 1
    return n
