"""Ruled tables read from PDFium's path objects give pdfplumber's rows (pipeline.ingest.pdf_grid)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import pipeline.ingest.pdf as pdf_ingest
from pipeline.ingest import load_document
from pipeline.ingest.pdf import _cell
from tests.conftest import FIXTURES


def _plumber_rows(path) -> list[tuple[int, list[list[str | None]]]]:
    """pdfplumber's tables on every page, cells normalised as the ingest does."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for found in page.find_tables():
                rows = [[_cell(c) for c in row] for row in found.extract()]
                if rows and max(len(r) for r in rows) >= 2:
                    out.append((number, rows))
            page.close()
    return out


def _ours(path) -> list[tuple[int, list[list[str | None]]]]:
    return [(t.page, t.rows) for t in load_document(path).tables]


def _grid(c: canvas.Canvas, left: float, top: float, widths, heights, skip_inner=()) -> None:
    """Ruling lines of a grid; `skip_inner` = (row, column) inner verticals not drawn (merged cells)."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for r in range(len(heights)):
        for k, x in enumerate(xs):
            if (r, k) not in skip_inner:
                c.line(x, ys[r], x, ys[r + 1])


def _write(tmp_path, name: str, draw, rotation: int = 0):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if rotation:
        c.setPageRotation(rotation)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Service plan: the register below lists what could go wrong.")
    draw(c)
    c.showPage()
    c.save()
    path = tmp_path / name
    path.write_bytes(buf.getvalue())
    return path


def _register(c: canvas.Canvas) -> None:
    _grid(c, 72, 760, [150, 200, 80], [24, 36, 24, 24])
    cells = [
        ["Ref and title", "What we do about it", "Score"],
        ["R1 Staff leave", "Recruit early and", "12"],
        ["R2 Budget gap", "Savings plan agreed", "9"],
        ["R3 IT outage", "Backup site", "4"],
    ]
    tops = [760, 736, 700, 676]
    for row, top in zip(cells, tops):
        for text, x in zip(row, [76, 226, 426]):
            c.drawString(x, top - 14, text)
    c.drawString(226, 736 - 28, "train cover staff")  # the second line of a wrapped cell


def test_a_drawn_register_reads_as_pdfplumber_reads_it(tmp_path):
    path = _write(tmp_path, "register.pdf", _register)
    ours = _ours(path)
    assert ours == _plumber_rows(path)
    (_, rows), *_ = ours
    assert rows[0] == ["Ref and title", "What we do about it", "Score"]
    assert rows[1] == ["R1 Staff leave", "Recruit early and\ntrain cover staff", "12"]


def test_a_merged_cell_leaves_the_spanned_column_empty(tmp_path):
    def draw(c):
        _grid(c, 72, 760, [120, 120, 120], [24, 24, 24], skip_inner={(1, 1), (1, 2)})
        c.drawString(76, 760 - 14, "Theme")
        c.drawString(196, 760 - 14, "Lead")
        c.drawString(316, 760 - 14, "Due")
        c.drawString(76, 736 - 14, "A heading row across the whole table")
        c.drawString(76, 712 - 14, "Housing")
        c.drawString(196, 712 - 14, "Director")
        c.drawString(316, 712 - 14, "2025")

    path = _write(tmp_path, "merged.pdf", draw)
    ours = _ours(path)
    assert ours == _plumber_rows(path)
    assert ours[0][1][1] == ["A heading row across the whole table", None, None]


def test_a_turned_page_reads_rows_as_shown_and_text_as_written(tmp_path):
    """On a page shown turned by 90 degrees the grid is pdfplumber's (the drawn columns become
    rows); pdfplumber breaks the sideways words into one line each, PDFium keeps them."""
    path = _write(tmp_path, "turned.pdf", _register, rotation=90)
    [(page, ours)] = _ours(path)
    [(_, theirs)] = _plumber_rows(path)
    assert [len(r) for r in ours] == [len(r) for r in theirs] == [4, 4, 4]
    for mine, other in zip(ours, theirs):
        assert [sorted((c or "").split()) for c in mine] == [sorted((c or "").split()) for c in other]
    assert ours[0] == ["R3 IT outage", "R2 Budget gap", "R1 Staff leave", "Ref and title"]


def test_separate_rules_under_headings_are_no_table(tmp_path):
    def draw(c):
        for y in (700, 600, 500):
            c.drawString(72, y + 4, "A heading")
            c.line(72, y, 300, y)

    path = _write(tmp_path, "rules.pdf", draw)
    assert _ours(path) == [] == _plumber_rows(path)


def test_a_page_over_the_time_budget_keeps_its_text_and_says_so(tmp_path, monkeypatch):
    path = _write(tmp_path, "register.pdf", _register)
    monkeypatch.setattr(pdf_ingest, "TABLE_BUDGET_S", 0.0)
    doc = load_document(path)
    assert doc.tables == []
    assert "R2 Budget gap" in doc.text
    assert any("tables not searched on page(s) 1" in w for w in doc.warnings)


@pytest.mark.parametrize("pdf", sorted((FIXTURES / "pdf").glob("*.pdf")), ids=lambda p: p.stem)
def test_fixture_pdfs_tables_are_pdfplumbers(pdf):
    assert _ours(pdf) == _plumber_rows(pdf)
