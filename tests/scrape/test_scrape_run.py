"""Incremental, resumable scraping against the local fixture server (two councils, one host)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import sqlite3
from pathlib import Path

import pytest

from pipeline.scrape.config import load_config
from pipeline.scrape.http import HostThrottle
from pipeline.scrape.scrape import make_client, scrape
from pipeline.scrape.state import STATE_FILE
from tests.scrape.server import FixtureServer, Reply, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
SINCE, UNTIL = dt.date(2025, 9, 1), dt.date(2025, 12, 31)
MEDWAY_DOCS = {"980001", "990001", "990005", "990006"}
KENT_DOCS = {"9990100", "9990101"}
WS = "/medway/mgWebService.asmx"
DOC = "/medway/mgConvert2PDF.aspx"


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


@pytest.fixture()
def config(server, tmp_path):
    return load_config(write_config(server, tmp_path / "councils.toml", min_interval_s=0.02))


def run(config, out, *, client=None, **kwargs):
    result = scrape(
        config.councils,
        out,
        settings=config.settings,
        since=SINCE,
        until=UNTIL,
        extract=False,
        client=client or make_client(config.councils, config.settings, throttle=HostThrottle()),
        **kwargs,
    )
    return {r.council: r for r in result.councils}


def document_requests(server, since: int = 0) -> list[str]:
    return [
        h.path + ("?ID=" + h.query["ID"] if "ID" in h.query else "")
        for h in server.hits[since:]
        if "/documents/" in h.path or h.path.endswith("mgConvert2PDF.aspx")
    ]


def db(out: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(out / STATE_FILE)
    conn.row_factory = sqlite3.Row
    return conn


def test_first_run_downloads_every_new_document_once(server, config, tmp_path):
    out = tmp_path / "data"
    reports = run(config, out)
    medway, kent = reports["medway"], reports["kent"]
    assert set(medway.downloaded) == MEDWAY_DOCS and set(kent.downloaded) == KENT_DOCS
    assert medway.duplicates == ["990007"]  # same bytes as 990005, like a pack repeating a report
    assert "restricted" in medway.skipped["990009"] and ".docx" in kent.skipped["9990102"]
    assert medway.mode == "web service" and kent.mode == "HTML pages" and not kent.errors
    rows = db(out).execute("SELECT * FROM documents WHERE status='downloaded'").fetchall()
    assert len(rows) == len(MEDWAY_DOCS | KENT_DOCS)
    for row in rows:  # content-addressed: OUT/raw/ab/abcd....pdf named by its sha256
        path = out / row["path"]
        assert path.name == f"{row['sha256']}.pdf" and path.parent.name == row["sha256"][:2]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
    travel = db(out).execute("SELECT * FROM documents WHERE doc_key='990006'").fetchone()
    assert (travel["committee_title"], travel["meeting_date"], travel["agenda_item"]) == (
        "Health and Wellbeing Board",
        "2025-11-20",
        "Active Travel in Medway",
    )
    assert travel["document_title"] == "Active Travel in Medway - Appendix 1"
    assert travel["published_date"] == "2025-11-12" and travel["etag"]


def test_dates_go_out_as_dd_mm_yyyy_and_are_filtered_client_side(server, config, tmp_path):
    run(config, tmp_path / "data")
    (listing,) = server.requests_to(f"{WS}/GetMeetings")
    assert (listing.query["sFromDate"], listing.query["sToDate"]) == ("01/09/2025", "31/12/2025")
    asked = {h.query["lMeetingId"] for h in server.requests_to(f"{WS}/GetMeeting") if "lMeetingId" in h.query}
    assert asked == {"6292", "6321"}  # not 6001 (2024, served anyway), not 6310 (cancelled)


def test_second_run_downloads_nothing(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    before = len(server.hits)
    reports = run(config, out)
    assert document_requests(server, before) == []
    assert all(not r.downloaded and not r.failed for r in reports.values())


def test_new_meeting_is_the_only_thing_fetched(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    server.route(f"{WS}/GetMeetings", {"lCommitteeId": "408"}, Reply(file="medway/GetMeetings_408_new.xml"))
    before = len(server.hits)
    reports = run(config, out)
    assert document_requests(server, before) == [f"{DOC}?ID=990101"]
    assert reports["medway"].downloaded == ["990101"] and not reports["kent"].downloaded


def test_cancelled_meetings_are_marked_and_kept(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    xml = (FIX / "medway/GetMeetings_408.xml").read_text()
    xml = xml.replace(
        "<meetingid>6321</meetingid>\n        <meetingdate>20/11/2025</meetingdate>\n"
        "        <meetingstatus>Confirmed",
        "<meetingid>6321</meetingid>\n        <meetingdate>"
        "20/11/2025</meetingdate>\n        <meetingstatus>Cancelled",
    )
    xml = xml.replace("<meetingid>6292</meetingid>", "<meetingid>0</meetingid>")  # 6292 vanishes
    server.route(f"{WS}/GetMeetings", {"lCommitteeId": "408"}, Reply(body=xml.encode()))
    reports = run(config, out)
    assert set(reports["medway"].cancelled) == {6310, 6321} and reports["medway"].vanished == [6292]
    meetings = {r["meeting_id"]: r for r in db(out).execute("SELECT * FROM meetings WHERE council='medway'")}
    assert meetings[6321]["cancelled"] == 1 and meetings[6321]["status"] == "Cancelled"
    assert meetings[6292]["cancelled"] == 1 and meetings[6292]["status"] == "Vanished from listing"
    assert meetings[6310]["cancelled"] == 1
    kept = db(out).execute("SELECT count(*) FROM documents WHERE meeting_id IN (6292, 6321)").fetchone()[0]
    assert kept == 6  # their documents stay in the store


def test_404_document_is_failed_and_not_retried(server, config, tmp_path):
    out = tmp_path / "data"
    server.route(DOC, {"ID": "990006"}, Reply(404))
    assert run(config, out)["medway"].failed == {"990006": "HTTP 404"}
    before = len(server.hits)
    run(config, out)
    assert document_requests(server, before) == []


def test_html_page_instead_of_pdf_is_a_failed_document_with_reason(server, config, tmp_path):
    out = tmp_path / "data"
    server.route(DOC, {"ID": "990005"}, Reply(file="variants/block_page.html"))
    reason = run(config, out)["medway"].failed["990005"]
    assert reason.startswith("expected a PDF but got text/html")
    row = db(out).execute("SELECT status, reason, path FROM documents WHERE doc_key='990005'").fetchone()
    assert (row["status"], row["reason"], row["path"]) == ("failed", reason, None)


def test_503_then_success_downloads_the_document(server, config, tmp_path):
    server.route(DOC, {"ID": "980001"}, Reply(503), Reply(file="pdf/hwb_strategy.pdf"))
    assert "980001" in run(config, tmp_path / "data")["medway"].downloaded
    assert len(server.requests_to(DOC)) == 1 + 5  # one retry, then the other four documents


def test_off_host_redirect_is_a_failed_document(server, config, tmp_path):
    server.route(DOC, {"ID": "990005"}, Reply(302, location="https://cdn.elsewhere.invalid/s990005.pdf"))
    reason = run(config, tmp_path / "data")["medway"].failed["990005"]
    assert "refused off-host redirect to https://cdn.elsewhere.invalid" in reason


def test_interrupted_run_resumes_without_refetching(server, config, tmp_path):
    out = tmp_path / "data"
    seen: list[str] = []

    def stop_before_fourth_request(url: str) -> None:
        if "mgConvert2PDF" in url or "/documents/" in url:
            seen.append(url)
            if len(seen) == 4:  # 980001, 990001 and its redirect are done; 990005 is not
                raise KeyboardInterrupt

    client = make_client(
        config.councils, config.settings, throttle=HostThrottle(), on_request=stop_before_fourth_request
    )
    with pytest.raises(KeyboardInterrupt):
        run(config, out, client=client)
    first = document_requests(server)
    run(config, out)
    resumed = document_requests(server)[len(first) :]
    assert not set(first) & set(resumed)
    done = (
        db(out)
        .execute("SELECT doc_key FROM documents WHERE status IN ('downloaded', 'duplicate')")
        .fetchall()
    )
    assert {r[0] for r in done} == MEDWAY_DOCS | KENT_DOCS | {"990007"}


def test_changed_listing_refetches_and_replaces_the_document(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    xml = (FIX / "medway/GetMeeting_6292.xml").read_text().replace("27/08/2025", "01/09/2025")
    server.route(f"{WS}/GetMeeting", {"lMeetingId": "6292"}, Reply(body=xml.encode()))
    server.route(DOC, {"ID": "980001"}, Reply(file="pdf/new_meeting_report.pdf"))
    old = db(out).execute("SELECT sha256 FROM documents WHERE doc_key='980001'").fetchone()[0]
    before = len(server.hits)
    assert run(config, out)["medway"].downloaded == ["980001"]
    (request,) = [h for h in server.hits[before:] if h.query.get("ID") == "980001"]
    assert request.headers.get("If-None-Match")  # asked conditionally
    row = (
        db(out)
        .execute("SELECT sha256, extract_status, published_date FROM documents WHERE doc_key='980001'")
        .fetchone()
    )
    assert row["sha256"] != old and row["extract_status"] is None and row["published_date"] == "2025-09-01"


def test_revalidate_asks_conditionally_and_keeps_unchanged_documents(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    reports = run(config, out, revalidate=True)
    assert set(reports["medway"].unchanged) == MEDWAY_DOCS | {"990007"} and not reports["medway"].downloaded


def test_meeting_falls_back_to_its_page_when_the_service_answer_is_unreadable(server, config, tmp_path):
    server.route(f"{WS}/GetMeeting", {"lMeetingId": "6321"}, Reply(file="variants/block_page.html"))
    server.route(
        "/medway/ieListDocuments.aspx", {"MId": "6321"}, Reply(file="variants/ieListDocuments_sample.html")
    )
    reports = run(config, tmp_path / "data")
    keys = {
        r[0] for r in db(tmp_path / "data").execute("SELECT doc_key FROM documents WHERE meeting_id=6321")
    }
    assert keys == {"990001", "990005", "990006"}
    assert any("expected <meeting>" in e for e in reports["medway"].errors)


def test_interval_per_host_is_never_broken_across_councils(server, tmp_path):
    config = load_config(write_config(server, tmp_path / "slow.toml", min_interval_s=0.2))
    run(config, tmp_path / "data")
    times = sorted(h.at for h in server.hits)
    assert len(times) > 15  # both councils, listing pages and documents
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.2
