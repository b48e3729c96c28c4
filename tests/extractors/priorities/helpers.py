"""Shared helpers of the priorities tests."""

from __future__ import annotations

from pathlib import Path

from extractors.priorities import extract
from pipeline.normalise import document_from_text

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


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


PARENTHESIS_NUMBERS = """Brackenshire Community Safety Partnership priority areas 2024 to 2027:
1) Serious violence
2) Drug-related harm
3) Hate crime
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


INLINE_SEMICOLONS = (
    "In March the Board confirmed that its priorities for 2022-25 are: tackling knife crime; reducing "
    "alcohol-related harm; and improving community cohesion. These will be reviewed each year."
)


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


LETTERED = """2.3 The strategic priorities agreed by the partnership are:
(a) tackling hate crime and community tensions;
(b) preventing radicalisation and extremism;
(c) supporting victims of anti-social behaviour.
"""


HEADINGS_PRIORITIES_AND_CROSS_CUTTING = """Priority areas

• Serious violence
• Exploitation of children and vulnerable adults
• Anti-social behaviour

Cross-cutting themes

• Supporting victims
• Early intervention and prevention
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
