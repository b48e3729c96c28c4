"""Lists that are not laid out as a block under an intro: numbered headings and inline lists.

Numbered headings: "Priority 1 – Reducing harm from drugs", "Priority 2 – ..." spread over a
report, each heading's title one item, a run of rising numbers one list; unnumbered
"Priority: Safer streets" blocks count in order, and a "Status: Amber" line under a heading
gives its status. Inline lists: one sentence holding the items, "The strategy has three
strands, which are knife crime, county lines and gang violence.", "...agreed three
priorities for the year: A, B and C", "...underpinned by the cross-cutting themes of A and B".
"""

from __future__ import annotations

import re

from extractors.common.text import NUMBER_WORDS
from extractors.priorities.lists import (
    HEADING_ITEM,
    Item,
    Line,
    RawList,
    dangles,
    deeper,
    make_item,
    next_text_above,
    paragraph_before,
    word_count,
)
from extractors.priorities.tables import status_after_label

MAX_INLINE_ITEM_WORDS = 20  # before any bracketed or "which includes" qualifier
STATUS_LINES = 6  # lines under a priority heading searched for its "Status:" line
MAX_UNNUMBERED_GAP = 80  # lines between two "Priority: X" blocks of the same list
_PAGE_NUMBER = re.compile(r"\s+\d{1,3}$")  # a contents entry's page number
# "Priority: High" rates an action and "Outcome: Refused" records a decision; neither names
# a priority.
_LEVEL = re.compile(r"(?i)(?:high|medium|low|urgent|critical|immediate|normal|\d)\b")
DECISION = re.compile(
    r"(?i)(?:approved|refused|deferred|noted|agreed|granted|rejected|withdrawn|accepted|resolved|carried"
    r"|declined|dismissed|upheld|allowed|permitted|not\s+(?:approved|agreed|carried)|no\s+objection)\b"
)


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
        title = m.group("title") if m else ""
        if not m or not m.group("label")[0].isupper() or _LEVEL.match(title) or DECISION.match(title):
            continue
        label = m.group("label").title()
        raw_num = m.group("num") or ""
        if raw_num:
            num = _number(raw_num)
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
            start, end = (ln.start, ln.start) if above is None else _intro_span(lines, above)
            out.append(RawList("headings", [], start, end, label=label))
        item.status = _heading_status(lines, k)
        out[-1].items.append(item)
        prev_num, last_line = num, k
    return [_without_page_numbers(text, r) for r in out if len(r.items) >= 2]


def _without_page_numbers(text: str, raw: RawList) -> RawList:
    """Headings read from a contents list ("Priority 2: Harm is reduced 8") end with page
    numbers when every one of them does; the number is no part of the item."""
    found = [_PAGE_NUMBER.search(text, it.start, it.end) for it in raw.items]
    ends = [m for m in found if m is not None]
    if len(ends) < len(raw.items):
        return raw
    made = [make_item(text, it.start, m.start()) for it, m in zip(raw.items, ends, strict=True)]
    trimmed = [t for t in made if t is not None]
    if len(trimmed) < len(raw.items):
        return raw
    for t, it in zip(trimmed, raw.items, strict=True):
        t.status = it.status
    raw.items = trimmed
    return raw


def _number(raw: str) -> int:
    """ "2" -> 2, "two" -> 2, "B" -> 2."""
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS[raw.lower()] if raw.lower() in NUMBER_WORDS else ord(raw.upper()) - ord("A") + 1


def _intro_span(lines: list[Line], above: int) -> tuple[int, int]:
    """The paragraph ending at line `above`, or that line alone when it is a list line or a
    sub-bullet of the heading before."""
    if lines[above].kind == "plain" and lines[above].text.rstrip().endswith(":"):
        return lines[paragraph_before(lines, above)[0]].start, lines[above].end
    return lines[above].start, lines[above].end


def _heading_status(lines: list[Line], k: int) -> str | None:
    """ "Status: Amber" or "RAG rating: Achieved" among the few lines under heading k."""
    for ln in lines[k + 1 : k + 1 + STATUS_LINES]:
        if HEADING_ITEM.match(ln.text.lstrip("*#_ ")):
            return None
        if found := status_after_label(ln.text):
            return found
    return None


def _heading_wraps(lines: list[Line], k: int) -> bool:
    nxt = lines[k + 1]
    if nxt.kind != "plain" or nxt.text.rstrip().endswith((":", "?", ".")):
        return False
    if deeper(nxt, lines[k].indent) and word_count(nxt.text) <= 6:
        return True  # a short line indented under the heading: its title wraps
    after_blank = k + 2 >= len(lines) or lines[k + 2].kind == "blank"
    head = lines[k].text
    return (
        nxt.text[:1].islower()
        or dangles(head)
        or (after_blank and word_count(nxt.text) <= 6 and len(head) >= 50)
    )


# ---------------------------------------------------------------- inline lists
_INLINE_NOUNS = r"(?:priorities|priority\s+areas|priority\s+themes|themes|strands|outcomes|areas\s+of\s+focus|focus\s+areas)"
# A sentence wrapped over lines (minutes often indent it) continues on a lower-case line; an
# upper-case line after the noun starts a new sentence under a heading.
_GAP = r"(?:(?!\band\b)(?:[^.:;\n]|\n[ \t]*(?=(?-i:[a-z(]))))"
# Only a verb that sets the list introduces it ("are", "will be", "include", "comprise");
# "remain" or "continue to be" report on priorities already set and take a predicate.
# The gap between noun and verb may qualify the noun ("which", "for the year") but not add a
# second subject ("the priorities and the action plan will be presented"). Before a bare
# colon only a period or scope may qualify it ("three priorities for the year: A, B and C"),
# not a source ("themes from the consultation: parking, litter"). "of" gives the content
# only after cross-cutting themes ("the cross-cutting themes of A and B"); elsewhere it
# names an owner ("the priorities of the partnership"). Cross-cutting themes may take any
# short verb phrase before the colon ("cross-cutting themes run through every priority:").
_INLINE = re.compile(
    rf"(?P<cross>\bcross[- ]?cutting\s+)?\b{_INLINE_NOUNS}\b"
    rf"(?:{_GAP}{{0,30}}?\b(?:are|were|will be|include|includes|comprise|comprises|consist of)\b\s*:?"
    rf"|(?:\s+(?:for|in|during|over|to|of)\b|\s*\(?(?=(?:19|20)\d\d)){_GAP}{{0,30}}?(?<=\S)\s*:"
    rf"|\s*:|(?(cross)\s+of\b\s*:?|(?!))|(?(cross){_GAP}{{0,60}}?(?<=\S)\s*:|(?!)))"
    r"[ \t]*(?=\S)",
    re.IGNORECASE,
)
# "Six outcomes were proposed in the strategy; A, B and C": a semicolon hands over to the
# items only after a clause that counts them.
_COUNTED_SEMI = re.compile(
    rf"\b(?:\d{{1,2}}|{'|'.join(list(NUMBER_WORDS)[2:])})\s+(?:[\w-]+\s+){{0,2}}{_INLINE_NOUNS}\b[^.:;\n]{{0,80}};[ \t]*(?=\S)",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"(?i)(?:\w+ed|\w+en|set(?: out)?)\s+(?:by|in|to|through|with|at|out)\b")
_FINITE = re.compile(r"(?i)\b(?:is|are|was|were|will|has|have|had)\b")
_MODAL = re.compile(r"(?i)\b(?:would|could|should|must|can|may)\b")
_SENT_END = re.compile(r"\.(?=\s|$)|\n\n(?=[A-Z•\d])|:\s*\n")
# Words that open a predicate rather than a noun or gerund phrase: the priorities "are still
# relevant", "were well supported", "are achievable".
_DEGREE = {
    "same", "still", "well", "very", "fully", "broadly", "largely", "clearly", "highly", "strongly", "generally",
    "also", "not", "now", "both", "being", "too", "so", "quite", "right", "relevant", "robust", "sound",
    "valid", "appropriate", "clear", "fit", "realistic", "ambitious", "proportionate", "unchanged",
    "similar", "different", "consistent", "aligned",
}  # fmt: skip
_ADJ_SUFFIX = re.compile(r"(?i)\w{3,}(?:able|ible|ful|ous|ive|ant|ent|ly)$")
_NOT_ADVERB = {"early", "family", "elderly", "supply", "assembly", "ally", "rally", "bully"}


def inline_lists(text: str) -> list[RawList]:
    """ "...three key strands which are A, B, and C." -> one list of three items."""
    out = []
    found = sorted([*_INLINE.finditer(text), *_COUNTED_SEMI.finditer(text)], key=lambda m: m.start())
    for i, m in enumerate(found):
        body_start = m.end()
        end_m = _SENT_END.search(text, body_start)
        body_end = end_m.start() if end_m else len(text)
        body = text[body_start:body_end]
        if ":" in body or not body.strip() or _PASSIVE.match(body):
            continue
        if any(body_start <= f.start() < body_end for f in found[i + 1 :]):
            continue  # a later intro in the same sentence introduces the items
        sent_start = max(
            (p + 2 for sep in (". ", "\n\n") if (p := text.rfind(sep, 0, m.start())) >= 0), default=0
        )
        items = split_inline(text, body_start, body_end)
        alt = split_inline(text, body_start, body_end, count=len(items) + 1)
        if len(alt) < 2 or any(_head_words(it.text) > MAX_INLINE_ITEM_WORDS for it in alt):
            continue
        # "A, B and C": the last "and" joins two items. After a colon, "include" or "themes
        # of" the body is the content, and the plural noun announces at least two ("themes
        # of A and B"); after "are" it may be a predicate ("are sound and fit for purpose").
        content = not re.search(r"(?i)\b(?:are|were|be)\s*$", m.group(0))
        if _FINITE.search(_unbracketed(body)) or _MODAL.search(body):
            continue  # "themes of A and B are embedded": a clause, not a list
        if not content and (any(map(_predicate, alt)) or re.match(r"(?i)to\s", body)):
            continue  # "the priorities are still relevant" judges them; "are to make" says what for
        # With a comma before it ("A, B and C") the last "and" is the list's own.
        if len(alt) > len(items) and (_parallel_tail(alt) or content or len(items) >= 2):
            items, alt = alt, items
        out.append(RawList("inline", items, sent_start, body_start, [alt] if len(alt) != len(items) else []))
    return out


def _last_join(text: str, s: int, e: int, heads: list[str]) -> tuple[int, int] | None:
    """Where "and"/"or" splits the last piece of "A, B, C and D" into two items: of the
    joins outside brackets, one after which the next word has the shape of the earlier
    items' first words ("-ing" after "-ing" items), and among those the one leaving the
    shorter part longest ("creating X and supporting Y and Z" splits before "supporting")."""
    seg = _unbracketed(text[s:e])
    joins = [m for m in re.finditer(r"\s(?:and|or)\s+(?=(\S+))", seg)]
    if not joins:
        return None
    ing = bool(heads) and all(h.lower().endswith("ing") for h in heads)
    shaped = [m for m in joins if m.group(1).lower().endswith("ing")] if ing else []
    pool = shaped or joins
    # On a tie the later join: "-ing" nouns ("training") sit inside items as well.
    best = max(pool, key=lambda m: (min(word_count(seg[: m.start()]), word_count(seg[m.end() :])), m.start()))
    return s + best.start(), s + best.end()


# "... reduce A, B, C and improve D – the priorities set in the plan": a trailing clause after
# a dash names the list that ends there.
# Starts where a run of blanks starts: a retry inside a long run of tabs or spaces rescanned
# the rest of it (quadratic), and could never match where the run's start did not.
_TRAILING_NAME = re.compile(
    rf"(?<![ \t])[ \t]+[–—-][ \t]+(?:the|our|its|their|these|all)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:cross[- ]?cutting\s+themes|{_INLINE_NOUNS})\b[^.\n]*",
    re.IGNORECASE,
)
# In the piece of the sentence before the list's short items, the first item starts after
# the last of these words ("it funds work to | reduce A, B and C – the priorities ...").
_LEAD_IN = re.compile(
    r"(?i).*\b(?:to|on|of|for|as|by|with|about|into|against|including|include|includes|namely|like|are|is|were)\s+"
)
MAX_LEAD_ITEM_WORDS = 5
MIN_TRAILING_ITEMS = 3


def trailing_lists(text: str) -> list[RawList]:
    """ "Funding supports work to reduce A, B, C and improve D – the priorities of the
    plan." -> A, B, C, D, introduced by the clause after the dash."""
    out = []
    for m in _TRAILING_NAME.finditer(text):
        sent_start = max(
            (p + 1 for sep in (".", "\n", ":", ";") if (p := text.rfind(sep, 0, m.start())) >= 0), default=0
        )
        # Short comma-separated pieces back from the dash are the items; the first longer
        # piece holds the sentence's lead-in and the first item after its last preposition.
        pieces = len(split_inline(text, sent_start, m.start()))
        items = split_inline(text, sent_start, m.start(), count=pieces + 1)
        k = len(items)
        while k > 0 and word_count(items[k - 1].text) <= MAX_LEAD_ITEM_WORDS:
            k -= 1
        if k > 0:
            lead = _LEAD_IN.match(text, items[k - 1].start, items[k - 1].end)
            first = make_item(text, lead.end(), items[k - 1].end) if lead else None
            if first is None or word_count(first.text) > MAX_LEAD_ITEM_WORDS:
                continue  # a sentence, not a list
            items = [first, *items[k:]]
        if len(items) < MIN_TRAILING_ITEMS:
            continue
        name_start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t–—-"))
        out.append(RawList("trailing", items, name_start, m.end()))
    return out


def _predicate(item: Item) -> bool:
    """An item that opens with an adverb or adjective ("still relevant", "achievable",
    "well supported by the data") describes the priorities instead of naming one."""
    words = item.text.lower().split()
    first = words[0].strip(",;")
    if first in _DEGREE:
        return True
    adjective = bool(_ADJ_SUFFIX.fullmatch(first)) and first not in _NOT_ADVERB
    return adjective and (len(words) == 1 or first.endswith("ly") or words[1] in {"and", "to", "for", "by"})


def _parallel_tail(items: list[Item]) -> bool:
    """Whether the last two items start alike (both "-ing" words, or both capitalised like
    the first), so "A, B and C" lists three items rather than "B and C" being one."""
    heads = [it.text.split()[0] for it in items]
    a, b = heads[-2], heads[-1]
    if a.lower().endswith("ing") and b.lower().endswith("ing"):
        return True
    return heads[0][:1].isupper() and a[:1].isupper() and b[:1].isupper()


def _unbracketed(s: str) -> str:
    """s with bracketed asides blanked out ("(to include A, B and C)")."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), s)


def _head_words(item: str) -> int:
    """Words of an item before a bracketed or "which includes" qualifier."""
    m = re.search(r"\s(?:\(|which\s+include|to\s+include|including\b)", item)
    return word_count(item[: m.start()] if m else item)


def split_inline(text: str, start: int, end: int, count: int | None = None) -> list[Item]:
    """Items of an inline list text[start:end], split at bullets, semicolons or commas
    outside brackets. With `count` one more than the pieces, the last piece is split at the
    "and" that joins the last two items ("A, B and C" without the Oxford comma)."""
    body = _unbracketed(text[start:end])
    sep = "•" if "•" in body else ";" if ";" in body else ","
    pieces, pos = [], 0
    for part in body.split(sep):
        pieces.append((start + pos, start + pos + len(part)))
        pos += len(part) + 1
    if count and len(pieces) == count - 1:
        s, e = pieces[-1]
        cut = _last_join(text, s, e, [text[a:b].split()[0] for a, b in pieces[:-1] if text[a:b].split()])
        if cut:
            pieces[-1:] = [(s, cut[0]), (cut[1], e)]
    items = []
    for s, e in pieces:
        seg = text[s:e]
        joiner = re.match(r"\s*(?:(?:and|or)\s+)?", seg)  # always matches, maybe empty
        lead = joiner.end() if joiner else 0
        it = make_item(text, s + lead, e)
        if it:
            items.append(it)
    return items
