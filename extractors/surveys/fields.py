"""Fields of a survey result: the answer a percentage measures and the question it answers.

Answers come from the label before a percentage ("People fly tipping (68%)", "Litter: 41%")
or the words after it ("70% feeling very safe", "62% of respondents agreed that ...");
questions from a list's introduction, a question heading, "asked whether ..." or a quoted
question.
"""

from __future__ import annotations

import re

from extractors.surveys.context import OPINION_VERB, PEOPLE, SUBJECT, name_in, respondents_in
from extractors.surveys.text import sentences

_LEAD_SUBJECT = re.compile(
    rf"^(?:of\s+(?:all\s+|the\s+|those\s+)?(?:\d[\d,]*\s+)?(?:[\w'’-]+\s+){{0,3}}?{SUBJECT}\b"
    r"(?:\s+(?:who|that)\s+(?:responded|replied|took part|participated|were (?:surveyed|asked)|"
    r"answered(?: (?:this|the) question)?|completed (?:the|a|this) \w+))?"
    # "of the 2,150 respondents to the budget survey"
    r"(?:\s+(?:to|in)\s+(?:the|this|our)\s+(?:[\w'’/-]+\s+){0,3}?(?:survey|consultation|questionnaire|poll))?"
    rf"(?:\s+(?:[\w'’-]+\s+){{0,5}}?(?=(?:they\s+)?{OPINION_VERB}\b))?"
    r"|of (?:those|people) (?:surveyed|asked|questioned|responding)"
    # Whoever gives the view: "of commuters said", "of market traders felt".
    rf"|of\s+(?:the\s+)?(?:[\w'’-]+\s+){{1,3}}?(?=(?:they\s+)?{OPINION_VERB}\b))\s*,?\s*",
    re.IGNORECASE,
)
# A subgroup gives the view: "of older residents felt safe" -> "older residents felt safe".
_SUBGROUP = re.compile(
    rf"^of\s+(?:the\s+)?(?P<group>(?:(?!(?:{OPINION_VERB}|{PEOPLE})\b)[A-Za-z][\w'’-]*\s+){{1,2}}?{PEOPLE})\s+"
    rf"(?=(?:who\s+|that\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{OPINION_VERB}|are|were)\b)",
    re.IGNORECASE,
)
# Words before the people that do not make a subgroup ("of all local residents").
_GENERIC_QUALIFIERS = frozenset(
    "all the those these our local surveyed responding participating other more most some many "
    "of total overall".split()
)


def _is_subgroup(group: str) -> bool:
    if re.fullmatch(PEOPLE, group, re.IGNORECASE):
        return False  # "young people", "service users": the people surveyed, not a part of them
    words = group.split()[:-1]
    return not any(w.lower() in _GENERIC_QUALIFIERS for w in words)


# "Overall," is a sentence adverb; "Overall satisfaction" is the thing measured.
_LEAD_VERB = re.compile(
    r"^(?:who|said|say|says|stated|reported|indicated|told us|felt|feel|feels|feeling|think|thinks|thought|"
    r"believe|believes|believed|considered|consider|were|are|was|is|that|they|either|of them|"
    r"overall(?=\s*,|\s+(?:they|were|are|was|is|said|felt|thought|agreed)\b))\b"
    r"\s*,?\s*",
    re.IGNORECASE,
)
_TRAIL_LINK = re.compile(
    r"(?:[\s,;:(–-]|\b(?:and|with(?: only| just)?|while|whilst|whereas|but(?: only)?|compared (?:to|with)|"
    r"versus|vs\.?|followed by|against|than|from|to|up|down|of|by|at|was|were|is|are|stood at|"
    r"rising|falling|only|just|around|about|almost|nearly|over|some))+$",
    re.IGNORECASE,
)
_LEAD_LINK = re.compile(
    r"^(?:[\s,;:)–-]|\b(?:and|with(?: only| just)?|while|whilst|whereas|but|followed by|then|"
    r"including|such as|compared (?:to|with)|up from|down from|from)\b)+",
    re.IGNORECASE,
)
# Before a bracketed percentage, words that describe a chosen option rather than name it.
_OPTION_LABEL = re.compile(
    r"\b(?:options?|choices?|preferences?|most|highest|second|third|top|popular|favoured|preferred)\b",
    re.IGNORECASE,
)
_COPULA_AFTER = re.compile(r"^\s*\)\s*(?:was|were|is|are)\s+\S", re.IGNORECASE)
_COPULA = re.compile(r".*\b(?:was|were|is|are|by|included?|namely)\s+", re.IGNORECASE | re.DOTALL)
_RESULT_VERB = re.compile(
    r"\b(?:found|finds|showed|shows|show|revealed|reveals|indicated|indicates|highlighted|reported)"
    r"(?:\s+that)?\b",
    re.IGNORECASE,
)
# A fronted time or place ("During the day, 91% feel safe") belongs to the answer.
_FRONTED = re.compile(
    r"^\s*((?:during|after|before|in|at|on|by|when|while|whilst|across|outside)\b[^,;:]{1,40}),\s*$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(
    r"^(?:in|during|for|at|by|from|since|as of)?\s*(?:\d{4}(?:[/-]\d{2,4})?|last year|the previous year|"
    r"the last survey|previously|nationally)?\W*$",
    re.IGNORECASE,
)
# Words after a percentage that only cite its source: "in the Place Survey", "according to ...".
_SOURCE_LEAD = re.compile(
    r"^(?:(?:as\s+)?(?:recorded|reported|measured|shown|found|given)\s+)?(?:in|from|by|according to|through)\s+",
    re.IGNORECASE,
)
_SOURCE_FILLER = re.compile(
    r"(?:the|a|an|our|this|that|its|their|latest|last|most|recent|previous|annual|\d{4}(?:[/-]\d{2,4})?)",
    re.IGNORECASE,
)
# Before a bracketed percentage, words that only say how many ("Over half (56%)", "75 (70%)").
_QUANTIFIER = re.compile(
    r"^(?:(?:a|the|just|nearly|almost|over|around|about|more than|less than|fewer than|some|well|"
    r"large|small|clear|vast|slight)\s+)*(?:majority|minority|half|third|quarter|two[- ]thirds|"
    r"three[- ]quarters|(?:a|one|two|three|four|five|six|seven|eight|nine)[- ](?:fifths?|sixths?|sevenths?|"
    r"eighths?|ninths?|tenths?)|most|many|few|one in \w+|\w+ (?:in|out of) (?:10|ten|\w+)|"
    r"\d[\d,]*(?: (?:out )?of \d[\d,]*)?)?"
    rf"(?:\s+(?:of\s+)?(?:the\s+|all\s+)?{SUBJECT})?$",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"\basked\s+(?:\w+\s+){0,2}?((?:whether|if|how|what|which|who|why|when|where|to|about)\b[^,;:.?]*\??)",
    re.IGNORECASE,
)
_QUOTED_QUESTION = re.compile(r"[\"“‘']([^\"”’']{8,200}\?)[\"”’']")
_INTRO_TAIL = re.compile(
    r"\s*(?:\b(?:were|was|are|is|included?|as follows|namely)\b\s*)*[:\-–]?\s*$", re.IGNORECASE
)
_INTRO_CUE = re.compile(r"\?|\b(?:top|most|asked|issues?|concerns?|which|what|how|question)\b", re.IGNORECASE)
# Column headers that name an answer option: the row then names the question.
_OPTION_HEADER = re.compile(
    r"\b(?:agree|disagree|yes|no|don'?t know|satisfied|dissatisfied|safe|unsafe|support|oppose|neither|"
    r"neutral|good|poor|excellent|better|worse|same|likely|unlikely|important|very|fairly|not at all|"
    r"never|always|often|sometimes|rarely|positive|negative)\b",
    re.IGNORECASE,
)


def answer(left: str, right: str, bracketed: bool, in_prose: bool = True) -> str | None:
    """What a percentage measures, from the text before it (labels) or after it (prose)."""
    after = clean_right(right)
    # "... was 67% in the Place Survey": the source is not the measure, which comes before it.
    after = "" if _cites_survey(after) else after
    before = _clean_left(left, in_prose, cut_copula=bracketed and in_prose)
    before = "" if _cites_survey(before) else before
    label = re.split(r"[,;:]", " ".join(left.split()))[-1]
    if bracketed and after and _COPULA_AFTER.match(right) and _OPTION_LABEL.search(label):
        return after  # "the most popular option (40%) was a freeze": the option is the answer
    if bracketed or not after:
        return before or after or None
    setting = _FRONTED.match(" ".join(left.split()))
    if setting and not _ASKED.search(setting.group(1)):  # "After dark, 58% feel safe"
        return f"{after} {setting.group(1)[0].lower()}{setting.group(1)[1:]}"
    return after


def _cites_survey(words: str) -> bool:
    """True when `words` only say where the figure comes from ("according to the 2023 survey")."""
    words = _SOURCE_LEAD.sub("", words)  # clean_right may already have dropped "from"
    name, _ = name_in(words)
    if name is None:
        return False
    rest = words.replace(name, " ")
    return all(_SOURCE_FILLER.fullmatch(w) for w in re.findall(r"[\w'’/-]+", rest))


def clean_right(right: str) -> str:
    s = re.sub(r"\([^()]*\)", " ", " ".join(right.split()))  # "(n=48)", "(up from 2022)"
    parts = (_strip_answer(part) for part in re.split(r"[;(]|,(?!\d{3})|\s[–-]\s", s))
    s = next((part for part in parts if part), "")
    return "" if _TIME_ONLY.match(s) else s


def _strip_answer(s: str) -> str:
    s = _LEAD_LINK.sub("", s.strip())
    group = _SUBGROUP.match(s)
    if group and _is_subgroup(group.group("group")):
        return _TRAIL_LINK.sub("", group.group("group") + s[group.end("group") :]).strip(" .;:,")
    s = _LEAD_SUBJECT.sub("", s)
    while True:
        stripped = _LEAD_VERB.sub("", s)
        if stripped == s:
            break
        s = stripped
    trimmed = _TRAIL_LINK.sub("", s)
    # "15 (5%) against": a linking word may be the whole answer
    return (trimmed if trimmed.strip(" .;:,") else s).strip(" .;:,")


def _clean_left(left: str, in_prose: bool, cut_copula: bool) -> str:
    s = " ".join(left.split())
    s = next((part for part in reversed(re.split(r"[;:]|\s[–-]\s", s)) if part.strip()), "")
    s = _RESULT_VERB.split(s)[-1]
    s = _TRAIL_LINK.sub("", s)
    if cut_copula:  # "the top concern was litter (45%)": the answer follows the verb
        s = s.split(",")[-1]
        s = _COPULA.sub("", s)
    # A list item's label is the answer as written ("Feeling safe (81%)"); prose loses its verbs.
    s = _strip_answer(s) if in_prose else _LEAD_LINK.sub("", s).strip(" .;:,")
    return "" if _QUANTIFIER.match(s) or _TIME_ONLY.match(s) else s


def asked(evidence: str) -> str | None:
    m = _QUOTED_QUESTION.search(evidence) or _ASKED.search(evidence)
    return re.sub(r"^about\s+", "", " ".join(m.group(1).split())).rstrip("?") if m else None


def question_of_intro(body: str) -> str | None:
    """The question a list answers, from the paragraph introducing it."""
    spans = sentences(body, 0, len(body))
    if not spans:
        return None
    last = body[spans[-1][0] : spans[-1][1]]
    if asked(last):
        return asked(last)
    if introduces_survey(last) and not _INTRO_CUE.search(last):
        return None
    return clean_question(last) if last.rstrip().endswith((":", "?")) or _INTRO_CUE.search(last) else None


def introduces_survey(text: str) -> bool:
    return respondents_in(text) is not None or name_in(text)[0] is not None


def clean_question(text: str) -> str | None:
    q = " ".join(text.split())
    q = re.sub(r"^(?:Q\d+[.:]?\s*|The\s+|the\s+)", "", q)
    q = _INTRO_TAIL.sub("", q).strip(" :-–")
    return q or None


def row_fields(label: str, head: str, context_question: str | None) -> tuple[str | None, str | None]:
    """(answer, question) for a table cell from its row label and column header."""
    if head and _OPTION_HEADER.search(head) and label:
        return head, label
    return label or head or None, context_question
