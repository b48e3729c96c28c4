"""Papers published as HTML pages or text files are collected (with their suffix); documents
that are not collected are reported with the reason; so is a web-service answer not used."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.scrape.state import StateStore
from tests.scrape.server import FixtureServer, Reply, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
LISTING = "/kent/ieListDocuments.aspx"

# written for this test in the genre of a briefing note and of plain-text minutes
BRIEFING = b"""<!DOCTYPE html><html><head><title>Briefing note: street lighting</title></head><body>
<h1>Briefing note: street lighting</h1>
<p>Kent County Council. Kent Community Safety Partnership, 13 November 2025.</p>
<p>The Partnership is asked to note that lighting columns are maintained under the Highways Act 1980.</p>
</body></html>
"""
MINUTES = b"""Kent County Council
Kent Community Safety Partnership
Minutes of the meeting held on 13 November 2025

1. The Partnership noted the update on the Community Safety Agreement.
2. Members agreed to receive a report on road safety at the next meeting.
"""
BLOCK_PAGE = b"<html><head><title>Access denied</title></head><body>Request blocked</body></html>"


def listing_with_html_and_text_papers() -> bytes:
    """The Kent meeting page with two more attachments: an HTML paper and a text file, beside
    the Word attachment the scraper does not collect."""
    page = (FIX / "kent" / "ieListDocuments_9880.html").read_text(encoding="utf-8")
    extra = (
        '<li><a href="documents/s9990103/Briefing%20note%20street%20lighting.html">Briefing note</a></li>\n'
        '<li><a href="documents/s9990104/Minutes.txt">Minutes <span class="mgFileSize">TXT 1 KB</span></a></li>\n'
        '<li><a href="documents/s9990105/Notes%20of%20the%20workshop.txt">Workshop notes</a></li>\n'
    )
    anchor = '<li><a  href="documents/s9990102/Equality%20Impact%20Assessment.docx"'
    assert anchor in page
    return page.replace(anchor, extra + anchor).encode("utf-8")


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


def scrape_cli(config: Path, out: Path, *extra: str) -> int:
    window = ["--since", "2025-09-01", "--until", "2025-12-31"]
    return main(["scrape", "--config", str(config), "--out", str(out), *window, *extra])


def test_html_and_text_papers_are_collected_and_skipped_ones_reported(server, tmp_path, capsys):
    server.route(LISTING, {"MId": "9880"}, Reply(body=listing_with_html_and_text_papers()))
    server.route(
        "/kent/documents/s9990103/Briefing note street lighting.html",
        None,
        Reply(body=BRIEFING, headers={"Content-Type": "text/html; charset=utf-8"}),
    )
    server.route("/kent/documents/s9990104/Minutes.txt", None, Reply(body=MINUTES))
    server.route(  # a block page where a text file was promised
        "/kent/documents/s9990105/Notes of the workshop.txt",
        None,
        Reply(body=BLOCK_PAGE, headers={"Content-Type": "text/html"}),
    )
    config, out = write_config(server, tmp_path / "councils.toml", min_interval_s=0.02), tmp_path / "data"

    assert scrape_cli(config, out, "--council", "kent") == 0
    printed = capsys.readouterr().out
    assert "4 downloaded" in printed and "1 skipped" in printed and "1 failed" in printed
    assert "skipped kent:9990102: unsupported format .docx" in printed
    assert "failed kent:9990105: expected plain text but got text/html" in printed

    with StateStore(out) as store:
        suffixes = {key: Path(store.document("kent", key).path).suffix for key in ("9990103", "9990104")}
    assert suffixes == {"9990103": ".html", "9990104": ".txt"}
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    briefing = docs.loc[f"{server.base_url}/kent/documents/s9990103/Briefing%20note%20street%20lighting.html"]
    minutes = docs.loc[f"{server.base_url}/kent/documents/s9990104/Minutes.txt"]
    assert (briefing.source_format, minutes.source_format) == ("html", "text")
    assert briefing.status == minutes.status == "ok" and (briefing.council, minutes.council) == (
        "kent",
        "kent",
    )
    legislation = pd.read_parquet(out / "legislation")
    assert "Highways Act 1980" in set(legislation[legislation.doc_id == briefing.doc_id].title)


def test_the_reason_a_web_service_answer_was_not_used_is_shown(server, tmp_path, capsys):
    ws = "/medway/mgWebService.asmx"
    server.route(f"{ws}/GetMeeting", {"lMeetingId": "6321"}, Reply(file="variants/GetMeeting_entities.xml"))
    server.route(
        LISTING.replace("kent", "medway"), {"MId": "6321"}, Reply(file="variants/ieListDocuments_sample.html")
    )
    config, out = write_config(server, tmp_path / "councils.toml", min_interval_s=0.02), tmp_path / "data"
    assert scrape_cli(config, out, "--council", "medway", "--no-extract") == 0
    printed = capsys.readouterr().out
    assert "note: meeting 6321: web service answer not used, read its page instead: refused XML" in printed

    server.route(f"{ws}/GetCommittees", None, Reply(file="variants/GetMeeting_entities.xml"))
    scrape_cli(config, tmp_path / "other", "--council", "medway", "--no-extract")
    assert "note: web service unavailable, using the HTML pages: refused XML" in capsys.readouterr().out
