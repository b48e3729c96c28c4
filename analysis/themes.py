"""Themes as the report shows them: the taxonomy's order, readable names, one colour each.

The order comes from the priorities extractor's taxonomy (the file researchers extend),
so a new theme appears in the report without code changes. Colours are Paul Tol's
discrete rainbow scheme (designed to stay distinct for colour-blind readers; values from
the BSD-licensed `tol-colors` package), picked for exactly as many themes as there are,
so no two themes share a colour up to 23 themes. Priorities with no theme are grey.
"""

from __future__ import annotations

import functools

UNCLASSIFIED = "unclassified"  # priorities whose text matched no theme
NO_THEME_COLOUR = "#999999"
THEME_LABELS = {  # slugs that do not read well with underscores as spaces
    "anti_social_behaviour": "Anti-social behaviour",
    "drugs_alcohol": "Drugs and alcohol",
    "vawg": "Violence against women and girls",
    "extremism_hate": "Extremism and hate",
    UNCLASSIFIED: "(no theme)",
}

# Paul Tol, "Colour schemes" (SRON/EPS/TN/09-002), figure 22: the 29 discrete rainbow
# colours and, for n = 1..23, which of them to use.
_TOL_RAINBOW = (
    "#E8ECFB #D9CCE3 #D1BBD7 #CAACCB #BA8DB4 #AE76A3 #AA6F9E #994F88 #882E72 #1965B0 #437DBF #5289C7 "
    "#6195CF #7BAFDE #4EB265 #90C987 #CAE0AB #F7F056 #F7CB45 #F6C141 #F4A736 #F1932D #EE8026 #E8601C "
    "#E65518 #DC050C #A5170E #72190E #42150A"
).split()
_TOL_PICKS = (
    (9,),
    (9, 25),
    (9, 17, 25),
    (9, 14, 17, 25),
    (9, 13, 14, 17, 25),
    (9, 13, 14, 16, 17, 25),
    (8, 9, 13, 14, 16, 17, 25),
    (8, 9, 13, 14, 16, 17, 22, 25),
    (8, 9, 13, 14, 16, 17, 22, 25, 27),
    (8, 9, 13, 14, 16, 17, 20, 23, 25, 27),
    (8, 9, 11, 13, 14, 16, 17, 20, 23, 25, 27),
    (2, 5, 8, 9, 11, 13, 14, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27),
    (2, 4, 6, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27),
    (2, 4, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27),
    (2, 4, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 26, 27),
    (1, 3, 4, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 26, 27),
    (1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 19, 21, 23, 25, 26, 27),
    (1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 25, 26, 27),
    (1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 25, 26, 27, 28),
    (0, 1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 25, 26, 27, 28),
)


def categorical_colours(n: int) -> list[str]:
    """`n` colour-blind-safe colours, all distinct for n <= 23 (beyond that they repeat)."""
    if n <= 0:
        return []
    picks = _TOL_PICKS[min(n, len(_TOL_PICKS)) - 1]
    return [_TOL_RAINBOW[picks[i % len(picks)]] for i in range(n)]


@functools.cache
def theme_order() -> tuple[str, ...]:
    """Theme slugs in taxonomy order, from the priorities extractor's taxonomy."""
    from extractors.priorities import theme_slugs  # late: loads the NLP stack

    return theme_slugs()


def theme_key(theme: str | None) -> tuple:
    """Sort key: taxonomy order, then other slugs alphabetically, then 'unclassified'."""
    order = theme_order()
    if theme in order:
        return (0, order.index(theme), "")
    return (2, 0, "") if theme in (None, UNCLASSIFIED) else (1, 0, theme)


def theme_title(theme: str | None) -> str:
    theme = theme or UNCLASSIFIED
    return THEME_LABELS.get(theme) or theme.replace("_", " ").capitalize()


def theme_colours(themes) -> dict[str, str]:
    """A colour per theme: every taxonomy theme keeps the same colour whatever the dataset
    holds (so charts agree with each other); themes outside the taxonomy come after it."""
    known = list(theme_order())
    colours = dict(zip(known, categorical_colours(len(known))))
    extra = sorted({t for t in themes if t not in known and t not in (None, UNCLASSIFIED)})
    spare = [c for c in categorical_colours(len(_TOL_PICKS)) if c not in colours.values()] or _TOL_RAINBOW
    colours.update({t: spare[i % len(spare)] for i, t in enumerate(extra)})
    colours[UNCLASSIFIED] = NO_THEME_COLOUR
    return colours
