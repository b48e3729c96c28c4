"""Amounts extractor: PDF papers: clauses, wraps, short names; changes between years; neighbouring sentences; precepts, charges, budgets, reserves."""

from __future__ import annotations

import textwrap

import pytest

from extractors.amounts.grants.names import Abbreviations
from tests.extractors.amounts.helpers import _amounts, _one

# ---------------------------------------------------------------- PDF papers: clauses, wraps, short names
WRAP_WIDTHS = [55, 68, 75, 82, 95]  # PDF text wraps near 75 characters; where varies by paper


def _pdf_paragraph(text: str, width: int, indent: str = "    ") -> str:
    """A numbered paragraph hard-wrapped as PDF text, continuation lines indented."""
    return textwrap.fill(text, width, subsequent_indent=indent)


PDF_HEADER = "Report of Westmere Borough Council to the Safer Westmere Partnership\n\n"
TWO_AWARDS = (
    "10. The Council's revenue budget for 2025/26 is £820,000, most of which funds staff. The "
    "Northshire Police and Crime Commissioner has awarded the Partnership £140,000 from the "
    "Commissioner's Community Safety Fund for 2025/26, and Home Office Serious Violence Duty "
    "funding of £55,000 for 2025/26 is paid to the Council through the regional Violence Reduction Unit."
)


@pytest.mark.parametrize("width", WRAP_WIDTHS)
def test_a_funder_wrapped_after_an_earlier_sentence_is_named_in_full(width):
    budget, award, _ = _amounts(PDF_HEADER + _pdf_paragraph(TWO_AWARDS, width))
    assert not budget.is_grant
    assert (award.is_grant, award.funder, award.recipient, award.scheme, award.fiscal_year) == (
        True,
        "Northshire Police and Crime Commissioner",
        "Safer Westmere Partnership",
        "Community Safety Fund",
        "2025-26",
    )


@pytest.mark.parametrize("width", WRAP_WIDTHS)
def test_funding_paid_to_the_council_in_a_later_clause_is_a_grant_from_the_body_it_names(width):
    *_, duty = _amounts(PDF_HEADER + _pdf_paragraph(TWO_AWARDS, width))
    assert (duty.is_grant, duty.funder, duty.recipient, duty.scheme, duty.fiscal_year) == (
        True,
        "Home Office",
        "Westmere Borough Council",
        "Serious Violence Duty",
        "2025-26",
    )


@pytest.mark.parametrize("indent", ["", "    "])
def test_each_clause_of_a_two_award_sentence_has_its_own_funder_and_recipient(indent):
    text = (
        "Report of Northshire County Council\n\nThe Police and Crime\n"
        f"{indent}Commissioner has awarded the County Council a grant of £275,000 for 2018/19\n"
        f"{indent}for community safety, and the youth service was awarded £65,000 from\n"
        f"{indent}the Department for Education for 2018/19."
    )
    council, youth = _amounts(text)
    assert (council.is_grant, council.funder, council.recipient) == (
        True,
        "Police and Crime Commissioner",
        "Northshire County Council",
    )
    assert (youth.is_grant, youth.funder, youth.recipient) == (
        True,
        "Department for Education",
        "youth service",
    )


def test_the_year_of_an_amount_comes_from_its_own_clause():
    text = "The Home Office has allocated £40m to the Commissioner for 2018/19, and £0.9m of Home Office funding for Northtown Police was agreed in 2020/21."
    first, second = _amounts(text)
    assert (first.fiscal_year, second.fiscal_year) == ("2018-19", "2020-21")


def test_a_minuted_allocation_and_the_figure_it_is_compared_with_are_one_grant_stream():
    text = (
        "Minutes of the Eastmere District Council Community Safety Committee\n\n"
        "(iv)  Funding. The Council's allocation of £38,000 from the PCC's Community\n"
        "      Safety Fund for 2022/23 had been confirmed, a reduction from £42,500 in\n"
        "      2021/22."
    )
    rows = _amounts(text)
    assert [(r.is_grant, r.funder, r.recipient, r.scheme, r.fiscal_year) for r in rows] == [
        (
            True,
            "Police and Crime Commissioner",
            "Eastmere District Council",
            "Community Safety Fund",
            "2022-23",
        ),
        (
            True,
            "Police and Crime Commissioner",
            "Eastmere District Council",
            "Community Safety Fund",
            "2021-22",
        ),
    ]


def test_a_comparison_figure_without_its_own_year_has_none_and_up_to_is_no_comparison():
    text = "Lowbridge CSP received £50,000 for 2023/24, up from £46,000, and spent up to £9,000 on CCTV."
    award, before, spent = _amounts(text)
    assert (before.is_grant, before.recipient, before.fiscal_year) == (True, "Lowbridge CSP", None)
    assert not spent.is_grant


@pytest.mark.parametrize(
    "text",
    [
        "A further £1.2m from the Council's public health grant pays for treatment in 2025/26.",
        "12. The Council's public health grant of £13.6m for 2025/26 funds the\n    substance misuse service.",
    ],
)
def test_money_from_a_councils_own_grant_is_a_grant_to_that_council(text):
    row = _one("Report of Westmere Borough Council\n\n" + text)
    assert (row.is_grant, row.funder, row.recipient, row.fiscal_year) == (
        True,
        None,
        "Westmere Borough Council",
        "2025-26",
    )


def test_a_council_giving_from_its_own_named_fund_is_the_funder():
    row = _one("The Council has awarded £4,000 to Street Pastors from the Council's Community Grants Fund.")
    assert (row.funder, row.recipient, row.scheme) == ("Council", "Street Pastors", "Community Grants Fund")


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "The Home Office has allocated £48m to the Police and Crime Commissioner for 2019/20.",
            "Police and Crime Commissioner",
        ),
        (
            "The borough secured £0.8m of Home Office funding for Northtown\n    Police in 2021/22.",
            "Northtown Police",
        ),
    ],
)
def test_a_body_named_by_its_role_is_the_recipient(text, recipient):
    row = _one(text)
    assert (row.is_grant, row.funder, row.recipient) == (True, "Home Office", recipient)


def test_a_standard_abbreviation_expands_unless_the_paper_defines_it():
    assert _one("Lowbridge CSP received £6,000 from the PCC.").funder == "Police and Crime Commissioner"
    assert (
        Abbreviations("The Partnership Crime Committee (PCC) met.").lookup("PCC")
        == "Partnership Crime Committee"
    )


def test_a_body_shortened_to_its_head_word_is_the_one_named_in_full_before():
    text = (
        "The Police and Crime Commissioner for Northshire has awarded £5,000 to the CSP. The\n"
        "    Commissioner has also given £2,000 to the Youth Offending Service."
    )
    assert [r.funder for r in _amounts(text)] == ["Police and Crime Commissioner for Northshire"] * 2


def test_a_year_ends_a_recipient_named_in_lower_case():
    row = _one("The Commissioner has provided £8,000 for 2024/25 for the youth offending service.")
    assert row.recipient == "youth offending service"


# ---------------------------------------------------------------- changes between years
@pytest.mark.parametrize(
    ("text", "grant", "change"),
    [
        (
            "The public health grant allocation for 2020/21 is £9,400,000, a reduction of £310,000 "
            "(3.2%) on 2019/20.",
            "£9,400,000",
            "£310,000",
        ),
        (
            "The Council's public health grant for 2011/12 is £8,100,000, £12,400 less than in 2009/10.",
            "£8,100,000",
            "£12,400",
        ),
        (
            "Westmere CSP will receive a grant of £45,000 for 2024/25, an increase of £5,000 on last year.",
            "£45,000",
            "£5,000",
        ),
        (
            "The Commissioner's grant to Westmere CSP for 2023/24 was £38,000, down by £4,500.",
            "£38,000",
            "£4,500",
        ),
        (
            "The Commissioner's grant to Westmere CSP for 2023/24 was £38,000, up £2,000 on 2022/23.",
            "£38,000",
            "£2,000",
        ),
        (
            "Westmere CSP has been allocated £38,000 for 2023/24, a cut in funding of £4,500.",
            "£38,000",
            "£4,500",
        ),
        (
            "The Home Office has reduced the grant to Westmere Council by £20,000 to £180,000 for 2022/23.",
            "£180,000",
            "£20,000",
        ),
    ],
)
def test_the_size_of_a_change_in_a_grant_is_not_a_grant(text, grant, change):
    rows = {r.raw: r for r in _amounts(text)}
    assert rows[grant].is_grant
    assert (rows[change].is_grant, rows[change].fiscal_year, rows[change].recipient) == (False, None, None)


def test_a_reduction_from_an_earlier_figure_is_the_earlier_years_grant():
    text = "The public health grant allocation for 2020/21 is £9,400,000, a reduction from £9,710,000 in 2019/20."
    now, before = _amounts(text)
    assert (now.is_grant, now.fiscal_year) == (True, "2020-21")
    assert (before.is_grant, before.fiscal_year) == (True, "2019-20")


def test_money_a_total_is_made_up_of_is_not_a_change():
    text = "The Partnership budget for 2021/22 is £50,000, made up of £40,000 from the Home Office and £10,000 from the Council."
    assert [r.is_grant for r in _amounts(text)] == [False, True, True]


# ---------------------------------------------------------------- neighbouring sentences
@pytest.mark.parametrize(
    "scale", [("£205.3m", "£3.1m"), ("£205,300,000", "£3,100,000"), ("£0.2bn", "£3100k")]
)
def test_a_grant_cue_does_not_reach_amounts_in_neighbouring_sentences(scale):
    programme, tax = scale
    text = (
        f"5.2 The capital programme for 2026-2029 totals {programme}. Each Area Council will receive an "
        f"allocation of £40k for 2026/27 to commission local services. A 4.99% council tax increase would "
        f"raise {tax}."
    )
    rows = _amounts(text)
    assert [(r.raw, r.is_grant) for r in rows] == [(programme, False), ("£40k", True), (tax, False)]
    assert rows[1].fiscal_year == "2026-27"


@pytest.mark.parametrize(
    "text",
    [
        "The Council receives a grant of £40,000 from the Commissioner. This is in addition to the capital "
        "programme of £205m.",
        "Westmere CSP was awarded a grant of £40,000. It brings the net revenue budget to £12.5m.",
        "The Council will receive £3.4m in grant, bringing the capital programme to £205.3m.",
    ],
)
def test_a_figure_beside_a_grant_that_is_something_else_is_not_a_grant(text):
    first, second = _amounts(text)
    assert first.is_grant and not second.is_grant
    assert second.funder is None and second.recipient is None


def test_this_is_restates_the_grant_of_the_sentence_before():
    text = "The Partnership gets a yearly grant from the Commissioner. For 2027/28 it will be £31,000."
    row = _one(text)
    assert (row.is_grant, row.funder, row.fiscal_year) == (True, "Commissioner", "2027-28")


def test_a_running_total_of_a_grant_is_still_a_grant():
    first, total = _amounts("Westmere Council received £3.4m, bringing its total grant for 2024/25 to £5m.")
    assert first.is_grant and total.is_grant


# ---------------------------------------------------------------- precepts, charges, budgets, reserves
@pytest.mark.parametrize(
    "text",
    [
        "The Partnership will receive a grant of £30,000 from the Commissioner for 2024/25. The "
        "Commissioner's precept for a Band D property is £250.94.",
        "The Commissioner has awarded £30,000 to the Partnership for 2024/25, and the Band D council tax "
        "precept rises to £1,845.20.",
        "A Band D charge of £1,845.20 is proposed, and the Partnership's grant allocation for 2024/25 is £30,000.",
        "The Council will receive £1.2m of Revenue Support Grant in 2024/25; its net revenue budget is "
        "£152.6m and general reserves are £12.4m.",
        "The Council's budget for 2024/25 totals £152.6m. The Council will receive a grant of £50,000 from "
        "the Home Office.",
        "Westmere Council has been allocated £2.1m of Household Support Fund grant, taking the total budget "
        "to £14.3m.",
        "The Commissioner has committed £10,000 to each district council and £50,000 to reserves.",
    ],
)
def test_precepts_charges_budget_totals_and_reserves_beside_a_grant_are_not_grants(text):
    rows = _amounts(text)
    grants = [r.raw for r in rows if r.is_grant]
    assert len(grants) == 1, rows
    assert all(r.funder is None and r.recipient is None for r in rows if not r.is_grant)


@pytest.mark.parametrize(
    "text",
    [
        "The Police and Crime Commissioner's precept for 2024/25 is £250.94 for a Band D property.",
        "The Band D council tax charge for 2024/25 will be £1,845.20.",
        "The Council's net revenue budget for 2024/25 is £152.6m.",
        "General fund reserves stand at £12.4m.",
        "The Council has allocated £2m to the capital programme.",
        "The Commissioner has committed £2.4m from reserves to the violence reduction programme.",
    ],
)
def test_precepts_charges_budget_totals_and_reserves_are_not_grants(text):
    assert not _one(text).is_grant


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The Commissioner has committed £25,000 to each district for 2024/25.", "each district"),
        (
            "The Commissioner has committed £25,000 to each of the four districts.",
            "each of the four districts",
        ),
        ("The County Council has committed £10,000 to each district council.", "each district council"),
        ("Westmere Council has allocated £5,000 to all three wards.", "all three wards"),
    ],
)
def test_money_committed_to_each_district_is_a_grant_to_each_district(text, recipient):
    row = _one(text)
    assert (row.is_grant, row.recipient) == (True, recipient)


def test_a_place_without_each_or_all_is_not_a_recipient():
    assert _one("The Commissioner has provided £100,000 for the district.").recipient is None


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("The grant was cut by £20,000 to £180,000.", ["£20,000", "£180,000"]),
        ("The grant rose from £40,000 to £45,000 in 2023/24.", ["£40,000", "£45,000"]),
        ("Awards range from £500 to £2,000 each.", ["£500 to £2,000"]),
    ],
)
def test_a_change_from_one_figure_to_another_is_two_amounts_not_a_range(text, raws):
    assert [r.raw for r in _amounts(text)] == raws
