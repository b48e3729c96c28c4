"""Priorities extractor: seeds and invariants."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.extractors.priorities.helpers import (
    FIXTURES,
    _assert_spans_hold_text,
    _run,
)


# ---------------------------------------------------------------- seeds and invariants
@pytest.mark.parametrize("gold_path", sorted((FIXTURES / "gold").glob("*.json")), ids=lambda p: p.name[:3])
def test_seed_gold_priorities_found_and_hard_negatives_rejected(gold_path):
    gold = json.loads(gold_path.read_text())
    doc, records = _run((FIXTURES / "seeds" / gold["file"]).read_text())
    got = {_norm(r.text) for r in records}
    for g in gold.get("priorities", []):
        if not g.get("optional"):
            assert {_norm(g["text"]), *map(_norm, g.get("aliases", []))} & got, g["text"]
    for n in gold.get("not_priorities") or []:
        assert _norm(n) not in got
    _assert_spans_hold_text(doc, records)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


_WORDS = st.sampled_from(
    [
        "priorities",
        "Priority",
        "1",
        "2",
        "–",
        ":",
        "are",
        "•",
        "status:",
        "On",
        "track",
        "Cross",
        "cutting",
        "themes",
        "\t",
        "|",
        "Plan",
        "2024-27",
        "duty",
        "(a)",
        "the",
        "and",
        ";",
        ",",
        ".",
        "\n",
        "\n\n",
        "-",
        "Tackle",
        "ASB",
        "re-offending",
        "e",
        "which",
        "include",
        "four",
        "strands",
        "of",
        "cross-cutting",
        "Status (Q2 2030/31)",
        "Green",
        "for 2020/21:",
        "7.",
        "    ",
        "o",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_WORDS, max_size=80).map(" ".join), st.text(max_size=300)))
def test_extractor_never_raises_and_spans_hold_the_item(text):
    doc, records = _run(text)
    _assert_spans_hold_text(doc, records)
    for r in records:
        assert r.kind in ("priority", "cross_cutting_theme") and r.rank >= 1
