"""Theme of a priority from the taxonomy in extractors/priorities/data/themes.toml (slugs as in SPEC.md).

"Reduce re-offending among young adults" -> "reoffending": phrases match on lemmas (spaCy
PhraseMatcher, attr LEMMA) with hyphenated words tried both closed up and split; the longest
match wins. A theme's `contextual` phrases count only when one of its `context` words is in
the item too ("recovery from" is emergency response only beside "incident" or "event"), and
`[ignore]` phrases name a method or an agency, so no theme matches inside them. OCR-damaged
text ("Reducing domestc abuse") falls back to a rapidfuzz partial match. Researchers extend
the data file; no code changes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from spacy.matcher import PhraseMatcher

from extractors.common.nlp import nlp, parse

THEMES_FILE = Path(__file__).parent / "data" / "themes.toml"
FUZZY_THEME = 90  # rapidfuzz partial_ratio for an OCR-damaged phrase to count
MIN_FUZZY_PHRASE = 8  # shorter phrases ("asb", "drug") match exactly or not at all
_IGNORE = "__ignore__"


def theme_slugs() -> tuple[str, ...]:
    """The taxonomy's theme slugs in file order (what reports list themes by)."""
    return tuple(t["slug"] for t in tomllib.loads(THEMES_FILE.read_text(encoding="utf-8"))["theme"])


@dataclass(frozen=True)
class _Taxonomy:
    plain: PhraseMatcher
    contextual: PhraseMatcher
    context: dict[str, frozenset[str]]  # slug -> lemmas, one of which a contextual match needs
    fuzzy: list[tuple[str, str, int]]  # (slug, phrase, words) tried on OCR-damaged text
    approaches: frozenset[str]  # themes naming a way of working, not a harm (`approach = true`)


@lru_cache(maxsize=1)
def _taxonomy() -> _Taxonomy:
    data = tomllib.loads(THEMES_FILE.read_text(encoding="utf-8"))
    plain = PhraseMatcher(nlp().vocab, attr="LEMMA")
    contextual = PhraseMatcher(nlp().vocab, attr="LEMMA")
    context: dict[str, frozenset[str]] = {}
    fuzzy: list[tuple[str, str, int]] = []
    for theme in data.get("theme", []):
        slug = theme["slug"]
        phrases = _all_variants(theme.get("phrases", []))
        plain.add(slug, list(nlp().pipe(phrases)))
        if theme.get("contextual"):
            contextual.add(slug, list(nlp().pipe(_all_variants(theme["contextual"]))))
            context[slug] = frozenset(t.lemma_ for w in theme.get("context", []) for t in nlp()(w.lower()))
        fuzzy += [(slug, p, len(p.split())) for p in phrases if len(p) >= MIN_FUZZY_PHRASE]
    ignored = _all_variants(data.get("ignore", {}).get("phrases", []))
    if ignored:
        plain.add(_IGNORE, list(nlp().pipe(ignored)))
    approaches = frozenset(t["slug"] for t in data.get("theme", []) if t.get("approach"))
    return _Taxonomy(plain, contextual, context, fuzzy, approaches)


def _all_variants(phrases: list[str]) -> list[str]:
    return sorted({v for p in phrases for v in _variants(p)})


def _variants(s: str) -> tuple[str, str]:
    """Hyphenated words both closed up and split: "re-offending" -> "reoffending", "re offending"."""
    s = s.lower()
    return re.sub(r"(?<=\w)-(?=\w)", "", s), re.sub(r"(?<=\w)-(?=\w)", " ", s)


# Where an item's name ends and its qualifier begins: "Safer roads which includes speeding",
# "Acquisitive crime (to include burglary)", "Exploitation, including county lines".
_QUALIFIER = re.compile(
    r"(?i)\s(?:which|that)\s+(?:includes?|covers?|comprises?)\b|\s\(?to include\b|,?\s(?:including|such as)\b"
)


def theme_of(text: str) -> str | None:
    """Theme slug for a priority: from its name when the name has one, else from its whole
    text with the qualifier ("Safer communities which includes hate crime, ...")."""
    m = _QUALIFIER.search(text)
    return (m and m.start() > 0 and _theme_of_text(text[: m.start()])) or _theme_of_text(text)


def _theme_of_text(text: str) -> str | None:
    """Theme slug for a text: the longest phrase matched on lemmas; a fuzzy match (OCR
    damage) stands in when it is longer than any exact match. On a tie a theme naming a
    harm beats one naming an approach ("prevention of serious violence" is about violence)."""
    tax = _taxonomy()
    best: tuple[int, bool, int, int, str] | None = None  # (words, harm, plain, -position, slug)
    for variant in _variants(text):
        for cand in _matches(tax, parse(variant)):
            best = max(best, cand) if best else cand
    low = _variants(text)[1]
    if best is None or best[0] < 2:
        for slug, phrase, words in tax.fuzzy:
            # The text must hold the whole phrase: "risk" lies inside "flood risk" but is no match.
            if (
                words > (best[0] if best else 0)
                and len(low) >= len(phrase)
                and fuzz.partial_ratio(phrase, low) >= FUZZY_THEME
            ):
                best = (words, False, 0, 0, slug)
    return best[-1] if best else None


def _matches(tax: _Taxonomy, doc) -> list[tuple[int, bool, int, int, str]]:
    strings = nlp().vocab.strings
    found = [(strings[label], s, e, 1) for label, s, e in tax.plain(doc)]
    blocked = {i for slug, s, e, _ in found if slug == _IGNORE for i in range(s, e)}
    lemmas = {t.lemma_ for t in doc if t.i not in blocked}
    for label, s, e in tax.contextual(doc):
        slug = strings[label]
        if tax.context.get(slug, frozenset()) & lemmas:
            found.append((slug, s, e, 0))
    return [
        (e - s, slug not in tax.approaches, plain, -s, slug)
        for slug, s, e, plain in found
        if slug != _IGNORE and not blocked.intersection(range(s, e))
    ]
