"""Read a paper (PDF, HTML or plain text, detected by content) into a normalised Document.

`load_document(path)` is the one entry point: it sniffs the bytes, hands them to the
reader for that format, and fills text quality. Metadata comes later (pipeline.metadata).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.ingest.detect import detect_format
from pipeline.ingest.html import read_html
from pipeline.ingest.pdf import MAX_PAGES, read_pdf
from pipeline.ingest.text import MAX_TEXT_BYTES, read_text
from pipeline.quality import text_quality
from schemas.document import Document

__all__ = ["load_document", "file_sha256", "IngestError", "MAX_PAGES"]

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, streamed so a huge file costs no memory."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def load_document(path: str | Path, source_uri: str | None = None, max_pages: int = MAX_PAGES) -> Document:
    """Ingest one file. Raises IngestError with a clear message when it cannot be read.

    PDFs beyond `max_pages` pages are read up to it and flagged "text truncated".
    """
    path = Path(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO or /dev/zero would never end
            raise IngestError(f"not a regular file ({_file_kind(info.st_mode)}): only files can be papers")
        size = info.st_size
        doc_id = file_sha256(path)
        with open(path, "rb") as f:
            head = f.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise IngestError("empty file (0 bytes)")
    fmt = detect_format(head, path.suffix.lower())
    uri = source_uri or str(path)
    if fmt == "pdf":
        doc = read_pdf(path, doc_id, uri, max_pages=max_pages)
    elif fmt == "html":
        doc = read_html(head, doc_id, uri, truncated=size > len(head))
    else:
        doc = read_text(head, doc_id, uri, truncated=size > len(head))
    if doc.text_quality != "no_text":
        doc.text_quality = text_quality(doc.text)
    return doc


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):  # fmt: skip
        if test(mode):
            return kind
    return "not a file"
