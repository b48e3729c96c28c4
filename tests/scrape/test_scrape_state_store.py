"""A state store that cannot be used says so and how to recover; a tampered one is not trusted."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.scrape.handoff import extract_new
from pipeline.scrape.state import STATE_FILE, StateStore
from tests.scrape.server import FixtureServer, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


@pytest.fixture()
def config(server, tmp_path):
    return write_config(server, tmp_path / "councils.toml", min_interval_s=0.02)


def scrape_cli(config: Path, out: Path, *extra: str) -> int:
    window = ["--since", "2025-09-01", "--until", "2025-12-31"]
    return main(["scrape", "--config", str(config), "--out", str(out), *window, *extra])


def garbage_header(store: Path) -> None:
    store.write_bytes(b"this is not a database, it was overwritten by something else\n" * 20)


def half_truncated(store: Path) -> None:
    with store.open("r+b") as fh:
        fh.truncate(store.stat().st_size // 2)


def directory_in_its_place(store: Path) -> None:
    store.unlink()
    (store / "oops").mkdir(parents=True)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (garbage_header, "not a database"),
        (half_truncated, "malformed"),
        (directory_in_its_place, "directory"),
    ],
)
def test_damaged_store_gets_a_clear_message_then_rebuild_state_recovers(
    server, config, tmp_path, capsys, damage, problem
):
    out = tmp_path / "data"
    assert scrape_cli(config, out, "--no-extract", "--council", "medway") == 0
    store = out / STATE_FILE
    assert store.stat().st_size > 8 * 4096  # a real store of several pages
    damage(store)
    capsys.readouterr()
    before = len(server.hits)

    assert scrape_cli(config, out, "--no-extract") == 2
    err = capsys.readouterr().err
    assert f"{store} is damaged" in err and problem in err and "--rebuild-state" in err
    assert "Traceback" not in err and len(server.hits) == before  # refused before asking the site

    assert scrape_cli(config, out, "--no-extract", "--rebuild-state") == 0
    printed = capsys.readouterr().out
    (aside,) = out.glob(f"{STATE_FILE}.damaged-*")
    assert f"moved the damaged state store aside to {aside}" in printed
    assert "medway: 1 committee(s)" in printed and "kent: 1 committee(s)" in printed
    with StateStore(out) as fresh:  # a new store, filled again by the run
        assert fresh.counts("medway")["downloaded"] == 4 and fresh.counts("kent")["downloaded"] == 2


def test_rebuild_state_keeps_a_healthy_store(server, config, tmp_path, capsys):
    out = tmp_path / "data"
    assert scrape_cli(config, out, "--no-extract", "--council", "kent") == 0
    capsys.readouterr()
    assert scrape_cli(config, out, "--no-extract", "--council", "kent", "--rebuild-state") == 0
    assert "healthy: kept" in capsys.readouterr().out
    assert list(out.glob(f"{STATE_FILE}.damaged-*")) == []


@pytest.fixture()
def store_held_by_another_process(tmp_path):
    """A separate process holding the store's write lock, as a running scrape mid-write does."""
    out = tmp_path / "data"
    StateStore(out).close()
    code = (
        "import sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('holding', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(out / STATE_FILE)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield out
    finally:
        holder.kill()
        holder.wait()


def test_locked_store_says_another_scrape_is_running(
    server, config, store_held_by_another_process, capsys, monkeypatch
):
    out = store_held_by_another_process
    monkeypatch.setattr(StateStore, "busy_timeout_s", 0.2)  # rather than the minute a run waits
    assert scrape_cli(config, out, "--no-extract") == 2
    err = capsys.readouterr().err
    assert "is locked: another scrape is running on this output folder" in err and "Traceback" not in err
    assert server.hits == []
    # --rebuild-state never moves a store that another process is using
    assert scrape_cli(config, out, "--no-extract", "--rebuild-state") == 2
    assert "another scrape is running" in capsys.readouterr().err
    assert (out / STATE_FILE).is_file() and list(out.glob(f"{STATE_FILE}.damaged-*")) == []


def tamper(out: Path, doc_key: str, path: str) -> None:
    with sqlite3.connect(out / STATE_FILE) as db:
        db.execute("UPDATE documents SET path=? WHERE doc_key=?", (path, doc_key))


def test_paths_from_the_store_are_only_followed_inside_out_raw(server, config, tmp_path):
    out = tmp_path / "data"
    assert scrape_cli(config, out, "--no-extract", "--council", "kent") == 0
    secret = tmp_path / "secret.txt"  # a file outside OUT that must never become a document
    secret.write_text("Kent County Council\nPassword list: not a committee paper.\n")
    tamper(out, "9990100", os.path.relpath(secret, out))  # ../secret.txt
    with sqlite3.connect(out / STATE_FILE) as db:
        (blob,) = db.execute("SELECT path FROM documents WHERE doc_key='9990101'").fetchone()
    (out / blob).unlink()
    (out / blob).symlink_to(secret)  # a download swapped for a link to the same file

    report = extract_new(out, ["kent"])
    assert report.handed_off == 2 and report.ok == 0
    assert all("refused" in message and "outside" in message for message in report.failed.values())
    assert not (out / "documents").exists() or pd.read_parquet(out / "documents").empty
    with StateStore(out) as store:
        assert store.document("kent", "9990100").extract_status == "failed"
    assert extract_new(out, ["kent"]).handed_off == 0  # recorded, not retried every run
