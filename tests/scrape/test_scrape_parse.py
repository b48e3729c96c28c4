"""ModernGov parsers: recorded responses (bytes) in, records out. No network."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest

from pipeline.scrape import moderngov as mg
from pipeline.scrape import urls
from pipeline.scrape.errors import ParseError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
MEDWAY = "https://democracy.medway.gov.uk"


def read(name: str) -> bytes:
    return (FIX / name).read_bytes()


def test_committees_parse_flags_and_blank_category():
    committees = mg.parse_committees(read("medway/GetCommittees.xml"))
    assert [c.id for c in committees] == [408, 9001, 9002]
    hwb, _, expired = committees
    assert hwb.title == "Health and Wellbeing Board" and not hwb.expired
    assert expired.expired and expired.category is None  # the element holds only a newline


def test_soap_envelope_with_a_single_committee_is_unwrapped():
    (only,) = mg.parse_committees(read("variants/GetCommittees_soap_single.xml"))
    assert (only.id, only.title) == (519, "Kent Community Safety Partnership")


def test_single_meeting_in_soap_list_takes_committee_from_enclosing_element():
    (meeting,) = mg.parse_meetings(read("variants/GetMeetings_single_soap.xml"))
    assert meeting.id == 5301 and meeting.committee_id == 699
    assert meeting.committee_title == "Overview and Scrutiny Committee"
    assert meeting.date == dt.date(2024, 1, 23) and meeting.status is None and not meeting.cancelled


def test_meetings_read_dd_mm_yyyy_dates_and_cancelled_status():
    meetings = {m.id: m for m in mg.parse_meetings(read("medway/GetMeetings_408.xml"))}
    assert meetings[6292].date == dt.date(2025, 9, 4)
    assert meetings[6310].cancelled and not meetings[6321].cancelled
    assert meetings[6321].committee_title == "Health and Wellbeing Board"


def test_meeting_nests_linked_documents_under_agenda_items():
    detail = mg.parse_meeting(read("medway/GetMeeting_6321.xml"))
    assert detail.meeting.id == 6321 and detail.meeting.committee_title == "Health and Wellbeing Board"
    docs = {d.key: (item.title, d) for item in detail.items for d in item.documents}
    assert set(docs) == {"990001", "990005", "990006", "990007", "990009"}
    item, appendix = docs["990006"]
    assert item == "Active Travel in Medway" and appendix.title == "Active Travel in Medway - Appendix 1"
    assert appendix.published == dt.date(2025, 11, 12)
    assert appendix.url == f"{MEDWAY}/mgConvert2PDF.aspx?ID=990006"
    assert docs["990009"][1].restricted and not appendix.restricted


def test_meeting_with_doctype_and_single_agenda_item_parses():
    detail = mg.parse_meeting(read("medway/GetMeeting_6292.xml"))
    (item,) = detail.items
    (doc,) = item.documents
    assert (item.number, doc.key, doc.published) == ("4", "980001", dt.date(2025, 8, 27))


def test_xml_entity_declarations_are_refused_not_expanded():
    with pytest.raises(ParseError, match="entity"):
        mg.parse_meeting(read("variants/GetMeeting_entities.xml"))


def test_html_where_xml_expected_says_to_use_the_pages():
    with pytest.raises(ParseError, match="HTML pages"):
        mg.parse_meetings(read("variants/block_page.html"))


def test_meetings_page_reads_ids_dates_and_cancellations_in_list_items():
    url = "https://democracy.kent.gov.uk/ieListMeetings.aspx?CId=519&Year=2025"
    meetings = {m.id: m for m in mg.parse_meetings_page(read("kent/ieListMeetings_519.html"), url)}
    assert set(meetings) == {9360, 9864, 9870, 9880}
    assert meetings[9870].cancelled and meetings[9870].committee_id == 519  # CommitteeId=, MID=
    assert meetings[9880].date == dt.date(2025, 11, 13) and meetings[9880].time == "10.00 am"
    assert meetings[9880].committee_title == "Kent Community Safety Partnership"


def test_sample_meetings_page_marks_cancelled_link_text():
    url = "https://democracy.kent.gov.uk/ieListMeetings.aspx?CId=519&Year=0"
    meetings = {m.id: m for m in mg.parse_meetings_page(read("variants/ieListMeetings_sample.html"), url)}
    assert meetings[9999].cancelled and not meetings[8913].cancelled


def test_meeting_page_strips_file_size_from_titles_and_resolves_links():
    url = f"{MEDWAY}/ieListDocuments.aspx?CId=408&MID=6321"
    detail = mg.parse_meeting_page(read("variants/ieListDocuments_sample.html"), url)
    assert detail.meeting.committee_title == "Health and Wellbeing Board"
    assert detail.meeting.date == dt.date(2025, 11, 20) and detail.meeting.id == 6321
    items = {i.title: i for i in detail.items}
    travel = items["Active Travel in Medway"]
    assert [d.title for d in travel.documents] == ["Active Travel in Medway", "Appendix 1 - Active Travel"]
    assert travel.documents[0].url == f"{MEDWAY}/documents/s990005/Active%20Travel%20in%20Medway.pdf"
    assert travel.id == 990005 and travel.number == "463"
    assert not items["Apologies for absence"].documents
    assert {p.key for p in detail.packs} == {"g6321-T0", "g6321-T1", "g6321-T10"}


def test_meeting_page_prefers_pdf_over_html_rendition():
    url = "https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=519&MID=9880"
    detail = mg.parse_meeting_page(read("kent/ieListDocuments_9880.html"), url)
    docs = {d.key: d for i in detail.items for d in i.documents}
    assert docs["9990100"].url.endswith("/s9990100/KCSP%20CSA%20Update.pdf")
    assert docs["9990100"].title == "Kent Community Safety Agreement Update"
    assert "9990102" in docs  # the .docx is listed; the scraper decides to skip it


def test_page_without_modgov_div_is_a_parse_error():
    with pytest.raises(ParseError, match="div#modgov"):
        mg.parse_meeting_page(read("variants/block_page.html"), f"{MEDWAY}/ieListDocuments.aspx?MId=1")


def test_committee_page_reads_ids():
    committees = mg.parse_committee_page(
        read("kent/mgListCommittees.html"), "https://x/mgListCommittees.aspx"
    )
    assert (519, "Kent Community Safety Partnership") in [(c.id, c.title) for c in committees]


@pytest.mark.parametrize(
    "url, key",
    [
        (f"{MEDWAY}/mgConvert2PDF.aspx?ID=990005", "990005"),
        (f"{MEDWAY}/mgConvert2PDF.aspx?ID=9990100&ISATT=1#search=%22safety%22", "9990100"),
        (f"{MEDWAY}/documents/s990001/Record%20of%20meeting.pdf", "990001"),
        (f"{MEDWAY}/documents/g6321/Printed%20minutes.pdf?T=1", "g6321-T1"),
        (f"{MEDWAY}/ieListDocuments.aspx?MId=1", None),
    ],
)
def test_document_key_is_attachment_id_or_pack(url, key):
    assert urls.document_key(url) == key


def test_canonical_url_maps_alias_port_and_drops_fragment():
    got = urls.canonical_url(
        "https://democracy.kent.gov.uk:9071/documents/s1/A b.pdf#p=2",
        "https://democracy.kent.gov.uk",
        ["democracy.kent.gov.uk:9071"],
    )
    assert got == "https://democracy.kent.gov.uk/documents/s1/A%20b.pdf"


def test_canonical_url_rebases_alias_onto_a_mirror_path():
    got = urls.canonical_url(
        f"{MEDWAY}/mgConvert2PDF.aspx?ID=1&amp;x=2",
        "http://127.0.0.1:8000/medway",
        ["democracy.medway.gov.uk"],
    )
    assert got == "http://127.0.0.1:8000/medway/mgConvert2PDF.aspx?ID=1&x=2"


def test_canonical_url_unwraps_proxy_to_origin():
    origin = "https://meetings.maidstone.gov.uk/ieListDocuments.aspx?CId=1&MId=2"
    wrapped = "https://maidstone.gov.uk/page?sq_content_src=" + base64.b64encode(origin.encode()).decode()
    assert urls.canonical_url(wrapped, "https://meetings.maidstone.gov.uk") == origin


def test_web_service_dates_are_dd_mm_yyyy():
    url = urls.meetings_url(MEDWAY, 408, dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    assert url.endswith("GetMeetings?lCommitteeId=408&sFromDate=01/09/2025&sToDate=31/12/2025")


@pytest.mark.parametrize(
    "text, day",
    [
        ("04/09/2025", dt.date(2025, 9, 4)),
        ("2025-11-20T00:00:00", dt.date(2025, 11, 20)),
        ("Thursday, 20 November 2025 2.00pm", dt.date(2025, 11, 20)),
        ("24 Mar 2022 10.00 am", dt.date(2022, 3, 24)),
        ("31/02/2025", None),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_date_accepts_service_and_page_formats(text, day):
    assert mg.parse_date(text) == day
