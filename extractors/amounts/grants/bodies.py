"""Bodies named in lower case, for `extractors.amounts.grants.parties`.

    "The Commissioner has awarded £10,000 to each of the five district councils"
    -> recipient "each of the five district councils".

A recipient is often a kind of body rather than a name: "the regional partnership", "local
authorities in the force area", "the domestic abuse service". Such a phrase is kept as
written when it ends in a body noun; "to support the team" (an infinitive) and "for the town
centre" (a thing) are not recipients. A list's lead-in names the body its items go to
("the following grants to the regional partnership:").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from extractors.amounts.grants.names import (
    ACRONYM,
    ORG_HEADS,
    Abbreviations,
    is_org,
    phrase,
    run_holding,
    run_starting,
    words,
)
from extractors.amounts.grants.subjects import bid_before

# Bodies named in lower case: "to each of the five district councils", "for the domestic
# abuse service", "to local authorities in the force area". The phrase must end in one of
# these; things ("a mobile CCTV unit", "the town centre") and places are left out.
COMMON_HEADS = words(
    "council authority partnership service team board trust charity organisation group agency "
    "provider body commissioner police constabulary network forum association alliance "
    "foundation school college project initiative"
)
_QUANTIFIERS = words("each all both any one some either every")
_COMMON_DETS = words("the a an its our their his her this these those every each all both")
# Words a lower-case body name never holds: links, clause words, auxiliaries.
_NOT_IN_COMMON = words(
    "to for from by with under over through as at on in of during until since and or but which "
    "that who whose where when is are was were will would shall should can could may might has "
    "have had be been being not also year years run led delivered managed based"
)
# "to fund youth services", "to support the team": an infinitive, not a recipient.
_INFINITIVES = words(
    "fund support deliver provide continue pay employ run enable help cover meet commission "
    "extend develop improve reduce tackle increase create establish maintain expand recruit "
    "purchase buy undertake ensure allow address prevent protect promote work engage offer "
    "set carry make match supplement part top respond train equip"
)
_POST_PLACE = words("in across within")
AREA_WORDS = words("area areas county district borough region city town ward wards force")
YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
MAX_POST_PLACE = 4  # tokens: "in the force area", "across the wider county area"


def _common_head(tok: Token) -> bool:
    low = tok.lower_
    singular = {low, low[:-1], low[:-3] + "y" if low.endswith("ies") else low}
    return bool(singular & COMMON_HEADS)


def _area(tok: Token) -> bool:
    """ "district", "boroughs": with "each" / "all four" before it, the bodies of those areas
    ("£25,000 to each district"); bare, a place ("for the district")."""
    low = tok.lower_
    return low in AREA_WORDS or low[:-1] in AREA_WORDS


def _count(tok: Token) -> bool:
    """ "five", "12"; not a year ("2024", "2024/25"), which ends a name rather than being in it."""
    return tok.like_num and "/" not in tok.text and not YEAR_RE.match(tok.text)


def _adjectives_joined(sent: Span, j: int, heads: list[int]) -> bool:
    """ "and" between two describing words before any body noun ("important and welcome
    community projects"); not "and" between two bodies ("the council and the police")."""
    return (
        sent[j].lower_ == "and"
        and not heads
        and j + 1 < len(sent)
        and sent[j + 1].is_lower
        and _common_word(sent[j + 1])
        and not _common_head(sent[j + 1])
    )


def _common_word(tok: Token) -> bool:
    if tok.lower_ in _COMMON_DETS:  # "for 2024/25 funds the service": a clause, not a name
        return False
    return (tok.is_alpha and tok.lower_ not in _NOT_IN_COMMON) or _count(tok) or tok.text == "-"


def common_run(sent: Span, k: int) -> tuple[int, int] | None:
    """A body named in lower case from token k, as written ("each of the five district
    councils"), without a leading "the"; its head noun is one of COMMON_HEADS."""
    n = len(sent)
    if k < n and sent[k].lower_ in ("the", "a", "an"):
        k += 1
    start = k
    if k + 1 < n and sent[k].lower_ in _QUANTIFIERS and sent[k + 1].lower_ == "of":
        k += 2
    quantified = False
    while k < n and (sent[k].lower_ in _COMMON_DETS or _count(sent[k])):
        quantified = quantified or sent[k].lower_ in _QUANTIFIERS or sent[k - 1].lower_ == "of"
        k += 1
    if (
        k >= n
        or sent[k].lower_ in _INFINITIVES
        or (sent[k].lower_.endswith("ing") and sent[k].lower_ != "existing")
    ):
        return None
    heads: list[int] = []
    j = k
    while j < n and (_common_word(sent[j]) or _adjectives_joined(sent, j, heads)):
        heads += [j] if _common_head(sent[j]) or (quantified and _area(sent[j])) else []
        j += 1
    if not heads:
        return None
    return start, _place_after(sent, heads[-1] + 1)


def _place_after(sent: Span, end: int) -> int:
    """End of "in the force area" / "across Northshire" after a body, else `end`."""
    if end >= len(sent) or sent[end].lower_ not in _POST_PLACE:
        return end
    k = end + 1
    if k < len(sent) and sent[k].lower_ in ("the", "a"):
        k += 1
    run = run_holding(sent, k)
    run = run if run and run[0] == k else None
    if run is not None:
        return run[1]
    last = end
    for j in range(k, min(len(sent), k + MAX_POST_PLACE)):
        if not (sent[j].is_alpha and sent[j].lower_ not in _NOT_IN_COMMON):
            break
        last = j + 1 if sent[j].lower_ in AREA_WORDS else last
    return last


def recipient_run(sent: Span, k: int) -> tuple[int, int] | None:
    """The body named from token k: a name ("Eastmere CSP"), or one in lower case ("the
    regional partnership"), which also covers a name that only modifies it ("the Northtown
    domestic abuse service")."""
    run, common = run_starting(sent, k), common_run(sent, k)
    if run is None or (common is not None and common[1] > run[1] and not _org_words(sent[run[0] : run[1]])):
        return common or run
    return run


def _org_words(span: Span) -> bool:
    return any(t.lower_ in ORG_HEADS or ACRONYM.match(t.text) for t in span)


@lru_cache(maxsize=4096)
def led_in_recipient(sent: Span, abbrev: Abbreviations) -> str | None:
    """The body after "to" / "for" in a list's lead-in: "grants for 2023-24 to the
    regional partnership:", "allocations for the district councils:"."""
    for k, tok in enumerate(sent):
        if tok.lower_ in ("to", "for") and not bid_before(sent, k):
            name = phrase(sent, recipient_run(sent, k + 1), abbrev)
            if name and (tok.lower_ == "to" or is_org(name, abbrev)):
                return name
    return None


def common_ending(sent: Span, k: int) -> tuple[int, int] | None:
    """A body named in lower case ending just before token k, as a verb's subject: "the
    youth service was awarded", "local schools received"; None unless it ends in a body noun."""
    end = k
    k = _before_place(sent, k)  # "clubs throughout the county were awarded"
    if k == 0 or not (sent[k - 1].is_lower and _common_head(sent[k - 1])):
        return None
    start = k - 1
    while (
        start > 0 and (sent[start - 1].is_lower or _count(sent[start - 1])) and _common_word(sent[start - 1])
    ):
        if sent[start - 1].lower_ in _COMMON_DETS:
            break
        start -= 1
    return start, end


def _before_place(sent: Span, k: int) -> int:
    """Where "across the region" / "in the district" ending just before token k starts,
    when a body is named before it; else k."""
    for j in range(k - 1, max(-1, k - 2 - MAX_POST_PLACE), -1):
        if sent[j].lower_ in _POST_PLACE:
            placed = _place_after(sent, j) >= k or _area(sent[k - 1])
            return j if j > 0 and _common_head(sent[j - 1]) and placed else k
    return k
