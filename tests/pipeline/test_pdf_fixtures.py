"""The PDF path end to end: generated PDFs read back as their text sources."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.ingest import load_document
from pipeline.normalise import normalise
from tests.conftest import FIXTURES

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))


def _fold(text: str) -> str:
    """Layout whitespace aside: compare word sequences, bullets as plain markers."""
    return " ".join(re.sub(r"[•]", " ", text).split())


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_body_paragraphs_read_back_as_their_text_source(pdf):
    manifest = json.loads(pdf.with_suffix(".json").read_text())
    source = (FIXTURES / "seeds" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
    folded_source = _fold(normalise(source).text)
    folded_pdf = _fold(load_document(pdf).text)
    paragraphs = [i["text"] for i in manifest["items"] if i["kind"] in ("para", "heading")]
    assert paragraphs
    for para in paragraphs:
        expected = _fold(normalise(para).text)
        assert expected in folded_source, "the generator changed the source's words"
        assert expected in folded_pdf, f"PDF text differs from source paragraph: {expected[:80]!r}"


def test_every_seed_has_a_generated_pdf_of_several_pages():
    seeds = {p.stem for p in (FIXTURES / "seeds").glob("*.txt")}
    assert {p.stem for p in PDFS} == seeds
    assert all(load_document(p).n_pages >= 2 for p in PDFS)
