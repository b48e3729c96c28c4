"""Survey context for the surveys extractor: what a survey passage looks like.

Names ("online survey", "Citizens' Panel Q2", "Residents' Survey 2023"), sample sizes
("107 respondents completed the survey", "a sample of 1,000 residents", "n=192") and the
cue words that open, continue or close a passage reporting survey results.
"""

from __future__ import annotations

import re

_NOUN = r"(?:survey|consultation|questionnaire|poll|panel)s?"
# A "panel" is a survey only when residents sit on it, not a Police and Crime Panel.
_PANEL_OWNER = re.compile(
    r"^(?:citizens?|residents?|people|peoples|public|community|youth|tenants?|users?|readers?|"
    r"customers?|online|consumers?|household|communities)['’]?s?['’]?$",
    re.IGNORECASE,
)
_CAP_WORD = r"(?:[A-Z][\w'’&-]*|\d{4}(?:[/-]\d{2,4})?|Q[1-4])"
_QUALIFIER = r"(?:\s+(?:Q[1-4]|\d{4}(?:[/-]\d{2,4})?|\(\d{4}\)|[Ww]ave\s+\d+|[Rr]ound\s+\d+))*"
# "Crime Survey for England and Wales": a proper name may run on after its noun.
_NAME_TAIL = r"(?:\s+(?:for|of)\s+[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’-]*){0,3})?"
# Anchored at word start ("-" and "&" included): a retry after each hyphen inside a long
# "A-A-…" token rescanned the rest of it (quadratic).
_CAP_NAME = re.compile(
    rf"(?<![\w'’&-])((?:{_CAP_WORD}(?:\s+(?:and|of|for|on|&|the)(?=\s+[A-Z0-9]))?\s+){{0,6}}"
    rf"(?i:{_NOUN})\b{_NAME_TAIL}{_QUALIFIER})"
)
# Anchored at word start ("-" included): a retry after each hyphen inside a long token
# rescanned the rest of it (quadratic).
_LOWER_NAME = re.compile(rf"(?<![\w'’-])((?:[a-z][\w'’-]*\s+){{1,2}})({_NOUN})\b{_QUALIFIER}")
# Words that precede a survey noun without naming it ("completed the survey").
# fmt: off
_NOT_MODIFIER = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my",
    "your", "for", "of", "in", "on", "to", "by", "with", "from", "at", "as", "and", "or", "recent",
    "latest", "last", "previous", "same", "which", "who", "was", "were", "is", "are", "be", "been",
    "being", "completed", "complete", "ran", "run", "conducted", "carried", "undertaken", "launched",
    "held", "through", "via", "said", "found", "new", "further", "wider", "more", "comprehensive",
    "during", "following", "after", "before", "into", "about", "any", "each", "every", "such", "what",
    "whose", "took", "take", "part", "public's", "planned", "proposed", "draft", "current", "future",
    "year's",
})
# fmt: on
# Capitalised only because they open the sentence: "A survey of ...", "The survey".
_LEAD_FUNCTION_WORDS = re.compile(
    r"^(?:(?:the|a|an|this|that|these|our|their|its|in|of|for|from|each|every|last|latest|recent|"
    r"overall|both|all|further)\s+)+",
    re.IGNORECASE,
)
SPECIFIC = 1  # name rank from which a name identifies a survey (not just "the survey")

_NUMBER = r"(?<![\d.,£$€])(\d{1,3}(?:,\d{3})+|\d+)(?![\d%])(?!\s?per\s?cent)"
_ABOUT = r"(?:around |about |over |some |nearly |almost |approximately |just over |a total of )?"
# The one list of people whose answers a survey reports, from the public to a council's own
# staff. Bare "members", "officers" and "councillors" are left out: in committee papers they are
# the committee and the report's authors ("Members were asked to note", "officers completed the
# review"), not a survey sample; "panel members" and "members of the public" are in.
PEOPLE = (
    r"(?:respondents|residents|people|young people|adults|participants|households|businesses|traders|"
    r"pupils|students|children|girls|boys|women|men|tenants|leaseholders|members of the public|"
    r"panel members|panellists|individuals|users|service users|customers|parents|carers|citizens|"
    r"visitors|patients|victims|staff|employees|colleagues|workers)"
)
# Who gives a view: one of the people, or "those" ("62% of those living nearby said").
SUBJECT = rf"(?:{PEOPLE}|those)"
_RESPONDENTS = [
    re.compile(rf"\b[nN]\s*=\s*{_NUMBER}"),
    re.compile(rf"\bsample (?:size )?of {_ABOUT}{_NUMBER}", re.IGNORECASE),
    re.compile(rf"\bbase(?: size)?:?\s*{_NUMBER}", re.IGNORECASE),
    re.compile(
        rf"{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?(?:respondents|responses|replies|returns|"
        rf"completed (?:surveys|questionnaires|responses))\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\s+(?:(?:who|that)\s+)?(?:have\s+|had\s+)?"
        r"(?:completed|responded|took part|taken part|participated|replied|returned|answered|filled in|"
        r"(?:were )?(?:surveyed|interviewed|asked|consulted|questioned|polled)|gave their views|shared their views)",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:completed|answered|returned|filled in) by {_ABOUT}{_NUMBER}", re.IGNORECASE),
    re.compile(rf"\b{_NOUN} (?:of|with) {_ABOUT}{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}", re.IGNORECASE),
    # "carried out face to face with 1,004 residents", "spoke to 350 young people"
    re.compile(rf"\b(?:with|to) {_ABOUT}{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\b", re.IGNORECASE),
    re.compile(rf"\b(?:received|generated|attracted) {_ABOUT}{_NUMBER}\s", re.IGNORECASE),
    # "1,315 surveys completed", "842 questionnaires had been returned"
    re.compile(
        rf"{_NUMBER}\s+(?:[\w'’-]+\s+)?(?:surveys|questionnaires|forms|submissions)\s+"
        r"(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:completed|returned|received|submitted)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?(?:were|have been|had been)\s+returned\b", re.IGNORECASE
    ),
    # "the answers from 2,100 local residents", "the views of 900 tenants"
    re.compile(
        rf"\b(?:responses?|views|answers|replies) (?:from|of) {_ABOUT}{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\b",
        re.IGNORECASE,
    ),
    # "some 950 adults, weighted to match the district, were surveyed"
    re.compile(
        rf"{_NUMBER}\s+{PEOPLE}\b[^.;%\d]{{0,100}}?\b(?:were|have been|had been)\s+"
        r"(?:surveyed|interviewed|consulted|questioned|polled)\b",
        re.IGNORECASE,
    ),
    # Headings and tables: "Total respondents: 940", "Number of responses = 312"
    re.compile(
        rf"\b(?:total\s+)?(?:number\s+of\s+)?(?:respondents|responses|replies)\s*[:=]\s*{_NUMBER}",
        re.IGNORECASE,
    ),
]
# A sample drawn or invited ("posted to a sample of 6,000 addresses") is the sample
# size only when the paper does not say how many answered.
_DRAWN = re.compile(rf"\bsample (?:size )?of {_ABOUT}{_NUMBER}", re.IGNORECASE)
# Counts written in words: "Two thousand tenants had responded".
_WORD_COUNT = re.compile(
    r"\b(?P<n>(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand))\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\s+(?:(?:who|that)\s+)?(?:have\s+|had\s+)?"
    r"(?:completed|responded|took part|taken part|participated|replied|answered|"
    r"(?:were )?(?:surveyed|interviewed|asked|consulted|questioned|polled))",
    re.IGNORECASE,
)
_SMALL = {w: i for i, w in enumerate("a one two three four five six seven eight nine ten".split())}

_SUBGROUP_BEFORE = re.compile(r"%\s*[,;(]?\s*$")
_SUBGROUP_AFTER = re.compile(r"\s*\(\s*\d{1,3}(?:\.\d+)?\s?%")
# A survey reports results when it says so, counts respondents or gives figures.
RESULT_CUE = re.compile(
    r"\b(?:results?|found|finds|findings?|show(?:s|ed|n)?|reveal\w*|indicat\w*|highlight\w*|told us|"
    r"said|says|respond\w*|responses?|completed|took part|participat\w*|returned|asked|felt|agreed|"
    r"summary|feedback|answer\w*)\b",
    re.IGNORECASE,
)
# Words that only occur when results are being reported, with or without a survey name.
RESPONDENT_TERM = re.compile(
    r"\b(?:respondents|those (?:surveyed|asked|questioned|consulted|who responded)|"
    r"(?:people|residents) (?:surveyed|questioned|interviewed)|what (?:you|people|residents) told us)\b",
    re.IGNORECASE,
)
# Results reported without a survey noun: "Residents were asked which issues mattered most:",
# "When asked ...", "Young people told us ...", "We asked local businesses ...".
PEOPLE_ASKED = re.compile(
    rf"\b(?:{PEOPLE}\s+(?:(?:have|had)\s+)?(?:(?:were|was|are|been|being)\s+)(?:also\s+)?asked\b|"
    rf"{PEOPLE}\s+(?:(?:have|had|also)\s+)?told us\b|when asked\b|"
    rf"we\s+(?:also\s+)?asked\s+(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\b)",
    re.IGNORECASE,
)
# A paragraph without a percentage keeps a survey passage open only if it talks like one.
CONTINUE_CUE = re.compile(
    r"\b(?:respond\w*|responses?|survey\w*|consult\w*|questionnaires?|panel|poll\w*|asked|said|say|"
    r"says|felt|feel\w*|think|thought|believ\w*|agree\w*|disagree\w*|satisf\w*|dissatisf\w*|"
    r"prefer\w*|opinions?|views|results?|findings?|told us|participants?|rated|perception\w*|interview\w*|"
    r"top (?:\w+ ){0,2}(?:issues|concerns|things|priorities|reasons|problems)|most important)\b|\?",
    re.IGNORECASE,
)

# Verbs and nouns of people giving a view ("62% of residents said", "45% felt").
OPINION_VERB = (
    r"(?:said|say|says|stated|felt|feel|feels|feeling|agreed|agree|agrees|disagreed|disagree|strongly|"
    r"tend to|thought|think|believed?|believes|supported|support|opposed|oppose|preferred|prefer|"
    r"favoured|favours?|welcomed|chose|selected|voted|ranked|identified|named|mentioned|cited|rated|"
    r"described|expressed|wanted|want|would (?:like|prefer|support|use|recommend)|responded|answered|"
    # "reported" is a view unless a crime, an absence or an injury was reported to someone.
    r"reported(?!\s+(?:to|by|in|on)\b)(?!\s+(?:\w+\s+){0,2}?(?:crimes?|incidents?|offences?|sickness|absence|"
    r"injur\w*|accidents?)\b)(?![^.;%]{0,60}\bto\s+(?:the\s+)?(?:police|council|landlord)\b)|(?:were|are|was|is) (?:strongly )?(?:opposed|in favour|against|"
    r"supportive)|(?:were|are|was|is|felt|feel) (?:very |fairly |quite |not |"
    r"either )*(?:satisfied|dissatisfied|happy|unhappy|concerned|worried|aware|unaware|"
    r"in favour|against|likely|unlikely|confident|safe|unsafe))"
)


def name_in(text: str) -> tuple[str | None, int]:
    """The best survey name in `text` and its rank (2 proper name, 1 described, 0 bare noun)."""
    best: tuple[str | None, int, int] = (None, -1, 0)
    for m in _CAP_NAME.finditer(text):
        name = _LEAD_FUNCTION_WORDS.sub("", m.group(1)).strip()
        rank = 2 if len(name.split()) > 1 else 0
        best = _better(best, name, rank, m.start())
    for m in _LOWER_NAME.finditer(text):
        words = m.group(1).split()
        keep: list[str] = []
        for w in reversed(words):
            if w.lower() in _NOT_MODIFIER or not re.fullmatch(r"[a-z][\w'’-]*", w):
                break
            keep.insert(0, w)
        name = " ".join([*keep, m.group(0)[len(m.group(1)) :].strip()])
        best = _better(best, name, 1 if keep else 0, m.start() + len(m.group(1)))
    return best[0], best[1]


def _better(best: tuple[str | None, int, int], name: str, rank: int, pos: int) -> tuple[str | None, int, int]:
    """Keep the higher-ranked, then earlier, name; a panel needs residents to sit on it."""
    words = name.split()
    nouns = [i for i, w in enumerate(words) if re.fullmatch(rf"(?i:{_NOUN})", w)]
    if not nouns:
        return best
    i = nouns[-1]
    if words[i].lower().startswith("panel") and not (i and _PANEL_OWNER.match(words[i - 1])):
        return best
    if rank > best[1] or (rank == best[1] and pos < best[2]):
        return (name, rank, pos)
    return best


# How many of the sample answered one question: "1,840 (92%) of the 2,000 people who replied
# said ...". The first count is the base of that question's results.
_QUESTION_BASE = re.compile(
    rf"{_NUMBER}\s*\(\s*\d{{1,3}}(?:\.\d+)?\s?%\s*\)\s+of\s+(?:the\s+|all\s+)?\d[\d,]*\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?(?:{PEOPLE}|responses|replies)\b",
    re.IGNORECASE,
)


def respondents_in(text: str) -> int | None:
    """The sample size a passage states, if any; the earliest statement of how many answered
    wins, else the size of the sample drawn."""
    found = _counts(text, [p for p in _RESPONDENTS if p.pattern != _DRAWN.pattern])
    base = _QUESTION_BASE.search(text)
    if base:
        found.append((base.start(), int(base.group(1).replace(",", ""))))
    for m in _WORD_COUNT.finditer(text):
        words = m.group("n").lower().split()
        found.append((m.start(), max(1, _SMALL[words[0]]) * (1000 if words[1] == "thousand" else 100)))
        break
    if not found:
        found = _counts(text, [_DRAWN])
    return min(found)[1] if found else None


def _counts(text: str, patterns: list[re.Pattern]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            raw = m.group(1)
            value = int(raw.replace(",", ""))
            if "," not in raw and 1900 <= value <= 2100 or value == 0:
                continue  # a year ("2023 residents' survey"), not a count
            if _SUBGROUP_BEFORE.search(text, 0, m.start()) or _SUBGROUP_AFTER.match(text, m.end()):
                continue  # the count behind one answer ("45 respondents (42%)", "42% (n=45)")
            found.append((m.start(), value))
            break
    return found
