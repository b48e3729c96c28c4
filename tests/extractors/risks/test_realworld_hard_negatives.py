"""The real-world pages that INDEX.md marks as hard negatives for risks (risk-register
minutes, risk policies and process reports that name no register risk) give no risk."""

from __future__ import annotations

import re

import pytest

from extractors import risks
from pipeline.ingest import load_document
from tests.extractors.risks.helpers import FIXTURES

REALWORLD = FIXTURES / "realworld"


def _hard_negatives() -> list[str]:
    rows = (REALWORLD / "INDEX.md").read_text(encoding="utf-8").splitlines()
    marked = [r for r in rows if re.search(r"none \(hard negative for risks\)|none for risks", r)]
    return [re.search(r"`([^`]+\.txt)`", r).group(1) for r in marked]


def test_the_index_marks_hard_negatives():
    assert len(_hard_negatives()) >= 5


@pytest.mark.parametrize("name", _hard_negatives())
def test_hard_negative_page_gives_no_risk(name):
    doc = load_document(REALWORLD / "docs" / name)
    assert [r.risk for r in risks.extract(doc)] == []
