"""Lists of awards under a grant heading, award phrasings and their funder, recipient and
year (issue 15). Texts are invented."""

from __future__ import annotations

from extractors import amounts
from extractors.amounts.award_lists import document_year
from extractors.amounts.money import fiscal_years
from pipeline.normalise import document_from_text


def _grants(text: str):
    return [
        (r.raw, r.is_grant, r.funder, r.recipient, r.fiscal_year)
        for r in amounts.extract(document_from_text(text))
    ]


def test_allocation_lines_under_a_lead_in_take_its_funder_and_year():
    text = (
        "Grant allocations 2031/32\n\n"
        "1.1. The Commissioner will provide the following grant allocations;\n\n"
        "Youth Offending Services\n"
        "Northfield Youth Offending Service £120,400\n"
        "Southfield Youth Offending Service £98,750\n"
    )
    assert _grants(text) == [
        ("£120,400", True, "Commissioner", "Northfield Youth Offending Service", "2031-32"),
        ("£98,750", True, "Commissioner", "Southfield Youth Offending Service", "2031-32"),
    ]


def test_budget_lines_without_a_grant_lead_in_are_no_grants():
    text = "The budget for the service is set out below:\n\nStaffing £200,000\nPremises £45,000\n"
    assert [g[1] for g in _grants(text)] == [False, False]


def test_label_value_records_give_recipient_and_a_bare_amount_field_is_money():
    text = (
        "Community Spending 2030/31\n\n"
        "The Police and Crime Commissioner approved the funding allocations below.\n\n"
        "Amount:\n\n£15,000\n\nWho received the funding:\n\nWestbury Borough Council\n\n"
        "Purpose:\n\nStreet lighting\n\nA longer account of what the lighting is for.\n\n"
        "Amount:\n\n8,250\n\nWho received the funding:\n\nEastbury Youth Trust\n\nPurpose:\n\nMentoring\n"
    )
    assert _grants(text) == [
        ("£15,000", True, "Police and Crime Commissioner", "Westbury Borough Council", "2030-31"),
        ("8,250", True, "Police and Crime Commissioner", "Eastbury Youth Trust", "2030-31"),
    ]


def test_a_bare_figure_outside_an_amount_field_is_no_money():
    assert _grants("Reference:\n\n8,250\n") == []


def test_each_of_several_awards_in_one_sentence_is_a_grant():
    text = "The largest allocations included £7,200 to Hillside Bowls Club, £6,100 to Marsh Scouts and £4,300 to Upton Parish Council."
    assert [(g[0], g[1], g[3]) for g in _grants(text)] == [
        ("£7,200", True, "Hillside Bowls Club"),
        ("£6,100", True, "Marsh Scouts"),
        ("£4,300", True, "Upton Parish Council"),
    ]


def test_a_relative_clause_names_the_recipient_of_a_list_item():
    text = (
        "Groups helped so far by the Commissioner's Action Fund include:\n\n"
        "  • Riverside Boxing Club, in Northtown, which was granted £1,800 toward new equipment\n\n"
        "  • Safe Steps in Southtown which was granted £950 to run a helpline\n"
    )
    assert [(g[0], g[1], g[3]) for g in _grants(text)] == [
        ("£1,800", True, "Riverside Boxing Club"),
        ("£950", True, "Safe Steps in Southtown"),
    ]


def test_the_giver_just_before_the_amount_is_the_funder():
    text = "Each year the Mayor contributes £80,000 to the Neighbourhood Fund and a further £20,000 comes from grants managed by the Trust."
    raw, is_grant, funder, _, _ = _grants(text)[0]
    assert (raw, is_grant, funder) == ("£80,000", True, "Mayor")


def test_a_body_holding_an_allocation_funds_the_projects_it_names():
    text = (
        "Northvale District Council said the money comes through its allocation of the Government's Renewal Fund.\n"
        "A total of £21,000 has already been allocated to projects in the district, officials said."
    )
    assert _grants(text) == [
        ("£21,000", True, "Northvale District Council", "projects in the district", None)
    ]


def test_a_fund_that_funds_a_scheme_is_its_funder_and_the_subject_before_an_aside_receives():
    text = "The Westshire Community Trust Starter scheme, funded by the Coastal Renewal Fund, has been given £30,000 more in Eastport."
    assert _grants(text) == [
        ("£30,000", True, "Coastal Renewal Fund", "Westshire Community Trust Starter scheme", None)
    ]


def test_a_paper_titled_for_one_year_gives_it_to_grants_that_state_none():
    assert (
        document_year("Menu\nAnnual Report 2029 - 2030 - Page 4\n\nThe Commissioner awarded...") == "2029-30"
    )
    assert document_year("Plan 2029/30 and 2030/31\n") is None
    assert document_year("The CSP received £5,000 for 2029/30.\n") is None  # a sentence, not a title


def test_a_one_digit_year_end_is_a_fiscal_year_but_not_a_date():
    assert [y for _, _, y in fiscal_years("allocations 2026-7; meeting 2026-7-1")] == ["2026-27"]


def test_the_funder_named_for_one_grant_of_a_page_applies_to_the_others():
    text = (
        "Safer Towns Fund\n\n"
        "In 2029/30 twelve local projects received grants totalling £95,500.\n\n"
        "Town Centre Grants\n\n"
        "The Commissioner awarded £30,000 to Northport Council towards new CCTV."
    )
    rows = _grants(text)
    assert [(r[0], r[2]) for r in rows if r[1]] == [("£95,500", "Commissioner"), ("£30,000", "Commissioner")]


def test_caps_and_limits_of_a_scheme_are_no_awards():
    text = (
        "Residents' groups may apply for grants of up to £4,000 from the Mayor.\n\n"
        "Micro Grant Awards up to £750 are open to youth clubs.\n\n"
        "Awards are capped at £10,000 per organisation."
    )
    assert [g[1] for g in _grants(text)] == [False, False, False]


def test_approval_to_release_money_to_bodies_is_a_grant():
    text = "The Board is asked to approve the release of £60,000 to the two district partnerships."
    assert [(g[1], g[3]) for g in _grants(text)] == [(True, "two district partnerships")]


def test_a_body_that_worked_with_a_funder_to_secure_money_receives_it():
    text = "Northport CSP worked with the Mayor's Office to secure £140,000 for a youth hub."
    assert [(g[1], g[2], g[3]) for g in _grants(text)] == [(True, "Mayor's Office", "Northport CSP")]


def test_pipe_rows_under_a_heading_that_opens_the_page_take_its_year():
    text = "Partnership grants 2028/29\n\nDaleside CSP | £33,100\nFellside CSP | £29,400\n"
    assert [(g[1], g[3], g[4]) for g in _grants(text)] == [
        (True, "Daleside CSP", "2028-29"),
        (True, "Fellside CSP", "2028-29"),
    ]


def test_money_allocated_through_a_named_fund_is_a_grant_from_the_funds_owner():
    text = (
        "Around £9 million has been allocated through Round Three of the Safer Parks Fund.\n"
        "Since it began, the Government has invested £30 million through the Safer Parks Fund."
    )
    first = _grants(text)[0]
    assert (first[1], first[2]) == (True, "Government")


def test_a_council_fund_in_a_budget_is_no_grant():
    text = "The approved General Fund revenue budget for 2029/30 totals £210.5m."
    assert [g[1] for g in _grants(text)] == [False]


def test_a_total_of_listed_grants_is_no_part_of_the_last_one():
    text = (
        "Westfield Borough Council said the money is part of its allocation of the Government's Towns Fund.\n"
        "The awards included £3,000 to Oakley Cricket Club and £2,500 to Ashby Parish Council.\n"
        'The leader said: "Together these grants, totalling £5,500, are allocated to two small village groups."'
    )
    total = _grants(text)[-1]
    assert (total[1], total[2], total[3]) == (
        True,
        "Westfield Borough Council",
        "two small village groups",
    )
