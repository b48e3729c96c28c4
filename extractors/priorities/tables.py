"""Priorities laid out as tables or progress blocks, each item with the status reported.

Three shapes: a title followed by a "Priority status: On track" label (in flattened
two-column PDF text the label, the status and the commentary are interleaved line by line,
so "Priority" and "status:" start two lines and the status starts a later one); a tab- or
pipe-separated text table whose header names a priority column and maybe a status column
that may name its reporting point, introduced by the paragraph above it; and PDF tables
(cell strings from pdfplumber) whose cells are found in the page text.
"""

from __future__ import annotations

import re

from extractors.common.tables import cell_spans
from extractors.common.text import fold
from extractors.priorities.lists import (
    MAX_ITEM_WORDS,
    STATUS_LABEL,
    Item,
    Line,
    RawList,
    dangles,
    is_status_label,
    make_item,
    next_text_above,
    paragraph_before,
    terminated,
    word_count,
)

STATUS_PHRASES = tuple(sorted((
    "exceeding expectations", "exceeded expectations", "exceeding", "on track", "off track", "not on track",
    "on target", "off target", "ahead of schedule", "behind schedule", "at risk", "some slippage", "slipped",
    "in progress", "ongoing", "not started", "completed", "complete", "achieved", "partially achieved",
    "not achieved", "delayed", "not yet started", "on hold", "green", "amber", "red", "amber/green", "red/amber",
    "green/amber", "amber/red", "amber-green", "green-amber", "amber-red", "red-amber",
), key=lambda p: -len(p)))  # fmt: skip
_MIDLINE_STATUS = re.compile(
    "|".join(re.escape(p[0].upper() + p[1:]).replace(r"\ ", r"\s+") for p in STATUS_PHRASES if " " in p)
)
MAX_STATUS_GAP = 40  # lines between two status labels of the same list
STATUS_SEARCH_LINES = 14  # lines after a label searched for its status


def status_lists(text: str, lines: list[Line]) -> list[RawList]:
    """Title lines each followed by a "Priority status:" label, as in progress reports."""
    labels = [k for k, ln in enumerate(lines) if ln.kind == "plain" and is_status_label(lines, k)]
    labels = [k for i, k in enumerate(labels) if not (i and k - labels[i - 1] <= 2)]
    out: list[RawList] = []
    last_label = -MAX_STATUS_GAP
    for i, k in enumerate(labels):
        title = _title_above(lines, k, last_label)
        gap = k - last_label
        last_label = k
        if title is None:
            continue
        a, b = title
        item = make_item(text, lines[a].body, lines[b].end)
        if item is None or word_count(item.text) > MAX_ITEM_WORDS:
            continue
        stop = labels[i + 1] if i + 1 < len(labels) else len(lines)
        item.status = _status_near(lines, k, min(stop, k + STATUS_SEARCH_LINES))
        if not out or gap > MAX_STATUS_GAP:  # the intro is the paragraph above the first title
            above = next_text_above(lines, a)
            start, end = (
                (lines[paragraph_before(lines, above)[0]].start, lines[above].end)
                if above is not None
                else (0, 0)
            )
            out.append(RawList("status", [], start, end, label=lines[k].text.split()[0].rstrip(":").title()))
        out[-1].items.append(item)
    return out


def status_after_label(line: str) -> str | None:
    """The status phrase on a "Status: Amber" line, if it is a known status."""
    m = STATUS_LABEL.match(line)
    return _phrase_at(line[m.end() :].strip(), None, anywhere_case=True) if m else None


def _title_above(lines: list[Line], k: int, floor: int) -> tuple[int, int] | None:
    """The short title line(s) just above a status label, joined over wraps."""
    b = next_text_above(lines, k)
    if b is None or b <= floor or lines[b].kind not in ("plain", "bullet"):
        return None
    a = b
    while True:
        up = next_text_above(lines, a)
        if up is None or up <= floor or lines[up].kind not in ("plain", "bullet"):
            break
        if not (lines[a].text[:1].islower() or dangles(lines[up].text)):
            break
        a = up
    if terminated(lines[b].text) and word_count(lines[b].text) > 12:
        return None
    return a, b


def _status_near(lines: list[Line], k: int, stop: int) -> str | None:
    """A status phrase after the label: on the label line, or starting one of the next
    lines (a flattened left column, possibly split over two line starts)."""
    m = STATUS_LABEL.search(lines[k].text)
    if m:
        found = _phrase_at(lines[k].text[m.end() :].strip(), None, anywhere_case=True)
        if found:
            return found
    rows = [ln for ln in lines[k + 1 : stop] if ln.kind != "blank"]
    for r, ln in enumerate(rows):
        t = ln.text
        if re.match(r"(?i)status\s*:", t):
            t = t.split(":", 1)[1].strip()
            found = _phrase_at(t, None, anywhere_case=True)
            if found:
                return found
            continue
        found = _phrase_at(t, rows[r + 1].text if r + 1 < len(rows) else None)
        if found:
            return found
    # Commentary and status column rewrapped together: a capitalised phrase mid-line.
    block = " ".join(ln.text for ln in lines[k:stop])
    m = _MIDLINE_STATUS.search(block)
    return m.group(0) if m else None


def _phrase_at(t: str, nxt: str | None, anywhere_case: bool = False) -> str | None:
    if not t or not (anywhere_case or t[0].isupper()):
        return None
    words = t.split()
    low = [w.lower().strip(".,;") for w in words]
    nwords = nxt.split() if nxt else []
    nlow = [w.lower().strip(".,;") for w in nwords]
    for p in STATUS_PHRASES:
        pw = p.split()
        # A lone word ("Green", "Complete") counts only as the whole line, not as prose.
        if low[: len(pw)] == pw and (anywhere_case or len(pw) > 1 or len(words) == 1):
            return " ".join(w.strip(".,;") for w in words[: len(pw)])
        for cut in range(1, len(pw)):
            if len(low) >= cut and low[:cut] == pw[:cut] and nlow[: len(pw) - cut] == pw[cut:]:
                tail = nwords[: len(pw) - cut]
                return " ".join([*(w.strip(".,;") for w in words[:cut]), *(w.strip(".,;") for w in tail)])
    return None


# ---------------------------------------------------------------- tables
_PRIORITY_HEAD = re.compile(
    r"(?i)(?:our\s+|strategic\s+|cross[- ]cutting\s+)?(?:priorit(?:y|ies)(?:\s+areas?)?|themes?)"
)
# A status column may name its reporting point after the status word: a bracketed quarter or
# year, "at" a month, "- Quarter N"; "Progress update" or "Progress against target" are
# commentary, not a status.
_AS_AT = (
    r"(?:\s*\([^)]*\)|\s*[-–:,]?\s*(?:(?:as\s+)?at|for|in|by|to)?\s*"
    r"(?:q[1-4]\b|quarter|year[- ]end|end\s+of|(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
    r"[^|\t]*)?"
)
# ... or before it: "Q2 status", "Quarter 1 RAG", "2023/24 progress".
_REPORTING_POINT = r"(?:q[1-4]|quarter\s+\d|year[- ]end|(?:19|20)\d\d(?:\s*[/-]\s*\d\d(?:\d\d)?)?)\s+"
_STATUS_HEAD = re.compile(
    rf"(?i)(?:{_REPORTING_POINT})?(?:priority\s+|rag\s+|overall\s+|current\s+|delivery\s+)?(?:status|progress|rag(?:\s+rating)?){_AS_AT}"
)


def table_lists(text: str, lines: list[Line]) -> list[RawList]:
    """Tab- or pipe-separated text tables whose header names a priority column (and maybe
    a status column); each body row gives one item."""
    out = []
    k = 0
    while k < len(lines):
        header = _header_cells(text, lines, k)
        cols = _columns([text[a:b] for a, b in header])
        if cols is None:
            k += 1
            continue
        pcol, scol = cols
        pipes = 1 if _single_pipe(lines[k].text) else 2
        outer = lines[k].text.strip().startswith("|")
        rows: list[list[list[tuple[int, int]]]] = []  # row -> column -> cell fragments
        r, ruled = k + 1, False
        while r < len(lines):
            if _is_rule(lines[r].text):
                ruled = True  # a rule between rows closes the row above it
            elif row := _cells(text, lines[r], pipes, outer):
                if rows and not ruled and _continues_row(text, rows[-1], row, pcol, scol):
                    for c, span in enumerate(row[: len(rows[-1])]):
                        rows[-1][c].append(span)
                else:
                    rows.append([[span] for span in row])
                ruled = False
            else:
                break
            r += 1
        items = [it for row in rows if (it := _row_item(text, row, pcol, scol))]
        if items:
            # A table's intro is the paragraph above it, which names the plan; the header row
            # only names columns (and a reporting quarter, never the plan period).
            above = next_text_above(lines, k)
            a = paragraph_before(lines, above)[0] if above is not None else k
            start, end = (lines[a].start, lines[above].end) if above is not None else (lines[k].start,) * 2
            out.append(RawList("table", items, start, end, label=fold(text[slice(*header[pcol])])))
        k = r
    return out


# ---------------------------------------------------------------- flattened tables
# A table flattened to one cell per line (web pages, some PDFs): the header cells, then each
# row's cells in turn. A priority column is found from its header cell; the other columns
# must hold only values (ranks, counts, rates) so that rows can be counted off reliably.
_COLUMN_LABEL = re.compile(
    r"(?i)^(?:(?:19|20)\d\d\s*[-/–]\s*\d{2,4}\s+)?(?:strategic\s+)?priorit(?:y|ies)(?:\s+areas?)?$"
)
_VALUE_CELL = re.compile(
    r"(?i)[-+–]?[£$]?\d[\d,.]*(?:st|nd|rd|th|%|k|m|bn)?|n/?a|[-–—]|nil|none|(?:high|medium|low)"
)
MAX_FLAT_COLUMNS = 6
MAX_HEADER_WORDS = 5


def flat_column_lists(text: str, lines: list[Line]) -> list[RawList]:
    """ "2025-26 Priority" / "2024-25 Rank" / "Shop theft" / "3rd" / "Arson" / "11th":
    the priority column of a table whose cells stand one per line."""
    cells = [k for k, ln in enumerate(lines) if ln.kind not in ("blank", "stray")]
    out = []
    for i, k in enumerate(cells):
        if not _COLUMN_LABEL.match(lines[k].text.strip()):
            continue
        for n in range(2, MAX_FLAT_COLUMNS + 1):
            found = _flat_rows(text, lines, cells, i, n)
            if found:
                out.append(RawList("columns", found, lines[k].start, lines[k].end, label=fold(lines[k].text)))
                break
    return out


def _flat_rows(text: str, lines: list[Line], cells: list[int], i: int, n: int) -> list[Item] | None:
    """Items of the priority column when the table has n columns, the label (cell i) being
    one of n header cells; None unless at least two rows fit that shape."""
    for h in range(n):  # the label's place among the header cells
        head = cells[i - h : i - h + n]
        if (
            i - h < 0
            or len(head) < n
            or any(_flat_value(lines[c]) or word_count(lines[c].text) > MAX_HEADER_WORDS for c in head)
        ):
            continue
        items, r = [], i - h + n
        while r + n <= len(cells):
            row = cells[r : r + n]
            name, values = row[h], [c for j, c in enumerate(row) if j != h]
            if _flat_value(lines[name]) or not all(_flat_value(lines[c]) for c in values):
                break
            if (it := make_item(text, lines[name].body, lines[name].end)) is None:
                break
            items.append(it)
            r += n
        if len(items) >= 2:
            return items
    return None


def _flat_value(line: Line) -> bool:
    return bool(_VALUE_CELL.fullmatch(line.text.strip()))


# A rule under a header or between rows: "|---|---|", "----+-----", "-------  ------".
_RULE = re.compile(r"[\s|:+=-]*[-=][\s|:+=-]*")


def _is_rule(line: str) -> bool:
    return bool(_RULE.fullmatch(line)) and line.count("-") + line.count("=") >= 3


def _header_cells(text: str, lines: list[Line], k: int) -> list[tuple[int, int]]:
    """Cells of a header row. A pipe table without outer pipes has a single pipe between two
    columns ("Priority | Status"); that alone might be prose, so it needs a rule under it or
    a next row split the same way."""
    cells = _cells(text, lines[k])
    if cells or not _single_pipe(lines[k].text) or k + 1 >= len(lines):
        return cells
    nxt = lines[k + 1].text
    return _cells(text, lines[k], pipes=1) if _is_rule(nxt) or _single_pipe(nxt) else []


def _single_pipe(line: str) -> bool:
    return "\t" not in line and line.count("|") == 1


def _cells(text: str, line: Line, pipes: int = 2, outer: bool = True) -> list[tuple[int, int]]:
    """Cell spans of a table line split at tabs or pipes; `pipes` is how many pipes a line
    needs to be a row (one for a two-column table without outer pipes). Without outer pipes
    an empty first or last cell is a real cell (a row wrapped onto the next line)."""
    raw = text[line.start : line.end]
    sep = "\t" if "\t" in raw else ("|" if raw.count("|") >= max(1, min(pipes, 2)) else None)
    if sep is None:
        return []
    spans = cell_spans(text, line.start, line.end, sep)
    if sep == "|" and outer:
        spans = [sp for i, sp in enumerate(spans) if text[slice(*sp)].strip() or 0 < i < len(spans) - 1]
    return spans if len(spans) >= 2 else []


def _columns(header: list[str]) -> tuple[int, int | None] | None:
    pcol = next((i for i, c in enumerate(header) if _PRIORITY_HEAD.fullmatch(c.strip(" *"))), None)
    if pcol is None:
        return None
    scol = next(
        (i for i, c in enumerate(header) if i != pcol and _STATUS_HEAD.fullmatch(c.strip(" *"))), None
    )
    return pcol, scol


def _header_row(rows: list[list[str]]) -> tuple[int, int, int | None] | None:
    """(row, priority column, status column) of the first of the top two rows that is a header."""
    for i, row in enumerate(rows[:2]):
        columns = _columns(row)
        if columns is not None:
            return i, *columns
    return None


def _continues_row(
    text: str, prev: list[list[tuple[int, int]]], row: list[tuple[int, int]], pcol: int, scol: int | None
) -> bool:
    """Whether a table line continues the row above, its cells wrapped onto a second line: its
    priority cell is empty, or continues the sentence above while its status cell is empty
    or continues the status above ("Ahead of" / "plan")."""
    if pcol >= len(row) or pcol >= len(prev):
        return False
    cell = fold(text[slice(*row[pcol])])
    if not cell:
        return any(fold(text[a:b]) for a, b in row)
    above = fold(text[slice(*prev[pcol][-1])])
    if not above or not (cell[:1].islower() or dangles(above)):
        return False
    status = fold(text[slice(*row[scol])]) if scol is not None and scol < len(row) else ""
    return not status or status[:1].islower()


def _row_item(text: str, row: list[list[tuple[int, int]]], pcol: int, scol: int | None) -> Item | None:
    """The item of one table row; a cell wrapped over lines is joined, its span running from
    the first line's text to the last's."""
    if pcol >= len(row):
        return None
    parts = [it for a, b in row[pcol] if (it := make_item(text, a, b))]
    if not parts:
        return None
    joined = make_item(" ".join(p.text for p in parts), 0, len(" ".join(p.text for p in parts)))
    if joined is None:
        return None
    it = Item(parts[0].start, parts[-1].end, joined.text)
    if scol is not None and scol < len(row):
        it.status = fold(" ".join(text[a:b] for a, b in row[scol])) or None
    return it


def grid_lists(text: str, page_starts: list[int], tables: list) -> list[RawList]:
    """PDF tables (rows of cell strings) with a priority column; each cell is located in the
    page's text so the item carries a span."""
    out = []
    for table in tables:
        rows = [[c or "" for c in row] for row in table.rows]
        header = _header_row(rows)
        if header is None:
            continue
        hdr, pcol, scol = header
        lo = page_starts[table.page - 1] if 0 < table.page <= len(page_starts) else 0
        hi = page_starts[table.page] if table.page < len(page_starts) else len(text)
        items: list[Item] = []
        pos = lo
        for row in rows[hdr + 1 :]:
            cell = row[pcol].split() if pcol < len(row) else []
            m = re.search(r"\s+".join(map(re.escape, cell)), text[pos:hi]) if cell else None
            if not m:
                continue
            it = make_item(text, pos + m.start(), pos + m.end())
            pos += m.end()
            if it:
                if scol is not None and scol < len(row):
                    it.status = fold(row[scol]) or None
                items.append(it)
        if items:
            out.append(RawList("table", items, items[0].start, items[0].start, label=rows[hdr][pcol].strip()))
    return out
