"""Which council (or police and crime commissioner) owns a paper, from the evidence in its text.

Every slug comes from the gazetteer (`pipeline.councils.gazetteer`): a word of the page is
never turned into a slug. Evidence is weighed, because papers name partners too (a
district's paper names its county, a commissioner's page names the councils it funds):

| evidence                                                        | weight |
|-----------------------------------------------------------------|--------|
| a council's name alone on one of the first lines (its header)   | 6      |
| an officer's e-mail domain (`@medway.gov.uk`)                   | 4      |
| the paper's web host (`democracy.kirklees.gov.uk`)              | 4      |
| a venue ("Venue: Lancaster Town Hall", "Neuadd Cyngor …")       | 3      |
| a council named as such ("Thanet District Council", "Cyngor …") | 2      |
| a body or plan named after the place ("Safer Thanet", "Kirklees Community Safety Plan", "Strategy for Devon") | 2 |
| a commissioner named with the area ("Police and Crime Commissioner for Surrey") | 2 |
| "the Commissioner"/"the PCC", when one commissioner's area is named  | 1 each, at most 5 |
| the place named on its own                                      | 1 each, at most 3 |

Owner evidence (header, e-mail domain, host, the council's own building) decides first:
when any council has it, the highest total among those councils wins, so the partners a
paper names often (its county, the police and crime commissioner) do not take it over.
Without owner evidence the highest total wins. Ties go to the one named first. A police
and crime panel's paper is never its commissioner's, and a fire authority's paper is not
the county's it is named after.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from wordfreq import zipf_frequency

from pipeline.councils import PCC_SUFFIXES, CouncilIdentity, Gazetteer, gazetteer

# A place name as written: capitalised words, joined by "and", "upon", "&", hyphens.
# Words join on one line only (a line break ends a name); "B&NES"-style initials are words too.
_WORD = r"(?:[A-Z](?:&[A-Z])+[A-Z]*|[A-Z][A-Za-z'’]*(?:\.(?=[A-Z]))?(?:-[A-Za-z][A-Za-z'’]*)*)"
_GAP = r"[^\S\n]+"
# Starts only where a word starts: after a hyphen or apostrophe inside "A-B-C…" a retry
# would rescan the rest of the token (quadratic on a long hyphenated token).
PLACE = rf"(?<![\w'’-]){_WORD}(?:(?:,?{_GAP}(?:and|&|upon|on|under|in|of|the){_GAP}|,?{_GAP}){_WORD}){{0,7}}"
_KIND_WORDS = {"borough", "district", "city", "county", "metropolitan", "town", "council"}
_COUNCIL_KIND = r"(?:(?:Metropolitan\s+|County\s+)?(?:Borough|District|City|County)\s+)?"
COUNCIL_NAME = re.compile(
    rf"\b(?:(?:London|Royal)\s+)?Borough\s+of\s+(?P<a>{PLACE})"
    rf"|\b(?:City|County)\s+of\s+(?P<b>{PLACE})\s+Council\b"
    rf"|\b(?P<c>{PLACE})\s+{_COUNCIL_KIND}Council\b"
    rf"|\bCyngor\s+(?:Sir\s+|Bwrdeistref\s+Sirol\s+|Dinas\s+)?(?P<d>{PLACE})"
)
_BODY_NOUNS = (
    r"Community\s+Safety\s+(?:Partnership|Plan|Strategy)|Health\s+(?:and|&)\s+Well-?being\s+(?:Board|Strategy)"
    r"|Safeguarding\s+(?:Adults\s+|Children\s+)?(?:Board|Partnership)|(?:Strategic\s+)?Partnership"
    r"|Council\s+Plan|Corporate\s+(?:Plan|Strategy)"
)
PLACE_BODY = re.compile(
    rf"\b(?P<a>{PLACE})\s+(?:{_BODY_NOUNS})\b|\bSafer\s+(?P<b>{PLACE})|\b(?:Strategy|Plan)\s+for\s+(?P<c>{PLACE})"
)
# A council's own building names it; a "Venue:" line may only name the town a county meets in.
OWN_BUILDING = re.compile(
    rf"\b(?P<a>{PLACE})\s+(?:Town\s+Hall|Civic\s+Centre|County\s+Hall|Guildhall|Council\s+Offices)\b"
)
VENUE = re.compile(r"^Venue:[^\n]*", re.M)
_COMMISSIONER = r"Police,?\s+(?:and\s+|(?P<fire>Fire,?\s+and\s+))Crime\s+Commissioner|(?P<pfcc>O?PFCC)|O?PCC"
PCC_NAMED = (  # "… Commissioner for Surrey", "Surrey's Police and Crime Commissioner", "Surrey PCC"
    re.compile(rf"\b(?:{_COMMISSIONER})\s+(?:for|of)\s+(?:the\s+)?(?P<place>{PLACE})"),
    re.compile(rf"\b(?P<place>{PLACE})(?:'s|’s)?\s+(?:{_COMMISSIONER})\b"),
)
PANEL = re.compile(r"\bPolice,?\s+(?:Fire\s+)?and\s+Crime\s+Panel\b", re.I)
FIRE_AUTHORITY = re.compile(r"\b(?:Combined\s+)?Fire(?:\s+and\s+Rescue)?\s+Authority\b", re.I)
_FIRE = re.compile(r"\bO?PFCC\b|Police,?\s+Fire,?\s+and\s+Crime\s+Commissioner")
PCC_BARE = re.compile(r"\b(?:Commissioner|PF?CC)(?:'s|’s)?\b")
EMAIL = re.compile(r"@((?:[\w-]+\.)*[\w-]+)\.(?:gov\.uk|gov\.wales|gov\.scot|llyw\.cymru|police\.uk)\b", re.I)
# Starts where a host name starts, not inside one: "\b" let every dot of a long dotted
# token start a new attempt (quadratic).
HOST = re.compile(
    r"(?<![\w.-])(?:https?://)?((?:[\w-]+\.)+(?:gov\.uk|gov\.wales|gov\.scot|police\.uk))\b", re.I
)
_POLICE_LABELS = {"pcc", "opcc", "pfcc", "opfcc", "police"}
_STOP_WORDS = {"and", "upon", "on", "under", "in", "of", "the", "&"}
_COMMON_WORD = 3.5  # zipf frequency above which a one-word place at a sentence start is just a word


@dataclass
class Evidence:
    """Weights per slug, whether any is owner evidence, and where each slug is first named."""

    score: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    owner: set[str] = field(default_factory=set)
    first: dict[str, int] = field(default_factory=dict)
    capped: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))

    def add(
        self,
        slug: str | None,
        weight: float,
        at: int,
        owner: bool = False,
        cap: tuple[str, float] | None = None,
    ):
        if not slug:
            return
        if cap:  # a kind of evidence that counts only up to a limit per slug
            kind, limit = cap
            weight = min(weight, limit - self.capped[(slug, kind)])
            self.capped[(slug, kind)] += weight
        self.score[slug] += weight
        self.first[slug] = min(self.first.get(slug, at), at)
        if owner:
            self.owner.add(slug)

    def best(self, exclude: Iterable[str] = ()) -> str | None:
        """The owner: among slugs with owner evidence if any has it, else among all; ties to the first named."""
        pool = [s for s in self.score if s not in set(exclude)]
        owners = [s for s in pool if s in self.owner]
        slug = max(owners or pool, key=lambda s: (self.score[s], -self.first[s]), default=None)
        return slug if slug and self.score[slug] >= 1 else None


def council_of(text: str, source_uri: str = "", known: Iterable[CouncilIdentity] = ()) -> str | None:
    """The slug of the council or commissioner that owns the paper, or None when the text does not say."""
    gaz = gazetteer()
    ev = Evidence()
    _header(text, gaz, ev)
    _addresses(text, source_uri, gaz, ev)
    for m in COUNCIL_NAME.finditer(text):
        name = next(g for g in m.groups() if g)
        ev.add(_place(name, gaz, council_named=True, initials=True), 2, m.start())
    commissioner = _commissioners(text, gaz, ev)
    theirs = _commissioners_place(commissioner, gaz)
    for m in PLACE_BODY.finditer(text):  # "Safer Lancashire" on a commissioner's page is theirs
        ev.add(theirs(_place(next(g for g in m.groups() if g), gaz, initials=True)), 2, m.start())
    for m in OWN_BUILDING.finditer(text):
        ev.add(_place(m.group("a"), gaz), 3, m.start(), owner=True)
    for m in VENUE.finditer(text):
        found = [_place(p.group(0), gaz) for p in re.finditer(PLACE, m.group(0))]
        ev.add(next((s for s in found if s), None), 0.5, m.start())  # never enough on its own
    _bare_places(text, gaz, ev, theirs)
    _configured(text, tuple(known), ev)
    # A police and crime panel scrutinises its commissioner: its papers are the host council's.
    panel = PANEL.search("\n".join([ln for ln in text[:1500].split("\n") if ln.strip()][:5]))
    best = ev.best(exclude=[s for s in ev.score if panel and s.endswith(PCC_SUFFIXES)])
    if best and best not in ev.owner and FIRE_AUTHORITY.search(text):
        return None  # a fire authority's paper: the county it is named after does not own it
    return best


def _place(
    name: str, gaz: Gazetteer, council_named: bool = False, find=None, initials: bool = False
) -> str | None:
    """The authority a written place means: the longest run of its words that names one
    ("Spatial Planning Cheshire East" -> cheshire-east, "Bath and North East Somerset Community
    Safety" -> bath-and-north-east-somerset); "Richmond Council" by its name's start."""
    councils = find is None  # looking up councils (not police areas)
    find = find or gaz.lookup
    words = name.replace("’", "'").replace("'s ", " ").replace(",", "").removesuffix("'s").rstrip(".").split()
    while words and words[-1].lower() in _KIND_WORDS:  # "Hertfordshire County" (Council)
        words.pop()
    if initials and len(words) == 1 and words[0].isupper() and 2 < len(words[0]) < 7:
        return gaz.initials.get(words[0].lower())  # "BCP Health and Wellbeing Board", "KCC"
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            if run[0].lower() in _STOP_WORDS or run[-1].lower() in _STOP_WORDS:
                continue
            if slug := find(" ".join(run)):
                return slug
            if councils and gaz.names_authority(" ".join(run)):
                return (
                    None  # an authority with no slug ("Bournemouth, Christchurch and Poole"): not its parts
                )
    return gaz.lookup_prefix(" ".join(words)) if council_named and words else None


def _header(text: str, gaz: Gazetteer, ev: Evidence) -> None:
    """The paper's own header: a council's name alone on one of its first lines ("BOROUGH OF POOLE")."""
    pos = 0
    for line in text[:1500].split("\n")[:12]:
        stripped = line.strip()
        m = COUNCIL_NAME.fullmatch(stripped.title() if stripped.isupper() else stripped)
        if m:
            ev.add(_place(next(g for g in m.groups() if g), gaz, council_named=True), 6, pos, owner=True)
        pos += len(line) + 1


def _addresses(text: str, source_uri: str, gaz: Gazetteer, ev: Evidence) -> None:
    """Officers' e-mail domains and the paper's web host (its URL, or web addresses in its text)."""
    counted: defaultdict[str, int] = defaultdict(int)
    for m in EMAIL.finditer(text):
        slug = _domain_slug(m.group(1), gaz)
        if slug and counted[slug] < 2:  # a page of contacts is one piece of evidence, not twenty
            counted[slug] += 1
            ev.add(slug, 4, m.start(), owner=True)
    host = urlparse(source_uri).hostname if "://" in source_uri else None
    if host:
        ev.add(_domain_slug(host, gaz), 4, 0, owner=True)


def _domain_slug(domain: str, gaz: Gazetteer) -> str | None:
    """ "medway.gov.uk" -> medway, "modgov.lbbd.gov.uk" -> barking-and-dagenham,
    "essex.pfcc.police.uk" -> essex-pfcc, "lancashire-pcc.gov.uk" -> lancashire-pcc."""
    labels = [
        x for x in domain.lower().split(".") if x not in ("gov", "uk", "wales", "scot", "llyw", "cymru")
    ]
    labels = [x for x in labels if x != "police"] if "police" in labels else labels
    if not labels:
        return None
    stem = labels[-1]
    suffix = next((f"-{x.removeprefix('o')}" for x in labels if x in _POLICE_LABELS - {"police"}), "")
    if not suffix and stem.endswith(("-pcc", "-pfcc", "-opcc")):
        stem, _, kind = stem.rpartition("-")
        suffix = f"-{kind.removeprefix('o')}"
    if suffix or domain.lower().endswith("police.uk"):
        area = gaz.force(stem.replace("-", " ")) or next(
            (a for a in gaz.forces.values() if a.replace("-", "") == stem.replace("-", "")), None
        )
        return f"{area}{suffix or '-pcc'}" if area else None
    compact = stem.replace("-", "")
    for slug, name in gaz.nice.items():
        if compact in (slug.replace("-", ""), name.lower().replace(" ", "").replace("&", "and")):
            return slug
    return gaz.lookup(stem.replace("-", " ")) or gaz.initials.get(compact)


def _commissioners(text: str, gaz: Gazetteer, ev: Evidence) -> str | None:
    """ "Police and Crime Commissioner for Cleveland", "Surrey PCC"; then "the Commissioner" for that one.

    A page that speaks of "the Commissioner" without naming one is the commissioner's of the
    police area it names most. Returns the commissioner's slug when the page has one.
    """
    areas: dict[str, str] = {}
    for m in (m for pattern in PCC_NAMED for m in pattern.finditer(text)):
        area = _place(m.group("place"), gaz, find=gaz.force)
        if area:
            kind = "-pfcc" if (m.group("fire") or m.group("pfcc")) else "-pcc"
            areas[area] = kind if kind == "-pfcc" else areas.get(area, kind)
            ev.add(area + areas[area], 2, m.start())
    bare = [m.start() for m in PCC_BARE.finditer(text)]
    if not areas and len(bare) >= 2:
        named = Counter(a for m in re.finditer(PLACE, text) if (a := _place(m.group(0), gaz, find=gaz.force)))
        if named:
            kind = "-pfcc" if _FIRE.search(text) else "-pcc"
            areas[named.most_common(1)[0][0]] = kind
    if len(areas) != 1:
        return None
    area, kind = next(iter(areas.items()))
    for at in bare:  # the page speaks of one commissioner: its bare mentions are theirs
        ev.add(area + kind, 1, at, cap=("bare commissioner", 5))
    return area + kind


def _commissioners_place(commissioner: str | None, gaz: Gazetteer):
    """On a commissioner's page, its police area named as a place means the commissioner."""

    def theirs(slug: str | None) -> str | None:
        if commissioner and slug and gaz.force(gaz.nice[slug]) == commissioner.rpartition("-")[0]:
            return commissioner
        return slug

    return theirs


_NOT_THE_COUNCIL = {"Police", "Constabulary", "Fire", "NHS", "ICB", "CCG", "Ambulance", "Integrated"}
_TITLES = {
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "dame",
    "professor",
    "prof",
}


def _bare_places(text: str, gaz: Gazetteer, ev: Evidence, theirs) -> None:
    """A place named on its own ("priorities for Lewisham"): weak evidence, a little each time.

    Not a place: a person's name (a title before it, "Cllr …"; a capitalised word and a
    one-word place, "Clare Sutton"), another body named after the place ("Lancashire
    Constabulary", "NHS Dorset"), the town a meeting was held in ("Venue: …"), or a common word
    opening a sentence ("Reading the report …").
    """
    for m in re.finditer(PLACE, text):
        name = m.group(0)
        words = name.split()
        slug = _place(name, gaz)
        if not slug or words[0].rstrip(".").lower() in _TITLES or _NOT_THE_COUNCIL & set(words):
            continue
        if len(words) == 2 and not words[0].isupper() and gaz.lookup(words[1]):
            continue
        if re.match(
            r"\s+(?:Police|Constabulary|Fire|Council|Borough|District|County\s+Council)\b", text[m.end() :]
        ):
            continue  # a force or a council named as such: counted by its own rule
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.startswith("Venue:", line_start):
            continue
        sentence_start = m.start() == 0 or re.search(
            r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, m.start() - 3) : m.start()]
        )
        if " " not in name and sentence_start and zipf_frequency(name.lower(), "en") > _COMMON_WORD:
            continue
        ev.add(theirs(slug), 1, m.start(), cap=("bare", 3))


def _configured(text: str, known: tuple[CouncilIdentity, ...], ev: Evidence) -> None:
    """Names and web domains of configured councils that are not "<X> Council" ("KCC", "kent.gov.uk")."""
    lowered = text.lower()
    for c in known:
        for d in c.domains:
            if "@" + d.lower() not in lowered and (i := lowered.find(d.lower())) >= 0:
                ev.add(c.slug, 2 * lowered.count(d.lower()), i)
        for n in c.names:
            if not n.endswith("Council") and (
                hits := [m.start() for m in re.finditer(rf"\b{re.escape(n)}\b", text)]
            ):
                ev.add(c.slug, 2 * len(hits), hits[0])
