"""The paper's own council and partnership, for `extractors.amounts`.

    "Safer Eastmere Partnership (SEP) ... The Partnership will receive £5,500"
    -> "the Partnership" is the "Safer Eastmere Partnership".

Reports name their council and partnership in full once, then say "the Council" and "the
Partnership"; those bare names are resolved to the bodies the paper names.
"""

from __future__ import annotations

import re

from extractors.amounts.grants.names import FUNCTION_WORDS, ORG_HEADS, Abbreviations, words

# A paper calls its own council "the Council" and its partnership "the Partnership" once
# it has named them in full ("Eastmere District Council", "Safer Eastmere Partnership").
# Words that start a council's name without being its place:
_PLACE_WORD = (
    r"(?!Council\b|Community\sSafety\sPartnership\b|CSPs?\b)[A-Z][\w'’.&-]*\s(?:(?:and|&|upon|on|in|of)\s)?"
)
# Anchored at word start: a retry at each capital inside a long token rescanned it (quadratic).
_COUNCIL_RE = re.compile(rf"(?<![\w'’.&-])((?:{_PLACE_WORD}){{1,5}})Council\b")
_NOT_PLACE = words(
    "The This That Our Your Their Full Each Every Any All A An Borough City District County "
    "Town Parish Unitary Local Executive Youth Joint Principal Cabinet Of And In On To For "
    "Report Agenda Item Meeting Members Member Leader Chief Head Committee Officer Minutes Notes "
    "Decision Decisions Summary Papers Record"
)
# Partnerships go by many brands: "<Place> Community Safety Partnership", "<Place> CSP",
# "Safer <Place> Partnership", "Safe in the Town Partnership".
_BRAND_WORD = r"[A-Z][\w'’.&-]*\s(?:(?:and|&|upon|on|in|of|for)\s(?:the\s)?)?"
# Anchored at word start: a retry at each capital inside a long token rescanned it (quadratic).
_PARTNERSHIP_RE = re.compile(rf"(?<![\w'’.&-])((?:{_BRAND_WORD}){{1,6}})(Partnership|CSP)\b(?!s)")
# A name made only of these words is a kind of partnership, not one partnership.
_PARTNERSHIP_TYPE_WORDS = words("community safety crime disorder reduction local strategic")
MAX_ABBREVIATION = 2  # letters of a word ending in "." inside a name ("St.")
BARE_PARTNERSHIPS = frozenset({"partnership", "community safety partnership", "csp"})


def home_bodies(text: str, slug: str | None = None, abbrev: Abbreviations | None = None) -> dict[str, str]:
    """{"council": ..., "partnership": ...}: the paper's own council, the one named most
    often, and its partnership, the one it defines with an abbreviation ("Safer Eastmere
    Partnership (SEP)") else the one named most often; the one matching the council slug
    first."""
    out = {}
    council = _most_named(_council_counts(text), slug, set())
    if council:
        out["council"] = council
    counts = _partnership_counts(text)
    defined = _defined_partnerships(counts, abbrev or Abbreviations(text), text)
    partnership = _most_named(counts, slug, set(defined))
    if partnership:
        out["partnership"] = partnership
    return out


def _council_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _COUNCIL_RE.finditer(text):
        place = _strip_leading(m.group(1).split())
        if place and not all(w in _NOT_PLACE for w in place):
            name = " ".join([*place, "Council"])
            counts[name] = counts.get(name, 0) + 1
    return counts


def _partnership_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _PARTNERSHIP_RE.finditer(text):
        brand = m.group(1).split()
        # "Eastmere Council and Safer Eastmere Partnership": the name starts after the last body.
        heads = [k for k, w in enumerate(brand) if w.lower() in ORG_HEADS]
        brand = _strip_leading(brand[heads[-1] + 1 :] if heads else brand)
        suffix = ["Community", "Safety", "Partnership"] if m.group(2) == "CSP" else ["Partnership"]
        name = " ".join(brand + suffix)
        if brand and not all(
            w.lower() in _PARTNERSHIP_TYPE_WORDS | FUNCTION_WORDS for w in name.split()[:-1]
        ):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _defined_partnerships(counts: dict[str, int], abbrev: Abbreviations, text: str) -> list[str]:
    """Partnership names the paper defines with an abbreviation; each use of the
    abbreviation counts as a mention."""
    out = []
    for abbr, long in abbrev.defined.items():
        name = " ".join(_strip_leading(long.split()))
        if name in counts:
            counts[name] += len(re.findall(rf"\b{re.escape(abbr)}\b", text))
            out.append(name)
    return out


def _after_sentence_end(place: list[str]) -> list[str]:
    """The words after the last one that ends a sentence: "PCC Funding. The Council" is
    "The Council"; "St. Helens" keeps its abbreviation."""
    ends = [k for k, w in enumerate(place) if w[-1:] in ".:;?!" and len(w.rstrip(".")) > MAX_ABBREVIATION]
    return place[ends[-1] + 1 :] if ends else place


def _strip_leading(place: list[str]) -> list[str]:
    place = _after_sentence_end(place)
    while place and (place[0] in _NOT_PLACE or place[0].lower() in FUNCTION_WORDS):
        place = place[1:]
    return place


def _most_named(counts: dict[str, int], slug: str | None, preferred: set[str]) -> str | None:
    if not counts:
        return None
    order = list(counts)

    def rank(name: str) -> tuple:
        matches_slug = bool(slug and re.sub(r"[^a-z0-9]+", "-", name.lower()).startswith(slug.lower()))
        return (not matches_slug, name not in preferred, -counts[name], order.index(name))

    return min(counts, key=rank)


def resolve_home(name: str | None, home: dict[str, str]) -> str | None:
    """ "Council" -> the paper's own council; "Partnership" / "CSP" -> its partnership."""
    if not name:
        return name
    key = name.lower()
    own = home.get("council", "")
    # "the Council", and "the Borough Council" when the paper's own council is one.
    if own and (key == "council" or (len(key.split()) == 2 and own.lower().endswith(" " + key))):
        return own
    if key in BARE_PARTNERSHIPS and "partnership" in home:
        return home["partnership"]
    return name
