"""List layout in normalised report text: where lists are, where their items start and end.

Knows nothing about what a list means; `extractors.priorities` judges the introducing
text. Forms found: bullet lists ("• Tackle ASB;"), numbered/lettered lists ("1.", "1)",
"(a)", "i.") and unbulleted one-item-per-line lists after a colon, each with the paragraph
introducing it. `extractors._list_forms` adds numbered headings ("Priority 1 – Tackle drug
and alcohol abuse") and inline lists ("three key strands which are A, B, and C");
`extractors._list_tables` adds "Priority status:" blocks and tables. Items may wrap over
lines and page breaks; an item's span covers the wrapped text, and its text is that span
with whitespace folded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Paragraph numbers ("3.4.", "2.1", "3 Background") open paragraphs, not items.
_MULTI_NUM = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?(?=\s)")
_SECTION = re.compile(r"\d{1,2}\s+(?=[A-Z*])")
_ITEM_MARK = re.compile(
    r"(?:\(?(?:\d{1,2}|[a-hj-z]|[ivx]{1,5})[.)])\s+(?=\S)|\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)\s+(?=\S)"
)
_STRAY_NUMBER = re.compile(r"[\d.\s]+")
NUMBER_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
# The label keeps its qualifier: a "Cross-cutting theme" heading names its kind by itself.
HEADING_ITEM = re.compile(
    r"(?P<label>(?:strategic\s+|cross[- ]cutting\s+)?(?:priority|theme|outcome))(?:\s+area)?\s*"
    rf"(?P<num>\d{{1,2}}|{'|'.join(list(NUMBER_WORDS)[1:])})?\s*[-–—:.)]\s*(?P<title>\S.*)",
    re.IGNORECASE,
)
# A status label: "Priority status: On track", or "Priority" with "status:" on the next line
# when a two-column layout is flattened into text.
STATUS_LABEL = re.compile(
    r"(?i:(?:(?:priority|theme|overall|rag|delivery|progress)\s+)?status|rag(?:\s+rating)?)\s*:"
)
_LABEL_HEAD = re.compile(r"(?:Priority|Theme|Overall|RAG|Delivery|Progress)\b")

_TERMINAL = ".;!?"
_DANGLING = {
    "and", "or", "of", "the", "to", "in", "for", "with", "a", "an", "on", "by", "&", "from", "against",
}  # fmt: skip
# Unbulleted lines that start like prose sentences end a one-item-per-line list.
_PROSE_START = {
    "as", "we", "they", "these", "this", "it", "there", "each", "all", "our", "further", "following",
    "however", "in", "for", "please", "if", "when",
}  # fmt: skip
_MODALS = re.compile(r"\b(?:will|would|can|could|should|must|may|shall)\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s*[;,]\s*(?:and|or))?[\s.;,:]*$")
_WS = re.compile(r"\s+")

MAX_ITEM_WORDS = 30  # longer bullets are paragraphs of narrative, not list entries
MAX_PLAIN_UNIT_WORDS = 20  # an unbulleted "item" longer than this is prose
MAX_REGION_LINES = 40
HEAD_CUT_WORDS = 15  # long bullets keep only a short head before " – " or ":"
HEAD_WORDS, TAIL_WORDS = 8, 8  # "Name – description": a name this short, a description this long
_HEAD_SEP = re.compile(r"\s[–—-]\s|:\s|\.\s")


@dataclass
class Line:
    start: int
    end: int
    kind: str  # blank | bullet | numbered | para | stray | plain
    body: int  # offset where the content starts, after any bullet or item marker
    text: str  # content after the marker
    marker: str = ""


@dataclass
class Item:
    start: int
    end: int
    text: str
    status: str | None = None


@dataclass
class RawList:
    form: str  # block | inline | headings | status | table
    items: list[Item]
    intro_start: int  # span of the introducing paragraph or heading (may be empty)
    intro_end: int
    alternatives: list[list[Item]] = field(default_factory=list)  # other segmentations
    label: str | None = None  # "Priority", "Theme" for headings and status forms

    @property
    def start(self) -> int:
        return self.items[0].start if self.items else self.intro_end


# ---------------------------------------------------------------- lines
def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(_classify(raw, pos))
        pos += len(raw) + 1
    return lines


def _classify(raw: str, pos: int) -> Line:
    end = pos + len(raw)
    if not raw.strip():
        return Line(pos, end, "blank", end, "")
    body = 0
    kind = "plain"
    if raw.startswith("•"):
        body = len(raw) - len(raw[1:].lstrip()) if len(raw) > 1 else 1
        kind = "bullet"
    rest = raw[body:]
    if _STRAY_NUMBER.fullmatch(rest):
        return Line(pos, end, "stray", end, "")
    if _MULTI_NUM.match(rest) or _SECTION.match(rest):
        return Line(pos, end, "para", pos + body, rest)
    m = _ITEM_MARK.match(rest)
    if m:
        marker = m.group(0).strip()
        return Line(
            pos, end, kind if kind == "bullet" else "numbered", pos + body + m.end(), rest[m.end() :], marker
        )
    return Line(pos, end, kind, pos + body, rest)


def is_heading(line: Line) -> bool:
    """A short unpunctuated line standing alone: "Priority areas", "Cross-cutting themes"."""
    t = line.text.strip().strip("*").strip()
    return line.kind in ("plain", "para") and 0 < len(t.split()) <= 10 and t[-1] not in ".;,"


def paragraph_before(lines: list[Line], j: int) -> tuple[int, int]:
    """Line range [a, j] of the paragraph ending at line j (a bullet or plain paragraph)."""
    a = j
    if lines[j].kind in ("bullet", "numbered", "para"):
        return j, j
    if is_heading(lines[j]) and j > 0 and terminated(lines[j - 1].text):
        return j, j  # a heading run into the paragraph above it (PDF text without a gap)
    while a > 0:
        prev = lines[a - 1]
        if prev.kind in ("plain", "para", "bullet"):
            a -= 1
            if prev.kind != "plain":
                break
        elif prev.kind == "blank" and a > 1 and lines[a].text[:1].islower() and lines[a - 2].kind != "blank":
            a -= 2  # a sentence broken by a page break
        else:
            break
    return a, j


def word_count(s: str) -> int:
    return len(s.split())


def terminated(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in _TERMINAL


def dangles(s: str) -> bool:
    s = s.rstrip()
    return s.endswith(",") or (s.split()[-1].lower() if s.split() else "") in _DANGLING


# ---------------------------------------------------------------- items
def make_item(text: str, start: int, end: int) -> Item | None:
    """An item from a raw span: bullets, "Priority 1:" prefixes, trailing punctuation and
    "; and" dropped. The span is trimmed to match, so its folded text is the item text."""
    s, e = _trim(text, start, end)
    m = HEADING_ITEM.match(text, s, e)
    if m:  # "• Priority 1: Tackle ASB" is the item "Tackle ASB"
        s, e = _trim(text, m.start("title"), e)
    s, e = _head(text, s, e)
    folded = fold(text[s:e])
    if not re.search(r"[A-Za-z]{2}", folded) or folded.lower().startswith(("http", "www.")):
        return None
    return Item(s, e, folded)


def _head(text: str, s: int, e: int) -> tuple[int, int]:
    """A named priority followed by its description ("Serious violence – working with
    schools to ...") keeps the name; so does an overlong entry with a short lead."""
    cut = _HEAD_SEP.search(text, s, e)
    if not cut:
        return s, e
    head, tail = word_count(text[s : cut.start()]), word_count(text[cut.end() : e])
    if (head + tail > HEAD_CUT_WORDS and head <= HEAD_CUT_WORDS) or (
        head <= HEAD_WORDS and tail >= TAIL_WORDS
    ):
        return _trim(text, s, cut.start())
    return s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while True:
        e0, s0 = e, s
        e = _TRAILING.search(text, s, e).start() if s < e else e
        while e > s and text[e - 1] in " \t\n*":
            e -= 1
        while s < e and text[s] in " \t\n•*":
            s += 1
        if (s, e) == (s0, e0):
            return s, e


def fold(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _units(lines: list[Line], idx: list[int], join_unterminated: bool) -> list[list[int]]:
    """Group line indices into items: a line continues the previous item when it starts
    lower-case, follows a dangling word, or, once the earlier items show that this list
    ends its items with punctuation, follows an unterminated line (a wrap, possibly over
    a page break). Bulleted/numbered lines always start a new item."""
    units: list[list[int]] = []
    for k in idx:
        ln = lines[k]
        if units and ln.kind == "plain":
            prev = lines[units[-1][-1]].text
            first = ln.text.lstrip()[:1]
            done = [lines[u[-1]].text for u in units[:-1]]
            punctuated = len(done) >= 2 and sum(map(terminated, done)) * 3 >= len(done) * 2
            if (
                not prev.strip()  # a lone bullet glyph, its text on the next line (PDF text)
                or first.islower()
                or first == "("
                or dangles(prev)
                or (join_unterminated and punctuated and not terminated(prev))
            ):
                units[-1].append(k)
                continue
        units.append([k])
    return units


def _unit_items(text: str, lines: list[Line], units: list[list[int]]) -> list[Item]:
    items = []
    for u in units:
        it = make_item(text, lines[u[0]].body, lines[u[-1]].end)
        if it:
            items.append(it)
    return items


def _segmentations(text: str, lines: list[Line], idx: list[int]) -> list[list[Item]]:
    """Candidate item lists for a region: the preferred joining first, then a stricter one."""
    main = _units(lines, idx, join_unterminated=True)
    alt = _units(lines, idx, join_unterminated=False)
    out = [_unit_items(text, lines, main)]
    if alt != main:
        out.append(_unit_items(text, lines, alt))
    split = [piece for it in out[0] for piece in _split_sentences(text, it)]
    if len(split) > len(out[0]):
        out.append(split)
    return out


def _split_sentences(text: str, item: Item) -> list[Item]:
    """Two full-stopped items run together on one line ("...repeat victims. Reducing arson.")."""
    cuts = [m.end() for m in re.finditer(r"\.\s+(?=[A-Z])", text[item.start : item.end])]
    bounds = [item.start, *(item.start + c for c in cuts), item.end]
    pieces = [make_item(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in pieces if p]


# ---------------------------------------------------------------- block lists
def block_lists(text: str, lines: list[Line], wanted: Callable[[int, int], bool]) -> list[RawList]:
    """Bulleted, numbered and unbulleted lists, each with the paragraph introducing it.

    `wanted(a, b)` is a cheap check on the intro's line range, so that regions after
    uninteresting paragraphs are never segmented."""
    out: list[RawList] = []
    n = len(lines)
    j = 0
    while j < n - 1:
        ln = lines[j]
        nxt = next_nonblank(lines, j + 1)
        if ln.kind == "blank" or nxt is None or nxt - j > 2:
            j += 1
            continue
        a, _ = paragraph_before(lines, j)
        ended = ln.text.rstrip().endswith((":", " –", " -", ":-", ": -")) or re.search(
            r"\b(?:below|follows)[.:]?$", ln.text.rstrip()
        )
        kind = lines[nxt].kind
        starts_list = kind in ("bullet", "numbered") and (ln.kind != kind or bool(ended))
        plain_list = kind == "plain" and (ended or (is_heading(ln) and a == j))
        if (starts_list or plain_list) and wanted(a, j):
            region = _bullet_region(lines, nxt) if starts_list else _plain_region(lines, nxt)
            segs = _segmentations(text, lines, region) if region else []
            if not starts_list:
                segs = [_cut_prose(text, s) for s in segs]
            segs = [_drop_long(s) for s in segs]
            segs = [s for s in segs if s]
            if segs:
                out.append(RawList("block", segs[0], lines[a].start, ln.end, segs[1:]))
                while j + 1 < n and lines[j + 1].start < segs[0][-1].end:
                    j += 1
            j += 1
            continue
        j += 1
    return out


def next_nonblank(lines: list[Line], k: int) -> int | None:
    while k < len(lines) and lines[k].kind in ("blank", "stray"):
        k += 1
    return k if k < len(lines) else None


def _bullet_region(lines: list[Line], s: int) -> list[int]:
    kind = lines[s].kind
    style = _marker_style(lines[s].marker)
    idx, k = [], s
    while k < len(lines) and len(idx) < MAX_REGION_LINES:
        ln = lines[k]
        if ln.kind == kind and _marker_style(ln.marker) == style:
            idx.append(k)
        elif ln.kind == "plain" and idx and k - 1 == idx[-1]:
            prev = lines[idx[-1]].text
            if not (ln.text[:1].islower() or not terminated(prev)) or HEADING_ITEM.match(ln.text):
                break
            idx.append(k)
        elif ln.kind in ("blank", "stray"):
            nxt = next_nonblank(lines, k)
            if nxt is None:
                break
            cont = lines[nxt].kind == "plain" and lines[nxt].text[:1].islower()
            if not (cont or (lines[nxt].kind == kind and _marker_style(lines[nxt].marker) == style)):
                break
            if cont:
                idx.append(nxt)
            k = nxt + 1 if cont else nxt
            continue
        else:
            break
        k += 1
    return idx


def _marker_style(marker: str) -> str:
    m = marker.strip("().")
    return "" if not m else ("digit" if m.isdigit() else "alpha")


def _plain_region(lines: list[Line], s: int) -> list[int]:
    idx, k = [], s
    while k < len(lines) and len(idx) < MAX_REGION_LINES:
        ln = lines[k]
        if ln.kind in ("blank", "stray"):
            k += 1
            continue
        t = ln.text.rstrip()
        if ln.kind != "plain" or t.endswith((":", "?")) or HEADING_ITEM.match(t) or is_status_label(lines, k):
            break
        if "\t" in t or t.count("|") >= 2:
            break  # a table row: `_list_tables` reads tables by their columns
        idx.append(k)
        k += 1
    return idx


def _cut_prose(text: str, items: list[Item]) -> list[Item]:
    """End an unbulleted list at the first entry that reads as prose, or at a heading:
    an unpunctuated line after entries that all end with a full stop or semicolon."""
    for i, it in enumerate(items):
        first = it.text.split()[0].lower().strip(",")
        if word_count(it.text) > MAX_PLAIN_UNIT_WORDS or first in _PROSE_START or _MODALS.search(it.text):
            return items[:i]
        if i >= 2 and all(_ends_stop(text, p) for p in items[:i]) and not _ends_stop(text, it):
            return items[:i]
    return items


def _ends_stop(text: str, it: Item) -> bool:
    return text[it.end : it.end + 1] in (".", ";")


def _drop_long(items: list[Item]) -> list[Item]:
    """Lists of paragraph-long entries are narrative; drop such a list altogether."""
    long = sum(word_count(it.text) > MAX_ITEM_WORDS for it in items)
    if long * 2 > len(items):
        return []
    return [it for it in items if word_count(it.text) <= MAX_ITEM_WORDS]


# ---------------------------------------------------------------- status labels
def is_status_label(lines: list[Line], k: int) -> bool:
    """ "Priority status:" here, or "Priority" here and "status:" starting the next line."""
    t = lines[k].text
    if STATUS_LABEL.match(t):
        return True
    if _LABEL_HEAD.match(t) and not HEADING_ITEM.match(t):  # "Priority: X" is a heading
        if re.search(r"\bstatus\s*:", t):  # label and commentary run together on one line
            return True
        nxt = next_nonblank(lines, k + 1)
        return nxt is not None and nxt - k <= 2 and bool(re.match(r"(?i)status\s*:", lines[nxt].text))
    return False


def next_text_above(lines: list[Line], k: int) -> int | None:
    k -= 1
    while k >= 0 and lines[k].kind in ("blank", "stray"):
        k -= 1
    return k if k >= 0 else None
