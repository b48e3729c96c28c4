"""The legislation gazetteer: verified legislation.gov.uk ids, titles and short forms.

`lookup("Clean Neighborhoods and Environment Act")` finds the 2005 Act: titles are
compared by a spelling-tolerant key (case, punctuation, "&", British/American
spellings and parentheses written as commas all fold away), then by a title without
its year when the title is distinctive and only one instrument has it, then with a
small edit budget for typos. `lookup("Licensing Act")` finds nothing: short titles
of the form "<one or two words> Act" recur across years (1964, 2003), so a yearless
one is resolved only by the paper itself. The data file is read once per process;
only its `legislation_id` column gives ids (`source` is documentation), and nothing
here invents an id.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

DATA_FILE = Path(__file__).parent / "data" / "legislation_gazetteer.csv"

# American spellings and word splits folded to one form before comparing titles.
_SPELLINGS = (
    ("neighbor", "neighbour"),
    ("behavior", "behaviour"),
    ("organiz", "organis"),
    ("center", "centre"),
    ("licenc", "licens"),
    ("program ", "programme "),
)
_YEAR_END = re.compile(r"\s*\b(1[2-9]\d\d|20\d\d)\s*$")
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
# A title's key may differ from a gazetteer key by about one character in this many.
FUZZY_CHARS_PER_EDIT = 22
FUZZY_MAX_EDITS = 3
# Short forms without a head word or year ("DPA", "PSED") count on their own only
# when they are all-capital acronyms at least this long; shorter ones are too
# ambiguous in council papers (Deferred Payment Agreement) unless the paper also
# names the instrument in full.
STRONG_ACRONYM_LETTERS = 4
HEAD_WORDS = ("act", "acts", "regulations", "regulation", "order", "rules", "bill", "measure", "regs")
# "Housing Act", "Local Government Act", "Care Act": short titles this short are reused
# by Parliament across years, so without a year they name no one Act. Secondary
# legislation is remade under the same title (Accounts and Audit Regulations 2003, 2011,
# 2015), so only Acts are ever resolved without their year.
GENERIC_TITLE_MAX_WORDS = 2
# A paper written this many years after an Act means that Act by its bare title.
RECENT_ACT_YEARS = 5
# Words left out of a loose key, and the shortest loose key worth matching on.
_CONNECTORS = frozenset("and of the at in for on to by or".split())
MIN_LOOSE_KEY_CHARS = 20
# An Act cited inside another title ("Health and Social Care Act 2008 (Regulated
# Activities) Regulations 2014") is evidence that the Act's title has that year too.
_EMBEDDED_ACT = re.compile(r"^(.+?\bAct) (1[2-9]\d\d|20\d\d)\b(?!$)")


@dataclass(frozen=True)
class Instrument:
    legislation_id: str | None
    title: str
    year: int | None
    kind: str


@dataclass
class Gazetteer:
    by_key: dict[str, Instrument] = field(default_factory=dict)
    by_id: dict[str, Instrument] = field(default_factory=dict)
    # key without the year -> every instrument with that key (resolved only when one)
    by_bare_key: dict[str, list[Instrument]] = field(default_factory=dict)
    # key without the year -> every year the gazetteer shows that title with
    years_by_bare_key: dict[str, set[int]] = field(default_factory=dict)
    # literal short forms that carry no head word: (text, instrument, strong)
    acronyms: list[tuple[str, Instrument, bool]] = field(default_factory=list)


def title_key(text: str) -> str:
    """Spelling-, case- and punctuation-free key of a title."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _LEADING_THE.sub("", s).replace("&", " and ")
    for us, uk in _SPELLINGS:
        s = s.replace(us, uk)
    return re.sub(r"[^a-z0-9]", "", s)


def bare_key(text: str) -> str:
    """Key of a title with its trailing year removed."""
    return title_key(_YEAR_END.sub("", text))


def _has_head_word(form: str) -> bool:
    return any(w.lower().strip(".") in HEAD_WORDS for w in form.split())


def _is_strong_acronym(form: str) -> bool:
    letters = re.sub(r"^UK\s+", "", form)
    letters = letters.removesuffix("s")  # "EIRs"
    return letters.isalpha() and letters.isupper() and len(letters) >= STRONG_ACRONYM_LETTERS


def _add_short_form(gaz: Gazetteer, form: str, inst: Instrument) -> None:
    form = form.strip()
    if not form or form.lower().startswith("the ") or form[0].isdigit():
        return  # "the 2003 Licensing Act", "2012 Regulations": back-references, resolved in the paper
    if _has_head_word(form):
        # found by the title scan ("PCSC Act", "Working Time Regulations") and looked up by key
        gaz.by_key.setdefault(title_key(form), inst)
        if _YEAR_END.search(form):  # "ASBCP Act 2014" is also written "ASBCP Act"
            bare = gaz.by_bare_key.setdefault(bare_key(form), [])
            if inst not in bare:
                bare.append(inst)
    if not _has_head_word(form) or form.split()[-1] == "Regulation":
        # matched literally: "LGA 1972", "RIPA", "General Data Protection Regulation"
        strong = bool(_YEAR_END.search(form)) or form.endswith("Regulation") or _is_strong_acronym(form)
        gaz.acronyms.append((form, inst, strong))


def _note_years(gaz: Gazetteer, inst: Instrument) -> None:
    if inst.year:
        gaz.years_by_bare_key.setdefault(bare_key(inst.title), set()).add(inst.year)
    embedded = _EMBEDDED_ACT.match(inst.title)
    if embedded:
        gaz.years_by_bare_key.setdefault(title_key(embedded.group(1)), set()).add(int(embedded.group(2)))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            year = int(row["year"]) if row.get("year") else None
            inst = Instrument(
                row["legislation_id"].strip() or None, row["title"].strip(), year, row["kind"].strip()
            )
            gaz.by_key[title_key(inst.title)] = inst
            if inst.legislation_id:
                gaz.by_id[inst.legislation_id] = inst
            gaz.by_bare_key.setdefault(bare_key(inst.title), []).append(inst)
            _note_years(gaz, inst)
            for form in (row.get("short_forms") or "").split("|"):
                _add_short_form(gaz, form, inst)
    gaz.acronyms.sort(key=lambda a: -len(a[0]))
    return gaz


def _fuzzy(key: str, candidates: dict[str, Instrument]) -> Instrument | None:
    budget = min(FUZZY_MAX_EDITS, len(key) // FUZZY_CHARS_PER_EDIT)
    if budget < 1:
        return None
    best = None
    for cand_key, inst in candidates.items():
        if abs(len(cand_key) - len(key)) > budget or cand_key[-4:] != key[-4:]:
            continue  # the year (or head word) must agree exactly
        dist = Levenshtein.distance(key, cand_key, score_cutoff=budget)
        if dist <= budget and (best is None or dist < best[0]):
            best = (dist, inst)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _unique_bare() -> dict[str, Instrument]:
    """Bare keys of titles the gazetteer shows with one year only."""
    gaz = gazetteer()
    return {
        k: v[0]
        for k, v in gaz.by_bare_key.items()
        if len(v) == 1 and len(gaz.years_by_bare_key.get(k, ())) <= 1
    }


@lru_cache(maxsize=8192)
def lookup(title: str) -> Instrument | None:
    """The gazetteer instrument a written title (with or without its year) names, if any."""
    gaz = gazetteer()
    key = title_key(title)
    if not key:
        return None
    if _YEAR_END.search(title):
        return gaz.by_key.get(key) or _fuzzy(key, gaz.by_key) or _loose_titles().get(loose_key(title))
    if key in gaz.by_key:  # a yearless title the data file lists as a short form
        return gaz.by_key[key] if is_distinctive(title) or _has_abbreviation(title) else None
    if not is_distinctive(title):
        return None
    unique = _unique_bare()
    return unique.get(key) or _fuzzy(key, unique) or _loose_bare().get(loose_key(title))


def loose_key(title: str) -> str:
    """Key of a title without its connecting words: "Police Reform & the Social
    Responsibility Act" and "Police Reform and Social Responsibility Act" share one."""
    words = re.findall(r"[\w&'’.]+", _LEADING_THE.sub("", title))
    return title_key(" ".join(w for w in words if w.lower() not in _CONNECTORS and w != "&"))


@lru_cache(maxsize=1)
def _loose_titles() -> dict[str, Instrument]:
    """Loose key of a full title -> instrument, for loose keys only one instrument has."""
    return _unique_loose((inst.title, inst) for inst in set(gazetteer().by_key.values()))


@lru_cache(maxsize=1)
def _loose_bare() -> dict[str, Instrument]:
    """Loose key of a title without its year -> the one instrument with that title."""
    return _unique_loose((_YEAR_END.sub("", inst.title), inst) for inst in set(_unique_bare().values()))


def _unique_loose(titles) -> dict[str, Instrument]:
    seen: dict[str, set[Instrument]] = {}
    for title, inst in titles:
        seen.setdefault(loose_key(title), set()).add(inst)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1 and len(k) >= MIN_LOOSE_KEY_CHARS}


def misprinted(title: str) -> Instrument | None:
    """The Act a distinctive title with a year that is not its own means: "Crime and Disorder
    Act 1988" is the 1998 Act, the only one of that title, one digit away. A year further off
    ("Crime and Disorder Act 1989") or a title reused across years is never corrected."""
    written = _YEAR_END.search(title)
    if written is None or not is_distinctive(_YEAR_END.sub("", title)):
        return None
    inst = _unique_bare().get(bare_key(title))
    if inst is None or inst.year is None:
        return None
    a, b = str(inst.year), written.group(1)
    return inst if sum(x != y for x, y in zip(a, b, strict=True)) == 1 else None


def by_paper_year(title: str, paper_year: int | None) -> Instrument | None:
    """The Act a yearless title names in a paper of `paper_year`, when that year settles it.

    Only for titles longer than "<one word> Act" that the gazetteer shows with several
    years (so it knows the series): the one Act of that title made by the paper's year, or,
    of an Act and its successor, the successor when made in the few years before the paper
    ("the Data Protection Act" is the 1998 Act in 2017 and the 2018 Act in 2019).
    """
    words = _LEADING_THE.sub("", title).split()
    years = sorted(known_years(title))
    if paper_year is None or len(words) < 3 or words[-1].lower() != "act" or len(years) < 2:
        return None
    made = [y for y in years if y <= paper_year]
    if not made or (len(made) > 1 and (len(years) > 2 or paper_year - made[-1] > RECENT_ACT_YEARS)):
        return None
    return next((i for i in gazetteer().by_bare_key.get(bare_key(title), []) if i.year == made[-1]), None)


def is_distinctive(title: str) -> bool:
    """Whether a yearless title can name one Act: longer than "<one or two words> Act"."""
    words = _LEADING_THE.sub("", title).split()
    return len(words) > GENERIC_TITLE_MAX_WORDS + 1 and words[-1].lower() == "act"


def _has_abbreviation(title: str) -> bool:
    """ "PCSC Act", "FoI Act": a listed abbreviation names the one Act it was listed for."""
    return any(sum(c.isupper() for c in w) >= 2 for w in title.split()[:-1])


def known_years(title: str) -> set[int]:
    """Every year the gazetteer shows this title (its own year taken off) with."""
    return gazetteer().years_by_bare_key.get(bare_key(title), set())


def is_known_bare(title: str) -> bool:
    """Whether the gazetteer holds this title once its year is taken off, as a title or a
    listed yearless form ("Accounts and Audit Regulations"), whatever it resolves to."""
    gaz = gazetteer()
    key = bare_key(title)
    return key in gaz.by_bare_key or key in gaz.by_key or key in gaz.years_by_bare_key
