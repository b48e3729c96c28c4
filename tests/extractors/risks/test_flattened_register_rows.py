"""Registers flattened by web pages and document hosts: " / " cells, single-space rows
with an H/M/L rating, one cell per line, cells run together; and headers or prose that
hold no rows. The registers are invented for these tests."""

from __future__ import annotations

from tests.extractors.risks.helpers import rows_of, squash


def found(text: str):
    doc, rs = rows_of(text)
    for r in rs:
        assert squash(doc.text[r.char_start : r.char_end]) == squash(r.risk), r
    return rs


def test_slash_separated_rows_with_the_first_row_fused_to_the_header():
    rs = found(
        "Parish Risk Register\n"
        "No / Risk / Risk Rating Before / Risk Rating After / Actions1 / The pavilion roof fails / 12 / 4 / "
        "Survey each spring.\n"
        "2 / The clerk is absent long term / 9 / 6 / Cover agreed with a neighbouring parish\n"
        "and reviewed yearly\n"
        "3 / The allotment lease lapses / Risk Not Active\n"
    )
    assert [(r.row, r.risk, r.rating_raw) for r in rs] == [
        (1, "The pavilion roof fails", "12 / 4"),
        (2, "The clerk is absent long term", "9 / 6"),
        (3, "The allotment lease lapses", "Risk Not Active"),
    ]
    assert rs[0].mitigation == "Survey each spring."
    assert rs[1].mitigation == "Cover agreed with a neighbouring parish and reviewed yearly"


def test_single_space_rows_anchored_on_the_rating_word():
    rs = found(
        "Area Risk Identified Level of risk (H/M/L) Management of Risk Review date\n"
        "Section 1: insurance\n"
        "Village hall and contents Fire or flood High. Buildings cover renewed each April Apr 2025\n"
        "Loss of money by theft.  Fidelity cover Medium Two signatories on every payment May 2025\n"
    )
    assert [(r.risk, r.rating_raw, r.description, r.mitigation) for r in rs] == [
        ("Village hall and contents Fire or flood", "High", None, None),  # columns not recoverable
        ("Loss of money by theft", "Medium", "Fidelity cover", None),  # a sentence end parts them
    ]


def test_one_cell_per_line_with_the_rating_alone_on_its_line():
    rs = found(
        "Subject Risks Identified H/M/L Current Control Review\n\n"
        "Governance\n\n"
        "Councillors act outside their powers\n\n"
        "L\n\n"
        "Standing orders adopted and reviewed each May.\n\n"
        "Adequate.\n\n"
        "Grass cutting contractor fails to attend\n\n"
        "M\n\n"
        "A second contractor is on call.\n"
    )
    assert [(r.risk, r.rating_raw, r.mitigation) for r in rs] == [
        ("Councillors act outside their powers", "L", "Standing orders adopted and reviewed each May."),
        ("Grass cutting contractor fails to attend", "M", "A second contractor is on call."),
    ]


def test_numbered_risks_with_the_likelihood_on_the_next_line():
    rs = found(
        "Risk Likelihood Control Measures\n\n"
        "1. Injury at the skate park.\nMedium\nInspected weekly by the groundsman.\n\n"
        "2. Flooding of the car park –\nafter heavy rain.\n\nLow\n\nDrains cleared twice a year.\n"
    )
    assert [(r.row, r.risk, r.rating_raw, r.likelihood) for r in rs] == [
        (1, "Injury at the skate park", "Medium", "Medium"),
        (2, "Flooding of the car park – after heavy rain", "Low", "Low"),
    ]
    assert rs[1].mitigation == "Drains cleared twice a year."


def test_cells_run_together_part_where_a_capital_follows_a_lower_case_letter():
    rs = found(
        "Topic Risk identifiedPersons at riskControl measuresRisk LevelAction\n"
        "Finance1Bank mandate out of dateCouncilMandate checked at each meetingLowClerk\n"
        " 2Payments made in errorCouncillorsTwo signatures requiredMediumChair\n"
    )
    assert [(r.row, r.risk, r.rating_raw, r.mitigation) for r in rs] == [
        (1, "Bank mandate out of date", "Low", "Mandate checked at each meeting"),
        (2, "Payments made in error", "Medium", "Two signatures required"),
    ]


def test_a_header_without_rows_gives_nothing():
    assert (
        found("Corporate Risk Register\nRef Risk Likelihood Impact Score Owner Mitigation\nTo follow.\n")
        == []
    )


def test_prose_under_a_risk_heading_is_not_a_row():
    assert (
        found(
            "Risk Level and Control Measures\n"
            "The overall level of risk for the scheme remains Medium. The likelihood of delay is assessed as High.\n"
            "Officers consider the impact to be Low and will monitor progress weekly.\n"
        )
        == []
    )


def test_a_rating_legend_is_not_a_register():
    assert found("Risk rating key\nLikelihood\nHigh\nMedium\nLow\nImpact\nHigh\nMedium\nLow\n") == []


def test_single_space_rows_with_likelihood_and_impact_letters_inline():
    rs = found(
        "Risk Consequence Likelihood (H/M/L) Impact (H/M/L) Control\n"
        "Loss of the parish laptop Records lost M H Weekly backup to the cloud\n"
        "Grant claimed late Funding withdrawn L M Diary reminder for the clerk\n"
    )
    assert [(r.risk, r.rating_raw, r.likelihood, r.impact, r.mitigation) for r in rs] == [
        ("Loss of the parish laptop Records lost", "M / H", "M", "H", None),
        ("Grant claimed late Funding withdrawn", "L / M", "L", "M", None),
    ]


def test_names_and_owners_alternating_line_by_line():
    rs = found(
        "Risk Owner\n"
        "Recruitment of care staff\n"
        "Director of Adult Services\n"
        "Failure of the payroll system\n"
        "Head of Finance\n"
        "Coastal erosion at the esplanade\n"
        "Jane Marsh\n"
    )
    assert [(r.row, r.risk) for r in rs] == [
        (1, "Recruitment of care staff"),
        (2, "Failure of the payroll system"),
        (3, "Coastal erosion at the esplanade"),
    ]


def test_alternating_lines_that_are_not_owners_are_not_a_register():
    assert (
        found(
            "Risk Owner\nWhat the role involves\nOwners review their risks\nquarterly and report\nto the board\n"
        )
        == []
    )


def test_a_flattened_table_ends_where_its_rows_stop():
    filler = "".join(
        f"Paragraph {k} of the annual report says what the council did this year.\n" for k in range(15)
    )
    rs = found(
        "Risk Likelihood Control Measures\n\n"
        "1. Injury at the skate park.\nMedium\nInspected weekly.\n\n" + filler + "\nTicket sales\nLow\n"
    )
    assert [r.risk for r in rs] == ["Injury at the skate park"]
    rs = found(
        "No / Risk / Risk Rating / Actions1 / The hall boiler fails / 8 / Service yearly\n"
        "2 / The website lapses / 4 / Renew by direct debit\n\n"
        "The clerk reported on the year's events. The fete raised money.\n"
    )
    assert [(r.risk, r.mitigation) for r in rs] == [
        ("The hall boiler fails", "Service yearly"),
        ("The website lapses", "Renew by direct debit"),
    ]
