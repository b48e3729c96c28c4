"""The year a paper was written, for telling apart Acts that share a title.

From the paper's metadata (meeting or publication date) when known, else the latest date
the text writes out in full ("9 October 2024", "09/10/2024") and not as a deadline ("by 31
March 2026"): a paper is written on or after the dates it reports.
"""

from __future__ import annotations

import re

from schemas.document import Document

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_DATE = re.compile(
    rf"\b(?:[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+|[0-3]?\d[/.][01]?\d[/.])(?P<year>(?:19|20)\d\d)\b"
)


# "by 31 March 2026", "before 1 April": a deadline looks ahead of the paper.
_DEADLINE = re.compile(r"\b(?:by|before|until|deadline|due)\s+(?:the\s+)?$", re.IGNORECASE)


def paper_year(doc: Document) -> int | None:
    """The paper's year: its metadata date, else the latest full date its text gives."""
    for date in (doc.meta.meeting_date, doc.meta.published_date):
        if date is not None:
            return date.year
    text = doc.text or ""
    years = [
        int(m.group("year"))
        for m in _FULL_DATE.finditer(text)
        if not _DEADLINE.search(text, max(0, m.start() - 12), m.start())
    ]
    return max(years) if years else None
