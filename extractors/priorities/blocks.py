"""Block lists: bulleted, numbered, coded and unbulleted lists under the paragraph introducing them.

Example: "Our priorities are:" then "1. Reducing violence", "      • street marshals",
"2. Safer roads" gives one list of two items. Items sit at the list's own indentation;
deeper bullets are their sub-items (actions, aims) and are left out, and a deeper line that
is no bullet is the item's text wrapping. Layout only: `extractors.priorities` judges what
the list is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.priorities.lists import (
    HEADING_ITEM,
    MAX_ITEM_WORDS,
    Item,
    Line,
    RawList,
    dangles,
    deeper,
    is_front_label,
    is_heading,
    is_status_label,
    make_item,
    next_nonblank,
    paragraph_before,
    terminated,
    word_count,
)

# Unbulleted lines that start like prose sentences end a one-item-per-line list.
_PROSE_START = {
    "as", "we", "they", "these", "this", "it", "there", "each", "all", "our", "further", "following",
    "however", "in", "for", "please", "if", "when",
}  # fmt: skip
_MODALS = re.compile(r"\b(?:will|would|can|could|should|must|may|shall)\b", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")
# A qualifier after an item's name: "which includes ...", "(to include ...)", "such as ...".
_QUALIFIER = re.compile(
    r"(?i)\s(?:which|that)\s+(?:includes?|covers?|comprises?|encompass(?:es)?)\b|\s(?:including|to include|such as)\b"
    r"|\s\(|\s[–—-]\s"
)
_DETERMINERS = {"the", "a", "an", "this", "these", "those", "any", "some", "such", "that"}
MAX_PLAIN_UNIT_WORDS = 20  # an unbulleted "item" whose name is longer than this is prose
SENTENCE_WORDS = 8  # a bullet this long that opens like prose and has a verb is a sentence
HEADING_RUN = 2  # short lines stacked above a "heading" that make it one entry of a contents list
_POINTS_BELOW = re.compile(r"(?i)\b(?:below|as follows)\b[^.]*\.$")
MAX_REGION_LINES = 40
MAX_SCAN_LINES = 160  # lines scanned for one list, sub-items included
MAX_ITEM_NOTES = 6  # sentences under one numbered item before the next
NOTE_WORDS = 3  # a note under an item is a sentence at least this long


# ---------------------------------------------------------------- items
def _units(lines: list[Line], idx: list[int], join_unterminated: bool) -> list[list[int]]:
    """Group line indices into items: a line continues the previous item when it starts
    lower-case, follows a dangling word, or, once the earlier items show that this list
    ends its items with punctuation, follows an unterminated line (a wrap, possibly over
    a page break). Bulleted/numbered lines always start a new item."""
    units: list[list[int]] = []
    for k in idx:
        ln = lines[k]
        if units and ln.kind == "plain" and deeper(ln, lines[units[-1][0]].indent):
            units[-1].append(k)  # indented under the item: its wrapped text
            continue
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
    tops: dict[int, int] = {}  # paragraph starts, found once for all lines (it was quadratic)
    j = 0
    while j < n - 1:
        ln = lines[j]
        nxt = next_nonblank(lines, j + 1)
        if ln.kind == "blank" or nxt is None or nxt - j > 2:
            j += 1
            continue
        ended = ln.text.rstrip().endswith((":", " –", " -", ":-", ": -")) or re.search(
            r"\b(?:below|follows)[.:]?$", ln.text.rstrip()
        )
        kind = lines[nxt].kind
        starts_list = kind in ("bullet", "numbered") and (ln.kind != kind or bool(ended))
        # "... grouped into the four themes below, so ...": the sentence ending the paragraph
        # points at what follows.
        below = kind == "plain" and bool(_POINTS_BELOW.search(ln.text.rstrip()))
        a = paragraph_before(lines, j, tops)[0] if starts_list or kind == "plain" else j
        heading = (
            kind == "plain"
            and is_heading(ln)
            and a == j
            and not _in_heading_run(lines, j)
            and not lines[nxt].text[:1].islower()  # the heading line's sentence runs on
        )
        plain_list = kind == "plain" and (ended or heading or below)
        if (starts_list or plain_list) and not is_front_label(ln.text) and wanted(a, j):
            region = _bullet_region(lines, nxt) if starts_list else _plain_region(lines, nxt)
            segs = _segmentations(text, lines, region) if region else []
            if not starts_list:
                segs = [_cut_prose(text, s) for s in segs]
            else:
                segs = [_cut_sentences(s) for s in segs]
            segs = [_drop_long(s) for s in segs]
            segs = [s for s in segs if s]
            if segs:
                nested = has_sub_items(lines, region)
                out.append(RawList("block", segs[0], lines[a].start, ln.end, segs[1:], nested=nested))
                # Resume after the list, or at an item ending in a colon: a sub-list whose
                # indentation was lost ("- The two priorities are:" then "- A", "- B").
                end = next((it.end for it in segs[0] if text[it.end : it.end + 1] == ":"), segs[0][-1].end)
                resume = j
                while j + 1 < n and lines[j + 1].end <= end:
                    j += 1
                if end != segs[0][-1].end and j > resume:  # never resume where we stand (no loop)
                    continue
            j += 1
            continue
        j += 1
    return out


def _in_heading_run(lines: list[Line], j: int) -> bool:
    """Whether heading line j sits in a run of short stand-alone lines (a contents list):
    it is then an entry among entries, not the heading of the lines after it."""
    run = 0
    k = j - 1
    while k >= 0 and lines[k].kind in ("plain", "para") and is_heading(lines[k]):
        run += 1
        k -= 1
    return run >= HEADING_RUN


def has_sub_items(lines: list[Line], idx: list[int]) -> bool:
    """Whether bullets indented under the items of a list (region `idx`) hang from them."""
    if not idx:
        return False
    level = lines[idx[0]].indent
    for k in range(idx[0], min(len(lines), idx[-1] + MAX_SCAN_LINES)):
        ln = lines[k]
        if deeper(ln, level) and ln.kind in ("bullet", "numbered"):
            return True
        if k > idx[-1] and ln.kind not in ("blank", "stray") and not deeper(ln, level):
            return False
    return False


def _bullet_region(lines: list[Line], s: int) -> list[int]:
    """Line indices of a bulleted or numbered list starting at line s: its items (at the
    list's own indentation) and their wrapped lines. Deeper bullets are sub-items (actions,
    aims) and stay out; a deeper line that is no bullet continues the item above it."""
    kind = lines[s].kind
    style = _marker_style(lines[s].marker)
    level = lines[s].indent
    idx: list[int] = []
    k, in_sub, noted = s, False, False
    while k < len(lines) and len(idx) < MAX_REGION_LINES and k - s < MAX_SCAN_LINES:
        ln = lines[k]
        if ln.kind in ("blank", "stray"):
            nxt = next_nonblank(lines, k)
            if nxt is None:
                break
            after = lines[nxt]
            cont = after.kind == "plain" and after.text[:1].islower() and not in_sub
            nested = deeper(after, level) and bool(idx)
            same = (
                after.kind == kind
                and _marker_style(after.marker) == style
                and not deeper(lines[s], after.indent)
            )
            if not (cont or nested or same):
                break
            if cont:
                idx.append(nxt)
            k = nxt + 1 if cont else nxt
            continue
        if idx and deeper(ln, level):
            in_sub = in_sub or not _wraps_item(lines[idx[-1]], ln)
            if not in_sub:
                idx.append(k)
        elif ln.kind == kind and _marker_style(ln.marker) == style and not deeper(lines[s], ln.indent):
            idx.append(k)
            in_sub = False
        elif (
            kind == "numbered"
            and ln.kind == "plain"
            and idx
            and (nxt := _after_item_notes(lines, k, style)) is not None
        ):
            k, noted = nxt, True  # sentences under each numbered item (its actions): skipped
            continue
        elif ln.kind == "plain" and idx and k - 1 == idx[-1] and not in_sub:
            prev = lines[idx[-1]].text
            if not (ln.text[:1].islower() or not terminated(prev)) or HEADING_ITEM.match(ln.text):
                break
            if ln.text.rstrip().endswith(":") and not ln.text[:1].islower():
                break  # a sentence introducing the next list, not this item's wrapped text
            if deeper(lines[s], ln.indent):
                break  # a line out-dented from indented bullets is no wrap of theirs
            if noted and _item_note(ln.text):
                break  # the last item's own notes, like those under the items before it
            idx.append(k)
        else:
            break
        k += 1
    return idx


def _after_item_notes(lines: list[Line], k: int, style: str) -> int | None:
    """Where the next numbered item starts when lines k.. are full sentences written under a
    numbered item ("1. Safer streets" / "Work with the police on patrols." / "2. ..."); None
    when they are not (a wrap, or the end of the list)."""
    j = k
    while j < len(lines) and j - k < MAX_ITEM_NOTES and lines[j].kind in ("plain", "blank"):
        if lines[j].text.strip() and not _item_note(lines[j].text):
            return None
        j += 1
    nxt = lines[j] if j < len(lines) else None
    ok = nxt is not None and nxt.kind == "numbered" and _marker_style(nxt.marker) == style and j > k
    return j if ok else None


def _item_note(line: str) -> bool:
    """A full sentence on its own line: "Work with the police on patrols." """
    t = line.strip()
    return t[:1].isupper() and t.endswith(".") and word_count(t) >= NOTE_WORDS


def _wraps_item(prev: Line, ln: Line) -> bool:
    """Whether a line indented under an item continues its text. Bullets there are sub-items;
    a sentence opening after a finished line ("We will ...") describes the item."""
    if ln.kind in ("bullet", "numbered"):
        return False
    if ln.text[:1].islower() or dangles(prev.text):
        return True
    sentence = (
        ln.text.split()[0].lower() in _PROSE_START or _MODALS.search(ln.text) or _FINITE.search(ln.text)
    )
    return not (terminated(prev.text) or sentence)


def _marker_style(marker: str) -> str:
    m = marker.strip("().:–—- ")
    code = re.fullmatch(r"([A-Z]{1,4})\d{1,2}[a-z]?", m)
    if code:
        return "code:" + code.group(1)
    return "" if not m else ("digit" if m.isdigit() else "alpha")


def _plain_region(lines: list[Line], s: int) -> list[int]:
    """Unbulleted one-per-line items; deeper-indented bullets under an item are its sub-items."""
    idx: list[int] = []
    k, in_sub = s, False
    level = lines[s].indent
    while k < len(lines) and len(idx) < MAX_REGION_LINES and k - s < MAX_SCAN_LINES:
        ln = lines[k]
        if ln.kind in ("blank", "stray"):
            k += 1
            continue
        if idx and deeper(ln, level):
            in_sub = in_sub or not _wraps_item(lines[idx[-1]], ln)
            if not in_sub:
                idx.append(k)
            k += 1
            continue
        in_sub = False
        t = ln.text.rstrip()
        if ln.kind == "numbered" and idx and _numbered_mid_list(ln):
            pass  # "IV. Safer parks" among unnumbered lines: the earlier numbers were lost
        elif (
            ln.kind != "plain" or t.endswith((":", "?")) or HEADING_ITEM.match(t) or is_status_label(lines, k)
        ):
            break
        if "\t" in t or "|" in t:
            break  # a table row (a pipe between two columns): `_list_tables` reads tables by their columns
        if is_front_label(t):
            break  # the label lines of a report's front sheet
        idx.append(k)
        k += 1
    return idx


def _numbered_mid_list(line: Line) -> bool:
    """A Roman list number that is not the first of its sequence ("III.", "iv)") on an
    item line, not a numbered heading in capitals. Digits number report sections too."""
    m = line.marker.strip("().")
    return bool(re.fullmatch(r"[ivx]+|[IVX]+", m)) and m.lower() != "i" and not line.text.isupper()


def _cut_prose(text: str, items: list[Item]) -> list[Item]:
    """End an unbulleted list at the first entry that reads as prose, or at a heading:
    an unpunctuated line after entries that all end with a full stop or semicolon, or any
    line after an entry that closes the list with a full stop where the entries before it
    had none ("Cutting noise nuisance.", then a sentence about something else)."""
    for i, it in enumerate(items):
        first = it.text.split()[0].lower().strip(",")
        if _head_words(it.text) > MAX_PLAIN_UNIT_WORDS or first in _PROSE_START or _MODALS.search(it.text):
            return items[:i]
        if i and _sentence(it.text) and _ends_stop(text, it) and not _ends_stop(text, items[i - 1]):
            return items[:i]  # "The plan was agreed by the board in May.": a sentence, not an item
        if i >= 2 and all(_ends_stop(text, p) for p in items[:i]) and not _ends_stop(text, it):
            return items[:i]
        if (
            i >= 2
            and text[items[i - 1].end : items[i - 1].end + 1] == "."
            and not any(_ends_stop(text, p) for p in items[: i - 1])
        ):
            return items[:i]
    return items


def _cut_sentences(items: list[Item]) -> list[Item]:
    """End a bulleted list of named items at the first bullet that is a sentence ("The two
    priorities reflect the strategy's ten years."): it comments on the list instead."""
    for i, it in enumerate(items):
        if i >= 2 and _sentence(it.text) and not any(_sentence(p.text) for p in items[:i]):
            return items[:i]
    return items


def _sentence(item: str) -> bool:
    words = item.split()
    return (
        len(words) >= SENTENCE_WORDS
        and words[0].lower() in _DETERMINERS | _PROSE_START
        and bool(_FINITE.search(item) or _MODALS.search(item))
    )


def _head_words(item: str) -> int:
    """Words of an entry before its qualifier: "Safer roads which includes speeding, ..." is
    a named item with a long tail, not a sentence."""
    m = _QUALIFIER.search(item)
    return word_count(item[: m.start()] if m else item)


def _ends_stop(text: str, it: Item) -> bool:
    return text[it.end : it.end + 1] in (".", ";")


def _drop_long(items: list[Item]) -> list[Item]:
    """Lists of paragraph-long entries are narrative; drop such a list altogether."""
    long = sum(word_count(it.text) > MAX_ITEM_WORDS for it in items)
    if long * 2 > len(items):
        return []
    return [it for it in items if word_count(it.text) <= MAX_ITEM_WORDS]
