"""Register risks named in lists: a count of risks followed by that many names, a list
under an intro naming the register's risks, and a register's section of rated risks.

    two high scoring risks – Harbour Works and Parking Income.    (a count, then that many names)
    three new risks had been added to the register, fraud, data loss and staffing
    With regard to the risks in the Corporate Risk Register, updates were as follows:
    • Recruitment - the service ...                              (an intro naming a register, then bullets)
    the red risks were: depot lease, fleet costs and pay awards   (inline after the intro)
    Very high risks / <heading> / <paragraph>                     (a rated section of a register)

Not register entries: lists of risk categories or responses ("Treat, Tolerate, Transfer,
Terminate"), lists under intros about the register's process or fields, and comments on
the register ("• Councillor A - asked whether ...").
"""

from __future__ import annotations

import re

from extractors.common.text import line_spans
from extractors.risks.register_cues import (
    COUNT,
    REGISTER_TALK_WINDOW,
    REGISTER_WORD,
    RESPONSES,
    Mention,
    count_value,
    is_short_name,
    name_key,
    names_register,
    sentences,
    stated_rating,
)

MAX_LIST_ITEM_WORDS = 8
MAX_LIST_GAP = 60  # chars between "two risks" and the start of their list
# "three new risks had been added to the register, A, B and C": a count of risks.
_COUNTED = re.compile(rf"\b(?P<count>{COUNT})\s+(?:[\w-]+\s+){{0,3}}?risks\b", re.IGNORECASE)
_LIST_START = re.compile(r":\s*|\s[–—-]\s|,\s+|;\s+|\bnamely\s+|\brisks\s+(?:for|of|being|are|were)\s+")
_PROCESS_INTRO = re.compile(
    r"\b(?:categor(?:y|ies)|types?|kinds?|responses?|options?|appetite|levels?|scores?|scoring|ratings?|criteria|"
    r"matrix|process|stages?|steps?|principles?|objectives?|roles?|headings?|columns?|fields?|sections?|areas?)\b",
    re.IGNORECASE,
)
# Bullets that open with a register's field or a person are comments on the register, not entries.
_NOT_ENTRY = re.compile(
    r"(?:risk\s+)?(?:likelihood|impact|owner|title|ref(?:erence)?|score|rating|controls?|mitigation|description|actions?|status|target|"
    r"councillor|cllr|mr|mrs|ms|dr|the chair(?:man)?|members?|officers?)\b",
    re.IGNORECASE,
)
_KINDS = re.compile(r"\b(?:categor(?:y|ies)|types?|kinds?|responses?|options?|sources?|classes)\b", re.I)
_INTRO_END = re.compile(r":|\bas follows\b[:.]?")
_BULLET_ITEM = re.compile(r"[ \t]*(?:[•·▪●◦‣∙*o\-–\uf0b7\uf0a7]|\d{1,2}[.)])[ \t]+(?P<item>\S)")
_ITEM_NAME = re.compile(r"(?P<name>[A-Z][^.:;\n]{1,80}?)(?:\s+[–—-]\s+|\s*:\s+)\S")
# "Very high risks" heading a section of a register.
_RATED_HEADING = re.compile(
    r"^[ \t]*(?P<rating>(?:very |extremely )?(?:high|medium|low)|red|amber|green|extreme|critical|major)"
    r"[ \t]+risks[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A heading line between blank lines: one to six words, a capital first, no closing stop.
_SHORT_HEADING = re.compile(
    r"(?<=\n\n)[ \t]*(?P<name>[A-Z][\w’'/()&-]*(?:[ \t]+[\w’'/()&-]+){0,5})[ \t]*(?=\n)"
)
_GENERIC_HEADING = re.compile(
    r"background|summary|introduction|overview|context|recommendations?|consequences|key points|mitigation|"
    r"actions?|impacts?|likelihood|description|next steps|conclusions?|contents|appendix \w+|further information"
)


def list_mentions(text: str) -> list[Mention]:
    """Risks named in counted lists, introduced lists and rated sections."""
    return _counted_lists(text) + _introduced_lists(text) + _rated_sections(text)


def _counted_lists(text: str) -> list[Mention]:
    """A stated number of risks followed, in the same sentence, by exactly that many names,
    in a paragraph that names a register or a rating."""
    out = []
    # Once per paragraph, not per sentence: a one-line paragraph of many sentences was
    # rescanned whole for each of them (quadratic).
    bounds, registered = (-1, -1), False
    for s, e in sentences(text):
        sent = text[s:e]
        if not bounds[0] <= s <= bounds[1]:  # sentences come in order: a new paragraph
            bounds = _paragraph_bounds(text, s)
            registered = names_register(text[slice(*bounds)])
        if not registered:
            continue
        for c in _COUNTED.finditer(sent):
            n = count_value(c.group("count"))
            if not n or n < 2 or _KINDS.search(c.group(0)):
                continue  # "four categories of risks: ..." lists kinds, not entries
            items = _list_after(text, s + c.end(), e, n)
            if items:
                rating = stated_rating(sent[: c.end()])
                out += [
                    Mention(a, b, text[a:b], name_key(text[a:b]), row=k, rating_raw=rating)
                    for k, (a, b) in enumerate(items, 1)
                ]
                break
    return out


def _list_after(
    text: str, start: int, end: int, n: int, from_start: bool = False
) -> list[tuple[int, int]] | None:
    """The last list start after which the sentence's rest splits into exactly n short items
    (`from_start`: the list starts at `start` itself)."""
    starts = (
        [start + 1]
        if from_start
        else [m.end() for m in _LIST_START.finditer(text, start, min(end, start + MAX_LIST_GAP))]
    )
    for body_start in reversed(starts):
        body_start += len(text[body_start:end]) - len(text[body_start:end].lstrip())
        body = text[body_start:end].rstrip(" .")
        parts = list(re.finditer(r"[^,;]+?(?=[,;]\s*(?:and\s+)?|\s+and\s+|$)", body))
        items = []
        for p in parts:
            a, b = body_start + p.start(), body_start + p.end()
            a += len(text[a:b]) - len(text[a:b].lstrip())
            joiner = re.match(r"(?:and\s+|or\s+)?(?:the\s+)?", text[a:b], re.IGNORECASE)  # always matches
            a += len(joiner.group(0)) if joiner else 0
            if a < b:
                items.append((a, b))
        if len(items) == n and all(is_short_name(text[a:b]) for a, b in items):
            return items
    return None


def _introduced_lists(text: str) -> list[Mention]:
    """Lists under an intro that names the register's risks (or rated risks) and ends with a
    colon or "as follows": bullets, or one name per line, or names inline after the colon
    ("the red risks were: A, B and C"). A bullet's name is its opening phrase before a dash
    or colon, or the whole bullet when it is short; each list gives its own rows."""
    out = []
    for s, e in line_spans(text):
        colon = _INTRO_END.search(text, s, e)
        if colon is None:
            continue
        end = colon.end() + len(text[colon.end() : e]) - len(text[colon.end() : e].lstrip(" \t"))
        line = text[s:end]
        if not _is_list_intro(line):
            continue
        rating = stated_rating(line)
        names = _inline_list(text, end) if end < e else _listed_lines(text, end)
        if not names or _is_response_list(text, names):
            continue
        out += [
            Mention(a, b, text[a:b], name_key(text[a:b]), row=k, rating_raw=rating, list_key=s)
            for k, (a, b) in enumerate(names, 1)
        ]
    return out


def _is_list_intro(line: str) -> bool:
    """ "risks in the Corporate Risk Register, updates were as follows:", "the red risks are:";
    not an intro about the register's process or fields ("the risk scores are:")."""
    if not (names_register(line) and re.search(r"\brisks\b", line, re.IGNORECASE)):
        return False
    return not _PROCESS_INTRO.search(line.split(",")[-1])


def _listed_lines(text: str, start: int) -> list[tuple[int, int]]:
    """Names from the bullets (or bare short lines) right below an intro; most must read as
    names, or the list is a list of comments."""
    items: list[tuple[int, int, bool]] = []
    for s, e in _lines_after(text, start):
        line = text[s:e]
        if not line.strip():
            if items and not _BULLET_ITEM.match(_next_line(text, e)):
                break  # a blank line ends an unbulleted list; bulleted lists may be spaced
            continue
        lead = _BULLET_ITEM.match(line)
        if lead is None and items and items[0][2]:
            break  # a plain line after bullets ends the list
        a = s + (lead.start("item") if lead else len(line) - len(line.lstrip()))
        items.append((a, e, lead is not None))
    names = []
    for a, e, bulleted in items:
        m = _ITEM_NAME.match(text, a, e)
        whole = text[a:e].rstrip(" .;,")
        if (
            m
            and len(m.group("name").split()) <= MAX_LIST_ITEM_WORDS
            and not _NOT_ENTRY.match(m.group("name"))
        ):
            names.append((a, a + len(m.group("name"))))
        elif is_short_name(whole) and whole[0].isupper() and not _NOT_ENTRY.match(whole):
            names.append((a, a + len(whole)))
        elif not bulleted:
            break
    if not names or len(names) < len(items) / 2:
        return []
    return names


def _lines_after(text: str, start: int, limit: int = 40):
    pos = start + 1 if text[start : start + 1] == "\n" else start
    for _ in range(limit):
        if pos >= len(text):
            return
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        pos = end + 1


def _next_line(text: str, pos: int) -> str:
    m = re.compile(r"\n[ \t]*\n*([^\n]*)").match(text, pos)
    return m.group(1) if m else ""


def _inline_list(text: str, start: int) -> list[tuple[int, int]]:
    """ "... the red risks were: A, B and C." — at least two short names, all of them."""
    end = next((e for _, e in sentences(text, start)), len(text))
    for n in range(2, 13):
        items = _list_after(text, start - 1, end, n, from_start=True)
        if items:
            return items
    return []


def _is_response_list(text: str, names: list[tuple[int, int]]) -> bool:
    return all(text[a:b].split()[0].lower() in RESPONSES for a, b in names)


def _rated_sections(text: str) -> list[Mention]:
    """A register's section of rated risks ("Very high risks"), each risk a short heading
    over its paragraph: the heading names the risk, the paragraph describes it."""
    out = []
    for sec in _RATED_HEADING.finditer(text):
        if not REGISTER_WORD.search(text, max(0, sec.start() - REGISTER_TALK_WINDOW), sec.start()):
            continue
        nxt = _RATED_HEADING.search(text, sec.end())
        end = nxt.start() if nxt else len(text)
        rows = []
        for h in _SHORT_HEADING.finditer(text, sec.end(), end):
            name = h.group("name")
            para = re.compile(r"\n[ \t]*\n+[ \t]*(?P<para>[^\n•]{40,})").match(text, h.end())
            if (
                _GENERIC_HEADING.fullmatch(name.lower())
                or not para
                or not re.search(r"[.!?]$", para.group("para"))
            ):
                continue
            rows.append((h.start("name"), h.end("name"), para.group("para").strip()))
        rating = " ".join(sec.group("rating").lower().split())
        out += [
            Mention(a, b, text[a:b], name_key(text[a:b]), row=k, rating_raw=rating, description=d)
            for k, (a, b, d) in enumerate(rows, 1)
        ]
    return out


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
