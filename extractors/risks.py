"""Risks from the risk tables and registers in council reports: one row per risk.

A report's "Risk management" section often tabulates its risks, e.g.

    Risk            Description                         Action to avoid or mitigate risk   Risk rating
    Legislation     Government guidance could change    Horizon scanning for legislative   C III
                    focus for the partnership           change

gives risk "Legislation", its description and mitigation, rating_raw "C III",
likelihood "C", impact "3", and labels ("Unlikely", "Moderate") from the paper's legend.
Tables come from pdfplumber (`doc.tables`, merged across page breaks) or from the
text: tab-separated rows, pipe-separated rows, or flattened tables whose cells follow
one another as blank-line separated blocks; registers written as "Risk: ... /
Rating: ... / Control: ..." records read as tables too. Only tables whose header (or
labels) name risk columns count, so narrative about risk and a "Risk management" row
of an implications table give nothing. Column roles: `_risk_columns`; ratings and
legends: `_risk_ratings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors._labelled_records import label_of, labelled_runs
from extractors._risk_columns import Columns, columns_for, header_role
from extractors._risk_ratings import (
    Legend,
    Rating,
    code_sequences,
    document_legend,
    legend_keyword,
    norm_code,
    parse_code,
    parse_pair,
    parse_rating,
)
from extractors._tables import (
    Block,
    Cell,
    TextFinder,
    align_blocks,
    blocks,
    delimited_rows,
    join_lines,
    line_spans,
    merge,
    merge_rows,
    split_cells,
    table_runs,
)
from pipeline.document import Document
from schemas.records import Risk

HEADER_ROWS_SEARCHED = 3  # a PDF table's title rows above its header
MAX_HEADER_WORDS = 30
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
_KEY_LINE = re.compile(
    r"^(?:key\s*[:\-–]|key$|for (?:the )?risk (?:rating|score)|risk (?:rating|scoring) (?:key|matrix))",
    re.IGNORECASE,
)
# "Background papers: none.", "Financial implications": a heading, or a label with its value.
_HEADING_LIKE = re.compile(r"^(?:\S+(?: \S+){0,5}[^.;:!?)\s]|[A-Z][\w ]{2,40}:\s.{0,60})$")
_REF_CELL = re.compile(r"^[A-Z]{0,4}\s?-?\d{1,3}[a-z]?\.?$")
_RISK_WORD = re.compile(r"\b(?:risks?|hazards?|threats?)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d{1,3}")


@dataclass
class RawTable:
    columns: Columns
    rows: list[list[Cell | None]]
    start: int | None = None  # offset of the header in doc.text (text tables)
    header: Cell | None = None  # a PDF table's header row, to find where the table starts


def extract(doc: Document) -> list[Risk]:
    legend = document_legend(doc.text, [[r for t in run for r in t.rows] for run in table_runs(doc.tables)])
    tables = _pdf_tables(doc) if doc.source_format == "pdf" else []
    pdf_pages = {c.page for t in tables for row in t.rows for c in row if c is not None}
    for t in _text_tables(doc.text):
        if t.start is None or doc.page_of(t.start) not in pdf_pages:
            tables.append(t)
    finder = TextFinder(doc.text, doc.page_starts)
    risks: list[Risk] = []
    for table in tables:
        risks.extend(_records(table, legend, finder))
    return risks


# ---------------------------------------------------------------- headers
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
def _text_tables(text: str) -> list[RawTable]:
    return _delimited_tables(text) + _flattened_tables(text) + _labelled_tables(text)


def _stops_table(line: str) -> bool:
    """A line that cannot be part of a risk table's body: a legend, a key or a numbered paragraph."""
    first = line.split("\t")[0].split("|")[0].strip()
    return bool(legend_keyword(first) or _KEY_LINE.match(first) or _NUMBERED_PARA.match(line.strip()))


def _delimited_tables(text: str) -> list[RawTable]:
    lines = line_spans(text)
    out: list[RawTable] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        nxt = i + 1
        for sep in ("\t", "|"):
            if sep not in text[s:e]:
                continue
            header = split_cells(text, s, e, sep)
            cols = columns_for([c.text if c else None for c in header])
            if cols is None:
                continue
            rows, nxt = delimited_rows(text, lines, i + 1, len(header), sep, _stops_table)
            out.append(RawTable(cols, _join_continuations(rows, cols.name), start=s))
            break
        i = max(nxt, i + 1)
    return out


def _flattened_tables(text: str) -> list[RawTable]:
    bl = blocks(text)
    out: list[RawTable] = []
    k = 0
    while k < len(bl):
        body_at, headers = _flat_header(bl, k)
        if not headers:
            k += 1
            continue
        body = _flat_body(bl, body_at)
        best = None
        for header in headers:
            cols = columns_for(header)
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


def _flat_header(bl: list[Block], k: int) -> tuple[int, list[list[str]]]:
    """Blocks from k that read as column names; their readings that make a risk header."""
    first = bl[k].text.split()
    if not any(header_role(" ".join(first[:j])) for j in range(1, min(len(first), MAX_HEADER_PHRASE) + 1)):
        return k, []
    combos: list[list[str]] = [[]]
    j = k
    while j < len(bl) and bl[j].words <= MAX_HEADER_WORDS and not re.search(r"[\t|]", bl[j].text):
        segs = _segmentations(tuple(bl[j].text.split()))
        if not segs:
            break
        combos = [c + s for c in combos for s in segs][:48]
        j += 1
    if j == k or not any(_RISK_WORD.search(b.text) for b in bl[k:j]):
        return k, []
    return j, [c for c in combos if columns_for(c)]


def _flat_body(bl: list[Block], start: int) -> list[Block]:
    body = []
    for j in range(start, min(len(bl), start + MAX_BODY_BLOCKS)):
        if _stops_table(bl[j].lines[0]) or _flat_header(bl, j)[1]:
            break
        body.append(bl[j])
    return body


def _looks_like_rating(text: str) -> bool:
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

    def emit(b: Block, c: int, continues: bool) -> float:
        role, ratingish = roles[c], _looks_like_rating(b.text)
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


def _block_cell(parts: list[Block]) -> Cell | None:
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
        cols = columns_for(header)
        if cols is None:
            continue
        rows: list[list[Cell | None]] = []
        for rec in run:
            row: list[Cell | None] = [None] * len(header)
            for f in (f for f in rec if f.role):
                k = header.index(_label_key(f.label))
                row[k] = merge(row[k], f.cell)
            name = row[cols.name]
            if name is not None and not _looks_like_rating(name.text):  # "Risk: Low" rates, not names
                rows.append(row)
        first = run[0][0].cell
        out.append(RawTable(cols, rows, start=first.start if first else None))
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
    if _stops_table(line) or found is None:
        return _stops_table(line)
    value = line[found[1] :]
    seqs = code_sequences(value)
    # "2 x 3 = 6" is a rating: a legend's codes carry word labels.
    return _is_legend_text(value) and all(re.search(r"[A-Za-z]{2}", label) for _, label in seqs[0])


# ---------------------------------------------------------------- PDF tables
def _pdf_tables(doc: Document) -> list[RawTable]:
    out: list[RawTable] = []
    for run in table_runs(doc.tables):
        table: RawTable | None = None
        for t in run:
            rows = [[_pdf_cell(c, t.page) for c in r] for r in t.rows]
            at, cols = _pdf_header(rows)
            if cols is not None and (table is None or cols != table.columns):
                header = " ".join(c.text for c in rows[at] if c is not None)
                table = RawTable(cols, [], header=Cell(header, page=t.page))
                out.append(table)
            if table is not None:  # a repeated header on the next page is skipped
                table.rows = _join_continuations(table.rows + rows[at + 1 :], table.columns.name)
    return out


def _pdf_cell(value: str | None, page: int) -> Cell | None:
    text = join_lines(value or "")
    return Cell(text, page=page) if text else None


def _pdf_header(rows: list[list[Cell | None]]) -> tuple[int, Columns | None]:
    for k, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        cols = columns_for([c.text if c else None for c in row])
        if cols:
            return k, cols
    return -1, None


def _join_continuations(rows: list[list[Cell | None]], name: int) -> list[list[Cell | None]]:
    """A row with no risk name continues the row above (a wrapped or page-split row)."""
    out: list[list[Cell | None]] = []
    for row in rows:
        if out and (name >= len(row) or row[name] is None) and any(row):
            out[-1] = merge_rows(out[-1], row)
        else:
            out.append(list(row))
    return out


# ---------------------------------------------------------------- records
def _records(table: RawTable, legend: Legend, finder: TextFinder) -> list[Risk]:
    cols, out = table.columns, []
    after = None
    if table.header is not None:  # rows are searched for after the header, not in the prose above it
        found = finder.find(table.header.text, table.header.page, None)
        after = found[1] if found else None
    for cells in table.rows:
        name = _cell(cells, cols.name)
        if name is None or not _is_risk_row(cells, cols, name):
            continue
        span = (name.start, name.end) if name.start is not None else finder.find(name.text, name.page, after)
        if span is None or span[0] is None or span[1] is None:
            continue
        after = span[1]
        out.append(_risk(cells, cols, name, span, len(out) + 1, legend))
    return out


def _cell(cells: list[Cell | None], k: int | None) -> Cell | None:
    return cells[k] if k is not None and k < len(cells) else None


def _is_risk_row(cells: list[Cell | None], cols: Columns, name: Cell) -> bool:
    """Not a repeated header, a legend or key row, a group heading or a bare reference."""
    text = name.text
    if columns_for([c.text if c else None for c in cells]) or legend_keyword(text) or _KEY_LINE.match(text):
        return False
    if not re.search(r"[A-Za-z]{2}", text) or _is_legend_text(text):
        return False
    return any(c is not None for k, c in enumerate(cells) if k not in (cols.name, cols.ref))


def _is_legend_text(text: str) -> bool:
    seqs = code_sequences(text)
    return bool(seqs) and norm_code(text.split()[0].strip("().:=-–")) == seqs[0][0][0]


def _risk(cells, cols: Columns, name: Cell, span, row: int, legend: Legend) -> Risk:
    rating, rating_cell = _rating(cells, cols, cols.rating, legend)
    scored, score_cell = _rating(cells, cols, cols.score, legend)
    coded = rating if rating.likelihood else scored
    l_cell, i_cell = _cell(cells, cols.likelihood), _cell(cells, cols.impact)
    lik, lik_label = parse_code(l_cell.text, "likelihood", legend) if l_cell else (coded.likelihood, None)
    imp, imp_label = parse_code(i_cell.text, "impact", legend) if i_cell else (coded.impact, None)
    score = next((r.score for r in (scored, rating, coded) if r.score is not None), None)
    if score is None and lik and imp and lik.isdigit() and imp.isdigit():
        score = int(lik) * int(imp)  # a numeric likelihood and impact imply their product
    raw_cell = rating_cell or score_cell
    separate = " / ".join(c.text for c in (l_cell, i_cell) if c)
    # A bare score beside likelihood and impact columns is the score; the rating is the pair.
    if raw_cell is None or (separate and _BARE_NUMBER.fullmatch(raw_cell.text)):
        raw = separate or None
    else:
        raw = raw_cell.text
    return Risk(
        char_start=span[0],
        char_end=span[1],
        risk=name.text,
        row=row,
        description=_joined(cells, cols.description),
        mitigation=_joined(cells, cols.mitigation),
        rating_raw=raw,
        likelihood=lik,
        impact=imp,
        likelihood_label=legend.label("likelihood", lik) or lik_label,
        impact_label=legend.label("impact", imp) or imp_label,
        score=score,
    )


def _rating(cells, cols: Columns, k: int | None, legend: Legend) -> tuple[Rating, Cell | None]:
    cell = _cell(cells, k)
    if cell is None:
        return Rating(), None
    impact_first = k in cols.impact_first
    rating = parse_rating(cell.text, legend.letters_are_likelihood(), impact_first)
    if rating.likelihood is None and k in cols.combined:
        pair = parse_pair(cell.text, legend, impact_first)
        rating = pair if pair.likelihood else rating
    return rating, cell


def _joined(cells: list[Cell | None], idx: list[int]) -> str | None:
    parts = [c.text for k in idx if (c := _cell(cells, k)) is not None]
    return " ".join(parts) or None
