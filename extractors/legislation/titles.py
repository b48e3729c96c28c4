"""Titles of legislation found from their head word: "... Act 1998", "... Regulations 2007".

Helpers for `extractors.legislation`. From each head word (Act, Regulations, Order,
Rules, Bill, Measure) walk left over capitalised words, connectors, bracketed or
comma-set parts and line wraps; the longest start the gazetteer knows wins, else genre
rules pick where "Councils must consult under the Police and Justice Act 2006"
has its title start ("Police").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.legislation.gazetteer import (
    Instrument,
    gazetteer,
    is_known_bare,
    known_years,
    lookup,
    misprinted,
)
from extractors.legislation.refs import Mention

# Head word -> (head class, kind). Lower-case "act" counts only with a year or a known title.
HEADS = {
    "act": ("act", "act"),
    "regulations": ("regulations", "si"),
    "order": ("order", "si"),
    "rules": ("rules", "si"),
    "bill": ("bill", "bill"),
    "measure": ("measure", "welsh_act"),
}
# Heads that name legislation only with a year ("Anti-Social Behaviour Order" is not one).
NEEDS_YEAR = {"regulations", "order", "rules", "measure"}
HEAD = re.compile(r"\b(Act|ACT|act|Regulations|REGULATIONS|Order|ORDER|Rules|RULES|Bill|BILL|Measure)\b")
_YEAR_AFTER = re.compile(r"[ \t]*\n?[ \t]*(\()?(1[2-9]\d\d|20\d\d)\b(?(1)\)|(?![/–-]\d))")
_YEAR_BEFORE = re.compile(r"\b(?:the|The)\s+(1[2-9]\d\d|20\d\d)\s+$")
_TOKEN = re.compile(
    r"""
    (?P<junk>[ \t]*\|[^\n|]*\n)      # rest of a text-table row after a column bar
  | (?P<lead>\n[^|\n]{0,30}\|[ \t]*) # a short first cell before a wrapped title goes on
  | (?P<nl>\n)
  | (?P<word>etc\.|[A-Za-z][\w'’-]*)
  | (?P<num>\d+)
  | (?P<p>[(),&.])
  | (?P<stop>\S|\t)                 # a tab is a table-cell break
""",
    re.VERBOSE,
)
LINE_BREAKS = ("nl", "junk", "lead")
# Lower-case words found inside short titles ("Health and Safety at Work etc. Act").
CONNECTORS = frozenset("and of the at etc. in for on to against by from or".split())
# Capitalised words that open a sentence, a clause or a reference-list line rather than a
# short title: prepositions and conjunctions ("Under Crime and Disorder Act"), determiners
# ("This Localism Act duty"), and report furniture ("Background Papers Localism Act 2011").
LEADING_STOP = frozenset(
    """
    under in as the this that these those an a any each following see also and or since with
    within through by from for per via whilst while although because if when where our its
    their such which legislation draft proposed background papers appendix source sources
    reference references
    """.split()
)
NAME_PREFIXES = frozenset("cllr councillor mr mrs ms miss dr sir lord lady supt insp".split())
# "Council Tax Bill", "energy bill": a demand for payment, not a Bill before Parliament.
INVOICE_WORDS = frozenset(
    "tax energy gas water electricity phone telephone fuel utility heating payment rent".split()
)
# Orders, Rules and Regulations a council makes or keeps itself; legislation.gov.uk has none of them.
LOCAL_INSTRUMENT = re.compile(
    r"\b(?:Traffic|Parking|Waiting|Speed Limits?|Prohibition|Restriction|Tree Preservation|Public Spaces"
    r"|Compulsory Purchase|Temporary|Experimental|Dispersal|Closure|Gating|Designated|Stopping Up"
    r"|Standing Orders|Budget"
    r"|Financial Regulations|Contract|Constitution|Council|Borough|District|County)\b"
)
LOOKBACK_CHARS = (80, 320)  # a short look first; most titles fit
_WORD_CHAR = re.compile(r"[\w'’-]")
MAX_TITLE_TOKENS = 30
# A wrapped title's first line is long; a short line that ends the left walk is a heading.
HEADING_MAX_CHARS = 30


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int


@dataclass
class _Candidate:
    """A title being read: its tokens, head word and what the gazetteer says of it."""

    toks: list[_Tok]
    word: str
    year: int | None
    inst: Instrument | None
    known: bool  # the gazetteer holds this title, maybe for several years


def title_at(text: str, head: re.Match, si_after: Callable[[int], bool]) -> Mention | None:
    """The title whose head word `head` matched, or None when it is not legislation.

    `si_after(end)` says whether an SI number is cited right after a title ending there;
    such a title needs no year to count.
    """
    word = head.group(1)
    hclass, kind = HEADS[word.lower()]
    if hclass == "bill" and re.match(r"[ \t]+[A-Z][a-z]", text[head.end() :]):
        return None  # "Bill Smith": a name
    year_m = _YEAR_AFTER.match(text, head.end())
    year = int(year_m.group(2)) if year_m else None
    end = year_m.end() if year_m else head.end()
    cand = _read_title(text, head.start(), word, year)
    if cand is None:
        return _split_title(text, head, year, end) if word == "Act" and year else None
    start, written, doubted = _take_year_before(text, cand)
    if cand.inst is None and not _plausible(cand, hclass, si_after(end)):
        return None
    return Mention(
        start=start,
        end=end,
        written_title=written,
        year=cand.year,
        kind=_kind(kind, written, cand.year),
        head=hclass,
        inst=cand.inst,
        source="title",
        year_doubted=doubted,
    )


def _read_title(text: str, head_start: int, word: str, year: int | None) -> _Candidate | None:
    """Walk left from the head word and settle where the title starts."""
    toks = _trim_leading(_walk_left(text, head_start))
    starts = _starts(toks)
    if not starts:
        return None
    cand = _best_start(toks[starts[0] :], word, year)
    if not cand.known:
        cand.toks = _cut_heading(text, cand.toks)
        if not _title_words(cand.toks) or len(cand.toks) > MAX_TITLE_TOKENS:
            return None
    return cand


def _take_year_before(text: str, cand: _Candidate) -> tuple[int, str, bool]:
    """Start, written title and whether a year written first was doubted ("the 2003 Licensing Act")."""
    start = cand.toks[0].start
    written = join_title(cand.toks, cand.word, cand.year)
    before = _YEAR_BEFORE.search(text, max(0, start - 12), start) if cand.year is None else None
    if before is None:
        return start, written, False
    year = int(before.group(1))
    if known_years(written) and year not in known_years(written):
        # "the 2019 Localism Act review" (a date) or "the 1964 Licensing Act" (an Act the
        # gazetteer lacks): either way not the year of any Act the gazetteer holds
        return start, written, True
    cand.year = year
    written = f"{written} {year}"
    cand.inst = lookup(written)
    return before.start(1), written, False


def _kind(kind: str, written: str, year: int | None) -> str:
    if kind == "act" and "(Wales)" in written and (year or 2012) >= 2012:
        return "welsh_act"  # Senedd Acts carry "(Wales)"; earlier ones were Westminster's
    return kind


# ---------------------------------------------------------------- titles split by layout
# A flattened two-column table can drop a cell's words into the middle of a title: "Under
# the Anti-Social Behaviour, Crime and Policing Who responded? Act 2014". When no
# title reads left from "Act <year>", a title the gazetteer holds for that year whose words
# end just before, on the same line, is the one split.
SPLIT_GAP_CHARS = 40
SPLIT_GAP_WORDS = 5
SPLIT_LOOKBACK_CHARS = 200


def _split_title(text: str, head: re.Match, year: int, end: int) -> Mention | None:
    lo = max(text.rfind("\n", 0, head.start()) + 1, head.start() - SPLIT_LOOKBACK_CHARS)
    best: tuple[int, int, Instrument] | None = None
    for inst in _acts_of(year):
        words = re.findall(r"[A-Za-z]+", re.sub(r"\s*\bAct \d{4}$", "", inst.title))
        if len(words) < 3:  # "Police consultation? Act 1996" is too weak a clue
            continue
        joiner = r"(?:\W+(?:and\W+)?|\W*&\W*)"
        stem = re.compile(
            r"\b" + joiner.join(re.escape(w) for w in words if w.lower() != "and") + r"\b", re.I
        )
        for m in stem.finditer(text, lo, head.start()):
            gap = text[m.end() : head.start()]
            if (
                len(gap) <= SPLIT_GAP_CHARS
                and len(gap.split()) <= SPLIT_GAP_WORDS
                and (best is None or m.start() < best[0])
            ):
                best = (m.start(), m.end(), inst)
    if best is None:
        return None
    return Mention(
        start=best[0],
        end=end,
        written_title=best[2].title,
        year=year,
        kind="act",
        head="act",
        inst=best[2],
        source="title",
    )


def _acts_of(year: int) -> list[Instrument]:
    return [i for i in set(gazetteer().by_key.values()) if i.year == year and i.kind == "act"]


# ---------------------------------------------------------------- the left walk
def _walk_left(text: str, head_start: int) -> list[_Tok]:
    """Tokens of the title run that ends at the head word, left to right (untrimmed)."""
    for lookback in LOOKBACK_CHARS:
        lo = max(0, head_start - lookback)
        while 0 < lo < head_start and _WORD_CHAR.match(text, lo - 1) and _WORD_CHAR.match(text, lo):
            lo -= 1  # a word cut by the look-back window would end the walk early
        toks = [
            _Tok(m.lastgroup or "", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(text, lo, head_start)
        ]
        taken, exhausted = _walk(toks)
        if not exhausted or lo == 0:
            break
    return taken[::-1]


def _walk(toks: list[_Tok]) -> tuple[list[_Tok], bool]:
    """Accepted tokens right to left, and whether the walk ran out of tokens."""
    taken: list[_Tok] = []
    depth = 0
    i = len(toks) - 1
    while i >= 0 and len(taken) < MAX_TITLE_TOKENS * 2:
        t = toks[i]
        left = toks[i - 1] if i > 0 else None
        if t.text == ")":
            if depth == 0 and _is_list_marker(toks, i):
                break
            depth += 1
        elif t.text == "(":
            if depth == 0:
                break
            depth -= 1
        elif t.kind in ("nl", "lead") and left is not None and left.kind in LINE_BREAKS:
            break  # blank line: a new paragraph
        elif depth > 0:
            if t.kind == "stop":
                break
        elif not _accept_outside(t, left, taken):
            break
        elif t.kind == "num":  # "... Act 2008 (Regulated Activities) Regulations"
            taken.append(t)
            i -= 1
            t = toks[i]
        taken.append(t)
        i -= 1
    return taken, i < 0


def _is_list_marker(toks: list[_Tok], close: int) -> bool:
    """ "a)", "2)", "iv)" opening a line: an item label, not the end of a bracketed title part."""
    label = toks[close - 1] if close >= 1 else None
    before = toks[close - 2] if close >= 2 else None
    return (
        label is not None
        and len(label.text) <= 4
        and label.kind in ("word", "num")
        and (before is None or before.kind in LINE_BREAKS or before.text == "•")
    )


def _accept_outside(t: _Tok, left: _Tok | None, taken: list[_Tok]) -> bool:
    if t.kind in LINE_BREAKS:
        return True
    if t.kind == "word":
        low = t.text.lower()
        if low == "the":
            return left is not None and left.text.lower() == "of"
        if low in HEADS:
            return False
        return t.text[0].isupper() or low in CONNECTORS
    if t.kind == "num":
        return (
            bool(taken)
            and taken[-1].text == "("
            and left is not None
            and left.text == "Act"
            and len(t.text) == 4
        )
    if t.text in ",&":  # "Police, Crime, Sentencing and Courts"; "Disorder, ..., Regulations"
        right = next((r for r in reversed(taken) if r.kind not in LINE_BREAKS), None)
        return right is None or right.kind == "word" and right.text[0].isupper()
    return False


def _trim_leading(toks: list[_Tok]) -> list[_Tok]:
    while toks and (
        toks[0].kind in (*LINE_BREAKS, "p")
        and toks[0].text != "("
        or toks[0].kind == "word"
        and (toks[0].text.lower() in CONNECTORS or toks[0].text.lower() in LEADING_STOP)
    ):
        toks = toks[1:]
    return toks


def _starts(toks: list[_Tok]) -> list[int]:
    """Indices where a title may start: capitalised words outside brackets."""
    out, depth = [], 0
    for i, t in enumerate(toks):
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and t.kind == "word" and t.text[0].isupper():
            out.append(i)
    return out


def _best_start(toks: list[_Tok], word: str, year: int | None) -> _Candidate:
    """The longest title the gazetteer knows (with or without an id for it, or with a
    misprinted year), else the whole run."""
    tail = word + (f" {year}" if year else "")
    for i in _starts(toks):
        written = join_title(toks[i:], tail)
        inst = lookup(written) or misprinted(written)
        if inst is not None or (year is None and is_known_bare(written)):
            return _Candidate(toks[i:], word, year, inst, known=True)
    return _Candidate(toks, word, year, None, known=False)


def _cut_heading(text: str, toks: list[_Tok]) -> list[_Tok]:
    """Drop a short heading line the walk swallowed ("Legislation\\nPolice Act 1997")."""
    for i, t in enumerate(toks):
        if t.kind not in LINE_BREAKS:
            continue
        line_start = text.rfind("\n", 0, toks[0].start) + 1
        first_line = text[line_start : t.start]
        last = toks[i - 1] if i else None
        continues = last is not None and (last.text.lower() in CONNECTORS or last.text in ",(")
        rest = _trim_leading(toks[i + 1 :])
        if (
            not text[line_start : toks[0].start].strip(" •\t")
            and len(first_line) < HEADING_MAX_CHARS
            and not continues
            and _title_words(rest)
        ):
            return _cut_heading(text, rest)
        return toks
    return toks


def _title_words(toks: list[_Tok]) -> list[_Tok]:
    return [t for t in toks if t.kind == "word" and t.text[0].isupper() and t.text.lower() not in CONNECTORS]


# ---------------------------------------------------------------- plausibility
def _plausible(cand: _Candidate, hclass: str, si_cited: bool) -> bool:
    """Genre checks for a title the gazetteer cannot resolve (unknown, or known for several years)."""
    toks, word, year = cand.toks, cand.word, cand.year
    words = _title_words(toks)
    if not words or not _commas_fit(toks):
        return False
    if year is None and (word == "act" or word.isupper() or _bare_commas(toks)):
        return False  # "Kent Police act on ...", a shouted heading, "Plan, Do, Review, Act"
    if year is None and not (cand.known or si_cited) and (hclass in NEEDS_YEAR or len(words) < 2):
        return False  # "Anti-Social Behaviour Order", "Think Act Vote"; "Housing Act" is known
    if any(w.text.lower().strip(".") in NAME_PREFIXES for w in words):
        return False  # "Cllr Bill ...", "Present: Cllr Jane Act": people, not legislation
    if hclass == "bill":
        return words[-1].text.lower() not in INVOICE_WORDS
    written = " ".join(t.text for t in toks)
    if hclass == "measure":
        return "Wales" in written  # Measures of the National Assembly for Wales
    if hclass == "regulations" and year is not None and "(" in written:
        # A council's own rules are "Financial Regulations", never dated with a bracketed
        # subject: "Local Authorities (Alcohol Consumption in Designated Public Places)
        # Regulations 2007" is an SI whatever words its brackets hold.
        return True
    return hclass == "act" or not LOCAL_INSTRUMENT.search(written)


def _bare_commas(toks: list[_Tok]) -> bool:
    """Commas that do not set out a list title ("Domestic Violence, Crime and Victims Act")."""
    texts = [t.text for t in toks]
    if "," not in texts:
        return False
    last_part = texts[len(texts) - texts[::-1].index(",") :]
    return "and" not in last_part


# ---------------------------------------------------------------- the title as written
# Titles flattened by PDF conversion, or typed without brackets, set each bracketed part
# off with commas, the last one right before the head word: "Town and Country Planning,
# General Permitted Development, England, Order 2015" stands for "Town and Country
# Planning (General Permitted Development) (England) Order 2015". No list title puts a
# comma right before its head ("Police, Crime, Sentencing and Courts Act"), and a list of
# Acts stops the left walk at the first "Act" ("the Police Act, the Crime Act, Regulations").
def _flattened_parts(toks: list[_Tok]) -> list[list[_Tok]] | None:
    """The comma-set parts of a title ending "..., Head", or None for any other title."""
    words = [t for t in toks if t.kind not in LINE_BREAKS]
    if not words or words[-1].text != ",":
        return None
    parts: list[list[_Tok]] = [[]]
    for t in words[:-1]:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _commas_fit(toks: list[_Tok]) -> bool:
    """A comma before the head word only in the flattened form: a parent title and one or
    more capitalised parts, not a list of single words ("Licensing, Gambling, Regulations")."""
    parts = _flattened_parts(toks)
    if parts is None:
        return True
    return (
        len(parts) >= 2
        and all(p and p[0].text[0].isupper() for p in parts)
        and any(len(_title_words(p)) > 1 for p in parts)
    )


def join_title(toks: list[_Tok], word: str, year: int | None = None) -> str:
    """The title as written, on one line; commas standing for brackets become brackets."""
    parts = _flattened_parts(toks)
    if parts is not None and _commas_fit(toks):
        pieces = [_join_words(parts[0])] + [f"({_join_words(p)})" for p in parts[1:]]
        s = " ".join(pieces)
    else:
        s = _join_words([t for t in toks if t.kind not in LINE_BREAKS]).rstrip(",")
    if word.isupper() and s.isupper():
        s = " ".join(w if w.lower() not in CONNECTORS else w.lower() for w in s.title().split())
    head = word.capitalize() if not word[0].isupper() or word.isupper() else word
    return f"{s} {head}" + (f" {year}" if year else "")


def _join_words(toks: list[_Tok]) -> str:
    s = " ".join(t.text for t in toks if t.kind not in LINE_BREAKS)
    s = re.sub(r"\(\s+", "(", s)
    return re.sub(r"\s+([),.])", r"\1", s)
