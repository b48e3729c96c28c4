"""Process documents end to end: ingest, metadata, extractors, write. No orchestration.

`run_batch` is what the CLI, the Prefect flows and the scraper call. Every document
gets an outcome (ok / partial / failed, with its errors), written with the data in
the `documents` table; one document's failure never stops the batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extractors import EXTRACTORS
from pipeline.councils import check_council, council_identities
from pipeline.errors import CouncilPapersError
from pipeline.ingest import file_sha256, load_document
from pipeline.metadata import extract_metadata
from pipeline.version import pipeline_version
from pipeline.writer import remove_stale_temp_files, write_document
from schemas.document import Document, DocumentMeta, sha256_hex
from schemas.names import Table
from schemas.records import RECORD_TABLES

SUFFIXES = {".pdf", ".txt", ".md", ".html", ".htm", ".text"}


@dataclass(frozen=True)
class Source:
    """A file to process, with what is already known about it (e.g. from the scraper)."""

    path: Path
    source_uri: str | None = None
    meta: DocumentMeta | None = None


@dataclass
class Outcome:
    source_uri: str
    doc_id: str
    status: str  # ok | partial | failed
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)


@dataclass
class BatchResult:
    outcomes: list[Outcome]

    @property
    def succeeded(self) -> int:
        return sum(o.status != "failed" for o in self.outcomes)

    def table_counts(self) -> dict[str, int]:
        totals = {name: 0 for name in EXTRACTORS}
        for o in self.outcomes:
            for name, n in o.counts.items():
                totals[name] = totals.get(name, 0) + n
        return totals


def collect_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Files given, and papers found recursively in folders given, in a stable order."""
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


def extract_facts(doc: Document) -> tuple[dict[str, list[dict]], list[dict]]:
    """Run every registered extractor; an extractor's failure is an error entry, not a crash."""
    rows: dict[str, list[dict]] = {}
    errors: list[dict] = []
    for name, extract in EXTRACTORS.items():
        try:
            records = list(extract(doc))
        except Exception as exc:  # one extractor's bug must not lose the others' facts
            errors.append(_error("extract", f"{type(exc).__name__}: {exc}", extractor=name))
            continue
        rows[name] = []
        for rec in records:
            if not 0 <= rec.char_start <= rec.char_end <= len(doc.text):
                errors.append(_error("extract", f"span {rec.char_start}:{rec.char_end} outside text", name))
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


def _error(stage: str, message: str, extractor: str | None = None, page: int | None = None) -> dict:
    return {"stage": stage, "extractor": extractor, "message": message, "page": page}


def _document_row(doc: Document | None, source: Source, doc_id: str, status: str, errors, meta) -> dict:
    return {
        "doc_id": doc_id,
        "council": meta.council,
        "body": meta.body,
        "meeting_date": meta.meeting_date,
        "title": meta.title,
        "source_uri": source.source_uri or str(source.path),
        "source_format": doc.source_format if doc else None,
        "n_pages": doc.n_pages if doc else None,
        "n_chars": len(doc.text) if doc else None,
        "text_quality": doc.text_quality if doc else None,
        "pipeline_version": pipeline_version(),
        "extracted_at": dt.datetime.now(dt.UTC),
        "status": status,
        "errors": errors,
        "warnings": doc.warnings if doc else [],
        "agenda_item": meta.agenda_item,
        "document_title": meta.document_title,
        "published_date": meta.published_date,
    }


def process_document(
    source: Source, out: Path, council: str | None = None, raise_on_error: bool = False
) -> Outcome:
    """Ingest, extract and write one document; returns its outcome."""
    uri = source.source_uri or str(source.path)
    try:
        doc = load_document(source.path, uri)
    except CouncilPapersError as exc:
        if raise_on_error:
            raise
        return _write_failure(source, out, council, str(exc))
    # What the text says, then what the format says (an HTML page's <h1>; its site's council
    # only where the text names none), then the scraper's metadata, then --council.
    read = extract_metadata(doc.text, council_identities(), source.source_uri or "")
    hints = dataclasses.replace(doc.meta, council=read.council or doc.meta.council)
    doc.meta = _overlay(read, hints, source.meta, DocumentMeta(council=council))
    rows, errors = extract_facts(doc)
    if raise_on_error and errors:
        raise RuntimeError(f"{uri}: {errors[0]['message']}")
    status = "partial" if errors or any(w.startswith("text truncated") for w in doc.warnings) else "ok"
    rows[Table.TEXTS] = [{"doc_id": doc.doc_id, "text": doc.text, "page_starts": doc.page_starts}]
    rows[Table.DOCUMENTS] = [_document_row(doc, source, doc.doc_id, status, errors, doc.meta)]
    write_document(out, doc.doc_id, rows)
    counts = {name: len(rows.get(name, [])) for name in EXTRACTORS}
    message = "; ".join([e["message"] for e in errors] + doc.warnings)
    if doc.text_quality != "ok":
        message = "; ".join(filter(None, [f"text quality: {doc.text_quality}", message]))
    return Outcome(uri, doc.doc_id, status, message, counts, errors)


def _write_failure(source: Source, out: Path, council: str | None, message: str) -> Outcome:
    uri = source.source_uri or str(source.path)
    try:
        doc_id = file_sha256(source.path)
    except OSError:
        doc_id = sha256_hex(f"unreadable:{uri}".encode())
    meta = _overlay(source.meta, DocumentMeta(council=council))
    errors = [_error("ingest", message)]
    write_document(
        out, doc_id, {Table.DOCUMENTS: [_document_row(None, source, doc_id, "failed", errors, meta)]}
    )
    return Outcome(uri, doc_id, "failed", message, {}, errors)


def run_batch(
    sources: Sequence[Source],
    out: str | Path,
    workers: int = 1,
    progress: bool = True,
    council: str | None = None,
    raise_on_error: bool = False,
) -> BatchResult:
    """Process documents (in `workers` processes when > 1) and write them under `out`."""
    out = Path(out)
    check_council(council)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out)
    bar = tqdm(total=len(sources), unit="doc", disable=not progress or None, file=sys.stderr)
    outcomes: list[Outcome] = []
    try:
        if workers <= 1 or len(sources) <= 1:
            for s in sources:
                outcomes.append(process_document(s, out, council, raise_on_error))
                bar.update()
        else:
            # Processes, not threads: PDFium is not thread-safe. Spawned, so no PDFium
            # or spaCy state is inherited by a fork.
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                futures = {
                    pool.submit(process_document, s, out, council, raise_on_error): i
                    for i, s in enumerate(sources)
                }
                done: dict[int, Outcome] = {}
                for fut in as_completed(futures):
                    done[futures[fut]] = fut.result()
                    bar.update()
                outcomes = [done[i] for i in range(len(sources))]
    finally:
        bar.close()
    return BatchResult(outcomes)
