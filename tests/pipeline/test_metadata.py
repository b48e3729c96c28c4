"""Front-sheet metadata in the layouts committee reports use, and the council that wrote them."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.councils import CouncilIdentity, gazetteer
from pipeline.metadata import detect_council, extract_metadata

KNOWN = (CouncilIdentity("kent", ("Kent County Council", "KCC"), ("kent.gov.uk",)),)

FRONT_SHEETS = [
    (  # stacked lines
        "Audit Committee\n\n3 March 2022\n\nAnnual Governance Statement\n\nReport from: Chief Finance Officer\n",
        "Audit Committee",
        dt.date(2022, 3, 3),
        "Annual Governance Statement",
    ),
    (  # "To: body – date" and "Subject:"
        "By: Head of Service\n\nTo: Growth Panel – 5 June 2024\n\nClassification: Public\n\nSubject: Bus Strategy\n",
        "Growth Panel",
        dt.date(2024, 6, 5),
        "Bus Strategy",
    ),
    (  # labelled with colons, report date as well as meeting date
        "Report title: Waste Contract Review\n\nReport to: Cabinet\n\nDate of report: 1 May 2023\n"
        "Date of meeting: 16 May 2023\n",
        "Cabinet",
        dt.date(2023, 5, 16),
        "Waste Contract Review",
    ),
    (  # labels separated by tabs, council header in capitals
        "ASHFORD BOROUGH COUNCIL\n\nCabinet\n\nMeeting Date\t9 February 2021\nReport Title\tLeisure Review\n",
        "Cabinet",
        dt.date(2021, 2, 9),
        "Leisure Review",
    ),
    (  # "to / body / on / date" over lines, title after the author line
        "Report of the Director of Housing\nto\nPlanning Board\non\n2 October 2019\n\n"
        "Report prepared by: A. Officer\n\nHomelessness Review 2019\n",
        "Planning Board",
        dt.date(2019, 10, 2),
        "Homelessness Review 2019",
    ),
    (  # a trailing remark on the body is dropped
        "Meeting: Scrutiny Committee (sitting as the Crime and Disorder Committee)\nDate: 4th July 2020\n",
        "Scrutiny Committee",
        dt.date(2020, 7, 4),
        None,
    ),
    (
        "Report to: Scrutiny Panel (Children and Families)\n\nDate: 8 June 2021\n",
        "Scrutiny Panel (Children and Families)",
        dt.date(2021, 6, 8),
        None,
    ),
    (  # minutes
        "HIGHWORTH TOWN COUNCIL\n\nMINUTES of a Meeting of the Licensing Sub-Committee held at the Guildhall,\n"
        "Market Square on Tuesday 2 May 2017 at 7.00 pm.\n\nPresent: Councillors A, B and C\n",
        "Licensing Sub-Committee",
        dt.date(2017, 5, 2),
        None,
    ),
    (  # capitals, body and date on one line, title under it
        "NORTHSHIRE COUNTY COUNCIL\n\nHEALTH SCRUTINY COMMITTEE 11 JANUARY 2018\n\nWINTER PRESSURES UPDATE\n",
        "Health Scrutiny Committee",
        dt.date(2018, 1, 11),
        "Winter Pressures Update",
    ),
    (  # a label with its value on the next line beats a line's position; page marks ignored
        "CABINET MEETING - 6 MARCH 2019\n\nEXECUTIVE SUMMARY SHEET\n\nTitle of Report:\nCAR PARKING STRATEGY\n\n"
        "Page 1 of 4\n",
        "Cabinet",
        dt.date(2019, 3, 6),
        "Car Parking Strategy",
    ),
    (  # a label's value wraps onto the next line
        "THE FENLAND POLICE AND CRIME PANEL\n\nDate of meeting: 1 February 2016\n\n"
        "Title of report: Commissioner's proposed budget and precept for\n2016/17 and the medium term\n\n"
        "Report of: Scrutiny Officer\n",
        "The Fenland Police and Crime Panel",
        dt.date(2016, 2, 1),
        "Commissioner's proposed budget and precept for 2016/17 and the medium term",
    ),
]


@pytest.mark.parametrize("text, body, date, title", FRONT_SHEETS)
def test_front_sheet_layouts_give_body_date_and_title(text, body, date, title):
    meta = extract_metadata(text + "\n1. Introduction\n\n1.1 This report sets out the plan.\n")
    assert (meta.body, meta.meeting_date, meta.title) == (body, date, title)


def test_without_a_front_sheet_the_latest_meeting_the_report_goes_to_is_used():
    text = (
        "1 Background\n\n1.1 The plan went to Cabinet on 3 March 2015 and is now a matter for "
        "Council (19 March 2015).\n"
    )
    meta = extract_metadata(text)
    assert (meta.body, meta.meeting_date) == ("Council", dt.date(2015, 3, 19))


def test_council_is_the_author_not_a_partner_named_in_the_text():
    text = (
        "SEVENOAKS DISTRICT COUNCIL\n\nCabinet\n\n1.1 We will work with Kent County Council and KCC "
        "officers, and Kent County Council's highways team.\n\nContact: jo.bloggs@sevenoaks.gov.uk\n"
    )
    assert detect_council(text, KNOWN) == "sevenoaks"


def test_configured_council_found_by_its_email_domain_and_short_name():
    text = (
        "Update on the agreement.\n\nFor further information: a.person@kent.gov.uk (KCC Community Safety)\n"
    )
    assert detect_council(text, KNOWN) == "kent"


def test_council_from_email_domain_alone_and_police_domains_ignored():
    text = "Report\n\nContact: officer@thurrock.gov.uk, inspector@kent.police.uk, pcc@kent-pcc.gov.uk\n"
    assert detect_council(text, ()) == "thurrock"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Brighton & Hove City Council", "brighton-and-hove"),
        ("Tunbridge Wells Borough Council", "tunbridge-wells"),
        ("Thurrock Council", "thurrock"),
        ("Essex County Council", "essex"),
    ],
)
def test_council_slugs_come_from_the_gazetteer_by_name(name, slug):
    assert gazetteer().lookup(name) == slug


def test_without_a_council_name_the_partnerships_place_names_it():
    text = (
        "Safer Wakefield Partnership Plan 2020-23\n\nThe Safer Wakefield Partnership agreed its priorities.\n"
    )
    assert detect_council(text, ()) == "wakefield"


def test_no_council_named_gives_none():
    assert detect_council("The board noted the report. The Council will respond.", KNOWN) is None


def test_labels_alone_on_their_line_with_values_below():
    text = "Road Safety Review\n\nMeeting\nTransport Board\nDate\n3 June 2019\nReport of\nHead of Highways\n\n1. Purpose\n"
    meta = extract_metadata(text)
    assert (meta.body, meta.meeting_date, meta.title) == (
        "Transport Board",
        dt.date(2019, 6, 3),
        "Road Safety Review",
    )
