"""Small text helpers shared by the extractors: number words, line spans, whitespace folding.

One mechanism for each job, so every extractor splits lines and folds whitespace the same
way. Example: `line_spans("a\\nbc")` gives `[(0, 1), (2, 4)]`; `fold(" Tackle\\n ASB ")`
gives "Tackle ASB".
"""

from __future__ import annotations

_UNIT_NAMES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
UNIT_WORDS = {w: i for i, w in enumerate(_UNIT_NAMES.split())}
TENS_WORDS = {
    w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
# Lists and headings are numbered in words only this far ("Priority Three", "five priorities").
MAX_LIST_NUMBER_WORD = 12
NUMBER_WORDS = {w: i for w, i in UNIT_WORDS.items() if i <= MAX_LIST_NUMBER_WORD}


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every line of text[start:end], newline excluded; a trailing newline
    gives a last, empty line."""
    end = len(text) if end is None else end
    spans, pos = [], start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    return spans


def fold(s: str) -> str:
    """Whitespace runs (newlines included) as one space, ends stripped."""
    return " ".join(s.split())
