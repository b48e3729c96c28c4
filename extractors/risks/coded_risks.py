"""Register risks named by their register code in minutes and reports.

Audit committee minutes refer to register entries by code, in several orders:

    CR4 Flood Resilience                       (one per line, under an intro)
    the removal of CR24 Operational Security and CR28 Action Fraud
    Risk CDS0043: Payments system replacement is delayed
    the closure of risk YM4 in relation to the loss of a key supplier
    the Major Incident in the Borough (CR.3) / CR.1 (Population Change)
    the top (red) residual risks were QR12, QR15 and QR20

Each code gives one risk per document (later mentions of the same code are the same
risk), or one per list when code lines stand under a list's intro: "CODE Name" as written when the name follows the code, "CODE – name" when a
phrase ("in relation to") links them, the bracketed name alone when one is bracketed,
and the bare code when the text never names it. A code counts only in a family of
codes that the text ties to risk (`register_cues.risk_code_families`).
"""

from __future__ import annotations

import re

from extractors.risks.register_cues import (
    RISK_CODE,
    Mention,
    code_key,
    is_code,
    rate,
    risk_code_families,
    sentences,
    stated_rating,
)

MAX_TITLE_WORDS = 10  # a title-case name after a code ("CR27 Estates Programme Delivery")
MAX_PHRASE_CHARS = 200  # a descriptive name after "in relation to" or a colon
MAX_BRACKET_NAME_WORDS = 8
MAX_NAME_BEFORE_WORDS = 12
# Small words inside title-case names: "Health and Safety", "Loss of Data in Transit".
_JOINERS = frozenset("and of & the in for on to with at by / -".split())
_LINK = re.compile(r"\s*(?::|[–—-]|\bin relation to\b|\brelating to\b|\bregarding\b)\s*", re.IGNORECASE)
_BULLET = re.compile(r"^[ \t]*(?:[•·▪●◦‣∙*o\-–\uf0b7\uf0a7]|\d{1,2}[.)])?[ \t]*")
_WORD = re.compile(r"[\w’'()/&-]+")


def coded_mentions(text: str) -> list[Mention]:
    """One mention per register code, its name taken from the richest mention."""
    families = risk_code_families(text)
    if not families:
        return []
    sents = list(sentences(text))
    found: dict[tuple[int | None, str], Mention] = {}
    order: list[tuple[int | None, str]] = []
    for m in RISK_CODE.finditer(text):
        if m.group("prefix") not in families or not is_code(m.group(0)):
            continue
        sent = next(((s, e) for s, e in sents if s <= m.start() < e), (m.start(), m.end()))
        mention = _read(text, m, sent)
        rate(mention, text[mention.end : sent[1]])
        key = (mention.list_key, mention.key)  # a code line in a list: one row in each list
        if key not in found:
            order.append(key)
            found[key] = mention
        elif mention.named and not found[key].named:
            found[key] = mention
    named = {k[1] for k, men in found.items() if men.named}
    out = [found[k] for k in order if found[k].named or k[1] not in named]  # a bare code named elsewhere
    _number_lists(text, out)
    return out


def _read(text: str, m: re.Match, sent: tuple[int, int]) -> Mention:
    code, key = m.group(0), code_key(m.group(0))
    s_start, s_end = sent
    intro = _intro(text, m.start())
    rating = stated_rating(text[s_start : m.start()]) or (stated_rating(intro[1]) if intro else None)
    after = text[m.end() : s_end]
    # CR.1 (Population Change)
    b = re.match(r"\s*\(([^()\n]{2,80})\)", after)
    if b and _name_like(b.group(1)):
        s = m.end() + b.start(1)
        return Mention(s, s + len(b.group(1)), b.group(1).strip(), key, rating_raw=rating)
    # The code starts its line (after a bullet): the rest of the line names it.
    line_start = text.rfind("\n", 0, m.start()) + 1
    if _BULLET.fullmatch(text[line_start : m.start()]):
        rest = after.split("\n")[0].split("\t")[0]  # a tab parts the cells of a table row
        rest = re.split(r"\s[–—-]\s", rest)[0]  # "SR2 Workforce – score up from 12 to 16": an update follows
        name = rest.strip(" .;:–-")
        if 2 <= len(name) <= MAX_PHRASE_CHARS and re.match(r"[\s:–-]*\w", rest):
            end = m.end() + len(rest.rstrip().rstrip(".;"))
            listed = intro[0] if intro else None
            return Mention(
                m.start(), end, text[m.start() : end].strip(), key, rating_raw=rating, list_key=listed
            )
    # Risk CDS0043: <phrase> / risk YM4 in relation to <phrase>
    link = _LINK.match(after)
    if link and link.group(0).strip():
        phrase = _phrase(text, m.end() + link.end(), s_end)
        if phrase:
            p_start, p_end = phrase
            sep = ": " if link.group(0).strip() == ":" else " – "
            return Mention(m.start(), p_end, f"{code}{sep}{text[p_start:p_end]}", key, rating_raw=rating)
    # CR30 Climate Action
    title = _title_after(text, m.end(), s_end)
    if title:
        return Mention(m.start(), title, text[m.start() : title], key, rating_raw=rating)
    # the Loss of Power at the Depot (CR.3) / ... sea walls (Departmental Risk HWD004)
    before = _name_before(text, m.start(), s_start)
    if before:
        return Mention(before[0], before[1], text[before[0] : before[1]], key, rating_raw=rating)
    return Mention(m.start(), m.end(), code, key, named=False, rating_raw=rating)


def _name_like(s: str) -> bool:
    words = s.split()
    return 1 <= len(words) <= MAX_BRACKET_NAME_WORDS and s[0].isupper() and not RISK_CODE.search(s)


def _phrase(text: str, start: int, s_end: int) -> tuple[int, int] | None:
    """A descriptive name running to its clause's end: the sentence end, a semicolon, a
    dash, or the "and" before the next code ("YM15 in relation to A and YM16 in relation to B")."""
    end = min(s_end, start + MAX_PHRASE_CHARS)
    stop = re.search(r"[;\n]|\s[–—]\s|\s-\s", text[start:end])
    if stop:
        end = start + stop.start()
    nxt = next((c for c in RISK_CODE.finditer(text, start, end) if is_code(c.group(0))), None)
    if nxt:
        joins = list(re.finditer(r",?\s+and\s+|,\s+", text[start : nxt.start()]))
        end = start + joins[-1].start() if joins else nxt.start()
    s = text[start:end].rstrip(" .,")
    return (start, start + len(s)) if len(s.split()) >= 1 and re.match(r"\w", s) else None


def _title_after(text: str, start: int, s_end: int) -> int | None:
    """End of a title-case name right after a code: capitalised words, with small joining
    words between them ("Health and Safety"), up to the first other word."""
    pos, end, words = start, None, 0
    for w in _WORD.finditer(text, start, s_end):
        gap = text[pos : w.start()]
        if gap.strip() not in ("", "/", "-", "&", "–") or "\n" in gap:
            break
        token = w.group(0)
        if is_code(token.strip("()")):
            break
        if token[0].isupper() or token[0].isdigit() and end is not None:
            end, words = w.end(), words + 1
        elif token.lower() in _JOINERS and end is not None:
            pass
        else:
            break
        pos = w.end()
        if words >= MAX_TITLE_WORDS:
            break
    if end is None:
        return None
    return end if text[start:end].strip() and text[start:end].strip()[0].isupper() else None


def _name_before(text: str, code_start: int, s_start: int) -> tuple[int, int] | None:
    """A name just before a bracket holding the code: "the Major Incident (CR.3)",
    "risks associated with the harbour sea walls (Departmental Risk HWD004)"."""
    open_at = text.rfind("(", s_start, code_start)
    if open_at < 0 or not re.fullmatch(r"\((?:[A-Za-z ]{0,40}\b)?\s*", text[open_at:code_start]):
        return None
    head = text[s_start:open_at].rstrip()
    words = list(_WORD.finditer(head))[-MAX_NAME_BEFORE_WORDS:]
    if not words:
        return None
    if words[-1].group(0)[0].isupper():
        # a title-case run back from the bracket, small joining words allowed inside it
        k = len(words) - 1
        while k > 0 and (words[k - 1].group(0)[0].isupper() or words[k - 1].group(0).lower() in _JOINERS):
            k -= 1
        while k < len(words) and words[k].group(0).lower() in _JOINERS:
            k += 1
    else:
        # back to the nearest "the" (or comma), the start of the noun phrase
        after_the = next(
            (i + 1 for i in range(len(words) - 1, -1, -1) if words[i].group(0).lower() == "the"), None
        )
        if after_the is None or "," in head[words[after_the - 1].end() if after_the else 0 :]:
            return None
        k = after_the
    if k >= len(words):
        return None
    start = s_start + words[k].start()
    return (start, s_start + len(head)) if len(head) - words[k].start() > 2 else None


def _intro(text: str, pos: int) -> tuple[int, str] | None:
    """The intro line (its start and text) of the list an entry line belongs to: the line
    above the list ending with a colon ("3 risks were still high risks which were:")."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _BULLET.fullmatch(text[line_start:pos]):
        return None
    at = line_start
    for _ in range(12):
        if at <= 0:
            return None
        prev = text.rfind("\n", 0, at - 1) + 1
        line = text[prev : at - 1]
        s = line.strip()
        if s.endswith(":"):
            return prev, s
        bullet = _BULLET.match(line)  # always matches: every part is optional
        if s and not (bullet.group(0).strip() if bullet else "") and not RISK_CODE.match(s):
            return None
        at = prev
    return None


def _number_lists(text: str, mentions: list[Mention]) -> None:
    """`row` is the position in its list: mentions in one sentence, or on consecutive lines."""
    row, prev_end = 0, None
    for men in sorted(mentions, key=lambda x: x.start):
        gap = text[prev_end : men.start] if prev_end is not None else "\n\n"
        same = prev_end is not None and (
            not re.search(r"[.!?]\s+[A-Z(]|\n[ \t]*\n", gap) or re.fullmatch(r"[.;,\s]*\n[^\n]{0,12}", gap)
        )
        row = row + 1 if same else 1
        men.row, prev_end = men.row or row, men.end
