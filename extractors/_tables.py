"""Text-table parsing shared by table extractors: cells, delimited rows, headings, PDF tables.

Council papers reach us as text in three table shapes. Word and HTML exports keep a
row per line with tab-separated cells ("Legislation\tGovernment guidance could
change focus\tHorizon scanning\tC III"); Markdown-ish exports use pipes; PDF text
backends flatten a table into blank-line separated blocks, one cell after another
(`_flat_tables` reads those). This module turns delimited lines into rows of `Cell`s
that carry their span in the text, with `split_cells` the one way a line is cut into
cells, and finds the heading or caption over a table; deciding which table is which
is the caller's business. For PDF tables (pdfplumber rows) it groups a table with its
continuation on the next page and finds a cell's words in the page text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.document import Table

# Markdown header rule: "|---|:---:|".
_RULE_LINE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
DELIMITERS = ("\t", "|")  # cell separators: tabs (Word, HTML exports) and pipes (Markdown)
MAX_ROW_LINES = 40  # a row longer than this is a layout we misread, not a row
MAX_HEADING_WORDS = 12  # "Appendix 2: Risks to delivery of the community safety plan"
MAX_LINES_TO_HEADING = 8  # an introductory paragraph, wrapped in PDF text, between heading and table
# A line ending a sentence or a clause is prose, not a heading; a caption may end with a colon.
_SENTENCE_END = re.compile(r"[.;,!?]$")
INTERLEAVE_WINDOW = 400  # chars between two runs of a cell's words in interleaved page text


@dataclass(frozen=True)
class Cell:
    """A table cell: text with wraps joined, and where it sits (span in doc.text, or a PDF page)."""

    text: str
    start: int | None = None
    end: int | None = None
    page: int | None = None


def join_lines(s: str) -> str:
    return " ".join(s.split())


def make_cell(text: str, start: int, end: int) -> Cell | None:
    """The cell for text[start:end] with surrounding whitespace trimmed; None if empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Cell(join_lines(text[start:end]), start, end)


def merge(a: Cell | None, b: Cell | None) -> Cell | None:
    """One cell from a cell and its continuation (a wrapped line or second paragraph)."""
    if a is None or b is None:
        return a or b
    start = None if a.start is None or b.start is None else min(a.start, b.start)
    end = None if a.end is None or b.end is None else max(a.end, b.end)
    return Cell(a.text + " " + b.text, start, end, a.page)


def merge_rows(a: list[Cell | None], b: list[Cell | None]) -> list[Cell | None]:
    width = max(len(a), len(b))
    a = a + [None] * (width - len(a))
    b = b + [None] * (width - len(b))
    return [merge(x, y) for x, y in zip(a, b)]


# ---------------------------------------------------------------- lines and blocks
def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
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


def heading_above(text: str, start: int) -> str | None:
    """The heading or caption over whatever starts on the line holding `start` (a table):
    the nearest short line above it ("8. Risk management", "Table 3: Key risks",
    "Appendix B - risk register"), looking past an introductory paragraph of at most
    MAX_LINES_TO_HEADING lines. None when another table's line comes first or no heading
    is that near."""
    below = None  # the line under the one looked at: a heading is not wrapped into it
    for k, line in enumerate(_nonblank_lines_before(text, start)):
        if k >= MAX_LINES_TO_HEADING or any(d in line for d in DELIMITERS):
            return None
        if _is_heading(line, below):
            return line
        below = line
    return None


def _nonblank_lines_before(text: str, start: int):
    end = text.rfind("\n", 0, start)
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        if line:
            yield line
        end = begin - 1


def _is_heading(line: str, below: str | None) -> bool:
    starts_like_heading = line[0].isupper() or line[0].isdigit()
    if not starts_like_heading or len(line.split()) > MAX_HEADING_WORDS or _SENTENCE_END.search(line):
        return False
    return below is None or not below[:1].islower()  # a line the next one reads on from is wrapped prose


def split_cells(text: str, start: int, end: int, sep: str) -> list[Cell | None]:
    """Cells of one delimited line; a pipe line's outer pipes and a rule line give nothing."""
    line = text[start:end]
    if sep == "|":
        if _RULE_LINE.match(line):
            return []
        stripped = line.strip()
        if stripped.startswith("|"):
            start += line.index("|") + 1
        if stripped.endswith("|") and len(stripped) > 1:
            end = start + text[start:end].rindex("|")
    cells, pos = [], start
    while True:
        cut = text.find(sep, pos, end)
        stop = end if cut < 0 else cut
        cells.append(make_cell(text, pos, stop))
        if cut < 0:
            return cells
        pos = cut + 1


def first_cell(line: str) -> str:
    """The first cell of a tab- or pipe-delimited line; the whole line when it has neither."""
    for sep in DELIMITERS:
        if sep in line:
            cells = split_cells(line, 0, len(line), sep)
            return cells[0].text if cells and cells[0] else ""
    return line.strip()


def delimited_grids(text: str) -> list[list[list[str | None]]]:
    """Runs of consecutive lines delimited the same way, as grids of cell texts (a legend
    laid out as a tab or pipe table, say)."""
    grids: list[list[list[str | None]]] = []
    cur: list[list[str | None]] = []
    cur_sep = None
    for s, e in line_spans(text):
        sep = next((d for d in DELIMITERS if d in text[s:e]), None)
        if sep != cur_sep and cur:
            grids.append(cur)
            cur = []
        cur_sep = sep
        if sep is not None:
            cells = split_cells(text, s, e, sep)
            if cells:  # a Markdown rule line has none
                cur.append([c.text if c else None for c in cells])
    if cur:
        grids.append(cur)
    return grids


@dataclass
class _RowBuilder:
    """Rows of an n-column table as its lines are read, the last one maybe still short."""

    n: int
    line: int  # where the current row started
    done: list[list[Cell | None]] = field(default_factory=list)
    cur: list[Cell | None] | None = None

    @property
    def short(self) -> bool:
        return self.cur is not None and len(self.cur) < self.n

    def add_line(self, cells: list[Cell | None], has_sep: bool, i: int) -> None:
        """A line's cells: the rest of a short row (its first piece continues the row's last
        cell), or a new row."""
        full = has_sep and len(cells) >= self.n
        if self.cur is not None and self.short and not full and len(self.cur) + len(cells) - 1 <= self.n:
            self.cur[-1] = merge(self.cur[-1], cells[0])
            self.cur.extend(cells[1:])
        else:
            self.finish_row()
            self.cur, self.line = cells, i

    def continue_last_cell(self, cell: Cell | None) -> None:
        if self.cur is not None:
            self.cur[-1] = merge(self.cur[-1], cell)

    def finish_row(self) -> None:
        if self.cur is not None:
            self.done.append(self.cur)
            self.cur = None


def delimited_rows(
    text: str,
    lines: Sequence[tuple[int, int]],
    first: int,
    n: int,
    sep: str,
    stop: Callable[[str], bool],
) -> tuple[list[list[Cell | None]], int]:
    """Rows of an n-column delimited table whose body starts at line index `first`.

    A row whose cells hold line breaks arrives split over lines with fewer separators:
    while a row is short of n cells, the next line's first piece continues its last
    cell. The table ends at a line without separators once the row is complete, at a
    blank line not followed by a delimited line, or where `stop` says so. Returns the
    rows and the index of the first line after the table.
    """
    rows = _RowBuilder(n, first)
    i = first
    while i < len(lines) and i - rows.line <= MAX_ROW_LINES:
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            resume = _resumes_after_blank(text, lines, i, sep, rows.short, stop)
            if resume is None:
                break
            i = resume
            continue
        if stop(line):
            break
        if sep in line or rows.short:
            cells = split_cells(text, s, e, sep) if sep in line else [make_cell(text, s, e)]
            if cells:  # a Markdown rule line has none
                rows.add_line(cells, sep in line, i)
        elif rows.cur is not None and _wraps_last_cell(text, lines, i, sep):
            rows.continue_last_cell(make_cell(text, s, e))
        else:
            break
        i += 1
    rows.finish_row()
    return rows.done, i


def _resumes_after_blank(
    text: str, lines: Sequence[tuple[int, int]], i: int, sep: str, short: bool, stop: Callable[[str], bool]
) -> int | None:
    """The line a table goes on at after the blank line i: the next line, if it is delimited
    or the row above is still short of cells; None where the table ends."""
    j = _next_nonblank(text, lines, i)
    if j is None:
        return None
    nxt = text[slice(*lines[j])]
    return None if stop(nxt) or not (short or sep in nxt) else j


def _wraps_last_cell(text: str, lines: Sequence[tuple[int, int]], i: int, sep: str) -> bool:
    """A plain line right after a complete row continues its last cell if it reads on
    (starts lower-case) or the table goes on after it."""
    line = text[slice(*lines[i])].strip()
    if line[:1].islower():
        return True
    return i + 1 < len(lines) and text[slice(*lines[i + 1])].count(sep) >= 1


def _next_nonblank(text: str, lines: Sequence[tuple[int, int]], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if text[slice(*lines[j])].strip():
            return j
    return None


# ---------------------------------------------------------------- PDF tables
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
        self.canon = "".join(_fold(text[i]) for i in self.index)

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
