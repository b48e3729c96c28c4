"""No council slug outside the gazetteer (or the commissioner rule) on any fixture set."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.councils import gazetteer
from pipeline.run import collect_sources, run_batch
from tests.conftest import FIXTURES

SETS = ["seeds", "html", "pdf", "heldout/papers", "heldout2/papers", "heldout3/papers", "realworld/docs",
        "excerpts/priorities", "excerpts/legislation", "moderngov/pdf"]  # fmt: skip


@pytest.mark.slow
def test_every_council_slug_written_is_in_the_gazetteer(tmp_path):
    out = tmp_path / "data"
    run_batch([s for name in SETS for s in collect_sources([FIXTURES / name])], out, progress=False)
    councils = pd.read_parquet(out / "documents")["council"].dropna()
    assert len(councils) > 60
    assert sorted({c for c in councils if not gazetteer().is_known(c)}) == []
