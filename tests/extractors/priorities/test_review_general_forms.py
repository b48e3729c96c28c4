"""Review of the dev-set changes: forms first written in one paper's words, here in others."""

from __future__ import annotations

import pytest

from extractors.priorities import extract
from extractors.priorities.themes import theme_of
from pipeline.normalise import document_from_text


@pytest.mark.parametrize(
    "item",
    [
        "Pride in place: clean and welcoming high streets",
        "Building civic pride across the market towns",
        "Growing pride in the area we live in",
        "More local pride in our parks",
    ],
)
def test_pride_in_a_place_is_community_resilience(item):
    assert theme_of(item) == "community_resilience"


@pytest.mark.parametrize(
    "item",
    [
        "Taking pride in our work for residents",  # pride in a job well done, not in a place
        "Supporting the town's Pride festival",
    ],
)
def test_pride_alone_is_no_theme(item):
    assert theme_of(item) != "community_resilience"


# ---------------------------------------------------------------- a priority word qualifying a noun
def _texts(text: str) -> list[str]:
    return [r.text for r in extract(document_from_text(text))]


def test_a_priorities_board_pointing_below_lists_no_priorities():
    text = (
        "Ward figures\n\nThe priorities board asked for the number of reports in each ward, "
        "which are given below.\n\nNorth ward\nSouth ward\nEast ward\n"
    )
    assert _texts(text) == []


def test_priorities_a_board_agreed_pointing_below_are_still_priorities():
    text = (
        "Safer Eastmere Plan\n\nThe board consulted residents and grouped the work into the three "
        "priorities set out below.\n\nCleaner streets\nSafer parks\nFewer house fires\n"
    )
    assert _texts(text) == ["Cleaner streets", "Safer parks", "Fewer house fires"]
