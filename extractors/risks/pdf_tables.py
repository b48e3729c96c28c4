"""PDF tables (pdfplumber rows): a table grouped with its continuation on the next page,
and a cell's words found in the page text.

pdfplumber gives a ruled table's rows, e.g. ["Insufficient data from\npartners", ...];
the page-text backend gives the same words with other line breaks, maybe interleaved
with the next column's, so `TextFinder` matches letters and digits only.
"""

from __future__ import annotations

import bisect

from schemas.document import Table

INTERLEAVE_WINDOW = 400  # chars between two runs of a cell's words in interleaved page text


def table_runs(tables: list[Table]) -> list[list[Table]]:
    """PDF tables grouped with their continuations: a table that is the first on its page,
    as wide as the last table on the page before, carries that table on."""
    runs: list[list[Table]] = []
    seen_pages: set[int] = set()
    for t in tables:
        prev = runs[-1][-1] if runs else None
        first_here = t.page not in seen_pages
        if prev is not None and first_here and t.page == prev.page + 1 and _width(t) == _width(prev):
            runs[-1].append(t)
        else:
            runs.append([t])
        seen_pages.add(t.page)
    return runs


def _width(t: Table) -> int:
    return max((len(r) for r in t.rows), default=0)


def _canon(s: str) -> str:
    return "".join(_fold(ch) for ch in s if ch.isalnum())


def _fold(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch  # one char in, one out: the offset map stays exact


class TextFinder:
    """Finds a PDF cell's text in doc.text ignoring spacing, punctuation and case.

    pdfplumber and the page-text backend agree on the words but not on line breaks,
    hyphenation or quote marks, so both sides are reduced to letters and digits.
    """

    def __init__(self, text: str, page_starts: list[int]):
        self.text, self.page_starts = text, page_starts
        self.index = [i for i, ch in enumerate(text) if ch.isalnum()]
        kept = "".join([text[i] for i in self.index])
        low = kept.lower()  # as _fold, in one call, when no letter lowers to two (then lengths differ)
        self.canon = low if len(low) == len(kept) else "".join(_fold(ch) for ch in kept)

    def find(self, name: str, page: int | None, after: int | None) -> tuple[int, int] | None:
        """Span of `name` on its page (from `after` on, if that is on the page), else anywhere.

        A page-text backend may interleave a wrapped cell's lines with its neighbours'
        ("Insufficient data from Changes to police ... partners systems ..."); then the
        span runs from the name's first word to its last.
        """
        words = [w for w in (_canon(w) for w in name.split()) if w]
        if not words:
            return None
        lo, hi = self._page_range(page)
        first = max(lo, after) if after is not None and lo <= after < hi else lo
        for a, b in ((first, hi), (lo, hi), (0, len(self.text))):
            span = self._search("".join(words), a, b) or self._search_pieces(words, a, b)
            if span:
                return span
        return None

    def _search_pieces(self, words: list[str], a: int, b: int) -> tuple[int, int] | None:
        """The name as consecutive runs of its words, each soon after the last."""
        start = end = None
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                limit = b if end is None else min(b, end + INTERLEAVE_WINDOW)
                span = self._search("".join(words[i:j]), a if end is None else end, limit)
                if span:
                    break
            else:
                return None
            start = span[0] if start is None else start
            end, i = span[1], j
        return (start, end) if start is not None and end is not None else None

    def _page_range(self, page: int | None) -> tuple[int, int]:
        if page is None or not 1 <= page <= len(self.page_starts):
            return 0, len(self.text)
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.page_starts[page - 1], end

    def _search(self, key: str, a: int, b: int) -> tuple[int, int] | None:
        ca, cb = bisect.bisect_left(self.index, a), bisect.bisect_left(self.index, b)
        pos = self.canon.find(key, ca, cb)
        if pos < 0 or not key:
            return None
        return self.index[pos], self.index[pos + len(key) - 1] + 1
