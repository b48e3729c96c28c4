"""Text-table parsing shared by table extractors: cells, delimited rows, headings.

Council papers reach us as text in three table shapes. Word and HTML exports keep a
row per line with tab-separated cells ("Legislation\tGovernment guidance could
change focus\tHorizon scanning\tC III"); Markdown-ish and plain-text exports use pipes,
maybe with rule lines ("----|----", a grid table's "+----+----+") and cells wrapped
line by line; PDF text backends flatten a table into blank-line separated blocks,
one cell after another (`_flat_tables` reads those). This module turns delimited lines into rows of `Cell`s
that carry their span in the text, with `split_cells` the one way a line is cut into
cells, and finds the heading or caption over a table; deciding which table is which
is the caller's business. PDF tables (pdfplumber rows): `_pdf_tables`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.common.text import fold, line_spans

# A rule line: Markdown's header rule "|---|:---:|", "-----|-----", a grid table's
# "+-----+=====+", or a line of dashes under a header.
_RULE_LINE = re.compile(r"^\s*[|+]?\s*:?(?:-{2,}|={2,}):?\s*(?:[|+]\s*:?(?:-{2,}|={2,}):?\s*)*[|+]?\s*$")
DELIMITERS = ("\t", "|")  # cell separators: tabs (Word, HTML exports) and pipes (Markdown)
MAX_ROW_LINES = 40  # a row longer than this is a layout we misread, not a row
MAX_HEADING_WORDS = 12  # "Annex B: Risks to the delivery of the parks improvement plan"
MAX_LINES_TO_HEADING = 8  # an introductory paragraph, wrapped in PDF text, between heading and table
# A line ending a sentence or a clause is prose, not a heading; a caption may end with a colon.
_SENTENCE_END = re.compile(r"[.;,!?]$")


@dataclass(frozen=True)
class Cell:
    """A table cell: text with wraps joined, and where it sits (span in doc.text, or a PDF page)."""

    text: str
    start: int | None = None
    end: int | None = None
    page: int | None = None


def make_cell(text: str, start: int, end: int) -> Cell | None:
    """The cell for text[start:end] with surrounding whitespace trimmed; None if empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Cell(fold(text[start:end]), start, end)


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
def caption_above_table(text: str, start: int) -> str | None:
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


def is_rule_line(line: str) -> bool:
    return bool(_RULE_LINE.match(line))


Outer = tuple[bool, bool]  # a pipe table writes a leading pipe, a trailing pipe


def pipe_outer(line: str) -> Outer:
    """Whether a pipe table, judged by its header line, writes outer pipes."""
    stripped = line.strip()
    return stripped.startswith("|"), stripped.endswith("|") and len(stripped) > 1


def split_cells(text: str, start: int, end: int, sep: str, outer: Outer | None = None) -> list[Cell | None]:
    """Cells of one delimited line; a rule line gives nothing. A pipe line's outer pipes
    are dropped as the table writes them (`outer`, from its header; by default as this
    line does): in a table without a leading pipe, "   | wrapped text |" is a row whose
    first cell is empty, not one whose outer pipes frame a single cell."""
    line = text[start:end]
    if sep == "|":
        if _RULE_LINE.match(line):
            return []
        stripped = line.strip()
        leading, trailing = pipe_outer(line) if outer is None else outer
        if leading and stripped.startswith("|"):
            start += line.index("|") + 1
        if trailing and stripped.endswith("|") and len(stripped) > 1 and start < end:
            end = start + text[start:end].rindex("|")
    return [make_cell(text, s, e) for s, e in cell_spans(text, start, end, sep)]


def cell_spans(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """Raw spans of text[start:end] cut at every `sep`, whitespace and empty cells kept, so
    a cell's index is its column."""
    spans, pos = [], start
    for part in text[start:end].split(sep):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans


def first_cell(line: str) -> str:
    """The first cell of a tab- or pipe-delimited line; the whole line when it has neither."""
    for sep in DELIMITERS:
        if sep in line:
            cells = split_cells(line, 0, len(line), sep)
            return cells[0].text if cells and cells[0] else ""
    return line.strip()


def delimited_grids(text: str) -> list[tuple[int, list[list[str | None]]]]:
    """Runs of consecutive lines delimited the same way, as grids of cell texts with the
    offset where each starts (a legend laid out as a tab or pipe table, say). Rule lines
    inside a run are skipped."""
    grids: list[tuple[int, list[list[str | None]]]] = []
    cur: list[list[str | None]] = []
    cur_sep, cur_start = None, 0
    for s, e in line_spans(text):
        line = text[s:e]
        if _RULE_LINE.match(line) and cur:
            continue
        sep = next((d for d in DELIMITERS if d in line), None)
        if sep != cur_sep and cur:
            grids.append((cur_start, cur))
            cur = []
        if not cur:
            cur_start = s
        cur_sep = sep
        if sep is not None:
            cells = split_cells(text, s, e, sep)
            if cells:  # a rule line has none
                cur.append([c.text if c else None for c in cells])
    if cur:
        grids.append((cur_start, cur))
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
    outer: Outer | None = None,
) -> tuple[list[list[Cell | None]], int]:
    """Rows of an n-column delimited table whose body starts at line index `first`.

    A row whose cells hold line breaks arrives split over lines with fewer separators:
    while a row is short of n cells, the next line's first piece continues its last
    cell. A table that rules a line between its rows (a grid table's "+----+----+")
    gives one row per ruled band, its lines joined cell by cell. The table ends at a
    line without separators once the row is complete, at a blank line not followed by
    a delimited line, or where `stop` says so. Returns the rows and the index of the
    first line after the table. Rows whose wrapped lines each fill every column are
    the caller's to join: only it knows which columns every row fills.
    """
    rows = _RowBuilder(n, first)
    rules: list[int] = []  # for each rule line in the body, how many rows were done above it
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
        if _RULE_LINE.match(line):
            rows.finish_row()
            rules.append(len(rows.done))
        elif sep in line or rows.short:
            cells = split_cells(text, s, e, sep, outer) if sep in line else [make_cell(text, s, e)]
            rows.add_line(cells, sep in line, i)
        elif rows.cur is not None and _wraps_last_cell(text, lines, i, sep):
            rows.continue_last_cell(make_cell(text, s, e))
        else:
            break
        i += 1
    rows.finish_row()
    return _ruled_bands(rows.done, rules), i


def _ruled_bands(rows: list[list[Cell | None]], rules: list[int]) -> list[list[Cell | None]]:
    """Rows joined band by band when rule lines fall between rows; a rule only under the
    header or under the last row separates nothing."""
    cuts = sorted({k for k in rules if 0 < k < len(rows)})
    if not cuts:
        return rows
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(rows)]):
        band = rows[a]
        for row in rows[a + 1 : b]:
            band = merge_rows(band, row)
        out.append(band)
    return out


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
