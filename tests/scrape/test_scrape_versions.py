"""A paper re-published at the same address with new bytes: the dataset keeps one current
version of its facts, and a document that still publishes the old bytes keeps them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from pipeline.scrape.config import load_config
from pipeline.scrape.http import HostThrottle
from pipeline.scrape.scrape import make_client, scrape
from pipeline.scrape.state import StateStore
from schemas.names import FACT_TABLES
from tests.scrape.server import FixtureServer, Reply, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
DOC = "/medway/mgConvert2PDF.aspx"
MEETING = "/medway/mgWebService.asmx/GetMeeting"


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


@pytest.fixture()
def config(server, tmp_path):
    return load_config(write_config(server, tmp_path / "councils.toml", min_interval_s=0.02))


def run(config, out: Path, *, extract: bool = True):
    (medway,) = [c for c in config.councils if c.slug == "medway"]
    return scrape(
        [medway],
        out,
        settings=config.settings,
        since=dt.date(2025, 9, 1),
        until=dt.date(2025, 12, 31),
        extract=extract,
        client=make_client([medway], config.settings, throttle=HostThrottle()),
    )


def republish(server: FixtureServer, files: dict[str, str], date: str = "01/12/2025") -> None:
    """The site replaces attachments' files and its listing shows a new publication date for them."""
    xml = (FIX / "medway" / "GetMeeting_6321.xml").read_text(encoding="utf-8")
    for attachment, new_file in files.items():
        head, tail = xml.split(f"<attachmentid>{attachment}</attachmentid>", 1)
        old, new = (
            "<publicationdate>12/11/2025</publicationdate>",
            f"<publicationdate>{date}</publicationdate>",
        )
        xml = f"{head}<attachmentid>{attachment}</attachmentid>{tail.replace(old, new, 1)}"
        server.route(DOC, {"ID": attachment}, Reply(file=f"pdf/{new_file}"))
    server.route(MEETING, {"lMeetingId": "6321"}, Reply(body=xml.encode()))


def sha(name: str) -> str:
    return hashlib.sha256((FIX / "pdf" / name).read_bytes()).hexdigest()


def facts(out: Path) -> pd.DataFrame:
    return pd.concat(
        [pd.read_parquet(out / t)[["doc_id"]].assign(table=t) for t in FACT_TABLES if (out / t).exists()]
    )


def test_a_republished_pdf_leaves_one_current_version_of_its_facts(server, config, tmp_path):
    out = tmp_path / "data"
    url = f"{server.base_url}{DOC}?ID=990006"
    assert run(config, out).extraction.handed_off == 4
    old_id, new_id = sha("active_travel_appendix.pdf"), sha("new_meeting_report.pdf")
    documents = pd.read_parquet(out / "documents")
    assert list(documents[documents.source_uri == url].doc_id) == [old_id]
    assert (facts(out).doc_id == old_id).sum() > 0  # the survey figures of the appendix

    republish(server, {"990006": "new_meeting_report.pdf"})
    second = run(config, out)
    assert second.councils[0].downloaded == ["990006"] and second.extraction.handed_off == 1

    documents = pd.read_parquet(out / "documents")
    assert list(documents[documents.source_uri == url].doc_id) == [new_id]  # one version, the new one
    assert len(documents) == documents.source_uri.nunique() == 4
    assert (facts(out).doc_id == old_id).sum() == 0  # the old version's facts are gone
    legislation = pd.read_parquet(out / "legislation")
    assert any("Pharmaceutical" in t for t in legislation[legislation.doc_id == new_id].title)


def test_a_republished_pdf_whose_old_bytes_are_still_published_elsewhere(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out)
    old_id, new_id = sha("active_travel.pdf"), sha("new_meeting_report.pdf")
    old_facts = (facts(out).doc_id == old_id).sum()
    republish(server, {"990005": "new_meeting_report.pdf"})
    assert run(config, out).extraction.handed_off == 2  # the new version, and 990007 (a duplicate until now)

    documents = pd.read_parquet(out / "documents").set_index("source_uri")
    assert documents.loc[f"{server.base_url}{DOC}?ID=990005"].doc_id == new_id
    assert documents.loc[f"{server.base_url}{DOC}?ID=990007"].doc_id == old_id
    assert len(documents) == 5 and (facts(out).doc_id == old_id).sum() == old_facts  # kept once


def test_the_old_bytes_pass_to_the_document_still_publishing_them(server, config, tmp_path):
    out = tmp_path / "data"
    run(config, out, extract=False)
    with StateStore(out) as store:
        assert store.document("medway", "990007").status == "duplicate"
    republish(server, {"990005": "new_meeting_report.pdf"})
    run(config, out, extract=False)
    with StateStore(out) as store:
        heir, republished = store.document("medway", "990007"), store.document("medway", "990005")
        assert (heir.status, heir.extract_status) == ("downloaded", None)
        assert heir.sha256 != republished.sha256
        assert {r.doc_key for r in store.to_extract(["medway"])} == {
            "980001",
            "990001",
            "990005",
            "990006",
            "990007",
        }
        blob = store.blob(heir.sha256)
        assert (blob["council"], blob["doc_key"]) == ("medway", "990007")


def test_a_paper_moved_to_a_new_address_with_new_bytes_replaces_its_old_version(server, config, tmp_path):
    out = tmp_path / "data"
    (kent,) = [c for c in config.councils if c.slug == "kent"]

    def run_kent():
        return scrape(
            [kent],
            out,
            settings=config.settings,
            since=dt.date(2025, 9, 1),
            until=dt.date(2025, 12, 31),
            client=make_client([kent], config.settings, throttle=HostThrottle()),
        )

    run_kent()
    old_url = f"{server.base_url}/kent/documents/s9990101/Appendix%20A%20-%20CSA%20action%20plan.pdf"
    assert old_url in set(pd.read_parquet(out / "documents").source_uri)
    # the site renames the appendix (its address carries the title) and replaces its file
    page = (FIX / "kent" / "ieListDocuments_9880.html").read_text(encoding="utf-8")
    page = page.replace(
        "s9990101/Appendix%20A%20-%20CSA%20action%20plan.pdf", "s9990101/Appendix%20A%20revised.pdf"
    )
    server.route("/kent/ieListDocuments.aspx", {"MId": "9880"}, Reply(body=page.encode()))
    server.route(
        "/kent/documents/s9990101/Appendix A revised.pdf", None, Reply(file="pdf/new_meeting_report.pdf")
    )

    assert run_kent().councils[0].downloaded == ["9990101"]
    documents = pd.read_parquet(out / "documents")
    new_url = f"{server.base_url}/kent/documents/s9990101/Appendix%20A%20revised.pdf"
    assert old_url not in set(documents.source_uri) and len(documents) == 2
    assert list(documents[documents.source_uri == new_url].doc_id) == [sha("new_meeting_report.pdf")]
    assert (facts(out).doc_id == sha("kcsp_appendix.pdf")).sum() == 0
