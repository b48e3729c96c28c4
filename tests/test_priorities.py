"""Priorities extractor: list forms, which lists count, context, themes, restatements.

Every excerpt below is written for these tests in the genre of council committee papers
(invented councils and wording), so they test the rules rather than the seed papers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.priorities import extract, theme_of
from schemas.document import Document, Table, document_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _run(text: str):
    doc = document_from_text(text)
    return doc, extract(doc)


def _texts(text: str) -> list[str]:
    return [r.text for r in _run(text)[1]]


def _assert_spans_hold_text(doc, records):
    """Each span holds its item; a table cell wrapped over rows holds the item's words in
    order, with the other cells of those rows between them."""
    for r in records:
        span = doc.text[r.char_start : r.char_end]
        if "|" in span or "\t" in span:
            words = iter(span.replace("|", " ").split())
            assert all(w in words for w in r.text.split()), (span, r.text)
        else:
            assert " ".join(span.split()) == r.text


# ---------------------------------------------------------------- list forms
BULLETS_WITH_COUNT = """4. Community Safety Plan

4.1 The Northfield Safer Communities Plan 2023-2026 sets out three priorities, chosen after the strategic assessment:

- Reducing serious violence and knife crime;
- Tackling domestic abuse and stalking; and
- Making the town centre safer at night.

4.2 Progress against the plan is reported to the Board each year.
"""

NUMBERED_DOTS = """Our priorities for 2021/22 are:

1. Protecting vulnerable adults from exploitation
2. Reducing reoffending among young people
3. Improving road safety around schools

The Board will review these priorities in March 2022.
"""

LETTERED = """2.3 The strategic priorities agreed by the partnership are:
(a) tackling hate crime and community tensions;
(b) preventing radicalisation and extremism;
(c) supporting victims of anti-social behaviour.
"""

ROMAN_KEY_OUTCOMES = """The plan's key outcomes are:
i. fewer people killed or seriously injured on our roads
ii. more victims of domestic violence supported to stay safe
iii. less anti-social behaviour in our parks
"""

PARENTHESIS_NUMBERS = """Brackenshire Community Safety Partnership priority areas 2024 to 2027:
1) Serious violence
2) Drug-related harm
3) Hate crime
"""

NUMBERED_HEADINGS = """Priority 1 – Tackling violence against women and girls

The partnership will expand bystander training and fund an outreach worker.

Priority 2 – Reducing harm from drugs and alcohol

Treatment places will increase by ten per cent.

Priority 3 – Keeping young people safe from
exploitation

Schools will receive targeted sessions.
"""

INLINE_SEMICOLONS = (
    "In March the Board confirmed that its priorities for 2022-25 are: tackling knife crime; reducing "
    "alcohol-related harm; and improving community cohesion. These will be reviewed each year."
)

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

UNBULLETED_LINES = """2.4 Following consultation the partnership identified five priorities for the year (2019-20). These were:

Tackling burglary and vehicle crime.
Reducing violent crime in the night-time economy.
Protecting children from sexual exploitation.
Reducing the number of people killed or seriously injured in Road Traffic

Collisions.
Tackling domestic abuse.

2.5 A copy of the plan is attached.
"""

STATUS_TABLE = """Table 2: Progress against the partnership priorities

Priority\tLead agency\tStatus
Reducing serious violence\tPolice\tOn track
Tackling drug-related harm\tPublic Health\tAmber
Safer roads\tHighways\tComplete
"""

PIPE_TABLE = """| Priority | RAG status |
|---|---|
| Reducing burglary | Green |
| Safer streets at night | Amber |
"""

FLATTENED_STATUS_COLUMNS = """The update below summarises progress on each current priority:

Reducing anti-social behaviour in
neighbourhoods

Priority Reports of nuisance fell again this year and the
status: neighbourhood teams held monthly surgeries with

Off track residents in the worst affected wards. Funding for

diversionary youth activity has not yet been confirmed.

Tackling violence against women and girls

Priority The new outreach service opened in May and has
status: supported more women than forecast. Awareness
On track sessions ran in every secondary school.
"""

STATUS_LABEL_LINES = """Reducing reoffending
Priority status: On track
The integrated offender management cohort reduced offending by a fifth.

Improving road safety
Priority status: Behind schedule
Two of the four planned school crossing schemes have been delayed.
"""

OCR_DAMAGED = """3.1 The Partnership's strategic priorities are:
e Tack1ing anti-socia1 behaviour
e Reducing domestc abuse
e Improving rnental health support
"""

HEADINGS_PRIORITIES_AND_CROSS_CUTTING = """Priority areas

• Serious violence
• Exploitation of children and vulnerable adults
• Anti-social behaviour

Cross-cutting themes

• Supporting victims
• Early intervention and prevention
"""

AS_FOLLOWS = """The strategic priorities for 2020 to 2023 are as follows.
• Fewer first-time entrants to the youth justice system
• Safer town and city centres
"""

NEUTRAL_INTRO_UNDER_HEADING = """Strategic Priorities 2025-2028

Over the next three years the partnership will concentrate on:

• Reducing knife crime
• Preventing hate crime
• Improving safety in the night-time economy
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


# ---------------------------------------------------------------- numbered report paragraphs as intros
HANGING_CODED_OCR = """7.  The Strategy sets four strategic objectives for 2024-2027. For each
    objective it lists the first year's actions:

    OB1  Cut violent crime in the night-time economy
           o  fund street pastors on Friday and Saturday nights
           o  extend taxi marshals to the station
    OB2  Protect children from exploitation
           o  train taxi drivers to spot exploitation
"""

WRAP_AT_MARGIN_DASH_EXPLANATION = """4.  The Commissioner's draft Plan is built around four strategic outcomes for
the period to 2025, each supported by key aims:

    1. Safer roads - fewer people hurt in collisions
         * expand average speed cameras
    2. Reducing reoffending
         * widen integrated offender management
"""

TWO_LEVEL_LETTERED_E_BULLETS = """3.2  The refreshed Partnership Plan 2025-2028 identifies three priority
     outcomes, with the key aims under each:
       a)  Safer town centres at night - fewer alcohol-related assaults
             e  more street marshals
             e  late-night bus checks
       b)  Less harm from drugs
             e  naloxone kits in hostels
       c)  Fewer young people drawn into violence

3.3  Members are asked to comment on the draft.
"""

BULLETS_EN_DASH_NEXT_PARAGRAPH_UNSPACED = """5. Following consultation, the Board agreed the following strategic priorities
   for 2023/24 to 2025/26:
   • Tackling domestic abuse – more survivors supported
        o refuge places
        o IDVA service
   • Reducing anti-social behaviour
        o joint patrols
   • Road safety – fewer deaths on rural roads
6. The Board will review progress annually.
"""

UNBULLETED_UNDER_NUMBERED_PARAGRAPH = """1.  The Partnership published its strategic assessment in March. It found rises in
shoplifting and in drug-related violence.

2.  The Safer Streets Strategy 2022-2025 has four key themes, which
are:

        Neighbourhood crime
        Violence against women and girls
        Hate crime
        Cyber crime

3.  The themes were chosen after the strategic assessment.
"""


@pytest.mark.parametrize(
    "text, expected, period",
    [
        (
            HANGING_CODED_OCR,
            ["Cut violent crime in the night-time economy", "Protect children from exploitation"],
            (2024, 2027),
        ),
        (
            WRAP_AT_MARGIN_DASH_EXPLANATION,
            ["Safer roads - fewer people hurt in collisions", "Reducing reoffending"],
            (None, None),
        ),
        (
            TWO_LEVEL_LETTERED_E_BULLETS,
            [
                "Safer town centres at night - fewer alcohol-related assaults",
                "Less harm from drugs",
                "Fewer young people drawn into violence",
            ],
            (2025, 2028),
        ),
        (
            BULLETS_EN_DASH_NEXT_PARAGRAPH_UNSPACED,
            [
                "Tackling domestic abuse – more survivors supported",
                "Reducing anti-social behaviour",
                "Road safety – fewer deaths on rural roads",
            ],
            (2023, 2026),
        ),
        (
            UNBULLETED_UNDER_NUMBERED_PARAGRAPH,
            ["Neighbourhood crime", "Violence against women and girls", "Hate crime", "Cyber crime"],
            (2022, 2025),
        ),
    ],
    ids=[
        "hanging indent, codes, OCR o",
        "wrap at margin, title - explanation",
        "3.2 with OCR e",
        "bullets, en dash",
        "unbulleted",
    ],
)
def test_numbered_paragraph_ending_in_a_colon_introduces_the_list_indented_under_it(text, expected, period):
    doc, records = _run(text)
    assert [r.text for r in records] == expected
    assert {(r.kind, r.period_start, r.period_end) for r in records} == {("priority", *period)}
    _assert_spans_hold_text(doc, records)


def test_numbered_paragraph_introducing_actions_yields_nothing():
    text = """6.  To deliver its priorities the Partnership will, over the coming
    year:
     1. fund two more outreach workers
     2. commission a new perpetrator programme
"""
    assert _texts(text) == []


def test_numbered_items_ending_in_a_colon_under_an_intro_stay_items():
    text = """Our priorities for 2024-25 are:

1. Reducing violence, for which the partnership will:
     • fund street pastors
2. Protecting children, for which the partnership will:
     • train taxi drivers
"""
    assert [t.split(",")[0] for t in _texts(text)] == ["Reducing violence", "Protecting children"]


def test_report_paragraphs_before_and_after_a_numbered_intro_are_not_items():
    text = """6.  The Partnership published its strategic assessment in March. It found rises in
    shoplifting and in drug-related violence.

7.  The Strategy sets three strategic objectives for the years
    2024-2027:

    1.  Cut violent crime in the night-time economy
           o  fund street pastors
    2.  Protect children from exploitation
    3.  Reduce shoplifting - working with retailers

8.  Progress will be reported to this committee each year.
"""
    assert _texts(text) == [
        "Cut violent crime in the night-time economy",
        "Protect children from exploitation",
        "Reduce shoplifting - working with retailers",
    ]


# ---------------------------------------------------------------- coded items
CODED_P = """The Northbay Community Safety Strategy 2023-2026 has three strategic priorities. Each priority is delivered through a small number of actions:

P1 Reduce harm from drugs and alcohol
   - naloxone training for hostel staff
P2 Reduce anti-social behaviour
   - joint patrols with park rangers
P3 Tackle violence against women and girls
   - Ask for Angela in venues
"""

LETTERED_PRIORITY_LABELS = """The Board agreed the following priorities for the 2022-2025 Strategy:

Priority A: Healthy weight in children
    • more school sport
Priority B: Mental wellbeing of adults
    • social prescribing
Priority C: Fewer people smoking
    • stop smoking service in pharmacies
"""

OBJECTIVE_LABELS = """The Youth Justice Plan sets three objectives for 2025-2028:

Objective 1: Fewer first-time entrants
    • early help referrals
Objective 2: Less reoffending by children
    • restorative justice
Objective 3: Children safe from exploitation
    • contextual safeguarding
"""


@pytest.mark.parametrize(
    "text, expected, period",
    [
        (
            CODED_P,
            [
                "Reduce harm from drugs and alcohol",
                "Reduce anti-social behaviour",
                "Tackle violence against women and girls",
            ],
            (2023, 2026),
        ),
        (
            LETTERED_PRIORITY_LABELS,
            ["Healthy weight in children", "Mental wellbeing of adults", "Fewer people smoking"],
            (2022, 2025),
        ),
        (
            OBJECTIVE_LABELS,
            ["Fewer first-time entrants", "Less reoffending by children", "Children safe from exploitation"],
            (2025, 2028),
        ),
    ],
    ids=["P codes", "Priority A", "Objective 1"],
)
def test_coded_items_introduced_as_a_plans_priorities_or_objectives_form_a_list(text, expected, period):
    doc, records = _run(text)
    assert [r.text for r in records] == expected
    assert {(r.kind, r.period_start, r.period_end) for r in records} == {("priority", *period)}
    _assert_spans_hold_text(doc, records)


@pytest.mark.parametrize(
    "intro",
    [
        "The objectives of this report are:",
        "This report has two objectives:",
        "The two key objectives are to:",
    ],
)
def test_objectives_of_a_report_are_not_priorities(intro):
    assert _texts(f"{intro}\n\n1. To update members on progress\n2. To seek approval for the budget\n") == []


# ---------------------------------------------------------------- intros with other verbs
@pytest.mark.parametrize(
    "intro",
    [
        "The needs assessment and the survey support five priorities for the new Plan:",
        "The draft Strategy is built around five strategic outcomes, each supported by key aims:",
        "The draft Plan proposes five priorities. Each is backed by a set of actions, a few of which are shown below:",
        "The board has agreed five priorities for 2025-26. These are listed below with the main actions under each:",
    ],
)
def test_intro_with_other_verbs_or_a_note_about_sub_items_introduces_the_priorities(intro):
    body = "".join(
        f"({i}) {p}\n      • an action for it\n"
        for i, p in enumerate(
            ["Safer streets", "Safer homes", "Safer online", "Safer roads", "Safer nights"], 1
        )
    )
    assert _texts(f"{intro}\n\n{body}") == [
        "Safer streets",
        "Safer homes",
        "Safer online",
        "Safer roads",
        "Safer nights",
    ]


def test_supporting_priorities_set_elsewhere_still_governs_an_action_list():
    text = "To support the three priorities, partners will:\n\n• share data monthly\n• run joint patrols\n"
    assert _texts(text) == []


# ---------------------------------------------------------------- inline semicolons
def test_inline_semicolon_list_of_an_earlier_plan_takes_that_plans_period():
    text = (
        "Looking back, the 2014-2017 Plan had three priorities: cutting car crime; reducing street drinking; "
        "and tackling hate crime. Two of them remain."
    )
    _, records = _run(text)
    assert [r.text for r in records] == [
        "cutting car crime",
        "reducing street drinking",
        "tackling hate crime",
    ]
    assert {(r.period_start, r.period_end) for r in records} == {(2014, 2017)}


def test_cross_cutting_themes_with_a_verb_phrase_before_the_colon():
    text = "Three cross-cutting themes underpin each of the priorities: prevention; partnership working; and data."
    _, records = _run(text)
    assert [(r.text, r.kind) for r in records] == [
        ("prevention", "cross_cutting_theme"),
        ("partnership working", "cross_cutting_theme"),
        ("data", "cross_cutting_theme"),
    ]


# ---------------------------------------------------------------- wrapped table rows
WRAPPED_TAB_TABLE = (
    "Progress on the Safer Fenwick Plan priorities:\n\n"
    "| Priority | Status |\n|---|---|\n"
    "| Making the night-time economy | On track |\n| safer for women | |\n"
    "| Reducing drug-related | Ahead of |\n| harm | target |\n"
    "| Safer roads | Off track |\n"
)


def test_table_row_wrapped_over_lines_is_one_item_with_its_whole_status():
    doc, records = _run(WRAPPED_TAB_TABLE)
    assert [(r.text, r.status) for r in records] == [
        ("Making the night-time economy safer for women", "On track"),
        ("Reducing drug-related harm", "Ahead of target"),
        ("Safer roads", "Off track"),
    ]
    _assert_spans_hold_text(doc, records)


def test_table_rows_starting_with_capitals_and_their_own_status_stay_apart():
    text = "| Priority | Status |\n|---|---|\n| Violence and | Green |\n| Exploitation | Amber |\n"
    assert [r.text for r in _run(text)[1]] == ["Violence and", "Exploitation"]


# ---------------------------------------------------------------- tables without outer pipes
NO_OUTER_PIPES = """5. The Harwick Safer Streets Plan 2022-2025 sets three priorities. The Board's
   assessment of progress at the end of quarter 3 is:

   Priority                              | Status
{rule}   Protecting older people from scams    | On track
   Tackling rural crime                  | Some concerns
   Reducing knife crime                  | Off track

6. The next update is due in June.
"""


@pytest.mark.parametrize(
    "rule",
    [
        "   --------------------------------------+--------------\n",
        "   --------------------------------------|--------------\n",
        "   ======================================+==============\n",
        "   -------------------------------------- --------------\n",
        "",
    ],
    ids=["plus rule", "pipe rule", "double rule", "spaced rule", "no rule"],
)
def test_two_column_pipe_table_without_outer_pipes_gives_items_with_status(rule):
    doc, records = _run(NO_OUTER_PIPES.format(rule=rule))
    assert [(r.text, r.status) for r in records] == [
        ("Protecting older people from scams", "On track"),
        ("Tackling rural crime", "Some concerns"),
        ("Reducing knife crime", "Off track"),
    ]
    assert {(r.plan, r.period_start, r.period_end) for r in records} == {
        ("Harwick Safer Streets Plan", 2022, 2025)
    }
    _assert_spans_hold_text(doc, records)


NUMBERED_RAG_TABLE = """The plan sets three priorities for 2024-25. Progress at the end of quarter 1 is shown below.

   No. | Priority                                          | RAG   | Comment
   ----+---------------------------------------------------+-------+-----------------------------
   1   | Reduce first-time entrants to the justice system  | Green | 12 FTEs in the year, down 20%
   2   | Reduce reoffending by children                    | Amber | Binary rate 30.1%
   3   | Keep children in education                        | Red   |
"""


def test_numbered_rag_table_takes_the_priority_column_and_ignores_figures_in_comments():
    doc, records = _run(NUMBERED_RAG_TABLE)
    assert [(r.text, r.status, r.rank) for r in records] == [
        ("Reduce first-time entrants to the justice system", "Green", 1),
        ("Reduce reoffending by children", "Amber", 2),
        ("Keep children in education", "Red", 3),
    ]
    assert {(r.period_start, r.period_end) for r in records} == {(2024, 2025)}
    _assert_spans_hold_text(doc, records)


def test_rows_wrapped_under_empty_leading_cells_and_ruled_apart_stay_one_item_each():
    text = (
        "The Safer Downs Plan 2023-2026 has three priorities. Their RAG status at year end:\n\n"
        "Ref | Priority                           | RAG rating | Commentary\n"
        "----+------------------------------------+------------+------------------\n"
        "P1  | Reduce violence in the night-time  | Green      | 31 fewer assaults\n"
        "    | economy                            |            | than last year\n"
        "----+------------------------------------+------------+------------------\n"
        "P2  | Tackle fraud against older         | Amber      | 40% of victims\n"
        "    | residents                          |            | repeat victims\n"
        "----+------------------------------------+------------+------------------\n"
        "P3  | Safer roads                        | Red        | 9 KSIs\n"
    )
    doc, records = _run(text)
    assert [(r.text, r.status) for r in records] == [
        ("Reduce violence in the night-time economy", "Green"),
        ("Tackle fraud against older residents", "Amber"),
        ("Safer roads", "Red"),
    ]
    _assert_spans_hold_text(doc, records)


@pytest.mark.parametrize(
    "text",
    [
        "Members noted the priorities. The vote was carried 5 | 4.\nNothing else | here.\n",
        "Our priorities are set out below.\n\nPriority | Lead officer said this was unclear\n",
    ],
    ids=["pipes in prose", "lone pipe line"],
)
def test_a_single_pipe_without_a_table_around_it_is_no_table(text):
    assert _texts(text) == []


# ---------------------------------------------------------------- inline lists wrapped in minutes
@pytest.mark.parametrize(
    ("text", "expected", "plan", "period"),
    [
        (
            "     Ms Khan explained that the Partnership Plan 2015-16 had been refreshed\n"
            "     following the strategic assessment, and that the Partnership's priorities\n"
            "     for the year were reducing burglary; tackling alcohol misuse; keeping the\n"
            "     high street safe at night; and reducing re-offending.\n",
            [
                "reducing burglary",
                "tackling alcohol misuse",
                "keeping the high street safe at night",
                "reducing re-offending",
            ],
            "Partnership Plan",
            (2015, 2016),
        ),
        (
            "Mr Jones said that the priorities for 2019/20\nwere reducing burglary, tackling\n"
            "alcohol misuse and reducing re-offending.\n",
            ["reducing burglary", "tackling alcohol misuse", "reducing re-offending"],
            None,
            (2019, 2020),
        ),
        (
            "   The Chair noted that the Community Safety Plan 2016-2019 was in its second year and\n"
            "   that its priority\n   areas were: domestic abuse; anti-social behaviour; and road safety.\n",
            ["domestic abuse", "anti-social behaviour", "road safety"],
            "Community Safety Plan",
            (2016, 2019),
        ),
    ],
    ids=["semicolons indented", "commas", "colon, noun wrapped"],
)
def test_inline_list_in_a_minuted_sentence_wrapped_over_lines(text, expected, plan, period):
    doc, records = _run(text)
    assert [r.text for r in records] == expected
    assert {(r.plan, r.period_start, r.period_end, r.kind) for r in records} == {(plan, *period, "priority")}
    _assert_spans_hold_text(doc, records)


@pytest.mark.parametrize(
    "text",
    [
        "Our priorities\nWe are working on burglary, arson and litter this year.\n",
        "     Members asked whether the Partnership's priorities\n     for the year were still relevant"
        " and achievable.\n",
        "     The Board's priorities for the year were\n     agreed by the Executive in June, and the plan"
        " published.\n",
    ],
    ids=["heading then sentence", "judgement wrapped", "passive wrapped"],
)
def test_wrapped_sentence_about_priorities_that_lists_none_gives_nothing(text):
    assert _texts(text) == []


# ---------------------------------------------------------------- front sheets and figures
@pytest.mark.parametrize(
    "front",
    [
        "Subject: Community Safety Partnership Plan 2024-27 - emerging priorities\nMeeting: Scrutiny Panel\n"
        "Date of meeting: 9 July 2024\nWards: All\nExempt: No\n",
        "Community Safety Plan 2024-27: emerging priorities\nContributors\nOutline and recommendations\n"
        "Date: 9 July 2024\n",
    ],
    ids=["labelled title", "bare title"],
)
def test_front_sheet_title_ending_in_priorities_introduces_no_list(front):
    assert _texts(front + "\nThe panel is asked to comment.\n") == []


def test_figures_beside_the_priorities_are_not_items():
    text = "Our priorities for 2023-24 are:\n\nReducing violence\n312 violence with injury offences\nup 1\nTackling burglary\n45 burglaries\ndown 12\n"
    assert _texts(text) == ["Reducing violence", "Tackling burglary"]


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


# ---------------------------------------------------------------- seeds and invariants
@pytest.mark.parametrize("gold_path", sorted((FIXTURES / "gold").glob("*.json")), ids=lambda p: p.name[:3])
def test_seed_gold_priorities_found_and_hard_negatives_rejected(gold_path):
    gold = json.loads(gold_path.read_text())
    doc, records = _run((FIXTURES / "seeds" / gold["file"]).read_text())
    got = {_norm(r.text) for r in records}
    for g in gold.get("priorities", []):
        if not g.get("optional"):
            assert {_norm(g["text"]), *map(_norm, g.get("aliases", []))} & got, g["text"]
    for n in gold.get("not_priorities") or []:
        assert _norm(n) not in got
    _assert_spans_hold_text(doc, records)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


_WORDS = st.sampled_from(
    [
        "priorities",
        "Priority",
        "1",
        "2",
        "–",
        ":",
        "are",
        "•",
        "status:",
        "On",
        "track",
        "Cross",
        "cutting",
        "themes",
        "\t",
        "|",
        "Plan",
        "2024-27",
        "duty",
        "(a)",
        "the",
        "and",
        ";",
        ",",
        ".",
        "\n",
        "\n\n",
        "-",
        "Tackle",
        "ASB",
        "re-offending",
        "e",
        "which",
        "include",
        "four",
        "strands",
        "of",
        "cross-cutting",
        "Status (Q2 2030/31)",
        "Green",
        "for 2020/21:",
        "7.",
        "    ",
        "o",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_WORDS, max_size=80).map(" ".join), st.text(max_size=300)))
def test_extractor_never_raises_and_spans_hold_the_item(text):
    doc, records = _run(text)
    _assert_spans_hold_text(doc, records)
    for r in records:
        assert r.kind in ("priority", "cross_cutting_theme") and r.rank >= 1
