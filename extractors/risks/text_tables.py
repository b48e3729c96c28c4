"""Risk tables written in a report's text: tab- or pipe-delimited rows, flattened tables
whose cells follow one another as blank-line separated blocks (PDF page text), and
registers written as labelled records ("Risk: ... / Rating: ... / Control: ...").

Each is read into a `RawTable` (column roles and rows of cells with their spans), e.g.

    Risk\tDescription\tAction to avoid or mitigate risk\tRisk rating
    Legislation\tGovernment guidance could change focus\tHorizon scanning\tC III

gives one row under columns name 0, description 1, mitigation 2, rating 3. A table
counts only when its header names risk or its heading or caption does (see
`_risk_columns.columns_for`); turning rows into risks is `risks`' business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

from extractors.common.tables import (
    DELIMITERS,
    Cell,
    Outer,
    caption_above_table,
    delimited_rows,
    first_cell,
    is_rule_line,
    merge,
    merge_rows,
    pipe_outer,
    split_cells,
)
from extractors.common.text import line_spans
from extractors.risks.columns import RISK_WORD, Columns, columns_for, header_columns, header_role
from extractors.risks.flat_tables import CellParagraph, align_blocks, blocks
from extractors.risks.labelled_records import label_of, labelled_runs
from extractors.risks.legends import code_sequences, legend_keyword
from extractors.risks.ratings import norm_code, parse_rating

MAX_HEADER_WORDS = 30
MIN_CAPITALS_HEADING = 6  # "FINANCIAL" heads a group; "CCTV" is a wrapped name's last word
MAX_HEADER_LINES = 3  # lines a wrapped header of a ruled text table runs over
MAX_HEADER_PHRASE = 10  # words in one column name ("Action to avoid or mitigate risk")
MAX_BODY_BLOCKS = 200
NAME_WORDS = 8  # risk names longer than this are paid for, per word
NAME_WORD_COST = 0.25
# A flattened "table" whose rows cost more than this on average is prose under a heading.
MAX_FLAT_ROW_COST = 2.0
RATING_WORDS = re.compile(
    r"(?:very )?(?:high|medium|low|red|amber|green|critical|significant|moderate|minor|major|severe)"
    r"(?:\s*[/-]\s*(?:high|medium|low|red|amber|green))?",
    re.IGNORECASE,
)
_NUMBERED_PARA = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S|^\d{1,2}\.?\s+[A-Z][A-Za-z ,&'-]{2,60}$")
# Lines that introduce a rating legend or key, which ends a table above it and is no risk:
# "Key:", "Risk scoring matrix", "Risk assessment matrix:", "Risk rating key (see Appendix 3)", "Legend -",
# "For risk rating, see the matrix at Appendix 2", "For the risk scores please refer to ...".
KEY_LINE = re.compile(
    r"^(?:(?:risk )?(?:rating |scoring |score |assessment )?(?:key|legend|matrix)\s*(?:$|[:\-–(])"
    r"|for (?:the )?risk (?:ratings?|scor(?:es?|ing))\b)",
    re.IGNORECASE,
)
# "Background papers: none.", "Financial implications": a heading, or a label with its value.
_HEADING_LIKE = re.compile(r"^(?:\S+(?: \S+){0,5}[^.;:!?)\s]|[A-Z][\w ]{2,40}:\s.{0,60})$")
_REF_CELL = re.compile(r"^[A-Z]{0,4}\s?-?\d{1,3}[a-z]?\.?$")


@dataclass
class RawTable:
    """A risk table as read: its columns' roles and its rows of cells."""

    columns: Columns
    rows: list[list[Cell | None]]
    start: int | None = None  # offset of the header in doc.text (text tables)
    header: Cell | None = None  # a PDF table's header row, to find where the table starts


# ---------------------------------------------------------------- headers
def heading_names_risk(text: str, start: int) -> bool:
    """The heading or caption over the table starting at `start` is about risk
    ("Risk register", "Table 3: Key risks", "6. Risk management" over its intro paragraph)."""
    heading = caption_above_table(text, start)
    return heading is not None and bool(RISK_WORD.search(heading))


@lru_cache(maxsize=4096)
def _segmentations(words: tuple[str, ...], limit: int = 24) -> list[list[str]]:
    """Ways to read a run of words as consecutive column names ("Risk Description Action ...")."""
    memo: dict[int, list[tuple[str, ...]]] = {len(words): [()]}
    for i in range(len(words) - 1, -1, -1):
        found: list[tuple[str, ...]] = []
        for j in range(i + 1, min(len(words), i + MAX_HEADER_PHRASE) + 1):
            phrase = " ".join(words[i:j])
            if memo[j] and header_role(phrase):
                found.extend((phrase, *rest) for rest in memo[j])
        memo[i] = found[:limit]
    return [list(s) for s in memo[0]]


# ---------------------------------------------------------------- text tables
def text_tables(text: str) -> list[RawTable]:
    return _delimited_tables(text) + _flattened_tables(text) + _labelled_tables(text)


def stops_table(line: str) -> bool:
    """A line that cannot be part of a risk table's body: a legend, a key, a numbered
    paragraph, or the header of a legend table ("| Score | Likelihood | Impact |")."""
    first = first_cell(line)
    if _names_dimension(first) or KEY_LINE.match(first) or _NUMBERED_PARA.match(line.strip()):
        return True
    return _is_legend_header(line)


def _names_dimension(cell: str) -> bool:
    """ "Likelihood", "Impact:" heading a legend; a wrapped cell's "impact" reads on."""
    return cell[:1].isupper() and legend_keyword(cell) is not None


def _is_legend_header(line: str) -> bool:
    sep = next((d for d in DELIMITERS if d in line), None)
    if sep is None:
        return False
    cells = [c.text for c in split_cells(line, 0, len(line), sep) if c is not None]
    if len(cells) < 2 or any(header_role(c) == "name" for c in cells):
        return False
    return any(_names_dimension(c) for c in cells)


def _delimited_tables(text: str) -> list[RawTable]:
    lines = line_spans(text)
    out: list[RawTable] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        nxt = i + 1
        for sep in DELIMITERS:
            if sep not in text[s:e]:
                continue
            outer = pipe_outer(text[s:e]) if sep == "|" else None
            found = _delimited_header(text, lines, i, sep, outer)
            if found is None:
                continue
            cols, width, body = found
            rows, nxt = delimited_rows(text, lines, body, width, sep, stops_table, outer)
            out.append(RawTable(cols, join_continuations(rows, cols, wrapped=True), start=s))
            break
        i = max(nxt, i + 1)
    return out


def _delimited_header(
    text: str, lines: list[tuple[int, int]], i: int, sep: str, outer: Outer | None
) -> tuple[Columns, int, int] | None:
    """(columns, width, first body line) when line i heads a risk table. A header whose
    names wrap ("| Mitigating |" over "| actions |") runs down to the rule line under it."""
    header = split_cells(text, *lines[i], sep, outer)
    context = partial(heading_names_risk, text, lines[i][0])
    readings = [(header, i + 1)]
    wrapped = header
    for j in range(i + 1, min(i + 1 + MAX_HEADER_LINES, len(lines))):
        line = text[slice(*lines[j])]
        if is_rule_line(line):
            if j > i + 1:
                readings.insert(0, (wrapped, j))
            break
        if sep not in line:
            break
        wrapped = merge_rows(wrapped, split_cells(text, *lines[j], sep, outer))
    for cells, body in readings:
        cols = columns_for([c.text if c else None for c in cells], context)
        if cols is not None:
            return cols, len(cells), body
    return None


def _flattened_tables(text: str) -> list[RawTable]:
    bl = blocks(text)
    out: list[RawTable] = []
    k = 0
    while k < len(bl):
        body_at, headers = _flat_header(text, bl, k)
        if not headers:
            k += 1
            continue
        body = _flat_body(text, bl, body_at)
        best = None
        for header in headers:  # each already a risk header: `_flat_header` asked `columns_for`
            cols = header_columns(header)
            if cols is None:
                continue
            rows, cost, row_cost = align_blocks(body, len(header), _emitter(cols, len(header)))
            if rows and row_cost <= MAX_FLAT_ROW_COST * len(rows) and (best is None or cost < best[0]):
                best = (cost, cols, rows)
        if best is None:
            k = body_at
            continue
        _, cols, rows = best
        out.append(RawTable(cols, [[_block_cell(c) for c in row] for row in rows], start=bl[k].start))
        k = body_at + sum(len(c) for row in rows for c in row)
    return out


def _flat_header(text: str, bl: list[CellParagraph], k: int) -> tuple[int, list[list[str]]]:
    """Blocks from k that read as column names; their readings that make a risk header."""
    first = bl[k].text.split()
    if not any(header_role(" ".join(first[:j])) for j in range(1, min(len(first), MAX_HEADER_PHRASE) + 1)):
        return k, []
    combos: list[list[str]] = [[]]
    j = k
    while j < len(bl) and bl[j].words <= MAX_HEADER_WORDS and not any(d in bl[j].text for d in DELIMITERS):
        segs = _segmentations(tuple(bl[j].text.split()))
        if not segs:
            break
        combos = [c + s for c in combos for s in segs][:48]
        j += 1
    if j == k:
        return k, []
    return j, [c for c in combos if columns_for(c, partial(heading_names_risk, text, bl[k].start))]


def _flat_body(text: str, bl: list[CellParagraph], start: int) -> list[CellParagraph]:
    body = []
    for j in range(start, min(len(bl), start + MAX_BODY_BLOCKS)):
        if stops_table(bl[j].lines[0]) or _flat_header(text, bl, j)[1]:
            break
        body.append(bl[j])
    return body


def looks_like_rating(text: str) -> bool:
    if len(text.split()) > 5:
        return False
    r = parse_rating(text)
    return bool(r.likelihood or r.score is not None or RATING_WORDS.fullmatch(text.strip(" .")))


def _emitter(cols: Columns, n: int):
    roles: list[str | None] = [None] * n
    for role in ("score", "rating", "likelihood", "impact", "ref"):
        if getattr(cols, role) is not None:
            roles[getattr(cols, role)] = "rating" if role == "score" else role
    roles[cols.name] = "name"

    def emit(b: CellParagraph, c: int, continues: bool) -> float:
        role, ratingish = roles[c], looks_like_rating(b.text)
        if role in ("rating", "likelihood", "impact"):
            return (0.0 if ratingish else 3.0) + (2.0 if continues else 0.0)
        if role == "ref":
            return 0.0 if _REF_CELL.match(b.text) else 3.0
        if role == "name":
            long = max(0, b.words - NAME_WORDS) * NAME_WORD_COST
            return long + (2.0 if ratingish else 0.0) + (2.0 if continues else 0.0)
        if continues and _HEADING_LIKE.match(b.text):
            return 1.5 if ratingish else 1.0  # a heading after the table, not a cell's next paragraph
        return 1.5 if ratingish else 0.0

    return emit


def _block_cell(parts: list[CellParagraph]) -> Cell | None:
    if not parts:
        return None
    return Cell(" ".join(p.text for p in parts), parts[0].start, parts[-1].end)


# ---------------------------------------------------------------- labelled records
def _labelled_tables(text: str) -> list[RawTable]:
    """Registers written as "Risk: ... / Rating: ... / Control: ..." records: the labels
    of a run, in order of first use, make the header; each record makes a row."""
    out: list[RawTable] = []
    for run in labelled_runs(text, _label_role, _ends_labelled, key="name"):
        header: list[str] = []
        for field in (f for rec in run for f in rec if f.role):
            if _label_key(field.label) not in header:
                header.append(_label_key(field.label))
        first = run[0][0].cell
        at = first.start if first else None
        cols = columns_for(header, partial(heading_names_risk, text, at) if at is not None else None)
        if cols is None:
            continue
        rows: list[list[Cell | None]] = []
        for rec in run:
            row: list[Cell | None] = [None] * len(header)
            for f in (f for f in rec if f.role):
                k = header.index(_label_key(f.label))
                row[k] = merge(row[k], f.cell)
            name = row[cols.name]
            if name is not None and not looks_like_rating(name.text):  # "Risk: Low" rates, not names
                rows.append(row)
        out.append(RawTable(cols, rows, start=at))
    return out


def _label_key(label: str) -> str:
    """ "Risk 2" and "Risk" label the same field."""
    return re.sub(r"\s+\(?[A-Z]{0,2}\d{1,3}[a-z]?\)?$", "", label.strip()).lower()


def _label_role(label: str) -> str | None:
    return header_role(_label_key(label))


def _ends_labelled(line: str) -> bool:
    """A legend written as a labelled line ("Impact: 1 Catastrophic, 2 Critical ...") or a
    line that ends any table."""
    found = label_of(line)
    if stops_table(line) or found is None:
        return stops_table(line)
    value = line[found[1] :]
    seqs = code_sequences(value)
    # "2 x 3 = 6" is a rating: a legend's codes carry word labels.
    return is_legend_text(value) and all(re.search(r"[A-Za-z]{2}", label) for _, label in seqs[0])


def join_continuations(
    rows: list[list[Cell | None]], cols: Columns, wrapped: bool = False
) -> list[list[Cell | None]]:
    """A row with no risk name continues the row above (a wrapped or page-split row).

    In a text table whose cells wrap line by line (`wrapped`), every line fills the
    columns it wraps in and leaves the rest empty, so a line without the ID, rating or
    score that the row above gives continues that row:

        | SR1 | Case management system | Daily back-ups and a   | 2 | 5 | 10 |
        |     | unavailable for a week | paper fallback process |   |   |    |
    """
    out: list[list[Cell | None]] = []
    for row in rows:
        name = row[cols.name] if cols.name < len(row) else None
        if out and any(row) and (name is None or (wrapped and _wraps_row_above(out[-1], row, cols))):
            out[-1] = merge_rows(out[-1], row)
        else:
            out.append(list(row))
    return out


def _wraps_row_above(above: list[Cell | None], row: list[Cell | None], cols: Columns) -> bool:
    """`row` is the next line of the cells of `above`: it leaves empty the ID (if the table
    has one), or else every rating and score cell, that `above` fills (a bracketed tail
    of its rating, "(Amber)", aside). Under an unrated first line, a line whose name
    reads on in lower case continues it too (a rating centred on the row's second line)."""

    def filled(r: list[Cell | None], k: int | None) -> bool:
        return k is not None and k < len(r) and r[k] is not None

    if _is_group_heading(row):
        return False
    if filled(above, cols.ref):
        return not filled(row, cols.ref)
    keys = [k for k in (cols.rating, cols.score, cols.likelihood, cols.impact) if k is not None]
    above_rated = any(filled(above, k) for k in keys)
    row_rated = any(filled(row, k) for k in keys)
    if above_rated:
        # A rating cell's wrapped tail ("12" over "(Amber)") rates nothing by itself.
        return not any(filled(row, k) and not (row[k] or Cell("")).text.startswith("(") for k in keys)
    name = row[cols.name]
    if name is None or not name.text[:1].islower() or filled(row, cols.ref):
        return False
    # Unrated so far: a line reading on in lower case in every cell it fills.
    return row_rated or all(c.text[:1].islower() or not c.text[:1].isalpha() for c in row if c is not None)


def _is_group_heading(row: list[Cell | None]) -> bool:
    """A line naming a group of the risks below it ("| Financial risks | | |", "| OPERATIONAL | |")."""
    cells = [c.text for c in row if c is not None]
    if len(cells) != 1 or not cells[0][:1].isupper() and not cells[0].startswith(("*", "#")):
        return False
    text = cells[0].strip("*# ")
    return bool(RISK_WORD.search(text)) or (text.isupper() and len(text) >= MIN_CAPITALS_HEADING)


def is_legend_text(text: str) -> bool:
    seqs = code_sequences(text)
    return bool(seqs) and norm_code(text.split()[0].strip("().:=-–")) == seqs[0][0][0]
