"""Document metadata read from the paper itself: council, body, meeting date, title.

Committee reports open with a front sheet in one of a few layouts:
"Health and Wellbeing Board / 16 April 2026 / <title> / Report from: …", or
"To: Kent Community Safety Partnership – 20 November 2025 … Subject: <title>".
Without one, a report that goes to a meeting says so ("a matter for Council
(25 April 2013)"); the latest such date is the meeting it went to. The council is
recognised by its names and e-mail/web domains (from the councils config).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from pipeline.document import DocumentMeta

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
DATE = (
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}|{_MON}),?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
)
_DATE_RE = re.compile(DATE)
_ONLY_DATE = re.compile(rf"^\s*(?:Date(?: of meeting)?:\s*|Meeting date:\s*)?({DATE})\s*$", re.I)
_TO_LINE = re.compile(rf"^To:\s*(?P<body>.+?)\s*(?:[–—-]|,|\bon\b)\s*(?P<date>{DATE})\s*$", re.I)
_LABEL = re.compile(r"^(?P<label>Subject|Report title|Title|Meeting|Committee|Date|Meeting date):\s*(?P<value>.+)$", re.I)
BODY_WORDS = re.compile(
    r"\b(Board|Committee|Council|Cabinet|Partnership|Panel|Forum|Executive|Group|Assembly|Commission)\b"
)
_NOT_TITLE = re.compile(r"^(?:Report (?:from|by)|Author|Lead officer|By|From|Classification|Contact|Summary|Ward)\b", re.I)
# A report that goes to a meeting: "to Council on 25 April 2013", "a matter for Cabinet (16 April)".
_GOES_TO = re.compile(
    rf"\b(?:to|for|by|before)\s+(?:the\s+)?(?P<body>(?:Full\s+)?Council|Cabinet|"
    rf"(?:[A-Z][\w'&,]*\s+){{0,9}}(?:Committee|Board|Panel|Partnership))"
    rf"\s*(?:on|\(|,|[–—-])?\s*(?P<date>{DATE})"
)
FRONT_LINES = 25
GENERIC_HEADINGS = {
    "summary", "executive summary", "purpose of report", "recommendations", "recommendation",
    "background", "introduction", "contents", "appendices", "report", "update",
}  # fmt: skip


@dataclass(frozen=True)
class CouncilIdentity:
    """How a paper names its council: slug, names and web/e-mail domains."""

    slug: str
    names: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=4096)
def parse_date(text: str) -> dt.date | None:
    """A date as written in a paper ("Thursday, 20 November 2025", "16/04/2026")."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    parsed = dateparser.parse(
        text, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


def extract_metadata(text: str, councils: Iterable[CouncilIdentity] = ()) -> DocumentMeta:
    meta = DocumentMeta(council=detect_council(text, councils))
    _front_sheet(text, meta)
    if meta.meeting_date is None:
        _goes_to_meeting(text, meta)
    if meta.title is None:
        meta.title = _title_line(text)
    return meta


def detect_council(text: str, councils: Iterable[CouncilIdentity]) -> str | None:
    """The council whose domains (weighted 3) and names (weighted 2) the text mentions most."""
    lowered = text.lower()
    best, best_score = None, 0
    for c in councils:
        score = sum(3 * lowered.count(d.lower()) for d in c.domains)
        score += sum(2 * len(re.findall(rf"\b{re.escape(n)}\b", text)) for n in c.names)
        if score > best_score:
            best, best_score = c.slug, score
    return best


def _front_lines(text: str) -> list[str]:
    lines = [ln.strip() for ln in text[:4000].split("\n")]
    return [ln for ln in lines if ln][:FRONT_LINES]


def _front_sheet(text: str, meta: DocumentMeta) -> None:
    lines = _front_lines(text)
    for i, line in enumerate(lines):
        if m := _TO_LINE.match(line):
            meta.body = meta.body or _clean(m.group("body"))
            meta.meeting_date = meta.meeting_date or parse_date(m.group("date"))
        elif m := _LABEL.match(line):
            label, value = m.group("label").lower(), _clean(m.group("value"))
            if label in ("subject", "report title", "title"):
                meta.title = meta.title or value
            elif label in ("meeting", "committee"):
                meta.body = meta.body or value
            elif (d := _DATE_RE.search(value)) and not meta.meeting_date:
                meta.meeting_date = parse_date(d.group(0))
        elif (m := _ONLY_DATE.match(line)) and meta.meeting_date is None:
            meta.meeting_date = parse_date(m.group(1))
            if i > 0 and _looks_like_body(lines[i - 1]):
                meta.body = meta.body or lines[i - 1]
            for nxt in lines[i + 1 : i + 3]:
                if not _NOT_TITLE.match(nxt) and len(nxt.split()) <= 25 and not nxt.startswith("•"):
                    meta.title = meta.title or _clean(nxt)
                    break


def _looks_like_body(line: str) -> bool:
    return bool(BODY_WORDS.search(line)) and len(line.split()) <= 12 and not line.endswith(".")


def _goes_to_meeting(text: str, meta: DocumentMeta) -> None:
    found = []
    for m in _GOES_TO.finditer(text):
        date = parse_date(m.group("date"))
        if date:
            found.append((date, _clean(re.sub(r"^Full\s+", "", m.group("body")))))
    if found:
        date, body = max(found)
        meta.meeting_date = date
        meta.body = meta.body or body


def _title_line(text: str) -> str | None:
    """First short title-case line standing alone near the top, not a generic heading."""
    # Paragraphs are blank-line separated: a title stands alone, a wrapped sentence does not.
    for para in text[:6000].split("\n\n")[:40]:
        line = para.strip()
        words = line.split()
        if not words or "\n" in line:
            continue
        if not 3 <= len(words) <= 16 or line[-1] in ".:;,?" or line[0] in "•(" or line[0].isdigit():
            continue
        if line.lower() in GENERIC_HEADINGS or _NOT_TITLE.match(line):
            continue
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if long_words and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75:
            return _clean(line)
    return None


def _clean(value: str) -> str:
    return " ".join(value.replace("*", "").split()).strip(" –—-:")
