"""The in-memory document every extractor reads: normalised text, pages, tables, metadata."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A table found on a PDF page: rows of cell strings (normalised, None for empty)."""

    page: int  # 1-based
    rows: list[list[str | None]]


@dataclass
class DocumentMeta:
    """What the paper is: from its own front sheet, or from the scraper's metadata."""

    council: str | None = None
    body: str | None = None
    meeting_date: dt.date | None = None
    title: str | None = None
    agenda_item: str | None = None
    document_title: str | None = None
    published_date: dt.date | None = None


@dataclass
class Document:
    doc_id: str  # sha256 hex of the source bytes
    source_uri: str
    source_format: str  # "pdf" | "text" | "html"
    text: str  # normalised text; every span indexes it
    page_starts: list[int] = field(default_factory=lambda: [0])
    tables: list[Table] = field(default_factory=list)
    text_quality: str = "ok"  # "ok" | "noisy" | "no_text"
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    warnings: list[str] = field(default_factory=list)

    @property
    def n_pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int | None:
        """1-based page holding `offset`; None for plain text (no pages)."""
        if self.source_format != "pdf":
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def page_text(self, page: int) -> str:
        """Text of one 1-based page."""
        start = self.page_starts[page - 1]
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.text[start:end]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
