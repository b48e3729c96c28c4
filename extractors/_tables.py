"""Text-table parsing shared by table extractors: tab, pipe and flattened layouts.

Council papers reach us as text in three table shapes. Word and HTML exports keep a
row per line with tab-separated cells ("Legislation\tGovernment guidance could
change focus\tHorizon scanning\tC III"); Markdown-ish exports use pipes; PDF text
backends flatten a table into blank-line separated blocks, one cell after another,
each cell wrapped at its column's width. This module turns each shape into rows of
`Cell`s that carry their span in the text; deciding which table is which is the
caller's business. For PDF tables (pdfplumber rows) it groups a table with its
continuation on the next page and finds a cell's words in the page text.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.document import Table

# Markdown header rule: "|---|:---:|".
_RULE_LINE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
MAX_ROW_LINES = 40  # a row longer than this is a layout we misread, not a row

# Flattened-table alignment costs (units: one unexplained paragraph break).
EXTRA_PARAGRAPH = 1.0  # a cell holding a second paragraph
MISSING_CELL = 3.0  # a last row that stops short
LEFTOVER_BLOCK = 1.5  # a block after the table that no cell takes
TOO_WIDE = 2.0  # a block whose lines are wider than its column's wrap width
TOO_NARROW = 1.0  # a block that wraps well before its column's width
WIDTH_TOLERANCE = 0.15  # proportional fonts: character counts per line vary this much
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
    rows: list[list[Cell | None]] = []
    cur: list[Cell | None] | None = None
    i = row_line = first
    while i < len(lines) and i - row_line <= MAX_ROW_LINES:
        s, e = lines[i]
        body = text[s:e]
        if not body.strip():
            j = _next_nonblank(text, lines, i)
            short = cur is not None and len(cur) < n
            if j is None or stop(text[slice(*lines[j])]) or not (short or sep in text[slice(*lines[j])]):
                break
            i = j
            continue
        if stop(body):
            break
        if sep not in body and (cur is None or len(cur) >= n):
            if cur is None or not _wraps_last_cell(text, lines, i, sep):
                break
            cur[-1] = merge(cur[-1], make_cell(text, s, e))
            i += 1
            continue
        cells = split_cells(text, s, e, sep) if sep in body else [make_cell(text, s, e)]
        if cells:  # a Markdown rule line has none
            full = sep in body and len(cells) >= n
            if cur is not None and len(cur) < n and not full and len(cur) + len(cells) - 1 <= n:
                cur[-1] = merge(cur[-1], cells[0])
                cur.extend(cells[1:])
            else:
                if cur is not None:
                    rows.append(cur)
                cur, row_line = cells, i
        i += 1
    if cur is not None:
        rows.append(cur)
    return rows, i


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


@dataclass(frozen=True)
class Block:
    """A blank-line separated chunk of text: in a flattened table, one cell paragraph."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def widest(self) -> int:
        """About the wrap width from below: the longest line, or the second longest of three
        or more (a line-end hyphen repaired in normalisation makes one line overlong)."""
        lengths = sorted(len(line) for line in self.lines)
        return lengths[-2] if len(lengths) >= 3 else lengths[-1]

    @property
    def wrap_limit(self) -> int | None:
        """Upper bound of the wrap width: a wrapped line plus the word that did not fit."""
        if len(self.lines) < 2:
            return None
        return min(len(a) + 1 + len(b.split()[0]) for a, b in zip(self.lines, self.lines[1:]) if b.split())


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    end = len(text) if end is None else end
    out, pos = [], start
    for m in _BLANK_SPLIT.finditer(text, start, end):
        _add_block(text, pos, m.start(), out)
        pos = m.end()
    _add_block(text, pos, end, out)
    return out


def _add_block(text: str, s: int, e: int, out: list[Block]) -> None:
    cell = make_cell(text, s, e)
    if cell is not None and cell.start is not None and cell.end is not None:
        lines = tuple(ln.strip() for ln in text[cell.start : cell.end].split("\n") if ln.strip())
        out.append(Block(cell.start, cell.end, lines))


# ---------------------------------------------------------------- flattened tables
Emit = Callable[[Block, int, bool], float]


def align_blocks(body: Sequence[Block], n: int, emit: Emit) -> tuple[list[list[list[Block]]], float, float]:
    """Deal flattened blocks into rows of n cells at least cost.

    Blocks come cell after cell, row after row; a cell may hold several paragraphs and
    the table may end before the blocks do. `emit(block, column, continues)` prices a
    block in a column. A second pass adds each column's wrap width, estimated from the
    first pass: PDF text wraps every cell at its column's width, so a paragraph whose
    lines are too wide, or wrap too early, belongs to another column. Returns the rows,
    the total cost (blocks left after the table included) and the cost of the rows alone.
    """
    rows, cost, table_cost = _align(body, n, emit)
    widths = _column_widths(rows, n)
    if sum(w is not None for w in widths) >= 2:

        def emit_w(b: Block, c: int, cont: bool) -> float:
            return emit(b, c, cont) + _width_cost(b, widths[c])

        rows, cost, table_cost = _align(body, n, emit_w)
    return rows, cost, table_cost


def _align(body: Sequence[Block], n: int, emit: Emit) -> tuple[list[list[list[Block]]], float, float]:
    m = len(body)
    inf = float("inf")
    # best[i][c]: cost of dealing body[:i] with body[i-1] in column c.
    best = [[inf] * n for _ in range(m + 1)]
    back: list[list[tuple[int, bool] | None]] = [[None] * n for _ in range(m + 1)]
    best[0][n - 1] = 0.0
    for i in range(m):
        b = body[i]
        for c in range(n):
            here = best[i][c]
            if here == inf:
                continue
            nxt = (c + 1) % n
            cost = here + emit(b, nxt, False)
            if cost < best[i + 1][nxt]:
                best[i + 1][nxt], back[i + 1][nxt] = cost, (c, False)
            if i > 0:
                cost = here + EXTRA_PARAGRAPH + emit(b, c, True)
                if cost < best[i + 1][c]:
                    best[i + 1][c], back[i + 1][c] = cost, (c, True)
    end, end_cost, table_cost = None, inf, inf
    for i in range(n, m + 1):
        for c in range(n):
            cost = best[i][c] + MISSING_CELL * (n - 1 - c)
            if cost + LEFTOVER_BLOCK * (m - i) < end_cost:
                end, end_cost, table_cost = (i, c), cost + LEFTOVER_BLOCK * (m - i), cost
    if end is None:
        return [], inf, inf
    return _trace(body, n, back, end), end_cost, table_cost


def _trace(body, n, back, end) -> list[list[list[Block]]]:
    i, c = end
    placed: list[tuple[int, bool]] = []  # (column, continues) per block, reversed
    while i > 0:
        prev, cont = back[i][c]
        placed.append((c, cont))
        i, c = i - 1, prev
    rows: list[list[list[Block]]] = []
    for k, (c, cont) in enumerate(reversed(placed)):
        if c == 0 and not cont:
            rows.append([[] for _ in range(n)])
        if not rows:
            rows.append([[] for _ in range(n)])
        rows[-1][c].append(body[k])
    return rows


def _column_widths(rows: list[list[list[Block]]], n: int) -> list[float | None]:
    """Each column's wrap width: between a block's widest line and the line plus the word
    that did not fit, so the midpoint, taken as a median over the column's blocks."""
    widths: list[float | None] = []
    for c in range(n):
        seen = [(b.widest + b.wrap_limit) / 2 for row in rows for b in row[c] if b.wrap_limit is not None]
        widths.append(statistics.median(seen) if len(seen) >= 2 else None)
    return widths


def _width_cost(b: Block, width: float | None) -> float:
    if width is None:
        return 0.0
    cost = TOO_WIDE if b.widest > width * (1 + WIDTH_TOLERANCE) + 2 else 0.0
    limit = b.wrap_limit
    if limit is not None and limit < width * (1 - WIDTH_TOLERANCE) - 1:
        cost += TOO_NARROW
    return cost


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
