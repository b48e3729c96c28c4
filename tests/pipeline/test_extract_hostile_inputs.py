"""Acceptance for issue 21 (extract side): a hostile corpus in one batch, in one and two workers.

Every input gets its own `documents` row with a status and a message, the good papers in the
same batch are extracted, nothing hangs (a document over its time budget is stopped), and no
worker grows beyond the memory budget.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest

from fixtures.make_hostile_inputs import make
from pipeline.run import Budget, collect_sources, run_batch

BUDGET = Budget(seconds=30, memory_mb=2048)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_corpus_every_input_recorded_and_good_papers_extracted(tmp_path, workers):
    made = make(tmp_path / "in")
    sources = collect_sources([tmp_path / "in", made["fifo.txt"]])  # a FIFO only counts when named
    assert len(sources) == len(made)
    result = run_batch(sources, tmp_path / "out", workers=workers, progress=False, budget=BUDGET)

    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert len(docs) == len(made) == len(set(docs["source_uri"]))
    assert set(docs["status"]) <= {"ok", "partial", "failed"}
    failed = docs[docs["status"] == "failed"]
    assert all(len(errors) and errors[0]["message"] for errors in failed["errors"])
    by_name = {os.path.basename(u): row for u, row in docs.set_index("source_uri").iterrows()}
    for name in (n for n in made if n.startswith("good_")):
        assert by_name[name]["status"] == "ok", by_name[name]["errors"]
    assert "not a regular file (a FIFO)" in by_name["fifo.txt"]["errors"][0]["message"]
    assert by_name["nested.html"]["status"] != "failed"
    assert by_name["utf16.txt"]["status"] == by_name["utf16_nobom.txt"]["status"] == "ok"
    assert any("\\x" in name for name in by_name)  # the non-UTF-8 file name, with its bytes escaped
    assert sum(n.startswith("pdf_") for n in by_name) == 75
    assert result.peak_worker_rss_mb < BUDGET.memory_mb
    # The outcomes say the same as the table.
    assert sorted(o.status for o in result.outcomes) == sorted(docs["status"])
