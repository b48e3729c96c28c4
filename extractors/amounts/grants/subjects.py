"""Who a grant sentence's subject is, for `extractors.amounts.grants.parties`.

    "Westmere CSP and Lowbridge CSP applied to the Commissioner and were each awarded £2,000"
    -> bidder (and recipient) "Westmere CSP and Lowbridge CSP"; "to the Commissioner" is
       the funder the bid went to.

The subject a sentence opens with, names coordinated with "and" and list commas, and the
body that bid or applied for money (which receives it, never gives it).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from extractors.amounts.grants import names
from extractors.amounts.grants.names import Abbreviations

# "bid to <funder>", "an application to <funder>": the body after "to" is asked for money.
BID_WORDS = frozenset({"bid", "application", "submit", "apply"})
BID_WINDOW = 4  # tokens before "to": "a successful funding bid to"
PRONOUNS = frozenset({"we", "us"})


def bid_before(sent: Span, k: int) -> bool:
    """Whether "to" at k follows a bid ("our bid to <funder>", "an application to"): the
    body after it is asked for money, not given it."""
    return any(t.lemma_.lower() in BID_WORDS for t in sent[max(0, k - BID_WINDOW) : k])


def opening_org(sent: Span, abbrev: Abbreviations) -> str | None:
    """The organisation a sentence opens with ("4.2 The Eastmere Community Safety Partnership ...")."""
    k = 0
    while k < len(sent) and (
        sent[k].is_space or sent[k].is_punct or sent[k].like_num or not sent[k].text[:1].isalpha()
    ):
        k += 1
    name = names.phrase(sent, names.run_starting(sent, k), abbrev)
    return name if names.is_org(name, abbrev) else None


def opening_subject(sent: Span) -> tuple[int, tuple[int, int] | None]:
    """(end, name run) of the subject a sentence opens with ("The Council", "8.2 Eastmere
    CSP"; run None for "We"), or (0, None) when it opens otherwise."""
    k = 0
    while k < len(sent) and not sent[k].text[:1].isalpha():
        k += 1
    if k < len(sent) and sent[k].lower_ in PRONOUNS:
        return k + 1, None
    run = names.run_starting(sent, k)
    return (run[1], run) if run else (0, None)


@lru_cache(maxsize=4096)
def bidder(sent: Span, abbrev: Abbreviations) -> str | None:
    """Who bid or applied for the money, so receives it: "our bid" and "We applied" -> "",
    "Eastmere CSP's bid", "The Council submitted an application to ..."."""
    k = next((i for i, t in enumerate(sent) if t.lemma_.lower() in BID_WORDS), None)
    if k is None:
        return None
    if any(t.lower_ == "our" for t in sent[max(0, k - BID_WINDOW) : k]):
        return ""
    if k > 1 and sent[k - 1].lower_ in ("'s", "’s"):
        return names.phrase(sent, names.run_ending(sent, k - 1), abbrev)
    end, run = opening_subject(sent)
    if not 0 < end <= k:
        return None
    name = coordinated(sent, run, abbrev) if run else ""
    return name if run is None or names.is_org(name, abbrev) else None


def coordinated(sent: Span, run: tuple[int, int] | None, abbrev: Abbreviations) -> str | None:
    """The name of a run, with the names coordinated before it: "X and Y each received",
    "X, Y and Z were awarded" -> "X, Y and Z"."""
    if run is None:
        return None
    text = names.phrase(sent, run, abbrev)
    start = run[0]
    joiner: tuple[str, ...] = ("and", "&")
    # "Eastmere CSP, Westmere CSP and ..." reads as one name after the comma: a list when the
    # names end alike.
    if any(t.lower_ in joiner for t in sent[run[0] : run[1]]):
        joiner = (",",)
    while True:
        k = start - 1
        while k >= 0 and sent[k].lower_ in names.DETERMINERS:
            k -= 1
        before = names.run_ending(sent, k) if k > 0 and sent[k].lower_ in joiner else None
        if before is None or (joiner == (",",) and sent[before[1] - 1].lower_ != sent[run[1] - 1].lower_):
            return text
        link = ", " if joiner == (",",) else f" {sent[k].text} "
        text = f"{names.phrase(sent, before, abbrev)}{link}{text}"
        start, joiner = before[0], (",",)
