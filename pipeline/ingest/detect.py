"""Tell PDF, HTML and plain text apart by their bytes; refuse binary junk clearly."""

from __future__ import annotations

import re

from pipeline.errors import IngestError
from pipeline.ingest.text import wide_encoding

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|table|h[1-6]|br|span|li)\b[^>]*>", re.I)
# Share of control bytes (other than tab/newline/CR/FF) above which a file is binary.
MAX_CONTROL_SHARE = 0.05


def detect_format(head: bytes, suffix: str = "") -> str:
    """'pdf', 'html' or 'text' from the first bytes; IngestError for anything else."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    sample = head[:8192]
    if wide := wide_encoding(head):  # UTF-16/32: NUL bytes are text here, not binary
        sample = sample[wide[1] :].decode(wide[0], "ignore").encode("utf-8")
    elif suffix == ".pdf":
        raise IngestError(f"named .pdf but the content is not a PDF (it starts with {sample[:16]!r})")
    if not wide and _looks_binary(sample):
        raise IngestError("binary content: not a PDF, HTML or text file")
    if _HTML_START.match(sample) or len(_HTML_TAGS.findall(sample)) >= 3:
        return "html"
    return "text"


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE
