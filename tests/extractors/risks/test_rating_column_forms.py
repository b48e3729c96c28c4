"""Risks extractor: rating column forms; labelled records; negatives; seeds; properties."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import risks
from pipeline.normalise import document_from_text
from schemas.document import Table
from tests.extractors.risks.helpers import (
    FIXTURES,
    LABELLED_BACK_TO_BACK,
    SEEDS,
    assert_spans_hold_names,
    assert_spans_run_through_names,
    cell_order,
    pdf_document,
    rows_of,
)


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
