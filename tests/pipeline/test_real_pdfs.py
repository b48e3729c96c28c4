"""Robustness on real PDFs (fixtures/realpdfs: registers, transcripts, rotated and noisy pages)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import load_document
from pipeline.run import Source, extract_facts, process_document
from tests.conftest import FIXTURES

REAL = FIXTURES / "realpdfs"
PDFS = sorted(REAL.glob("*.pdf"))


def test_the_real_pdfs_come_with_their_licence():
    assert len(PDFS) == 15
    assert "MIT" in (REAL / "LICENSE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_real_pdf_ingests_and_extracts_without_error(pdf, tmp_path):
    doc = load_document(pdf)
    with pdfium.PdfDocument(str(pdf)) as src:
        assert doc.n_pages == len(src)
    assert doc.text.strip()
    for table in doc.tables:
        assert 1 <= table.page <= doc.n_pages
        assert all(c is None or (isinstance(c, str) and c) for row in table.rows for c in row)
    rows, errors = extract_facts(doc)
    assert errors == []
    outcome = process_document(Source(pdf), tmp_path / "out")
    assert outcome.status == "ok", outcome.message


def test_the_real_pdfs_ruled_tables_are_found():
    tables = [t for pdf in PDFS for t in load_document(pdf).tables]
    assert len(tables) >= 100  # most pages of these reports are ruled tables
    assert sum(len(r) for t in tables for r in t.rows) > 5000  # cells
