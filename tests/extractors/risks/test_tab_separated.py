"""Risks extractor: tab-separated; pipe-separated; flattened; PDF tables; ratings."""

from __future__ import annotations

import pytest

from extractors import risks
from extractors.risks.ratings import parse_rating
from pipeline.normalise import document_from_text
from schemas.document import Table
from tests.extractors.risks.helpers import (
    FIXTURES,
    assert_spans_hold_names,
    assert_spans_run_through_names,
    cell_order,
    pdf_document,
    rows_of,
)

# ---------------------------------------------------------------- tab-separated
TAB_TABLE = """8. Risk management

8.1 The risks below are reviewed quarterly by the partnership board.

Risk\tDescription\tAction to avoid or mitigate risk\tRisk rating
Loss of external funding\tThe grant that pays for two outreach workers ends in March.\tSeek alternative funding through the county bid round.\tB I
Data sharing agreements lapse\tPartners stop sharing incident data when agreements expire.\tRenew agreements six months before expiry.\tC III
Low public confidence\tResidents may not report incidents if they doubt action will follow.\tPublish a quarterly "you said, we did" update.\tD IV

Likelihood\tImpact:
A Almost certain\tI Critical
B Probable\tII Serious
C Possible\tIII Marginal
D Remote\tIV Negligible

9. Financial implications
"""


def test_tab_table_reads_letter_and_roman_ratings_with_legend_labels():
    doc, found = rows_of(TAB_TABLE)
    assert [r.risk for r in found] == [
        "Loss of external funding",
        "Data sharing agreements lapse",
        "Low public confidence",
    ]
    assert [r.row for r in found] == [1, 2, 3]
    first = found[0]
    assert first.description == "The grant that pays for two outreach workers ends in March."
    assert first.mitigation == "Seek alternative funding through the county bid round."
    assert (first.rating_raw, first.likelihood, first.impact) == ("B I", "B", "1")
    assert (first.likelihood_label, first.impact_label) == ("Probable", "Critical")
    assert (found[2].likelihood, found[2].impact, found[2].impact_label) == ("D", "4", "Negligible")
    assert all(r.score is None for r in found)
    assert_spans_hold_names(doc, found)


def test_legend_rows_and_narrative_around_a_table_are_not_risks():
    _, found = rows_of(TAB_TABLE)
    names = " ".join(r.risk for r in found)
    assert "Likelihood" not in names and "Almost certain" not in names and "reviewed" not in names


NUMERIC_TAB = """Risk register

Ref\tRisk\tCause\tLikelihood\tImpact\tExisting controls\tRisk owner
R1\tCommissioned service fails\tProvider insolvency or loss of key staff\t2\t4\tQuarterly contract monitoring\tHead of Commissioning
R2\tIncrease in repeat victims\tDemand outstrips caseworker capacity\t4 - Likely\t3\tTriage by risk level\tCommunity Safety Manager
"""


def test_separate_likelihood_and_impact_columns_imply_score_and_keep_both_cells_as_rating_raw():
    doc, found = rows_of(NUMERIC_TAB)
    assert [(r.risk, r.likelihood, r.impact, r.score) for r in found] == [
        ("Commissioned service fails", "2", "4", 8),
        ("Increase in repeat victims", "4", "3", 12),
    ]
    assert found[0].description == "Provider insolvency or loss of key staff"
    assert found[0].mitigation == "Quarterly contract monitoring"
    assert found[1].likelihood_label == "Likely"  # the cell's own label, there being no legend
    assert found[0].rating_raw == "2 / 4"
    assert_spans_hold_names(doc, found)


HTML_TAB = """Risks

Risk\tMitigation\tRAG

Venue closes at short notice\tA second venue is held on standby.
Both venues are in the town centre.\tAmber

Volunteer numbers fall\tRecruitment drive with the volunteer centre.\tGreen

The board noted the register.
"""


def test_tab_rows_with_blank_lines_between_and_a_line_break_inside_a_cell():
    doc, found = rows_of(HTML_TAB)
    assert [r.risk for r in found] == ["Venue closes at short notice", "Volunteer numbers fall"]
    assert found[0].mitigation == "A second venue is held on standby. Both venues are in the town centre."
    assert [r.rating_raw for r in found] == ["Amber", "Green"]
    assert all(r.likelihood is None and r.score is None for r in found)
    assert_spans_hold_names(doc, found)


# ---------------------------------------------------------------- pipe-separated
PIPE_MARKDOWN = """## Risks

| Risk | Description | Mitigation | Rating |
|------|-------------|------------|--------|
| Delay to the CCTV upgrade | Supplier lead times have grown to 20 weeks | Order cameras in the first quarter | 3 x 4 = 12 |
| Partner withdrawal | A partner leaves the hub | Memorandum of understanding | 12 (Amber) |
|  | (for example after a restructure) | reviewed yearly |  |
| Reputational damage | Negative press coverage of a high-profile incident | Communications protocol | High |
"""


def test_markdown_pipe_table_with_rule_line_and_continuation_row():
    doc, found = rows_of(PIPE_MARKDOWN)
    assert [(r.risk, r.likelihood, r.impact, r.score) for r in found] == [
        ("Delay to the CCTV upgrade", "3", "4", 12),
        ("Partner withdrawal", None, None, 12),
        ("Reputational damage", None, None, None),
    ]
    assert found[1].description == "A partner leaves the hub (for example after a restructure)"
    assert found[1].mitigation == "Memorandum of understanding reviewed yearly"
    assert found[2].rating_raw == "High"
    assert_spans_hold_names(doc, found)


PIPE_PLAIN = """Risk | Likelihood | Impact | Action
Flooding of the depot | Possible (3) | Major (4) | Move vehicles to the
upper yard when a flood warning is issued
Cyber attack on case system | 2 | 5 | Annual penetration test
"""


def test_plain_pipe_table_with_wrapped_cell_and_label_code_cells():
    doc, found = rows_of(PIPE_PLAIN)
    assert [r.risk for r in found] == ["Flooding of the depot", "Cyber attack on case system"]
    flood = found[0]
    assert flood.mitigation == "Move vehicles to the upper yard when a flood warning is issued"
    assert (flood.likelihood, flood.impact, flood.score) == ("3", "4", 12)
    assert (flood.likelihood_label, flood.impact_label) == ("Possible", "Major")
    assert found[1].score == 10
    assert_spans_hold_names(doc, found)


# ---------------------------------------------------------------- flattened
FLATTENED = """5 Risk management

5.1 The table below sets out the main risks to delivery of the strategy.

Risk Description
Action to avoid or
mitigate risk

Reduced partner
attendance.

Agencies facing budget pressures
may send junior staff or not attend
meetings at all.

Attendance is reported
to the board each
quarter.

Escalation letters go
from the chair to
chief officers.

Loss of the youth
diversion project.

The project's funding is not
secured beyond the current year.

Include the project in
the next funding bid.

Changes to national
guidance.

New statutory guidance may alter
the partnership's duties.

Monitor consultations
and respond on behalf
of partners.

5.2 An equality impact assessment is not required.
"""


def test_flattened_table_deals_blocks_into_cells_and_keeps_a_two_paragraph_cell():
    doc, found = rows_of(FLATTENED)
    assert [r.risk for r in found] == [
        "Reduced partner attendance.",
        "Loss of the youth diversion project.",
        "Changes to national guidance.",
    ]
    assert found[0].description == (
        "Agencies facing budget pressures may send junior staff or not attend meetings at all."
    )
    assert found[0].mitigation == (
        "Attendance is reported to the board each quarter. "
        "Escalation letters go from the chair to chief officers."
    )
    assert found[2].mitigation == "Monitor consultations and respond on behalf of partners."
    assert "equality" not in (found[2].mitigation or "")
    assert all(r.rating_raw is None and r.likelihood is None for r in found)
    assert_spans_hold_names(doc, found)


FLATTENED_RATED = """Risk

Description

Mitigation

Risk rating

Staff turnover

Vacancies in the team leave cases unallocated.

Agency cover and a recruitment campaign.

C2

Loss of premises

The lease on the hub ends in 2026.

Negotiate an extension with the landlord.

D1

Likelihood: A Very high B High C Significant D Low Impact: 1 Critical 2 Major 3 Moderate 4 Minor
"""


def test_flattened_table_with_a_header_block_per_column_and_a_rating_column():
    doc, found = rows_of(FLATTENED_RATED)
    assert [(r.risk, r.rating_raw, r.likelihood, r.impact) for r in found] == [
        ("Staff turnover", "C2", "C", "2"),
        ("Loss of premises", "D1", "D", "1"),
    ]
    assert (found[0].likelihood_label, found[0].impact_label) == ("Significant", "Major")
    assert found[1].mitigation == "Negotiate an extension with the landlord."
    assert_spans_hold_names(doc, found)


FLATTENED_ONE_LINE_CELLS = """Appendix B: risk register

Ref

Risk

Likelihood

Impact

Mitigation

R1

Demand for the helpline exceeds capacity

3

3

Overflow calls go to the out-of-hours provider.

R2

Hub building unavailable

2

4

Business continuity plan names a second site.

Staff have been trained at the second site.

Background papers: none.
"""


def test_flattened_table_of_one_line_cells_with_a_ref_column_and_two_paragraph_mitigation():
    doc, found = rows_of(FLATTENED_ONE_LINE_CELLS)
    assert [(r.risk, r.likelihood, r.impact, r.score) for r in found] == [
        ("Demand for the helpline exceeds capacity", "3", "3", 9),
        ("Hub building unavailable", "2", "4", 8),
    ]
    assert found[1].mitigation == (
        "Business continuity plan names a second site. Staff have been trained at the second site."
    )
    assert_spans_hold_names(doc, found)


# ---------------------------------------------------------------- PDF tables
PDF_PAGE_1 = """3. Risk management
3.1 The following risks have been identified.
Risk Description Action to avoid or mitigate risk Risk rating
Insufficient data from Changes to police recording Agree a data protocol with C II
partners systems reduce the data the force analyst team
available to the partnership
Rising night-time Late licences increase Joint licensing visits B II
disorder demand on weekend patrols"""
PDF_PAGE_2 = """Public perception of Media coverage of serious Proactive press releases D III
safety incidents affects confidence on successes
Likelihood Impact:
A Very likely I Catastrophic
B Likely II Major
C Unlikely III Moderate
D Rare IV Minor"""
PDF_HEADER = ["Risk", "Description", "Action to avoid or\nmitigate risk", "Risk rating"]
PDF_ROW_1 = [
    "Insufficient data from\npartners",
    "Changes to police recording\nsystems reduce the data\navailable to the partnership",
    "Agree a data protocol with\nthe force analyst team",
    "C II",
]
PDF_ROW_2 = [
    "Rising night-time\ndisorder",
    "Late licences increase\ndemand on weekend patrols",
    "Joint licensing visits",
    "B II",
]
PDF_ROW_3 = [
    "Public perception of\nsafety",
    "Media coverage of serious\nincidents affects confidence",
    "Proactive press releases\non successes",
    "D III",
]
PDF_LEGEND = [
    ["Likelihood", "Impact:"],
    ["A Very likely", "I Catastrophic"],
    ["B Likely", "II Major"],
    ["C Unlikely", "III Moderate"],
    ["D Rare", "IV Minor"],
]


def test_pdf_ruled_table_with_wrapped_cells_continues_after_a_page_break():
    doc = pdf_document(
        [PDF_PAGE_1, PDF_PAGE_2],
        [Table(1, [PDF_HEADER, PDF_ROW_1, PDF_ROW_2]), Table(2, [PDF_ROW_3]), Table(2, PDF_LEGEND)],
    )
    found = risks.extract(doc)
    assert [r.risk for r in found] == [
        "Insufficient data from partners",
        "Rising night-time disorder",
        "Public perception of safety",
    ]
    assert [r.row for r in found] == [1, 2, 3]
    assert (
        found[0].description
        == "Changes to police recording systems reduce the data available to the partnership"
    )
    assert found[0].mitigation == "Agree a data protocol with the force analyst team"
    assert (found[2].likelihood, found[2].impact, found[2].likelihood_label, found[2].impact_label) == (
        "D",
        "3",
        "Rare",
        "Moderate",
    )
    assert doc.page_of(found[0].char_start) == 1 and doc.page_of(found[2].char_start) == 2
    assert_spans_run_through_names(doc, found)


def test_pdf_table_with_repeated_header_and_a_row_split_across_the_page_break():
    split_top = ["Rising night-time\ndisorder", "Late licences increase", "Joint licensing", None]
    split_rest = [None, "demand on weekend patrols", "visits", "B II"]
    doc = pdf_document(
        [cell_order([PDF_HEADER, PDF_ROW_1, split_top]), cell_order([PDF_HEADER, split_rest, PDF_ROW_3])],
        [Table(1, [PDF_HEADER, PDF_ROW_1, split_top]), Table(2, [PDF_HEADER, split_rest, PDF_ROW_3])],
    )
    found = risks.extract(doc)
    assert [r.risk for r in found] == [
        "Insufficient data from partners",
        "Rising night-time disorder",
        "Public perception of safety",
    ]
    night = found[1]
    assert night.description == "Late licences increase demand on weekend patrols"
    assert night.mitigation == "Joint licensing visits"
    assert (night.rating_raw, night.likelihood, night.impact) == ("B II", "B", "2")
    assert_spans_hold_names(doc, found)


def test_pdf_text_table_on_a_page_with_a_pdfplumber_table_is_not_read_twice():
    page = "Risk\tDescription\tRisk rating\nFlooding\tRiver levels rise\tC II"
    doc = pdf_document(
        [page],
        [Table(1, [["Risk", "Description", "Risk rating"], ["Flooding", "River levels rise", "C II"]])],
    )
    assert [r.risk for r in risks.extract(doc)] == ["Flooding"]


def test_pdf_table_under_a_title_row_prefers_the_residual_rating():
    rows = [
        ["Corporate risk register extract", None, None, None, None],
        ["Risk", "Risk owner", "Inherent rating", "Controls", "Residual rating"],
        [
            "Failure of the\nout-of-hours service",
            "Head of Housing",
            "4 x 5 = 20",
            "Rota with two\nstandby officers",
            "2 x 5 = 10",
        ],
    ]
    doc = pdf_document([cell_order(rows)], [Table(1, rows)])
    [r] = risks.extract(doc)
    assert (r.risk, r.mitigation, r.rating_raw, r.score) == (
        "Failure of the out-of-hours service",
        "Rota with two standby officers",
        "2 x 5 = 10",
        10,
    )
    assert r.description is None
    assert_spans_hold_names(doc, [r])


@pytest.mark.parametrize("stem", ["000_aacef7b39bd9dd07", "001_ce912f5f2341e24b", "002_c26bdb524856306b"])
def test_generated_pdf_gives_the_same_risk_rows_as_its_text_source(stem):
    from pipeline.ingest import load_document

    pdf = load_document(FIXTURES / "pdf" / f"{stem}.pdf")
    text = document_from_text((FIXTURES / "seeds" / f"{stem}.txt").read_text())

    def facts(found):
        return [{k: v for k, v in vars(r).items() if k not in ("char_start", "char_end")} for r in found]

    from_pdf = risks.extract(pdf)
    assert from_pdf and facts(from_pdf) == facts(risks.extract(text))
    assert_spans_hold_names(pdf, from_pdf)


# ---------------------------------------------------------------- ratings
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("D II", ("D", "2", None)),
        ("D2", ("D", "2", None)),
        ("C III", ("C", "3", None)),
        ("b2", (None, None, 2)),  # a lower-case letter is not a code: only the number is left
        ("3 x 4 = 12", ("3", "4", 12)),
        ("L4 x I5", ("4", "5", 20)),
        ("2x3", ("2", "3", 6)),
        ("12 (Amber)", (None, None, 12)),
        ("Red - 20", (None, None, 20)),
        ("High", (None, None, None)),
        ("Amber", (None, None, None)),
        ("IV A", ("A", "4", None)),
        ("I4 x L3", ("3", "4", 12)),  # tags, not position, say which is which
        ("Impact 5 x Likelihood 2 = 10", ("2", "5", 10)),
    ],
)
def test_rating_forms_give_codes_and_score(raw, expected):
    r = parse_rating(raw)
    assert (r.likelihood, r.impact, r.score) == expected


def test_legend_that_gives_letters_to_impact_swaps_the_codes():
    text = (
        "Risk\tRisk rating\nLoss of the hub lease\t3C\n\n"
        "Likelihood: 1 Rare 2 Unlikely 3 Possible 4 Likely\n"
        "Impact: A Minor B Moderate C Major D Severe\n"
    )
    _, found = rows_of(text)
    assert [(r.likelihood, r.impact, r.likelihood_label, r.impact_label) for r in found] == [
        ("3", "C", "Possible", "Major"),
    ]
