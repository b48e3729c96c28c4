"""Flattened tables: PDF page text that gives a table's cells one after another.

PDF text backends lose a table's grid: each cell comes out as a paragraph, cell after
cell and row after row, wrapped at its column's width, e.g.

    Reduced partner
    attendance.

    Agencies facing budget pressures
    may send junior staff.

    Attendance is reported
    to the board.

`blocks` cuts text into those paragraphs and `align_blocks` deals them into rows of n
cells at least cost, the caller pricing each block in each column.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors.common.tables import make_cell

_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
# Alignment costs (units: one unexplained paragraph break).
EXTRA_PARAGRAPH = 1.0  # a cell holding a second paragraph
MISSING_CELL = 3.0  # a last row that stops short
LEFTOVER_BLOCK = 1.5  # a block after the table that no cell takes
TOO_WIDE = 2.0  # a block whose lines are wider than its column's wrap width
TOO_NARROW = 1.0  # a block that wraps well before its column's width
WIDTH_TOLERANCE = 0.15  # proportional fonts: character counts per line vary this much


@dataclass(frozen=True)
class CellParagraph:
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


def blocks(text: str, start: int = 0, end: int | None = None) -> list[CellParagraph]:
    end = len(text) if end is None else end
    out: list[CellParagraph] = []
    pos = start
    for m in _BLANK_SPLIT.finditer(text, start, end):
        _add_block(text, pos, m.start(), out)
        pos = m.end()
    _add_block(text, pos, end, out)
    return out


def _add_block(text: str, s: int, e: int, out: list[CellParagraph]) -> None:
    cell = make_cell(text, s, e)
    if cell is not None and cell.start is not None and cell.end is not None:
        lines = tuple(ln.strip() for ln in text[cell.start : cell.end].split("\n") if ln.strip())
        out.append(CellParagraph(cell.start, cell.end, lines))


# ---------------------------------------------------------------- flattened tables
Emit = Callable[[CellParagraph, int, bool], float]


def align_blocks(
    body: Sequence[CellParagraph], n: int, emit: Emit
) -> tuple[list[list[list[CellParagraph]]], float, float]:
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

        def emit_w(b: CellParagraph, c: int, cont: bool) -> float:
            return emit(b, c, cont) + _width_cost(b, widths[c])

        rows, cost, table_cost = _align(body, n, emit_w)
    return rows, cost, table_cost


def _align(
    body: Sequence[CellParagraph], n: int, emit: Emit
) -> tuple[list[list[list[CellParagraph]]], float, float]:
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


def _trace(body, n, back, end) -> list[list[list[CellParagraph]]]:
    i, c = end
    placed: list[tuple[int, bool]] = []  # (column, continues) per block, reversed
    while i > 0:
        prev, cont = back[i][c]
        placed.append((c, cont))
        i, c = i - 1, prev
    rows: list[list[list[CellParagraph]]] = []
    for k, (c, cont) in enumerate(reversed(placed)):
        if c == 0 and not cont:
            rows.append([[] for _ in range(n)])
        if not rows:
            rows.append([[] for _ in range(n)])
        rows[-1][c].append(body[k])
    return rows


def _column_widths(rows: list[list[list[CellParagraph]]], n: int) -> list[float | None]:
    """Each column's wrap width: between a block's widest line and the line plus the word
    that did not fit, so the midpoint, taken as a median over the column's blocks."""
    widths: list[float | None] = []
    for c in range(n):
        seen = [(b.widest + b.wrap_limit) / 2 for row in rows for b in row[c] if b.wrap_limit is not None]
        widths.append(statistics.median(seen) if len(seen) >= 2 else None)
    return widths


def _width_cost(b: CellParagraph, width: float | None) -> float:
    if width is None:
        return 0.0
    cost = TOO_WIDE if b.widest > width * (1 + WIDTH_TOLERANCE) + 2 else 0.0
    limit = b.wrap_limit
    if limit is not None and limit < width * (1 - WIDTH_TOLERANCE) - 1:
        cost += TOO_NARROW
    return cost
