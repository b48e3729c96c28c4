"""Text quality: is this text what the paper says, or OCR damage?

A measurable heuristic over word-like tokens: the share that are not dictionary
words (wordfreq) and the share of tokens mixing letters with stray symbols
("it;?tﬁ?g}]d"). Clean committee papers score well under the thresholds even
with their names and acronyms; OCR output with broken words crosses them.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.normalise import is_real_word

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"^[(\"'‘“]*([A-Za-z]+(?:['’-][A-Za-z]+)*)[)\"'’”.,;:!?]*$")
# Symbols inside a word ("it;?tﬁ?g}]d") or rule glyphs OCR makes of table lines ("|").
_STRAY = re.compile(r"[^\W\d_][^\w\s'’\-.,:!()\"“”/&%£]+[^\W\d_]|[{}|~^`]")
_LINK = re.compile(r"@|://|^www\.")
_WORD_PARTS = re.compile(r"['’-]")
MIN_TOKENS = 30
# Thresholds for "noisy": share of lower-case non-words, share of tokens with stray symbols.
MAX_NONWORD_SHARE = 0.06
MAX_STRAY_SHARE = 0.004


def quality_scores(text: str) -> tuple[float, float, int]:
    """(non-word share, stray-symbol share, tokens counted)."""
    tokens = _TOKEN.findall(text)
    words = nonwords = stray = 0
    for tok, n in Counter(tokens).items():  # each distinct token judged once (papers repeat words)
        if _LINK.search(tok):
            continue
        if _STRAY.search(tok):
            stray += n
        m = _WORD.match(tok)
        if not m:
            continue
        word = m.group(1)
        # Capitalised words and acronyms are names; only judge lower-case words.
        if len(word) < 3 or not word.islower():
            continue
        words += n
        if not all(is_real_word(part) for part in _WORD_PARTS.split(word) if part):
            nonwords += n
    return nonwords / max(words, 1), stray / max(len(tokens), 1), len(tokens)


def text_quality(text: str) -> str:
    """'no_text', 'noisy' or 'ok'."""
    if len(text.strip()) < 20:
        return "no_text"
    nonword, stray, n = quality_scores(text)
    if n >= MIN_TOKENS and (nonword > MAX_NONWORD_SHARE or stray > MAX_STRAY_SHARE):
        return "noisy"
    return "ok"
