"""Text normalisation with an exact map back to the raw text.

Every extractor reads the normalised text and every span in the dataset indexes it,
so all clean-up happens here, once: Unicode NFKC, one bullet marker for the many
bullet glyphs papers use, line-end hyphenation repaired where the joined word is a
real word, and tidy whitespace (tabs are kept: text tables use them as cell breaks).

Each rewrite goes through `_sub`, which rewrites the text and its offset map
together, so `raw_offsets[i]` is always the raw index the normalised char i came from.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from schemas.document import Document, DocumentMeta, sha256_hex

BULLET = "•"

# Symbol-font bullets from Word/PDF (private use area), typographic bullets and the
# ASCII markers of plain text and Markdown.
_GLYPHS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0e0\uf02d•·▪◦●■□➢►▶✓✔❖➤"
_GLYPH_ANYWHERE = re.compile("[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0e0\uf02d]")
# A bullet at line start (after any indentation): a glyph, or "-", "*", "–" followed by a
# space; OCR turns round bullets into a lone "e", "o", "¢" or "«" before a word.
_LINE_BULLET = re.compile(
    rf"^( *)(?:[{re.escape(_GLYPHS)}]|[-*–](?= )|[eo¢«»](?= +[A-Za-z(]))[ \t]*", re.MULTILINE
)
_NEWLINES = re.compile(r"\r\n?|[\f\v\u2028\u2029\x85]")
_SPACE = "[ \u00a0\u2000-\u200b\u202f\u205f\u3000]"
# Indentation is kept (capped): it is how plain text nests sub-bullets under an item.
_INDENT = re.compile(rf"^{_SPACE}+", re.MULTILINE)
MAX_INDENT = 16
_SPACES = re.compile(rf"(?<=[^\n \u00a0\u2000-\u200b\u202f\u205f\u3000]){_SPACE}+")
# Columns laid out with spaces ("R1   Staff turnover   3   4   12"): a gap of two or more
# spaces between words, not after sentence punctuation and not beside a pipe.
_COLUMN_GAP = re.compile(rf"(?<=[^\s.!?:;|]){_SPACE}{{2,}}(?=[^\s|])")
# A line with at least this many such gaps (three columns) is a table row: gaps become tabs,
# the cell separator text tables already use. One gap is left alone: "SO1  Reduce harm".
MIN_COLUMN_GAPS = 2
_NEWLINE = re.compile("\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_EDGE_SPACES = re.compile(r" +$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n)+")
# "re-\noffending": a lower-case word split at a line end by a hyphen. The match starts at the
# hyphen (the word's head is read back from the text), so a long word is not rescanned from
# each of its letters, which made a 100,000-letter token quadratic.
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-\n *([a-z]+)")

# Joined words at or above this wordfreq Zipf frequency count as real words
# ("disengagement" 2.7, "cooperate" 3.8; "reoffending" 2.0 keeps its hyphen).
REAL_WORD_ZIPF = 2.5
# Letters read back for a hyphenated word's head: real words are shorter than this.
MAX_WORD = 40


@dataclass(frozen=True)
class Normalised:
    text: str
    raw_offsets: list[int] | None  # raw index of each normalised char (when tracked)


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= REAL_WORD_ZIPF


def _sub(pattern: re.Pattern, repl, text: str, offs: list[int] | None):
    """re.sub that keeps the offset map: replacement chars map to the match start."""
    if offs is None:
        return pattern.sub(repl, text), None
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        parts.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        r = repl(m) if callable(repl) else repl
        parts.append(r)
        anchor = offs[s] if s < len(offs) else (offs[-1] + 1 if offs else 0)
        new_offs.extend([anchor] * len(r))
        pos = e
    if not parts:
        return text, offs
    parts.append(text[pos:])
    new_offs.extend(offs[pos:])
    return "".join(parts), new_offs


def _nfkc(raw: str, track: bool):
    if raw.isascii():
        return raw, list(range(len(raw))) if track else None
    if not track:
        return unicodedata.normalize("NFKC", raw), None
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(raw):
        n = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        chars.append(n)
        offs.extend([i] * len(n))
    return "".join(chars), offs


def normalise(raw: str, track_offsets: bool = False) -> Normalised:
    """Normalise one page (or a whole plain-text document).

    `track_offsets` also returns the map back to `raw`; it costs memory on big
    texts, so the pipeline leaves it off (spans index the normalised text).
    """
    raw = _SURROGATE.sub("\ufffd", raw)  # a PDF's unpaired UTF-16 half cannot be written as UTF-8
    text, offs = _nfkc(raw, track_offsets)
    text, offs = _sub(_NEWLINES, "\n", text, offs)
    text, offs = _sub(_GLYPH_ANYWHERE, BULLET, text, offs)
    text, offs = _column_gaps(text, offs)
    text, offs = _sub(_SPACES, " ", text, offs)
    text, offs = _sub(_INDENT, lambda m: " " * min(len(m.group()), MAX_INDENT), text, offs)
    text, offs = _sub(_EDGE_SPACES, "", text, offs)
    text, offs = _sub(_LINE_BULLET, lambda m: m.group(1) + BULLET + " ", text, offs)
    text, offs = _sub(_HYPHEN_BREAK, _dehyphenate, text, offs)
    text, offs = _sub(_BLANK_RUNS, "\n\n", text, offs)
    # Trim leading/trailing blank lines of the page.
    start = len(text) - len(text.lstrip("\n"))
    end = len(text.rstrip())
    return Normalised(text[start:end], offs[start:end] if offs is not None else None)


def _column_gaps(text: str, offs: list[int] | None):
    """Column gaps become tabs on lines with at least MIN_COLUMN_GAPS of them.

    Gaps are counted once per line (a callback that re-counted its whole line for every gap
    was quadratic on a long single-line document).
    """
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    gaps = Counter(bisect.bisect_left(newlines, m.start()) for m in _COLUMN_GAP.finditer(text))
    tab_lines = {line for line, n in gaps.items() if n >= MIN_COLUMN_GAPS}
    if not tab_lines:
        return text, offs

    def gap(m: re.Match) -> str:
        return "\t" if bisect.bisect_left(newlines, m.start()) in tab_lines else m.group()

    return _sub(_COLUMN_GAP, gap, text, offs)


def _dehyphenate(m: re.Match) -> str:
    """Join a word broken at a line end; keep the hyphen unless the joined word is real."""
    # The lookbehind letter is outside the match, so rebuild the whole word from the
    # match's string for the dictionary check.
    s = m.string
    i = m.start()
    while i > 0 and s[i - 1].isalpha() and m.start() - i < MAX_WORD:
        i -= 1
    tail = m.group(1)
    return tail if is_real_word(s[i : m.start()] + tail) else "-" + tail
    word_head = s[i : m.start()] + m.group(1)
    tail = m.group(2)
    if is_real_word(word_head + tail):
        return m.group(1) + tail
    return m.group(1) + "-" + tail


def document_from_text(text: str, source_uri: str = "<memory>", **meta) -> Document:
    """Build a plain-text Document from a string: how tests and notebooks make one."""
    norm = normalise(text)
    return Document(
        doc_id=sha256_hex(text.encode("utf-8")),
        source_uri=source_uri,
        source_format="text",
        text=norm.text,
        meta=DocumentMeta(**meta),
    )
