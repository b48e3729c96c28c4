"""Register risks named one at a time in prose, without a code: by number, by what the
register did with them, with the rating the text gives them, or as the noun phrase
before "risk" in talk about the register (lists are `register_lists`).

    Risk no. 4 – Loss of the control room                     (numbered heading)
    risk 9 of the Register – Flooding of the depot – ... both 3 x 4
    Risk number 17 was concerned with the loss of key staff.
    The harbour dredging risk had been rescored / Depot lease had been added as a risk
    the risk of not meeting the housing target, which is marked as red
    As members would see from the bus subsidy risk, ...

What is not a register risk: narrative uses of "risk" ("there is a risk that ...", "the
overall risk", "the reputational and financial risks"), and "risk" as a modifier ("the
risk register", "the Audit Committee risk workshop").
"""

from __future__ import annotations

import re

from extractors.risks.register_cues import (
    CLAUSE_WORD,
    RATING,
    Mention,
    is_short_name,
    name_key,
    rate,
    register_talk_before,
    sentences,
)

MAX_NAME_WORDS = 16
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
# "the fleet replacement risk", "a specific supplier failure risk", "the A and B risks";
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
# Not names: qualifiers that make "the <x> risk" about a level or kind, not a register entry.
_QUALIFIERS = frozenset(
    "this that these those each every any overall inherent residual target current net gross key main new "
    "high low medium red amber green very significant strategic corporate operational other related same "
    "identified specific potential biggest greatest highest lowest further greater real emerging associated top "
    "principal major serious particular wider broader".split()
)


def named_mentions(text: str) -> list[Mention]:
    return _numbered(text) + _acted_on(text) + _rated(text) + _named_as_risks(text)


def _numbered(text: str) -> list[Mention]:
    out: list[Mention] = []
    for pattern in (_NUMBERED, _NUMBERED_ABOUT):
        for m in pattern.finditer(text):
            start = m.start("name")
            end = _name_end(text, start, stop_at_dash=pattern is _NUMBERED)
            name = text[start:end]
            if not name or len(name.split()) > MAX_NAME_WORDS or RATING.fullmatch(name):
                continue
            sent_end = next((e for s, e in sentences(text, m.start()) if e > end), end)
            men = Mention(start, end, name, name_key(name), row=int(m.group("n")))
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


def _acted_on(text: str) -> list[Mention]:
    """ "The A and B risks had been removed", "Depot lease had been added as a risk"."""
    out: list[Mention] = []
    for at in _SUBJECT_START.finditer(text):
        m = _RISK_ACTED_ON.match(text, at.end())
        if not m or not register_talk_before(text, m.start()):
            continue
        phrase, pos = m.group("name"), m.start("name")
        last_article = list(re.finditer(r"(?<!and )\b(?:the|an?)\s+", phrase))
        if last_article:  # "A member queried why the X risk had been ...": the name starts after "the"
            pos += last_article[-1].end()
            phrase = phrase[last_article[-1].end() :]
        names = re.split(r"\s+and\s+(?:the\s+)?", phrase)
        if any(len(n.split()) > MAX_ACTED_NAME_WORDS or not is_short_name(n) for n in names):
            continue
        for name in names:
            a = text.index(name, pos)
            pos = a + len(name)
            if _qualifier_only(name):
                continue
            out.append(Mention(a, a + len(name), name, name_key(name), row=len(out) + 1))
    for s, e in sentences(text):
        bullet = re.match(r"[ \t]*(?:[•·▪●◦‣∙*o\-–\uf0b7\uf0a7][ \t]+)?", text[s:e])  # always matches
        lead = bullet.end() if bullet else 0
        m = _ADDED_AS_RISK.match(text, s + lead, e)
        if m and not _qualifier_only(m.group("name")) and register_talk_before(text, m.start()):
            out.append(
                Mention(m.start("name"), m.end("name"), m.group("name"), name_key(m.group("name")), row=1)
            )
    return out


def _named_as_risks(text: str) -> list[Mention]:
    """ "the fleet replacement risk", "the depot lease and Air Quality risks" in a
    passage about the register: a noun phrase of two to five words naming the risk, none a
    qualifier ("the overall risk"), a clause word, or a kind of risk ("financial and legal risks")."""
    out: list[Mention] = []
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
            out.append(Mention(a, a + len(part), part, name_key(part), row=len(out) + 1))
    return out


def _names_a_risk(part: str) -> bool:
    words = re.findall(r"[\w’']+", part)
    if not (MIN_PHRASE_WORDS <= len(words) <= MAX_PHRASE_WORDS or (len(words) == 1 and part.isupper())):
        return False
    if _qualifier_only(part) or any(w.lower() in _QUALIFIERS for w in words) or CLAUSE_WORD.search(part):
        return False
    if all(_KIND_OF_RISK.fullmatch(w.lower()) for w in words if w.lower() not in ("and", "or", "&")):
        return False
    return not any(_NOT_NOUN.fullmatch(w) for w in words)


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
            name_key(m.group("name")),
            row=1,
            rating_raw=m.group("rating"),
        )  # fmt: skip
        for m in _RISK_RATED.finditer(text)
    ]
