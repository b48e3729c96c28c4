"""Whether an amount is a grant: the cue words around it, for `extractors.amounts`.

"will be given a grant for 2027-28 of £62,500" -> "strong" (grant);
"£5m allocated to road resurfacing" -> "weak" (a grant only when a body is named);
"The scheme will cost £1.2m" -> "not".
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from extractors.amounts.grants import names
from extractors.amounts.grants.changes import split_after_scaled_amounts
from extractors.amounts.grants.names import Abbreviations
from extractors.common.nlp import parse as parse_text

if TYPE_CHECKING:
    from extractors.amounts.grants.context import Context

# Words that make an amount a grant by themselves, and weaker ones that need a body
# named in the same sentence ("£5m allocated to resurfacing" is a budget line).
STRONG_CUES = frozenset({"grant", "award"})
WEAK_CUES = names.words(
    "allocation allocate receive fund funding secure contribution bid monies give provide "
    "pass passport passported commit pledge distribute release"
)
# Costs, fines, investments, salaries, budget totals, losses and income are not grants.
NOT_GRANT_CUES = names.words(
    "cost spend spent expenditure invest investment fine penalty salary wage budget "
    "overspend underspend saving save loss lose deficit debt price fee charge worth value "
    "contract tender reserve income revenue tax precept rent bill compensation fraud "
    "damage earn turnover profit borrowing loan levy pay payment owe claim shortfall "
    "pressure gap"
)
# Not-grant words that an allocation word just before turns round ("allocated a budget of").
# "bringing the total to £X", "has increased the grant to £X": verbs setting what a thing comes to.
TOTAL_VERBS = names.words("bring take increase raise reduce lift push cut")
# Money put "to the capital programme" or "into contingency" stays with the body that has it.
DESTINATIONS = names.words("programme programmes contingency contingencies balances")
GOVERNED_CUES = frozenset({"budget", "payment", "pay"})
TRANSFER_VERBS = frozenset({"pay"})
CUE_WINDOW_BEFORE = 15  # tokens: "will receive a total grant allocation for 2026-27 of £X"
CUE_WINDOW_AFTER = 8  # tokens: "£X has been awarded to"
ANAPHORA = frozenset({"this", "it", "which", "these"})
# "this is £X", "it has been set at £X", "this amounts to £X": words between the anaphor and
# the amount when the amount is what the anaphor refers to. Other words ("This is in addition
# to the capital programme of £205m") make the amount something else.
RESTATING = names.words(
    "is are was were will would be been has have had now again also therefore expected "
    "confirmed set at amount amounts amounted to total totals totalled come comes came remain "
    "remains stand stands stood as"
)
MAX_RESTATING = 5  # tokens: "it has now been set at"
BE_FORMS = names.words("be been being is are was were")
_AUX_GIVE = BE_FORMS | {"has", "have", "had", "will", "would"}
CLAUSE_END = frozenset({",", ";", ".", ":", "(", ")"})


def cue_of(tok: Token) -> str | None:
    key, low = tok.lemma_.lower(), tok.lower_
    if key in NOT_GRANT_CUES or low in NOT_GRANT_CUES:
        return "not"
    if key in STRONG_CUES or low in STRONG_CUES:
        return "strong"
    if key in WEAK_CUES or low in WEAK_CUES:
        # "given the cost" is a preposition; "will be given £X" is an award.
        if key == "give" and not any(t.lower_ in _AUX_GIVE for t in tok.doc[max(0, tok.i - 3) : tok.i]):
            return None
        return "weak"
    return None


def cue_in(tok: Token, abbrev: Abbreviations) -> str | None:
    """cue_of, plus acronyms of grant schemes ("the total CRG for 2025/26")."""
    if names.ACRONYM.match(tok.text) and names.is_scheme(abbrev.expand(tok.text)):
        return "strong"
    return cue_of(tok)


def cues_near(ctx: Context) -> list[tuple[int, str, int]]:
    """(distance, cue, token) for cues in the clause around the amount."""
    sent, a, b = ctx.sent, ctx.a, ctx.b
    found: list[tuple[int, str, int]] = []
    for k in range(a - 1, max(-1, a - 1 - CUE_WINDOW_BEFORE), -1):
        if sent[k].text == ";":
            break
        if cue := cue_in(sent[k], ctx.abbrev):
            found.append((a - k, cue, k))
        # "..., bringing the capital programme to £205.3m": the amount is what the verb's
        # object comes to, so only the object's words say whether it is a grant.
        if sent[k].lemma_.lower() in TOTAL_VERBS and k < a - 2 and sent[a - 1].lower_ == "to":
            break
    into = False
    for k in range(b, min(len(sent), b + CUE_WINDOW_AFTER)):
        if sent[k].text in CLAUSE_END:
            break
        into = into or sent[k].lower_ in ("to", "into")
        if into and sent[k].lower_ in DESTINATIONS and sent[k - 1].is_lower:
            found.append((k - b + 1, "not", k))  # "allocated £2m to the capital programme"
        elif cue := cue_in(sent[k], ctx.abbrev):
            found.append((k - b + 1, cue, k))
    return sorted(found, key=lambda x: (x[0], x[2] > a))


def says_not(ctx: Context) -> bool:
    """Whether a not-grant word (cost, budget, ...) is among the cues around the amount."""
    return any(cue == "not" for _, cue, _ in cues_near(ctx))


def grant_cue(ctx: Context) -> str | None:
    """Grant cue of an amount: "strong" / "weak" grant, "not" a grant, or None. The cue
    nearest the amount decides, then a table row label or column header."""
    cues = cues_near(ctx)
    if cues:
        _, cue, k = cues[0]
        if ctx.sent[k].lemma_.lower() in GOVERNED_CUES:
            gov = [cue_of(t) for t in ctx.sent[max(0, k - 3) : k]]
            cue = next((c for c in gov if c in ("strong", "weak")), cue)
        if cue == "weak" and any(c == "strong" for _, c, _ in cues):
            cue = "strong"
        # "received £900 in parking income": what the money is beats how it came; "funding
        # of £X is paid to the Council" says only how it came.
        after = [c for d, c, j in cues if j >= ctx.b and d <= 4 and not _paid_to(ctx.sent, j)]
        if cue == "weak" and after and after[0] == "not":
            cue = "not"
        # "the following grants: • Safer Streets Fund: £250,000": the lead-in says what it is.
        return "strong" if cue == "weak" and _intro_cue(ctx) == "strong" else cue
    # "The Partnership gets a yearly grant from the Commissioner. For 2027/28 this is £31,000."
    if ctx.earlier and _restated(ctx):
        cues_ = {cue_in(t, ctx.abbrev) for t in ctx.earlier[0]}
        if "strong" in cues_ and "not" not in cues_:
            return "strong"
    for text in (ctx.row_label, ctx.header):
        cues_ = {cue_of(t) for t in parse(text or "")} - {None}
        for cue in ("not", "strong", "weak"):
            if cue in cues_:
                return cue
    # "The Welsh Government has confirmed the following grants: • Youth element: £90,000"
    return _intro_cue(ctx)


def _restated(ctx: Context) -> bool:
    """ "For 2027/28 this is £31,000": the amount is what an anaphor names, so is the thing
    the sentence before spoke of."""
    sent = ctx.sent
    for k in range(ctx.a - 1, max(-1, ctx.a - 2 - MAX_RESTATING), -1):
        if sent[k].lower_ in ANAPHORA:
            return True
        if sent[k].lower_ not in RESTATING:
            return False
    return False


def _paid_to(sent, k: int) -> bool:
    """ "paid to", "paid directly to": money passed to a body, not a cost."""
    return sent[k].lemma_.lower() in TRANSFER_VERBS and any(t.lower_ == "to" for t in sent[k + 1 : k + 3])


def _intro_cue(ctx: Context) -> str | None:
    """The cue of the nearest lead-in of the list the amount is an item of that has one
    ("The Welsh Government has confirmed the following grants:")."""
    for intro in ctx.intro:
        cues_ = {cue_in(t, ctx.abbrev) for t in intro} - {None}
        if cues_:
            return None if "not" in cues_ else next(c for c in ("strong", "weak") if c in cues_)
    return None


@lru_cache(maxsize=1024)
def parse(text: str) -> Doc:
    """A label, heading or lead-in parsed with its line wraps as spaces."""
    return split_after_scaled_amounts(parse_text(" ".join(text.split())))
