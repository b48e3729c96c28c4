"""The README's Prefect snippets run as written: the plain flow, and the Dask example as a script.

The Dask example is run twice in a fresh interpreter, as a user would run it; both runs
must succeed against one Prefect API (no temporary server per Dask worker) and leave no
Prefect or Dask process behind. Processes are recognised by a marker in the environment
they inherit, so other processes on the machine never count.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid

import pandas as pd
import psutil
import pytest
from prefect.testing.utilities import prefect_test_harness

from tests.conftest import ROOT, SEEDS

MARK = "COUNCILPAPERS_TEST_RUN"


def prefect_snippets() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running the Prefect flow", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def processes_marked(mark: str) -> list[str]:
    """Live processes that inherited MARK=mark: what a run left behind."""
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if proc.environ().get(MARK) == mark and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(f"{proc.pid}: {' '.join(proc.info['cmdline'] or [])[:160]}")
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def test_readme_has_a_plain_flow_and_a_guarded_dask_script():
    plain, dask = prefect_snippets()
    assert "extract_papers(" in plain and "DaskTaskRunner" not in plain
    assert 'if __name__ == "__main__":' in dask and "prefect_api()" in dask


@pytest.mark.slow
def test_readme_flow_snippet_runs(tmp_path, monkeypatch):
    plain, _dask = prefect_snippets()
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    with prefect_test_harness(server_startup_timeout=180):
        exec(compile(plain, "README.md", "exec"), {})  # noqa: S102 - the docs are the test
    assert len(pd.read_parquet(tmp_path / "data" / "documents")) == len(SEEDS)


@pytest.mark.slow
def test_readme_dask_example_runs_twice_and_leaves_nothing_running(tmp_path):
    _plain, dask = prefect_snippets()
    script = tmp_path / "dask_extract.py"
    script.write_text(dask)
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect-home"))
    for _run in range(2):
        env[MARK] = mark = uuid.uuid4().hex
        done = subprocess.run(
            [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output[-4000:]
        assert f"ok {{'ok': {len(SEEDS)}}}" in done.stdout
        # One API for all: no worker started a temporary server, no log line was lost.
        assert "Starting temporary server" not in output and "Error logging to API" not in output
        assert "Traceback" not in output
        deadline = time.monotonic() + 20  # a process may still be exiting as the script returns
        while (left := processes_marked(mark)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not left, f"still running after the example: {left}"
    assert len(pd.read_parquet(tmp_path / "data" / "documents")) == len(SEEDS)
