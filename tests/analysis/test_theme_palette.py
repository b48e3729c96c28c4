"""Theme order comes from the extractor's taxonomy; every theme gets its own colour."""

from __future__ import annotations

import pytest

from analysis.themes import UNCLASSIFIED, categorical_colours, theme_colours, theme_order, theme_title
from extractors.priorities import theme_slugs


def test_theme_order_is_the_taxonomy_of_the_priorities_extractor():
    assert theme_order() == theme_slugs()
    assert theme_order()[:3] == ("anti_social_behaviour", "drugs_alcohol", "reoffending")


@pytest.mark.parametrize("n", [1, 8, 11, 15, 16, 23])
def test_as_many_distinct_colours_as_asked_for(n):
    colours = categorical_colours(n)
    assert len(colours) == n and len(set(colours)) == n


def test_every_theme_and_no_theme_have_distinct_colours_and_keep_them():
    colours = theme_colours(["vawg", "local_extra_theme"])
    themed = [colours[t] for t in (*theme_order(), "local_extra_theme", UNCLASSIFIED)]
    assert len(set(themed)) == len(themed)
    assert theme_colours([])["vawg"] == colours["vawg"]  # a theme's colour does not depend on the data


def test_theme_titles_read_as_words():
    assert theme_title("vawg") == "Violence against women and girls"
    assert theme_title(None) == "(no theme)"
    assert theme_title("road_safety") == "Road safety"
