"""Risks extractor: numeric scales and their legends; indentation kept by normalisation."""

from __future__ import annotations

import pytest

from extractors.risks.legends import document_legend
from pipeline.normalise import normalise
from tests.extractors.risks.helpers import (
    assert_spans_hold_names,
    rows_of,
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
