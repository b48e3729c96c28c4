"""Priorities extractor: list forms; nested lists (indentation)."""

from __future__ import annotations

import pytest

from tests.extractors.priorities.helpers import (
    AS_FOLLOWS,
    BULLETS_WITH_COUNT,
    FLATTENED_STATUS_COLUMNS,
    HEADINGS_PRIORITIES_AND_CROSS_CUTTING,
    INLINE_SEMICOLONS,
    LETTERED,
    NEUTRAL_INTRO_UNDER_HEADING,
    NUMBERED_DOTS,
    PARENTHESIS_NUMBERS,
    PIPE_TABLE,
    STATUS_LABEL_LINES,
    STATUS_TABLE,
    UNBULLETED_LINES,
    _assert_spans_hold_text,
    _run,
    _texts,
)

# ---------------------------------------------------------------- list forms


ROMAN_KEY_OUTCOMES = """The plan's key outcomes are:
i. fewer people killed or seriously injured on our roads
ii. more victims of domestic violence supported to stay safe
iii. less anti-social behaviour in our parks
"""


NUMBERED_HEADINGS = """Priority 1 – Tackling violence against women and girls

The partnership will expand bystander training and fund an outreach worker.

Priority 2 – Reducing harm from drugs and alcohol

Treatment places will increase by ten per cent.

Priority 3 – Keeping young people safe from
exploitation

Schools will receive targeted sessions.
"""


INLINE_STRANDS = (
    "The Serious Violence Strategy has four key strands, which are county lines, knife crime, "
    "exploitation of children and gang violence. Each strand has a lead officer."
)

WRAPPED_OVER_PAGE_BREAK = """The Partnership's priorities for the coming year are:

• Reducing the number of young people drawn into county lines drug
dealing and criminal exploitation;
• Supporting repeat victims of anti-social behaviour and neighbour

nuisance;
• Improving confidence in reporting hate crime.

5. Financial implications
"""


OCR_DAMAGED = """3.1 The Partnership's strategic priorities are:
e Tack1ing anti-socia1 behaviour
e Reducing domestc abuse
e Improving rnental health support
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            BULLETS_WITH_COUNT,
            [
                "Reducing serious violence and knife crime",
                "Tackling domestic abuse and stalking",
                "Making the town centre safer at night",
            ],
        ),
        (
            NUMBERED_DOTS,
            [
                "Protecting vulnerable adults from exploitation",
                "Reducing reoffending among young people",
                "Improving road safety around schools",
            ],
        ),
        (
            LETTERED,
            [
                "tackling hate crime and community tensions",
                "preventing radicalisation and extremism",
                "supporting victims of anti-social behaviour",
            ],
        ),
        (
            ROMAN_KEY_OUTCOMES,
            [
                "fewer people killed or seriously injured on our roads",
                "more victims of domestic violence supported to stay safe",
                "less anti-social behaviour in our parks",
            ],
        ),
        (PARENTHESIS_NUMBERS, ["Serious violence", "Drug-related harm", "Hate crime"]),
        (
            NUMBERED_HEADINGS,
            [
                "Tackling violence against women and girls",
                "Reducing harm from drugs and alcohol",
                "Keeping young people safe from exploitation",
            ],
        ),
        (
            INLINE_SEMICOLONS,
            ["tackling knife crime", "reducing alcohol-related harm", "improving community cohesion"],
        ),
        (INLINE_STRANDS, ["county lines", "knife crime", "exploitation of children", "gang violence"]),
        (
            WRAPPED_OVER_PAGE_BREAK,
            [
                "Reducing the number of young people drawn into county lines drug dealing and criminal exploitation",
                "Supporting repeat victims of anti-social behaviour and neighbour nuisance",
                "Improving confidence in reporting hate crime",
            ],
        ),
        (
            UNBULLETED_LINES,
            [
                "Tackling burglary and vehicle crime",
                "Reducing violent crime in the night-time economy",
                "Protecting children from sexual exploitation",
                "Reducing the number of people killed or seriously injured in Road Traffic Collisions",
                "Tackling domestic abuse",
            ],
        ),
        (STATUS_TABLE, ["Reducing serious violence", "Tackling drug-related harm", "Safer roads"]),
        (PIPE_TABLE, ["Reducing burglary", "Safer streets at night"]),
        (
            FLATTENED_STATUS_COLUMNS,
            ["Reducing anti-social behaviour in neighbourhoods", "Tackling violence against women and girls"],
        ),
        (STATUS_LABEL_LINES, ["Reducing reoffending", "Improving road safety"]),
        (
            OCR_DAMAGED,
            ["Tack1ing anti-socia1 behaviour", "Reducing domestc abuse", "Improving rnental health support"],
        ),
        (
            HEADINGS_PRIORITIES_AND_CROSS_CUTTING,
            [
                "Serious violence",
                "Exploitation of children and vulnerable adults",
                "Anti-social behaviour",
                "Supporting victims",
                "Early intervention and prevention",
            ],
        ),
        (
            AS_FOLLOWS,
            ["Fewer first-time entrants to the youth justice system", "Safer town and city centres"],
        ),
        (
            NEUTRAL_INTRO_UNDER_HEADING,
            ["Reducing knife crime", "Preventing hate crime", "Improving safety in the night-time economy"],
        ),
    ],
    ids=lambda v: v[:30] if isinstance(v, str) else None,
)
def test_list_form_yields_each_item_as_written(text, expected):
    doc, records = _run(text)
    assert [r.text for r in records] == expected
    assert [r.rank for r in records] == list(range(1, len(expected) + 1)) or len(
        {r.kind for r in records}
    ) > 1
    _assert_spans_hold_text(doc, records)


def test_inline_bullets_on_one_line_are_items():
    text = "The partnership's priorities are: • Violence reduction • Anti-social behaviour • Drug harm\n"
    assert _texts(text) == ["Violence reduction", "Anti-social behaviour", "Drug harm"]


def test_lone_bullet_glyph_lines_take_their_text_from_the_next_line():
    text = "Our priorities are:\n\n•\nReducing serious violence\n•\nTackling rural crime\n\nThe plan is reviewed yearly.\n"
    assert _texts(text) == ["Reducing serious violence", "Tackling rural crime"]


def test_named_priority_followed_by_a_long_description_keeps_the_name():
    text = (
        "Our strategic priorities are:\n"
        "• Violence against women and girls – working with schools and colleges to challenge harmful attitudes\n"
        "• Serious violence: reducing knife crime and county lines activity across the whole borough\n"
        "• Tackle ASB – hotspots\n"
    )
    assert _texts(text) == ["Violence against women and girls", "Serious violence", "Tackle ASB – hotspots"]


def test_list_under_a_priorities_heading_that_narrates_progress_is_not_priorities():
    text = (
        "Priorities\n\n"
        "• The partnership held 12 weeks of action and these were well attended by residents.\n"
        "• We have trained 300 frontline staff who are now able to spot the signs of exploitation.\n"
    )
    assert _texts(text) == []


def test_who_noted_the_priorities_does_not_matter():
    text = "Members noted the priorities, which were:\n• Safer streets\n• Reducing reoffending\n"
    assert _texts(text) == ["Safer streets", "Reducing reoffending"]


def test_heading_run_into_the_paragraph_above_still_introduces_the_list():
    # PDF text often loses the gap before a heading; the paragraph above mentions a duty.
    text = (
        "The agreement is refreshed each year as required by statute.\nPriorities\n\n"
        "• Rural crime\n• Fraud against older people\n"
    )
    assert _texts(text) == ["Rural crime", "Fraud against older people"]


def test_stated_count_splits_two_items_run_together_on_one_line():
    text = (
        "The plan identified three priorities for the year (2018-19). These were:\n"
        "Reducing burglary.\nTackling street drinking. Reducing arson.\n\n2.4 Next steps are set out below.\n"
    )
    assert _texts(text) == ["Reducing burglary", "Tackling street drinking", "Reducing arson"]


def test_labelled_priority_blocks_form_a_list_but_priority_levels_do_not():
    text = (
        "Priority: Reducing violent crime\nLead: Chief Inspector\nProgress: Two operations completed.\n\n"
        "Priority: Tackling rural crime\nLead: Rural Crime Team\n\nAction: Publish newsletter\nPriority: High\n"
    )
    assert _texts(text) == ["Reducing violent crime", "Tackling rural crime"]


def test_inline_list_after_a_colon_without_a_verb():
    text = (
        "After reviewing the strategic assessment, the partnership has set three priorities for 2021/22: "
        "cutting burglary, reducing knife crime and preventing fraud against older people. Leads are named."
    )
    doc, records = _run(text)
    assert [(r.text, r.period_start, r.period_end) for r in records] == [
        ("cutting burglary", 2021, 2022),
        ("reducing knife crime", 2021, 2022),
        ("preventing fraud against older people", 2021, 2022),
    ]
    _assert_spans_hold_text(doc, records)


def test_cross_cutting_themes_introduced_by_of_are_items_of_their_kind():
    text = "Both priorities rest on the cross-cutting themes of restorative practice and reducing inequality."
    _, records = _run(text)
    assert [(r.text, r.kind, r.rank) for r in records] == [
        ("restorative practice", "cross_cutting_theme", 1),
        ("reducing inequality", "cross_cutting_theme", 2),
    ]


def test_stated_count_belongs_to_the_kind_it_counts():
    text = (
        "All five priorities share three cross-cutting themes: prevention, partnership working and victims."
    )
    assert [r.kind for r in _run(text)[1]] == ["cross_cutting_theme"] * 3


def test_priority_heading_without_number_takes_the_status_line_under_it():
    text = (
        "Priority: Cleaner, safer parks\nStatus: Green\nPark wardens now patrol at weekends.\n\n"
        "Priority – Tackling doorstep crime\nLead: Trading Standards\nStatus: Not started\n"
    )
    _, records = _run(text)
    assert [(r.text, r.status) for r in records] == [
        ("Cleaner, safer parks", "Green"),
        ("Tackling doorstep crime", "Not started"),
    ]


def test_item_wrapped_over_page_break_has_span_covering_the_wrapped_text():
    doc, records = _run(WRAPPED_OVER_PAGE_BREAK)
    span = doc.text[records[1].char_start : records[1].char_end]
    assert "\n\n" in span and span.endswith("nuisance")


def test_stated_count_with_oxford_comma_missing_splits_last_pair():
    assert len(_texts(INLINE_STRANDS)) == 4


def test_stated_count_cuts_a_list_that_runs_on():
    text = (
        "The plan contains two priorities:\n\nTackling fraud against older people.\nReducing cyber crime.\n"
        "Further detail is in the appendix.\n"
    )
    assert _texts(text) == ["Tackling fraud against older people", "Reducing cyber crime"]


# ---------------------------------------------------------------- nested lists (indentation)
SUB_BULLETS_SAME_GLYPH = """The Ashcombe partnership agreed these priorities for 2024/25:
  • Reducing knife crime among
    young people
      • mentoring for excluded pupils
      • knife surrender bins
  • Improving safety in parks
      • better lighting
  • Tackling fly-tipping
"""

NUMBERED_WITH_OCR_SUB_BULLETS = """The Strategy's four priority themes are:

1) Keeping children safe online
    o awareness sessions in primary schools
    e parent workshops
2) Preventing exploitation
    o return interviews for missing children
3) Safer journeys to school
4) Reducing youth violence
    o youth hubs
"""

UNBULLETED_WITH_SUB_BULLETS = """Strategic priorities

Reducing serious violence
    • street triage
Tackling domestic abuse
    • more refuge places
Protecting young people from exploitation
    • youth workers in the town centre
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            SUB_BULLETS_SAME_GLYPH,
            ["Reducing knife crime among young people", "Improving safety in parks", "Tackling fly-tipping"],
        ),
        (
            NUMBERED_WITH_OCR_SUB_BULLETS,
            [
                "Keeping children safe online",
                "Preventing exploitation",
                "Safer journeys to school",
                "Reducing youth violence",
            ],
        ),
        (
            UNBULLETED_WITH_SUB_BULLETS,
            [
                "Reducing serious violence",
                "Tackling domestic abuse",
                "Protecting young people from exploitation",
            ],
        ),
    ],
    ids=["same glyph deeper", "numbered with OCR bullets", "unbulleted items"],
)
def test_indented_sub_bullets_are_neither_items_nor_part_of_their_item(text, expected):
    doc, records = _run(text)
    assert [r.text for r in records] == expected
    _assert_spans_hold_text(doc, records)


def test_indented_sentence_under_an_item_describes_it_and_is_not_joined():
    text = """Our priorities for the coming year are:

1. Reducing burglary
   We will target hardening for repeat victims and
   fund a fence scheme.
2. Safer roads
   The road safety team will visit every primary school.
"""
    assert _texts(text) == ["Reducing burglary", "Safer roads"]


def test_list_of_actions_with_sub_bullets_after_a_priorities_sentence_is_not_priorities():
    text = """The plan has three priorities. Our actions for this year are:

• Share data between partners
    • monthly
• Run joint patrols
    • weekly
"""
    assert _texts(text) == []
