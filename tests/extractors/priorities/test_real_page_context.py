"""Plan period, theme and item text on real-page layouts (issue #13), in new words."""

from __future__ import annotations

import pytest

from extractors.priorities.themes import theme_of
from tests.extractors.priorities.helpers import _run


def _periods(text: str) -> set[tuple[int | None, int | None]]:
    return {(r.period_start, r.period_end) for r in _run(text)[1]}


def test_period_from_the_plan_name_with_its_years_after_the_list():
    text = (
        "The Borough Plan explains what we will do over the next four years.\n\n"
        "It sets two new priorities:\n\n  • Warm homes\n  • Clean rivers\n"
        "Borough Plan 2024 - 2028"
    )
    assert _periods(text) == {(2024, 2028)}


def test_period_from_a_sentence_about_the_plan_before_the_list():
    text = (
        "This corporate strategy says what we want to achieve over the coming four years (2021 - 2025).\n\n"
        "The Corporate Strategy has three themes:\n\n  • A green district\n  • Thriving towns\n  • Your council\n"
    )
    assert _periods(text) == {(2021, 2025)}


def test_the_plan_means_the_plan_named_most_with_its_years_stated_later():
    text = (
        "The Neighbourhoods Plan is the partnership's plan. The Neighbourhoods Plan includes the "
        "Riverside Youth Safety Plan as the law requires.\n"
        "The Plan sets out the priorities as:\n"
        "Safer parks\n"
        "Fewer thefts from cars.\n"
        "1) That the Neighbourhoods Plan 2023-2028 be approved.\n"
    )
    records = _run(text)[1]
    assert [r.text for r in records] == ["Safer parks", "Fewer thefts from cars"]
    assert {(r.plan, r.period_start, r.period_end) for r in records} == {("Neighbourhoods Plan", 2023, 2028)}


def test_a_funding_year_in_the_intro_is_not_the_plan_period():
    text = (
        "Awards of up to £20,000 are open in 2026-27 to groups whose work meets the commissioner's "
        "priority areas which include fraud, arson and stalking.\n"
    )
    assert _periods(text) == {(None, None)}


def test_a_year_in_the_intro_is_the_period_when_no_money_is_involved():
    text = "In 2026-27 the partnership's priorities are fraud, arson and stalking.\n"
    assert _periods(text) == {(2026, 2027)}


def test_page_numbers_of_contents_entries_are_dropped():
    text = (
        "Contents\nMy vision 3\nPriority 1: Safer roads 5\nPriority 2: Fewer scams 9\n"
        "Priority 3: Support for victims 12\nFinance 15\n"
    )
    assert [r.text for r in _run(text)[1]] == ["Safer roads", "Fewer scams", "Support for victims"]


@pytest.mark.parametrize(
    ("item", "theme"),
    [
        # the item's name decides before its qualifier
        ("Safer communities which includes hate crime, scams and road safety", "community_resilience"),
        (
            "Reducing violence and exploitation which includes violence against women and girls",
            "serious_violence",
        ),
        # with nothing in the name, the qualifier decides
        ("Risk which includes reducing reoffending", "reoffending"),
        # a harm beats an approach on a tie
        ("Prevention of, and early intervention on, knife crime", "serious_violence"),
        ("Early intervention for families", "early_intervention"),
        ("Healthy, safe and sustainable communities", "community_resilience"),
        ("Community engagement", "community_resilience"),
        ("Protecting people from harm", "safeguarding"),
        ("Tackling offences against children", "safeguarding"),
        ("Healthy communities", "health"),
    ],
)
def test_theme_of_an_item(item, theme):
    assert theme_of(item) == theme


def test_a_plan_that_ran_over_a_period_not_the_action_plan_year_nearby():
    text = (
        "The previous Safer Borough Plan ran over the period 2016 to 2019. Its annual action "
        "plan for 2018/19 is attached.\n\nThe Safer Borough Plan's priorities were:\n\n"
        "• Arson\n• Fraud\n"
    )
    assert _periods(text) == {(2016, 2019)}
