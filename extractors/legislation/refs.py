"""Mentions that lean on a title: abbreviations, short forms and back-references.

Helpers for `extractors.legislation`. "PCSC Act" is a short form the paper defined after
"Police, Crime, Sentencing and Courts Act 2022 (PCSC Act)"; "PRSRA 2011" is the initials
of a title the paper names; "the 1998 Act" is a back-reference to a title named earlier.
(Provisions are read in `_legislation_provisions`.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.legislation.gazetteer import Instrument, gazetteer, title_key

# ---------------------------------------------------------------- definitions, back-references
AS_AMENDED = r"(?:\s*\(as amended[^()\n]{0,80}\))?"
# Not shared with `_grant_names.Abbreviations`, which reads any "(ABBR)" and finds its long
# form by initials; here the bracket follows a found title and may quote a phrase ("the 1998 Act").
_DEFINITION = re.compile(
    rf"{AS_AMENDED}\s*\(\s*(?:(?:hereafter|hereinafter|referred to as|known as|or)\s+)?"
    r"(?:the\s+)?[\"'“‘]?(?:the\s+)?(?P<abbr>[^()\"“”‘’\n]{2,40}?)[\"'”’]?\s*\)"
)
_BACKREF = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:draft|above|said|same|principal)\s+)?"
    r"(?:(?P<year>1[2-9]\d\d|20\d\d)\s+)?(?P<head>Act|act|Regulations|Bill|Order|Rules|Measure)\b"
)
# Lower-case "the act" is a back-reference only this close to an Act and before a verb that
# reports use of legislation ("The act places a duty ..."); "caught in the act" is not one.
LOWER_ACT_WINDOW = 600
_LEGISLATIVE_VERB = re.compile(
    r"\s+(?:also\s+)?(?:places?|placed|requires?|required|sets?|gives?|gave|provides?|provided|introduc\w+"
    r"|creat\w+|establish\w+|impos\w+|states?|allows?|enables?|came|comes|received|replac\w+|amend\w+"
    r"|confer\w*|makes?|made|defines?|extends?|includes?)\b"
)


@dataclass
class Mention:
    start: int
    end: int
    written_title: str = ""
    year: int | None = None
    kind: str = "act"
    head: str = "act"
    inst: Instrument | None = None
    source: str = "title"
    provision: str | None = None
    span_start: int = -1  # start including a provision written before the title
    cited_si: tuple[int, int] | None = None  # span of the SI number the paper cites it by
    year_doubted: bool = False  # written after a year the gazetteer does not give the title

    def __post_init__(self) -> None:
        if self.span_start < 0:
            self.span_start = self.start

    @property
    def written_key(self) -> str:
        return title_key(self.written_title)

    @property
    def title(self) -> str:
        return self.inst.title if self.inst else self.written_title

    @property
    def full_year(self) -> int | None:
        return (self.inst.year if self.inst else None) or self.year


def head_of(inst: Instrument) -> str:
    """Head class of a known instrument, from the last word of its title."""
    if inst.kind == "eu":
        return "eu"
    words = re.sub(r"\s*\b\d{4}$", "", inst.title).split()
    last = words[-1].lower() if words else ""
    return last if last in ("act", "regulations", "order", "rules", "bill", "measure") else "act"


class Coverage:
    """Which characters of the text a mention (or URL, or definition) already holds."""

    def __init__(self, size: int, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(size + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, max(start + 1, end)) >= 0


# ---------------------------------------------------------------- definitions, short forms
def find_definitions(
    text: str, mentions: list[Mention]
) -> tuple[dict[str, Instrument], list[tuple[int, int]]]:
    """Abbreviations a paper defines after a title, "(PCSC Act)", and the bracket spans."""
    aliases: dict[str, Instrument] = {}
    spans: list[tuple[int, int]] = []
    for m in mentions:
        d = _DEFINITION.match(text, m.end)
        abbr = d.group("abbr").strip() if d else ""
        if d is None or not re.fullmatch(r"[A-Z0-9][^,;:]*", abbr) or len(abbr.split()) > 5:
            continue
        spans.append((d.start("abbr"), d.end()))  # '("the 1998 Act")' belongs to the mention it follows
        if _looks_like_abbreviation(abbr):
            aliases.setdefault(abbr, m.inst or Instrument(None, m.written_title, m.year, m.kind))
    return aliases, spans


def _looks_like_abbreviation(abbr: str) -> bool:
    """ "PCSC Act", "CDA", "ASB Act"; not "the Act", "England" or "SI 2012/2089"."""
    words = abbr.split()
    if not words or len(words) > 5 or re.search(r"[\d/,;:]", abbr) or re.match(r"S\.?I\b", abbr):
        return False
    return any(sum(c.isupper() for c in w) >= 2 for w in words)


_YEAR_AFTER_FORM = re.compile(r"[ \t]+(1[2-9]\d\d|20\d\d)\b")


def find_short_forms(
    text: str, mentions: list[Mention], aliases: dict[str, Instrument], taken: Coverage
) -> list[Mention]:
    """Gazetteer short forms ("UK GDPR", "RIPA") and the paper's own abbreviations."""
    named = {m.inst.legislation_id for m in mentions if m.inst and m.inst.legislation_id}
    forms = {f: inst for f, inst, strong in gazetteer().acronyms if strong or inst.legislation_id in named}
    forms.update(aliases)
    if not forms:
        return []
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    out: list[Mention] = []
    for f in re.finditer(rf"(?<![\w/.-])(?:{alternation})(?![\w/-])", text):
        if taken.overlaps(*f.span()):
            continue
        inst = forms[f.group()]
        end = f.end()
        year = _YEAR_AFTER_FORM.match(text, end)
        if year and inst.year == int(year.group(1)):
            end = year.end()  # "PRSRA 2011": the year belongs to the mention
        taken.add(f.start(), end)
        out.append(
            Mention(
                f.start(),
                end,
                written_title=inst.title,
                year=inst.year,
                kind=inst.kind,
                head=head_of(inst),
                inst=inst,
                source="short",
            )
        )
    return out


# ---------------------------------------------------------------- initials
# "PRSRA 2011", "LGPIHA", "PoFA 2012": capitals of an Act's title words, its "Act" last.
_INITIALISM = re.compile(
    r"(?<![\w/.&-])(?P<abbr>[A-Z][A-Za-z&]{1,11}A)(?:[ \t]+(?P<year>1[2-9]\d\d|20\d\d))?(?![\w/–-])"
)
_INITIALISM_TITLE = re.compile(r"(?P<abbr>[A-Z][A-Za-z&]{1,10}) Act(?: (?P<year>\d{4}))?")
_TITLE_WORD = re.compile(r"\(?[A-Za-z][\w'’.]*(?:-[A-Za-z][\w'’]*)*\)?")
_SKIPPED_WORDS = frozenset("and of the at etc. etc in for on to against by from or".split())
# Initials without the year are taken only this long: "LGA" is as often an Association.
YEARLESS_INITIALS = 4


def _initials(title: str) -> set[str]:
    """Ways a title is written as initials: hyphenated words as one letter or several,
    a bracketed part ("(Wales)") with its letter or without."""
    words = [
        w for w in _TITLE_WORD.findall(re.sub(r"\s*\b\d{4}$", "", title)) if w.lower() not in _SKIPPED_WORDS
    ]
    out = set()
    for split_hyphens in (False, True):
        for with_brackets in (False, True):
            letters = ""
            for w in words:
                if w.startswith("(") and not with_brackets:
                    continue
                parts = w.strip("()").split("-") if split_hyphens else [w.strip("()")]
                letters += "".join(p[0].upper() for p in parts if p)
            out.add(letters)
    return out


def _capitals(abbr: str) -> str:
    return "".join(c for c in abbr if c.isupper() or c == "&")


def find_initialisms(text: str, mentions: list[Mention], taken: Coverage) -> list[Mention]:
    """Initials of an Act the paper names in full: "section 28 of the PRSRA 2011" after the
    Police Reform and Social Responsibility Act 2011. Also resolves a scanned "PRSR Act 2011"."""
    named: dict[str, list[Mention]] = {}
    for m in mentions:
        if (
            m.source == "title"
            and m.head == "act"
            and m.full_year
            and not _INITIALISM_TITLE.fullmatch(m.title)
        ):
            for ini in _initials(m.title):
                named.setdefault(ini, []).append(m)
    if not named:
        return []
    for m in mentions:
        t = _INITIALISM_TITLE.fullmatch(m.written_title) if m.inst is None and m.source == "title" else None
        # "PRSR Act 2011"; and "PCA Act 2017", where the Act is named twice
        if t is None:
            continue
        tries = (_capitals(t.group("abbr")) + "A", _capitals(t.group("abbr")))
        full = next((f for f in (_full_title(named, c, t.group("year")) for c in tries) if f), None)
        if full is not None:
            m.inst = full.inst or Instrument(None, full.title, full.full_year, full.kind)
    out = []
    for f in _INITIALISM.finditer(text):
        capitals = _capitals(f.group("abbr"))
        if taken.overlaps(*f.span()) or len(capitals) < 3:
            continue
        if f.group("year") is None and len(capitals) < YEARLESS_INITIALS:
            continue
        full = _full_title(named, capitals, f.group("year"))
        if full is None:
            continue
        taken.add(*f.span())
        inst = full.inst or Instrument(None, full.title, full.full_year, full.kind)
        out.append(
            Mention(f.start(), f.end(), inst.title, inst.year, inst.kind, "act", inst, source="initials")
        )
    return out


def _full_title(named: dict[str, list[Mention]], capitals: str, year: str | None) -> Mention | None:
    """The one Act named in full with these initials (and this year, when written)."""
    fits = {m.title: m for m in named.get(capitals, []) if year is None or m.full_year == int(year)}
    return next(iter(fits.values())) if len(fits) == 1 else None


# ---------------------------------------------------------------- back-references
def find_backrefs(text: str, taken: Coverage) -> list[Mention]:
    """ "the Act", "the 1998 Act", "the Regulations", "the draft Bill" (resolved later)."""
    out = []
    for b in _BACKREF.finditer(text):
        head = b.group("head").lower()
        year = int(b.group("year")) if b.group("year") else None
        rest = text[b.end() : b.end() + 12]
        if taken.overlaps(*b.span()) or re.match(r"[ \t]+[A-Z][a-z]", rest):
            continue  # "the Act Now campaign"
        if head in ("order", "rules", "measure") and year is None:
            continue
        if b.group("head") == "act" and not _LEGISLATIVE_VERB.match(text, b.end()):
            continue
        # written_title holds the head as written until the reference is resolved
        out.append(
            Mention(b.start(), b.end(), written_title=b.group("head"), year=year, head=head, source="backref")
        )
    return out


def resolve_backrefs(mentions: list[Mention]) -> list[Mention]:
    """Point each back-reference at the latest earlier mention it can mean; drop the rest."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.source != "backref":
            out.append(m)
            continue
        target = _antecedent(m, out[::-1]) or (_antecedent(m, mentions[i + 1 :]) if m.year else None)
        if target is None or m.written_title == "act" and m.start - target.end > LOWER_ACT_WINDOW:
            continue
        m.inst = target.inst or Instrument(None, target.written_title, target.year, target.kind)
        m.written_title, m.kind = target.title, target.kind
        out.append(m)
    return out


def _antecedent(ref: Mention, candidates: list[Mention]) -> Mention | None:
    for c in candidates:
        if c.source == "backref" and c.inst is None:
            continue
        if c.head == ref.head and (ref.year is None or c.full_year == ref.year):
            return c
    return None


# ---------------------------------------------------------------- a year given in a definition
_DEFINED_WITH_YEAR = re.compile(
    r"[ \t]*\(\s*(?:the\s+)?(?P<abbr>[A-Z][A-Za-z&]{1,11})(?:\s+Act)?\s+(?P<year>1[2-9]\d\d|20\d\d)\s*\)"
)


def years_from_definitions(text: str, mentions: list[Mention]) -> None:
    """A yearless title whose abbreviation carries the year: "Civil Contingencies Act
    (CCA 2004)" is the 2004 Act. The abbreviation must be the title's initials."""
    for m in mentions:
        if m.source != "title" or m.year is not None or (m.inst is not None and m.inst.year):
            continue
        d = _DEFINED_WITH_YEAR.match(text, m.end)
        if d is None or _capitals(d.group("abbr")).rstrip("A") not in {
            i.rstrip("A") for i in _initials(m.written_title)
        }:
            continue
        m.year = int(d.group("year"))
        m.written_title = f"{m.written_title} {m.year}"
        m.inst = gazetteer().by_key.get(title_key(m.written_title))
