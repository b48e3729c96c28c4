"""Shared helpers of the amounts tests."""

from __future__ import annotations

from pathlib import Path

from extractors import amounts
from pipeline.normalise import document_from_text

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def _amounts(text: str):
    return amounts.extract(document_from_text(text))


def _one(text: str):
    found = _amounts(text)
    assert len(found) == 1, found
    return found[0]
