"""Shared helpers of the surveys tests."""

from __future__ import annotations

from pathlib import Path

from extractors.surveys import extract
from pipeline.normalise import document_from_text

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def results(text: str):
    doc = document_from_text(text)
    rows = extract(doc)
    for r in rows:
        assert doc.text[r.char_start : r.char_end] == r.evidence
    return rows


def by_percent(text: str) -> dict[float, object]:
    return {r.percent: r for r in results(text)}
