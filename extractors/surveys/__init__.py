"""Survey results: one row per percentage reported from a survey, consultation, poll or panel.

A percentage counts when it sits in a survey passage: one opened by a survey, consultation,
questionnaire, poll or residents' panel mention that reports results (respondents, "results",
"found", "said" ...) or by people being asked ("Residents were asked ...", "When asked ...",
"We asked tenants ...", "Young people told us ..."; survey name null), running on through its list items and paragraphs until a new section,
a heading or a paragraph that no longer talks about the survey. Inside it, performance
figures, targets, changes ("a 10% reduction"), rates and shares of crime, money or staff are
still dropped. Example:

    "In the residents' survey 1,024 people took part; 78% said they felt safe during the
    day with only 6% feeling unsafe."

gives 78% ("felt safe during the day") and 6% ("unsafe"), survey "residents' survey",
respondents 1024; the evidence span is the sentence (or list item, or table row).

Other forms: counts with percentages ("240 (80%) were in favour, 45 (15%) against"), an
option named after its percentage ("the option with most support (40%) was a freeze"),
sampling fractions, parts of a rise and figures from another poll ("compared with 62%
nationally": respondents null) are told apart by what the percentage measures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from extractors.surveys.context import (
    CONTINUE_CUE,
    OPINION_VERB,
    PEOPLE,
    PEOPLE_ASKED,
    RESPONDENT_TERM,
    RESULT_CUE,
    SPECIFIC,
    SUBJECT,
    name_in,
    respondents_in,
)
from extractors.surveys.fields import (
    answer,
    asked,
    clean_question,
    clean_right,
    introduces_survey,
    question_of_intro,
    row_fields,
)
from extractors.surveys.text import LayoutUnit, Percent, blocks, find_percents, sentences
from schemas.document import Document
from schemas.records import SurveyResult

# How far either side of a percentage its answer and exclusion cues are looked for.
CONTEXT_CHARS = 400
# Headings of the standard parts of a committee report: the survey write-up is over.
_REPORT_SECTION = re.compile(
    r"\b(?:implications?|recommendations?|background|options|risks?|next steps|appendi(?:x|ces)|"
    r"conclusions?|purpose|introduction|contact|author|lead officer|papers|timetable|governance|"
    r"decision|equalit\w*|climate|financ\w*|legal|budget|performance)\b",
    re.IGNORECASE,
)
# Item or table-row blocks with no percentage and no survey cue tolerated inside a passage.
MAX_IDLE_BLOCKS = 6

_ADVERB = (
    r"(?:around |about |almost |nearly |over |just over |just under |some |approximately |only |a further |"
    r"more than |less than |under |up to |at least )?"
)
# The percentage is a change, not a level: "a 10.4% reduction", "fell by 5%", "12% more than
# last year". "30% less than once a month" is an answer: after "than" comes no time or benchmark.
_COMPARED_TO = (
    r"(?:last|previous|the previous|the last|before|earlier|in \d{4}|\d{4}|the (?:national |regional |county )?"
    r"average|(?:the )?(?:national|regional|england|uk) (?:average|figure|rate)|nationally|the same period)"
)
_CHANGE_AFTER = re.compile(
    r"^\s*\)?\s*(?:point\s+)?(?:reduction|increase|rise|fall|drop|decrease|decline|growth|uplift|cut|"
    r"higher|lower|improvement|change|year[- ]on[- ]year|"
    rf"(?:more|fewer|less)(?!\s+than\b)|(?:more|fewer|less)\s+than\s+{_COMPARED_TO})\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    rf"(?:\b(?:reduction|increase|rise|fall|drop|decrease|decline|growth|uplift|cut|improvement|change)s?"
    rf"\s+(?:\w+\s+){{0,3}}?(?:of|by)|\b(?:rose|risen|fell|fallen|increased|decreased|reduced|dropped|"
    rf"declined|grew|grown|went up|went down|up|down)(?:\s+by)?)\s+{_ADVERB}\(?\s*$",
    re.IGNORECASE,
)
# A share of a whole: "accounts for 35%", "made up 23%".
_SHARE_BEFORE = re.compile(
    rf"\b(?:accounts? for|accounted for|makes? up|made up|represents?|represented|comprises?|comprised)\s+"
    rf"{_ADVERB}\(?\s*$",
    re.IGNORECASE,
)
# A fraction of the material taken for checking, not an answer: "a random 10% of responses
# were coded", "5% of returns were checked".
_SAMPLING_BEFORE = re.compile(
    r"\b(?:random|sample of|sampled|selected|drew|drawn)\s+(?:a\s+)?$", re.IGNORECASE
)
_SAMPLING_AFTER = re.compile(
    r"^\s*\)?\s*(?:sample\s+)?of\s+(?:the\s+|all\s+)?(?:[\w'’-]+\s+)?(?:responses|returns|questionnaires|"
    r"surveys|comments|submissions|records|cases|forms)\s+(?:were|was|are|is|will be)\s+(?:then\s+)?"
    r"(?:coded|sampled|checked|audited|analysed|analyzed|reviewed|selected|validated|verified|re-?read|"
    r"quality[- ]checked|double[- ]checked)\b",
    re.IGNORECASE,
)
# After a percentage that is no result, a part of it: "rents go up by 2.5%, of which 0.5% pays for ...".
_PART_BEFORE = re.compile(r"\b(?:includ(?:es|ing|ed)|of which|comprising)\s+(?:a\s+|an\s+)?$", re.IGNORECASE)
# A rate is an operational measure ("staffing rate of 77%", "response rate was 31%").
_RATE_BEFORE = re.compile(r"\brates?\b(?:[^%;]{0,40})$", re.IGNORECASE)
_RATE_AFTER = re.compile(r"^\s*\)?\s*(?:[\w-]+\s+)?rates?\b", re.IGNORECASE)
_TARGET = re.compile(
    r"\b(?:targets?|KPIs?|indicators?|baseline|forecast|projected|ambition|aim(?:s|ed)? (?:to|for)|"
    r"tolerance|RAG|margin of error|confidence (?:interval|level))\b",
    re.IGNORECASE,
)
# Shares of things that are not opinions: "80% of all crimes", "15% of the budget".
_SHARE_AFTER = re.compile(
    r"^\s*\)?\s*of\s+(?:all\s+|the\s+|our\s+|total\s+|this\s+)*(?:[\w'’-]+\s+){0,2}?"
    r"(?:crimes?|offences?|offending|offenders|incidents|arrests|calls|referrals|cases|budgets?|spend|"
    r"spending|expenditure|funding|income|costs?|staff|workforce|posts|employees|officers|population|"
    r"land|area|homes|properties|buildings|schools|beds|contracts?|grants?|victims|suspects|"
    r"perpetrators|clients|admissions|deaths|cohort)\b",
    re.IGNORECASE,
)
# Money and staffing talk in the percentage's own clause; not a survey named after its topic
# ("the budget consultation", "our council tax survey").
_NON_SURVEY_WORDS = re.compile(
    r"£|\b(?:budgets?|council tax|precept|expenditure|funding|savings|inflation|pay award|"
    r"staffing|vacanc\w+|workforce|turnover|sickness|FTE|headcount|census|performance)\b"
    r"(?!\s+(?:survey|consultation|questionnaire|poll)s?\b)",
    re.IGNORECASE,
)
# What people say is a survey answer whoever the people are ("70% of staff said"). Outside a
# survey passage the people must be named (group "people"): a bare "45% felt" needs a survey.
_OPINION_AFTER = re.compile(
    rf"^\s*\)?\s*(?P<people>of\s+(?:all\s+|the\s+|those\s+)?(?:[\w'’-]+\s+){{0,4}}?{SUBJECT}\b"
    rf"[^.;%]{{0,60}}?\s)?(?:{PEOPLE}\s+)?(?:they\s+)?{OPINION_VERB}\b",
    re.IGNORECASE,
)
# "70% of respondents": a survey answer whatever else the sentence says.
_RESPONDENTS_AFTER = re.compile(
    r"^\s*\)?\s*of\s+(?:all\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:respondents|responses|those (?:surveyed|asked|"
    r"questioned|consulted|responding|who (?:responded|took part|answered))|"
    r"people (?:surveyed|asked|questioned|consulted)|"
    r"panellists|participants)\b",
    re.IGNORECASE,
)


@dataclass
class _Passage:
    """The survey passage being read: which survey, its sample and the current question."""

    survey: str | None
    rank: int
    respondents: int | None
    major: str | None
    intro: str | None = None
    question: str | None = None
    idle: int = 0
    had_results: bool = False  # the last block gave percentages


def extract(doc: Document) -> list[SurveyResult]:
    text = doc.text
    out: list[SurveyResult] = []
    passage: _Passage | None = None
    major: str | None = None
    header: list[str] = []  # cells of the current table's header row
    for block in blocks(text):
        body = text[block.start : block.end]
        pcts = find_percents(text, block.start, block.end)
        major = block.major or major
        opens = block.kind != "row" and _opens(block, body, pcts)
        if passage and _closes(passage, block, body, pcts, opens):
            passage = None
        if opens:
            passage = _open(passage, body, pcts, block.start, major)
        if passage is None:
            out.extend(_loose_results(text, block, pcts))
        elif block.kind == "row":
            out.extend(_row_results(text, block, passage, pcts, header))
        else:
            out.extend(_results(text, block, passage, pcts))
            _note_layout(passage, block, body, pcts)
        if passage and block.kind != "heading":
            passage.had_results = bool(pcts)
        if block.kind != "row":
            header = []
        elif not pcts:
            header = body.split("\t")
    return out


# ---------------------------------------------------------------- passages
def _opens(block: LayoutUnit, body: str, pcts: list[Percent]) -> bool:
    """A survey passage opens where a survey reports results, a heading names one or people are asked."""
    if RESPONDENT_TERM.search(body) or PEOPLE_ASKED.search(body):
        return True
    name, rank = name_in(body)
    if name is None:
        return respondents_in(body) is not None
    if block.kind == "heading" and rank >= SPECIFIC:  # "Residents' Survey 2023"
        return True
    return bool(pcts) or bool(RESULT_CUE.search(body)) or respondents_in(body) is not None


def _open(
    passage: _Passage | None, body: str, pcts: list[Percent], offset: int, major: str | None
) -> _Passage:
    head = body[: pcts[0].start - offset] if pcts else body
    name, rank = name_in(head)
    if name is None:
        name, rank = name_in(body)
    count = respondents_in(body)
    new_survey = rank >= SPECIFIC and (passage is None or _norm(name) != _norm(passage.survey))
    if passage is None or new_survey:
        return _Passage(name, rank, count, major)
    if count is not None:
        passage.respondents = count
    if rank > passage.rank:
        passage.survey, passage.rank = name, rank
    passage.idle = 0
    return passage


def _closes(passage: _Passage, block: LayoutUnit, body: str, pcts: list[Percent], opens: bool) -> bool:
    """A passage ends at a new section, a report-section heading or talk of other things."""
    if block.major and passage.major and block.major != passage.major:
        return True
    if opens:  # more about a survey: the same passage unless it names another survey
        return False
    cue = bool(pcts) or bool(CONTINUE_CUE.search(body))
    if block.kind == "heading":
        # Survey write-ups put sub-headings ("Feeling safe") between runs of results.
        return bool(_REPORT_SECTION.search(body)) or not (cue or passage.had_results)
    if block.kind == "para":  # a list introduction waits for its list
        return not (cue or body.rstrip().endswith(":"))
    passage.idle = 0 if cue else passage.idle + 1
    return passage.idle > MAX_IDLE_BLOCKS


def _note_layout(passage: _Passage, block: LayoutUnit, body: str, pcts: list[Percent]) -> None:
    """Remember the list intro and question heading later blocks answer to."""
    if block.kind == "question":
        passage.question = passage.intro = clean_question(body)
    elif block.kind == "heading":
        passage.intro = None if introduces_survey(body) else clean_question(body)
    elif block.kind == "para":
        passage.intro = question_of_intro(body) if not pcts or body.rstrip().endswith(":") else None


# ---------------------------------------------------------------- results
def _results(text: str, block: LayoutUnit, passage: _Passage, pcts: list[Percent]) -> list[SurveyResult]:
    if not pcts:
        return []
    units = [(block.start, block.end)] if block.kind == "item" else sentences(text, block.start, block.end)
    out: list[SurveyResult] = []
    put: str | None = None
    starts = [p.start for p in pcts]
    for us, ue in units:
        unit_pcts = _within(pcts, starts, us, ue)
        out.extend(_unit_results(text, (us, ue), unit_pcts, block.kind, passage, put))
        # A question put in one sentence ("... was asked 'How safe ...?'") governs the next ones.
        put = asked(text[us:ue]) or put
    return out


def _within(pcts: list[Percent], starts: list[int], us: int, ue: int) -> list[Percent]:
    """The percentages (sorted by start) inside us..ue; bisected, since a filter of all the
    block's percentages for each of its sentences was quadratic."""
    return [p for p in pcts[bisect_left(starts, us) : bisect_left(starts, ue)] if p.end <= ue]


def _unit_results(
    text: str, unit: tuple[int, int], pcts: list[Percent], kind: str, passage: _Passage, put: str | None
) -> list[SurveyResult]:
    """Results of one sentence or list item; `put` is a question asked earlier in the paragraph."""
    us, ue = unit
    evidence = text[us:ue]
    survey, respondents = passage.survey, respondents_in(evidence) or passage.respondents
    named, rank = name_in(text[us : pcts[0].start] if pcts else evidence)
    if rank >= SPECIFIC and _norm(named) != _norm(survey):  # "Locally, the residents' survey showed"
        survey, respondents = named, respondents_in(evidence)
    intro = passage.intro if kind == "item" else None
    question = asked(evidence) or put or intro or passage.question
    kept = []
    # Once per sentence, not per percentage: a sentence of thousands of percentages was
    # searched whole for each of them (quadratic); so was the list of those kept.
    target = bool(_TARGET.search(evidence))
    last_kept = False
    for i, p in enumerate(pcts):
        left, right, bracketed = _neighbours(text, unit, pcts, i)
        lenient = kind == "item" and (bracketed or not clean_right(right))
        part_of_change = i > 0 and not last_kept and _PART_BEFORE.search(left)
        last_kept = not (part_of_change or _excluded(target, left, right, lenient))
        if last_kept:
            kept.append(p)
    out: list[SurveyResult] = []
    previous: str | None = None
    for i, p in enumerate(kept):
        # Answers read past the percentages that are not results: "(55%) was a 2% rise".
        left, right, bracketed = _neighbours(text, unit, kept, i)
        ans = answer(left, right, bracketed, in_prose=kind != "item") or previous
        previous = ans
        benchmark = _BENCHMARK_BEFORE.search(left) and _BENCHMARK_AFTER.match(right)
        if benchmark:  # "compared with 81% in the national poll": another survey's figure
            name, _ = name_in(right)
            out.append(SurveyResult(us, ue, p.value, evidence, name, None, question, ans))
            continue
        out.append(SurveyResult(us, ue, p.value, evidence, survey, respondents, question, ans))
    return out


def _loose_results(text: str, block: LayoutUnit, pcts: list[Percent]) -> list[SurveyResult]:
    """Outside a survey passage only answers given by people count ("62% of residents said")."""
    out: list[SurveyResult] = []
    if not pcts or block.kind not in ("para", "item"):
        return out
    starts = [p.start for p in pcts]
    for us, ue in sentences(text, block.start, block.end):
        evidence = text[us:ue]
        unit_pcts = _within(pcts, starts, us, ue)
        target = bool(_TARGET.search(evidence))  # once per sentence, not per percentage (quadratic)
        for i, p in enumerate(unit_pcts):
            left, right, bracketed = _neighbours(text, (us, ue), unit_pcts, i)
            opinion = _OPINION_AFTER.match(right)
            if not (opinion and opinion.group("people")) or _excluded(target, left, right, False):
                continue
            ans = answer(left, right, bracketed)
            out.append(
                SurveyResult(us, ue, p.value, evidence, None, respondents_in(evidence), asked(evidence), ans)
            )
    return out


def _row_results(
    text: str, block: LayoutUnit, passage: _Passage, pcts: list[Percent], header: list[str]
) -> list[SurveyResult]:
    """A table row: the header names the answer option, or the row label names the answer."""
    row = text[block.start : block.end]
    cells = row.split(
        "\t"
    )  # plain strings suffice: offsets come from the percentages, columns from tab counts
    label = cells[0].strip() if not find_percents(cells[0]) else ""
    out: list[SurveyResult] = []
    for p in pcts:
        col = row.count("\t", 0, p.start - block.start)
        head = header[col].strip() if col < len(header) else ""
        if _TARGET.search(" ".join([label, head, header[0] if header else ""])):
            continue
        left = row[: p.start - block.start].split("\t")[-1]
        if _CHANGE_BEFORE.search(left) or _CHANGE_AFTER.match(row[p.end - block.start :]):
            continue
        ans, question = row_fields(label, head, passage.intro or passage.question)
        out.append(
            SurveyResult(
                block.start, block.end, p.value, row, passage.survey, passage.respondents, question, ans
            )
        )
    return out


def _neighbours(text: str, unit: tuple[int, int], pcts: list[Percent], i: int) -> tuple[str, str, bool]:
    """Text between the previous percentage and this one, and between this one and the next.

    A count before a bracketed percentage starts its phrase ("120 (60%) backed the plan, 70
    (35%) opposed it"): the words before the count belong to the previous result, and the
    next result's count is cut off this one's words. A bracket holding the percentage and
    its people, "(62% of those who replied)", is read as the bracketed percentage alone.
    """
    us, ue = unit
    p = pcts[i]
    lo = max(pcts[i - 1].end if i else us, p.start - CONTEXT_CHARS)
    hi = min(pcts[i + 1].start if i + 1 < len(pcts) else ue, p.end + CONTEXT_CHARS)
    left, right = text[lo : p.start], text[p.end : hi]
    opened = text[p.start - 1 : p.start] == "("
    count = _COUNT_OPEN.search(left) if opened else None
    if count:  # "..., 35 (14%) against": the count opens a phrase; "Litter 45 (12%)": a label's count
        before = left[: count.start()]
        left = "" if _PHRASE_BOUNDARY.search(before) else before
    if i + 1 < len(pcts) and text[pcts[i + 1].start - 1 : pcts[i + 1].start] == "(":
        right = _NEXT_COUNT.sub("", right)
    inner = _BRACKETED_PEOPLE.match(right) if opened else None
    if inner:
        right = right[inner.end() - 1 :]  # keep the closing bracket
    bracketed = opened and right[:1] == ")"
    return left, right, bracketed


_COUNT_OPEN = re.compile(r"(?<![\w.,£$€])\d[\d,]*\s*\($")
_PHRASE_BOUNDARY = re.compile(
    r"(?:^|[\n,;:.!?]|%\)?|\b(?:and|or|while|whilst|but|with|whereas))\s*$", re.IGNORECASE
)
_NEXT_COUNT = re.compile(r"[\s,;]*(?:\b(?:and|or|with|while|whilst|but)\s+)?(?<![\w.,£$€])\d[\d,]*\s*\($")
_BRACKETED_PEOPLE = re.compile(
    rf"^\s*of\s+(?:all\s+|the\s+)?(?:\d[\d,]*\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{PEOPLE}|responses)\s*\)",
    re.IGNORECASE,
)
# A figure given to compare with: "compared with 81% in the national poll", "against 64% nationally".
_BENCHMARK_BEFORE = re.compile(
    r"\b(?:compared (?:with|to)|versus|vs\.?|against|up from|down from)\s+(?:just\s+|only\s+|around\s+)?$",
    re.IGNORECASE,
)
_BENCHMARK_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:in|for|from|across|of)\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:nationally|national|poll|survey|average|england|regionally|region|country)\b",
    re.IGNORECASE,
)


def _excluded(target: bool, left: str, right: str, lenient: bool) -> bool:
    """True for percentages that are not answers: changes, rates, targets, shares, money;
    `target` says the percentage's sentence talks of targets."""
    if _CHANGE_AFTER.match(right) or _CHANGE_BEFORE.search(left):
        return True
    if _SAMPLING_AFTER.match(right) or _SAMPLING_BEFORE.search(left):
        return True
    if _RATE_AFTER.match(right) or _RATE_BEFORE.search(left):
        return True
    if _RESPONDENTS_AFTER.match(right) or _OPINION_AFTER.match(right):
        return False
    if target:
        return True
    if lenient:
        return False
    # Money and staffing words count only in the percentage's own clause: a survey sentence
    # may mention the budget in another clause.
    clause = re.split(r"[,;]", left)[-1] + re.split(r"[,;]", right)[0]
    share = _SHARE_AFTER.match(right) or _SHARE_BEFORE.search(left)
    return bool(share or _NON_SURVEY_WORDS.search(clause))


def _norm(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).strip()
