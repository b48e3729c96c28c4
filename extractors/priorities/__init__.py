"""Priorities and cross-cutting themes that a plan or strategy sets, one row per list item.

Example: "The Safer Borough Plan 2023-2026 sets out three priorities:" followed by
"• Reducing knife crime" ... gives three rows with plan "Safer Borough Plan", period
2023-2026, kind "priority", rank 1-3 and themes from extractors/priorities/data/themes.toml.

`extractors.priorities.lists` and its sibling modules find lists and their items from layout alone
(indented sub-items under an item are not items); `LIST_FORMS` below is the table of those
finders. This module decides which lists are priorities from the introducing sentence or
heading (spaCy Matcher on lemmas: "the priorities are:", "cross-cutting themes", "key
outcomes", "the focus areas", "core aims", a plan's "strategic objectives"), else from the
heading above a neutral intro ("We will:") or a sentence after the list naming it ("These
outcomes were ..."). It rejects a list that something else governs: a duty ("have a duty
to:"), survey answers ("respondents felt should be a priority:"), members, actions,
recommendations, "areas of interest", the strands of a fund; and items that are figures
("312 offences", "up 1") or link text ("Read the full strategy").
`extractors.priorities.context` reads the plan, period and stated count around it; this
module merges restatements of the same list and tags each item with a theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from spacy.matcher import Matcher

from extractors.common.nlp import nlp, parse
from extractors.priorities import blocks, forms, lists, tables
from extractors.priorities import context as ctx
from extractors.priorities.lists import Item, RawList
from extractors.priorities.themes import theme_of, theme_slugs  # noqa: F401  (public: the taxonomy)
from schemas.document import Document
from schemas.records import Priority

# Cheap pre-filter before any spaCy work: an intro must mention one of these.
_CUE = re.compile(
    r"(?i)priorit|theme|strand|outcome|objective|focus|\b(?:aims?|goals?|issues)\b|cross[- ]?cutting"
)
_KEY_ADJ = ["key", "strategic", "main", "overarching", "core", "thematic", "identified", "principal"]
_LIST_NOUNS = ["theme", "outcome", "strand"]
_CROSS_NOUNS = {"LEMMA": {"IN": ["theme", "priority", "topic", "issue", "area", "strand", "outcome"]}}
# spaCy Matcher token patterns per kind of list.
TRIGGERS: dict[str, list[list[dict[str, Any]]]] = {
    "PRIORITY": [
        [{"LOWER": "priorities"}],
        [{"LOWER": "priority"}, {"LEMMA": {"IN": ["area", "theme", "outcome", "strand"]}}],
        [{"LOWER": {"IN": _KEY_ADJ}}, {"LEMMA": {"IN": _LIST_NOUNS}}],
        [{"LIKE_NUM": True}, {"LOWER": {"IN": _KEY_ADJ}, "OP": "?"}, {"LEMMA": {"IN": _LIST_NOUNS}}],
        # "the focus areas are:", "three areas of focus", "areas to focus on"
        [{"LEMMA": "focus"}, {"LEMMA": "area"}],
        [{"LEMMA": "area"}, {"LOWER": {"IN": ["of", "to"]}}, {"LOWER": "focus"}],
    ],
    # A plan's strategic objectives are its priorities; "the report's objectives" are not, so
    # an objective trigger alone needs a plan or strategy named in the sentence. So do aims
    # and goals ("core aims", "four key issues for the year"), unless a heading names them.
    "OBJECTIVE": [
        [{"LOWER": {"IN": ["strategic", "overarching", "partnership"]}}, {"LEMMA": "objective"}],
        [{"LIKE_NUM": True}, {"LEMMA": "objective"}],
        [{"LOWER": {"IN": _KEY_ADJ}}, {"LEMMA": {"IN": ["aim", "goal"]}}],
        [{"LIKE_NUM": True}, {"LOWER": {"IN": _KEY_ADJ}}, {"LEMMA": {"IN": ["aim", "goal", "issue"]}}],
    ],
    "CROSS": [
        [{"LOWER": "cross"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "cutting"}, _CROSS_NOUNS],
        [{"LOWER": {"IN": ["crosscutting", "cross-cutting"]}}, _CROSS_NOUNS],
    ],
}
# Nouns naming another kind of list. As the sentence's subject ("Activities under the other
# priorities include:") or governing the priority word through a preposition ("the following
# recommendations about the priorities:"), they make the list theirs.
OTHER_LISTS = {
    "activity", "action", "task", "step", "project", "measure", "target", "indicator", "risk", "issue",
    "topic", "point", "way", "example", "achievement", "success", "challenge", "concern", "question",
    "comment", "recommendation", "answer", "response", "update", "highlight", "member", "membership",
    "duty", "obligation",
}  # fmt: skip
# Subjects that say who reported or judged the priorities rather than set them. Members as
# the subject only receive the list ("Members noted the priorities, which were:").
SUBJECT_NEGATIVE = (OTHER_LISTS - {"member", "membership"}) | {
    "resident", "respondent", "survey", "questionnaire", "poll", "review", "inspection", "audit",
    "inspector", "reviewer", "progress", "performance",
}  # fmt: skip
# After the priority word: "priorities are overseen by a board whose members are:", "for each
# of the priorities the following actions ...", "noted three areas of interest:".
AFTER_TRIGGER_NEGATIVE = {
    "activity", "action", "task", "step", "project", "measure", "target", "indicator", "improvement", "member",
    "membership", "representative", "interest", "recommendation",
}  # fmt: skip
_MASS_NOUNS = {"action", "improvement"}
_PREPOSITIONS = {"about", "on", "for", "under", "against", "to", "towards", "regarding", "around", "within"}
# A duty governs the list: the sentence hands over at the infinitive of the duty
# ("...has a legal duty to:", "are required by law to:").
_DUTY = re.compile(
    r"\b(?:dut(?:y|ies)|obligations?|required|requires?|requirements?|by law|legally)\b[^:;]*\bto\s*:?\s*$"
)
# Survey answers: the list is what respondents said ("issues residents raised as priorities",
# "respondents felt should be a priority:", "residents told us their top priorities were:").
_RESPONDENTS = (
    r"(?:respondents?|residents?|participants?|attendees|(?:members of )?the public|(?:young|local) people|pupils"
    r"|businesses|you|those (?:surveyed|asked|consulted|who responded))"
)
_OPINIONS = (
    r"(?:felt|feels?|said|says?|told|tells?|chose|choose|voted|votes?|ranked|rated|raised|raise|thought"
    r"|thinks?|wanted|wants?|selected|named|mentioned|highlighted|identified|believed?|picked|answered)"
)
# A participle with its agent or place ("residents identified in the assessment") is passive.
_SURVEY = re.compile(
    rf"\b{_RESPONDENTS}\b(?:\s+[\w'’]+){{0,2}}?\s+{_OPINIONS}\b(?!\s+(?:by|in|through|within|from|at)\b)"
)
# The reader is asked to act ("Here are some ways you can help:").
_READER = re.compile(r"\b(?:you|everyone|anyone)\s+(?:can|could|should|might|may)\b")
# A membership list: the whole sentence is "The responsible authorities are:" or "Its members
# include:"; or the sentence ends on what a body is made of ("The board comprises:").
_MEMBERS = re.compile(
    r"^\s*(?:(?:the|its|our|their)\s+)?(?:[\w'’-]+\s+){0,2}?(?:authorities|members|membership|bodies"
    r"|organi[sz]ations|agencies|partners|representatives)\s+(?:are|is|include|includes|comprise|comprises)\s*:?\s*$"
)
_COMPOSED_END = re.compile(r"\b(?:comprises?|consists? of|(?:is|are) made up of|membership is)\s*:?\s*$")
# "The board that oversees the priorities comprises:" lists the board's members.
_COMPOSED = {"comprise", "consist", "compose"}
_RELATIVE = {"that", "which", "who", "whose"}
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
_PREPOSITION_OBJECTS = {"against", "towards", "toward"}

# Labels that make a list priorities by themselves: "Priority 2 –" headings, "Priority status:"
# blocks, a "Strategic priority" or "Cross-cutting theme" label or column. A bare "Theme" or
# "Outcome" label also heads questions or decisions, so it needs an intro that sets a list.
_LABELLED = {"headings", "status", "table", "columns"}
_SELF_LABEL = re.compile(r"(?i)priorit|cross|strategic")
_LIST_WORD = re.compile(r"(?i)\b(?:priorit(?:y|ies)|themes?|outcomes?|objectives?|strands?)\b")
_PLAN_WORD = re.compile(r"(?i)\b(?:plan|strategy|strategic|programme|framework|agreement)\b")
# Words by which a sentence hands over to the list after it.
_POINTER = re.compile(
    r"[:–-]\s*$|\b(?:are|were|is|include[sd]?|will be|remain|below|follows?|following|sets? out|identif\w*"
    r"|contains?|agreed|adopted|focus(?:es)? on)\b"
)
_YEARS = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b")
# Link text on a web page: "Read the full strategy", "Download the plan (PDF)".
_CALL_TO_ACTION = re.compile(
    r"(?i)(?:read|download|view|click|find out)\b(?!-)(?:\s+(?:the|our|more|here|a|full|latest)\b|\s*$)"
)
_DOCUMENT_PART = re.compile(r"(?i)(?:appendix|annex|annexe|schedule|enclosure)\s+[\w.]+\b")
# Items named as money pots ("Community Fund", "Innovation Grants").
_SCHEME_NAME = re.compile(r"(?i)\b(?:fund|grants?|scheme)\W*$")
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b")
# Progress reports: a bare year near the list is when progress was reported, not the plan's
# period ("Progress against each priority this quarter is summarised below").
_REPORTING_FORMS = {"table", "status"}
_REPORTING = re.compile(r"(?i)\b(?:progress|update[sd]?|quarter|q[1-4]|performance|monitoring|delivery)\b")
# What an intro says about the sub-items of each entry: a closing sentence ("Under each
# objective ...:", "Each is supported by a set of actions ...:") or a closing clause naming
# "each" (", each supported by key aims:", ", and the actions drafted for each:").
_PER_ITEM_SENTENCE = re.compile(
    r"(?i)\s*(?:(?:under|for|beneath|below|within|with|against|alongside)\s+)?each\b"
    r"|\s*(?:these|they)\s+(?:are|were|will\s+be)\s+(?:each\s+)?(?:supported|underpinned|broken\s+down|backed)\b"
)
_PER_ITEM_CLAUSE = re.compile(r"(?i)[,;][^,;.]*\beach\b[^,;.]*?(?=:?\s*$)")
_POINTS_BACK = re.compile(r"(?i)\s*(?:these|they|this|which)\b")
# A sentence after a list naming it: "These outcomes were ...", "The above priorities ...".
_NAMED_AFTER_BODY = (
    r"(?:these|those|the above|all (?:of )?these)\s+"
    r"(?:(?:key|main|strategic|high[- ]level|overarching|core|new|\d+|two|three|four|five|six|seven|eight)\s+){0,2}"
    r"(?:(?P<cross>cross[- ]?cutting\s+themes)|priorities|priority areas|outcomes|themes|objectives|aims)\b"
    r"(?!\s+(?:of|for)\b)"
)
_NAMED_AFTER = re.compile(_NAMED_AFTER_BODY, re.IGNORECASE)
_NAMED_AFTER_ANYWHERE = re.compile(r"(?m)^[ \t]*" + _NAMED_AFTER_BODY, re.IGNORECASE)
MAX_AFTER_LINES = 40  # lines of sub-items between a list's last item and the sentence naming it
_NAMES_CONTENT = re.compile(r"\b(?:which|that)\s+(?:are|were|include[sd]?)\s*:?\s*$")
_FORWARD = re.compile(r"\b(?:following|below|as follows)\b")
_POINTS_ON = {"this", "these", "they", "it", "such"}
SHORT_POINTER_WORDS = 3  # "These are:" is read with the sentence before it anyway
# A count or change as an item: a leading figure followed by words, or a bare movement.
_FIGURE_START = re.compile(r"[+\-−±]?\d[\d,.]*%?(?:\s|$)")
_CHANGE = re.compile(
    r"(?i)(?:up|down|increase[sd]?|decrease[sd]?|rise|fall|fell|rose|no change)(?:\s+(?:of|by))?(?:\s+[+\-−]?[\d,.]+%?)?"
)
SAME_ITEM = 80  # rapidfuzz score at which two items are the same priority restated
SAME_LIST = 0.6  # share of a list's items found in an earlier list to call it a restatement


@dataclass
class Judged:
    kind: str
    items: list[Item]
    plan: str | None = None
    period: tuple[int, int] | None = None
    statuses: list[str | None] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """What a list finder reads: the document, its text split into classified lines, and
    `wanted(a, b)`, a cheap test of an intro's line range that spares uninteresting regions."""

    doc: Document
    text: str
    lines: list[lists.Line]
    wanted: Callable[[int, int], bool]


@dataclass(frozen=True)
class ListForm:
    """One way reports lay out a list. A strong form names priorities by its layout (a
    "Priority 2 –" heading, a priority column); weak lists starting inside one are dropped."""

    name: str
    find: Callable[[Page], list[RawList]]
    strong: bool
    example: str


# The list forms the extractor finds, each by its own finder; `_judge` then decides from
# the intro and context whether a found list is a list of priorities.
LIST_FORMS: tuple[ListForm, ...] = (
    ListForm("status", lambda p: tables.status_lists(p.text, p.lines), True,
             "Title, then 'Priority status: On track' (progress reports)"),
    ListForm("headings", lambda p: forms.heading_lists(p.text, p.lines), True,
             "'Priority 1 – Reducing harm' headings across a report, contents entries with page numbers"),
    ListForm("table", lambda p: tables.table_lists(p.text, p.lines), True,
             "tab- or pipe-separated table with a 'Priority' column"),
    ListForm("grid", lambda p: tables.grid_lists(p.text, p.doc.page_starts, p.doc.tables), True,
             "PDF table whose header names a priority column"),
    ListForm("columns", lambda p: tables.flat_column_lists(p.text, p.lines), True,
             "table flattened one cell per line: '2025-26 Priority' / 'Rank' / 'Shop theft' / '3rd'"),
    ListForm("block", lambda p: blocks.block_lists(p.text, p.lines, p.wanted), False,
             "items under an intro or heading: bullets ('•', '-', 'o', '. '), numbers ('1.', 'III.'), "
             "codes ('SO1'), unbulleted lines, flattened sub-lists after a bullet ending ':'"),
    ListForm("inline", lambda p: forms.inline_lists(p.text), False,
             "inside a sentence: 'the priorities are A, B and C', 'six outcomes were agreed; A, B, ... and F'"),
    ListForm("trailing", lambda p: forms.trailing_lists(p.text), False,
             "items before a dash that names them: 'work to reduce A, B and C – the priorities of the plan'"),
)  # fmt: skip


def extract(doc: Document) -> list[Priority]:
    text = doc.text
    if not _CUE.search(text):
        return []
    lines = lists.split_lines(text)

    def wanted(a: int, b: int) -> bool:
        after = lines[min(b + MAX_AFTER_LINES, len(lines) - 1)].end  # a sentence naming the list after it
        return bool(
            _CUE.search(text, lines[a].start, lines[b].end)
            or _CUE.search(ctx.heading_above_paragraph(text, lines, a))
            or _NAMED_AFTER_ANYWHERE.search(text, lines[b].end, after)
        )

    page = Page(doc, text, lines, wanted)
    strong = [r for form in LIST_FORMS if form.strong for r in form.find(page)]
    taken = [(r.items[0].start, r.items[-1].end) for r in strong if r.items]
    weak = [r for form in LIST_FORMS if not form.strong for r in form.find(page)]
    weak = [r for r in weak if r.items and not any(s <= r.items[0].start < e for s, e in taken)]
    judged = [j for r in sorted(strong + weak, key=lambda r: r.start) if (j := _judge(text, lines, r))]
    return [rec for j in _merge_restatements(judged) for rec in _records(j)]


# ---------------------------------------------------------------- which lists
def _judge(text: str, lines: list[lists.Line], raw: RawList) -> Judged | None:
    intro = ctx.fold_intro(text[raw.intro_start : raw.intro_end])
    if raw.nested or raw.form == "headings":
        intro = _without_sub_item_note(intro)
    kind = _kind(text, lines, raw, intro)
    if kind is None:
        return None
    items = raw.items if raw.form == "table" else ctx.fit_count(raw, ctx.stated_count(intro, kind))
    items = [it for it in items if not _statistic(it)]  # figures reported beside the priorities
    items = [it for it in items if not _CALL_TO_ACTION.match(it.text)]  # link text on web pages
    if sum(bool(_DOCUMENT_PART.match(it.text)) for it in items) * 2 > len(items):
        return None  # "Appendix 2 – Action Plan": the parts of a report, listed
    if sum(bool(_SCHEME_NAME.search(it.text)) for it in items) * 2 > len(items):
        return None  # the strands of a fund are its grant schemes, not priorities
    if not items or (len(items) < 2 and raw.form != "status"):
        return None
    if sum(bool(_PERCENT.search(it.text)) for it in items) * 2 >= len(items):
        return None  # answers with their shares: survey results, not priorities
    if sum(map(_sentence_like, items)) * 2 > len(items):
        return None  # priorities are named, not narrated: these are updates or findings
    sentence = _last_sentence(intro).text if intro else ""
    reporting = raw.form in _REPORTING_FORMS or bool(_REPORTING.search(sentence))
    plan, period = ctx.plan_and_period(
        text,
        intro,
        sentence,
        min(raw.start, raw.intro_end),
        reporting,
        after=max(items[-1].end, raw.intro_end),
    )
    return Judged(kind, items, plan, period, [it.status for it in items])


def _kind(text: str, lines: list[lists.Line], raw: RawList, intro: str) -> str | None:
    """What the list is: from a label that names priorities, else from the intro, else (for a
    neutral intro) from the heading above; a bare "Theme"/"Outcome" label also takes an intro
    that names the themes or outcomes of a plan or strategy."""
    label = raw.label or ""
    labelled = bool(label) and raw.form in _LABELLED
    if labelled and _SELF_LABEL.search(label):
        if re.search(r"(?i)cross", label):
            return "cross_cutting_theme"
        # A table's column header names its kind; the prose above may mention both kinds.
        return (raw.form != "table" and _intro_kind(intro)) or "priority"
    kind = _intro_kind(intro, heading=_looks_like_heading(intro) or raw.form == "trailing")
    if kind is None and raw.form == "block" and _neutral(intro):
        kind = _intro_kind(
            ctx.heading_above_paragraph(text, lines, ctx.line_at(lines, raw.intro_start)), heading=True
        )
        kind = kind or _named_after(text, lines, raw)
    if kind is None and labelled:
        above = ctx.heading_above_paragraph(text, lines, ctx.line_at(lines, raw.intro_start))
        kind = "priority" if any(map(_names_plan_list, (intro, above))) else None
    return kind


def _named_after(text: str, lines: list[lists.Line], raw: RawList) -> str | None:
    """Kind named by the sentence right after a list with a neutral intro ("...we will work
    to:" then the list, then "These outcomes were agreed after consultation.")."""
    k = ctx.line_at(lines, raw.items[-1].end) + 1
    while k < len(lines) and (lines[k].kind in ("blank", "stray", "bullet", "numbered") or lines[k].indent):
        k += 1
    if k >= len(lines) or k - ctx.line_at(lines, raw.items[-1].end) > MAX_AFTER_LINES:
        return None
    m = _NAMED_AFTER.match(lines[k].text)
    if not m:
        return None
    return "cross_cutting_theme" if m.group("cross") else "priority"


def _names_plan_list(s: str) -> bool:
    """ "Themes of the Safer Streets Strategy", "The plan's outcomes": a plan's list, named."""
    sent = _last_sentence(s).text if s else ""
    return bool(_LIST_WORD.search(sent) and _PLAN_WORD.search(sent)) and not _governed_elsewhere(sent)


def _intro_kind(intro: str, heading: bool = False) -> str | None:
    """kind of list the introducing sentence announces, or None if it is not priorities."""
    if not intro or not _CUE.search(intro):
        return None
    sent = _last_sentence(intro)
    triggers = _list_triggers(sent)
    if not triggers:
        sent = _pointing_sentence(sent)
        triggers = _list_triggers(sent) if sent is not None else []
    if not triggers:
        return None
    first_start = min(s for _, s, _ in triggers)
    last_end = max(e for _, _, e in triggers)
    if _governed_elsewhere(sent.text) or _other_list(sent, first_start, last_end):
        return None
    content = bool(_NAMES_CONTENT.search(sent.text))  # "... the priorities, which are:" lists them
    if (not content and _serves_priorities(sent, first_start, last_end)) or re.search(
        r"\b(?:will|can|should|must)\s*:\s*$", sent.text
    ):
        return None
    if not heading and len(sent) > 3 and not (_POINTER.search(sent.text) or ctx.has_count(sent.text)):
        return None
    labels = {nlp().vocab.strings[m] for m, _, _ in triggers}
    titled = heading and not sent.text.rstrip().endswith(":")  # a heading line, not a short sentence
    if labels == {"OBJECTIVE"} and not (_PLAN_WORD.search(sent.text) or titled or _YEARS.search(sent.text)):
        return None
    return "cross_cutting_theme" if "CROSS" in labels else "priority"


# Nouns that a priority word before them only qualifies ("the priorities board asked ...",
# "a themes workshop"): the phrase names a body, meeting or paper, not the list.
_QUALIFIED_HEADS = {
    "board", "group", "subgroup", "panel", "committee", "meeting", "workshop", "session", "event",
    "report", "paper", "document", "setting", "exercise", "process", "review", "lead", "leads", "officer",
}  # fmt: skip


def _list_triggers(sent) -> list[tuple[int, int, int]]:
    """Matcher hits naming a list, without those that only qualify the noun after them."""
    return [
        (m, s, e)
        for m, s, e in _matcher()(sent)
        if not (e < len(sent) and sent[e].lower_ in _QUALIFIED_HEADS)
    ]


def _pointing_sentence(last):
    """The sentence before `last` when it points ahead at the list ("the following themes
    will also be considered. This is because ...:"): the last one only explains it."""
    sents = list(last.doc.sents)
    i = next((k for k, x in enumerate(sents) if x.start == last.start), 0)
    if i == 0:
        return None
    prev = sents[i - 1]
    return prev if _FORWARD.search(prev.text) and last[0].lower_ in _POINTS_ON else None


def _serves_priorities(sent, first_start: int, last_end: int) -> bool:
    """Whether the sentence is about serving priorities set elsewhere ("to support these
    priorities, we will:", "progress against the priorities:"). A finite verb with a count
    sets them ("The assessment and consultation support six priorities:"), and so does a
    count that ends the sentence ("The plan works towards four main outcomes:")."""
    doc = sent.doc
    counted = (first_start > 0 and sent[first_start - 1].like_num) or sent[first_start].like_num
    if counted and not any(t.is_alpha for t in sent[last_end:]):
        return False
    for t in sent[max(0, first_start - 5) : first_start]:
        if t.lemma_.lower() not in _OBJECT_VERBS:
            continue
        purpose = t.i > 0 and doc[t.i - 1].lower_ in ("to", "help", "helps", "helping")
        if t.lower_ in _PREPOSITION_OBJECTS or purpose or t.lower_.endswith("ing") or not counted:
            return True
    return False


def _governed_elsewhere(sentence: str) -> bool:
    """Whether a duty, a survey's respondents, an appeal to the reader or a membership governs
    the list (judged on the main clause: an opening "Having heard what residents said," does not)."""
    main = _main_clause(sentence.lower())
    return any(p.search(main) for p in (_DUTY, _SURVEY, _READER, _MEMBERS))


def _other_list(sent, first_start: int, last_end: int) -> bool:
    """Whether a noun other than the priority word heads the list: the subject ("Performance
    measures for the priorities are:"), a noun after it ("...whose members are:"), a noun the
    priorities hang from ("recommendations about the priorities:"), or the body that the
    sentence says is composed of the list ("the board that oversees the priorities comprises:")."""
    doc = sent.doc  # "action plan" names a plan, not an action list
    after = {
        t.lemma_.lower()
        for t in sent[last_end:]
        if not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "plan")
        and t.lower_ not in _MASS_NOUNS  # "areas selected for joint action" names no action list
    }
    before = list(sent[:first_start])
    # "The recommendations are that the priorities should remain ...:" reports a finding
    # whose content clause, not its subject, governs the list.
    that = next(
        (i for i in range(1, len(before)) if before[i].lower_ == "that" and before[i - 1].lower_ in _FINITE),
        None,
    )
    if that is not None:
        before = before[that + 1 :]
    if SUBJECT_NEGATIVE & _subject(before) or AFTER_TRIGGER_NEGATIVE & after:
        return True
    window = before[-6:]
    prep = next((i for i in range(len(window) - 1, 0, -1) if window[i].lower_ in _PREPOSITIONS), None)
    if prep is not None and window[prep - 1].lemma_.lower() in OTHER_LISTS:
        return True
    return bool(_COMPOSED & after and _RELATIVE & {t.lower_ for t in before})


def _main_clause(sentence: str) -> str:
    first, _, rest = sentence.partition(" ")
    if first in _OPENERS and "," in rest:
        return rest.split(",", 1)[1]
    return sentence


def _without_sub_item_note(intro: str) -> str:
    """The intro without what it says about the sub-items under each entry ("Under each
    objective the Plan lists its actions:", "..., each supported by key aims:"), which would
    otherwise make an action list of it. Only for lists whose items carry sub-items."""
    sents = [t.text for t in parse(intro).sents]
    if len(sents) > 1 and len(sents[-1].split()) > SHORT_POINTER_WORDS:
        last = sents[-1]
        # "These are set out below with the actions under each:" points back at the list the
        # sentence before names.
        pointer = _POINTS_BACK.match(last) and not _matcher()(parse(last.lower()))
        if _PER_ITEM_SENTENCE.match(last) or pointer:
            return intro[: intro.rfind(last)].rstrip()
    return _PER_ITEM_CLAUSE.sub("", intro)


def _statistic(item: Item) -> bool:
    """A figure rather than a priority: "312 violence with injury offences", "up 1"."""
    return bool(_FIGURE_START.match(item.text) or _CHANGE.fullmatch(item.text))


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
    """An intro that names no kind of list ("Over the next three years we will focus on:")."""
    if not intro:
        return True
    sent = _last_sentence(intro)
    lemmas = {t.lemma_.lower() for t in sent}
    return not (
        lemmas & SUBJECT_NEGATIVE or _governed_elsewhere(sent.text) or _COMPOSED_END.search(sent.text)
    )


def _last_sentence(text: str):
    doc = parse(text.lower())  # lookup lemmas are keyed on lower case
    sents = list(doc.sents)
    if not sents:
        return doc[:]
    last = sents[-1]
    if len(sents) > 1 and len(last) <= 5:  # "...priorities for the year. These were:"
        return doc[sents[-2].start : last.end]
    return last


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    m = Matcher(nlp().vocab)
    for label, patterns in TRIGGERS.items():
        m.add(label, patterns)
    return m


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
