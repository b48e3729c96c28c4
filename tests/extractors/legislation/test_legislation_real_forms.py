"""Legislation as councils really write it: short provisions, Acts without a year, misprinted
years, titles split by layout. Excerpts are invented, in the genre of committee papers."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.legislation import extract
from extractors.legislation.gazetteer import by_paper_year, lookup, misprinted
from extractors.legislation.paper_date import paper_year
from extractors.legislation.provisions import normalise_provision, split_provision
from pipeline.normalise import document_from_text

ASBCPA = "ukpga/2014/12"
CDA = "ukpga/1998/37"
DPA_1998 = "ukpga/1998/29"
DPA_2018 = "ukpga/2018/12"


def rows(text: str, **meta):
    doc = document_from_text(text, **meta)
    out = extract(doc)
    for r in out:
        assert doc.text[r.char_start : r.char_end] == r.mention
    return out


# ---------------------------------------------------------------- provisions written the short way
@pytest.mark.parametrize(
    "written,canonical",
    [
        ("s 14 (2) (a)", "section 14(2)(a)"),
        ("section 100A (4) c)", "section 100A(4)(c)"),
        ("Sch. 3 para 7", "schedule 3 paragraph 7"),
        ("reg. 4(1)", "regulation 4(1)"),
        ("Part IIA", "part IIA"),
        ("art. 9", "article 9"),
        ("ss. 8 and 41", "sections 8 and 41"),
        ("S 30 (1), (4) & (5)", "sections 30(1), (4) and (5)"),
    ],
)
def test_short_provisions_are_canonicalised(written, canonical):
    assert normalise_provision(written) == canonical


def test_a_bracket_that_is_not_a_subsection_is_left_out():
    assert normalise_provision("section 17 (CDA)") == "section 17"


@pytest.mark.parametrize(
    "canonical,listed",
    [
        ("sections 8 and 41", ["section 8", "section 41"]),
        ("sections 2, 9, 14 and 30", ["section 2", "section 9", "section 14", "section 30"]),
        ("sections 30(1), (4) and (5)", ["section 30(1)", "section 30(4)", "section 30(5)"]),
        ("schedule 3 paragraphs 1 and 2", ["schedule 3 paragraph 1", "schedule 3 paragraph 2"]),
        ("sections 4-6 and 9", ["sections 4-6", "section 9"]),
        ("sections 4-6", ["sections 4-6"]),  # a range is one provision
        ("part 1 chapter 3", ["part 1 chapter 3"]),
        (None, [None]),
    ],
)
def test_listed_provisions_are_split_one_each(canonical, listed):
    assert split_provision(canonical) == listed


def test_a_list_of_sections_gives_one_row_per_section_with_one_span():
    found = rows(
        "Officers may act under sections 2, 35 and 43 of the Anti-social Behaviour, Crime and Policing Act 2014."
    )
    assert [r.provision for r in found] == ["section 2", "section 35", "section 43"]
    assert {(r.char_start, r.char_end, r.legislation_id) for r in found} == {
        (found[0].char_start, found[0].char_end, ASBCPA)
    }


def test_numbered_delegations_cite_the_act_of_the_items_before():
    found = rows(
        "Powers under the Anti-social Behaviour, Crime and Policing Act 2014 are delegated:\n"
        "  1. To apply for an injunction under s 1 of the Act.\n"
        "  2. To issue a notice under s 43 (1) (a)\n"
        "  3. To vary an order under S 61 (2) & (3) of the Act.\n"
    )
    provisions = {r.provision for r in found if r.provision}
    assert provisions == {"section 1", "section 43(1)(a)", "section 61(2)", "section 61(3)"}
    assert all(r.legislation_id == ASBCPA for r in found)


def test_subsection_with_a_dropped_bracket_after_the_act_is_read():
    found = rows(
        "Urgent items may be taken pursuant to section 100B (4) b) of the Local Government Act 1972."
    )
    assert [(r.provision, r.legislation_id) for r in found] == [("section 100B(4)(b)", "ukpga/1972/70")]


def test_report_paragraph_numbers_are_still_not_provisions():
    found = rows("The Crime and Disorder Act 1998 applies.\n  1. See s 4 above for the background.\n")
    assert all(r.provision is None for r in found)


# ---------------------------------------------------------------- Acts without a year
@pytest.mark.parametrize(
    "meeting,legislation_id",
    [
        (dt.date(2016, 11, 2), DPA_1998),  # only the 1998 Act existed
        (dt.date(2020, 1, 15), DPA_2018),  # a paper soon after the new Act means it
        (None, None),  # no date: two Acts of that title, no guess
    ],
)
def test_yearless_title_is_settled_by_the_papers_date(meeting, legislation_id):
    found = rows("Responses are held in line with the Data Protection Act.", meeting_date=meeting)
    assert [(r.title, r.legislation_id) for r in found] == [
        ("Data Protection Act" if legislation_id is None else found[0].title, legislation_id)
    ]


def test_paper_year_falls_back_to_the_latest_full_date_in_the_text():
    doc = document_from_text("The survey ran from 4 May 2015 to 30/06/2016; the plan runs to 2030.")
    assert paper_year(doc) == 2016
    assert paper_year(document_from_text("Plan for 2020 to 2025.")) is None


def test_a_full_date_in_the_text_settles_a_yearless_title():
    found = rows("Consultation held on 12 March 2016. Data was handled under the Data Protection Act.")
    assert [r.legislation_id for r in found] == [DPA_1998]


def test_paper_year_never_settles_generic_or_long_families_of_titles():
    assert by_paper_year("Housing Act", 2006) is None  # one-word titles: Parliament reuses them
    assert by_paper_year("Local Government Act", 2005) is None  # many Acts of that title coexist
    assert by_paper_year("Data Protection Act", 1990) is None  # none the gazetteer knows yet


def test_abbreviation_with_a_year_gives_the_title_its_year():
    found = rows("The Policing and Crime Act (PCA 2017) asks emergency services to work together.")
    assert [(r.title, r.legislation_id) for r in found] == [("Policing and Crime Act 2017", "ukpga/2017/3")]


def test_abbreviation_that_is_not_the_titles_initials_gives_no_year():
    found = rows("The Civil Contingencies Act (see note 2004) sets the framework.")
    assert [r.legislation_id for r in found] == [None]


def test_title_with_a_stray_connecting_word_still_resolves():
    assert lookup("Clean Neighbourhoods and the Environment Act").legislation_id == "ukpga/2005/16"
    assert lookup("Anti-social Behaviour Crime and and Policing Act 2014").legislation_id == ASBCPA


# ---------------------------------------------------------------- misprinted years
def test_year_one_digit_off_the_only_act_of_a_distinctive_title_is_a_misprint():
    found = rows("Members are reminded of the Police Reform & Social Responsibility Act 2001.")
    assert [(r.mention, r.title, r.year, r.legislation_id) for r in found] == [
        (
            "Police Reform & Social Responsibility Act 2001",
            "Police Reform and Social Responsibility Act 2011",
            2011,
            "ukpga/2011/13",
        )
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Crime and Disorder Act 1989",  # two digits off: not a slip of one key
        "Housing Act 1986",  # a generic title: another Act may well have that year
    ],
)
def test_other_wrong_years_are_not_corrected(title):
    assert misprinted(title) is None


# ---------------------------------------------------------------- titles split by layout
def test_title_split_by_a_flattened_table_cell_is_joined():
    text = (
        "Why are we asking? Under the Anti-social Behaviour, Crime and Policing what changes? Act 2014, "
        "the council may make orders."
    )
    found = rows(text)
    assert [(r.title, r.legislation_id) for r in found] == [
        ("Anti-social Behaviour, Crime and Policing Act 2014", ASBCPA)
    ]
    assert found[0].mention.startswith("Anti-social Behaviour") and found[0].mention.endswith("Act 2014")


def test_words_far_from_a_bare_act_year_are_not_joined_to_it():
    text = (
        "The Anti-social Behaviour, Crime and Policing review was discussed at length by members of the "
        "panel over several meetings. Act 2014 was mentioned."
    )
    assert rows(text) == []


def test_title_wrapped_inside_a_cell_is_read_whole():
    found = rows("Powers\tUnder the Anti-social Behaviour, Crime and\nPolicing Act 2014\tYes")
    assert [r.legislation_id for r in found] == [ASBCPA]


def test_a_deadline_does_not_date_the_paper():
    doc = document_from_text("Reviewed on 3 June 2016. Actions are due by 31 March 2021.")
    assert paper_year(doc) == 2016


def test_a_possessive_before_a_number_is_not_a_section():
    found = rows("Under the Crime and Disorder Act 1998 the Council’s 17 wards each require a plan.")
    assert [r.provision for r in found] == [None]
