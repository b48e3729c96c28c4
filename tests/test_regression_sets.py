"""Accuracy regression guards: the seeds and the first held-out set, scored by `evaluate`.

These sets were used while developing the extractors, so they show nothing about
unseen papers; they stop a change from silently losing what already works.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import evaluate
from pipeline.run import collect_sources, run_batch
from tests.conftest import FIXTURES

SETS = {
    # name: (papers, gold, floor for each table's F1, floor for each metadata field's accuracy)
    "seeds": (FIXTURES / "seeds", FIXTURES / "gold", 1.0, 1.0),
    "heldout": (FIXTURES / "heldout" / "papers", FIXTURES / "heldout" / "gold", 0.95, 0.85),
    # The seeds as generated PDFs (running headers, page breaks, ruled tables): the PDF path.
    # One title (set in body type, with no layout cue) is not found there.
    "pdf": (FIXTURES / "pdf", FIXTURES / "pdf" / "gold", 0.9, 0.75),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory):
    papers, gold, floor, meta_floor = SETS[request.param]
    out = tmp_path_factory.mktemp(request.param) / "data"
    run_batch([s for s in collect_sources([papers]) if s.path.parent == papers], out, progress=False)
    return evaluate(out, gold).to_dict(), floor, meta_floor


@pytest.mark.parametrize(
    "table", ["priorities", "legislation", "risks", "amounts", "grants", "survey_results"]
)
def test_table_f1_does_not_regress(scored, table):
    figures, floor, _ = scored
    assert figures[table]["f1"] >= floor, f"{table}: {figures[table]}"


def test_document_metadata_does_not_regress(scored):
    figures, _, meta_floor = scored
    for field, (right, total) in figures["documents"].items():
        assert right / total >= meta_floor, f"{field}: {right}/{total}"
