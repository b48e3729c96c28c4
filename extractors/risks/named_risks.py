"""Register risks named without a code: by number, in a counted or introduced list, or
in a sentence saying what the register did with them.

    Risk no. 4 – Loss of the control room                     (numbered heading)
    risk 9 of the Register – Flooding of the depot – ... both 3 x 4
    Risk number 17 was concerned with the loss of key staff.
    two high scoring risks – Harbour Works and Parking Income.  (a count, then that many names)
    three new risks had been added to the register, fraud, data loss and staffing
    With regard to the risks in the Corporate Risk Register, updates were as follows:
    · Recruitment - the service ...                            (an intro naming a register, then bullets)
    The harbour dredging risk had been rescored / Depot lease had been added as a risk
    the risk of not meeting the housing target, which is marked as red

What is not a register risk: narrative uses of "risk" ("there is a risk that ..."),
lists of risk categories or responses ("Treat, Tolerate, Transfer, Terminate"), and
lists under intros about the register's process rather than its entries.
"""

from __future__ import annotations

import re

from extractors.common.text import line_spans
from extractors.risks.coded_risks import Mention, rate
from extractors.risks.register_cues import (
    COUNT,
    RATING,
    REGISTER_TALK_WINDOW,
    REGISTER_WORD,
    count_value,
    names_register,
    register_talk_before,
    sentences,
    stated_rating,
)

MAX_NAME_WORDS = 16
MAX_LIST_ITEM_WORDS = 8
MAX_LIST_GAP = 60  # chars between "two risks" and the start of their list
_DASH = r"\s+[–—-]\s+|\s*[–—]\s*"
# Risk no. 2 – <name> / risk 12 of the Register - <name> – / Risk 3: <name>
_NUMBERED = re.compile(
    rf"\b[Rr]isk\s+(?:no\.?\s*|number\s+|ref\.?\s*)?(?P<n>\d{{1,3}})(?:\s+(?:of|on)\s+the\s+(?:[\w ]{{0,30}}?)?"
    rf"[Rr]egister)?(?:{_DASH}|\s*:\s+)(?P<name>[A-Za-z][^\n]*)"
)
# Risk number 21 was concerned with (the risk of) <name>.
_NUMBERED_ABOUT = re.compile(
    r"\b[Rr]isk\s+(?:no\.?\s*|number\s+)(?P<n>\d{1,3})\s+(?:was|is|were)\s+(?:concerned\s+with|about|"
    r"related\s+to|in\s+relation\s+to)\s+(?:the\s+)?(?:risks?\s+of\s+)?(?P<name>[^\n]+)"
)
# "three new risks had been added to the register, A, B and C": a count of risks.
_COUNTED = re.compile(rf"\b(?P<count>{COUNT})\s+(?:[\w-]+\s+){{0,3}}?risks\b", re.IGNORECASE)
_LIST_START = re.compile(r":\s*|\s[–—-]\s|,\s+|;\s+|\bnamely\s+|\brisks\s+(?:for|of|being|are|were)\s+")
# What a register does with an entry: "the IT security risk had been rescored".
_REGISTER_ACTION = (
    r"(?:removed|added|closed|rescored|re-scored|escalated|de-escalated|reduced|increased|downgraded|"
    r"upgraded|amalgamated|merged|retired|raised|lowered|kept\s+at|moved)"
)
_RISK_ACTED_ON = re.compile(
    rf"(?:[Tt]he|[Aa])\s+(?P<name>[^.;:,\n]{{2,120}}?)\s+risks?\s+(?:had|has|have)\s+been\s+{_REGISTER_ACTION}\b"
)
# Where such a sentence's subject can start: the sentence's (or bullet's) start, or after "and".
_SUBJECT_START = re.compile(r"(?:^|\n|[.;:]\s+|[•·▪●◦\uf0b7]\s+|\band\s+)(?=[Tt]he\s|[Aa]\s)")
MAX_ACTED_NAME_WORDS = 6
_ADDED_AS_RISK = re.compile(
    r"(?P<name>[A-Z][^.;:,\n]{1,80}?)\s+(?:had|has|have)\s+been\s+added\s+(?:as\s+an?\s+(?:new\s+)?risk|"
    r"to\s+the\s+(?:[\w ]{0,30})?risk\s+register)\b"
)
_RISK_RATED = re.compile(
    rf"\bthe\s+risk\s+of\s+(?P<name>[^,;\n]{{3,160}}?),?\s+which\s+(?:is|was|has\s+been)\s+"
    rf"(?:marked|rated|scored|shown)\s+(?:as\s+|at\s+)?(?P<rating>{RATING.pattern})",
    re.IGNORECASE,
)
MIN_PHRASE_WORDS, MAX_PHRASE_WORDS = 2, 5
# "the staff availability risk", "a specific industrial relations risk", "the A and B risks";
# not "the risk register", "the risk score" (the risk's attributes follow it there).
_NAMED_AS_RISK = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:(?:specific|separate|new|existing|current)\s+)?"
    r"(?P<name>[\w’'-]+(?:[ \t]+(?:[\w’'-]+|\([A-Za-z]{2,8}\))){1,12}?)[ \t]+risk(?P<plural>s)?\b"
    # what follows is punctuation, a verb or a preposition; a noun ("risk register", "risk
    # workshop") makes "risk" a modifier and the phrase no risk's name
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:had|has|have|was|were|is|are|remains?|remained|and|or|which|that|to|in|on|"
    r"for|with|at|from|as|following|being|would|will|should|could|may|might|can|been)\b)",
    re.MULTILINE,
)
# Words that make a phrase before "risk" a clause or a description, not a name: function
# words, participles ("proposed escalating"), comparatives ("more immediate").
_NOT_NOUN = re.compile(
    r"(?i:of|to|the|for|in|on|with|by|at|from|as|into|that|this|than|about|more|most|less|each|individual|"
    r"all|any|some|such|no|not|its|their|our|his|her|risks?)|[a-z]+ed",
)
# Adjectives naming a kind of risk, not a register entry: "financial", "reputational".
_KIND_OF_RISK = re.compile(r"[a-z]+(?:al|ic|ive|ary|ous)|legal|cyber|fraud|health|safety|people|business")
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
# Not names: qualifiers that make "the <x> risk" about a level or kind, not a register entry.
_QUALIFIERS = frozenset(
    "this that these those each every any overall inherent residual target current net gross key main new "
    "high low medium red amber green very significant strategic corporate operational other related same "
    "identified specific potential biggest greatest highest lowest further greater real emerging associated top "
    "principal major serious particular wider broader".split()
)
# Lists of what risks are treated with, or kinds of risk: not register entries.
_RESPONSES = frozenset("treat tolerate transfer terminate accept avoid reduce mitigate share exploit".split())
_PROCESS_INTRO = re.compile(
    r"\b(?:categor(?:y|ies)|types?|kinds?|responses?|options?|appetite|levels?|scores?|scoring|ratings?|criteria|"
    r"matrix|process|stages?|steps?|principles?|objectives?|roles?)\b",
    re.IGNORECASE,
)
# Bullets that open with a register's field or a person are comments on the register, not entries.
_NOT_ENTRY = re.compile(
    r"(?:likelihood|impact|owner|score|rating|controls?|mitigation|description|actions?|status|target|"
    r"councillor|cllr|mr|mrs|ms|dr|the chair(?:man)?|members?|officers?)\b",
    re.IGNORECASE,
)
# Words of a clause, never of a risk's short name.
_CLAUSE_WORD = re.compile(
    r"\b(?:was|were|is|are|be|been|had|has|have|will|would|should|could|may|might|can|that|which|who|"
    r"said|says|noted|asked|reported)\b|\b(?-i:two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)
_KINDS = re.compile(r"\b(?:categor(?:y|ies)|types?|kinds?|responses?|options?|sources?|classes)\b", re.I)
_INTRO_END = re.compile(r":|\bas follows\b[:.]?")
_BULLET_ITEM = re.compile(r"[ \t]*(?:[•·▪●◦‣∙*o\-–\uf0b7\uf0a7]|\d{1,2}[.)])[ \t]+(?P<item>\S)")
_ITEM_NAME = re.compile(r"(?P<name>[A-Z][^.:;\n]{1,80}?)(?:\s+[–—-]\s+|\s*:\s+)\S")


def named_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    out += _numbered(text)
    out += _counted_lists(text)
    out += _introduced_lists(text)
    out += _acted_on(text)
    out += _rated(text)
    out += _named_as_risks(text)
    out += _rated_sections(text)
    return out


def _numbered(text: str) -> list[Mention]:
    out = []
    for pattern in (_NUMBERED, _NUMBERED_ABOUT):
        for m in pattern.finditer(text):
            start = m.start("name")
            end = _name_end(text, start, stop_at_dash=pattern is _NUMBERED)
            name = text[start:end]
            if not name or len(name.split()) > MAX_NAME_WORDS or RATING.fullmatch(name):
                continue
            sent_end = next((e for s, e in sentences(text, m.start()) if e > end), end)
            men = Mention(start, end, name, _fold(name), row=int(m.group("n")))
            rate(men, text[end:sent_end])
            out.append(men)
    return out


def _name_end(text: str, start: int, stop_at_dash: bool) -> int:
    """End of a name: its sentence's end, the line's end, or (after a dash) the next dash."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = next((e for s, e in sentences(text, start, line_end)), line_end)
    if stop_at_dash:
        dash = re.search(_DASH, text[start:end])
        if dash:
            end = start + dash.start()
    return start + len(text[start:end].rstrip(" .,;"))


def _counted_lists(text: str) -> list[Mention]:
    """A stated number of risks followed, in the same sentence, by exactly that many names,
    in a paragraph that names a register or a rating."""
    out = []
    for s, e in sentences(text):
        sent = text[s:e]
        para = _paragraph(text, s)
        if not names_register(para):
            continue
        for c in _COUNTED.finditer(sent):
            n = count_value(c.group("count"))
            if not n or n < 2 or _KINDS.search(c.group(0)):
                continue  # "four categories of risks: ..." lists kinds, not entries
            items = _list_after(text, s + c.end(), e, n)
            if items:
                rating = stated_rating(sent[: c.end()])
                out += [
                    Mention(a, b, text[a:b], _fold(text[a:b]), row=k, rating_raw=rating)
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
        parts = list(re.finditer(r"[^,;]+?(?=,\s*(?:and\s+)?|\s+and\s+|$)", body))
        items = []
        for p in parts:
            a, b = body_start + p.start(), body_start + p.end()
            a += len(text[a:b]) - len(text[a:b].lstrip())
            a += len(re.match(r"(?:and\s+|or\s+)?(?:the\s+)?", text[a:b], re.IGNORECASE).group(0))
            if a < b:
                items.append((a, b))
        if len(items) == n and all(_is_item_name(text[a:b]) for a, b in items):
            return items
    return None


def _is_item_name(s: str) -> bool:
    words = s.split()
    return (
        1 <= len(words) <= MAX_LIST_ITEM_WORDS
        and s[0].isalpha()
        and not any(w.lower() in _RESPONSES for w in words[:1])
        and not _CLAUSE_WORD.search(s)
    )


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
            Mention(a, b, text[a:b], _fold(text[a:b]), row=k, rating_raw=rating, list_key=s)
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
    items = []
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
        elif _is_item_name(whole) and whole[0].isupper() and not _NOT_ENTRY.match(whole):
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
    return all(text[a:b].split()[0].lower() in _RESPONSES for a, b in names)


def _acted_on(text: str) -> list[Mention]:
    """ "The A and B risks had been removed", "Depot lease had been added as a risk"."""
    out = []
    for at in _SUBJECT_START.finditer(text):
        m = _RISK_ACTED_ON.match(text, at.end())
        if not m or not register_talk_before(text, m.start()):
            continue
        names = re.split(r"\s+and\s+(?:the\s+)?", m.group("name"))
        if any(len(n.split()) > MAX_ACTED_NAME_WORDS or not _is_item_name(n) for n in names):
            continue
        pos = m.start("name")
        for name in names:
            a = text.index(name, pos)
            pos = a + len(name)
            if _qualifier_only(name):
                continue
            out.append(Mention(a, a + len(name), name, _fold(name), row=len(out) + 1))
    for s, e in sentences(text):
        lead = re.match(r"[ \t]*(?:[•·▪●◦‣∙*o\-–\uf0b7\uf0a7][ \t]+)?", text[s:e]).end()
        m = _ADDED_AS_RISK.match(text, s + lead, e)
        if m and not _qualifier_only(m.group("name")) and register_talk_before(text, m.start()):
            out.append(
                Mention(m.start("name"), m.end("name"), m.group("name"), _fold(m.group("name")), row=1)
            )
    return out


def _named_as_risks(text: str) -> list[Mention]:
    """ "the staff availability risk", "the waste contract and Nutrient Neutrality risks" in a
    passage about the register: a noun phrase of two to five words naming the risk, none a
    qualifier ("the overall risk"), a clause word, or a kind of risk ("financial and legal risks")."""
    out = []
    for article in re.finditer(r"\b(?:[Tt]he|[Aa]n?)\s", text):  # every article: matches may overlap
        m = _NAMED_AS_RISK.match(text, article.start())
        if not m or not register_talk_before(text, m.start()):
            continue
        phrase = m.group("name")
        parts = re.split(r"\s+and\s+(?:the\s+)?", phrase) if m.group("plural") else [phrase]
        if len(parts) > 1 and any(len(p.split()) < 2 and not p[:1].isupper() for p in parts):
            parts = [phrase]  # "health and safety risks": one name
        if not all(_names_a_risk(part) for part in parts):
            continue  # one part is a clause ("the Board and whether officers agreed ... risks")
        pos = m.start("name")
        for part in parts:
            a = text.index(part, pos)
            pos = a + len(part)
            out.append(Mention(a, a + len(part), part, _fold(part), row=len(out) + 1))
    return out


def _names_a_risk(part: str) -> bool:
    words = re.findall(r"[\w’']+", part)
    if not (MIN_PHRASE_WORDS <= len(words) <= MAX_PHRASE_WORDS or (len(words) == 1 and part.isupper())):
        return False
    if _qualifier_only(part) or any(w.lower() in _QUALIFIERS for w in words) or _CLAUSE_WORD.search(part):
        return False
    if all(_KIND_OF_RISK.fullmatch(w.lower()) for w in words if w.lower() not in ("and", "or", "&")):
        return False
    return not any(_NOT_NOUN.fullmatch(w) for w in words)


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
            Mention(a, b, text[a:b], _fold(text[a:b]), row=k, rating_raw=rating, description=d)
            for k, (a, b, d) in enumerate(rows, 1)
        ]
    return out


def _qualifier_only(name: str) -> bool:
    words = [w.lower() for w in re.findall(r"[\w-]+", name)]
    return not words or all(w in _QUALIFIERS for w in words) or words[0] in ("risk", "risks")


def _rated(text: str) -> list[Mention]:
    """ "the risk of not meeting the target, which is marked as red"."""
    return [
        Mention(
            m.start("name"),
            m.end("name"),
            m.group("name"),
            _fold(m.group("name")),
            row=1,
            rating_raw=m.group("rating"),
        )  # fmt: skip
        for m in _RISK_RATED.finditer(text)
    ]


def _paragraph(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
