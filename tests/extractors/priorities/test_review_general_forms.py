"""Review of the dev-set changes: forms first written in one paper's words, here in others."""

from __future__ import annotations

import pytest

from extractors.priorities.themes import theme_of


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
