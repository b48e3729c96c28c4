"""Shared helpers of the risks tests."""

from __future__ import annotations

import re
from pathlib import Path

from extractors import risks
from pipeline.normalise import document_from_text, normalise
from schemas.document import Document, Table

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def rows_of(text: str):
    doc = document_from_text(text)
    return doc, risks.extract(doc)


def pdf_document(pages: list[str], tables: list[Table]) -> Document:
    texts = [normalise(p).text for p in pages]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    return Document(
        doc_id="x",
        source_uri="mem.pdf",
        source_format="pdf",
        text="\n\n".join(texts),
        page_starts=starts,
        tables=tables,
    )


def squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def assert_spans_hold_names(doc: Document, found) -> None:
    for r in found:
        assert squash(doc.text[r.char_start : r.char_end]) == squash(r.risk), r


def assert_spans_run_through_names(doc: Document, found) -> None:
    """Page text that interleaves a table's columns: the span runs from the name's first
    word to its last and holds its words in order."""
    for r in found:
        held = squash(doc.text[r.char_start : r.char_end])
        words = [squash(w) for w in r.risk.split()]
        assert held.startswith(words[0]) and held.endswith(words[-1]), r
        assert re.search(".*".join(map(re.escape, words)), held), r


LABELLED_BACK_TO_BACK = """Key risks
Description: Volunteer drivers withdraw from the community transport scheme
Likelihood: Medium
Impact: High
Mitigation: Annual volunteer awards and expenses paid promptly
Description: Booking software licence lapses
Likelihood: Low
Impact: Very high
Mitigation: Renewal date held in the contracts register
"""


def cell_order(rows) -> str:
    """Page text as a backend reading the content stream cell by cell gives it."""
    return "\n".join(c for row in rows for c in row if c)
