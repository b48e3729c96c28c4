"""Placeholder: the priorities extractor arrives in its own issue."""
from __future__ import annotations

from pipeline.document import Document


def extract(doc: Document) -> list:
    return []
