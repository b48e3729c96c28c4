"""Priorities extractor: numbered report paragraphs as intros; coded items; intros with other verbs; inline semicolons; wrapped table rows; tables without outer pipes; inline lists wrapped in minutes; front sheets and figures."""

from __future__ import annotations

import pytest

from tests.extractors.priorities.helpers import (
    _assert_spans_hold_text,
    _run,
    _texts,
)

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
