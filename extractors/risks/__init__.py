"""Risks from the risk tables and registers in council reports: one row per risk.

A report's "Risk management" section often tabulates its risks, e.g.

    Risk            Description                         Action to avoid or mitigate risk   Risk rating
    Legislation     Government guidance could change    Horizon scanning for legislative   C III
                    focus for the partnership           change

gives risk "Legislation", its description and mitigation, rating_raw "C III",
likelihood "C", impact "3", and labels ("Unlikely", "Moderate") from the paper's legend.
Tables come from pdfplumber (`doc.tables`, merged across page breaks) or from the
text: tab-separated rows, pipe-separated rows (cells maybe wrapped line by line, maybe
ruled as a grid), or flattened tables whose cells follow
one another as blank-line separated blocks; registers written as "Risk: ... /
Rating: ... / Control: ..." records read as tables too (`_risk_text_tables`).

A table counts when its header (or labels) names risk columns and is about risk: a
header cell names risk ("Risk", "Hazard", "Risk rating"), or the heading or caption
right above the table does ("Risk register", "Table 3: Key risks", a "Risk management"
section heading over its intro paragraph). So "Description | Impact | Mitigation" under
"Equality impact", narrative about risk and a "Risk management" row of an
implications table give nothing.

rating_raw is the rating (or score) cell as written. A register with only separate
likelihood and impact columns writes no single rating; there rating_raw keeps both
cells, verbatim, joined as "<likelihood> / <impact>" ("2 / 4", "Medium / High"), so the
column says what the paper rated without inventing a code the paper does not use.
Column roles: `columns`; ratings: `ratings`; legends: `legends`.

Real papers more often name register risks in running text, and web pages flatten their
registers; those are read beside the tables, never inside a table already read:
- `flat_rows`: registers whose cells are joined by " / " or single spaces, one cell per
  line, run together, or names alternating with owners; the rating is the row's anchor;
- `coded_risks`: risks named by register code ("CR4 Flood Resilience", "Risk XY0043: ...",
  "<name> (CR.3)", "as QR12, QR15 and QR20");
- `named_risks`: numbered risks ("Risk no. 2 – <name>"), what the register did with a
  risk ("the A risk had been removed"), "the fleet replacement risk";
- `register_lists`: counted or introduced lists ("two high scoring risks – A and B",
  "the red risks were:" and bullets), rated sections of a register.
`register_cues` holds what these forms share: what marks text as naming register entries.
"""

from __future__ import annotations

import re
from functools import partial

from extractors.common.tables import Cell
from extractors.common.text import fold
from extractors.risks.coded_risks import coded_mentions
from extractors.risks.columns import RISK_WORD, Columns, columns_for, header_columns
from extractors.risks.flat_rows import FlatRow, flat_rows
from extractors.risks.legends import document_legend, legend_keyword
from extractors.risks.named_risks import named_mentions
from extractors.risks.pdf_tables import TextFinder, table_runs
from extractors.risks.ratings import Legend, Rating, parse_code, parse_pair, parse_rating
from extractors.risks.register_cues import Mention
from extractors.risks.register_lists import list_mentions
from extractors.risks.text_tables import (
    KEY_LINE,
    RawTable,
    heading_names_risk,
    is_legend_text,
    join_continuations,
    text_tables,
)
from schemas.document import Document
from schemas.records import Risk

HEADER_ROWS_SEARCHED = 3  # a PDF table's title rows above its header


def extract(doc: Document) -> list[Risk]:
    legend = document_legend(doc.text, [[r for t in run for r in t.rows] for run in table_runs(doc.tables)])
    finder = TextFinder(doc.text, doc.page_starts)
    tables = _pdf_tables(doc, finder) if doc.source_format == "pdf" else []
    pdf_pages = {c.page for t in tables for row in t.rows for c in row if c is not None}
    for t in text_tables(doc.text):
        if t.start is None or doc.page_of(t.start) not in pdf_pages:
            tables.append(t)
    risks: list[Risk] = []
    extents = []  # where each table's rows lie: text forms are not read there
    for table in tables:
        rows = _records(table, legend, finder)
        if rows:
            first, last = min(r.char_start for r in rows), max(r.char_end for r in rows)
            extents.append((doc.text.rfind("\n", 0, first) + 1, last))
        risks.extend(rows)
    flat = [r for r in flat_rows(doc.text) if not any(s <= r.start < e for s, e in extents)]
    if flat:
        extents.append((doc.text.rfind("\n", 0, flat[0].start) + 1, max(r.end for r in flat)))
    risks += [_flat_risk(r) for r in flat]
    return risks + _register_mentions(doc.text, extents)


def _flat_risk(r: FlatRow) -> Risk:
    return Risk(
        char_start=r.start,
        char_end=r.end,
        risk=r.risk,
        row=r.row,
        description=r.description,
        mitigation=r.mitigation,
        rating_raw=r.rating_raw,
        likelihood=r.likelihood,
        impact=r.impact,
        # a word scale ("Medium") is its own label; a letter ("H") is a code
        likelihood_label=r.likelihood if r.likelihood and len(r.likelihood) > 1 else None,
    )


# ---------------------------------------------------------------- register risks in running text
def _register_mentions(text: str, extents: list[tuple[int, int]]) -> list[Risk]:
    """Register risks that minutes and reports name in running text (`coded_risks`,
    `named_risks`), except inside a table already read."""
    spans, keys, listed = list(extents), set(), set()
    out: list[Risk] = []
    for m in coded_mentions(text) + list_mentions(text) + named_mentions(text):
        if any(s < m.end and m.start < e for s, e in spans):
            continue
        # One row per risk in each list; a risk named again in prose is the same risk.
        if (m.key in keys) if m.list_key is None else ((m.list_key, m.key) in listed):
            continue
        spans.append((m.start, m.end))
        keys.add(m.key)
        if m.list_key is not None:
            listed.add((m.list_key, m.key))
        out.append(_mention_risk(m))
    return sorted(out, key=lambda r: r.char_start)


def _mention_risk(m: Mention) -> Risk:
    rating = parse_rating(m.rating_raw) if m.likelihood is None and m.score is None else None
    return Risk(
        char_start=m.start,
        char_end=m.end,
        risk=m.risk,
        row=m.row,
        description=m.description,
        rating_raw=m.rating_raw,
        likelihood=m.likelihood,
        impact=m.impact,
        score=m.score if m.score is not None else (rating.score if rating and rating.likelihood else None),
    )


# ---------------------------------------------------------------- PDF tables
def _pdf_tables(doc: Document, finder: TextFinder) -> list[RawTable]:
    out: list[RawTable] = []
    for run in table_runs(doc.tables):
        table: RawTable | None = None
        for t in run:
            rows = [[_pdf_cell(c, t.page) for c in r] for r in t.rows]
            at, cols = _pdf_header(rows, doc.text, finder)
            if cols is not None and (table is None or cols != table.columns):
                header = " ".join(c.text for c in rows[at] if c is not None)
                table = RawTable(cols, [], header=Cell(header, page=t.page))
                out.append(table)
            if table is not None:  # a repeated header on the next page is skipped
                table.rows = join_continuations(table.rows + rows[at + 1 :], table.columns)
    return out


def _pdf_cell(value: str | None, page: int) -> Cell | None:
    text = fold(value or "")
    return Cell(text, page=page) if text else None


def _pdf_header(rows: list[list[Cell | None]], text: str, finder: TextFinder) -> tuple[int, Columns | None]:
    """The header row and its columns: a header that does not name risk counts under a
    title row that does ("Corporate risk register extract") or under a risk heading in
    the page text."""
    for k, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        cols = columns_for(
            [c.text if c else None for c in row], partial(_pdf_risk_context, rows, k, text, finder)
        )
        if cols:
            return k, cols
    return -1, None


def _pdf_risk_context(rows: list[list[Cell | None]], k: int, text: str, finder: TextFinder) -> bool:
    """A title row above header row k, or the heading over it in the page text, names risk."""
    if any(RISK_WORD.search(c.text) for r in rows[:k] for c in r if c):
        return True
    cells = [c for c in rows[k] if c is not None]
    found = finder.find(" ".join(c.text for c in cells), cells[0].page if cells else None, None)
    return found is not None and heading_names_risk(text, found[0])


# ---------------------------------------------------------------- records
def _records(table: RawTable, legend: Legend, finder: TextFinder) -> list[Risk]:
    cols = table.columns
    out: list[Risk] = []
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
    if header_columns([c.text if c else None for c in cells]) or legend_keyword(text) or KEY_LINE.match(text):
        return False
    if not re.search(r"[A-Za-z]{2}", text) or is_legend_text(text):
        return False
    return any(c is not None for k, c in enumerate(cells) if k not in (cols.name, cols.ref))


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
    return Risk(
        char_start=span[0],
        char_end=span[1],
        risk=name.text,
        row=row,
        description=_joined(cells, cols.description),
        mitigation=_joined(cells, cols.mitigation),
        rating_raw=_rating_raw(rating_cell or score_cell, l_cell, i_cell),
        likelihood=lik,
        impact=imp,
        likelihood_label=legend.label("likelihood", lik) or lik_label,
        impact_label=legend.label("impact", imp) or imp_label,
        score=score,
    )


def _rating_raw(written: Cell | None, l_cell: Cell | None, i_cell: Cell | None) -> str | None:
    """The rating or score cell as written; with none, separate likelihood and impact cells
    joined as "<likelihood> / <impact>" (the module docstring says why)."""
    if written is not None:
        return written.text
    if l_cell is not None and i_cell is not None:
        return f"{l_cell.text} / {i_cell.text}"
    return None


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
