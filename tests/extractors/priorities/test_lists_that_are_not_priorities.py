"""Priorities extractor: lists that are not priorities; who governs the list; label blocks; inline predicates; context; themes; restatements; excerpt files."""

from __future__ import annotations

import json

import pytest

from extractors.priorities import extract, theme_of
from schemas.document import Document, Table
from tests.extractors.priorities.helpers import (
    AS_FOLLOWS,
    BULLETS_WITH_COUNT,
    FIXTURES,
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

# ---------------------------------------------------------------- lists that are not priorities
NOT_PRIORITIES = {
    "statutory duty": """In setting its priority areas the partnership must remember that it has a statutory duty to:
• reduce crime and disorder;
• combat substance misuse;
• reduce reoffending.
""",
    "survey answers": """When asked which issues should be a priority for the partnership, respondents chose:
• Speeding vehicles (64%)
• Drug dealing (58%)
• Litter and fly-tipping (41%)
""",
    "residents told us": """At the summer engagement events residents told us their top priorities were:
• More police on foot patrol
• Tackling drug dealing
""",
    "membership": """The partnership's priorities are overseen by a board whose members are:
• Eastwick Borough Council
• Eastshire Police
• Eastshire Fire and Rescue Service
""",
    "actions": """To deliver these priorities, the partnership will:
• recruit two additional outreach workers;
• publish a quarterly performance dashboard;
• hold an annual community safety conference.
""",
    "recommendations": """The peer review made the following recommendations about the partnership's priorities:
1. Reduce the number of priorities to four.
2. Publish an annual delivery plan.
""",
    "ways you can help": """Everyone can help the partnership meet its priorities. Here are some ways you can help:
• Report crime online or by calling 101.
• Join your local Neighbourhood Watch.
• Check on elderly neighbours during cold weather.
""",
    "areas of interest": """The committee agreed to keep the priorities under review and noted three areas of interest:
• Response times in rural wards.
• The use of dispersal orders.
• Youth provision in the summer holidays.
""",
    "activities": """Activities delivered under the other priorities this quarter include:
• A week of action on shoplifting in the high street.
• Training for 40 taxi drivers on spotting exploitation.
""",
    "measures": """Performance measures for the priorities are:
• Number of anti-social behaviour incidents reported
• Proportion of victims who are satisfied
""",
    "such as": "Work on the other priorities, such as road safety, hate crime and fraud, continues as planned.",
    "predicate after are": "The partnership is sure its priorities are sound and remain the right ones.",
    "passive": "Our priorities are underpinned by shared values and by reliable data.",
    "source before colon": "Themes from the residents' workshops: parking, litter and speeding.",
    "clause after themes of": "The cross-cutting themes of prevention and partnership are embedded in each plan.",
    "no introduction": """The responsible authorities are:
• Westmoor District Council
• Westmoor Police
""",
}


@pytest.mark.parametrize("text", NOT_PRIORITIES.values(), ids=NOT_PRIORITIES.keys())
def test_list_that_is_not_priorities_is_ignored(text):
    assert _texts(text) == []


def test_priorities_judged_only_from_the_introducing_sentence_not_the_paragraph():
    text = (
        "The plan's five priorities are set out in section 3. The partnership also has a duty to consult. "
        "It must by law:\n• consult residents;\n• publish the plan.\n"
    )
    assert _texts(text) == []


# ---------------------------------------------------------------- who governs the list
_THREE_ITEMS = "\n• Cutting shop theft\n• Safer parks at night\n• Fewer repeat victims of fraud\n"


@pytest.mark.parametrize(
    "intro",
    [
        "The refreshed Partnership Plan comprises three priorities:",
        "Our strategy consists of the following priorities:",
        "At the away day, partners debated and then agreed the following priorities:",
        "The statutory partners have endorsed these priorities:",
        "The priorities raised by this year's needs assessment are:",
        "The Board feels that the following priorities should carry forward:",
        "The assessment highlighted priorities which require joint work:",
        "Having listened to what residents said, the Board adopted the following priorities:",
        "The priorities for young people identified in the needs assessment are:",
        "The priorities agreed by partners are:",
    ],
)
def test_intro_naming_priorities_is_not_rejected_for_words_elsewhere_in_it(intro):
    assert _texts(intro + _THREE_ITEMS) == [
        "Cutting shop theft",
        "Safer parks at night",
        "Fewer repeat victims of fraud",
    ]


@pytest.mark.parametrize(
    "intro",
    [
        "In setting its priorities the partnership has a legal duty to:",
        "When agreeing priorities, partners are required by law to:",
        "The issues that survey respondents felt were the top priorities:",
        "Young people told us their priorities are:",
        "Asked about the partnership's priorities, the public said they wanted:",
        "The Board made the following recommendations on the priorities:",
        "Members asked the following questions about the priorities:",
        "The partnership board that oversees these priorities comprises:",
        "Everyone has a part to play in the priorities, and you can help:",
        "Priority areas\n\nThe responsible authorities are:",
        "Priorities\n\nThe steering group comprises:",
    ],
)
def test_list_governed_by_a_duty_survey_membership_or_other_noun_is_not_priorities(intro):
    assert _texts(intro + _THREE_ITEMS) == []


# ---------------------------------------------------------------- label blocks
def test_decision_outcomes_in_minutes_are_not_priorities():
    text = (
        "Planning applications\n\n24/0113/FUL Land at Mill Lane\nOutcome: Approved with conditions\n\n"
        "24/0150/HOU 3 Church Row\nOutcome: Refused\n\n24/0171/FUL The Old Forge\nOutcome: Deferred\n"
    )
    assert _texts(text) == []


def test_decisions_are_not_priorities_even_under_a_plan_heading():
    text = "Delivery Plan decisions\n\nOutcome: Agreed\n\nOutcome: Not approved\n\nOutcome: Noted\n"
    assert _texts(text) == []


def test_theme_labels_in_a_question_session_are_not_priorities():
    text = (
        "Questions from the public\n\nTheme: Housing repairs\nQ: When will the damp be fixed?\n\n"
        "Theme: Parking permits\nQ: Why has the price gone up?\n"
    )
    assert _texts(text) == []


def test_theme_labels_under_a_heading_naming_a_strategys_themes_are_priorities():
    text = (
        "Themes of the Safer Streets Strategy\n\nTheme: Safer town centres\nLead: Licensing\n\n"
        "Theme: Reducing harm from drugs\nLead: Public Health\n"
    )
    assert _texts(text) == ["Safer town centres", "Reducing harm from drugs"]


def test_outcome_labels_after_an_intro_setting_the_plans_outcomes_are_priorities():
    text = "The plan's key outcomes are set out below.\n\nOutcome 1: Fewer victims of crime\nOutcome 2: Stronger communities\n"
    assert _texts(text) == ["Fewer victims of crime", "Stronger communities"]


def test_cross_cutting_theme_labels_name_their_kind_without_an_intro():
    text = "Cross-cutting theme 1: Listening to victims\nCross-cutting theme 2: Early help for families\n"
    _, records = _run(text)
    assert [(r.text, r.kind) for r in records] == [
        ("Listening to victims", "cross_cutting_theme"),
        ("Early help for families", "cross_cutting_theme"),
    ]


# ---------------------------------------------------------------- inline predicates
@pytest.mark.parametrize(
    "text",
    [
        "Members agreed that the priorities remain sound, deliverable and well evidenced.",
        "The priorities are still relevant, affordable and broadly supported by partners.",
        "Officers reported that the themes were ambitious and realistic.",
        "The key outcomes continue to be appropriate and measurable.",
    ],
)
def test_inline_judgement_of_the_priorities_is_not_a_list(text):
    assert _texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The plan's three themes comprise prevention, enforcement and support for victims.",
            ["prevention", "enforcement", "support for victims"],
        ),
        (
            "The new priorities will be cutting burglary, tackling exploitation and improving road safety.",
            ["cutting burglary", "tackling exploitation", "improving road safety"],
        ),
    ],
)
def test_inline_list_set_by_the_intro_yields_noun_and_gerund_items(text, expected):
    assert _texts(text) == expected


# ---------------------------------------------------------------- context
def test_plan_and_period_from_the_introducing_sentence():
    _, records = _run(BULLETS_WITH_COUNT)
    assert {(r.plan, r.period_start, r.period_end) for r in records} == {
        ("Northfield Safer Communities Plan", 2023, 2026)
    }


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (NUMBERED_DOTS, (2021, 2022)),
        (PARENTHESIS_NUMBERS, (2024, 2027)),
        (UNBULLETED_LINES, (2019, 2020)),
        (INLINE_SEMICOLONS, (2022, 2025)),
        (AS_FOLLOWS, (2020, 2023)),
        (NEUTRAL_INTRO_UNDER_HEADING, (2025, 2028)),
        (LETTERED, (None, None)),
    ],
    ids=lambda v: v[:25] if isinstance(v, str) else None,
)
def test_period_read_from_intro_or_heading(text, period):
    _, records = _run(text)
    assert {(r.period_start, r.period_end) for r in records} == {period}


def test_period_from_nearest_plan_mention_when_intro_has_none():
    text = (
        "2.1 The Westmoor Community Safety Plan 2022-2025 was adopted in 2022.\n\n"
        "2.2 The assessment reviewed the current priorities, which are:\n\n"
        "• Reducing violent crime\n• Tackling rural crime\n"
    )
    _, records = _run(text)
    assert {(r.plan, r.period_start, r.period_end) for r in records} == {
        ("Westmoor Community Safety Plan", 2022, 2025)
    }


STATUS_HEADER_WITH_QUARTER = """4. Performance

4.1 This is the second annual report on the Riverford Community Safety Partnership Plan 2022-2025. Progress against each of the plan's priorities in 2023/24 is set out in the table below.

| Priority | Lead agency | {header} |
|---|---|---|
| Reducing shop theft | Police | On track |
| Safer routes to school | Highways | Some slippage |
"""


@pytest.mark.parametrize(
    ("header", "statuses"),
    [
        ("Status (Q3 2023/24)", ["On track", "Some slippage"]),
        ("RAG at March 2024", ["On track", "Some slippage"]),
        ("Progress - Quarter 2", ["On track", "Some slippage"]),
        ("Status", ["On track", "Some slippage"]),
        ("Q2 status", ["On track", "Some slippage"]),
        ("Quarter 1 RAG", ["On track", "Some slippage"]),
        ("2023/24 progress", ["On track", "Some slippage"]),
        ("Progress update", [None, None]),  # commentary, not a status
    ],
)
def test_status_column_header_may_name_its_reporting_point(header, statuses):
    _, records = _run(STATUS_HEADER_WITH_QUARTER.format(header=header))
    assert [r.status for r in records] == statuses


def test_table_period_is_the_plans_not_the_reporting_year_above_or_in_the_header():
    _, records = _run(STATUS_HEADER_WITH_QUARTER.format(header="Status (Q3 2023/24)"))
    assert {(r.plan, r.period_start, r.period_end) for r in records} == {
        ("Riverford Community Safety Partnership Plan", 2022, 2025)
    }


def test_reporting_quarter_is_never_the_plan_period():
    text = (
        "Quarter 3 monitoring 2022/23\n\nPriority\tStatus (Q3 2022/23)\n"
        "Reducing arson\tGreen\nTackling rogue landlords\tRed\n"
    )
    _, records = _run(text)
    assert [(r.period_start, r.status) for r in records] == [(None, "Green"), (None, "Red")]


def test_cross_cutting_themes_get_their_kind():
    _, records = _run(HEADINGS_PRIORITIES_AND_CROSS_CUTTING)
    assert [r.kind for r in records] == ["priority"] * 3 + ["cross_cutting_theme"] * 2
    assert [r.rank for r in records] == [1, 2, 3, 1, 2]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (STATUS_TABLE, ["On track", "Amber", "Complete"]),
        (PIPE_TABLE, ["Green", "Amber"]),
        (FLATTENED_STATUS_COLUMNS, ["Off track", "On track"]),
        (STATUS_LABEL_LINES, ["On track", "Behind schedule"]),
        (BULLETS_WITH_COUNT, [None, None, None]),
    ],
    ids=["tab table", "pipe table", "flattened columns", "label lines", "no status"],
)
def test_status_read_where_reported(text, statuses):
    assert [r.status for r in _run(text)[1]] == statuses


def test_status_from_a_pdf_table_located_in_the_page_text():
    text = "Delivery update\n\nPriority Status\nReducing hate crime On track\nSafer night-time economy Off track\n"
    doc = Document(
        doc_id="x",
        source_uri="x.pdf",
        source_format="pdf",
        text=text,
        page_starts=[0],
        tables=[
            Table(
                page=1,
                rows=[
                    ["Priority", "Status"],
                    ["Reducing hate crime", "On track"],
                    ["Safer night-time economy", "Off track"],
                ],
            )
        ],
    )
    records = extract(doc)
    assert [(r.text, r.status) for r in records] == [
        ("Reducing hate crime", "On track"),
        ("Safer night-time economy", "Off track"),
    ]
    _assert_spans_hold_text(doc, records)


# ---------------------------------------------------------------- themes
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Tackle ASB and enviro-crime", "anti_social_behaviour"),
        ("Reducing burglary and vehicle crime", "anti_social_behaviour"),
        ("Reduce re-offending and support victims", "reoffending"),
        ("Violence Against Women and Girls", "vawg"),
        ("Protecting our communities against serious, violent, and organised crime", "serious_violence"),
        ("Keeping children and young people safe", "safeguarding"),
        ("Reducing crime linked to the night-time economy", "town_centre"),
        ("Support mental health and wellbeing", "mental_health"),
        ("Reduce health inequalities", "health"),
        ("Response and recovery from major incidents", "emergency_response"),
        ("Preventing extremism and hate", "extremism_hate"),
        ("Early intervention, prevention & education", "early_intervention"),
        ("Improve quality of life and community cohesion", "community_resilience"),
        ("Reducing domestc abuse", "domestic_abuse"),  # OCR damage: fuzzy fallback
        ("Improving rnental health support", "mental_health"),
        ("Balancing the council budget", None),
        ("Help people sustain recovery from addiction", "drugs_alcohol"),
        ("Recovery from alcohol dependency", "drugs_alcohol"),
        ("Recovery after a major flooding event", "emergency_response"),
        ("Emergency response and recovery", "emergency_response"),
        ("Recovery from serious incidents affecting the community", "emergency_response"),
        ("Fewer emergency hospital admissions caused by alcohol", "drugs_alcohol"),
        ("A public health approach to tackling violence", "serious_violence"),
        ("Supporting vulnerable victims of ASB", "anti_social_behaviour"),
        ("Protecting vulnerable adults", "safeguarding"),
        ("Tackling substance and alcohol misuse", "drugs_alcohol"),
        ("Reduce first-time entrants to the youth justice system", "early_intervention"),
    ],
)
def test_theme_from_taxonomy_lemmas_phrases_and_fuzzy(text, theme):
    assert theme_of(text) == theme


def test_every_taxonomy_slug_from_the_spec_is_in_the_data_file():
    from extractors.priorities.themes import theme_slugs

    slugs = set(theme_slugs())
    assert slugs == {
        "anti_social_behaviour",
        "drugs_alcohol",
        "reoffending",
        "domestic_abuse",
        "vawg",
        "serious_violence",
        "road_safety",
        "safeguarding",
        "extremism_hate",
        "town_centre",
        "early_intervention",
        "community_resilience",
        "mental_health",
        "emergency_response",
        "health",
    }


# ---------------------------------------------------------------- restatements
RESTATED = """Summary
The Plan for 2024-2027 has three priorities: reducing violence, tackling drug harm, and protecting vulnerable people.

3.1 The Community Safety Plan 2024-2027 contains three priorities:
• Reducing violence
• Tackling drug harm
• Protecting vulnerable people

Appendix A – Community Safety Plan 2024-2027

Our priorities are:
1. Reducing violence.
2. Tackling drug harm.
3. Protecting vulnerable people.
"""


def test_list_restated_in_summary_body_and_appendix_yields_once():
    assert _texts(RESTATED) == ["reducing violence", "tackling drug harm", "protecting vulnerable people"]


def test_lists_of_different_periods_are_kept_apart():
    text = (
        "Last year's priorities for 2022-23 were:\n• Reducing burglary\n• Tackling domestic abuse\n\n"
        "The priorities for 2023-26 are:\n• Reducing burglary\n• Tackling domestic abuse\n• Road safety\n"
    )
    _, records = _run(text)
    assert [(r.text, r.period_start) for r in records] == [
        ("Reducing burglary", 2022),
        ("Tackling domestic abuse", 2022),
        ("Reducing burglary", 2023),
        ("Tackling domestic abuse", 2023),
        ("Road safety", 2023),
    ]


# ---------------------------------------------------------------- excerpt files
EXCERPTS = sorted((FIXTURES / "excerpts" / "priorities").glob("*.txt"))


@pytest.mark.parametrize("path", EXCERPTS, ids=[p.stem for p in EXCERPTS])
def test_excerpt_file_yields_the_reviewed_priorities(path):
    """Each excerpt sits next to a hand-checked JSON list of the rows it must give."""
    expected = json.loads(path.with_suffix(".json").read_text())
    doc, records = _run(path.read_text())
    assert [(r.text, r.kind) for r in records] == [(e["text"], e["kind"]) for e in expected]
    for r, e in zip(records, expected, strict=True):
        if "period" in e:
            assert [r.period_start, r.period_end] == (e["period"] or [None, None]), r.text
        assert r.status == e.get("status"), r.text
    _assert_spans_hold_text(doc, records)
