"""Lists that are not laid out as a block under an intro: numbered headings and inline lists.

Numbered headings: "Priority 1 – Tackle drug and alcohol abuse", "Priority 2 – ..." spread
over a report, each heading's title one item, a run of rising numbers one list. Inline
lists: one sentence holding the items, "The strategy has set out three key strands which
are sexual violence and domestic abuse, public place serious youth violence, and violence
linked to drugs and alcohol."
"""

from __future__ import annotations

import re

from extractors._lists import (
    HEADING_ITEM,
    Item,
    Line,
    RawList,
    dangles,
    make_item,
    next_text_above,
    word_count,
)

_NUM_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
)}  # fmt: skip
MAX_INLINE_ITEM_WORDS = 12
MAX_UNNUMBERED_GAP = 80  # lines between two "Priority: X" blocks of the same list
# "Priority: High" rates an action; it does not name a priority.
_LEVEL = re.compile(r"(?i)(?:high|medium|low|urgent|critical|immediate|normal|\d)\b")


# ---------------------------------------------------------------- numbered headings
def heading_lists(text: str, lines: list[Line]) -> list[RawList]:
    """Runs of headings "Priority 1 – X", "Priority 2 – Y", ... (or "Priority: X" blocks),
    each run one list."""
    out: list[RawList] = []
    prev_num, last_line = 0, 0
    for k, ln in enumerate(lines):
        if ln.kind not in ("plain", "bullet"):
            continue
        lead = len(ln.text) - len(ln.text.lstrip("*#_ "))  # bold or markdown heading marks
        m = HEADING_ITEM.match(ln.text, lead)
        if not m or not m.group("label")[0].isupper() or _LEVEL.match(m.group("title")):
            continue
        label = m.group("label").title()
        raw_num = (m.group("num") or "").lower()
        if raw_num:
            num = int(raw_num) if raw_num.isdigit() else _NUM_WORDS[raw_num]
        else:  # "Priority: Reducing violence" blocks: numbered by their order
            near = out and out[-1].label == label and k - last_line <= MAX_UNNUMBERED_GAP
            num = prev_num + 1 if near else 1
        end = ln.end
        if k + 1 < len(lines) and _heading_wraps(lines, k):
            end = lines[k + 1].end
        item = make_item(text, ln.body + m.start("title"), end)
        if item is None:
            continue
        if not out or num <= prev_num or out[-1].label != label:  # numbering restarts: a new list
            above = next_text_above(lines, k)
            intro = lines[above] if above is not None else Line(ln.start, ln.start, "blank", ln.start, "")
            out.append(RawList("headings", [], intro.start, intro.end, label=label))
        out[-1].items.append(item)
        prev_num, last_line = num, k
    return [r for r in out if len(r.items) >= 2]


def _heading_wraps(lines: list[Line], k: int) -> bool:
    nxt = lines[k + 1]
    if nxt.kind != "plain" or nxt.text.rstrip().endswith((":", "?", ".")):
        return False
    after_blank = k + 2 >= len(lines) or lines[k + 2].kind == "blank"
    head = lines[k].text
    return (
        nxt.text[:1].islower()
        or dangles(head)
        or (after_blank and word_count(nxt.text) <= 6 and len(head) >= 50)
    )


# ---------------------------------------------------------------- inline lists
_INLINE_NOUNS = r"(?:priorities|priority areas|priority themes|themes|strands|outcomes)"
# The gap between noun and verb may qualify the noun ("which", "for 2024-27") but not add a
# second subject ("the priorities and the action plan will be presented").
_INLINE = re.compile(
    rf"\b{_INLINE_NOUNS}\b(?:(?P<gap>(?:(?!\band\b)[^.:;\n]){{0,30}}?)"
    r"\b(?:are|were|will be|include|includes|remain|will remain|continue to be)\b\s*:?|\s*:)"
    r"[ \t]*(?=\S)",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"\.(?=\s|$)|\n\n(?=[A-Z•\d])|:\s*\n")


def inline_lists(text: str) -> list[RawList]:
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
        if len(alt) < 2 or any(word_count(it.text) > MAX_INLINE_ITEM_WORDS for it in items):
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
    sep = "•" if "•" in body else ";" if ";" in body else ","
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
