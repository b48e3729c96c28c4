"""What marks a line or sentence as naming entries of a risk register, shared by the
forms that read register risks out of running text (`coded_risks`, `named_risks`,
`register_lists`, `flat_rows`).

Three cues, each about how reports write registers, none about one paper:
- a register code: letters and digits such as "CR6", "SR03", "CRR12", "CDS0043",
  "QR12" or "CR.3", counted only in a family of codes that the text ties to risk
  ("risk QR9", "the CR30 and CR31 risks", a code line under a "Risk Register" intro);
- a rating word or colour ("red", "very high", "extreme", "H", "Medium");
- an intro naming a register or a rated set of risks ("risks on the corporate risk
  register were:", "the red risks were:", "two high scoring risks –").
Also shared: sentence splitting (every form cuts names at the same boundaries), what a
short entry name looks like, `Mention` (a risk found in running text, before it becomes a
`Risk`) and `rate` (the rating a mention's sentence gives it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.common.text import UNIT_WORDS
from extractors.risks.ratings import parse_rating

# "CR4", "SR07", "CRR15", "ABC0012", "HWD004", "QR12", "CR.3": two to four capitals,
# maybe a dot, one to four digits.
RISK_CODE = re.compile(r"(?<![\w./-])(?P<prefix>[A-Z]{2,4})\.?(?P<number>\d{1,4})(?![\w/-]|\.\d)")
# Capital-and-digit tokens that are units, standards or stages, never register codes.
NOT_CODE_PREFIXES = frozenset(
    "CO NO SO PM NOX CH KS FY ISO BS EN PAS COVID SARS MP TV LED USB HGV LGV GP NHS IFRS IAS FRS ISA COP "
    "SDG NI".split()
)
RISK_WORD = re.compile(r"\brisks?\b", re.IGNORECASE)
REGISTER_WORD = re.compile(r"\bregisters?\b", re.IGNORECASE)
# A rating as reports word it: RAG colours, levels, "very high", "extreme".
RATING = re.compile(
    r"\b(?:(?:very |extremely )?(?:high|low)|medium|red|amber|green|extreme|critical|severe|"
    r"significant|major|moderate|minor)\b",
    re.IGNORECASE,
)
# A single cell or token holding only a level: "H", "M", "L", "High", "Medium.", "Low".
LEVEL_CELL = re.compile(r"^(?:H|M|L|High|Medium|Med|Low|Very High|Very Low)\.?$", re.IGNORECASE)
LEVEL_WORD = re.compile(r"\b(?:Very High|Very Low|High|Medium|Low)\b")
COUNT = rf"(?:\d{{1,2}}|{'|'.join(sorted(UNIT_WORDS, key=len, reverse=True))})"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(‘])|\n")
# Words that end a sentence's period without ending the sentence: "Risk no. 2", "Cllr. X".
_ABBREVIATION = re.compile(r"\b(?:no|nos|cllr|mr|mrs|ms|dr|st|i\.e|e\.g|cf|para|ref)\.$", re.IGNORECASE)
CODE_CONTEXT_BEFORE = 80  # chars before a code searched for "risk" in its sentence
MAX_WORDS_RISK_TO_CODE = 8  # "one risk, the Major Incident in the Borough (CR.3)"
CODE_CONTEXT_AFTER = 120  # chars after it searched for "risks" ("the CR30 Climate Action ... risks")
CODE_CONTEXT_LINES = 400  # chars above a code line searched for the register it belongs to
# After a code: a title-case name, more codes, then "risk(s)".
_NAME_THEN_RISKS = re.compile(
    r"(?:[ \t,]+(?:and|&|of|the|in|for|[A-Z][\w’'-]*|[A-Z]{2,4}\.?\d{1,4}))*[ \t]+risks?\b"
)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end]; a line break always ends one."""
    end = len(text) if end is None else end
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] != "\n" and _ABBREVIATION.search(text[max(pos, m.start() - 6) : m.start()]):
            continue
        if text[pos : m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    if text[pos:end].strip():
        yield pos, end


def is_code(token: str) -> bool:
    m = RISK_CODE.fullmatch(token)
    return m is not None and m.group("prefix") not in NOT_CODE_PREFIXES and not _is_year(m.group("number"))


def _is_year(number: str) -> bool:
    return len(number) == 4 and number[:2] in ("19", "20")


def code_key(code: str) -> str:
    """ "CR.3" and "CR3" are one code."""
    return code.replace(".", "").upper()


def risk_code_families(text: str) -> set[str]:
    """Prefixes of the codes that the text ties to risk. A code is tied when "risk" comes
    shortly before it in its sentence ("risk QR9", "the residual risks were QR12, ..."),
    when "risks" follows it with only a title-case name or other codes between ("the CR30
    Climate Action and CR31 Review risks"), or when it opens a line under text that names
    the register ("Corporate Risk Register ... areas of concern:" / "CR4 Flood Resilience").
    All codes of a tied prefix are register codes in this text; "report AB12 on the risk
    register" or "indicators PI12 and PI14 are off target, a risk to the plan" tie nothing."""
    families = set()
    for m in RISK_CODE.finditer(text):
        if not is_code(m.group(0)):
            continue
        if (
            _tied_before(text, m.start())
            or _tied_after(text, m.end())
            or _opens_register_line(text, m.start())
        ):
            families.add(m.group("prefix"))
    return families


def _tied_before(text: str, start: int) -> bool:
    before = text[max(0, start - CODE_CONTEXT_BEFORE) : start]
    before = re.split(r"[.!?]\s+(?=[A-Z])|\n", before)[-1]  # its own sentence
    m = list(RISK_WORD.finditer(before))
    return bool(m) and len(re.findall(r"\w+", before[m[-1].end() :])) <= MAX_WORDS_RISK_TO_CODE


def _tied_after(text: str, end: int) -> bool:
    after = text[end : end + CODE_CONTEXT_AFTER]
    return bool(_NAME_THEN_RISKS.match(after))


def _opens_register_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if not re.fullmatch(r"[ \t]*(?:[•*o-][ \t]*)?", text[line_start:start]):
        return False
    return bool(REGISTER_WORD.search(text, max(0, line_start - CODE_CONTEXT_LINES), line_start))


def names_register(text: str) -> bool:
    """An intro naming a register, or risks with a rating ("the red risks", "risks rated
    high", "high scoring risks")."""
    if RISK_WORD.search(text) and REGISTER_WORD.search(text):
        return True
    return bool(
        re.search(
            rf"{RATING.pattern}[\w ()-]{{0,30}}\brisks\b|\brisks\b[\w ]{{0,20}}\b(?:rated|scored|scoring|at)\s+"
            rf"{RATING.pattern}",
            text,
            re.IGNORECASE,
        )
    )


def stated_rating(text: str) -> str | None:
    """The rating an intro gives its list: "the top (red) residual risks" -> "red"."""
    m = re.search(rf"({RATING.pattern})(?:\)|\s+\w+){{0,3}}\s+risks\b", text, re.IGNORECASE)
    if m:
        return m.group(1)
    m = re.search(rf"\brisks\b[^.;:]{{0,60}}?\b(?:rated|scored|scoring|marked|status|were still)\s+(?:as\s+|at\s+)?"
                  rf"({RATING.pattern})", text, re.IGNORECASE)  # fmt: skip
    return m.group(1) if m else None


# Words that tie a passage to a register rather than to risk in general.
_REGISTER_TALK = re.compile(
    r"\bregisters?\b|\b(?:strategic|corporate|directorate|departmental|operational)\s+risks?\b|"
    r"\brisk\s+(?:ratings?|scores?|scoring|map)\b",
    re.IGNORECASE,
)
REGISTER_TALK_WINDOW = 1500  # chars before a mention searched for register talk


def register_talk_before(text: str, pos: int) -> bool:
    """The passage leading to pos talks about a register ("the corporate risk register",
    "strategic risks", "the latest risk scores")."""
    return bool(_REGISTER_TALK.search(text, max(0, pos - REGISTER_TALK_WINDOW), pos + 200))


MAX_NAME_WORDS_IN_LIST = 8
# Words of a clause, never of a risk's short name.
CLAUSE_WORD = re.compile(
    r"\b(?:was|were|is|are|be|been|had|has|have|will|would|should|could|may|might|can|that|which|who|"
    r"said|says|noted|asked|reported)\b|\b(?-i:two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)
# What risks are treated with: a list of these is a list of responses, not of risks.
RESPONSES = frozenset("treat tolerate transfer terminate accept avoid reduce mitigate share exploit".split())


def is_short_name(s: str) -> bool:
    """A register entry's short name: a few words, no clause ("coastal flooding", not
    "the officer said that")."""
    words = s.split()
    return (
        1 <= len(words) <= MAX_NAME_WORDS_IN_LIST
        and s[0].isalpha()
        and words[0].lower() not in RESPONSES
        and not CLAUSE_WORD.search(s)
    )


def name_key(name: str) -> str:
    """What makes two mentions name the same risk: the name folded to lower-case words."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def count_value(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return UNIT_WORDS.get(w)


@dataclass
class Mention:
    """One register risk found in running text, before it becomes a `Risk`."""

    start: int
    end: int
    risk: str
    key: str  # what makes two mentions the same risk (a code, or a folded name)
    named: bool = True
    rating_raw: str | None = None
    row: int | None = None
    list_key: int | None = None  # the intro of the list it belongs to: each list gives its own rows
    likelihood: str | None = None
    impact: str | None = None
    score: int | None = None
    description: str | None = None


def rate(men: Mention, tail: str) -> None:
    """What the rest of the mention's sentence says of its rating: a product ("both 4 x 4"),
    or a change ("likelihood down from 4 to 3", "score from 12 to 9", "now reduced to Amber")."""
    product = re.search(r"\b\d\s*[x×]\s*\d\b(?:\s*=\s*\d{1,2})?", tail)
    if product:
        rating = parse_rating(product.group(0))
        men.rating_raw = product.group(0)
        men.likelihood, men.impact, men.score = rating.likelihood, rating.impact, rating.score
    for dim in ("likelihood", "impact", "score"):
        m = re.search(
            rf"\b{dim}\b[^.;]{{0,30}}?\bfrom\s+(\d{{1,2}})\s+to\s+(\d{{1,2}})\b", tail, re.IGNORECASE
        )
        if m:
            setattr(men, dim, int(m.group(2)) if dim == "score" else m.group(2))
    m = re.search(
        rf"\b(?:now|reduced|increased|raised|lowered)\s+(?:\w+\s+)?to\s+({RATING.pattern})\b", tail, re.I
    )
    if m:
        men.rating_raw = m.group(1)
