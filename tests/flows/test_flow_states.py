"""Flow results and final states follow the documents; deployments write to an absolute place;
importing flows switches Prefect's telemetry off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.extract import extract_papers, run_status
from flows.scrape import OUT_ENV, build_deployments, every_document_failed, main, resolve_out
from tests.conftest import FIXTURES, ROOT

BAD = FIXTURES / "bad"


@pytest.fixture(scope="module")
def harness():
    with prefect_test_harness(server_startup_timeout=180):
        yield


def test_run_status_of_a_batch():
    assert run_status({"ok": 3}) == "ok"
    assert run_status({"ok": 2, "partial": 1}) == "partial"
    assert run_status({"ok": 2, "failed": 1}) == "partial"
    assert run_status({"failed": 2}) == "failed"
    assert run_status({}) == "ok"


def test_scrape_run_fails_only_when_every_extracted_document_failed():
    fetched = {"council": "a", "downloaded": 2, "failed": 0, "errors": []}  # fetch results are not counted
    assert every_document_failed(
        [fetched, {"council": "a", "extracted": 2, "ok": 0, "partial": 0, "failed": 2}]
    )
    assert not every_document_failed(
        [fetched, {"council": "a", "extracted": 2, "ok": 1, "partial": 0, "failed": 1}]
    )
    assert not every_document_failed(
        [fetched, {"council": "a", "extracted": 0, "ok": 0, "partial": 0, "failed": 0}]
    )


@pytest.mark.slow
def test_flow_ends_failed_when_every_document_failed(harness, tmp_path):
    bad = [str(BAD / name) for name in ("empty.pdf", "encrypted.pdf")]
    state = extract_papers(bad, str(tmp_path / "data"), return_state=True)
    assert state.is_failed() and "document(s) failed" in state.message
    summary = state.result(raise_on_failure=False)
    assert summary["run_status"] == "failed" and summary["failed"] == bad
    with pytest.raises(Exception, match="failed"):
        extract_papers(bad, str(tmp_path / "again"))


@pytest.mark.slow
def test_flow_completes_with_partial_failure_reported(harness, tmp_path):
    seed, junk = sorted((FIXTURES / "seeds").glob("*.txt"))[0], BAD / "junk.pdf"
    state = extract_papers([str(seed), str(junk)], str(tmp_path / "data"), return_state=True)
    assert state.is_completed()
    result = state.result()
    assert result["run_status"] == "partial" and result["failed"] == [str(junk)]
    assert result["statuses"] == {"ok": 1, "failed": 1}


def test_deployments_store_an_absolute_output_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(OUT_ENV, raising=False)
    (deployment, *_) = build_deployments(out="relative/data")
    assert deployment.parameters["out"] == str(tmp_path / "relative" / "data")
    monkeypatch.setenv(OUT_ENV, "/srv/councilpapers/data")
    assert {d.parameters["out"] for d in build_deployments()} == {"/srv/councilpapers/data"}
    assert resolve_out("/elsewhere") == "/elsewhere"  # --out wins over the variable


def test_serving_without_an_output_location_is_refused(monkeypatch, capsys):
    monkeypatch.delenv(OUT_ENV, raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["--list"])
    assert exit_.value.code == 2 and OUT_ENV in capsys.readouterr().err


def test_list_shows_the_absolute_output(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(OUT_ENV, str(tmp_path / "out"))
    main(["--list"])
    assert f"'out': '{tmp_path / 'out'}'" in capsys.readouterr().out


@pytest.mark.parametrize("preset", [None, "true"])
def test_importing_flows_switches_telemetry_off_unless_set(preset):
    env = {
        k: v for k, v in os.environ.items() if k not in {"PREFECT_SERVER_ANALYTICS_ENABLED", "DO_NOT_TRACK"}
    }
    if preset:
        env["PREFECT_SERVER_ANALYTICS_ENABLED"] = preset
    code = "import os, flows, prefect; print(os.environ['PREFECT_SERVER_ANALYTICS_ENABLED'], os.environ['DO_NOT_TRACK'])"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=Path(ROOT),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [preset or "false", "1"]


def test_prefect_api_uses_a_configured_server_and_starts_none(monkeypatch):
    import psutil

    from flows.server import prefect_api

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with prefect_api() as url:
        assert url == "http://127.0.0.1:9/api"
        assert {p.pid for p in psutil.Process().children(recursive=True)} <= before  # no server started


def test_a_server_that_cannot_start_is_reported_after_retries(monkeypatch):
    """A port taken between choosing and binding it: the start is retried, then reported."""
    import socket

    from flows import server

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(server, "free_port", lambda: taken.getsockname()[1])
        with pytest.raises(server.ServerExited, match="did not start"):
            server.start_server(timeout_s=120, attempts=2)
