"""Provisions of legislation: the section, part, schedule or regulation a mention cites.

Helpers for `extractors.legislation`. A provision is written before its instrument
("Sections 5-7 of the Crime and Disorder Act 1998"), after it ("the Localism Act 2011,
section 81", "(s.149)"), or on its own next to the instrument it belongs to: "The
Localism Act 2011 gives councils a general power, and
Part 5 sets out community rights" cites part 5 of that Act. A provision on its
own counts only where the genre marks it as law (a duty verb after it, "under" before
it, an abbreviation such as "s.37", or brackets alone); report furniture ("section 5 of
this report", "section 3 above") never does.
"""

from __future__ import annotations

import re

from extractors.legislation.gazetteer import Instrument
from extractors.legislation.refs import AS_AMENDED, Coverage, Mention

_UNIT = (
    r"(?:[Ss]ections?|SECTIONS?|[Ss]{1,2}\.\s?|[Ss]{1,2}(?=\d)|(?<![’'])[Ss]{1,2}[ ](?=\d)|[Rr]egulations?|[Rr]egs?\.?"
    r"|[Ss]chedules?|[Ss]ch\.|[Pp]aragraphs?|[Pp]aras?\.?|[Pp]arts?|[Aa]rticles?|[Aa]rts?\."
    r"|[Cc]hapters?|[Rr]ules?)"
)
# Three digits at most, so that "Regulations 2007" is never read as a provision.
# Subsections: "(1)(b)", also spaced "53 (1) (b)"; spaced ones are numbers or small letters,
# so that "section 17 (CDA)" keeps its bracket. A subsection list goes on "(1), (2) & (3)",
# and a dropped opening bracket is read back: "100B (4) b)".
_SPACED_SUB = r"\((?:\d{1,3}[A-Za-z]?|[a-z]{1,2}|[ivx]{1,5})\)"
_SUBS = (
    rf"(?:(?:\([0-9A-Za-z]{{1,4}}\)|[ ]{_SPACED_SUB})+"
    rf"(?:[ ]?[a-z]{{1,2}}\)(?![\w(]))?(?:\s*(?:,|&|and|or)\s*{_SPACED_SUB})*)?"
)
_NUM = rf"(?:\d{{1,3}}(?![\d.]\d|\d)[A-Z]{{0,2}}{_SUBS}|[IVX]{{1,5}}[A-Z]?\b)"
_NUMLIST = rf"{_NUM}(?:\s*(?:-|–|to|and|&|,)\s*{_NUM})*"
_UNIT_NUM = rf"(?<![\w.]){_UNIT}\s*{_NUMLIST}"
_PROV = rf"{_UNIT_NUM}(?:\s*,?\s*(?:(?:of|in|to)\s+)?{_UNIT_NUM})*"
# Between a provision and its instrument: "of the", "to the", a comma, or a space on one line.
_CONNECT = r"(?:\s*,?\s*(?:of|to|in|under)\s+(?:the\s+)?|[ \t]+(?:the\s+)?|,\s*(?:the\s+)?)"
_PREFIX = re.compile(rf"(?P<prov>{_PROV}){_CONNECT}$")
_ABBREVIATION_SET = r"(?:\s*\(\s*[\"'“‘]?[A-Z][^()\n]{0,38}\))?"  # "Act 2021 (DA Act) Part 4"
# After a title: a comma or an opening bracket may end a wrapped line; a bare space may not
# (a title closing one line and "Part 2" opening the next are unrelated).
_SUFFIX = re.compile(
    rf"{AS_AMENDED}{_ABBREVIATION_SET}"
    r"(?P<open>[ \t]*,[ \t]*\n?[ \t]*|[ \t]+|[ \t]*\([ \t]*\n?[ \t]*)"
    rf"(?P<prov>{_PROV})"
)
_PIECE = re.compile(rf"(?P<unit>{_UNIT})\s*(?P<nums>{_NUMLIST})")
_UNIT_NAMES = (
    (r"s{1,2}\.?|sections?", "section"),
    (r"regs?\.?|regulations?", "regulation"),
    (r"sch\.|schedules?", "schedule"),
    (r"paras?\.?|paragraphs?", "paragraph"),
    (r"parts?", "part"),
    (r"arts?\.|articles?", "article"),
    (r"chapters?", "chapter"),
    (r"rules?", "rule"),
)
PREFIX_LOOKBACK = 160

# ---------------------------------------------------------------- provisions on their own
_STANDALONE_REGULATION = re.compile(rf"(?<![\w.])(?P<prov>(?:[Rr]egulations?|[Rr]egs?\.?)\s*{_NUMLIST})")
# Divisions of an Act. Paragraphs, articles and chapters do not lead: reports number their
# own. "S1" without a dot is a report's code for an objective; "s17" is a section.
# "s 22" with a space, but not the end of a possessive: "the Council's 17 wards".
_ABBREVIATED = r"[Ss]{1,2}\.\s?|s{1,2}(?=\d)|(?<![’'])[Ss]{1,2}[ ](?=\d)"
_STANDALONE_DIVISION = re.compile(
    rf"(?<![\w.])(?P<prov>(?P<unit>{_ABBREVIATED}|[Ss]ections?|SECTIONS?|[Pp]arts?|[Ss]chedules?|[Ss]ch\.)"
    rf"\s*{_NUMLIST}(?:[ \t]*,?[ \t]*(?:(?:of|in)[ \t]+)?{_UNIT_NUM})*)"
)
# Heads whose instruments have sections, parts, schedules and chapters.
DIVIDED_HEADS = ("act", "measure", "bill")
# Words before a provision that cite law: "closure notices under section 76".
_LEGAL_BEFORE = re.compile(
    r"\b(?:under|pursuant\s+to|in\s+accordance\s+with|by\s+virtue\s+of|(?:as\s+)?required\s+by"
    r"|conferred\s+by|imposed\s+by|(?:as\s+)?defined\s+(?:in|by)|within\s+the\s+meaning\s+of)\s+$",
    re.IGNORECASE,
)
# Verbs after a provision that report what law does. Reports' own sections and parts "set
# out", "provide", "give", "introduce" and "cover", so those count only after an
# abbreviation ("s.37 sets the principal aim").
_LEGAL_VERBS = (
    r"requires?|required|places?|placed|imposes?|imposed|creates?|created|empowers?|empowered"
    r"|obliges?|obliged|confers?|conferred|defines?|defined|establish(?:es|ed)|prohibits?|prohibited"
    r"|enables?|enabled|allows?|allowed|permits?|permitted|grants?|granted|amends?|amended"
    r"|inserts?|inserted|repeals?|repealed|came\s+into\s+force|comes\s+into\s+force|makes\s+it"
)
_ABBREVIATED_VERBS = (
    r"sets?|gives?|gave|provides?|provided|states?|stated|makes?|made|lists?|covers?|contains?"
    r"|introduces?|introduced|applies|applied|says"
)
_VERB_AFTER = re.compile(rf"\s+(?:also\s+|further\s+|then\s+)?(?:{_LEGAL_VERBS})\b")
_ABBREVIATED_VERB_AFTER = re.compile(
    rf"\s+(?:also\s+|further\s+|then\s+)?(?:{_LEGAL_VERBS}|{_ABBREVIATED_VERBS})\b"
)
# "the section 17 duty", "s.11 powers", "the section 35 dispersal powers": a provision naming what law gives.
_DUTY_AFTER = re.compile(
    r"\s+(?:[a-z][a-z-]+\s+)?(?:duty|duties|powers?|obligations?|responsibilit(?:y|ies))\b"
)
# A report's own sections: "see section 5", "in section 3", "section 3 above".
_REPORT_BEFORE = re.compile(
    r"\b(?:see|refer(?:red)?\s+to|at|in|within|this|next|previous|following|preceding)\s+$", re.IGNORECASE
)
_REPORT_AFTER = re.compile(r"\s*(?:above|below|here|earlier|later|overleaf)\b")
_FOLLOWED_BY_OWNER = re.compile(r"\s+(?:of|to|in)\s")
# "Financial Regulation 4": a regulation of some named document, not of an instrument.
_NAMED_BEFORE = re.compile(
    r"\b(?!(?:The|This|That|Under|In|By|Also|And|However|Further|As|See|With|From|Of|Whilst|While)\b)"
    r"[A-Z][\w'’-]*[ \t]+$"
)
_POSSESSIVE_BEFORE = re.compile(r"['’]s[ \t]+$")  # "the Council's s.17 duty" is the Act's
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z•(\d])")
_ITEM_NUMBER = re.compile(r"\n[ \t]*\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)][ \t]+")
CONTEXT_CHARS = 40


def normalise_provision(raw: str) -> str:
    """ "Schedule 5, Paragraph 84" -> "schedule 5 paragraph 84"; "Sections 5-7" -> "sections 5-7";
    "s 53 (1) (b)" -> "section 53(1)(b)"."""
    pieces = []
    for p in _PIECE.finditer(raw):
        unit_raw = p.group("unit").strip().lower()
        unit = next(name for pat, name in _UNIT_NAMES if re.fullmatch(pat, unit_raw))
        nums = re.sub(r"\s*(?:-|–|\bto\b)\s*", "-", p.group("nums"))
        nums = re.sub(r"\s*&\s*", " and ", re.sub(r"\s*,\s*", ", ", nums))
        nums = re.sub(r"(?<=[\w)])[ ]?([a-z]{1,2})\)", r"(\1)", nums)  # "(4) b)": a dropped "("
        nums = re.sub(r"(?<=[\d)])\s+(?=\()|(?<=\d[A-Z])\s+(?=\()", "", nums)  # "53 (1) (b)" -> "53(1)(b)"
        nums = re.sub(r"\s+", " ", nums).strip()
        plural = bool(re.search(r"[-,]|\band\b", nums))
        pieces.append(f"{unit}{'s' if plural else ''} {nums}")
    if re.search(r"\d\)?\s+(?:of|to|in)\s", raw):
        pieces.reverse()  # "paragraph 84 of Schedule 5": the larger division comes last
    return " ".join(pieces)


_CANONICAL_UNIT = re.compile(r"\b(section|regulation|schedule|paragraph|part|article|chapter|rule)s? ")


def split_provision(provision: str | None) -> list[str | None]:
    """The provisions a canonical provision lists, one each: "sections 1, 22 and 63" ->
    "section 1", "section 22", "section 63"; "section 63(1), (2) and (3)" -> "section
    63(1)", "section 63(2)", "section 63(3)". A range ("sections 5-7") is one provision,
    and so is a provision listing at two levels ("schedules 1 and 2 paragraphs 3 and 4")."""
    if not provision:
        return [provision]
    cut = _CANONICAL_UNIT.split(provision)[1:]  # unit, numbers, unit, numbers ...
    pieces = [(cut[i], cut[i + 1].strip()) for i in range(0, len(cut) - 1, 2)]
    items = [re.split(r",\s*|\s+(?:and|or)\s+", nums) for _, nums in pieces]
    lists = [i for i, its in enumerate(items) if len(its) > 1]
    if len(lists) != 1:
        return [provision]
    k = lists[0]
    out: list[str | None] = []
    base = ""
    for item in items[k]:
        if item.startswith("(") and base:
            item = base + item  # "(2)" after "63(1)" is subsection 2 of section 63
        base = item.split("(", 1)[0]
        parts = [f"{unit} {nums}" for unit, nums in pieces]
        parts[k] = f"{pieces[k][0]}{'s' if '-' in item else ''} {item}"
        out.append(" ".join(parts))
    return out


def attach_provisions(text: str, mentions: list[Mention]) -> None:
    """A provision written just before ("Section 19 of ...") or after (", section 81") a mention."""
    claimed = Coverage(len(text), [(m.start, m.end) for m in mentions])
    for m in mentions:
        lo = max(0, m.start - PREFIX_LOOKBACK)
        p = _PREFIX.search(text[lo : m.start])
        if p and not claimed.overlaps(lo + p.start(), lo + p.end("prov")):
            m.provision = normalise_provision(p.group("prov"))
            m.span_start = lo + p.start()
            claimed.add(m.span_start, m.start)
    for m in mentions:
        if m.provision:
            continue
        s = _SUFFIX.match(text, m.end)
        if not s or claimed.overlaps(s.start("prov"), s.end("prov")):
            continue
        end = s.end()
        if "(" in s.group("open"):
            close = re.match(r"[ \t]*\)", text[end:])
            if not close:
                continue
            end += close.end()
        elif re.match(r"\s*(?:of|to|in)\b", text[end:]):
            continue  # "..., Part 1 of the next Act"
        m.provision = normalise_provision(s.group("prov"))
        m.end = end


def find_standalone_provisions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Provisions written on their own, in or just after a sentence citing their instrument:
    "Regulation 10 requires ..." after Regulations; "... under section 76", "s17 requires",
    "(section 5)" or "Part 2 establishes ..." after an Act."""
    spans = Coverage(len(text), [(m.span_start, m.end) for m in mentions])
    found = [(r, "regulations") for r in _STANDALONE_REGULATION.finditer(text) if _regulation_is_law(text, r)]
    found += [(r, "divided") for r in _STANDALONE_DIVISION.finditer(text) if _division_is_law(text, r)]
    cited = sorted(mentions, key=lambda m: m.end)
    out: list[Mention] = []
    for r, heads in sorted(found, key=lambda f: f[0].start()):
        if spans.overlaps(*r.span("prov")):
            continue
        ante = _antecedent(text, cited, r.start(), DIVIDED_HEADS if heads == "divided" else (heads,))
        if ante is None:
            continue
        spans.add(*r.span("prov"))
        m = Mention(
            r.start("prov"),
            r.end("prov"),
            written_title=ante.title,
            year=ante.year,
            kind=ante.kind,
            head=ante.head,
            inst=ante.inst or Instrument(None, ante.written_title, ante.year, ante.kind),
            source="standalone",
            provision=normalise_provision(r.group("prov")),
        )
        out.append(m)
        cited.append(m)  # "s17 requires ... s18 requires ...": each cites the Act for the next
    return out


def _antecedent(text: str, cited: list[Mention], start: int, heads: tuple[str, ...]) -> Mention | None:
    """The latest mention of a fitting instrument before `start`, in the same or the previous sentence."""
    before = [m for m in cited if m.end <= start and m.head in heads]
    if not before:
        return None
    ante = max(before, key=lambda m: m.end)
    return ante if _same_or_next_sentence(text[ante.end : start]) else None


def _regulation_is_law(text: str, r: re.Match) -> bool:
    return not (
        _FOLLOWED_BY_OWNER.match(text, r.end())
        or _NAMED_BEFORE.search(text, max(0, r.start() - CONTEXT_CHARS), r.start())
    )


def _division_is_law(text: str, r: re.Match) -> bool:
    """Whether a section, part, schedule or chapter on its own reads as one of an Act."""
    before = text[max(0, r.start() - CONTEXT_CHARS) : r.start()]
    abbreviated = re.fullmatch(_ABBREVIATED, r.group("unit")) is not None
    named = _NAMED_BEFORE.search(before) and not _POSSESSIVE_BEFORE.search(before)
    report = not abbreviated and _REPORT_BEFORE.search(before)
    if named or report or _FOLLOWED_BY_OWNER.match(text, r.end()) or _REPORT_AFTER.match(text, r.end()):
        return False
    bracketed = before.rstrip(" \t").endswith("(") and re.match(r"[ \t]*\)", text[r.end() :]) is not None
    verb = (_ABBREVIATED_VERB_AFTER if abbreviated else _VERB_AFTER).match(text, r.end())
    return bool(bracketed or verb or _LEGAL_BEFORE.search(before) or _DUTY_AFTER.match(text, r.end()))


def _same_or_next_sentence(between: str) -> bool:
    between = _ITEM_NUMBER.sub("\n", between)  # "3. Issue ..." numbers an item, it ends no sentence
    return "\n\n" not in between and len(_SENTENCE_END.findall(between)) <= 1
