"""Shared helpers of the legislation tests."""

from __future__ import annotations

from pathlib import Path

from extractors.legislation import extract
from pipeline.normalise import document_from_text

ROOT = Path(__file__).resolve().parents[3]
EXCERPTS = ROOT / "fixtures" / "excerpts" / "legislation"
CDA = "ukpga/1998/37"
STRATEGY_REGS = "uksi/2007/1830"


def rows(text: str):
    doc = document_from_text(text)
    out = extract(doc)
    for r in out:
        assert doc.text[r.char_start : r.char_end] == r.mention
    return out


def one(text: str):
    found = rows(text)
    assert len(found) == 1, found
    return found[0]
