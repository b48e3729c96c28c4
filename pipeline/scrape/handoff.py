"""Hand downloaded documents to the extraction pipeline with the scrape's metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.scrape.state import DocumentRow, StateStore


@dataclass
class ExtractReport:
    handed_off: int = 0
    ok: int = 0
    partial: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # source_uri -> message


def extract_new(
    out: str | Path, councils: list[str] | None = None, *, workers: int = 1, progress: bool = False
) -> ExtractReport:
    """Hand every downloaded, not yet extracted document (this run's, or one an interrupted run
    left) to `pipeline.run.run_batch`, and record each outcome in the state store."""
    with StateStore(out) as store:
        rows = store.to_extract(councils)
        report = ExtractReport(handed_off=len(rows))
        if rows:
            _extract(rows, Path(out), store, report, workers, progress)
    return report


def _extract(
    rows: list[DocumentRow], out: Path, store: StateStore, report: ExtractReport, workers: int, progress: bool
) -> None:
    from pipeline.run import run_batch  # loads spaCy and the extractors: only when there is work

    by_uri = {row.url: row for row in rows}
    result = run_batch([source_for(row, out) for row in rows], out, workers=workers, progress=progress)
    for outcome in result.outcomes:
        row = by_uri.get(outcome.source_uri)
        if row is None:
            continue
        store.mark_extracted(row.council, row.doc_key, outcome.status, outcome.message)
        if outcome.status == "ok":
            report.ok += 1
        elif outcome.status == "partial":
            report.partial += 1
        else:
            report.failed[row.url] = outcome.message or outcome.status


def source_for(row: DocumentRow, out: Path):
    """The pipeline Source for a downloaded document: scrape metadata overrides the paper's own."""
    from pipeline.run import Source
    from schemas.document import DocumentMeta

    meta = DocumentMeta(
        council=row.council,
        body=row.committee_title,
        meeting_date=row.meeting_date,
        title=row.document_title or row.agenda_item,
        agenda_item=row.agenda_item,
        document_title=row.document_title,
        published_date=row.published_date,
    )
    return Source(path=out / row.path, source_uri=row.url, meta=meta)
