"""Ruled tables from PDFium: the grid from a page's path objects, each cell's text from its characters.

This follows pdfplumber's "lines" table finder step for step (same tolerances, same
snapping, joining, intersections, smallest cells, tables as groups of cells sharing a
corner, rows as cells sharing a top edge), but reads the lines and characters from
PDFium, which the page text already needs, instead of re-interpreting the page with
pdfminer. That costs about 1-5 ms per table page against 50-100 ms. The algorithm is
pdfplumber's (MIT licence, Jeremy Singer-Vine); pdfplumber itself is only a dev
dependency now, for the tests that compare the two.

Coordinates are PDF points as the page is shown (its /Rotate applied), with y measured
downwards from the top ("top"), as in pdfplumber, so rows come out top to bottom and
cells left to right.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import time
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

# pdfplumber's defaults for the "lines" strategy, in points.
SNAP_TOLERANCE = 3.0
JOIN_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
EDGE_MIN_LENGTH_PREFILTER = 1.0
INTERSECTION_TOLERANCE = 3.0
# A segment within this many points of horizontal/vertical counts as a ruling line
# (PDFium stores coordinates as 32-bit floats, so exact equality is too strict).
AXIS_SLACK = 0.01
# Form XObjects nest; pdfplumber reads lines inside them too.
MAX_FORM_DEPTH = 8
# Characters whose centres are this close vertically are on one line.
LINE_TOLERANCE = 3.0
# A run of PDFium's text between its line breaks, from its first to its last visible character.
_LINE_RUNS = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")
# More merged edges than this is a chart or a drawing, not a table: skip the page.
MAX_EDGES = 1500


class GridBudgetExceeded(Exception):
    """A page's drawing is too large to scan for tables within the time budget."""


class Edge(NamedTuple):
    """A horizontal ("h") or vertical ("v") ruling line, top-down coordinates."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


_Matrix = tuple[float, float, float, float, float, float]


def view_matrix(page) -> _Matrix:
    """PDF user space -> the shown page, x to the right and y ("top") downwards."""
    rotation = page.get_rotation()
    w, h = page.get_width(), page.get_height()  # as shown, i.e. swapped when turned by 90
    return {
        0: (1.0, 0.0, 0.0, -1.0, 0.0, h),
        90: (0.0, 1.0, 1.0, 0.0, 0.0, 0.0),
        180: (-1.0, 0.0, 0.0, 1.0, w, 0.0),
        270: (0.0, -1.0, -1.0, 0.0, w, h),
    }.get(rotation, (1.0, 0.0, 0.0, -1.0, 0.0, h))


def page_edges(page, view: _Matrix, deadline: float) -> list[Edge]:
    """Every horizontal and vertical segment drawn by the page's path objects (forms included)."""
    edges: list[Edge] = []
    handle = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(handle)):
        _object_edges(pdfium_c.FPDFPage_GetObject(handle, i), view, edges, 0, deadline)
    return edges


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """Matrix applying `inner` then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _object_edges(obj, parent: _Matrix, out: list[Edge], depth: int, deadline: float) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        if depth >= MAX_FORM_DEPTH:
            return
        matrix = _compose(_matrix(obj), parent)
        for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _object_edges(pdfium_c.FPDFFormObj_GetObject(obj, j), matrix, out, depth + 1, deadline)
        return
    if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
        return
    if time.perf_counter() > deadline:
        raise GridBudgetExceeded
    a, b, c, d, e, f = _compose(_matrix(obj), parent)
    x, y = ctypes.c_float(), ctypes.c_float()
    get_segment, get_point, get_type, get_close = _SEGMENT_CALLS
    subpath: list[tuple[float, float]] = []  # the current subpath's points, page coordinates
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = get_segment(obj, k)
        get_point(seg, x, y)
        px, py = x.value, y.value
        if get_type(seg) == _MOVETO:
            _subpath_edges(subpath, False, out)
            subpath = []
        subpath.append((a * px + c * py + e, b * px + d * py + f))
        if get_close(seg):
            _subpath_edges(subpath, True, out)
            subpath = []
    _subpath_edges(subpath, False, out)


_SEGMENT_CALLS = (
    pdfium_c.FPDFPath_GetPathSegment,
    pdfium_c.FPDFPathSegment_GetPoint,
    pdfium_c.FPDFPathSegment_GetType,
    pdfium_c.FPDFPathSegment_GetClose,
)
_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO


def _subpath_edges(points: list[tuple[float, float]], closed: bool, out: list[Edge]) -> None:
    """The horizontal and vertical sides of one subpath (closing side included when closed)."""
    if closed and len(points) > 1:
        points.append(points[0])
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        _add_edge(x0, y0, x1, y1, out)


def _add_edge(x0: float, y0: float, x1: float, y1: float, out: list[Edge]) -> None:
    """Keep a segment if it is horizontal or vertical and at least the prefilter length."""
    if abs(x0 - x1) <= AXIS_SLACK:
        if abs(y1 - y0) >= EDGE_MIN_LENGTH_PREFILTER:
            out.append(Edge("v", x0, min(y0, y1), x0, max(y0, y1)))
    elif abs(y0 - y1) <= AXIS_SLACK:
        if abs(x1 - x0) >= EDGE_MIN_LENGTH_PREFILTER:
            out.append(Edge("h", min(x0, x1), y0, max(x0, x1), y0))


# ---------------------------------------------------------------- grid: pdfplumber's algorithm


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """Value -> cluster number, chaining sorted distinct values no more than `tolerance` apart."""
    out: dict[float, int] = {}
    group, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            group += 1
        out[v], last = group, v
    return out


def _snap(edges: list[Edge], attr: str) -> list[Edge]:
    """Move edges within SNAP_TOLERANCE of each other (across) to their mean position."""
    cluster = _clusters([getattr(e, attr) for e in edges], SNAP_TOLERANCE)
    groups: dict[int, list[Edge]] = {}
    for e in edges:
        groups.setdefault(cluster[getattr(e, attr)], []).append(e)
    out = []
    for _, members in sorted(groups.items()):
        mean = sum(getattr(e, attr) for e in members) / len(members)
        for e in members:
            if e.orientation == "v":
                out.append(Edge("v", mean, e.top, mean, e.bottom))
            else:
                out.append(Edge("h", e.x0, mean, e.x1, mean))
    return out


def merge_edges(edges: list[Edge]) -> list[Edge]:
    """Snapped, then collinear pieces joined, then short edges dropped."""
    vs = _snap([e for e in edges if e.orientation == "v"], "x0")
    hs = _snap([e for e in edges if e.orientation == "h"], "top")
    merged: list[Edge] = []
    for e in _join(hs, "h") + _join(vs, "v"):
        length = (e.x1 - e.x0) if e.orientation == "h" else (e.bottom - e.top)
        if length >= EDGE_MIN_LENGTH:
            merged.append(e)
    return merged


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    across, start, end = ("top", "x0", "x1") if orientation == "h" else ("x0", "top", "bottom")
    out: list[Edge] = []
    for _, group in itertools.groupby(
        sorted(edges, key=lambda e: getattr(e, across)), key=lambda e: getattr(e, across)
    ):
        items = sorted(group, key=lambda e: getattr(e, start))
        joined = [items[0]]
        for e in items[1:]:
            last = joined[-1]
            if getattr(e, start) <= getattr(last, end) + JOIN_TOLERANCE:
                if getattr(e, end) > getattr(last, end):
                    joined[-1] = _extend(last, getattr(e, end))
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _extend(e: Edge, end: float) -> Edge:
    if e.orientation == "h":
        return Edge("h", e.x0, e.top, end, e.bottom)
    return Edge("v", e.x0, e.top, e.x1, end)


def intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set[Edge], set[Edge]]]:
    """(x, top) of every crossing or touching of a vertical and a horizontal edge -> the edges there."""
    tol = INTERSECTION_TOLERANCE
    vs = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    hs = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    out: dict[tuple[float, float], tuple[set[Edge], set[Edge]]] = {}
    for v in vs:
        for h in hs:
            if v.top <= h.top + tol and v.bottom >= h.top - tol and h.x0 - tol <= v.x0 <= h.x1 + tol:
                at = out.setdefault((v.x0, h.top), (set(), set()))
                at[0].add(v)
                at[1].add(h)
    return out


def cells(
    points: dict[tuple[float, float], tuple[set[Edge], set[Edge]]],
) -> list[tuple[float, float, float, float]]:
    """For each intersection, the smallest rectangle below-right of it whose four sides are ruled."""

    def connects(p, q) -> bool:
        if p[0] == q[0] and points[p][0] & points[q][0]:
            return True
        return p[1] == q[1] and bool(points[p][1] & points[q][1])

    ordered = sorted(points)
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in ordered:
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    found = []
    for pt in ordered:
        below = [q for q in by_x[pt[0]] if q > pt]
        right = [q for q in by_y[pt[1]] if q > pt]
        cell = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and connects(corner, r) and connects(corner, b):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            found.append(cell)
    return found


def group_tables(
    found: list[tuple[float, float, float, float]],
) -> list[list[tuple[float, float, float, float]]]:
    """Cells grouped into tables (a cell joins a table when it shares a corner), top to bottom."""
    remaining = list(found)
    tables: list[list[tuple[float, float, float, float]]] = []
    current: list[tuple[float, float, float, float]] = []
    corners: set[tuple[float, float]] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            mine = {(x0, top), (x0, bottom), (x1, top), (x1, bottom)}
            if not current or mine & corners:
                corners |= mine
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def table_rows(
    table: list[tuple[float, float, float, float]],
) -> list[list[tuple[float, float, float, float] | None]]:
    """Rows (cells sharing a top), each spread over the table's column starts (None where no cell starts)."""
    xs = sorted({c[0] for c in table})
    rows = []
    for _, row in itertools.groupby(sorted(table, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        at = {c[0]: c for c in row}
        rows.append([at.get(x) for x in xs])
    return rows


# ---------------------------------------------------------------- cell text


class PageText:
    """The page's characters (PDFium's order, with its generated spaces and line breaks) and,
    for each non-space one within the tables' height, the centre of its font box on the
    shown page. Boxes cost one PDFium call per character, so a text line whose two ends
    lie above or below every table is skipped whole."""

    def __init__(self, textpage, raw: str, view: _Matrix, bands: list[tuple[float, float]]):
        handle = textpage.raw
        n = pdfium_c.FPDFText_CountChars(handle)
        self.chars = (
            raw if len(raw) == n else "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(n))
        )
        a, b, c, d, e, f = view
        rect = pdfium_c.FS_RECTF()
        get_box = pdfium_c.FPDFText_GetLooseCharBox

        def centre(i: int) -> tuple[float, float] | None:
            if not get_box(handle, i, rect):
                return None
            x, y = (rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2
            return a * x + c * y + e, b * x + d * y + f

        centres: list[tuple[int, float, float]] = []
        for line in _LINE_RUNS.finditer(self.chars):
            first, last = centre(line.start()), centre(line.end() - 1)
            if first and last:
                low, high = sorted((first[1], last[1]))
                if not any(low <= bottom and high >= top for top, bottom in bands):
                    continue  # the whole line is above or below the tables
            for i in range(line.start(), line.end()):
                if not self.chars[i].isspace() and (at := centre(i)):
                    centres.append((i, at[0], at[1]))
        self.centres = centres

    def cell_texts(
        self, table: list[tuple[float, float, float, float]]
    ) -> dict[tuple[float, float, float, float], str]:
        """Text of each cell: the characters whose centre lies in it, as pdfplumber assigns them."""
        xs = sorted({v for c in table for v in (c[0], c[2])})
        ys = sorted({v for c in table for v in (c[1], c[3])})
        slot: dict[tuple[int, int], int] = {}
        for k, (x0, top, x1, bottom) in enumerate(table):
            for xi in range(xs.index(x0), xs.index(x1)):
                for yi in range(ys.index(top), ys.index(bottom)):
                    slot[(xi, yi)] = k
        picked: list[list[tuple[int, float]]] = [[] for _ in table]
        left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
        for i, x, y in self.centres:
            if left <= x < right and top <= y < bottom:
                cell = slot.get((bisect.bisect_right(xs, x) - 1, bisect.bisect_right(ys, y) - 1))
                if cell is not None:
                    picked[cell].append((i, y))
        return {cell: self._join(chars) for cell, chars in zip(table, picked)}

    def _join(self, chars: list[tuple[int, float]]) -> str:
        """Characters in PDFium's order; between two that are not neighbours, PDFium's own
        space or line break if that is all that lies between them, else a line break when
        the line changes and a space when not (another cell's text came in between)."""
        parts: list[str] = []
        prev: tuple[int, float] | None = None
        for i, y in chars:
            if prev is not None and i > prev[0] + 1:
                gap = self.chars[prev[0] + 1 : i]
                if gap.isspace():
                    parts.append("\n" if "\n" in gap or "\r" in gap else " ")
                else:
                    parts.append("\n" if abs(y - prev[1]) > LINE_TOLERANCE else " ")
            parts.append(self.chars[i])
            prev = (i, y)
        lines = (line.strip() for line in "".join(parts).split("\n"))
        return "\n".join(line for line in lines if line)


def find_tables(page, textpage, raw: str, budget_s: float) -> list[list[list[str | None]]]:
    """The page's ruled tables as rows of cell text (None where a merged cell spans the column).

    `raw` is the page's text from `textpage.get_text_range()`.
    Raises GridBudgetExceeded when the page's drawing takes longer than `budget_s` to read.
    """
    deadline = time.perf_counter() + budget_s
    view = view_matrix(page)
    edges = page_edges(page, view, deadline)
    if len(edges) < 4:
        return []
    merged = merge_edges(edges)
    if len(merged) > MAX_EDGES:
        raise GridBudgetExceeded
    grid = group_tables(cells(intersections(merged)))
    if not grid:
        return []
    bands = [(min(c[1] for c in t) - LINE_TOLERANCE, max(c[3] for c in t) + LINE_TOLERANCE) for t in grid]
    text = PageText(textpage, raw, view, bands)
    tables = []
    for table in grid:
        texts = text.cell_texts(table)
        tables.append([[None if c is None else texts[c] for c in row] for row in table_rows(table)])
        if time.perf_counter() > deadline:
            raise GridBudgetExceeded
    return tables
