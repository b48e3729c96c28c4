"""The Prefect flow is thin: the same dataset as the CLI, run under Prefect's test harness."""

from __future__ import annotations

import pandas as pd
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.extract import extract_papers
from tests.conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.slow  # a Prefect test server starts for this module


@pytest.fixture(scope="module")
def harness():
    with prefect_test_harness(server_startup_timeout=180):  # a loaded machine starts it slowly
        yield


def test_extract_flow_writes_the_dataset_and_reports_counts(harness, tmp_path, capfd):
    out = tmp_path / "data"
    result = extract_papers(
        [str(FIXTURES / "seeds"), str(FIXTURES / "bad" / "junk.pdf")], str(out), batch_size=2
    )
    assert result["documents"] == len(SEEDS) + 1
    assert result["statuses"] == {"ok": len(SEEDS), "failed": 1}
    assert len(pd.read_parquet(out / "documents")) == len(SEEDS) + 1
    assert result["tables"]["priorities"] == len(pd.read_parquet(out / "priorities"))
    # Offline, the run must not print errors (e.g. telemetry failures).
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "ERROR" not in captured.err


def test_extract_flow_runs_unchanged_on_a_dask_cluster(harness, tmp_path):
    """Where one machine is not enough, the same flow runs on Dask (here a local 2-process cluster)."""
    from prefect_dask import DaskTaskRunner

    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    on_dask = extract_papers.with_options(task_runner=runner)
    result = on_dask([str(FIXTURES / "seeds")], str(tmp_path / "data"), batch_size=2)
    assert result["statuses"] == {"ok": len(SEEDS)}
    assert len(pd.read_parquet(tmp_path / "data" / "texts")) == len(SEEDS)
