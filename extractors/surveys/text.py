"""Text plumbing for the surveys extractor: percentages, layout blocks and sentences.

Kept apart from `extractors/surveys.py` so the survey rules read on their own. Everything
here works on offsets into the normalised text, so spans stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.common.text import TENS_WORDS as _TENS
from extractors.common.text import UNIT_WORDS as _UNITS
from extractors.common.text import line_spans

_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_PER_CENT = r"(?:%|\s?per\s?cent\b|\s?percent\b)"
# "70%", "70 %", "10.5 per cent"; not the tail of "1,070%" or "v2.70%".
_DIGIT_PCT = re.compile(rf"(?<![\w.,£$€/])(\d{{1,3}}(?:\.\d+)?){_PER_CENT}", re.IGNORECASE)
_WORD_PCT = re.compile(
    rf"\b((?:{_TENS_WORD})(?:(?:-|\s+)(?:{_UNIT_WORD}))?|(?:one |a )?hundred|{_UNIT_WORD})\s+per\s?cent\b",
    re.IGNORECASE,
)

# A section or paragraph number at line start: "7.", "7.3.", "3.26", "8 " before a capital.
_PARA_NUMBER = re.compile(r"^(?:• )?(\d{1,2})((?:\.\d{1,2}){0,3})\.?[ \t]+(?=[A-Z(\"“‘'])")
_LIST_MARKER = re.compile(r"^[ \t]*(?:• |\(?[a-z]{1,2}[.)] |\(?[ivx]{1,4}[.)] )")  # may be indented
_ENDS_WITH_PERCENT = re.compile(rf"\d{_PER_CENT}\)?[.;,]?\s*$", re.IGNORECASE)
# A label line: "Litter 63%", "Very or fairly big problem: 34%" (no sentence around it).
_LABEL_LINE = re.compile(rf"^(?:[^.!?]|\.(?=\d))*\d{_PER_CENT}\)?\s*$", re.IGNORECASE)
_PERCENT_LINE = re.compile(rf"^[ \t]*(?:• )?\d{{1,3}}(?:\.\d+)?{_PER_CENT}", re.IGNORECASE)
_COUNTED_LINE = re.compile(
    rf"^[ \t]*(?:• )?\d[\d,]*\s*\(\s*\d{{1,3}}(?:\.\d+)?{_PER_CENT}\s*\)", re.IGNORECASE
)
_NUMBER_LINE = re.compile(r"^[ \t]*(?:• )?\d")
_TERMINAL = ".,;:!?"
# Headings are short standalone lines; longer lines without a stop are wrapped prose.
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "approx.",
    "no.",
    "cllr.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "vs.",
    "cf.",
)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(•]?[A-Z0-9])")


@dataclass(frozen=True)
class Percent:
    start: int  # span of the percentage expression itself
    end: int
    value: float


@dataclass(frozen=True)
class LayoutUnit:
    """One layout unit: a heading, a prose paragraph, a list item or a table row."""

    start: int  # content start, after any bullet or paragraph number
    end: int
    kind: str  # "heading" | "question" | "para" | "item" | "row"
    major: str | None  # leading section number ("7" for "7.3."), if any


def find_percents(text: str, start: int = 0, end: int | None = None) -> list[Percent]:
    """Every percentage in text[start:end] with a value between 0 and 100."""
    end = len(text) if end is None else end
    found: list[Percent] = []
    for m in _DIGIT_PCT.finditer(text, start, end):
        if (value := float(m.group(1))) <= 100:
            found.append(Percent(m.start(), m.end(), value))
    for m in _WORD_PCT.finditer(text, start, end):
        words = _word_number(m.group(1))
        if words is not None and words <= 100:
            found.append(Percent(m.start(), m.end(), float(words)))
    return sorted(found, key=lambda p: p.start)


def _word_number(words: str) -> int | None:
    parts = re.split(r"[-\s]+", words.lower())
    if parts[-1] == "hundred":
        return 100
    total = 0
    for part in parts:
        total += _TENS.get(part, _UNITS.get(part, 0))
    return total


def _is_heading(line: str, prev: str | None) -> bool:
    body = _PARA_NUMBER.sub("", line).strip()
    if not body or len(body) > HEADING_MAX_CHARS or len(body.split()) > HEADING_MAX_WORDS:
        return False
    if body[-1] in _TERMINAL or "\t" in line or line.lstrip().startswith("• ") or find_percents(body):
        return False
    standalone = prev is None or not prev.strip() or prev.rstrip()[-1] in ".:;!?"
    return standalone and (body[0].isupper() or body[0].isdigit())


def _is_question(line: str) -> bool:
    body = _PARA_NUMBER.sub("", line).strip()
    return body.endswith("?") and len(body) <= 2 * HEADING_MAX_CHARS and "\t" not in body


def _starts_block(line: str, prev: str | None, prev_kind: str | None) -> bool:
    if prev is None or not prev.strip() or prev_kind in ("heading", "question", "row"):
        return True
    if prev.rstrip().endswith(":"):  # a list follows its introduction
        return True
    if "\t" in line or _LIST_MARKER.match(line) or _PARA_NUMBER.match(line):
        return True
    if _is_heading(line, prev) or _is_question(line):
        return True
    # A run of lines each opening with its figure ("58 per cent agree ...", "140 (70%) were
    # against"): each line is a result of its own, and a line opening with a bare count
    # after them ("46 felt ...") does not run on into the line before.
    opens_with_figure = _NUMBER_LINE.match(prev) and _NUMBER_LINE.match(line)
    if _COUNTED_LINE.match(line) or (
        opens_with_figure and (_PERCENT_LINE.match(prev) or _PERCENT_LINE.match(line))
    ):
        return True
    # An unbulleted list: each line ends with its own percentage.
    return bool(_ENDS_WITH_PERCENT.search(prev)) and line[:1].isupper()


def _continues(line: str) -> bool:
    """A line opening in lower case carries on the line before it."""
    return line[:1].islower() and not _LIST_MARKER.match(line)


def _line_kind(line: str, prev: str | None) -> str:
    if "\t" in line.strip():
        return "row"
    if _is_question(line):
        return "question"
    if _is_heading(line, prev):
        return "heading"
    if _LIST_MARKER.match(line):
        return "item"
    return "para"


def blocks(text: str) -> list[LayoutUnit]:
    """Split normalised text into headings, paragraphs, list items and table rows."""
    out: list[LayoutUnit] = []
    prev: str | None = None
    prev_kind: str | None = None
    pending: list = []
    for ls, le in line_spans(text):
        line = text[ls:le]
        if not line.strip():
            prev, prev_kind = line, None
            continue
        if pending and pending[2] == "heading" and prev and prev.strip() and _continues(line):
            # A short first line of wrapped prose looked like a heading ("... and seventy" / "per cent").
            pending[1], pending[2] = le, "para"
        elif not pending or _starts_block(line, prev, prev_kind):
            if pending:
                out.append(_make_block(text, *pending))
            pending = [ls, le, _line_kind(line, prev)]
        else:
            pending[1] = le
        prev, prev_kind = line, pending[2]
    if pending:
        out.append(_make_block(text, *pending))
    return out


def _make_block(text: str, start: int, end: int, kind: str) -> LayoutUnit:
    line = text[start:end]
    major = None
    m = _PARA_NUMBER.match(line)
    if m:
        # "7.3" or a numbered heading is a section; a bare "1." may just number a list.
        if m.group(2) or kind == "heading":
            major = m.group(1)
        start += m.end()
    else:
        marker = _LIST_MARKER.match(line)
        if marker:
            start += marker.end()
    # A short unbulleted line ending in its percentage is a list item ("Litter 63%").
    one_line = "\n" not in text[start:end] and len(text[start:end].split()) <= HEADING_MAX_WORDS
    if kind == "para" and one_line and _LABEL_LINE.match(text[start:end]):
        kind = "item"
    while start < end and text[start] in " \t":
        start += 1
    return LayoutUnit(start, end, kind, major)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]; abbreviations and decimals do not split.

    The survey modules' only sentence splitter: evidence spans and list introductions must agree
    on where a sentence ends.
    """
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        head = text[s : m.start()].rstrip("\"'”’)")
        if head.lower().endswith(_ABBREVIATIONS) or not head.strip():
            continue
        spans.append((s, m.start()))
        s = m.end()
    if s < end:
        spans.append((s, end))
    return [(a, _rstrip_end(text, a, b)) for a, b in spans if text[a:b].strip()]


def _rstrip_end(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b
