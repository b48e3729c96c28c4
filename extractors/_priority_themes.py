"""Theme of a priority from the taxonomy in extractors/data/themes.toml (slugs as in SPEC.md).

"Reduce re-offending and support victims" -> "reoffending": phrases match on lemmas
(spaCy PhraseMatcher, attr LEMMA) with hyphenated words tried both closed up and split;
the longest match wins. OCR-damaged text ("Reducing domestc abuse") falls back to a
rapidfuzz partial match. Researchers extend the data file; no code changes.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from spacy.matcher import PhraseMatcher

from extractors.nlp import nlp

THEMES_FILE = Path(__file__).parent / "data" / "themes.toml"
FUZZY_THEME = 90  # rapidfuzz partial_ratio for an OCR-damaged phrase to count
MIN_FUZZY_PHRASE = 8  # shorter phrases ("asb", "drug") match exactly or not at all


@lru_cache(maxsize=1)
def _themes() -> tuple[PhraseMatcher, list[tuple[str, str, int]]]:
    data = tomllib.loads(THEMES_FILE.read_text(encoding="utf-8"))
    matcher = PhraseMatcher(nlp().vocab, attr="LEMMA")
    flat: list[tuple[str, str, int]] = []
    for theme in data.get("theme", []):
        phrases = sorted({v for p in theme.get("phrases", []) for v in _variants(p)})
        matcher.add(theme["slug"], list(nlp().pipe(phrases)))
        flat += [(theme["slug"], p, len(p.split())) for p in phrases if len(p) >= MIN_FUZZY_PHRASE]
    return matcher, flat


def _variants(s: str) -> tuple[str, str]:
    """Hyphenated words both closed up and split: "re-offending" -> "reoffending", "re offending"."""
    s = s.lower()
    return re.sub(r"(?<=\w)-(?=\w)", "", s), re.sub(r"(?<=\w)-(?=\w)", " ", s)


def theme_of(text: str) -> str | None:
    """Theme slug for a priority's text: the longest phrase matched on lemmas; a fuzzy match
    (OCR damage) stands in when it is longer than any exact match."""
    matcher, flat = _themes()
    best: tuple[int, int, str] | None = None  # (words, -position, slug)
    for variant in _variants(text):
        for label, s, e in matcher(nlp()(variant)):
            cand = (e - s, -s, nlp().vocab.strings[label])
            best = max(best, cand) if best else cand
    low = _variants(text)[1]
    if best is None or best[0] < 2:
        for slug, phrase, words in flat:
            if words > (best[0] if best else 0) and fuzz.partial_ratio(phrase, low) >= FUZZY_THEME:
                best = (words, 0, slug)
    return best[2] if best else None
