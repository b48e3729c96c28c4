"""Register risks named by their code in minutes: "CR6 Climate Change" lines, codes inline,
"Risk XYZ001: <name>", "<name> (CR.3)", "CR.1 (<name>)", bare codes, and codes that are
not register codes. The minutes here are invented for these tests."""

from __future__ import annotations

from tests.extractors.risks.helpers import rows_of, squash


def names(text: str) -> list[str]:
    return [r.risk for r in rows_of(text)[1]]


def test_code_lines_under_an_intro_each_give_a_risk_in_list_order():
    doc, found = rows_of(
        "The committee reviewed the corporate risk register.\n"
        "Members asked for more detail on these areas of concern:\n"
        "HR4 Recruitment of Social Workers\n"
        "HR9 Pay Negotiations\n"
        "FN2 Capital Receipts.\n"
        "Officers attended to answer questions.\n"
    )
    assert [r.risk for r in found] == [
        "HR4 Recruitment of Social Workers",
        "HR9 Pay Negotiations",
        "FN2 Capital Receipts",
    ]
    assert [r.row for r in found] == [1, 2, 3]
    for r in found:
        assert squash(doc.text[r.char_start : r.char_end]) == squash(r.risk)


def test_inline_codes_take_their_title_case_names_and_stop_at_ordinary_words():
    text = (
        "RESOLVED, that Members agree to add the SR14 Harbour Wall Repairs and SR15 Bus Contract "
        "Renewal risks to the strategic risk register, and to remove SR02 Election Delivery from it."
    )
    assert names(text) == ["SR14 Harbour Wall Repairs", "SR15 Bus Contract Renewal", "SR02 Election Delivery"]


def test_one_risk_per_code_however_often_the_minutes_mention_it():
    text = (
        "Members discussed risk DR7 Depot Relocation at length.\n"
        "DR7 was felt to be understated, and the chair asked that DR7 be reviewed.\n"
    )
    assert names(text) == ["DR7 Depot Relocation"]


def test_a_linking_phrase_or_colon_joins_code_and_description():
    text = (
        "Concerns were raised about Risk PLN0107: The new housing allocations may be challenged in court. "
        "The register also records the closure of risk TR5 in relation to the loss of the ferry subsidy "
        "and its merger into risk TR6 in relation to rising transport costs."
    )
    assert names(text) == [
        "PLN0107: The new housing allocations may be challenged in court",
        "TR5 – the loss of the ferry subsidy",
        "TR6 – rising transport costs",
    ]


def test_a_bracketed_name_or_a_name_before_a_bracketed_code():
    text = (
        "Of the eleven corporate risks, one, the Loss of the Data Centre (CR.7), was closed. Members asked "
        "why CR.2 (Coastal Erosion) was rated low and why CR.2 had not moved."
    )
    assert names(text) == ["Loss of the Data Centre", "Coastal Erosion"]


def test_codes_named_only_as_codes_keep_the_rating_the_sentence_gives_the_list():
    _, found = rows_of(
        "The leadership team has identified the top (red) residual risks to the council as RK12, RK19 and RK20."
    )
    assert [(r.risk, r.rating_raw, r.row) for r in found] == [
        ("RK12", "red", 1),
        ("RK19", "red", 2),
        ("RK20", "red", 3),
    ]


def test_coded_sub_bullets_take_the_rating_of_their_intro():
    _, found = rows_of(
        "• 2 risks on the corporate risk register remained high risks after mitigation which were:\n"
        "o   CRR07 school place sufficiency in the north of the county\n"
        "o   CRR11 contract failure, home care provider exits the market.\n"
    )
    assert [(r.risk, r.rating_raw) for r in found] == [
        ("CRR07 school place sufficiency in the north of the county", "high"),
        ("CRR11 contract failure, home care provider exits the market", "high"),
    ]


def test_codes_near_risk_talk_but_not_tied_to_a_risk_are_not_register_risks():
    assert names("The committee considered report AGC12 on the risk register. Minute AC45 refers.") == []
    assert names("Indicators PI12 and PI14 are off target, which creates a risk to the council plan.") == []


def test_codes_not_tied_to_risk_are_not_register_risks():
    assert names("Pupils at KS2 did well. The A14 was closed and PM10 readings rose near the B1040.") == []
    assert (
        names(
            "The audit plan covers ISA260 reporting and IFRS16 lease changes; the risk to the budget is low."
        )
        == []
    )
    assert names("The corporate risk register was noted. The CO2 target for 2030 is unchanged.") == []


def test_a_code_list_repeated_later_gives_rows_for_each_list_and_bare_mentions_none():
    _, found = rows_of(
        "Members noted that risk PR3 was discussed at length.\n"
        "The corporate risk register's red risks at quarter 2 were:\n"
        "PR3 Tenant Safety\n"
        "PR8 Market Income\n"
        "Officers reported progress. At quarter 3 the red risks on the register were:\n"
        "PR3 Tenant Safety\n"
    )
    assert [(r.risk, r.row, r.rating_raw) for r in found] == [
        ("PR3 Tenant Safety", 1, "red"),
        ("PR8 Market Income", 2, "red"),
        ("PR3 Tenant Safety", 1, "red"),
    ]


def test_a_coded_risk_keeps_the_rating_its_sentence_gives_it():
    _, found = rows_of(
        "The strategic risk register was presented. Risk SR11 (Housing Benefit Subsidy) was now reduced to "
        "Amber. SR12 Leisure Contract was scored 3 x 4 after the review."
    )
    assert [(r.risk, r.rating_raw, r.likelihood, r.impact, r.score) for r in found] == [
        ("Housing Benefit Subsidy", "Amber", None, None, None),
        ("SR12 Leisure Contract", "3 x 4", "3", "4", 12),
    ]


def test_inline_code_lists_separated_by_commas():
    _, found = rows_of(
        "The risks escalated this quarter were SR03 Workforce, SR04 Data Protection and SR09 Fleet."
    )
    assert [r.risk for r in found] == ["SR03 Workforce", "SR04 Data Protection", "SR09 Fleet"]


def test_a_code_bullet_keeps_its_name_and_reads_the_update_after_the_dash():
    _, found = rows_of(
        "The key changes to the strategic risk register since the last report were:\n"
        "• SR2 Workforce Capacity – score increased from 12 to 16\n"
        "• SR5 Data Breach – no change\n"
    )
    assert [(r.risk, r.score) for r in found] == [("SR2 Workforce Capacity", 16), ("SR5 Data Breach", None)]
