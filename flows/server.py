"""One Prefect API for a process and every worker process it starts (e.g. Dask workers).

Without PREFECT_API_URL, each Python process that runs a flow or a task starts its own
temporary Prefect server. Under Dask that means one server per worker: each can time
out starting under load, and they can outlive their workers. `prefect_api()` instead
starts a single `prefect server start` on a free loopback port, points this process and
the processes it starts at it (PREFECT_API_URL in the environment, which spawned workers
inherit) and stops it, with anything it started, on exit. When PREFECT_API_URL is
already set (your own server, in the environment or a Prefect profile), that server is
used and nothing is started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

STARTUP_TIMEOUT_S = 180.0  # a first start creates the database; a loaded machine is slow


def free_port() -> int:
    """A TCP port on the loopback interface nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server and everything in its process group: politely, then firmly."""
    for sig, wait_s in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)  # the group we created with start_new_session
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue


class ServerExited(RuntimeError):
    """The server process ended before answering (e.g. its port was taken meanwhile)."""


def start_server(timeout_s: float = STARTUP_TIMEOUT_S, attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` on a free loopback port; returns the process and its API URL."""
    for attempt in range(1, attempts + 1):
        try:
            return _start_once(timeout_s)
        except ServerExited:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _start_once(timeout_s: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = tempfile.TemporaryFile()
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--no-services", "--no-ui", "--analytics-off"]  # only the API the flows talk to
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.monotonic() + timeout_s
    while not _healthy(url):
        exited = proc.poll() is not None
        if exited or time.monotonic() > deadline:
            _stop(proc)
            log.seek(0)
            tail = log.read().decode(errors="replace")[-2000:]
            error = ServerExited if exited else RuntimeError
            raise error(f"Prefect server on {url} did not start (exit {proc.returncode}): {tail}")
        time.sleep(0.2)
    return proc, url


@contextmanager
def prefect_api(timeout_s: float = STARTUP_TIMEOUT_S) -> Iterator[str]:
    """Use PREFECT_API_URL if set, else run one local Prefect server for the block; yields the URL."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    # Set in the environment, a Prefect profile or a test harness: workers find it the same way.
    if url := os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value():
        yield url
        return

    proc, url = start_server(timeout_s)
    os.environ["PREFECT_API_URL"] = url  # for processes started from here on (Dask workers)
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):  # for this process
            yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        _drain_to_api()
        _stop(proc)


def _drain_to_api(timeout_s: float = 10) -> None:
    """Send the logs and events still queued for the API before the server goes away."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=timeout_s)
        except Exception:  # noqa: BLE001 - losing a late log line must not keep the server up
            pass
