"""Download phase: fetch pending documents, check them, store them content-addressed.

Only documents the state store lists as pending, stale (listing changed) or failed
transiently are requested; known documents are asked for conditionally (ETag /
Last-Modified). Papers are collected as PDF, HTML or plain text, told apart by their URL,
and stored under that suffix. Where a PDF is expected, a body that is not one (sites answer
blocks and errors with HTTP 200 HTML) is a failed document with the reason, never a dataset
row. A host that asked us to go away (a long Retry-After) leaves its documents for the next run.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from pipeline.scrape.errors import FetchError, HostBackedOffError
from pipeline.scrape.http import FetchResult, PoliteClient
from pipeline.scrape.report import CouncilReport
from pipeline.scrape.state import DOWNLOADED, DUPLICATE, RAW_DIR, STALE, DocumentRow, StateStore

__all__ = ["RAW_DIR", "Downloader", "paper_suffix", "skip_reason", "write_blob"]

PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WITHIN = 1024  # the PDF spec lets the header sit anywhere in the first 1 KB
# URL suffix -> stored suffix; ModernGov serves PDFs as .pdf or through mgConvert2PDF.aspx, and
# some papers only as an HTML page or a text file
PAPER_SUFFIXES = {".pdf": ".pdf", ".html": ".html", ".htm": ".html", ".txt": ".txt"}


@dataclass
class Downloader:
    slug: str
    out: Path
    client: PoliteClient
    store: StateStore
    report: CouncilReport

    def download(self, *, retry_failed: bool = False, revalidate: AbstractSet[str] = frozenset()) -> None:
        for row in self.store.documents_to_fetch(
            self.slug, retry_failed=retry_failed, revalidate_keys=revalidate
        ):
            self._download(row)

    def _download(self, row: DocumentRow) -> None:
        slug, key = self.slug, row.doc_key
        suffix = paper_suffix(row.url)
        if suffix is None:  # listed by a version that collected other formats
            reason = skip_reason(row.url) or "unsupported format"
            self.store.mark_skipped(slug, key, reason)
            self.report.skipped[key] = reason
            return None
        conditional = row.sha256 is not None and row.status in (DOWNLOADED, DUPLICATE, STALE)
        try:
            res = self.client.get(
                row.url,
                etag=row.etag if conditional else None,
                last_modified=row.last_modified if conditional else None,
            )
        except HostBackedOffError:  # nothing wrong with the document: ask again next run
            self.report.deferred.append(key)
            return None
        except FetchError as exc:
            return self._fail(key, exc.reason, permanent=exc.permanent)
        if res.not_modified:
            self.store.mark_unchanged(slug, key)
            self.report.unchanged.append(key)
            return None
        if not res.ok:
            return self._fail(key, f"HTTP {res.status}", permanent=400 <= res.status < 500)
        if problem := check_body(res, suffix):
            return self._fail(key, problem, permanent=False)
        sha, path = write_blob(self.out / RAW_DIR, res.body, suffix)
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


def paper_suffix(url: str) -> str | None:
    """The suffix a document is stored under, read from its URL; None for formats not collected
    (Word and Excel attachments, images, ...)."""
    path = urlsplit(url).path.lower()
    if path.endswith("mgconvert2pdf.aspx"):
        return ".pdf"
    return PAPER_SUFFIXES.get(PurePosixPath(path).suffix)


def skip_reason(url: str) -> str | None:
    """Why a listed document is not collected, or None if it is."""
    if paper_suffix(url):
        return None
    suffix = PurePosixPath(urlsplit(url).path.lower()).suffix or "(no extension)"
    return f"unsupported format {suffix}: only PDF, HTML and plain-text papers are collected"


def check_body(res: FetchResult, suffix: str) -> str | None:
    """None if the body can be the paper the URL promised; else why not."""
    if not res.body:
        return "empty response (0 bytes): will be retried next run"
    kind = res.content_type.split(";")[0].strip().lower() or "no Content-Type"
    if suffix == ".pdf":
        return None if PDF_MAGIC in res.body[:PDF_MAGIC_WITHIN] else _served_instead(res, "a PDF", kind)
    if suffix == ".txt" and kind == "text/html" and res.body.lstrip()[:1] == b"<":
        return _served_instead(res, "plain text", kind)
    return None  # an HTML paper is HTML whatever it says: ingest reads it by its content


def _served_instead(res: FetchResult, expected: str, kind: str) -> str:
    head = res.body[:60].decode("utf-8", "replace").strip().replace("\n", " ")
    return (
        f"expected {expected} but got {kind} starting {head!r}: an error or block page served in its "
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
