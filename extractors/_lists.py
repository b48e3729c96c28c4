"""List layout in normalised report text: where lists are, where their items start and end.

Knows nothing about what a list means; `extractors.priorities` judges the introducing
text. Forms found: bullet lists ("• Tackle ASB;"), numbered/lettered lists ("1.", "1)",
"(a)", "i."), unbulleted one-item-per-line lists after a colon, numbered headings
("Priority 1 – Tackle drug and alcohol abuse"), inline lists in one sentence ("three key
strands which are A, B, and C"), and (in `extractors._list_tables`) title + "Priority status: On track" blocks and tables
with a priority column. Items may wrap over lines and page breaks; an item's span covers
the wrapped text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Paragraph numbers ("3.4.", "2.1", "3 Advice and analysis") open paragraphs, not items.
_MULTI_NUM = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?(?=\s)")
_SECTION = re.compile(r"\d{1,2}\s+(?=[A-Z*])")
_ITEM_MARK = re.compile(
    r"(?:\(?(?:\d{1,2}|[a-hj-z]|[ivx]{1,5})[.)])\s+(?=\S)|\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)\s+(?=\S)"
)
_STRAY_NUMBER = re.compile(r"[\d.\s]+")
_HEADING_ITEM = re.compile(
    r"(?:strategic\s+|cross[- ]cutting\s+)?(?P<label>priority|theme|outcome)(?:\s+area)?\s*"
    r"(?P<num>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*[-–—:.)]\s*(?P<title>\S.*)",
    re.IGNORECASE,
)
_NUM_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
# A status label: "Priority status: On track", or "Priority" with "status:" on the next line
# when a two-column layout is flattened into text.
STATUS_LABEL = re.compile(
    r"(?i:(?:(?:priority|theme|overall|rag|delivery|progress)\s+)?status|rag(?:\s+rating)?)\s*:"
)
_LABEL_HEAD = re.compile(r"(?:Priority|Theme|Overall|RAG|Delivery|Progress)\b")

_TERMINAL = ".;!?"
_DANGLING = {
    "and",
    "or",
    "of",
    "the",
    "to",
    "in",
    "for",
    "with",
    "a",
    "an",
    "on",
    "by",
    "&",
    "from",
    "against",
}
# Unbulleted lines that start like prose sentences end a one-item-per-line list.
_PROSE_START = {
    "as",
    "we",
    "they",
    "these",
    "this",
    "it",
    "there",
    "each",
    "all",
    "our",
    "further",
    "following",
    "however",
    "in",
    "for",
    "please",
    "if",
    "when",
}
_MODALS = re.compile(r"\b(?:will|would|can|could|should|must|may|shall)\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s*[;,]\s*(?:and|or))?[\s.;,:]*$")
_WS = re.compile(r"\s+")

MAX_ITEM_WORDS = 30  # longer bullets are paragraphs of narrative, not list entries
MAX_PLAIN_UNIT_WORDS = 20  # an unbulleted "item" longer than this is prose
MAX_REGION_LINES = 40
HEAD_CUT_WORDS = 15  # long bullets keep only a short head before " – " or ":"
MAX_INLINE_ITEM_WORDS = 12


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
    number: int | None = None
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
    """A short unpunctuated line standing alone: "Cross Cutting Themes", "Priorities"."""
    t = line.text.strip().strip("*").strip()
    return line.kind in ("plain", "para") and 0 < len(t.split()) <= 10 and t[-1] not in ".;,"


def paragraph_before(lines: list[Line], j: int) -> tuple[int, int]:
    """Line range [a, j] of the paragraph ending at line j (a bullet or plain paragraph)."""
    a = j
    if lines[j].kind in ("bullet", "numbered", "para"):
        return j, j
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


def _words(s: str) -> int:
    return len(s.split())


def _terminated(s: str) -> bool:
    return s.rstrip()[-1:] in _TERMINAL


def _dangles(s: str) -> bool:
    s = s.rstrip()
    return s.endswith(",") or (s.split()[-1].lower() if s.split() else "") in _DANGLING


# ---------------------------------------------------------------- items
def make_item(text: str, start: int, end: int, number: int | None = None) -> Item | None:
    """An item from a raw span: bullets, "Priority 1:" prefixes, trailing punctuation and
    "; and" dropped. The span is trimmed to match, so its folded text is the item text."""
    s, e = _trim(text, start, end)
    m = _HEADING_ITEM.match(text, s, e)
    if m:  # "• Priority 1: Tackle ASB" is the item "Tackle ASB"
        s, e = _trim(text, m.start("title"), e)
    if _words(text[s:e]) > HEAD_CUT_WORDS:
        cut = re.search(r"\s[–—-]\s|:\s|\.\s", text[s:e])
        if cut and _words(text[s : s + cut.start()]) <= HEAD_CUT_WORDS:
            s, e = _trim(text, s, s + cut.start())
    folded = fold(text[s:e])
    if not re.search(r"[A-Za-z]{2}", folded) or folded.lower().startswith(("http", "www.")):
        return None
    return Item(s, e, folded, number)


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
            punctuated = len(done) >= 2 and sum(map(_terminated, done)) * 3 >= len(done) * 2
            if (
                first.islower()
                or first == "("
                or _dangles(prev)
                or (join_unterminated and punctuated and not _terminated(prev))
            ):
                units[-1].append(k)
                continue
        units.append([k])
    return units


def _unit_items(text: str, lines: list[Line], units: list[list[int]]) -> list[Item]:
    items = []
    for u in units:
        first, last = lines[u[0]], lines[u[-1]]
        num = _marker_number(first.marker)
        it = make_item(text, first.body, last.end, num)
        if it:
            items.append(it)
    return items


def _marker_number(marker: str) -> int | None:
    m = marker.strip("().")
    if m.isdigit():
        return int(m)
    if len(m) == 1 and m.isalpha():
        return ord(m.lower()) - 96
    return None


def _segmentations(text: str, lines: list[Line], idx: list[int]) -> list[list[Item]]:
    """Candidate item lists for a region: the preferred joining first, then a stricter one."""
    main = _units(lines, idx, join_unterminated=True)
    alt = _units(lines, idx, join_unterminated=False)
    out = [_unit_items(text, lines, main)]
    if alt != main:
        out.append(_unit_items(text, lines, alt))
    return out


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
        nxt = _next_nonblank(lines, j + 1)
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


def _next_nonblank(lines: list[Line], k: int) -> int | None:
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
            if not (ln.text[:1].islower() or not _terminated(prev)) or _HEADING_ITEM.match(ln.text):
                break
            idx.append(k)
        elif ln.kind in ("blank", "stray"):
            nxt = _next_nonblank(lines, k)
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
        if (
            ln.kind != "plain"
            or t.endswith((":", "?"))
            or _HEADING_ITEM.match(t)
            or is_status_label(lines, k)
        ):
            break
        idx.append(k)
        k += 1
    return idx


def _cut_prose(text: str, items: list[Item]) -> list[Item]:
    """End an unbulleted list at the first entry that reads as prose, or at a heading:
    an unpunctuated line after entries that all end with a full stop or semicolon."""
    for i, it in enumerate(items):
        first = it.text.split()[0].lower().strip(",")
        if _words(it.text) > MAX_PLAIN_UNIT_WORDS or first in _PROSE_START or _MODALS.search(it.text):
            return items[:i]
        if i >= 2 and all(_ends_stop(text, p) for p in items[:i]) and not _ends_stop(text, it):
            return items[:i]
    return items


def _ends_stop(text: str, it: Item) -> bool:
    return text[it.end : it.end + 1] in (".", ";")


def _drop_long(items: list[Item]) -> list[Item]:
    """Lists of paragraph-long entries are narrative; drop such a list altogether."""
    long = sum(_words(it.text) > MAX_ITEM_WORDS for it in items)
    if long * 2 > len(items):
        return []
    return [it for it in items if _words(it.text) <= MAX_ITEM_WORDS]


# ---------------------------------------------------------------- numbered headings
def heading_lists(text: str, lines: list[Line]) -> list[RawList]:
    """Runs of headings "Priority 1 – X", "Priority 2 – Y", ... each run one list."""
    out: list[RawList] = []
    prev_num = 0
    for k, ln in enumerate(lines):
        if ln.kind not in ("plain", "bullet"):
            continue
        lead = len(ln.text) - len(ln.text.lstrip("*#_ "))  # bold or markdown heading marks
        m = _HEADING_ITEM.match(ln.text, lead)
        if not m or not m.group("label")[0].isupper():
            continue
        raw_num = m.group("num").lower()
        num = int(raw_num) if raw_num.isdigit() else _NUM_WORDS[raw_num]
        end = ln.end
        if k + 1 < len(lines) and _heading_wraps(lines, k):
            end = lines[k + 1].end
        item = make_item(text, ln.body + m.start("title"), end, num)
        if item is None:
            continue
        label = m.group("label").title()
        if not out or num <= prev_num or out[-1].label != label:
            a = _next_text_above(lines, k)
            out.append(
                RawList(
                    "headings",
                    [],
                    lines[a].start if a is not None else ln.start,
                    lines[a].end if a is not None else ln.start,
                    label=label,
                )
            )
        out[-1].items.append(item)
        prev_num = num
    return [r for r in out if len(r.items) >= 2]


def _heading_wraps(lines: list[Line], k: int) -> bool:
    nxt = lines[k + 1]
    if nxt.kind != "plain" or nxt.text.rstrip().endswith((":", "?", ".")):
        return False
    after_blank = k + 2 >= len(lines) or lines[k + 2].kind == "blank"
    head = lines[k].text
    return (
        nxt.text[:1].islower()
        or _dangles(head)
        or (after_blank and _words(nxt.text) <= 6 and len(head) >= 50)
    )


def _next_text_above(lines: list[Line], k: int) -> int | None:
    k -= 1
    while k >= 0 and lines[k].kind in ("blank", "stray"):
        k -= 1
    return k if k >= 0 else None


# ---------------------------------------------------------------- status labels
def is_status_label(lines: list[Line], k: int) -> bool:
    """ "Priority status:" here, or "Priority" here and "status:" starting the next line."""
    t = lines[k].text
    if STATUS_LABEL.match(t):
        return True
    if _LABEL_HEAD.match(t):
        nxt = _next_nonblank(lines, k + 1)
        return nxt is not None and nxt - k <= 2 and bool(re.match(r"(?i)status\s*:", lines[nxt].text))
    return False


# ---------------------------------------------------------------- inline lists
_INLINE_NOUNS = r"(?:priorities|priority areas|priority themes|themes|strands|outcomes)"
# The gap between noun and verb may qualify the noun ("which", "for 2024-27") but not add a
# second subject ("the priorities and the action plan will be presented").
_INLINE = re.compile(
    rf"\b{_INLINE_NOUNS}\b(?:(?P<gap>(?:(?!\band\b)[^.:;\n]){{0,30}}?)"
    r"\b(?:are|were|will be|include|includes|remain|will remain|continue to be)\b\s*:?|\s*:)"
    r"[ \t]*(?=[^\s•])",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"\.(?=\s|$)|\n\n(?=[A-Z•\d])|:\s*\n")


def inline_lists(text: str, lines: list[Line]) -> list[RawList]:
    """ "...three key strands which are A, B, and C." -> one list of three items."""
    out = []
    for m in _INLINE.finditer(text):
        body_start = m.end()
        end_m = _SENT_END.search(text, body_start)
        body_end = end_m.start() if end_m else len(text)
        body = text[body_start:body_end]
        if ":" in body or not body.strip():
            continue
        items = split_inline(text, body_start, body_end)
        alt = split_inline(text, body_start, body_end, count=len(items) + 1)
        if len(alt) < 2 or any(_words(it.text) > MAX_INLINE_ITEM_WORDS for it in items):
            continue
        sent_start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n\n", 0, m.start()) + 2, 0)
        if len(alt) > len(items) and _parallel_tail(alt):
            items, alt = alt, items  # "A, B and C": the last "and" joins two items
        out.append(RawList("inline", items, sent_start, body_start, [alt] if len(alt) != len(items) else []))
    return out


def _parallel_tail(items: list[Item]) -> bool:
    """Whether the last two items start alike (both "-ing" words, or both capitalised like
    the first), so "A, B and C" lists three items rather than "B and C" being one."""
    heads = [it.text.split()[0] for it in items]
    a, b = heads[-2], heads[-1]
    if a.lower().endswith("ing") and b.lower().endswith("ing"):
        return True
    return heads[0][:1].isupper() and a[:1].isupper() and b[:1].isupper()


def split_inline(text: str, start: int, end: int, count: int | None = None) -> list[Item]:
    body = text[start:end]
    sep = ";" if ";" in body else ","
    pieces, pos = [], 0
    for part in body.split(sep):
        pieces.append((start + pos, start + pos + len(part)))
        pos += len(part) + 1
    if count and len(pieces) == count - 1:  # "A, B and C" without the Oxford comma
        s, e = pieces[-1]
        m = re.search(r"\s(?:and|or)\s", text[s:e])
        if m:
            pieces[-1:] = [(s, s + m.start()), (s + m.end(), e)]
    items = []
    for s, e in pieces:
        seg = text[s:e]
        lead = re.match(r"\s*(?:(?:and|or)\s+)?", seg).end()
        it = make_item(text, s + lead, e)
        if it:
            items.append(it)
    return items
