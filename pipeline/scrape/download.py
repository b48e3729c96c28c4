"""Download phase: fetch pending documents, sniff them, store them content-addressed.

Only documents the state store lists as pending, stale (listing changed) or failed
transiently are requested; known documents are asked for conditionally (ETag /
Last-Modified). A body that is not a PDF (sites answer blocks and errors with HTTP 200
HTML) is a failed document with the reason, never a dataset row.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline.scrape.errors import FetchError
from pipeline.scrape.http import FetchResult, PoliteClient
from pipeline.scrape.state import DOWNLOADED, DUPLICATE, STALE, DocumentRow, StateStore

if TYPE_CHECKING:
    from pipeline.scrape.scrape import CouncilReport

RAW_DIR = "raw"
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WITHIN = 1024  # the PDF spec lets the header sit anywhere in the first 1 KB


@dataclass
class Downloader:
    slug: str
    out: Path
    client: PoliteClient
    store: StateStore
    report: CouncilReport

    def download(self, *, retry_failed: bool = False, revalidate: set[str] = frozenset()) -> None:
        slug = self.slug
        for row in self.store.documents_to_fetch(slug, retry_failed=retry_failed, revalidate_keys=revalidate):
            if reason := _unsupported(row.url):
                self.store.mark_skipped(slug, row.doc_key, reason)
                self.report.skipped[row.doc_key] = reason
                continue
            self._download(row)

    def _download(self, row: DocumentRow) -> None:
        slug, key = self.slug, row.doc_key
        conditional = row.sha256 is not None and row.status in (DOWNLOADED, DUPLICATE, STALE)
        try:
            res = self.client.get(
                row.url,
                etag=row.etag if conditional else None,
                last_modified=row.last_modified if conditional else None,
            )
        except FetchError as exc:
            return self._fail(key, exc.reason, permanent=exc.permanent)
        if res.not_modified:
            self.store.mark_unchanged(slug, key)
            self.report.unchanged.append(key)
            return None
        if not res.ok:
            return self._fail(key, f"HTTP {res.status}", permanent=400 <= res.status < 500)
        if problem := sniff_pdf(res):
            return self._fail(key, problem, permanent=False)
        sha, path = write_blob(self.out / RAW_DIR, res.body, ".pdf")
        if sha == row.sha256:
            self.store.mark_unchanged(slug, key)
            self.report.unchanged.append(key)
            return None
        status = self.store.mark_downloaded(
            slug,
            key,
            sha256=sha,
            path=str(path.relative_to(self.out)),
            size=len(res.body),
            etag=res.etag,
            last_modified=res.last_modified,
        )
        (self.report.downloaded if status == DOWNLOADED else self.report.duplicates).append(key)
        return None

    def _fail(self, key: str, reason: str, *, permanent: bool) -> None:
        self.store.mark_failed(self.slug, key, reason, permanent=permanent)
        self.report.failed[key] = reason


def _unsupported(url: str) -> str | None:
    """Only PDFs are collected; Word/Excel attachments and HTML renditions are skipped."""
    path = urlsplit(url).path.lower()
    if path.endswith((".pdf", "mgconvert2pdf.aspx")):
        return None
    suffix = Path(path).suffix or "(no extension)"
    return f"unsupported format {suffix}: only PDF documents are collected"


def sniff_pdf(res: FetchResult) -> str | None:
    """None if the body is a PDF; else why not (sites answer blocks and errors with HTTP 200 HTML)."""
    if PDF_MAGIC in res.body[:PDF_MAGIC_WITHIN]:
        return None
    head = res.body[:60].decode("utf-8", "replace").strip().replace("\n", " ")
    kind = res.content_type.split(";")[0] or "no Content-Type"
    return (
        f"expected a PDF but got {kind} starting {head!r}: an error or block page served in its "
        "place (will be retried next run)"
    )


def write_blob(root: Path, body: bytes, suffix: str) -> tuple[str, Path]:
    """Store bytes at root/ab/abcdef....suffix (sha256), atomically; existing files are kept."""
    sha = hashlib.sha256(body).hexdigest()
    path = root / sha[:2] / f"{sha}{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return sha, path
