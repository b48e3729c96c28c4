"""Context of a priority list: the plan it belongs to, the years it covers, the count it states.

Example: "The Safer Borough Plan 2023-2026 sets out three priorities:" gives plan
"Safer Borough Plan", period (2023, 2026) and a stated count of 3. When the introducing
sentence names neither, the nearest plan mention before the list does.
"""

from __future__ import annotations

import re

from extractors.common.text import NUMBER_WORDS, fold
from extractors.priorities.lists import Item, Line, RawList, is_heading

# "2023/24 to 2025/26" runs from the first financial year to the end of the last.
_FY_TAIL = r"/\d\d(?=\s*(?:[-–—]|to)\s*(?:19|20)\d\d/\d\d)"
_YEAR_RANGE = (
    rf"(?P<y1>(?:19|20)\d\d)(?:{_FY_TAIL})?\s*(?:[-–—/]|to)\s*(?P<y2>(?:19|20)?\d\d)(?:/(?P<y3>\d\d))?(?!\d)"
)
_CONNECT = r"(?:[\s(,:]+(?:for|the|year|years|period|from|covering|covers|cover|runs|run|ran|running|which|will|over|of|is))*"
_ANCHOR = r"(?:plan|strategy|agreement|priorities|priority(?:\s+(?:areas?|themes?|outcomes?))?|programme|themes|outcomes|objectives)"
_RANGE = re.compile(_YEAR_RANGE)
# A period after its plan or list ("Plan for YYYY to YYYY", "priorities for the year (YYYY-YY)")
# or before a plan name ("YYYY-YY Safety Plan").
_PERIOD_AFTER = re.compile(rf"(?i:{_ANCHOR})\b{_CONNECT}[\s(,:]+{_YEAR_RANGE}")
_PERIOD_BEFORE = re.compile(
    rf"{_YEAR_RANGE}(?:\s+[A-Z][\w'’&]*){{0,4}}\s+(?:Plan|Strategy|Agreement|[Pp]riorit(?:y|ies))\b"
)
_PLAN_NAME = re.compile(
    r"\b(?P<name>[A-Z][\w'’&]*(?:[ \t\n]+(?:[A-Z][\w'’&]*|and|&|of)){0,6}?[ \t\n]+"
    r"(?:Plan|Strategy|Agreement|Programme))\b"
)
_COUNT = re.compile(
    rf"(?i)\b(?P<n>\d{{1,2}}|{'|'.join(list(NUMBER_WORDS)[1:])})\s+"
    r"(?:(?:key|main|strategic|overarching|core|new|existing|current|identified|cross[- ]cutting|priority)\s+){0,2}"
    r"(?:priorities|priority areas|themes|strands|outcomes|objectives)\b"
)
_LEADING = re.compile(r"^(?:The|This|A|Our|Its|Their|Current|New|Draft|Proposed|Existing)\s+")
_ACTION_PLAN = re.compile(r"(?i)action\s+plan")
_MONEY = re.compile(r"£\s?\d")
AFTER_WINDOW = 1500  # chars after a list searched for its plan's period stated with the plan's name
CONTEXT_WINDOW = 4000  # chars before a list searched for the plan it belongs to
MAX_PLAN_YEARS = 10


def has_count(sentence: str) -> bool:
    return bool(_COUNT.search(sentence))


def stated_count(intro: str, kind: str) -> int | None:
    """The number of items the intro announces for this kind of list ("all N priorities are
    underpinned by M cross-cutting themes": N priorities, M themes)."""
    cross = kind == "cross_cutting_theme"
    found = [m for m in _COUNT.finditer(intro) if bool(re.search(r"(?i)cross", m.group(0))) == cross]
    if not found:
        return None
    n = found[-1].group("n").lower()
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def fit_count(raw: RawList, count: int | None) -> list[Item]:
    """Use a stated count to choose among segmentations and cut overlong lists."""
    if not count:
        return raw.items
    for seg in [raw.items, *raw.alternatives]:
        if len(seg) == count:
            return seg
    return raw.items[:count] if len(raw.items) > count else raw.items


def plan_and_period(
    text: str, intro: str, sentence: str, start: int, reporting: bool = False, after: int | None = None
) -> tuple[str | None, tuple[int, int] | None]:
    """Plan name and period: from the intro, else the nearest mention before the list.

    `sentence` is the intro's last sentence. A plan named with the period beats a plan named
    elsewhere, and a list whose own intro dates it takes no plan name from other paragraphs.
    A bare year in a progress report's intro ("progress in the third quarter of YYYY/YY") is
    when it reported, never the plan period, so there only a period stated with its plan or
    list counts."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    # A year range in a sentence about money dates the funding ("grants available in YYYY-YY").
    bare = None if reporting or not intro or _MONEY.search(sentence) else _any_period(sentence)
    found = _last_period(intro) or bare
    if found:
        return found[1] or _last_plan(intro), found[0]
    found = _last_period(window)
    if found:
        return found[1] or _last_plan(intro) or _last_plan(window), found[0]
    plan = _last_plan(intro) or _last_plan(window)
    if plan and not reporting:
        # The plan's years stated elsewhere: in a sentence about the plan before the list
        # ("the plan states what we aim to do over the next three years (YYYY - YYYY)") or with
        # its name after it (a closing "Council Plan YYYY - YYYY" line).
        later = text[after : after + AFTER_WINDOW] if after is not None else ""
        period = _plan_sentence_period(window, plan) or _named_period(later, plan)
        if period:
            return plan, period
        # "The Plan" in the intro may mean another plan named before it: any plan named
        # before the list whose years are stated with its name after it.
        for other in _plans(window):
            if period := _named_period(later, other):
                return other, period
    return plan, None


def _plans(s: str) -> list[str]:
    """Plan names mentioned in s, most mentioned first."""
    names = [_LEADING.sub("", fold_intro(m.group("name"))) for m in _PLAN_NAME.finditer(s)]
    names = [n for n in names if " " in n and not re.match(r"(?i)action plan$", n)]
    return sorted(dict.fromkeys(names), key=lambda n: -names.count(n))  # ties: first named first


def _plan_sentence_period(window: str, plan: str) -> tuple[int, int] | None:
    """The last year range in a sentence of `window` that names `plan` (any case)."""
    for sent in reversed(re.split(r"(?<=[.!?])\s+|\n\s*\n", window)):
        if plan.lower() in fold(sent).lower() and (found := _any_period(sent)):
            return found[0]
    return None


def _named_period(s: str, plan: str) -> tuple[int, int] | None:
    """A period stated with `plan`'s own name in s ("Council Plan 2022 - 2027")."""
    for m in [*_PERIOD_AFTER.finditer(s), *_PERIOD_BEFORE.finditer(s)]:
        near = fold(s[max(0, m.start() - 80) : m.end() + 80]).lower()
        if plan.lower() in near and (years := _years(m)):
            return years
    return None


def _last_period(s: str) -> tuple[tuple[int, int], str | None] | None:
    """The last plan period stated in s, with the plan named next to it if any. An action
    plan's year ("the action plan for YYYY/YY") dates the actions, not the plan."""
    found = sorted([*_PERIOD_AFTER.finditer(s), *_PERIOD_BEFORE.finditer(s)], key=lambda m: m.end())
    for m in reversed(found):
        if _action_plan_year(s, m):
            continue
        if years := _years(m):
            return years, _last_plan(s[max(0, m.start() - 150) : m.end()])
    return None


def _action_plan_year(s: str, m: re.Match) -> bool:
    """Whether a matched period dates an action plan: "the action plan for YYYY/YY" or
    "YYYY/YY Action Plan", but not "the YYYY-YY Safety Plan Action Plan" (the plan's)."""
    if _ACTION_PLAN.fullmatch(s, max(0, m.start() - 7), m.start() + 4):
        return True
    named = m.group(0)
    return bool(_ACTION_PLAN.search(named)) and not re.search(
        r"(?i)\b(?:plan|strategy)\b.*\baction\s+plan", named
    )


def _any_period(sentence: str) -> tuple[tuple[int, int], None] | None:
    """Any year range in the introducing sentence itself ("In YYYY/YY the priorities were:")."""
    for m in reversed(list(_RANGE.finditer(sentence))):
        if years := _years(m):
            return years, None
    return None


def _years(m: re.Match) -> tuple[int, int] | None:
    """A span of years: a four-digit end, or two digits completing the start's century;
    None unless the span is plausible for a plan."""
    y1, y2 = int(m.group("y1")), m.group("y2")
    end = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    if m.group("y3") and len(y2) == 4:
        end = (end // 100) * 100 + int(m.group("y3"))
    return (y1, end) if 0 < end - y1 <= MAX_PLAN_YEARS else None


def _last_plan(s: str) -> str | None:
    names = [m.group("name") for m in _PLAN_NAME.finditer(s)]
    names = [n for n in names if not re.match(r"(?i)action plan$", n.strip())]
    names = [_LEADING.sub("", fold_intro(n)) for n in names]
    names = [n for n in names if " " in n]  # a bare "Plan" names nothing
    return names[-1] if names else None


def heading_above_paragraph(text: str, lines: list[Line], a: int) -> str:
    """The heading (short stand-alone line) just above the paragraph starting at line a."""
    k = a - 1
    while k >= 0 and lines[k].kind in ("blank", "stray"):
        k -= 1
    if k >= 0 and is_heading(lines[k]) and (k == 0 or lines[k - 1].kind == "blank"):
        return lines[k].text
    return ""


def line_at(lines: list[Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def fold_intro(s: str) -> str:
    """Whitespace folded, a leading bullet or paragraph number dropped."""
    return re.sub(r"^(?:•\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?", "", fold(s))
