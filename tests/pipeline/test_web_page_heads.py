"""Web pages and ModernGov heads: body, meeting date and title read from the page's own head,
never from its furniture (skip links, breadcrumbs, link decorations, "Updated …" lines)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.metadata import extract_metadata
from pipeline.web_page import breadcrumb_leaf, clean_item, is_chrome, meeting_line


@pytest.mark.parametrize(
    "text, body, date",
    [
        (
            "Issue - meetings\n\nLibrary Review\n\nMeeting: 04/10/2021 - Place Scrutiny Committee (Item 9)\n",
            "Place Scrutiny Committee",
            dt.date(2021, 10, 4),
        ),
        ("Decision details\n\nDecided at meeting: 03/11/2021 - Cabinet\n", "Cabinet", dt.date(2021, 11, 3)),
        (
            "Agenda and minutes\n\nStandards Committee - Monday, 7th March, 2022 6.30 pm\n\nVenue: Town Hall\n",
            "Standards Committee",
            dt.date(2022, 3, 7),
        ),
        (
            "Budget Monitoring (Agenda item 6)\n- Meeting of Audit Committee, Tuesday, 5th July, 2022 10.00 am (Item 6/22)\n",
            "Audit Committee",
            dt.date(2022, 7, 5),
        ),
        (
            "Agenda and minutes\n\nSpecial Meeting of the Licensing Committee, Licensing Committee - Friday, 1st April, 2016 2.00 pm\n",
            "Licensing Committee",
            dt.date(2016, 4, 1),
        ),
    ],
)
def test_moderngov_heads_give_body_and_meeting_date(text, body, date):
    meta = extract_metadata(text)
    assert (meta.body, meta.meeting_date) == (body, date)


def test_an_item_line_gives_the_title_without_number_or_link_decoration():
    text = "Issue - meetings\n\nMeeting: 14/02/2024 - Cabinet (Item 51)\n\n51 Housing Allocations Policy pdf icon PDF 212 KB\n\nTo consider the report.\n"
    assert extract_metadata(text).title == "Housing Allocations Policy"


def test_a_whole_meetings_minutes_take_no_item_as_their_title():
    text = "Agenda and minutes\n\nAudit Committee - Tuesday 9 May 2023 7.00 pm\n\nApologies for absence\n\nMinutes:\n"
    meta = extract_metadata(text)
    assert (meta.body, meta.title) == ("Audit Committee", None)


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Skip to main content\nAccessibility options A A A\nParks Investment Plan\nThe plan sets out …\n",
            "Parks Investment Plan",
        ),
        (
            "Home » Council » Policies » Tree Management Policy\nThis policy explains …\n",
            "Tree Management Policy",
        ),
        ("Annual Report 2022 - 2023 - Page 12\nOur year in numbers\n", "Annual Report 2022 - 2023"),
        (
            "Local Plan Review - Report of the Head of Planning [Key Decision: PL/22/01]\nThe report …\n",
            "Local Plan Review",
        ),
    ],
)
def test_titles_skip_the_sites_furniture(text, title):
    assert extract_metadata(text).title == title


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Issue - meetings",
        "Agenda and draft minutes",
        "Minutes:",
        "Updated 3 May 2022",
        "- View the background to item 4/22",
        "Text only",
        "Last updated: Thu 2nd June, 2022 @ 10:15",
    ],
)
def test_furniture_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line", ["Cabinet - Tuesday, 14 March 2023 7.00pm", "Parks Investment Plan", "Audit Committee"]
)
def test_not_furniture(line):
    assert not is_chrome(line)


def test_helpers():
    assert (
        clean_item("12 Community Safety Plan 2023-2026 pdf icon PDF 100 KB")
        == "Community Safety Plan 2023-2026"
    )
    assert clean_item("Q3 Risk Report (Agenda item 8)") == "Q3 Risk Report"
    assert breadcrumb_leaf("Home » Records » Risk Register") == "Risk Register"
    assert breadcrumb_leaf("Risk » Register") is None
    assert (
        meeting_line("- Meeting of Cabinet, Monday, 3rd May, 2021 7.00 pm (Item 4)")
        == "Cabinet, Monday, 3rd May, 2021"
    )
