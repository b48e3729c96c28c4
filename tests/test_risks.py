"""Risk tables: tab, pipe, flattened and PDF (pdfplumber) forms, ratings, legends, negatives.

The tables here are written for these tests in the genre of council reports; none is
copied from the seed papers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import risks
from extractors.risks.legends import document_legend
from extractors.risks.ratings import parse_rating
from pipeline.normalise import normalise
from schemas.document import Document, Table, document_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def rows_of(text: str):
    doc = document_from_text(text)
    return doc, risks.extract(doc)


def pdf_document(pages: list[str], tables: list[Table]) -> Document:
    texts = [normalise(p).text for p in pages]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    return Document(
        doc_id="x",
        source_uri="mem.pdf",
        source_format="pdf",
        text="\n\n".join(texts),
        page_starts=starts,
        tables=tables,
    )


def squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def assert_spans_hold_names(doc: Document, found) -> None:
    for r in found:
        assert squash(doc.text[r.char_start : r.char_end]) == squash(r.risk), r


def assert_spans_run_through_names(doc: Document, found) -> None:
    """Page text that interleaves a table's columns: the span runs from the name's first
    word to its last and holds its words in order."""
    for r in found:
        held = squash(doc.text[r.char_start : r.char_end])
        words = [squash(w) for w in r.risk.split()]
        assert held.startswith(words[0]) and held.endswith(words[-1]), r
        assert re.search(".*".join(map(re.escape, words)), held), r


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


def cell_order(rows) -> str:
    """Page text as a backend reading the content stream cell by cell gives it."""
    return "\n".join(c for row in rows for c in row if c)


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


# ---------------------------------------------------------------- rating column forms
@pytest.mark.parametrize(
    "header", ["Likelihood x Impact", "L x I", "Likelihood/Impact", "Risk score (L x I)", "P × I"]
)
def test_a_column_naming_both_dimensions_gives_likelihood_impact_and_score(header):
    text = (
        f"Risk\tControls\t{header}\n"
        "Library roof repairs overrun\tFixed-price contract\t3 x 4 = 12\n"
        "Mobile library breaks down\tHire agreement for a spare van\t2 x 2 = 4\n"
    )
    doc, found = rows_of(text)
    assert [(r.risk, r.rating_raw, r.likelihood, r.impact, r.score) for r in found] == [
        ("Library roof repairs overrun", "3 x 4 = 12", "3", "4", 12),
        ("Mobile library breaks down", "2 x 2 = 4", "2", "2", 4),
    ]
    assert_spans_hold_names(doc, found)


def test_a_combined_column_naming_impact_first_reads_its_cells_that_way():
    text = "Risk | Impact x Likelihood | Action\nBridge closure diverts buses | 4 x 2 = 8 | Agreed diversion routes\n"
    [r] = rows_of(text)[1]
    assert (r.likelihood, r.impact, r.score, r.rating_raw) == ("2", "4", 8, "4 x 2 = 8")


def test_a_combined_column_of_words_splits_them_in_the_header_order():
    text = "Risk\tLikelihood / Impact\nTenant data breach\tLow / Very high\n"
    [r] = rows_of(text)[1]
    assert (r.likelihood, r.impact, r.rating_raw, r.score) == ("Low", "Very high", "Low / Very high", None)


WORD_SCALE_TAB = """Table 2: Delivery risks

Risk\tImpact\tLikelihood\tScore\tMitigation
Grant claim rejected by the funder\tHigh\tMedium\t6\tClaims checked by finance before submission
Flooding of the leisure centre plant room\tCritical (4)\tLow\t4\tPumps serviced every six months
Delay in recruiting wardens\tMedium\tVery high\t\tUse agency staff in the interim
"""


def test_word_likelihood_and_impact_columns_in_either_order_with_a_score_column():
    doc, found = rows_of(WORD_SCALE_TAB)
    assert [(r.likelihood, r.impact, r.score) for r in found] == [
        ("Medium", "High", 6),
        ("Low", "4", 4),
        ("Very high", "Medium", None),
    ]
    # The written score is the rating as written; with no score cell the two cells are kept.
    assert [r.rating_raw for r in found] == ["6", "4", "Very high / Medium"]
    assert found[1].impact_label == "Critical"
    assert_spans_hold_names(doc, found)


def test_a_score_column_beside_a_rag_column_gives_the_score_and_the_rag_stays_the_rating():
    text = (
        "Risk\tLikelihood\tImpact\tRisk score\tRAG rating\n"
        "Play area equipment fails inspection\t2\t3\t6\tAmber\n"
    )
    [r] = rows_of(text)[1]
    assert (r.likelihood, r.impact, r.score, r.rating_raw) == ("2", "3", 6, "Amber")


@pytest.mark.parametrize("header", ["RAG rating", "RAG", "RAG status"])
def test_a_rag_column_keeps_its_colour_and_gives_no_codes(header):
    text = f"Risk\tMitigation\t{header}\nCaretaker post vacant\tCover from the bereavement team\tGreen\n"
    [r] = rows_of(text)[1]
    assert (r.rating_raw, r.likelihood, r.impact, r.score) == ("Green", None, None, None)


FLATTENED_IMPACT_FIRST = """Risk

Impact

Likelihood

Mitigation

Allotment waiting list grows

Low

High

New plots on the former depot site

Leaking pavilion roof

High

Medium

Roof survey booked for the spring

Background papers: none.
"""


def test_flattened_table_with_impact_before_likelihood_assigns_by_header():
    doc, found = rows_of(FLATTENED_IMPACT_FIRST)
    assert [(r.risk, r.impact, r.likelihood) for r in found] == [
        ("Allotment waiting list grows", "Low", "High"),
        ("Leaking pavilion roof", "High", "Medium"),
    ]
    assert_spans_hold_names(doc, found)


# ---------------------------------------------------------------- labelled records
LABELLED_LETTERS = """9. Risk implications

9.1 The project's risks are recorded below.

Risk: Failure to secure match funding for the skate park
Rating: C2
Control: Bids submitted to two national funders

Risk: Contractor unable to start before the summer holidays
Rating: B3
Control: Works phased so that the bowl is built first

Likelihood: A Very high, B High, C Significant, D Low, E Very low, F Almost impossible
Impact: 1 Catastrophic, 2 Critical, 3 Marginal, 4 Negligible

10. Legal implications
"""


def test_labelled_records_give_risks_with_labels_from_a_comma_separated_legend():
    doc, found = rows_of(LABELLED_LETTERS)
    assert [(r.risk, r.rating_raw, r.likelihood, r.impact) for r in found] == [
        ("Failure to secure match funding for the skate park", "C2", "C", "2"),
        ("Contractor unable to start before the summer holidays", "B3", "B", "3"),
    ]
    assert [r.row for r in found] == [1, 2]
    assert (found[0].likelihood_label, found[0].impact_label) == ("Significant", "Critical")
    assert (found[1].likelihood_label, found[1].impact_label) == ("High", "Marginal")
    assert found[1].mitigation == "Works phased so that the bowl is built first"
    assert_spans_hold_names(doc, found)


LABELLED_SEPARATE = """Appendix 2 - Scheme risks

Risk 1: Main contractor enters administration
Description: Recent accounts show the contractor's reserves falling.
Likelihood: 2
Impact: 4
Score: 8
Mitigating action: Performance bond held and step-in rights written
into the contract.
Owner: Head of Property
Date added: March 2024

Risk 2: Planning consent delayed
Description: Objections may push the application to a later committee.
Likelihood: 3
Impact: 3
Mitigating action:
• Early briefing for ward members
• Pre-application advice taken
Owner: Project Manager

The committee is asked to note the risks.
"""


def test_labelled_records_with_separate_scores_wrapped_values_and_a_bulleted_action():
    doc, found = rows_of(LABELLED_SEPARATE)
    assert [(r.risk, r.likelihood, r.impact, r.score, r.rating_raw) for r in found] == [
        ("Main contractor enters administration", "2", "4", 8, "8"),
        ("Planning consent delayed", "3", "3", 9, "3 / 3"),
    ]
    assert found[0].description == "Recent accounts show the contractor's reserves falling."
    assert found[0].mitigation == "Performance bond held and step-in rights written into the contract."
    assert found[1].mitigation == "• Early briefing for ward members • Pre-application advice taken"
    assert "March" not in (found[0].mitigation or "") and "committee is asked" not in (
        found[1].mitigation or ""
    )
    assert_spans_hold_names(doc, found)


LABELLED_BACK_TO_BACK = """Key risks
Description: Volunteer drivers withdraw from the community transport scheme
Likelihood: Medium
Impact: High
Mitigation: Annual volunteer awards and expenses paid promptly
Description: Booking software licence lapses
Likelihood: Low
Impact: Very high
Mitigation: Renewal date held in the contracts register
"""


def test_labelled_records_without_blank_lines_split_where_the_first_label_comes_round_again():
    doc, found = rows_of(LABELLED_BACK_TO_BACK)
    assert [(r.risk, r.likelihood, r.impact, r.rating_raw) for r in found] == [
        ("Volunteer drivers withdraw from the community transport scheme", "Medium", "High", "Medium / High"),
        ("Booking software licence lapses", "Low", "Very high", "Low / Very high"),
    ]
    assert found[1].mitigation == "Renewal date held in the contracts register"
    assert_spans_hold_names(doc, found)


def test_labelled_record_with_a_tagged_product_and_a_risk_title_label():
    text = (
        "Risk title: Rising demand for emergency accommodation\n"
        "Risk rating (L x I): Impact 4 x Likelihood 3 = 12\n"
        "Controls: Prevention fund and a landlord incentive scheme\n"
    )
    [r] = rows_of(text)[1]
    assert (r.risk, r.likelihood, r.impact, r.score) == (
        "Rising demand for emergency accommodation",
        "3",
        "4",
        12,
    )
    assert r.mitigation == "Prevention fund and a landlord incentive scheme"


@pytest.mark.parametrize(
    "text",
    [
        "Report author: Sam Patel\nWard: All\nKey decision: No\nRisk: Low\nImpact: None identified\n",
        "Risk management: The risks are set out in the appendix.\nFinancial implications: None.\n",
        "Risks: See section 6.\nImpact on equalities: An assessment has been completed.\n",
        "Likelihood: A Very high, B High, C Significant\nImpact: 1 Catastrophic, 2 Critical, 3 Marginal\n",
    ],
)
def test_labelled_lines_that_are_not_a_register_give_no_risks(text):
    assert rows_of(text)[1] == []


# ---------------------------------------------------------------- negatives
IMPLICATIONS_TAB = """Cross-cutting issues and implications

Issue\tImplications\tSign-off
Risk Management\tApproving the plan reduces the risk of the partnership lacking a current strategy.\tHead of Policy
Financial\tNo additional resources are required.\tFinance Manager
"""
IMPLICATIONS_OCR = """Issue Implications Sign-off
Risk Adopting the strategy lowers the risk | Head of
Management | of the Council not meeting its duty Policy
Financial | None | Finance
"""


@pytest.mark.parametrize("text", [IMPLICATIONS_TAB, IMPLICATIONS_OCR])
def test_risk_management_row_of_an_implications_table_is_not_a_risk(text):
    assert rows_of(text)[1] == []


def test_implications_table_from_pdf_is_not_a_risk_table():
    rows = [
        ["Issue", "Implications", "Sign-off"],
        [
            "Risk\nManagement",
            "Approving the plan reduces the risk of\nthe partnership lacking a strategy",
            "Head of\nPolicy",
        ],
    ]
    doc = pdf_document(["Issue Implications Sign-off\nRisk Management Approving the plan"], [Table(1, rows)])
    assert risks.extract(doc) == []


NARRATIVE = """6. Risk management

6.1 There are financial and reputational risks if the partnership does not agree a plan.

Risk

The main risk is that partners withdraw. Likelihood is low and the impact moderate.

Risk Impact

Failure to agree the plan would leave the partnership without priorities for the year, which
would weaken bids for funding and the case for joint commissioning across the district.
"""


def test_narrative_about_risk_and_headings_naming_risk_columns_give_no_risks():
    assert rows_of(NARRATIVE)[1] == []


def test_a_legend_on_its_own_gives_no_risks():
    text = "Likelihood\tImpact\nA Very likely\tI Catastrophic\nB Likely\tII Major\n"
    assert rows_of(text)[1] == []


# ---------------------------------------------------------------- seeds
def _canon(s: str | None) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).split())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_risk_rows_match_the_gold(seed):
    gold = json.loads((FIXTURES / "gold" / (seed.stem + ".json")).read_text())["risks"]
    doc, found = rows_of(seed.read_text())
    assert [_canon(r.risk) for r in found] == [_canon(g["risk"]) for g in gold]
    for r, g in zip(found, gold):
        assert (r.likelihood, r.impact) == (g["likelihood"], g["impact"])
        assert _canon(r.description) == _canon(g["description"])
        assert _canon(r.mitigation).replace("dis engagement", "disengagement") == _canon(
            g["mitigation"]
        ).replace("dis engagement", "disengagement")
    assert_spans_hold_names(doc, found)


# ---------------------------------------------------------------- properties
_WORDS = st.sampled_from(
    [
        "Risk",
        "Description",
        "Mitigation",
        "Likelihood",
        "Impact:",
        "Risk rating",
        "Action to mitigate",
        "D II",
        "C3",
        "3 x 4 = 12",
        "12 (Amber)",
        "High",
        "A Very likely",
        "B Likely",
        "I Major",
        "II Minor",
        "Owner",
        "Score",
        "Loss of funding",
        "the",
        "staff",
        "4.2 Next",
        "|",
        "\t",
        "\n",
        "\n\n",
        " ",
        "•",
        "(",
        "£5m",
        "Risk: ",
        "Rating: ",
        "Control: ",
        "Likelihood x Impact",
    ]
)
_TEXT = st.one_of(st.lists(_WORDS, max_size=60).map("".join), st.text(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_extract_never_raises_and_spans_hold_the_risk_name(raw):
    doc = document_from_text(raw)
    found = risks.extract(doc)
    for r in found:
        held = doc.text[r.char_start : r.char_end]
        if "\n" in held and ("|" in held or "\t" in held):
            assert_spans_run_through_names(doc, [r])  # a name wrapped over a table's lines
        else:
            assert " ".join(held.split()) == r.risk


_NAME = (
    st.lists(
        st.sampled_from(["loss", "of", "funding", "Staff", "turnover", "data", "delay", "Hub", "2026"]),
        min_size=1,
        max_size=5,
    )
    .map(" ".join)
    .filter(lambda s: re.search("[A-Za-z]{2}", s))
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_NAME, min_size=1, max_size=6),
    st.sampled_from(["\t", " | "]),
    st.sampled_from(["D II", "C3", "3 x 4 = 12", "12 (Amber)", "Low"]),
)
def test_delimited_tables_give_back_every_row_name(names, sep, rating):
    lines = [sep.join(["Risk", "Description", "Mitigation", "Risk rating"])]
    lines += [sep.join([n, "What could happen", "What we do", rating]) for n in names]
    doc, found = rows_of("Intro paragraph.\n\n" + "\n".join(lines) + "\n\nNext section.")
    assert [r.risk for r in found] == names
    assert [r.row for r in found] == list(range(1, len(names) + 1))
    assert_spans_hold_names(doc, found)


_CELL = st.one_of(st.none(), st.lists(_WORDS, max_size=6).map("".join))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=5), max_size=6), st.lists(_WORDS, max_size=40).map("".join)
)
def test_extract_never_raises_on_pdf_tables(rows, page_text):
    doc = pdf_document(
        [page_text, page_text], [Table(1, [["Risk", "Description", "Risk rating"], *rows]), Table(2, rows)]
    )
    assert_spans_run_through_names(doc, risks.extract(doc))


def test_pdf_risk_name_is_found_in_the_table_not_in_the_prose_above_it():
    rows = [["Risk", "Description", "Risk rating"], ["Legislation", "New duties on the partnership", "C II"]]
    page = "2.1 Legislation on partnerships is changing.\n" + cell_order(rows)
    doc = pdf_document([page], [Table(1, rows)])
    [r] = risks.extract(doc)
    assert r.char_start > doc.text.index("Risk rating")
    assert_spans_hold_names(doc, [r])


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
def test_heading_above_finds_the_nearest_heading_or_caption_over_a_table(text, heading):
    from extractors.common.tables import heading_above

    assert heading_above(text, text.index("Risk\tRating")) == heading


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


# ---------------------------------------------------------------- numeric scales and their legends
PRODUCT_WITH_COLOUR = """Risks to delivery

Risk | Description | Mitigation | Risk rating
--- | --- | --- | ---
Provider market too thin | Few providers able to bid | Market engagement event | 4x3=12 (Amber)
Challenge to the award | A losing bidder challenges | Legal review of scoring | 2x2=4 (Green)

Likelihood
1 = Rare
2 = Unlikely
3 = Possible
4 = Likely
5 = Almost certain

Impact
1 = Insignificant
2 = Minor
3 = Moderate
4 = Major
5 = Severe
"""


def test_a_product_with_colour_in_one_cell_gives_codes_score_and_labels_from_legend_lines():
    _, found = rows_of(PRODUCT_WITH_COLOUR)
    assert [(r.rating_raw, r.likelihood, r.impact, r.score) for r in found] == [
        ("4x3=12 (Amber)", "4", "3", 12),
        ("2x2=4 (Green)", "2", "2", 4),
    ]
    assert (found[0].likelihood_label, found[0].impact_label) == ("Likely", "Moderate")
    assert (found[1].likelihood_label, found[1].impact_label) == ("Unlikely", "Minor")


LEGEND_TABLE_AFTER_RISKS = """Risk management

| Risk | Mitigation | Risk rating |
|---|---|---|
| Provider withdraws | Step-in clause in the contract | 3 x 5 = 15 (Red) |

| Score | Likelihood | Impact |
|---|---|---|
| 1 | Rare | Negligible |
| 2 | Unlikely | Minor |
| 3 | Possible | Moderate |
| 4 | Likely | Major |
| 5 | Almost certain | Catastrophic |
"""


def test_a_legend_table_below_a_risk_table_labels_its_codes_and_gives_no_risks():
    _, found = rows_of(LEGEND_TABLE_AFTER_RISKS)
    assert [r.risk for r in found] == ["Provider withdraws"]
    assert (found[0].likelihood, found[0].impact, found[0].score) == ("3", "5", 15)
    assert (found[0].likelihood_label, found[0].impact_label) == ("Possible", "Catastrophic")


LIK = {"1": "Rare", "2": "Unlikely", "3": "Possible"}
IMP = {"1": "Negligible", "2": "Minor", "3": "Moderate"}


@pytest.mark.parametrize(
    "legend",
    [
        "| Likelihood | | Impact | |\n|---|---|---|---|\n"
        "| 1 | Rare | 1 | Negligible |\n| 2 | Unlikely | 2 | Minor |\n| 3 | Possible | 3 | Moderate |",
        "Likelihood\n\n| Score | Description |\n|---|---|\n| 1 | Rare |\n| 2 | Unlikely |\n| 3 | Possible |\n\n"
        "Table 6: Impact scores\n\nScore\tDescriptor\n1\tNegligible\n2\tMinor\n3\tModerate",
        "| Likelihood | Score |\n|---|---|\n| Possible | 3 |\n| Unlikely | 2 |\n| Rare | 1 |\n\n"
        "| Impact | Score |\n|---|---|\n| Moderate | 3 |\n| Minor | 2 |\n| Negligible | 1 |",
        "Likelihood Impact\n1 Rare 1 Negligible\n2 Unlikely 2 Minor\n3 Possible 3 Moderate",
        "Likelihood scale: 1=Rare, 2=Unlikely, 3=Possible. Impact scale: 1=Negligible, 2=Minor and 3=Moderate.",
        "  Likelihood (L): 1 Rare; 2 Unlikely; 3 Possible\n  Impact (I): 1 Negligible; 2 Minor; 3 Moderate",
    ],
    ids=[
        "merged-header-table",
        "captioned-tables",
        "label-then-score",
        "side-by-side-lines",
        "scale-words",
        "indented",
    ],
)
def test_numeric_scale_legends_in_table_and_line_forms(legend):
    found = document_legend(normalise(legend).text, [])
    assert (found.likelihood, found.impact) == (LIK, IMP)


def test_a_legend_that_skips_the_middle_codes_labels_the_ends():
    found = document_legend("Likelihood 1 = Rare … 5 = Almost certain\nImpact 1 (minor) to 4 (critical)", [])
    assert found.likelihood == {"1": "Rare", "5": "Almost certain"}
    assert found.impact == {"1": "minor", "4": "critical"}


def test_a_risk_registers_ref_column_and_rating_cells_are_no_legend():
    text = (
        "Ref\tRisk\tLikelihood\tImpact\n1\tFlooding of the depot\tPossible\tMajor\n"
        "2\tCyber attack\tLikely\tMinor\n3\tFire at the hub\tRare\tModerate\n"
    )
    found = document_legend(text, [])
    assert (found.likelihood, found.impact) == ({}, {})


# ---------------------------------------------------------------- indentation kept by normalisation
INDENTED_TAB = """  5. Risk management

      Risk\tMitigation\tRating
      Loss of the lead officer\tDeputy trained to cover\tC2
      Data breach\tAnnual training for all staff\tD1

      Likelihood: A Very likely, B Likely, C Possible, D Unlikely
      Impact: 1 Major, 2 Moderate, 3 Minor
"""


def test_indented_tab_rows_and_an_indented_legend_read_as_unindented_ones():
    doc, found = rows_of(INDENTED_TAB)
    assert [(r.risk, r.mitigation, r.likelihood_label, r.impact_label) for r in found] == [
        ("Loss of the lead officer", "Deputy trained to cover", "Possible", "Moderate"),
        ("Data breach", "Annual training for all staff", "Unlikely", "Major"),
    ]
    assert_spans_hold_names(doc, found)


def test_an_indented_pipe_table_with_wrapped_lines_reads_its_rows():
    text = (
        "Risks\n\n"
        "    | Risk | Mitigation | Rating |\n"
        "    |---|---|---|\n"
        "    | Council tax base | Collection | B2 |\n"
        "    | falls | fund review | |\n"
    )
    [r] = rows_of(text)[1]
    assert (r.risk, r.mitigation, r.rating_raw) == ("Council tax base falls", "Collection fund review", "B2")


def test_indented_labelled_records_read_as_a_register():
    text = (
        "Risk register\n\n"
        "    Risk: Youth club closes\n"
        "    Rating: C2\n"
        "    Control: Lease extension agreed\n\n"
        "    Risk: Funding ends\n"
        "    Rating: B1\n"
        "    Control: Bid to the lottery\n"
    )
    doc, found = rows_of(text)
    assert [(r.risk, r.rating_raw, r.mitigation) for r in found] == [
        ("Youth club closes", "C2", "Lease extension agreed"),
        ("Funding ends", "B1", "Bid to the lottery"),
    ]
    assert_spans_hold_names(doc, found)


def test_a_bracketed_tail_of_a_wrapped_rating_cell_does_not_start_a_row():
    text = (
        "Risks\n\n"
        "| Risk | Mitigation | Risk score |\n"
        "|---|---|---|\n"
        "| Loss of the diversion | Bid to the county | 12 |\n"
        "| scheme | fund | (Amber) |\n"
        "| Hub closes | Second site | 4 (Green) |\n"
    )
    found = rows_of(text)[1]
    assert [(r.risk, r.rating_raw, r.score) for r in found] == [
        ("Loss of the diversion scheme", "12 (Amber)", 12),
        ("Hub closes", "4 (Green)", 4),
    ]


def test_a_tab_table_wrapped_line_by_line_joins_lines_without_a_ref():
    text = (
        "Risk register\n\n"
        "Ref\tRisk\tControls\tL\tI\tScore\n"
        "R1\tLoss of the domestic abuse\tBid to the PCC\t3\t4\t12\n"
        "\tcaseworker post\tfund in May\t\t\t\n"
        "R2\tVenue closes\tSecond venue\t2\t3\t6\n"
    )
    found = rows_of(text)[1]
    assert [(r.risk, r.mitigation, r.score) for r in found] == [
        ("Loss of the domestic abuse caseworker post", "Bid to the PCC fund in May", 12),
        ("Venue closes", "Second venue", 6),
    ]
