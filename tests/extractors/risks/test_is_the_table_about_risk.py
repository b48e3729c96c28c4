"""Risks extractor: is the table about risk?; rating_raw as written; legend and key lines; text tables whose cells wrap line by line."""

from __future__ import annotations

import pytest

from extractors import risks
from schemas.document import Table
from tests.extractors.risks.helpers import (
    LABELLED_BACK_TO_BACK,
    assert_spans_hold_names,
    assert_spans_run_through_names,
    cell_order,
    pdf_document,
    rows_of,
)

# ---------------------------------------------------------------- is the table about risk?
EQUALITY_TAB = """7. Equality impact

7.1 The assessment found two groups who may be affected by the new opening hours.

Description\tImpact\tMitigation
Older residents who rely on the Tuesday clinic\tLonger travel to the Thursday session\tFree community transport on clinic days
Parents of children with additional needs\tLess choice of appointment times\tEvening slots kept for the first six months
"""
OPTIONS_PIPE = """Options considered

Proposal | Details | Impact | Actions
Option A: keep the current contract | The provider continues to March 2027 | Low | Extend by variation
Option B: re-tender the service | A new provider from October | High | Procurement plan to Cabinet
"""
EQUALITY_LABELLED = """Equality impact

Description: Disabled users of the leisure centre changing rooms
Impact: Medium
Mitigation: A changing places toilet is added in phase one
"""
WRAPPED_PROSE_MENTIONING_RISK = """5. Equality implications

5.1 Officers considered whether any group is put at greater risk by
the change and set out the effects below.

Description\tImpact\tMitigation
Carers who visit in the evening\tFewer late buses\tTaxi vouchers for registered carers
"""
RISK_HEADING_ABOVE_ANOTHER_SECTION = """6. Risk management

6.1 The risks are recorded in the corporate register.

7. Equality impact

Description\tImpact\tMitigation
Residents without internet access\tCannot book online\tTelephone booking line kept
"""


@pytest.mark.parametrize(
    "text",
    [
        EQUALITY_TAB,
        OPTIONS_PIPE,
        EQUALITY_LABELLED,
        WRAPPED_PROSE_MENTIONING_RISK,
        RISK_HEADING_ABOVE_ANOTHER_SECTION,
    ],
)
def test_a_bare_description_impact_mitigation_table_not_under_a_risk_heading_gives_no_risks(text):
    assert rows_of(text)[1] == []


RISK_REGISTER_BARE = """Risk register

Description\tImpact\tMitigation
Allotment association folds\tHigh\tCouncil takes the site back in hand
Water supply to the plots fails\tLow\tStandpipes on the main road side
"""
RISK_SECTION_OVER_INTRO = """8. Risk management

8.1 The project board reviews the following at each meeting and escalates any
that rise above the council's tolerance.

Description\tLikelihood\tImpact\tMitigation
Tender prices exceed the budget\t3\t4\tValue engineering before the tender
"""
RISK_CAPTION_PIPE = """The scheme is in its second year.

Table 4: Project risks
| Description | Impact | Action |
|---|---|---|
| Volunteers leave the litter-pick scheme | Medium | Thank-you events twice a year |
"""
RISK_WORD_IN_A_RATING_COLUMN = """Appendix C

Description\tMitigation\tRisk score
Contamination in recycling loads\tDoorstep advice visits\t12
"""


@pytest.mark.parametrize(
    "text, names",
    [
        (RISK_REGISTER_BARE, ["Allotment association folds", "Water supply to the plots fails"]),
        (RISK_SECTION_OVER_INTRO, ["Tender prices exceed the budget"]),
        (RISK_CAPTION_PIPE, ["Volunteers leave the litter-pick scheme"]),
        (RISK_WORD_IN_A_RATING_COLUMN, ["Contamination in recycling loads"]),
        (
            LABELLED_BACK_TO_BACK,
            [
                "Volunteer drivers withdraw from the community transport scheme",
                "Booking software licence lapses",
            ],
        ),
    ],
)
def test_a_header_or_the_heading_or_caption_over_it_naming_risk_makes_a_risk_table(text, names):
    doc, found = rows_of(text)
    assert [r.risk for r in found] == names
    assert_spans_hold_names(doc, found)


def test_a_risk_register_heading_keeps_the_bare_tables_columns():
    [first, _] = rows_of(RISK_REGISTER_BARE)[1]
    assert (first.description, first.impact, first.mitigation) == (
        None,
        "High",
        "Council takes the site back in hand",
    )


FLAT_BARE_HEADER = """{heading}

Description

Impact

Mitigation

Loss of the community minibus

High

Hire from the county fleet

Booking clerk post vacant

Medium

Library staff cover bookings
"""


@pytest.mark.parametrize(
    "heading, names",
    [
        ("Risk register", ["Loss of the community minibus", "Booking clerk post vacant"]),
        ("Equality analysis", []),
    ],
)
def test_a_flattened_bare_header_is_a_risk_table_only_under_a_risk_heading(heading, names):
    doc, found = rows_of(FLAT_BARE_HEADER.format(heading=heading))
    assert [r.risk for r in found] == names
    assert_spans_hold_names(doc, found)


BARE_PDF_HEADER = ["Description", "Impact", "Mitigation"]
BARE_PDF_ROW = ["Pool closes for\nrepairs", "High", "Swimming lessons move\nto the school pool"]


@pytest.mark.parametrize(
    "title_rows, heading, found_names",
    [
        ([["Strategic risk register", None, None]], "Appendix 1", ["Pool closes for repairs"]),
        ([], "Appendix 1: Risk register", ["Pool closes for repairs"]),
        ([], "Equality impact assessment", []),
    ],
)
def test_a_pdf_table_with_a_bare_header_needs_a_risk_title_row_or_heading(title_rows, heading, found_names):
    rows = [*title_rows, BARE_PDF_HEADER, BARE_PDF_ROW]
    doc = pdf_document([heading + "\n" + cell_order(rows)], [Table(1, rows)])
    found = risks.extract(doc)
    assert [r.risk for r in found] == found_names
    assert_spans_run_through_names(doc, found)


@pytest.mark.parametrize(
    "text, heading",
    [
        ("Intro.\n\n4. Risk management\n\nRisk\tRating\n", "4. Risk management"),
        ("Table 2: Key risks\nRisk\tRating\n", "Table 2: Key risks"),
        ("Risks\n\n4.1 The risks below were\nreviewed in May.\n\nRisk\tRating\n", "Risks"),
        ("A\tB\nc\td\nRisk\tRating\n", None),  # another table's row comes first
        ("This sentence ends the paragraph.\nRisk\tRating\n", None),
    ],
)
def test_caption_above_table_finds_the_nearest_heading_or_caption_over_a_table(text, heading):
    from extractors.common.tables import caption_above_table

    assert caption_above_table(text, text.index("Risk\tRating")) == heading


# ---------------------------------------------------------------- rating_raw as written
def test_rating_raw_keeps_separate_likelihood_and_impact_cells_verbatim_joined_by_a_slash():
    text = "Risk\tLikelihood\tImpact\nBurst water main floods the depot\tUnlikely (2)\tMajor (4)\n"
    doc, [r] = rows_of(text)
    assert r.rating_raw == "Unlikely (2) / Major (4)"
    assert all(part in doc.text for part in r.rating_raw.split(" / "))
    assert (r.likelihood, r.impact, r.score) == ("2", "4", 8)


def test_a_written_score_beside_likelihood_and_impact_columns_is_the_rating_as_written():
    text = "Risk\tLikelihood\tImpact\tScore\nCouncil tax base falls\t2\t5\t10\n"
    [r] = rows_of(text)[1]
    assert (r.rating_raw, r.score) == ("10", 10)


def test_a_likelihood_column_alone_gives_no_rating_raw():
    text = "Risk\tLikelihood\tMitigation\nFerry service withdrawn\tPossible\tBus link agreed with operator\n"
    [r] = rows_of(text)[1]
    assert (r.rating_raw, r.likelihood) == (None, "Possible")


# ---------------------------------------------------------------- legend and key lines
@pytest.mark.parametrize(
    "key_line",
    [
        "Key:",
        "Risk scoring matrix",
        "Risk rating key (see Appendix 3)",
        "For risk rating, see the matrix at Appendix 2",
        "Legend - likelihood and impact",
    ],
)
def test_a_legend_or_key_introduction_line_ends_the_table_and_is_not_a_risk(key_line):
    text = (
        "Risk\tMitigation\tRating\n"
        "Road closures delay the parade\tEarly liaison with highways\tB2\n"
        f"{key_line}\n"
        "Almost certain\tA\n"
    )
    found = rows_of(text)[1]
    assert [r.risk for r in found] == ["Road closures delay the parade"]
    assert found[0].mitigation == "Early liaison with highways"


def test_a_risk_whose_name_starts_with_key_is_still_a_risk():
    text = "Risk\tMitigation\tRating\nKey staff leave the service\tSuccession plan for each post\tC3\n"
    assert [r.risk for r in rows_of(text)[1]] == ["Key staff leave the service"]


def test_a_legend_laid_out_as_a_pipe_table_labels_the_codes():
    text = (
        "Risk | Description | Rating\n"
        "Flooding of the archive | Basement store below river level | C II\n\n"
        "| Likelihood | Impact |\n"
        "|---|---|\n"
        "| A Very likely | I Catastrophic |\n"
        "| B Likely | II Major |\n"
        "| C Unlikely | III Moderate |\n"
    )
    [r] = rows_of(text)[1]
    assert (r.likelihood_label, r.impact_label) == ("Unlikely", "Major")


# ---------------------------------------------------------------- text tables whose cells wrap line by line
WRAPPED_NO_OUTER_PIPES = """6. Risk management

Risk                        | Mitigation                       | Rating
----------------------------|----------------------------------|-------
Contract for the night      | Extend the contract while the    | B3
shelter ends in June        | service is retendered            |
Volunteer drivers leave     | Recruit through the volunteer    | C2
                            | centre and pay mileage           |

Likelihood: A Almost certain, B Likely, C Possible, D Unlikely, E Rare.
Impact: 1 Minor, 2 Moderate, 3 Major, 4 Critical.
"""


def test_wrapped_lines_of_a_pipe_table_without_outer_pipes_continue_the_row_above():
    doc, found = rows_of(WRAPPED_NO_OUTER_PIPES)
    assert [r.risk for r in found] == [
        "Contract for the night shelter ends in June",
        "Volunteer drivers leave",
    ]
    assert found[0].mitigation == "Extend the contract while the service is retendered"
    assert found[1].mitigation == "Recruit through the volunteer centre and pay mileage"
    assert [r.row for r in found] == [1, 2]
    assert_spans_run_through_names(doc, found)


def test_a_comma_separated_legend_after_a_wrapped_table_labels_letter_digit_ratings():
    _, found = rows_of(WRAPPED_NO_OUTER_PIPES)
    first, second = found
    assert (first.rating_raw, first.likelihood, first.impact) == ("B3", "B", "3")
    assert (first.likelihood_label, first.impact_label) == ("Likely", "Major")
    assert (second.likelihood_label, second.impact_label) == ("Possible", "Moderate")


WRAPPED_WIDE = """Appendix 1: Service risk register

| Ref | Risk                   | Existing controls          | L | I | Score |
|-----|------------------------|----------------------------|---|---|-------|
| SR1 | Case management system | Daily back-ups and a       | 2 | 5 | 10    |
|     | unavailable for a week | paper fallback process     |   |   |       |
| SR2 | Rising caseloads in    | Caseload cap of 25 per     | 4 | 3 | 12    |
|     | the youth offending    | officer                    |   |   |       |
|     | team                   |                            |   |   |       |

Likelihood 1 = Rare, 2 = Unlikely, 3 = Possible, 4 = Likely, 5 = Almost certain
Impact 1 = Negligible, 2 = Minor, 3 = Moderate, 4 = Major, 5 = Catastrophic
"""


def test_a_line_whose_ref_and_rating_cells_are_empty_continues_the_row_above():
    doc, found = rows_of(WRAPPED_WIDE)
    assert [(r.risk, r.likelihood, r.impact, r.score) for r in found] == [
        ("Case management system unavailable for a week", "2", "5", 10),
        ("Rising caseloads in the youth offending team", "4", "3", 12),
    ]
    assert found[0].mitigation == "Daily back-ups and a paper fallback process"
    assert (found[1].likelihood_label, found[1].impact_label) == ("Likely", "Moderate")
    assert_spans_run_through_names(doc, found)


WRAPPED_UNREFERENCED = """Key risks

| Risk                      | Description                | Likelihood | Impact |
|---------------------------|----------------------------|------------|--------|
| Match funding not secured | The bid needs 30% from     | 3          | 4      |
|                           | partners                   |            |        |
| Delays to the refurbished | Asbestos found in the roof | 2          | 3      |
| hub opening               | space                      |            |        |
"""


def test_without_a_ref_column_a_line_with_empty_ratings_continues_the_row_above():
    _, found = rows_of(WRAPPED_UNREFERENCED)
    assert [(r.risk, r.description, r.score) for r in found] == [
        ("Match funding not secured", "The bid needs 30% from partners", 12),
        ("Delays to the refurbished hub opening", "Asbestos found in the roof space", 6),
    ]


WRAPPED_WITH_GROUPS = """Risk register

| Ref | Risk                    | Mitigation              | Rating |
|-----|-------------------------|-------------------------|--------|
|     | Financial risks         |                         |        |
| F1  | Grant conditions are    | Monthly grant returns   | C2     |
|     | breached                |                         |        |
|     | OPERATIONAL             |                         |        |
| O1  | Hub lease not renewed   | Early talks with owner  | D1     |
"""


def test_a_group_heading_line_in_a_wrapped_table_is_neither_a_risk_nor_a_continuation():
    _, found = rows_of(WRAPPED_WITH_GROUPS)
    assert [r.risk for r in found] == ["Grant conditions are breached", "Hub lease not renewed"]
    assert found[0].mitigation == "Monthly grant returns"


def test_a_lower_case_line_continues_the_row_above_in_a_table_that_rates_nothing():
    text = (
        "Risks\n\n"
        "Risk | Mitigation\n"
        "--- | ---\n"
        "Loss of the outreach | Bid to the county fund\n"
        "van | in the spring round\n"
        "Staff sickness | Agency cover\n"
    )
    assert [(r.risk, r.mitigation) for r in rows_of(text)[1]] == [
        ("Loss of the outreach van", "Bid to the county fund in the spring round"),
        ("Staff sickness", "Agency cover"),
    ]


GRID_TABLE = """Risk register

+----------------------+-------------------------+--------+
| Risk                 | Mitigation              | Rating |
+======================+=========================+========+
| Partner data not     | Information sharing     |        |
| shared on time       | agreement signed        | C2     |
|                      | by all partners         |        |
+----------------------+-------------------------+--------+
| Venue unavailable    | Second venue on standby | D3     |
+----------------------+-------------------------+--------+
"""


def test_a_ruled_grid_table_gives_one_row_per_band_between_rule_lines():
    _, found = rows_of(GRID_TABLE)
    assert [(r.risk, r.mitigation, r.rating_raw) for r in found] == [
        ("Partner data not shared on time", "Information sharing agreement signed by all partners", "C2"),
        ("Venue unavailable", "Second venue on standby", "D3"),
    ]


def test_a_header_wrapped_down_to_its_rule_line_names_its_columns():
    text = (
        "Table 2: Project risks\n\n"
        "| Risk             | Action to       | Risk   |\n"
        "|                  | mitigate        | rating |\n"
        "|------------------|-----------------|--------|\n"
        "| Costs rise       | Fixed-price bid | B2     |\n"
    )
    [r] = rows_of(text)[1]
    assert (r.risk, r.mitigation, r.rating_raw, r.likelihood, r.impact) == (
        "Costs rise",
        "Fixed-price bid",
        "B2",
        "B",
        "2",
    )
