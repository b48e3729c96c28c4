"""Hand downloaded documents to the extraction pipeline with the scrape's metadata.

Every document handed off ends with an extraction outcome in the state store, whatever
happens inside extraction: an exception is that document's failure (recorded, and not
retried until its bytes change) and the others go on. Each hand-off is counted before it
starts, so a document that kills the extracting process outright (a crash in a PDF library,
the out-of-memory killer) is retried alone on the next run and given up on after
MAX_ATTEMPTS, instead of stopping every later run at the same place.
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.scrape.state import RAW_DIR, DocumentRow, StateStore

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # hand-offs without an outcome before a document is recorded as failed
# a full or read-only disk fails every document alike: stop the run rather than fail them all
ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


@dataclass
class ExtractReport:
    handed_off: int = 0
    ok: int = 0
    partial: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # document URL -> message


def extract_new(
    out: str | Path, councils: list[str] | None = None, *, workers: int = 1, progress: bool = False
) -> ExtractReport:
    """Hand every downloaded, not yet extracted document (this run's, or one an interrupted run
    left) to `pipeline.run.run_batch`, and record each outcome in the state store."""
    with StateStore(out) as store:
        rows = store.to_extract(councils)
        report = ExtractReport(handed_off=len(rows))
        if rows:
            _Handoff(Path(out), store, report).run(rows, workers, progress)
    return report


@dataclass
class _Handoff:
    out: Path
    store: StateStore
    report: ExtractReport

    def run(self, rows: list[DocumentRow], workers: int, progress: bool) -> None:
        from tqdm import tqdm

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
        with tqdm(total=len(ready), unit="doc", disable=not progress or None, file=sys.stderr) as bar:
            if workers > 1 and len(fresh) > 1:
                singles = self._batch(fresh, workers, bar.update) + singles
            else:
                singles = fresh + singles
            for row in singles:
                self._one(row)
                bar.update()

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

    def _one(self, row: DocumentRow) -> None:
        """Extract one document; whatever happens, it gets an outcome (or a counted attempt)."""
        if row.extract_attempts >= MAX_ATTEMPTS:
            return self._record(
                row,
                "failed",
                f"extraction did not finish in {row.extract_attempts} attempts: the process died while "
                "extracting it (a crash, a kill or running out of memory); not retried until its bytes change",
            )
        outcomes = self._guarded([row], workers=1, undo=False)
        if outcomes is not None:
            self._record(row, outcomes[0].status, outcomes[0].message)
        return None

    def _batch(
        self, rows: list[DocumentRow], workers: int, advance: Callable[[int], object]
    ) -> list[DocumentRow]:
        """Extract `rows` in worker processes; returns those left to do one at a time (all of
        them if the batch as a whole raised)."""
        outcomes = self._guarded(rows, workers=workers, undo=True)
        if outcomes is None:
            return rows
        for row, outcome in zip(rows, outcomes, strict=True):
            self._record(row, outcome.status, outcome.message)
        advance(len(rows))
        return []

    def _guarded(self, rows: list[DocumentRow], *, workers: int, undo: bool):
        """Count a hand-off of `rows`, then their `run_batch` outcomes, or None when it raised.
        An exception from a single document is recorded as its failure; from a batch, the
        attempts are taken back so the documents can be retried one at a time. An interruption
        by the user, or a full or read-only disk, is not the documents' fault: taken back, re-raised."""
        from pipeline.run import run_batch  # loads spaCy and the extractors: only when there is work

        try:
            for row in rows:
                self.store.count_extract_attempt(row.council, row.doc_key)
            result = run_batch(
                [source_for(r, self.out) for r in rows], self.out, workers=workers, progress=False
            )
            if len(result.outcomes) != len(rows):
                raise RuntimeError(f"{len(result.outcomes)} outcome(s) for {len(rows)} document(s)")
            return result.outcomes
        except OSError as exc:
            if exc.errno in ENVIRONMENT_ERRNOS:
                self._take_back(rows)
                raise
            return self._raised(rows, exc, undo)
        except Exception as exc:
            return self._raised(rows, exc, undo)
        except BaseException:  # KeyboardInterrupt, SystemExit
            self._take_back(rows)
            raise

    def _raised(self, rows: list[DocumentRow], exc: Exception, undo: bool) -> None:
        why = f"{type(exc).__name__}: {exc}"
        if undo:
            log.warning("extraction of a batch raised (%s); extracting its documents one at a time", why)
            self._take_back(rows)
        else:
            log.warning("extraction of %s raised %s", rows[0].url, why)
            self._record(rows[0], "failed", f"extraction raised {why}")

    def _take_back(self, rows: list[DocumentRow]) -> None:
        for row in rows:
            self.store.count_extract_attempt(row.council, row.doc_key, -1)

    def _record(self, row: DocumentRow, status: str, message: str | None) -> None:
        self.store.mark_extracted(row.council, row.doc_key, status, message)
        if status == "ok":
            self.report.ok += 1
        elif status == "partial":
            self.report.partial += 1
        else:
            self.report.failed[row.url] = message or status


def source_for(row: DocumentRow, out: Path):
    """The pipeline Source for a downloaded document: scrape metadata overrides the paper's own,
    and the document's URL is its source identity (a paper re-published there is a new version)."""
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
