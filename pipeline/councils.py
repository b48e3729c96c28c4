"""Council identities: the slugs, names and e-mail domains by which papers name their council.

The bundled list is `pipeline/data/councils.toml` (the councils the scraper visits); the
metadata reader and the CLI's `--council` check use it, and so does the scraper's config.
"""

from __future__ import annotations

import csv
import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import UnknownCouncilError

COUNCILS_FILE = Path(__file__).resolve().parent / "data" / "councils.toml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class CouncilIdentity:
    """How a paper names its council: slug, names and web/e-mail domains."""

    slug: str
    names: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def council_identities() -> tuple[CouncilIdentity, ...]:
    """Councils as configured (names and domains a paper's text identifies them by)."""
    data = tomllib.loads(COUNCILS_FILE.read_text(encoding="utf-8"))
    return tuple(
        CouncilIdentity(c["slug"], tuple(c.get("names", ())), tuple(c.get("email_domains", ())))
        for c in data.get("councils", ())
    )


def check_council(slug: str | None) -> str | None:
    """A council slug given by the user: any well-formed slug, but not a near miss of a known one.

    Papers may come from any council, so an unconfigured slug ("northtown") is fine; a typo of
    a configured one ("medwy") is almost certainly a mistake and is refused.
    """
    if slug is None:
        return None
    known = [c.slug for c in council_identities()]
    near = difflib.get_close_matches(slug, known, n=1, cutoff=0.75)
    if slug not in known and (near or not _SLUG.fullmatch(slug)):
        raise UnknownCouncilError(slug, known)
    return slug


# ---------------------------------------------------------------- the gazetteer of UK authorities

AUTHORITIES_FILE = Path(__file__).resolve().parent / "data" / "uk_local_authorities.csv"
FORCES_FILE = Path(__file__).resolve().parent / "data" / "police_force_areas.csv"
PCC_SUFFIXES = ("-pcc", "-pfcc")
# Words of an official name that say what kind of council it is, not where it is.
_KIND_PREFIX = re.compile(r"^(?:the )?(?:(?:london|royal|metropolitan|county) )?borough of (?:the )?")
_KIND_SUFFIX = re.compile(
    r" (?:(?:metropolitan |county |city and )?(?:borough|district|city|county|town) )?council$"
    r"|^council of the "
)
_STOP = {"of", "and", "the", "upon", "on", "in", "under"}


@lru_cache(maxsize=1 << 16)  # a pure function called for every run of words a paper names
def norm_name(name: str) -> str:
    """A place or council name folded for lookup: "Bath & North East Somerset" -> "bath and north east somerset"."""
    name = name.lower().replace("&", " and ").replace("’", "'").replace("-", " ")
    return " ".join(_NOT_NAME_CHAR.sub(" ", name).split()).removeprefix("the ")


_NOT_NAME_CHAR = re.compile(r"[^a-z0-9' ]")


@dataclass(frozen=True)
class Gazetteer:
    """Names -> GOV.UK slugs of every UK local authority, and the police areas with a commissioner."""

    by_name: dict[str, frozenset[str]]  # folded name (official, everyday, alternative) -> slugs
    nice: dict[str, str]  # slug -> everyday name ("Richmond upon Thames")
    county_of: dict[str, str]  # district slug -> its county's slug
    initials: dict[str, str]  # "lbbd" -> "barking-and-dagenham" (e-mail domains and hosts)
    forces: dict[str, str]  # folded area name -> area slug ("devon and cornwall" -> "devon-and-cornwall")

    def lookup(self, name: str) -> str | None:
        """The one authority a name means, else None (unknown or ambiguous); "B&NES" by its initials."""
        if re.fullmatch(r"[A-Z](?:&?[A-Z]){1,5}", name) and "&" in name:
            return self.initials.get(name.replace("&", "").lower())
        slugs = self.by_name.get(norm_name(name), frozenset()) - {""}
        return next(iter(slugs)) if len(slugs) == 1 else None

    def names_authority(self, name: str) -> bool:
        """Whether a name is an authority's at all, even one the dataset has no slug for."""
        return norm_name(name) in self.by_name

    def lookup_prefix(self, name: str) -> str | None:
        """ "Richmond" (as in "Richmond Council") -> the one authority whose everyday name starts with it."""
        key = norm_name(name)
        if not key:
            return None
        found = {s for s, n in self.nice.items() if norm_name(n) == key or norm_name(n).startswith(key + " ")}
        return next(iter(found)) if len(found) == 1 else None

    def force(self, name: str) -> str | None:
        return self.forces.get(norm_name(name))

    def is_known(self, slug: str) -> bool:
        """A slug the dataset may carry: an authority's, or `<police area>-pcc`/`-pfcc`."""
        if slug in self.nice:
            return True
        return any(slug.endswith(s) and slug.removesuffix(s) in self.forces.values() for s in PCC_SUFFIXES)


def _name_variants(official: str, nice: str, alt: str) -> set[str]:
    names = {official, nice, *[a for a in alt.split(",") if a.strip()]}
    folded = {norm_name(n) for n in names}
    return {v for n in folded for v in (n, _KIND_SUFFIX.sub("", _KIND_PREFIX.sub("", n)))} - {""}


def _initials(official: str) -> str:
    """ "London Borough of Barking and Dagenham" -> "lbbd", "Bath and North East Somerset Council" -> "bnes"."""
    words = [w for w in norm_name(official).removesuffix(" council").split() if w not in _STOP]
    return "".join(w[0] for w in words)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Read the bundled authority and police-area lists once."""
    by_name: dict[str, set[str]] = {}
    nice: dict[str, str] = {}
    codes: dict[str, str] = {}
    rows = list(csv.DictReader(AUTHORITIES_FILE.open(encoding="utf-8")))
    for r in rows:
        codes[r["local-authority-code"]] = r["gov-uk-slug"]
    county_of: dict[str, str] = {}
    initials: dict[str, str] = {}
    for r in rows:
        slug = r["gov-uk-slug"]
        for name in _name_variants(r["official-name"], r["nice-name"], r["alt-names"]):
            by_name.setdefault(name, set()).add(slug)  # "" for an authority without a GOV.UK slug
        if not slug:
            continue
        nice[slug] = r["nice-name"]
        if codes.get(r["county-la"]):
            county_of[slug] = codes[r["county-la"]]
        initials.setdefault(_initials(r["official-name"]), slug)
    forces = {}
    for r in csv.DictReader(FORCES_FILE.open(encoding="utf-8")):
        for name in [r["area"], *r["other-names"].split(";")]:
            if name.strip():
                forces[norm_name(name)] = r["slug"]
    return Gazetteer({k: frozenset(v) for k, v in by_name.items()}, nice, county_of, initials, forces)
