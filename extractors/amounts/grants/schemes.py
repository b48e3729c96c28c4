"""The grant or fund an amount is from, for `extractors.amounts`.

    "Home Office Serious Violence Duty funding of £55,000 is paid to the Council"
    -> scheme "Serious Violence Duty" (its owner and the word "funding" left out).

Read from the phrase right after the amount ("from the Commissioner's Community Safety
Fund"), a table's row label, then the amount's clause, its sentence, the paragraph's
earlier sentences, the next sentence and the heading above.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span

from extractors.amounts.grants import cues, names
from extractors.amounts.grants.clauses import clause, pound_signs
from extractors.amounts.grants.names import Abbreviations

if TYPE_CHECKING:
    from extractors.amounts.grants.parties import Context, Local


def scheme_of(ctx: Context, local: Local) -> str | None:
    """A named grant or fund ("Safer Communities Grant", "Household Support Fund"); for money
    "from <body>" among several amounts, only the fund that phrase names."""
    if local.scheme:
        return local.scheme
    if local.funder and len(pound_signs(ctx.sent)) > 1:
        return None
    if ctx.row_label and names.is_scheme(ctx.abbrev.expand(ctx.row_label)):
        return ctx.abbrev.expand(ctx.row_label)
    heading = [cues.parse(ctx.heading)[:]] if ctx.heading else []
    own = [(ctx.sent, *clause(ctx.sent, ctx.a, ctx.b))]  # the amount's own clause first
    for sent, lo, hi in own + [(x, 0, len(x)) for x in (ctx.sent, *ctx.earlier, *ctx.later[:1], *heading)]:
        found = _scheme_in(sent, ctx.abbrev, lo, hi)
        if found:
            return found
    return None


def scheme_in_clause(ctx: Context) -> str | None:
    """A grant or fund named in the amount's own clause ("allocated through Round Two of
    the Safer Towns Fund")."""
    return _scheme_in(ctx.sent, ctx.abbrev, *clause(ctx.sent, ctx.a, ctx.b))


TAIL_TOKENS = 4  # tokens read for the last word of a phrase


@lru_cache(maxsize=4096)
def _scheme_in(sent: Span, abbrev: Abbreviations, lo: int, hi: int) -> str | None:
    """A scheme named in tokens lo..hi: "Safer Communities Grant"; "Serious Violence Duty"
    of "Home Office Serious Violence Duty funding" (its owner and "funding" left out)."""
    for s, e in names.runs_from(sent, lo, hi):
        for j in range(e, s, -1):  # "Safer Communities Grant" in "... Grant for Eastmere"
            # Only a phrase ending in a scheme's head word is expanded whole: expanding every
            # prefix of a run of thousands of capitalised words was quadratic. The last word
            # is read from the run's last few tokens when they hold a whole word.
            tail = sent[max(s, j - TAIL_TOKENS) : j].text
            last = abbrev.last_word(tail) if j - TAIL_TOKENS <= s or len(tail.split()) > 1 else ""
            if last and not names.is_scheme_head(last):
                continue
            phrase = abbrev.expand(sent[s:j].text)
            if names.is_scheme(phrase):
                return phrase
        phrase = abbrev.expand(sent[s:e].text)
        nxt = sent[e].lower_ if e < len(sent) else ""
        if nxt not in names.SCHEME_HEADS:
            continue
        owner, fund = names.fund_owner(f"{phrase} {nxt}", abbrev)
        if owner and fund and fund != f"{phrase} {nxt}":
            phrase = " ".join(fund.split()[:-1])
        if not names.is_org(phrase, abbrev) and " " in phrase:
            return phrase if nxt == "funding" else f"{phrase} {nxt}"
    return None


# Per-sentence results hold one document's spans; `extractors.amounts` clears them.
CACHES = (_scheme_in,)
