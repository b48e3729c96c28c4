"""Priorities and cross-cutting themes that a plan or strategy sets, one row per list item.

Example: "The Community Safety Plan for 2024 to 2027 will contain four priorities:" followed
by "• Tackle Drugs and Alcohol." ... gives four rows with plan "Community Safety Plan",
period 2024-2027, kind "priority", rank 1-4 and themes from extractors/data/themes.toml.

`extractors._lists` finds lists and their items from layout alone; this module decides
which lists are priorities from the introducing sentence or heading (spaCy Matcher on
lemmas: "the priorities are:", "Cross Cutting Themes", "key outcomes"; rejecting duties,
survey answers, memberships, actions, recommendations, "areas of interest"), reads the
plan, period and stated count around it, merges restatements of the same list, and tags
each item with a theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.matcher import Matcher

from extractors import _list_forms, _list_tables, _lists
from extractors._lists import Item, RawList
from extractors._priority_themes import theme_of
from extractors.nlp import nlp
from pipeline.document import Document
from schemas.records import Priority

# Cheap pre-filter before any spaCy work: an intro must mention one of these.
_CUE = re.compile(r"(?i)priorit|theme|strand|outcome")
_KEY_ADJ = ["key", "strategic", "main", "overarching", "core", "thematic", "identified"]
_LIST_NOUNS = ["theme", "outcome", "strand"]
_CROSS_NOUNS = {"LEMMA": {"IN": ["theme", "priority"]}}
TRIGGERS = {
    "PRIORITY": [
        [{"LOWER": "priorities"}],
        [{"LOWER": "priority"}, {"LEMMA": {"IN": ["area", "theme", "outcome", "strand"]}}],
        [{"LOWER": {"IN": _KEY_ADJ}}, {"LEMMA": {"IN": _LIST_NOUNS}}],
        [{"LIKE_NUM": True}, {"LEMMA": {"IN": _LIST_NOUNS}}],
    ],
    "CROSS": [
        [{"LOWER": "cross"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "cutting"}, _CROSS_NOUNS],
        [{"LOWER": {"IN": ["crosscutting", "cross-cutting"]}}, _CROSS_NOUNS],
    ],
}
# Lemmas that make a list something else wherever they appear in the introducing sentence:
# duties, survey answers, memberships, recommendations, "ways you can help", interests.
HARD_NEGATIVE = {
    "duty", "statutory", "require", "respondent", "survey", "questionnaire", "poll", "feel", "felt",
    "tell", "vote", "recommendation", "membership", "interest", "you", "your", "comprise", "consist",
    "question", "discuss", "raise",
}  # fmt: skip
# Nouns that name another kind of list when they are the sentence's subject ("Activities
# under the other priorities include:", "The review identified the following priorities for
# improvement:") or follow the priority word ("priorities are overseen by a board whose
# members are:", "for each of the priorities the following actions ...").
SUBJECT_NEGATIVE = {
    "activity", "action", "task", "step", "project", "measure", "target", "indicator", "risk", "issue",
    "topic", "point", "way", "example", "achievement", "success", "challenge", "concern", "resident",
    "review", "inspection", "audit", "inspector", "reviewer", "progress", "update", "performance", "highlight",
}  # fmt: skip
AFTER_TRIGGER_NEGATIVE = {
    "activity", "action", "task", "step", "project", "measure", "target", "indicator", "improvement", "member",
}  # fmt: skip
_SENTENCE_START = {"the", "we", "they", "this", "these", "it", "there", "our", "a", "an", "in", "as"}
_FINITE = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "must",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "these", "those", "this", "our", "its", "their", "other", "some", "all"}
_VERBISH = {
    "is", "are", "was", "were", "has", "have", "will", "can", "should", "must", "for", "of", "in", "to",
}  # fmt: skip
# Words opening an adverbial clause before the subject ("Following consultation, the ...").
_OPENERS = {"after", "following", "before", "having", "once", "when", "since", "as", "with", "in", "at", "over"}  # fmt: skip
# Priorities as the object of a purpose ("to support these priorities, we will:").
_OBJECT_VERBS = {"support", "deliver", "achieve", "meet", "underpin", "against", "towards", "toward"}

_YEAR_RANGE = r"(?P<y1>(?:19|20)\d\d)\s*(?:[-–—/]|to)\s*(?P<y2>(?:19|20)?\d\d)(?!\d)"
_CONNECT = r"(?:[\s(,:]+(?:for|the|year|years|period|from|covering|covers|cover|runs|run|running|which|will|over|of|is))*"
_ANCHOR = r"(?:plan|strategy|agreement|priorities|priority(?:\s+(?:areas?|themes?|outcomes?))?|programme|themes|outcomes)"
_RANGE = re.compile(_YEAR_RANGE)
# "Plan for 2024 to 2027", "priorities for the year (2012-13)", "2013-16 Community Safety Plan".
_PERIOD_AFTER = re.compile(rf"(?i:{_ANCHOR})\b{_CONNECT}[\s(,:]+{_YEAR_RANGE}")
_PERIOD_BEFORE = re.compile(
    rf"{_YEAR_RANGE}(?:\s+[A-Z][\w'’&]*){{0,4}}\s+(?:Plan|Strategy|Agreement|[Pp]riorities)\b"
)
_PLAN_NAME = re.compile(
    r"\b(?P<name>[A-Z][\w'’&]*(?:[ \t\n]+(?:[A-Z][\w'’&]*|and|&|of)){0,6}?[ \t\n]+"
    r"(?:Plan|Strategy|Agreement|Programme))\b"
)
_NUMBERS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
)}  # fmt: skip
_COUNT = re.compile(
    r"(?i)\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:(?:key|main|strategic|overarching|core|new|existing|current|identified|cross[- ]cutting|priority)\s+){0,2}"
    r"(?:priorities|priority areas|themes|strands|outcomes)\b"
)
# Labels that make a list priorities by themselves: "Priority 2 –" headings, "Priority status:"
# blocks, a table column headed "Strategic priority" (a bare "Theme" column needs an intro).
_LABELS = {"headings": r".", "status": r"(?i)priority|theme|outcome", "table": r"(?i)priorit|cross"}
# Words by which a sentence hands over to the list after it.
_POINTER = re.compile(
    r"[:–-]\s*$|\b(?:are|were|is|include[sd]?|will be|remain|below|follows?|following|sets? out|identif\w*"
    r"|contains?|agreed|adopted|focus(?:es)? on)\b"
)
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b")
# Progress reports: a bare year near the list is when progress was reported, not the plan's
# period ("Progress against each priority in Q3 2021/22 is summarised below").
_REPORTING_FORMS = {"table", "status"}
_REPORTING = re.compile(r"(?i)\b(?:progress|update[sd]?|quarter|q[1-4]|performance|monitoring|delivery)\b")
CONTEXT_WINDOW = 4000  # chars before a list searched for the plan it belongs to
SAME_ITEM = 80  # rapidfuzz score at which two items are the same priority restated
SAME_LIST = 0.6  # share of a list's items found in an earlier list to call it a restatement
MAX_PLAN_YEARS = 10


@dataclass
class Judged:
    raw: RawList
    kind: str
    items: list[Item]
    plan: str | None = None
    period: tuple[int, int] | None = None
    statuses: list[str | None] = field(default_factory=list)


def extract(doc: Document) -> list[Priority]:
    text = doc.text
    if not _CUE.search(text):
        return []
    lines = _lists.split_lines(text)
    strong = (
        _list_tables.status_lists(text, lines)
        + _list_forms.heading_lists(text, lines)
        + _list_tables.table_lists(text, lines)
        + _list_tables.grid_lists(text, doc.page_starts, doc.tables)
    )
    taken = [(r.items[0].start, r.items[-1].end) for r in strong if r.items]

    def wanted(a: int, b: int) -> bool:
        return bool(
            _CUE.search(text, lines[a].start, lines[b].end) or _CUE.search(_heading_above(text, lines, a))
        )

    weak = _lists.block_lists(text, lines, wanted) + _list_forms.inline_lists(text)
    weak = [r for r in weak if r.items and not any(s <= r.items[0].start < e for s, e in taken)]
    judged = [j for r in sorted(strong + weak, key=lambda r: r.start) if (j := _judge(text, lines, r))]
    return [rec for j in _merge_restatements(judged) for rec in _records(j)]


# ---------------------------------------------------------------- which lists
def _judge(text: str, lines: list[_lists.Line], raw: RawList) -> Judged | None:
    intro = _fold(text[raw.intro_start : raw.intro_end])
    if raw.label and raw.form in _LABELS and re.search(_LABELS[raw.form], raw.label):
        cross = re.search(r"(?i)cross", raw.label)
        # A table's column header names its kind; the prose above may mention both kinds.
        kind = "cross_cutting_theme" if cross else (raw.form != "table" and _intro_kind(intro)) or "priority"
    else:
        kind = _intro_kind(intro, heading=_looks_like_heading(intro))
        if kind is None and raw.form == "block" and _neutral(intro):
            kind = _intro_kind(_heading_above(text, lines, _line_at(lines, raw.intro_start)), heading=True)
        if kind is None:
            return None
    items = raw.items if raw.form == "table" else _fit_count(raw, _stated_count(intro, kind))
    if not items or (len(items) < 2 and raw.form != "status"):
        return None
    if sum(bool(_PERCENT.search(it.text)) for it in items) * 2 >= len(items):
        return None  # answers with their shares: survey results, not priorities
    if sum(map(_sentence_like, items)) * 2 > len(items):
        return None  # priorities are named, not narrated: these are updates or findings
    reporting = raw.form in _REPORTING_FORMS or bool(_REPORTING.search(_last_sentence(intro).text))
    plan, period = _context(text, intro, min(raw.start, raw.intro_end), reporting)
    return Judged(raw, kind, items, plan, period, [it.status for it in items])


def _intro_kind(intro: str, heading: bool = False) -> str | None:
    """kind of list the introducing sentence announces, or None if it is not priorities."""
    if not intro or not _CUE.search(intro):
        return None
    sent = _last_sentence(intro)
    triggers = _matcher()(sent)
    if not triggers:
        return None
    lemmas = [t.lemma_.lower() for t in sent]
    if HARD_NEGATIVE & set(lemmas):
        return None
    last_end = max(e for _, _, e in triggers)
    first_start = min(s for _, s, _ in triggers)
    head = _subject(sent[:first_start])
    doc = sent.doc  # "action plan" names a plan, not an action list
    after = {
        t.lemma_.lower()
        for t in sent[last_end:]
        if not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "plan")
    }
    if SUBJECT_NEGATIVE & head or AFTER_TRIGGER_NEGATIVE & after:
        return None
    before = [t.lemma_.lower() for t in sent[max(0, first_start - 5) : first_start]]
    if _OBJECT_VERBS & set(before) or re.search(r"\b(?:will|can|should|must)\s*:\s*$", sent.text):
        return None
    if not heading and len(sent) > 3 and not (_POINTER.search(sent.text) or _COUNT.search(sent.text)):
        return None
    labels = {nlp().vocab.strings[m] for m, _, _ in triggers}
    return "cross_cutting_theme" if "CROSS" in labels else "priority"


def _sentence_like(item: Item) -> bool:
    words = item.text.split()
    first = words[0].lower()
    verbs = sum(w.lower() in _FINITE for w in words)
    return (first in _SENTENCE_START and len(words) >= 8) or (len(words) >= 12 and verbs > 0)


def _subject(tokens) -> set[str]:
    """Lemmas of the first words of a sentence up to its verb: roughly its subject. An
    opening adverbial clause ("After reviewing the assessment, the board ...") is skipped."""
    out: list[str] = []
    tokens = list(tokens)
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if tokens and comma is not None and tokens[0].lower_ in _OPENERS:
        tokens = tokens[comma + 1 :]
    for t in tokens:
        if t.lower_ in _DETERMINERS or not t.is_alpha:
            continue
        if t.lower_.endswith("ed") or t.lower_ in _VERBISH or len(out) == 2:
            break
        out.append(t.lemma_.lower())
    return set(out)


def _looks_like_heading(intro: str) -> bool:
    return 0 < len(intro.split()) <= 10 and intro[-1] not in ".;,"


def _neutral(intro: str) -> bool:
    lemmas = {t.lemma_.lower() for t in _last_sentence(intro)} if intro else set()
    return not (lemmas & (HARD_NEGATIVE | SUBJECT_NEGATIVE))


def _last_sentence(text: str):
    doc = nlp()(text.lower())  # lookup lemmas are keyed on lower case
    sents = list(doc.sents)
    if not sents:
        return doc[:]
    last = sents[-1]
    if len(sents) > 1 and len(last) <= 5:  # "...priorities for the year (2012-13). These were:"
        return doc[sents[-2].start : last.end]
    return last


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    m = Matcher(nlp().vocab)
    for label, patterns in TRIGGERS.items():
        m.add(label, patterns)
    return m


def _heading_above(text: str, lines: list[_lists.Line], a: int) -> str:
    """The heading (short stand-alone line) just above the paragraph starting at line a."""
    k = a - 1
    while k >= 0 and lines[k].kind in ("blank", "stray"):
        k -= 1
    if k >= 0 and _lists.is_heading(lines[k]) and (k == 0 or lines[k - 1].kind == "blank"):
        return lines[k].text
    return ""


def _line_at(lines: list[_lists.Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


# ---------------------------------------------------------------- context
def _stated_count(intro: str, kind: str) -> int | None:
    """The number of items the intro announces for this kind of list ("All six priorities are
    underpinned by two cross-cutting themes": 6 priorities, 2 themes)."""
    cross = kind == "cross_cutting_theme"
    found = [m for m in _COUNT.finditer(intro) if bool(re.search(r"(?i)cross", m.group(0))) == cross]
    if not found:
        return None
    n = found[-1].group("n").lower()
    return int(n) if n.isdigit() else _NUMBERS[n]


def _fit_count(raw: RawList, count: int | None) -> list[Item]:
    """Use a stated count to choose among segmentations and cut overlong lists."""
    if not count:
        return raw.items
    for seg in [raw.items, *raw.alternatives]:
        if len(seg) == count:
            return seg
    return raw.items[:count] if len(raw.items) > count else raw.items


def _context(
    text: str, intro: str, start: int, reporting: bool = False
) -> tuple[str | None, tuple[int, int] | None]:
    """Plan name and period: from the intro, else the nearest mention before the list.
    A plan named with the period ("CSP Plan 2022-2025") beats a plan named elsewhere, and
    a list whose own intro dates it takes no plan name from other paragraphs. A bare year
    in a progress report's intro ("progress in Q3 2021/22") is when it reported, never the
    plan period, so there only a plan period stated with its plan or list counts."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    bare = None if reporting or not intro else _any_period(_last_sentence(intro).text)
    found = _last_period(intro) or bare
    if found:
        return found[1] or _last_plan(intro), found[0]
    found = _last_period(window)
    if found:
        return found[1] or _last_plan(intro) or _last_plan(window), found[0]
    return _last_plan(intro) or _last_plan(window), None


def _last_period(s: str) -> tuple[tuple[int, int], str | None] | None:
    """The last plan period stated in s, with the plan named next to it if any."""
    found = sorted([*_PERIOD_AFTER.finditer(s), *_PERIOD_BEFORE.finditer(s)], key=lambda m: m.end())
    for m in reversed(found):
        if years := _years(m):
            return years, _last_plan(s[max(0, m.start() - 150) : m.end()])
    return None


def _any_period(sentence: str) -> tuple[tuple[int, int], None] | None:
    """Any year range in the introducing sentence itself ("In 2023/24 the priorities were:")."""
    for m in reversed(list(_RANGE.finditer(sentence))):
        if years := _years(m):
            return years, None
    return None


def _years(m: re.Match) -> tuple[int, int] | None:
    """ "2024 to 2027" -> (2024, 2027); "2012-13" -> (2012, 2013); None unless a plausible span."""
    y1, y2 = int(m.group("y1")), m.group("y2")
    end = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    return (y1, end) if 0 < end - y1 <= MAX_PLAN_YEARS else None


def _last_plan(s: str) -> str | None:
    names = [m.group("name") for m in _PLAN_NAME.finditer(s)]
    names = [n for n in names if not re.match(r"(?i)action plan$", n.strip())]
    if not names:
        return None
    name = _fold(names[-1])
    name = re.sub(r"^(?:The|This|A|Our|Its|Their|Current|New|Draft|Proposed|Existing)\s+", "", name)
    return name if " " in name else None  # a bare "Plan" names nothing


def _fold(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(?:•\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?", "", s)


# ---------------------------------------------------------------- restatements
def _key(s: str) -> str:
    s = re.sub(r"(?<=\w)-(?=\w)", "", s.lower().replace("&", " and "))
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _same_item(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    return fuzz.ratio(ka, kb) >= SAME_ITEM or fuzz.token_set_ratio(ka, kb) >= 90


def _overlap(a: Judged, b: Judged) -> float:
    hits = sum(any(_same_item(x.text, y.text) for y in b.items) for x in a.items)
    return hits / min(len(a.items), len(b.items))


def _merge_restatements(judged: list[Judged]) -> list[Judged]:
    """Keep the first statement of a list; a later list with mostly the same items (and a
    compatible period) is a summary or appendix restating it and only fills gaps."""
    kept: list[Judged] = []
    for j in judged:
        rivals = [
            (_overlap(j, k), k)
            for k in kept
            if k.kind == j.kind and (k.period is None or j.period is None or k.period == j.period)
        ]
        score, best = max(rivals, key=lambda r: r[0], default=(0.0, None))
        # A longer list is a new list built on the old one (a refresh adding a priority).
        if best is None or score < SAME_LIST or len(j.items) > len(best.items):
            kept.append(j)
            continue
        best.period = best.period or j.period
        best.plan = best.plan or j.plan
        for i, it in enumerate(best.items):
            if best.statuses[i] is None:
                twin = next((y for y in j.items if _same_item(it.text, y.text) and y.status), None)
                best.statuses[i] = twin.status if twin else None
    return kept


# ---------------------------------------------------------------- records
def _records(j: Judged) -> list[Priority]:
    start, end = j.period or (None, None)
    return [
        Priority(
            char_start=it.start,
            char_end=it.end,
            text=it.text,
            kind=j.kind,
            rank=i + 1,
            plan=j.plan,
            period_start=start,
            period_end=end,
            theme=theme_of(it.text),
            status=j.statuses[i],
        )
        for i, it in enumerate(j.items)
    ]
