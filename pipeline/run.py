"""Process documents end to end: ingest, metadata, extractors, write. No orchestration.

`run_batch` is what the CLI, the Prefect flows and the scraper call. Every document
gets an outcome (ok / partial / failed, with its errors), written with the data in the
`documents` table; one document's failure never stops the batch: any exception from
ingest, metadata, an extractor or the writer becomes that document's outcome. With
`workers >= 1` (the default) documents run in worker processes with a time and memory
budget (`pipeline.workers`), so a hang or a memory blow-up costs only that document.
Workers only extract: they send each document's rows to the parent, which writes them a
batch at a time (`pipeline.writer.DatasetWriter`: one part file per table per flush), so
the number of files grows with batches, not documents. A run stopped before its last
flush loses the documents it had not written yet (their outcomes were not returned
either); running it again writes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import multiprocessing
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extractors import EXTRACTORS
from pipeline.councils import check_council, council_identities
from pipeline.errors import CouncilPapersError
from pipeline.ingest import MAX_PAGES, file_sha256, load_document
from pipeline.metadata import extract_metadata
from pipeline.version import pipeline_version
from pipeline.workers import run_in_workers
from pipeline.writer import (
    DatasetWriter,
    adopt_legacy_files,
    open_output,
    source_identity,
)
from schemas.document import Document, DocumentMeta, sha256_hex
from schemas.records import RECORD_TABLES
from schemas.status import DocError, Stage, Status

log = logging.getLogger(__name__)
# Ingest warnings that mean part of the paper's text is missing: then it is only partly extracted.
_TEXT_LOST = re.compile(r"text truncated|page \d+ could not be read")

SUFFIXES = {".pdf", ".txt", ".md", ".html", ".htm", ".text"}


@dataclass(frozen=True)
class Budget:
    """What one document may cost before it is stopped (enforced in worker processes)."""

    seconds: float = 120.0  # wall clock per document; the worker is killed and replaced beyond it
    max_pages: int = MAX_PAGES  # PDF pages read; the rest is dropped with a "text truncated" warning
    memory_mb: int = 2048  # address space of a worker process (RLIMIT_AS), imports included


@dataclass(frozen=True)
class Source:
    """A file to process, with what is already known about it (e.g. from the scraper).

    `source_uri` (the scraper's URL) identifies the document across versions; without it,
    the file's absolute path does.
    """

    path: Path
    source_uri: str | None = None
    meta: DocumentMeta | None = None

    @property
    def uri(self) -> str:
        """The source as written in `documents.source_uri` (a path as given, or the URL)."""
        if self.source_uri:
            return self.source_uri
        # A file name that is not valid UTF-8 keeps its bad bytes visible as \xNN escapes.
        return os.fsencode(self.path).decode("utf-8", "backslashreplace")

    @property
    def identity(self) -> str:
        return self.source_uri or source_identity(self.path)


@dataclass
class Outcome:
    source_uri: str
    doc_id: str
    status: Status
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[DocError] = field(default_factory=list)


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    worker_startup_s: list[float] = field(default_factory=list)  # per worker started
    peak_worker_rss_mb: float | None = None  # largest resident memory any worker reached

    @property
    def succeeded(self) -> int:
        return sum(o.status != Status.FAILED for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == Status.FAILED]

    def table_counts(self) -> dict[str, int]:
        totals = {name: 0 for name in EXTRACTORS}
        for o in self.outcomes:
            for name, n in o.counts.items():
                totals[name] = totals.get(name, 0) + n
        return totals


def collect_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Files given, and papers found recursively in folders given, in a stable order.

    A file named explicitly is always taken (even a FIFO or a device: it then fails as a
    document, with a reason); inside folders only regular files with a paper's suffix.
    """
    found: list[Source] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            found.extend(Source(f) for f in files)
        elif p.exists():
            found.append(Source(p))
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return found


def _overlay(*layers: DocumentMeta | None) -> DocumentMeta:
    """Metadata from several sources: each later layer wins wherever it knows a field."""
    merged = DocumentMeta()
    for layer in filter(None, layers):
        for f in dataclasses.fields(layer):
            if (value := getattr(layer, f.name)) is not None:
                setattr(merged, f.name, value)
    return merged


def extract_facts(doc: Document) -> tuple[dict[str, list[dict]], list[DocError]]:
    """Run every registered extractor; an extractor's failure is an error entry, not a crash."""
    rows: dict[str, list[dict]] = {}
    errors: list[DocError] = []
    for name, extract in EXTRACTORS.items():
        try:
            records = list(extract(doc))
        except Exception as exc:  # one extractor's bug must not lose the others' facts
            errors.append(DocError.from_exception(Stage.EXTRACT, exc, extractor=name))
            continue
        rows[name] = []
        for rec in records:
            if not 0 <= rec.char_start <= rec.char_end <= len(doc.text):
                span = f"span {rec.char_start}:{rec.char_end} outside text"
                errors.append(DocError(Stage.EXTRACT, span, extractor=name))
                continue
            rows[RECORD_TABLES[type(rec)]].append(_fact_row(doc, rec))
    return rows, errors


def _fact_row(doc: Document, rec) -> dict:
    return {
        "doc_id": doc.doc_id,
        "council": doc.meta.council,
        "meeting_date": doc.meta.meeting_date,
        "page": doc.page_of(rec.char_start),
        **dataclasses.asdict(rec),
    }


def _document_row(
    doc: Document | None, source: Source, doc_id: str, status: Status, errors: list[DocError], meta
) -> dict:
    return {
        "doc_id": doc_id,
        "council": meta.council,
        "body": meta.body,
        "meeting_date": meta.meeting_date,
        "title": meta.title,
        "source_uri": source.uri,
        "source_format": doc.source_format if doc else None,
        "n_pages": doc.n_pages if doc else None,
        "n_chars": len(doc.text) if doc else None,
        "text_quality": doc.text_quality if doc else None,
        "pipeline_version": pipeline_version(),
        "extracted_at": dt.datetime.now(dt.UTC),
        "status": str(status),
        "errors": [e.to_row() for e in errors],
        "warnings": doc.warnings if doc else [],
        "agenda_item": meta.agenda_item,
        "document_title": meta.document_title,
        "published_date": meta.published_date,
    }


def _error_of(stage: Stage, exc: Exception) -> DocError:
    """The project's own errors already say what is wrong; anything else gets its class name."""
    return (
        DocError(stage, str(exc))
        if isinstance(exc, CouncilPapersError)
        else DocError.from_exception(stage, exc)
    )


def extract_document(
    source: Source,
    council: str | None = None,
    raise_on_error: bool = False,
    max_pages: int = MAX_PAGES,
) -> tuple[Outcome, dict[str, list[dict]]]:
    """Ingest and extract one document: its outcome and its rows by table (not written yet).
    Never raises (unless `raise_on_error`): a failure at any stage is the document's
    `failed` outcome, with a `documents` row that says why."""
    stage = Stage.INGEST
    try:
        doc = load_document(source.path, source.uri, max_pages=max_pages)
        errors: list[DocError] = []
        stage = Stage.METADATA
        hints = _overlay(doc.meta)
        try:
            # What the text says, then what the format says (an HTML page's <h1>; its site's
            # council only where the text names none), then the scraper's metadata, then --council.
            read = extract_metadata(doc.text, council_identities(), source.source_uri or "")
            hints = dataclasses.replace(doc.meta, council=read.council or doc.meta.council)
        except Exception as exc:  # facts are still worth having without metadata
            if raise_on_error:
                raise
            read = None
            errors.append(_error_of(stage, exc))
        doc.meta = _overlay(read, hints, source.meta, DocumentMeta(council=council))
        stage = Stage.EXTRACT
        rows, extract_errors = extract_facts(doc)
        errors += extract_errors
        if raise_on_error and errors:
            raise RuntimeError(f"{source.uri}: {errors[0].message}")
        status = Status.PARTIAL if errors or any(map(_TEXT_LOST.match, doc.warnings)) else Status.OK
        rows["texts"] = [{"doc_id": doc.doc_id, "text": doc.text, "page_starts": doc.page_starts}]
        rows["documents"] = [_document_row(doc, source, doc.doc_id, status, errors, doc.meta)]
    except Exception as exc:  # noqa: BLE001 - any failure is this document's, never the batch's
        if raise_on_error:
            raise
        return failure_document(source, council, _error_of(stage, exc))
    counts = {name: len(rows.get(name, [])) for name in EXTRACTORS}
    message = "; ".join([e.message for e in errors] + doc.warnings)
    if doc.text_quality != "ok":
        message = "; ".join(filter(None, [f"text quality: {doc.text_quality}", message]))
    return Outcome(source.uri, doc.doc_id, status, message, counts, errors), rows


def process_document(
    source: Source,
    out: str | Path,
    council: str | None = None,
    raise_on_error: bool = False,
    max_pages: int = MAX_PAGES,
) -> Outcome:
    """One document through `run_batch` in this process (a write of its own; for tests and
    benchmarks: a loop over documents should be one `run_batch`)."""
    budget = Budget(max_pages=max_pages)
    return run_batch(
        [source],
        out,
        workers=0,
        progress=False,
        council=council,
        raise_on_error=raise_on_error,
        budget=budget,
    ).outcomes[0]


def failure_doc_id(source: Source) -> str:
    """SHA-256 of a regular file's bytes; of its name when it cannot be read (FIFO, device, gone)."""
    try:
        if stat.S_ISREG(os.stat(source.path).st_mode):
            return file_sha256(source.path)
    except OSError:
        pass
    return sha256_hex(b"unreadable:" + source.identity.encode("utf-8", "surrogateescape"))


def failure_document(
    source: Source, council: str | None, error: DocError
) -> tuple[Outcome, dict[str, list[dict]]]:
    """A document that failed: its outcome and its `documents` row with the error (no facts)."""
    doc_id = failure_doc_id(source)
    meta = _overlay(source.meta, DocumentMeta(council=council))
    row = _document_row(None, source, doc_id, Status.FAILED, [error], meta)
    return Outcome(source.uri, doc_id, Status.FAILED, error.message, {}, [error]), {"documents": [row]}


def _add_write_error(outcome: Outcome, exc: Exception) -> None:
    outcome.status = Status.FAILED
    outcome.errors.append(DocError.from_exception(Stage.WRITE, exc))
    outcome.message = "; ".join(e.message for e in outcome.errors)


class _BatchSink:
    """Where a batch's documents go: a `DatasetWriter` (one part per flush), and the
    outcomes of the documents it has not written yet, to amend if their write fails."""

    def __init__(self, out: str | Path, council: str | None, raise_on_error: bool) -> None:
        self.writer = DatasetWriter(out)
        self.council, self.raise_on_error = council, raise_on_error
        self.unwritten: dict[str, Outcome] = {}

    def add(self, source: Source, outcome: Outcome, rows: dict[str, list[dict]]) -> Outcome:
        try:
            self.writer.add(source.identity, rows)
        except Exception as exc:  # noqa: BLE001 - rows that do not fit: this document fails alone
            if self.raise_on_error:
                raise
            outcome, rows = failure_document(source, self.council, _error_of(Stage.WRITE, exc))
            self.writer.add(source.identity, rows)
        self.unwritten[source.identity] = outcome
        if self.writer.due():
            self.flush()
        return outcome

    def flush(self) -> None:
        unwritten, self.unwritten = self.unwritten, {}
        try:
            self.writer.flush()
        except Exception as exc:  # noqa: BLE001 - e.g. the disk is full: every document of the flush says so
            if self.raise_on_error:
                raise
            log.error("writing %d document(s) failed: %s", len(unwritten), exc)
            for outcome in unwritten.values():
                _add_write_error(outcome, exc)


def prepare_output(out: str | Path) -> str | Path:
    """Open OUT (a folder, or a pyarrow/fsspec URL) and adopt an older layout's files (what
    runs that died mid-write left is repaired by every write, first). Returns OUT (a local
    folder as a Path)."""
    output = open_output(out)
    output.makedirs()
    adopt_legacy_files(output)
    return output.local if output.local is not None else output.uri


def run_batch(
    sources: Sequence[Source],
    out: str | Path,
    workers: int = 1,
    progress: bool = True,
    council: str | None = None,
    raise_on_error: bool = False,
    budget: Budget | None = None,
) -> BatchResult:
    """Process documents and write them under `out` (a folder, or any pyarrow/fsspec URL:
    `s3://bucket/prefix`, `gs://…`, `memory://…`), a batch at a time.

    `workers >= 1`: in that many worker processes, each document within `budget` (time,
    pages, memory); `workers == 0`: in this process (no time or memory limit; for debugging
    and for callers that already isolate). A daemonic process (a Dask worker, by default)
    may not start processes, so there documents run in-process, with a warning.
    """
    budget = budget or Budget()
    out = prepare_output(out)
    check_council(council)
    bar = tqdm(total=len(sources), unit="doc", disable=not progress or None, file=sys.stderr)
    try:
        if workers > 0 and multiprocessing.current_process().daemon:
            log.warning(
                "running in a daemonic process (a Dask worker?): documents run in this process, "
                "without the time and memory budget; set DASK_DISTRIBUTED__WORKER__DAEMON=False "
                "before the cluster starts to keep them"
            )
            workers = 0
        sink = _BatchSink(out, council, raise_on_error)
        if workers <= 0 or raise_on_error:
            outcomes = []
            for s in sources:
                outcome, rows = extract_document(s, council, raise_on_error, budget.max_pages)
                outcomes.append(sink.add(s, outcome, rows))
                bar.update()
            sink.flush()
            return BatchResult(outcomes)

        def collect(index: int, outcome: Outcome, rows: dict[str, list[dict]]) -> Outcome:
            bar.update()
            return sink.add(sources[index], outcome, rows)

        outcomes, startups, peak = run_in_workers(
            sources, workers, council, budget, extract_document, failure_document, collect
        )
        sink.flush()
        return BatchResult(outcomes, worker_startup_s=startups, peak_worker_rss_mb=peak)
    finally:
        bar.close()
