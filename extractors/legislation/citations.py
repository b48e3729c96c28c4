"""Numbered citations of legislation: legislation.gov.uk URLs, SI numbers, EU numbers.

Helpers for `extractors.legislation`. In "the Crime and Disorder (Formulation and
Implementation of Strategy) Regulations 2007 (SI 2007/1830)" the SI number is the
paper's own citation of the instrument: it gives the id `uksi/2007/1830` when its year
agrees with the title's. An SI number cited on its own is a mention too; its title is
the gazetteer's when the gazetteer holds that id, else the citation itself
("SI 2023/1234"), as for an EU number the gazetteer lacks ("Directive 2008/98/EC").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.legislation.gazetteer import Instrument, gazetteer
from extractors.legislation.refs import Coverage, Mention, head_of

# ---------------------------------------------------------------- URLs
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
_LGU = re.compile(r"legislation\.gov\.uk/(?:id/)?(?P<type>[a-z]{2,5})/(?P<year>\d{4})/(?P<num>\d+)")
_URL_KIND = {
    "act": {"ukpga", "ukla", "asp", "nia", "apni", "aosp", "aep", "apgb", "gbla", "ukcm"},
    "welsh_act": {"anaw", "asc", "mwa"},
    "si": {"uksi", "ssi", "wsi", "nisr", "nisi", "ukdsi", "sdsi", "wdsi", "nidsr", "uksro", "ukmo"},
    "eu": {"eur", "eudr", "eudn"},
}
# A cited URL belongs to a title this close before it (background-paper lists) or after.
URL_BEFORE_CHARS = 300
URL_AFTER_CHARS = 150

# ---------------------------------------------------------------- SI numbers
# "SI 2023/1234", "S.I. 2011 No. 1230", "SI No. 2007/1830", "Statutory Instrument 2007
# No. 1830", "SSI 2010/123" (Scottish). legislation.gov.uk numbers SIs within a year.
_SI = re.compile(
    r"(?<![\w.])(?P<series>S\.?[ \t]?S\.?[ \t]?I\b\.?|S\.?[ \t]?I\b\.?|Statutory[ \t]+Instruments?)[ \t]*"
    r"(?:No\.?[ \t]*)?(?P<year>(?:19|20)\d\d)[ \t]*(?:/|,?[ \t]*No\.?[ \t]*)(?P<num>[1-9]\d{0,3})(?![\d/])"
)
# Between a title and the SI number after it: "... Regulations 2007 (SI 2007/1830)",
# "..., SI 2007/1830"; a reference list may put the number first: "SI 2007/1830 – The ...".
_SI_AFTER_GAP = re.compile(r"[ \t]*(?:\(as amended[^()\n]{0,80}\))?[ \t]*[,(]?[ \t]*\n?[ \t]*\Z")
_SI_BEFORE_GAP = re.compile(r"\)?[ \t]*[-–:,|\t]?\s*(?:[Tt]he\s+)?\Z")
_SI_GAP_CHARS = 100

# ---------------------------------------------------------------- EU law
_EU = re.compile(
    r"\b(?P<type>Regulation|Directive|Decision)\s*\((?:EU|EC|EEC|Euratom)\)\s*(?:No\.?\s*)?"
    r"(?P<a>\d{1,4})/(?P<b>\d{1,4})"
    r"|\b(?:Council\s+)?(?P<type2>Directive)\s+(?P<a2>\d{2,4})/(?P<b2>\d{1,4})/(?:EC|EU|EEC)\b"
)


# ---------------------------------------------------------------- URLs
def url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


def url_ids(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Title key -> id, from legislation.gov.uk URLs cited right by an unknown title."""
    out: dict[str, str] = {}
    for u in _LGU.finditer(text):
        kind = next((k for k, types in _URL_KIND.items() if u.group("type") in types), None)
        year = int(u.group("year"))
        best = None
        for m in mentions:
            if m.year != year or (m.kind != kind and {m.kind, kind} != {"act", "welsh_act"}):
                continue
            gap = (
                u.start() - m.end if m.end <= u.start() else (m.start - u.end() if m.start >= u.end() else -1)
            )
            limit = URL_BEFORE_CHARS if m.end <= u.start() else URL_AFTER_CHARS
            if 0 <= gap <= limit and (best is None or gap < best[0]):
                best = (gap, m)
        if best is not None:
            out.setdefault(best[1].written_key, "/".join(u.group("type", "year", "num")))
    return out


# ---------------------------------------------------------------- SI numbers
@dataclass(frozen=True)
class SICitation:
    start: int
    end: int
    outer_end: int  # past a closing bracket around the number, "(SI 2007/1830)"
    legislation_id: str
    year: int
    label: str  # "SI 2007/1830": the title when nothing better is known


def find_si_citations(text: str, skip: Coverage) -> list[SICitation]:
    out = []
    for c in _SI.finditer(text):
        if skip.overlaps(*c.span()):
            continue
        scottish = re.sub(r"[. \t]", "", c.group("series")).upper().startswith("SS")
        series = "ssi" if scottish else "uksi"
        year, num = int(c.group("year")), int(c.group("num"))
        bracketed = c.start() > 0 and text[c.start() - 1] == "(" and text.startswith(")", c.end())
        out.append(
            SICitation(
                c.start(),
                c.end(),
                c.end() + bracketed,
                f"{series}/{year}/{num}",
                year,
                f"{'SSI' if scottish else 'SI'} {year}/{num}",
            )
        )
    return out


def si_follows(text: str, end: int, citations: list[SICitation]) -> bool:
    """Whether an SI number is cited right after a title ending at `end`."""
    return any(_after(text, end, c) for c in citations)


def _after(text: str, end: int, c: SICitation) -> bool:
    return 0 <= c.start - end <= _SI_GAP_CHARS and bool(_SI_AFTER_GAP.match(text[end : c.start]))


def _before(text: str, start: int, c: SICitation) -> bool:
    return 0 <= start - c.end <= _SI_GAP_CHARS and bool(_SI_BEFORE_GAP.match(text[c.end : start]))


def attach_si_numbers(text: str, mentions: list[Mention], citations: list[SICitation]) -> list[SICitation]:
    """Give SI titles the id of the SI number cited beside them; return the numbers left over.

    A number is the paper's own citation only when its year agrees with the title's, and
    a number right after a title is taken before one that could precede the next title.
    """
    titles = [m for m in mentions if m.source == "title" and m.kind == "si"]
    left = list(citations)
    for beside in (_after, _before):
        for m in titles:
            if m.cited_si is not None:
                continue
            anchor = m.end if beside is _after else m.start
            c = next((c for c in left if beside(text, anchor, c) and m.year in (None, c.year)), None)
            if c is not None:
                _cite(m, c)
                left.remove(c)
    return left


def _cite(m: Mention, c: SICitation) -> None:
    m.cited_si = (c.start, c.outer_end)
    if m.inst is not None:
        return  # the title matched a verified gazetteer title: its words outrank a digit slip
    if m.year is None:
        m.year = c.year
        m.written_title = f"{m.written_title} {c.year}"
    m.inst = gazetteer().by_id.get(c.legislation_id) or Instrument(
        c.legislation_id, m.written_title, c.year, "si"
    )


def si_mentions(citations: list[SICitation], taken: Coverage) -> list[Mention]:
    """SI numbers cited on their own ("see SI 2023/1234")."""
    out = []
    for c in citations:
        if taken.overlaps(c.start, c.end):
            continue
        taken.add(c.start, c.end)
        known = gazetteer().by_id.get(c.legislation_id)
        inst = known or Instrument(c.legislation_id, c.label, c.year, "si")
        head = head_of(known) if known else "si"
        out.append(Mention(c.start, c.end, inst.title, c.year, "si", head, inst, source="si"))
    return out


# ---------------------------------------------------------------- EU law
def find_eu_citations(text: str, taken: Coverage) -> list[Mention]:
    """ "Regulation (EU) 2016/679", "Directive 2008/98/EC"."""
    out = []
    for e in _EU.finditer(text):
        if taken.overlaps(*e.span()):
            continue
        kind_word = e.group("type") or e.group("type2")
        a, b = (e.group("a"), e.group("b")) if e.group("a") else (e.group("a2"), e.group("b2"))
        year, num = (a, b) if _is_year(a) or len(a) == 2 and not _is_year(b) else (b, a)
        year = ("19" + year if int(year) > 50 else "20" + year) if len(year) == 2 else year
        prefix = {"Regulation": "eur", "Directive": "eudr", "Decision": "eudn"}[kind_word]
        inst = gazetteer().by_id.get(f"{prefix}/{year}/{int(num)}")
        taken.add(*e.span())
        out.append(
            Mention(
                e.start(),
                e.end(),
                written_title=re.sub(r"\s+", " ", e.group()),
                year=int(year),
                kind="eu",
                head="eu",
                inst=inst,
                source="eu",
            )
        )
    return out


def _is_year(s: str) -> bool:
    return len(s) == 4 and 1950 <= int(s) <= 2030
