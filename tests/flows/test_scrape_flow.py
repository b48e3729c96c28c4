"""The Prefect flow and its deployments: definition checks, and one run under the test harness."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from flows.scrape import FLOW_NAME, build_deployments, extract_council, fetch_council, scrape_councils
from tests.conftest import FIXTURES
from tests.scrape.server import FixtureServer, write_config

FIX = FIXTURES / "moderngov"


def test_bundled_deployments_run_each_council_weekly():
    deployments = {d.name: d for d in build_deployments(out="/srv/data")}
    assert set(deployments) == {"scrape-medway", "scrape-kent", "scrape-maidstone"}
    for slug in ("medway", "kent", "maidstone"):
        d = deployments[f"scrape-{slug}"]
        assert d.flow_name == FLOW_NAME and d.entrypoint.endswith("flows/scrape.py:scrape_councils")
        assert d.parameters["councils"] == [slug]
        (schedule,) = d.schedules
        _minute, _hour, day_of_month, month, day_of_week = schedule.schedule.cron.split()
        assert (day_of_month, month) == ("*", "*") and day_of_week.isdigit()  # once a week
        assert schedule.schedule.timezone == "Europe/London" and schedule.active


def test_deployments_follow_the_config_file(tmp_path):
    with FixtureServer(FIX) as server:
        config = write_config(server, tmp_path / "councils.toml")
    (medway, kent) = build_deployments(str(config), out="/srv/data")
    assert medway.parameters == {"councils": ["medway"], "out": "/srv/data", "config": str(config)}
    assert kent.schedules[0].schedule.cron == "0 6 * * 1"


def test_only_fetch_tasks_retry():
    assert fetch_council.retries >= 1 and extract_council.retries == 0


def test_flow_scrapes_then_extracts_under_the_test_harness(tmp_path):
    from prefect.testing.utilities import prefect_test_harness

    out = tmp_path / "data"
    with FixtureServer(FIX) as server, prefect_test_harness(server_startup_timeout=60):
        config = write_config(server, tmp_path / "councils.toml", min_interval_s=0.02)
        results = scrape_councils(
            councils=["medway", "kent"], since=dt.date(2025, 9, 1), out=str(out), config=str(config)
        )
    fetched = {r["council"]: r["downloaded"] for r in results if "downloaded" in r}
    extracted = {r["council"]: r["ok"] for r in results if "extracted" in r}
    assert fetched == {"medway": 4, "kent": 2} and extracted == {"medway": 4, "kent": 2}
    assert len(pd.read_parquet(out / "documents")) == 6


def test_flow_rejects_unknown_council_before_fetching():
    with pytest.raises(ValueError, match="expected one of"):
        scrape_councils.fn(councils=["medwy"])
