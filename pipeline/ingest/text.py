"""Plain text and Markdown: UTF-8, with a recorded fallback to cp1252 or Latin-1."""

from __future__ import annotations

from pipeline.normalise import normalise
from schemas.document import Document

# Text beyond this is not read: it bounds memory on huge files and keeps spaCy's
# documents a sane size. The document is flagged, never silently cut.
MAX_TEXT_CHARS = 3_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS


def decode(data: bytes, warnings: list[str]) -> str:
    """Decode UTF-8 (BOM allowed), else cp1252, else Latin-1; note any fallback."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A huge file cut mid-character fails only at the very end: keep UTF-8.
        if exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig")
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.append(f"not valid UTF-8: decoded as {encoding}")
        return text
    raise AssertionError("latin-1 decodes any bytes")


def read_text(data: bytes, doc_id: str, uri: str, truncated: bool = False) -> Document:
    warnings: list[str] = []
    text = decode(data, warnings)
    if truncated or len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        warnings.append(f"text truncated: only the first {MAX_TEXT_CHARS:,} characters were read")
    return Document(
        doc_id=doc_id,
        source_uri=uri,
        source_format="text",
        text=normalise(text).text,
        warnings=warnings,
    )
