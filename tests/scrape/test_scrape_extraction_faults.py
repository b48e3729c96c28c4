"""Documents that break extraction: each ends with a recorded outcome, the others are extracted,
and later runs neither crash on them nor extract them again (until their bytes change)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.scrape.config import load_config
from pipeline.scrape.handoff import MAX_ATTEMPTS, extract_new
from pipeline.scrape.http import HostThrottle
from pipeline.scrape.scrape import make_client, scrape
from pipeline.scrape.state import STATE_FILE
from tests.scrape.server import FixtureServer, Reply, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
DOC = "/medway/mgConvert2PDF.aspx"


def pdf_with_a_page_tree_cycle(kids: bytes = b"[2 0 R 2 0 R]") -> bytes:
    """A small, well-formed PDF whose page tree lists itself as its own pages: PDF libraries
    fail to load those pages (PDFium raises), the way damaged real-world files do. With
    `kids=b"[3 0 R 2 0 R]"` only its second page is damaged."""
    content = b"BT /F1 12 Tf 72 720 Td (Report to the committee: budget update) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count 2 >>" % kids,  # 2 0 R: the tree itself
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


@pytest.fixture()
def config(server, tmp_path):
    return load_config(write_config(server, tmp_path / "councils.toml", min_interval_s=0.02))


def run(config, out: Path, *, extract: bool = True, councils=("medway",), workers: int = 1, **options):
    chosen = [c for c in config.councils if c.slug in councils]
    return scrape(
        chosen,
        out,
        settings=config.settings,
        since=dt.date(2025, 9, 1),
        until=dt.date(2025, 12, 31),
        extract=extract,
        workers=workers,
        client=make_client(chosen, config.settings, throttle=HostThrottle()),
        **options,
    )


def extract_state(out: Path) -> dict[str, tuple]:
    with sqlite3.connect(out / STATE_FILE) as db:
        rows = db.execute("SELECT doc_key, extract_status, extract_message, extract_attempts FROM documents")
        return {key: (status, message, attempts) for key, status, message, attempts in rows}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_poison_pdf_is_recorded_as_failed_and_never_blocks_a_later_run(server, config, tmp_path, workers):
    out = tmp_path / "data"
    server.route(DOC, {"ID": "990006"}, Reply(body=pdf_with_a_page_tree_cycle()))
    result = run(config, out, workers=workers)

    poison_url = f"{server.base_url}{DOC}?ID=990006"
    ex = result.extraction
    assert ex.handed_off == 4 and ex.ok + ex.partial == 3  # the run completed; the others extracted
    assert set(ex.failed) == {poison_url}
    status, message, _ = extract_state(out)["990006"]
    assert status == "failed" and message
    documents = pd.read_parquet(out / "documents")
    extracted = set(documents[documents.status != "failed"].source_uri)
    assert {f"{server.base_url}{DOC}?ID={key}" for key in ("980001", "990005")} <= extracted

    again = run(config, out)  # the next run does not crash, and does not try the poison again
    assert again.extraction.handed_off == 0 and not again.extraction.failed
    retried = run(config, out, retry_failed=True)  # unless asked to (e.g. after an upgrade)
    assert retried.extraction.handed_off == 1 and set(retried.extraction.failed) == {poison_url}

    # new bytes at the same address: a new version, extracted afresh
    server.route(DOC, {"ID": "990006"}, Reply(file="pdf/active_travel_appendix.pdf"))
    with sqlite3.connect(out / STATE_FILE) as db:  # as a changed listing marks it
        db.execute("UPDATE documents SET status='stale' WHERE doc_key='990006'")
    fixed = run(config, out)
    assert fixed.extraction.handed_off == 1 and fixed.extraction.ok + fixed.extraction.partial == 1
    assert extract_state(out)["990006"][0] in ("ok", "partial")


def test_a_document_that_killed_the_extracting_process_is_retried_once_then_given_up(
    server, config, tmp_path
):
    out = tmp_path / "data"
    run(config, out, extract=False, councils=("kent",))
    # what a run killed mid-extraction leaves: the hand-off counted, no outcome
    with sqlite3.connect(out / STATE_FILE) as db:
        db.execute("UPDATE documents SET extract_attempts=1 WHERE doc_key='9990100'")
        db.execute("UPDATE documents SET extract_attempts=? WHERE doc_key='9990101'", (MAX_ATTEMPTS,))

    report = extract_new(out, ["kent"])
    state = extract_state(out)
    assert report.ok + report.partial == 1 and state["9990100"][0] in ("ok", "partial")  # retried
    assert (
        state["9990101"][0] == "failed"
        and f"did not finish in {MAX_ATTEMPTS} attempts" in state["9990101"][1]
    )


def test_an_interrupted_extraction_is_not_charged_to_the_document(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out, extract=False, councils=("kent",))
    code = "import sys\nfrom pipeline.scrape.handoff import extract_new\nextract_new(sys.argv[1], ['kent'])\n"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    extracting = subprocess.Popen([sys.executable, "-c", code, str(out)], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not any(attempts for _, _, attempts in extract_state(out).values()):  # hand-off counted
            assert extracting.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        extracting.send_signal(signal.SIGINT)  # the user presses Ctrl-C
        _, err = extracting.communicate(timeout=60)
    finally:
        extracting.kill()
        extracting.wait()
    assert b"KeyboardInterrupt" in err
    kent = {key: value for key, value in extract_state(out).items() if key in ("9990100", "9990101")}
    assert kent == {"9990100": (None, None, 0), "9990101": (None, None, 0)}  # nothing charged
