"""Clauses and short names in grant sentences, for `extractors.amounts.grants.parties`.

    "The Police and Crime Commissioner has awarded the Council a grant of £300,000, and
    the youth service was awarded £80,000 from the Department for Education."
    -> £300,000 is read in its own clause (funder the Commissioner, not the Department).

Reports join two awards in one sentence with ", and" or ";"; each amount's funder,
recipient and scheme are looked for in its own clause before the rest of the sentence.
A body named once in full and then by its head word ("the Commissioner's fund") is the
body named in full.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Span

from extractors.amounts.grants import names
from extractors.amounts.grants.names import Abbreviations

# ", and <new clause>", ", while ...": a comma and one of these starts another clause.
COORDINATORS = names.words("and but while whilst whereas")
# Heads a paper shortens a named body to ("the Commissioner", "the Government"); "the
# Council" and "the Partnership" are the paper's own, resolved elsewhere.
SHORTENED_HEADS = names.words("commissioner mayor government office department unit")
# "awarded the Council a grant of £X": words between the recipient and the amount.
MAX_OBJECT_GAP = 5


def clause(sent: Span, a: int, b: int) -> tuple[int, int]:
    """Token range of the clause holding tokens a..b: bounded by ";" and by a comma
    followed by a coordinator ("£150,000 from the Fund, and Home Office funding of £60,000")."""
    breaks = clause_breaks(sent)
    before = bisect_left(breaks, a)  # breaks at k < a
    lo = breaks[before - 1] + 1 if before else 0
    after = bisect_left(breaks, b)  # the first break at k >= b
    hi = breaks[after] if after < len(breaks) else len(sent)
    return lo, hi


# A sentence holding many amounts is read once per amount, so what is the same for all of
# them (clause breaks, where the "£" signs are) is found once per sentence.
@lru_cache(maxsize=4096)
def clause_breaks(sent: Span) -> tuple[int, ...]:
    """Sentence-relative tokens that end a clause: ";" and a comma before a coordinator."""
    return tuple(
        k
        for k, tok in enumerate(sent)
        if tok.text == ";" or (tok.text == "," and k + 1 < len(sent) and sent[k + 1].lower_ in COORDINATORS)
    )


@lru_cache(maxsize=4096)
def pound_signs(sent: Span) -> tuple[int, ...]:
    """Sentence-relative tokens that are "£": where each amount written with one starts."""
    return tuple(k for k, tok in enumerate(sent) if tok.text == "£")


def pounds_between(sent: Span, lo: int, hi: int) -> int:
    """How many "£" tokens lie in lo..hi."""
    signs = pound_signs(sent)
    return bisect_left(signs, hi) - bisect_left(signs, lo)


def fuller_name(name: str | None, spans: list[Span], abbrev: Abbreviations) -> str | None:
    """ "Commissioner" -> "North Wales Police and Crime Commissioner" when the sentence or
    paragraph names that body in full; else the name as given."""
    if not name or " " in name or name.lower() not in SHORTENED_HEADS:
        return name
    for sent in spans:
        full = full_names(sent, abbrev).get(name.lower())
        if full:
            return full
    return name


@lru_cache(maxsize=4096)
def full_names(sent: Span, abbrev: Abbreviations) -> dict[str, str]:
    """{head word: the first name of several words in the sentence ending in it}, e.g.
    {"commissioner": "Police and Crime Commissioner for Northshire"}."""
    out: dict[str, str] = {}
    for run in names.name_runs(sent):
        full = names.phrase(sent, run, abbrev)
        head = (full or "").partition(" for ")[0]  # "... Commissioner for Northshire"
        if full is not None and " " in head:
            out.setdefault(head.split()[-1].lower(), full)
    return out


def object_before(sent: Span, run: tuple[int, int] | None, a: int) -> bool:
    """Whether the name run is the indirect object right before the amount at a: "awarded
    the County Council £X", "awarded the Council a grant of £X"."""
    if run is None or run[1] > a:
        return False
    gap = sent[run[1] : a]
    if not len(gap):
        return True
    return (
        len(gap) <= MAX_OBJECT_GAP and gap[-1].lower_ == "of" and all(t.is_lower and t.is_alpha for t in gap)
    )


# "from the Council's public health grant": a local body's own grant, which it received;
# unlike "the Commissioner's Safer Villages Fund", which the Commissioner gives.
HOLDING_BODIES = names.words("council councils authority authorities partnership partnerships csp csps")
HELD_NOUNS = names.words("grant grants allocation allocations funding")
# "the Council's grant" may be one it gives; "the Council's public health grant" and "the
# Council's allocation" are ones it holds.
ALLOCATION_NOUNS = names.words("allocation allocations")
MAX_HELD_WORDS = 4  # lower-case words before the noun: "public health grant"


def held_grant(sent: Span, k: int, abbrev: Abbreviations) -> tuple[str, int] | None:
    """(holder, end) when tokens from k read "<local body>'s <lower-case words> grant"
    ("the Council's public health grant")."""
    run = names.run_starting(sent, k)
    if run is None or run[1] >= len(sent) or sent[run[1]].lower_ not in ("'s", "’s"):
        return None
    name = names.phrase(sent, run, abbrev)
    if not name or name.split()[-1].lower() not in HOLDING_BODIES:
        return None
    j = run[1] + 1
    while j < min(len(sent), run[1] + 1 + MAX_HELD_WORDS):
        if sent[j].lower_ in HELD_NOUNS and (j > run[1] + 1 or sent[j].lower_ in ALLOCATION_NOUNS):
            return name, j + 1
        if not (sent[j].is_lower and sent[j].is_alpha):
            return None
        j += 1
    return None
