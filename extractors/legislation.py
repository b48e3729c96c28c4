"""Legislation mentions: Acts, statutory instruments, Bills and retained EU law.

One record per mention. From "CSPs were set up under Sections 5-7 of the Crime and
Disorder Act 1998" comes title "Crime and Disorder Act 1998", provision "sections 5-7",
legislation_id "ukpga/1998/37", mention "Sections 5-7 of the Crime and Disorder Act 1998".

How a paper is read:
1. titles: from each head word (Act, Regulations, Order, Rules, Bill, Measure) walk left
   over capitalised words, connectors, bracketed or comma-set parts and line wraps; the
   longest start the gazetteer knows wins, else genre rules pick where the title starts;
2. short forms the gazetteer lists ("UK GDPR"), abbreviations the paper defines
   ("(PCSC Act)"), EU citations and back-references ("the 1998 Act", "the draft Bill");
3. provisions before ("Regulation 5 of ...") or after ("..., section 81") a mention, and
   a standalone "Regulation 10 requires ..." next to the Regulations it belongs to;
4. ids come from the gazetteer or a legislation.gov.uk URL cited by the title, never
   from a guess: an unknown title keeps its title and year with a null id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors._gazetteer import Instrument, bare_key, is_known_bare, lookup, title_key
from extractors._legislation_refs import (
    Coverage,
    Mention,
    attach_provisions,
    find_backrefs,
    find_definitions,
    find_eu_citations,
    find_short_forms,
    find_standalone_provisions,
    resolve_backrefs,
    url_ids,
    url_spans,
)
from pipeline.document import Document
from schemas.records import LegislationMention

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
_HEAD = re.compile(r"\b(Act|ACT|act|Regulations|REGULATIONS|Order|ORDER|Rules|RULES|Bill|BILL|Measure)\b")
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
CONNECTORS = {"and", "of", "the", "at", "etc.", "in", "for", "on", "to", "against", "by", "from", "or"}
# Capitalised words that open a sentence, not a title ("Under Crime and Disorder Act").
LEADING_STOP = {
    "under",
    "in",
    "as",
    "the",
    "this",
    "that",
    "these",
    "those",
    "an",
    "a",
    "any",
    "each",
    "following",
    "see",
    "also",
    "and",
    "or",
    "since",
    "with",
    "within",
    "through",
    "by",
    "from",
    "for",
    "per",
    "via",
    "whilst",
    "while",
    "although",
    "because",
    "if",
    "when",
    "where",
    "our",
    "its",
    "their",
    "such",
    "which",
    "legislation",
    "draft",
    "proposed",
    "background",
    "papers",
    "appendix",
    "source",
    "sources",
    "reference",
    "references",
}
NAME_PREFIXES = {"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "supt", "insp"}
# "Council Tax Bill": a demand for payment, not a Bill before Parliament.
INVOICE_WORDS = {
    "tax",
    "energy",
    "gas",
    "water",
    "electricity",
    "phone",
    "telephone",
    "fuel",
    "utility",
    "heating",
    "payment",
    "rent",
}
# Orders, Rules and Regulations a council makes or keeps itself; legislation.gov.uk has none of them.
LOCAL_INSTRUMENT = re.compile(
    r"\b(?:Traffic|Parking|Waiting|Speed Limits?|Prohibition|Restriction|Tree Preservation|Public Spaces"
    r"|Compulsory Purchase|Temporary|Experimental|Dispersal|Closure|Gating|Designated|Stopping Up"
    r"|Standing Orders|Budget"
    r"|Financial Regulations|Contract|Constitution|Council|Borough|District|County)\b"
)
LOOKBACK_CHARS = (80, 320)  # a short look first; most titles fit
MAX_TITLE_TOKENS = 30
# A wrapped title's first line is long; a short line that ends the left walk is a heading.
HEADING_MAX_CHARS = 30


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int


def extract(doc: Document) -> list[LegislationMention]:
    text = doc.text or ""
    mentions = _mentions(text)
    return [_record(text, m) for m in mentions if m.title]


def _mentions(text: str) -> list[Mention]:
    urls = url_spans(text)
    in_url = Coverage(len(text), urls)
    mentions = _dedupe(
        [m for m in (_title_at(text, h) for h in _HEAD.finditer(text) if not in_url.overlaps(*h.span())) if m]
    )
    _resolve_in_paper(mentions, text)
    aliases, definitions = find_definitions(text, mentions)
    in_definition = Coverage(len(text), definitions)
    mentions = [m for m in mentions if not in_definition.overlaps(m.start, m.end)]
    by_key = {title_key(a): inst for a, inst in aliases.items()}
    for m in mentions:
        if m.inst is None and m.written_key in by_key:
            m.inst = by_key[m.written_key]
    taken = Coverage(len(text), [(m.start, m.end) for m in mentions] + urls + definitions)
    mentions += find_short_forms(text, mentions, aliases, taken)
    mentions += find_eu_citations(text, taken)
    mentions += find_backrefs(text, taken)
    mentions = resolve_backrefs(sorted(mentions, key=lambda m: m.start))
    attach_provisions(text, mentions)
    mentions += find_standalone_provisions(text, mentions)
    return sorted(mentions, key=lambda m: (m.span_start, m.end))


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping titles ("... Act 2008 (Regulated Activities) Regulations")."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------- titles
def _title_at(text: str, head: re.Match) -> Mention | None:
    word = head.group(1)
    hclass, kind = HEADS[word.lower()]
    if hclass == "bill" and re.match(r"[ \t]+[A-Z][a-z]", text[head.end() :]):
        return None  # "Bill Smith": a name
    year_m = _YEAR_AFTER.match(text, head.end())
    toks = _walk_left(text, head.start())
    toks = _trim_leading(toks)
    starts = _starts(toks)
    if not starts:
        return None
    toks = toks[starts[0] :]
    year = int(year_m.group(2)) if year_m else None
    end = year_m.end() if year_m else head.end()
    tail = word + (f" {year}" if year else "")
    inst, toks = _best_start(toks, tail)
    if inst is None:
        toks = _cut_heading(text, toks)
        if not _title_words(toks) or len(toks) > MAX_TITLE_TOKENS:
            return None
    written = _join(toks, word, year)
    start = toks[0].start
    before = _YEAR_BEFORE.search(text, max(0, start - 12), start) if year is None else None
    if before and inst is not None and inst.year != int(before.group(1)):
        before = None  # "the 2019 Localism Act review": a date, the only Localism Act is 2011's
    if before:  # "the 2003 Licensing Act", "the 1996 Housing Act"
        year = int(before.group(1))
        written = f"{written} {year}"
        inst = lookup(written)
        start = before.start(1)
    if inst is None and not _plausible(word, hclass, year, toks):
        return None
    if kind == "act" and "(Wales)" in written and (year or 2012) >= 2012:
        kind = "welsh_act"  # Senedd Acts carry "(Wales)"; earlier ones were Westminster's
    return Mention(
        start=start,
        end=end,
        written_title=written,
        year=year,
        kind=kind,
        head=hclass,
        inst=inst,
        source="title",
    )


def _walk_left(text: str, head_start: int) -> list[_Tok]:
    """Tokens of the title run that ends at the head word, left to right (untrimmed)."""
    for lookback in LOOKBACK_CHARS:
        lo = max(0, head_start - lookback)
        toks = [
            _Tok(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, lo, head_start)
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


def _best_start(toks: list[_Tok], tail: str) -> tuple[Instrument | None, list[_Tok]]:
    """The longest title the gazetteer knows, else the whole run."""
    for i in _starts(toks):
        inst = lookup(_join(toks[i:], tail))
        if inst is not None:
            return inst, toks[i:]
    return None, toks


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


def _plausible(word: str, hclass: str, year: int | None, toks: list[_Tok]) -> bool:
    """Genre checks for a title the gazetteer does not know."""
    words = _title_words(toks)
    if not words:
        return False
    if year is None and (hclass in NEEDS_YEAR or word == "act" or word.isupper() or _bare_commas(toks)):
        return False  # "Anti-Social Behaviour Order", "Plan, Do, Review, Act", a shouted heading
    if year is None and hclass == "act" and len(words) < 2 and not is_known_bare(_join(toks, word)):
        return False  # "Think Act Vote"; a one-word Act the gazetteer knows ("Housing Act") stays
    if any(w.text.lower().strip(".") in NAME_PREFIXES for w in words):
        return False  # "Cllr Bill ...", "Present: Cllr Jane Act": people, not legislation
    if hclass == "bill":
        return words[-1].text.lower() not in INVOICE_WORDS
    written = " ".join(t.text for t in toks)
    if hclass == "measure":
        return "Wales" in written  # Measures of the National Assembly for Wales
    return hclass == "act" or not LOCAL_INSTRUMENT.search(written)


def _bare_commas(toks: list[_Tok]) -> bool:
    """Commas that do not set out a list title ("Domestic Violence, Crime and Victims Act")."""
    texts = [t.text for t in toks]
    if "," not in texts:
        return False
    last_part = texts[len(texts) - texts[::-1].index(",") :]
    return "and" not in last_part


def _join(toks: list[_Tok], word: str, year: int | None = None) -> str:
    """The title as written, on one line; commas standing for brackets become brackets."""
    parts = [t.text for t in toks if t.kind not in LINE_BREAKS]
    s = " ".join(parts)
    s = re.sub(r"\(\s+", "(", s)
    s = re.sub(r"\s+([),.])", r"\1", s)
    # "Crime and Disorder, Formulation and Implementation of Strategy, Regulations"
    s = re.sub(r"^(.+?), ([^,()]+),$", r"\1 (\2)", s).rstrip(",")
    if word.isupper() and s.isupper():
        s = " ".join(w if w.lower() not in CONNECTORS else w.lower() for w in s.title().split())
    head = word.capitalize() if not word[0].isupper() or word.isupper() else word
    return f"{s} {head}" + (f" {year}" if year else "")


def _resolve_in_paper(mentions: list[Mention], text: str) -> None:
    """Ids from cited URLs; a title without its year from the same title with it."""
    by_url = url_ids(text, mentions)
    with_year: dict[str, Instrument] = {}
    for m in mentions:
        if m.inst is None and m.written_key in by_url:
            m.inst = Instrument(by_url[m.written_key], m.written_title, m.year, m.kind)
        inst = m.inst or (Instrument(None, m.written_title, m.year, m.kind) if m.year else None)
        if inst is not None and inst.year:
            with_year.setdefault(bare_key(inst.title), inst)
    for m in mentions:
        if m.year is None and (m.inst is None or m.inst.year is None):
            m.inst = with_year.get(bare_key(m.written_title), m.inst)


def _record(text: str, m: Mention) -> LegislationMention:
    inst = m.inst
    return LegislationMention(
        char_start=m.span_start,
        char_end=m.end,
        mention=text[m.span_start : m.end],
        title=re.sub(r"^the\s+", "", inst.title if inst else m.written_title, flags=re.IGNORECASE),
        year=(inst.year if inst else None) or m.year,
        kind=inst.kind if inst else m.kind,
        provision=m.provision,
        legislation_id=inst.legislation_id if inst else None,
    )
