"""List layout in normalised report text: where lists are, where their items start and end.

Knows nothing about what a list means; `extractors.priorities` judges the introducing
text. Forms found: bullet lists ("• Tackle ASB;"), numbered/lettered lists ("1.", "1)",
"(a)", "i.") and unbulleted one-item-per-line lists after a colon, each with the paragraph
introducing it (found by `extractors.priorities.blocks`). `extractors.priorities.forms` adds numbered headings ("Priority 1 – Tackle drug
and alcohol abuse") and inline lists ("three key strands which are A, B, and C");
`extractors.priorities.tables` adds "Priority status:" blocks and tables. Items may wrap over
lines and page breaks; an item's span covers the wrapped text, and its text is that span
with whitespace folded. Lines keep their indentation: a line indented under an item is its
sub-item or its wrapped text, never the next item. A numbered report paragraph ("7. The
Plan sets four objectives ...:") with a list indented under it is that list's intro.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.common.text import NUMBER_WORDS, fold, line_spans

# Paragraph numbers ("3.4.", "2.1", "3 Background") open paragraphs, not items.
_MULTI_NUM = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?(?=\s)")
_SECTION = re.compile(r"\d{1,2}\s+(?=[A-Z*])")
# Upper-case Roman numerals ("III.") number lists too, with a full stop only.
_ITEM_MARK = re.compile(
    r"(?:\(?(?:\d{1,2}|[a-hj-z]|[ivx]{1,5})[.)])\s+(?=\S)|\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)\s+(?=\S)"
    r"|[IVX]{1,4}\.\s+(?=\S)"
)
# Web pages flattened to text sometimes bullet a list with a lone full stop (". reducing
# harm"); a lone full stop before a word at a line start is no sentence, so it is a bullet.
_DOT_BULLET = re.compile(r"\.[ \t]+(?=[A-Za-z(])")
# Short codes that label objectives or priorities in plans ("SO1 Prevent ...", "P2: Reduce
# ...", "CCT1 – Victims"): capitals and a number, then a capitalised title. A code names a
# list only when a run of lines shares its letters (`_marker_style`).
_CODE_MARK = re.compile(r"(?P<code>[A-Z]{1,4})(?P<num>\d{1,2})[a-z]?(?:\s*[:.)]|\s+[-–—])?\s+(?=[A-Z])")
_STRAY_NUMBER = re.compile(r"[\d.\s]+")
# A one-level report paragraph number ("7.") looks like a list marker; the paragraph it opens
# is an intro when it is a sentence ending in a colon with a list indented under it.
_PARA_NUMBER = re.compile(r"\d{1,2}\.")
_INTRO_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|will|sets?|includes?|lists?|comprises?|contains?|identifies|agreed)\b"
)
MIN_INTRO_WORDS, SURE_INTRO_WORDS = 5, 9  # a sentence, not a short item title ending in a colon
MAX_INTRO_LINES = 6  # lines a numbered intro paragraph may wrap over
# The label keeps its qualifier: a "Cross-cutting theme" heading names its kind by itself.
HEADING_ITEM = re.compile(
    r"(?P<label>(?:strategic\s+|cross[- ]cutting\s+)?(?:priority|theme|outcome|objective))(?:\s+area)?\s*"
    rf"(?P<num>\d{{1,2}}|(?-i:[A-H])(?=\s*[-–—:.)])|{'|'.join(list(NUMBER_WORDS)[1:])})?\s*[-–—:.)]\s*(?P<title>\S.*)",
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
_TRAILING = re.compile(r"(?:\s*[;,]\s*(?:and|or))?[\s.;,:]*$")

MAX_ITEM_WORDS = 30  # longer bullets are paragraphs of narrative, not list entries
NEST_STEP = 2  # spaces deeper that make a line a sub-item (PDF positions jitter by one)
HEAD_CUT_WORDS = 15  # long bullets keep only a short head before " – " or ":"
HEAD_WORDS, TAIL_WORDS = 8, 8  # "Name – description": a name this short, a description this long
_KEEPS_TAIL = re.compile(r"(?i)(?:to include|including|which|that|such as|e\.g\.|for example)\b")
_HEAD_SEP = re.compile(r"\s[–—-]\s|:\s|\.\s")


@dataclass
class Line:
    start: int
    end: int
    kind: str  # blank | bullet | numbered | para | stray | plain
    body: int  # offset where the content starts, after any bullet or item marker
    text: str  # content after the marker
    marker: str = ""
    indent: int = 0  # leading spaces: deeper lines nest under the item above them


@dataclass
class Item:
    start: int
    end: int
    text: str
    status: str | None = None


@dataclass
class RawList:
    form: str  # block | inline | trailing | headings | status | table | columns (see LIST_FORMS)
    items: list[Item]
    intro_start: int  # span of the introducing paragraph or heading (may be empty)
    intro_end: int
    alternatives: list[list[Item]] = field(default_factory=list)  # other segmentations
    label: str | None = None  # "Priority", "Theme" for headings and status forms
    nested: bool = False  # items carry indented sub-items (actions, aims)

    @property
    def start(self) -> int:
        return self.items[0].start if self.items else self.intro_end


# ---------------------------------------------------------------- lines
def split_lines(text: str) -> list[Line]:
    lines = [_classify(text[s:e], s) for s, e in line_spans(text)]
    for k, ln in enumerate(lines):
        if ln.kind == "numbered" and _PARA_NUMBER.fullmatch(ln.marker) and _numbered_intro(lines, k):
            # keep the number in the text, as for "3.4." paragraphs
            lines[k] = replace(
                ln, kind="para", body=ln.start + ln.indent, text=text[ln.start + ln.indent : ln.end]
            )
    return lines


def _classify(raw: str, pos: int) -> Line:
    end = pos + len(raw)
    if not raw.strip():
        return Line(pos, end, "blank", end, "")
    indent = len(raw) - len(raw.lstrip(" "))
    raw = raw[indent:]
    body = 0
    kind = "plain"
    if raw.startswith("•"):
        body = len(raw) - len(raw[1:].lstrip()) if len(raw) > 1 else 1
        kind = "bullet"
    elif m := _DOT_BULLET.match(raw):
        body, kind = m.end(), "bullet"
    rest = raw[body:]
    at = pos + indent + body
    if _STRAY_NUMBER.fullmatch(rest):
        return Line(pos, end, "stray", end, "", indent=indent)
    if _MULTI_NUM.match(rest) or _SECTION.match(rest):
        return Line(pos, end, "para", at, rest, indent=indent)
    m = _ITEM_MARK.match(rest) or (_CODE_MARK.match(rest) if kind == "plain" else None)
    if m:
        marker = m.group(0).strip()
        return Line(
            pos, end, kind if kind == "bullet" else "numbered", at + m.end(), rest[m.end() :], marker, indent
        )
    return Line(pos, end, kind, at, rest, indent=indent)


def _numbered_intro(lines: list[Line], k: int) -> bool:
    """Whether numbered line k opens a report paragraph that introduces the list indented
    under it ("7. The Plan sets four strategic objectives ...:" over a hanging indent), not an
    item of a list introduced above it."""
    level = lines[k].indent
    e = k
    while not lines[e].text.rstrip().endswith(":"):
        e += 1
        if e >= len(lines) or e - k >= MAX_INTRO_LINES or lines[e].kind != "plain":
            return False
    nxt = next_nonblank(lines, e + 1)
    if nxt is None or not deeper(lines[nxt], level):
        return False
    sentence = " ".join(ln.text for ln in lines[k : e + 1])
    words = word_count(sentence)
    if words < MIN_INTRO_WORDS or (words < SURE_INTRO_WORDS and not _INTRO_VERB.search(sentence)):
        return False
    return not _run_follows_colon(lines, k)


def _run_follows_colon(lines: list[Line], k: int) -> bool:
    """Whether numbered line k belongs to a run of numbered lines (with their indented
    sub-items) that starts right under a line ending in a colon: the items of that list."""
    level, style = lines[k].indent, lines[k].marker[-1:]
    first = k
    j = k - 1
    while j >= 0:
        ln = lines[j]
        if ln.kind == "blank" or deeper(ln, level):
            j -= 1
            continue
        if ln.kind == "numbered" and ln.indent == level and ln.marker[-1:] == style:
            first = j
            j -= 1
            continue
        break
    if j < 0 or not lines[j].text.rstrip().endswith(":"):
        return False
    return next_nonblank(lines, j + 1) == first


def is_heading(line: Line) -> bool:
    """A short unpunctuated line standing alone: "Priority areas", "Cross-cutting themes"."""
    t = line.text.strip().strip("*").strip()
    return line.kind in ("plain", "para") and 0 < len(t.split()) <= 10 and t[-1] not in ".;,"


def paragraph_before(lines: list[Line], j: int, memo: dict[int, int] | None = None) -> tuple[int, int]:
    """Line range [a, j] of the paragraph ending at line j (a bullet or plain paragraph).

    `memo` keeps where the walk up from each line ends, for a caller asking of every line:
    walking up a run of thousands of plain lines from each of them was quadratic."""
    if lines[j].kind in ("bullet", "numbered", "para"):
        return j, j
    if is_heading(lines[j]) and j > 0 and terminated(lines[j - 1].text):
        return j, j  # a heading run into the paragraph above it (PDF text without a gap)
    memo = {} if memo is None else memo
    a, path = j, []
    while a not in memo:
        prev = lines[a - 1] if a > 0 else None
        if prev is not None and prev.kind in ("plain", "para", "bullet"):
            path.append(a)
            if prev.kind != "plain":
                memo[a] = a - 1
                break
            a -= 1
        elif (
            prev is not None
            and prev.kind == "blank"
            and a > 1
            and lines[a].text[:1].islower()
            and lines[a - 2].kind != "blank"
        ):
            path.append(a)
            a -= 2  # a sentence broken by a page break
        else:
            memo[a] = a
            break
    top = memo[a]
    for k in path:
        memo[k] = top
    return top, j


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
    if not cut or _KEEPS_TAIL.match(text, cut.end(), e):
        return s, e  # "Acquisitive crime – to include burglary, ...": the tail qualifies the name
    head, tail = word_count(text[s : cut.start()]), word_count(text[cut.end() : e])
    if (head + tail > HEAD_CUT_WORDS and head <= HEAD_CUT_WORDS) or (
        head <= HEAD_WORDS and tail >= TAIL_WORDS
    ):
        return _trim(text, s, cut.start())
    return s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while True:
        e0, s0 = e, s
        trailing = _TRAILING.search(text, s, e) if s < e else None  # matches whenever s < e
        e = trailing.start() if trailing else e
        while e > s and text[e - 1] in " \t\n*":
            e -= 1
        while s < e and text[s] in " \t\n•*":
            s += 1
        if (s, e) == (s0, e0):
            return s, e


def deeper(line: Line, level: int) -> bool:
    return line.indent >= level + NEST_STEP


def next_nonblank(lines: list[Line], k: int) -> int | None:
    while k < len(lines) and lines[k].kind in ("blank", "stray"):
        k += 1
    return k if k < len(lines) else None


# ---------------------------------------------------------------- front sheets
# A report's front sheet labels its metadata one per line ("Date: 4 May", "Key decision: No",
# "Ward(s) affected: All"); its title line ("Report title: ... draft priorities") names the
# report's subject and introduces nothing.
_TITLE_LINE = re.compile(r"(?i)(?:report\s+|paper\s+|item\s+)?(?:title|subject|name of report)\s*:")
_FRONT_LABELS = (
    r"date(?:\s+of\s+(?:meeting|report|decision))?|meeting|committee|key\s+decision|class(?:ification)?"
    r"|wards?(?:\s*\(s\))?(?:\s+affected)?|report\s+(?:author|of|from|by|status)|authors?|contact(?:\s+officer)?s?"
    r"|lead\s+(?:officer|member|director)|portfolio(?:\s+holder)?|cabinet\s+member|exempt(?:ion)?|agenda\s+item"
    r"|item\s+no\.?|decision\s+(?:type|maker)|open\s*/\s*exempt|contributors|purpose(?:\s+of\s+report)?"
    r"|outline\s+and\s+recommendations|timeline\s+of\s+engagement|reference|public\s+or\s+private|urgent"
    r"|corporate\s+director|directorate|responsible\s+officer|appendices|background\s+papers"
)
_FRONT_LABEL = re.compile(rf"(?i)(?:{_FRONT_LABELS})\s*(?::|$)")
# A short label with a yes/no, "All", "Part 1" or date value is metadata whatever the label.
_META_VALUE = re.compile(
    r"[A-Z][\w()'’/-]*(?:\s+[\w()'’/-]+){0,3}\s*:\s*(?:yes|no|all|none|n/?a|part\s+[12i]+|open|public"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+(?:19|20)\d\d)\.?$",
    re.IGNORECASE,
)


def is_title_line(t: str) -> bool:
    return bool(_TITLE_LINE.match(t.strip()))


def is_front_label(t: str) -> bool:
    t = t.strip().strip("*").strip()
    return bool(_FRONT_LABEL.match(t) or _META_VALUE.fullmatch(t) or is_title_line(t))


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
