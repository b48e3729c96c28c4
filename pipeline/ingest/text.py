"""Plain text and Markdown: UTF-8, UTF-16/32, with a recorded fallback to cp1252."""

from __future__ import annotations

import codecs

from pipeline.normalise import normalise
from schemas.document import Document

# Text beyond this is not read: it bounds memory on huge files and keeps spaCy's
# documents a sane size. The document is flagged, never silently cut.
MAX_TEXT_CHARS = 3_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of NUL bytes at a position (mod 2 or 4) above which text is UTF-16/32 without a BOM.
WIDE_NUL_SHARE = 0.7


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) for UTF-16/32 text, with or without a byte-order mark; else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return (codec, len(bom)) if codec != "utf-8" else None
    sample = data[:4096]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 4 * 4]

    def nul_share(offset: int, step: int) -> float:
        column = sample[offset::step]
        return column.count(0) / len(column)

    if all(nul_share(k, 4) > WIDE_NUL_SHARE for k in (1, 2, 3)):
        return "utf-32-le", 0
    if all(nul_share(k, 4) > WIDE_NUL_SHARE for k in (0, 1, 2)):
        return "utf-32-be", 0
    if nul_share(1, 2) > WIDE_NUL_SHARE and nul_share(0, 2) < 1 - WIDE_NUL_SHARE:
        return "utf-16-le", 0
    if nul_share(0, 2) > WIDE_NUL_SHARE and nul_share(1, 2) < 1 - WIDE_NUL_SHARE:
        return "utf-16-be", 0
    return None


def decode(data: bytes, warnings: list[str]) -> str:
    """Text of a file's bytes: UTF-16/32 (BOM or not), UTF-8, or cp1252; notes anything unusual.

    A few bad bytes in UTF-8 text are replaced where they are (U+FFFD), not by re-reading
    the whole document in another encoding; text with no valid UTF-8 beyond ASCII is a
    Windows code page (cp1252, the common one for UK papers).
    """
    if wide := wide_encoding(data):
        codec, skip = wide
        body = data[skip:]
        text = body[: len(body) - len(body) % (4 if "32" in codec else 2)].decode(codec, "replace")
        warnings.append(f"decoded as {codec.upper()}")
        return _note_replaced(text, warnings)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A huge file cut mid-character fails only at the very end: keep UTF-8.
        if exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig", "replace")
    text = data.decode("utf-8-sig", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= bad:  # real UTF-8 with some damage: replace the damage only
        warnings.append(f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD")
        return text
    warnings.append("not valid UTF-8: decoded as cp1252")
    return _note_replaced(data.decode("cp1252", "replace"), warnings)


def _note_replaced(text: str, warnings: list[str]) -> str:
    if n := text.count("\ufffd"):
        warnings.append(f"{n} undecodable character(s) replaced by U+FFFD")
    return text


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
