"""List forms seen on real council pages (issue #13), each written here in new words.

Every form is found by one entry of `LIST_FORMS` (checked form by form below) and then
judged a priority list from its intro; the items keep their qualifiers whole.
"""

from __future__ import annotations

import pytest

from extractors.priorities import LIST_FORMS, Page, lists
from tests.extractors.priorities.helpers import _assert_spans_hold_text, _run, _texts

QUALIFIED_LINES = """Decision record

The Safer Towns Plan is the partnership's plan for the next five years.
The Plan sets out the strategic priorities as:
Protecting people from harm which includes stalking, harassment, online fraud and cuckooing of vulnerable adults
Safer streets which includes town centre patrols, lighting and the evening economy
Reducing reoffending which includes housing, employment and treatment for substance use.
The Plan was shaped by an assessment of local data and by public consultation in spring.
"""


def test_unbulleted_items_keep_which_includes_and_the_sentence_after_is_not_one():
    assert _texts(QUALIFIED_LINES) == [
        "Protecting people from harm which includes stalking, harassment, online fraud and cuckooing of vulnerable adults",
        "Safer streets which includes town centre patrols, lighting and the evening economy",
        "Reducing reoffending which includes housing, employment and treatment for substance use",
    ]


ROMAN_FROM_THREE = """The assessment recommends that the priorities
of the Safety Plan 2019/20 should stay close to those of last year, that is, tackling:
Knife and weapon
related crime
Youth anti-social behaviour
III. Fraud against
older residents
IV. Hate crime
The changes were discussed by the scrutiny panel in March.
"""


def test_roman_numbers_starting_mid_list_and_wrapped_lines():
    doc, records = _run(ROMAN_FROM_THREE)
    assert [r.text for r in records] == [
        "Knife and weapon related crime",
        "Youth anti-social behaviour",
        "Fraud against older residents",
        "Hate crime",
    ]
    assert {(r.period_start, r.period_end) for r in records} == {(2019, 2020)}
    _assert_spans_hold_text(doc, records)


DOT_BULLETS = """The new strategy has four key priorities, which are:

. reducing violence in the night-time economy

. supporting victims of domestic abuse.

. tackling shoplifting and retail crime

. keeping older people safe from scams,

The council will publish a delivery plan in the autumn.
"""


def test_lone_full_stop_bullets_are_stripped():
    assert _texts(DOT_BULLETS) == [
        "reducing violence in the night-time economy",
        "supporting victims of domestic abuse",
        "tackling shoplifting and retail crime",
        "keeping older people safe from scams",
    ]


def test_focus_areas_after_a_news_sentence():
    text = (
        "The commissioner has refreshed the plan for the force.\n"
        "The focus areas are:\n- Safer Roads\n- Rural and Wildlife Crime\n- Support for Victims\n"
        "The commissioner said the plan would be reviewed each year.\n"
    )
    assert _texts(text) == ["Safer Roads", "Rural and Wildlife Crime", "Support for Victims"]


CORE_AIMS = """Our Corporate Plan 2025-28

How we will behave

We promise that we will:

  • Listen to residents before every big decision.
  • Publish what we spend.

Our core aims

We will:

  1. Build homes that local families can afford.
  2. Keep the district's roads and paths in good repair.
  3. Help every child start school ready to learn.
"""


def test_numbered_aims_under_a_core_aims_heading_and_not_the_promises_above():
    assert _texts(CORE_AIMS) == [
        "Build homes that local families can afford",
        "Keep the district's roads and paths in good repair",
        "Help every child start school ready to learn",
    ]


def test_a_count_ending_the_intro_sets_outcomes_even_after_to_achieve():
    text = (
        "The Wellbeing Strategy aims to achieve three key outcomes:\n\n"
        "  1. Residents will live longer, healthier lives\n"
        "  2. Residents will feel part of their neighbourhood\n"
        "  3. Residents will get help early when they need it\n"
    )
    assert _texts(text) == [
        "Residents will live longer, healthier lives",
        "Residents will feel part of their neighbourhood",
        "Residents will get help early when they need it",
    ]


def test_inline_list_after_a_counted_clause_and_a_semicolon():
    text = (
        "•  Four main outcomes were set out in the strategy; reduce harm from drugs, protect children "
        "from exploitation (to include online grooming, county lines and trafficking), cut repeat "
        "burglary and deliver the Prevent duty across the borough.\n"
    )
    assert _texts(text) == [
        "reduce harm from drugs",
        "protect children from exploitation (to include online grooming, county lines and trafficking)",
        "cut repeat burglary",
        "deliver the Prevent duty across the borough",
    ]


def test_inline_list_which_include_splits_the_last_and():
    text = (
        "Bids must show how a project meets the board's priority areas which include knife crime, "
        "youth violence and water safety.\n"
    )
    assert _texts(text) == ["knife crime", "youth violence", "water safety"]


def test_inline_list_splits_the_last_and_before_the_word_shaped_like_the_items():
    text = (
        "Every bid showed how it fitted the council's priorities which are improving air quality, "
        "helping young people into work and training and building homes for local families.\n"
    )
    assert _texts(text) == [
        "improving air quality",
        "helping young people into work and training",
        "building homes for local families",
    ]


def test_items_before_a_dash_that_names_them():
    text = (
        "Part of the budget pays for statutory services, but it also funds work to cut burglary, "
        "knife crime, rural theft and improve road safety – the community priorities in the "
        "2022-26 Police and Crime Plan.\n"
    )
    doc, records = _run(text)
    assert [r.text for r in records] == ["cut burglary", "knife crime", "rural theft", "improve road safety"]
    assert records[0].plan == "Police and Crime Plan"
    assert (records[0].period_start, records[0].period_end) == (2022, 2026)


FLAT_TABLE = """How does the borough compare with its neighbours?

2024-25 Priority

2023-24 Rank

Knife crime

4th

Shoplifting

11th

Hate crime

7th

What we will do next
"""


def test_the_priority_column_of_a_table_flattened_one_cell_per_line():
    doc, records = _run(FLAT_TABLE)
    assert [r.text for r in records] == ["Knife crime", "Shoplifting", "Hate crime"]
    assert {(r.period_start, r.period_end) for r in records} == {(2024, 2025)}


TWO_LEVEL = """Our plan says we will work with partners to:

  • Support families to:
    • get help early
    • stay together safely
  • Grow the local economy so that:
    • town centres thrive
  • Run a council that is:
    • open and accountable

These outcomes were agreed after a long consultation with residents.
"""


def test_a_sentence_after_a_two_level_list_names_its_stems_as_outcomes():
    assert _texts(TWO_LEVEL)[:3] == [
        "Support families to",
        "Grow the local economy so that",
        "Run a council that is",
    ]


FLATTENED_SUB_LIST = """The main points of the presentation were:
- The strategy is built on listening to residents and partners over two years
- The three main priorities of the
strategy are:
- Good housing for everyone
- Healthy ageing
- Safe and welcoming parks
- The priorities will be reviewed after two years in the light of new data.
"""


def test_a_bullet_ending_in_a_colon_opens_a_flattened_sub_list():
    assert _texts(FLATTENED_SUB_LIST) == [
        "Good housing for everyone",
        "Healthy ageing",
        "Safe and welcoming parks",
    ]


CROSS_CUTTING_TOPICS = """Partnership priorities
The assessment suggests that the 2025/26 priority areas of the partnership should be:
- Robbery
- Violence in public places
Besides these priority areas, the following crosscutting topics will be kept in view when tackling them. This is because the data links them to most of the harm we see:
- Alcohol
- Exploitation of young people
"""


def test_cross_cutting_topics_named_the_sentence_before_an_explanation():
    records = _run(CROSS_CUTTING_TOPICS)[1]
    assert [(r.kind, r.text) for r in records] == [
        ("priority", "Robbery"),
        ("priority", "Violence in public places"),
        ("cross_cutting_theme", "Alcohol"),
        ("cross_cutting_theme", "Exploitation of young people"),
    ]
    assert {(r.period_start, r.period_end) for r in records} == {(2025, 2026)}


NAMED_BELOW = """The Police and Crime Plan was written after the commissioner listened to residents. It is summarised under the four priorities below, though it reaches further.

Safer Lanes - To make rural roads safer for walkers, riders and drivers alike at all times

Visible Policing - To make sure officers are seen and known in every town and village

Victims First - To give every victim of crime the support they need to cope and recover
"""


def test_a_paragraph_pointing_below_introduces_name_and_purpose_lines():
    assert _texts(NAMED_BELOW) == ["Safer Lanes", "Visible Policing", "Victims First"]


# One document per list form, and what its finder alone must find there.
FORM_EXAMPLES = {
    "status": ("Reducing knife crime\nPriority status: On track\n\nSafer roads\nPriority status: Amber\n", 2),
    "headings": ("Priority 1 – Safer streets\nText.\n\nPriority 2 – Fewer burglaries\nText.\n", 2),
    "table": ("Priority | Status\nSafer streets | Green\nFewer burglaries | Amber\n", 2),
    "columns": (FLAT_TABLE, 3),
    "block": (DOT_BULLETS, 4),
    "inline": ("The plan's priorities are fraud, arson and hate crime.\n", 3),
    "trailing": ("It funds work to cut burglary, arson, fraud and theft – the priorities of the plan.\n", 4),
}


@pytest.mark.parametrize("form", [f for f in LIST_FORMS if f.name != "grid"], ids=lambda f: f.name)
def test_each_list_form_is_found_by_its_own_finder(form):
    text, count = FORM_EXAMPLES[form.name]
    doc = _run(text)[0]
    page = Page(doc, doc.text, lists.split_lines(doc.text), lambda a, b: True)
    assert any(len(r.items) == count for r in form.find(page)), form.name


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "The partnership's priorities this year are burglary, hate crime and youth violence.\n",
            ["burglary", "hate crime", "youth violence"],
        ),
        (
            "One priority is to cut arson. The remaining priorities are fraud; stalking; theft and scams.\n",
            ["fraud", "stalking", "theft", "scams"],
        ),
        (
            "The board agreed two main priorities: safer parks; and cleaner streets.\n",
            ["safer parks", "cleaner streets"],
        ),
        (
            "The three areas of focus will be knife crime, fraud and road safety.\n",
            ["knife crime", "fraud", "road safety"],
        ),
        (
            "The partnership will concentrate on three key issues for 2019-20:\n\n• Knife crime\n• Fraud\n• Arson\n",
            ["Knife crime", "Fraud", "Arson"],
        ),
        (
            "The board chose three priority areas selected for joint action:\n\n• Knife crime\n• Fraud\n• Arson\n",
            ["Knife crime", "Fraud", "Arson"],
        ),
        ("The suggested focus areas were:\n\n- Knife crime\n- Fraud\n", ["Knife crime", "Fraud"]),
        (
            "Our priorities are:\n\n1. Safer streets\nWork with the police on patrols.\nFund more street lighting.\n"
            "2. Fewer scams\nRun talks for older residents.\n3. Cleaner parks\nClear litter every week.\n",
            ["Safer streets", "Fewer scams", "Cleaner parks"],
        ),
        (
            "Our priorities are:\n\n· Safer streets\n   o more patrols\n   o better lighting\n· Fewer scams\n   o talks\n",
            ["Safer streets", "Fewer scams"],
        ),
        (
            "Our priorities are:\n\n• Acquisitive crime – to include burglary, robbery, theft of and from vehicles\n"
            "• Violent crime – to include knife crime, gang violence and assaults in the night-time economy\n",
            [
                "Acquisitive crime – to include burglary, robbery, theft of and from vehicles",
                "Violent crime – to include knife crime, gang violence and assaults in the night-time economy",
            ],
        ),
    ],
    ids=[
        "inline-with-scope",
        "inline-semicolons",
        "agreed-two",
        "areas-of-focus",
        "key-issues-for-a-year",
        "areas-for-joint-action",
        "suggested-focus-areas",
        "numbered-items-with-action-lines",
        "o-sub-bullets",
        "to-include-kept-whole",
    ],
)
def test_issue_forms(text, items):
    assert _texts(text) == items
