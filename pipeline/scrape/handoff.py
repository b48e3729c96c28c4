"""Hand downloaded documents to the extraction pipeline with the scrape's metadata.

Every document handed off ends with an extraction outcome in the state store, whatever
happens inside extraction. The new documents go to `pipeline.run.run_batch` as one batch;
if the batch raises, they are retried one at a time, and a document whose extraction
raises is recorded as failed with the exception (not retried until its bytes change)
while the others go on. When every document fails alike, extraction itself is broken (a
full disk, worker processes that cannot start): nothing is recorded against the documents,
the report says why, and the next run extracts them. Each hand-off is counted before it
starts, so a document that kills the extracting process outright (a crash in native code,
the out-of-memory killer) is retried alone on the next run and given up on after
MAX_ATTEMPTS, instead of stopping every later run at the same place.
"""

from __future__ import annotations

import errno
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.scrape.state import RAW_DIR, DocumentRow, StateStore

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # hand-offs without an outcome before a document is recorded as failed
# a full or read-only disk fails every document alike: extraction stops, blaming none of them
ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


@dataclass
class ExtractReport:
    handed_off: int = 0
    ok: int = 0
    partial: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # document URL -> message
    unavailable: str | None = None  # why extraction could not run at all (documents left for next run)


class _ExtractionBroken(Exception):
    """Extraction fails for a reason that is not any document's."""


def extract_new(
    out: str | Path,
    councils: list[str] | None = None,
    *,
    workers: int = 1,
    progress: bool = False,
    retry_failed: bool = False,
) -> ExtractReport:
    """Hand every downloaded, not yet extracted document (this run's, or one an interrupted run
    left; with `retry_failed`, also those whose extraction failed) to `pipeline.run.run_batch`,
    and record each outcome in the state store."""
    with StateStore(out) as store:
        if retry_failed:
            store.retry_failed_extractions(councils)
        rows = store.to_extract(councils)
        report = ExtractReport(handed_off=len(rows))
        if rows:
            try:
                _Handoff(Path(out), store, report).run(rows, workers, progress)
            except _ExtractionBroken as exc:
                report.unavailable = str(exc)
                log.error("extraction could not run, documents left for the next run: %s", exc)
    return report


@dataclass
class _Handoff:
    out: Path
    store: StateStore
    report: ExtractReport

    def run(self, rows: list[DocumentRow], workers: int, progress: bool) -> None:
        ready = []
        for row in rows:
            if problem := self._refusal(row):
                self._record(row, "failed", problem)
            else:
                ready.append(row)
        # documents an earlier run handed off without an outcome go one at a time, so a
        # document that kills the process is the only one charged with it
        fresh = [r for r in ready if r.extract_attempts == 0]
        singles = [r for r in ready if r.extract_attempts > 0]
        if fresh and not self._batch(fresh, workers, progress):
            singles = fresh + singles
        self._one_at_a_time(singles)

    def _refusal(self, row: DocumentRow) -> str | None:
        """Why a document's stored path is not handed off: the store is a file anyone can edit,
        and only files under OUT/raw/ are ever the scraper's downloads."""
        raw = (self.out / RAW_DIR).resolve()
        if not row.path:
            return "no downloaded file recorded in the state store"
        if not (self.out / row.path).resolve().is_relative_to(raw):
            return (
                f"refused: the state store gives the path {row.path!r}, outside {self.out / RAW_DIR} "
                "where downloads are kept (a tampered or foreign state store?)"
            )
        return None

    def _batch(self, rows: list[DocumentRow], workers: int, progress: bool) -> bool:
        """Extract `rows` in one batch; False (attempts taken back) if the batch raised."""
        try:
            outcomes = self._extract(rows, workers, progress)
        except Exception as exc:
            log.warning("extraction of a batch raised %s; extracting its documents one at a time", _why(exc))
            self._take_back(rows)
            return False
        for row, outcome in zip(rows, outcomes, strict=True):
            self._record(row, outcome.status, outcome.message, doc_id=outcome.doc_id)
        return True

    def _one_at_a_time(self, rows: list[DocumentRow]) -> None:
        raised: list[tuple[DocumentRow, str]] = []
        worked = False
        for row in rows:
            if row.extract_attempts >= MAX_ATTEMPTS:
                self._record(
                    row,
                    "failed",
                    f"extraction did not finish in {row.extract_attempts} attempts: the process died "
                    "while extracting it (a crash, a kill or running out of memory); not retried until "
                    "its bytes change",
                )
                continue
            try:
                (outcome,) = self._extract([row], 1, False)
            except Exception as exc:
                log.warning("extraction of %s raised %s", row.url, _why(exc))
                raised.append((row, _why(exc)))
                continue
            worked = True  # an outcome, even "failed": extraction itself works
            self._record(row, outcome.status, outcome.message, doc_id=outcome.doc_id)
        reasons = {why for _, why in raised}
        if len(raised) >= 2 and not worked and len(reasons) == 1:
            self._take_back([row for row, _ in raised])
            raise _ExtractionBroken(f"every document failed alike: {reasons.pop()}")
        for row, why in raised:
            self._record(row, "failed", f"extraction raised {why}")

    def _extract(self, rows: list[DocumentRow], workers: int, progress: bool):
        """Count a hand-off of `rows`, then return their `run_batch` outcomes. An interruption
        by the user, or a full or read-only disk, is not the documents' fault: their attempts
        are taken back."""
        from pipeline.run import run_batch  # loads spaCy and the extractors: only when there is work

        try:
            for row in rows:
                self.store.count_extract_attempt(row.council, row.doc_key)
            sources = [source_for(r, self.out) for r in rows]
            result = run_batch(sources, self.out, workers=workers, progress=progress)
        except BaseException as exc:
            if isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS:
                self._take_back(rows)
                raise _ExtractionBroken(_why(exc)) from exc
            if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit
                self._take_back(rows)
            raise
        if len(result.outcomes) != len(rows):
            raise RuntimeError(f"{len(result.outcomes)} outcome(s) for {len(rows)} document(s)")
        return result.outcomes

    def _forget_superseded(self, row: DocumentRow) -> None:
        """A paper moved to a new address: remove the version kept under its old one, so the
        dataset holds one version per document (the writer replaces a version at the same
        address by itself; writing no rows under an address removes what it held)."""
        from pipeline import writer

        if row.extracted_url and row.extracted_url != row.url:
            writer.write_document(self.out, row.extracted_url, {})

    def _take_back(self, rows: list[DocumentRow]) -> None:
        for row in rows:
            self.store.count_extract_attempt(row.council, row.doc_key, -1)

    def _record(
        self, row: DocumentRow, status: str, message: str | None, *, doc_id: str | None = None
    ) -> None:
        """Record an outcome; `doc_id`: run_batch wrote the document's rows, as this version."""
        self.store.mark_extracted(
            row.council, row.doc_key, str(status), message, url=row.url if doc_id else None, doc_id=doc_id
        )
        if doc_id:
            self._forget_superseded(row)
        if status == "ok":
            self.report.ok += 1
        elif status == "partial":
            self.report.partial += 1
        else:
            self.report.failed[row.url] = message or str(status)


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def source_for(row: DocumentRow, out: Path):
    """The pipeline Source for a downloaded document: scrape metadata overrides the paper's own,
    and the document's URL is its source identity (a paper re-published there is a new version)."""
    from pipeline.run import Source
    from schemas.document import DocumentMeta

    if row.path is None:  # only downloaded rows are handed off, and they have a file
        raise ValueError(f"{row.council}/{row.doc_key}: no downloaded file to extract")
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
