"""Who gives and who gets a grant, for `extractors.amounts` (the fund: `_grant_schemes`).

    "The Ministry of Justice has given £2.6m to the Police, Fire and Crime Commissioner for
    Northshire" -> funder Ministry of Justice, recipient Police, Fire and Crime Commissioner
    for Northshire.

Read from the phrase right after the amount ("£X from <funder> to <recipient>"), its
sentence's verbs ("<funder> has awarded", "<recipient> will receive"), possessives ("the
CSP's budget"), the earlier sentences of its paragraph, a table's row label or list item's
label, and the lead-in of the list it is an item of. A fund named as the source is the
scheme and the body owning it the funder; a fund that is a body ("Youth Endowment Fund")
is the funder.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Span

from extractors.amounts.grants import cues, names
from extractors.amounts.grants.bodies import common_ending, led_in_recipient, recipient_run
from extractors.amounts.grants.clauses import (
    clause,
    clause_breaks,
    full_names,
    fuller_name,
    held_grant,
    object_before,
    pound_signs,
)
from extractors.amounts.grants.context import Context
from extractors.amounts.grants.cues import BE_FORMS, CLAUSE_END
from extractors.amounts.grants.names import Abbreviations
from extractors.amounts.grants.subjects import (
    PRONOUNS,
    bid_before,
    bidder,
    coordinated,
    opening_org,
    opening_subject,
)
from extractors.amounts.money import fiscal_years
from extractors.common.nlp import nlp

RECIPIENT_WINDOW = 5  # tokens after the amount: "£X has been made to <body>"

_AUX = sorted(
    names.words(
        "will shall would should may has have had is are was were be been being also now "
        "already successfully recently a therefore again jointly to not successful in able each both"
    )
)
# Bounded: with "*" a match began at every word of a long run of these ("a a a ...") and
# ran to its end (quadratic); no verb group has this many auxiliaries.
MAX_AUX_RUN = 8
_AUX_RUN = {"LOWER": {"IN": _AUX}, "OP": f"{{,{MAX_AUX_RUN}}}"}
# Verbs whose subject has the money rather than giving it ("the CSP agreed to spend").
HOLDER_VERBS = names.words("receive get secure obtain retain spend use hold")
_RECEIVE_VERBS = sorted(names.words("receive get secure obtain retain"))
_AWARD_VERBS = sorted(names.words("give award allocate grant offer provide"))
_FUNDER_VERBS = sorted(
    names.words(
        "confirm announce award allocate provide grant agree approve offer commit give fund propose make pledge "
        "contribute invest"
    )
)
# Verb groups whose subject is the recipient (receive; passive award) or the funder.
# A spaCy Matcher token pattern per verb group.
PATTERNS: dict[str, list[dict[str, Any]]] = {
    "receive": [_AUX_RUN, {"LEMMA": {"IN": _RECEIVE_VERBS}}],
    "passive": [
        _AUX_RUN,
        {"LOWER": {"IN": sorted(BE_FORMS)}},
        _AUX_RUN,
        {"LEMMA": {"IN": _AWARD_VERBS}},
    ],
    "announce": [_AUX_RUN, {"LEMMA": {"IN": _FUNDER_VERBS}}],
    "hold": [_AUX_RUN, {"LEMMA": {"IN": sorted(HOLDER_VERBS)}}],
}
FUNDER_PREPS = frozenset({"from", "by"})
FUNDER_NOUNS = frozenset({"funding", "grant", "grants", "money", "monies", "allocation"})
GIVE_WORDS = frozenset(
    {"allocate", "award", "grant", "give", "pay", "allocation", "distribute", "make", "funding"}
)
# "Eastmere CSP's allocation", "the CSP's budget": the possessor of these receives; of a
# grant, it gives, unless it is a partnership (partnerships hold grants, not give them).
RECEIVED_NOUNS = frozenset({"allocation", "share", "budget"})
PARTNERSHIP_WORDS = frozenset({"partnership", "partnerships", "csp", "csps"})
# Steps (a word, or a whole name) read after an amount for "from <X> to <Y>":
# "£21,500 of Youth Diversion funding from <X> to <Y>".
LOCAL_WINDOW = 12
_LINKS = frozenset({"to", "for", "from", "and", "or", "of", "in", "on", "by", "with"})


@dataclass(frozen=True)
class Local:
    """Who the phrase right after an amount says it is from and to, and the fund it names:
    "£7,000 from the Commissioner's Locality Fund", "£21,500 of ... funding from the
    Commissioner to the Council". `spent` when that phrase calls it a cost ("from its reserves")."""

    funder: str | None = None
    recipient: str | None = None
    scheme: str | None = None
    spent: bool = False


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    matcher = Matcher(nlp().vocab)
    for name, pattern in PATTERNS.items():
        matcher.add(name, [pattern], greedy="LONGEST")
    return matcher


# Sentences are looked at once per amount they hold, so per-sentence results are cached.
@lru_cache(maxsize=4096)
def verb_groups(sent: Span) -> list[tuple[str, int, int]]:
    """(pattern name, start, end) of each verb group, sentence-relative."""
    found = _matcher()(sent)  # offsets relative to the sentence; no copy of the document
    return sorted((nlp().vocab.strings[mid], s, e) for mid, s, e in found)


@lru_cache(maxsize=4096)
def receives(sent: Span) -> bool:
    """Whether a sentence says some body receives or is given money."""
    return any(g in ("receive", "passive") for g, _, _ in verb_groups(sent))


@lru_cache(maxsize=4096)
def _funders_in(sent: Span, abbrev: Abbreviations) -> tuple[tuple[str, int], ...]:
    """(giver, token) for the givers a sentence names, the surest first: "from/by X", then
    "X funding" / "X's grant" / "bid to X", then the subject of "X has awarded"."""
    preps, others = [], []
    for k, tok in enumerate(sent):
        if tok.lower_ in FUNDER_PREPS and not held_grant(sent, k + 1, abbrev):  # "from the Home Office"
            preps.append((names.phrase(sent, names.run_starting(sent, k + 1), abbrev), k))
        elif tok.lower_ in FUNDER_NOUNS or _possessive(sent, k, abbrev) == "funder":  # "Home Office funding"
            name = names.phrase(sent, names.run_ending(sent, k), abbrev)
            # "Home Office Serious Violence Duty funding": the body the name starts with.
            owner = names.fund_owner(f"{name} {tok.lower_}", abbrev)[0] if name else None
            others.append((owner if tok.lower_ in FUNDER_NOUNS else name, k))
        elif tok.lower_ == "to" and bid_before(sent, k):
            others.append((names.phrase(sent, names.run_starting(sent, k + 1), abbrev), k))
        elif tok.lower_ == "with" and _helps_secure(sent, k):  # "worked with the PCC to secure £X"
            others.append((names.phrase(sent, names.run_starting(sent, k + 1), abbrev), k))
    for group, s, e in verb_groups(sent):  # "The PCC has confirmed ..."
        # "The CSP has agreed to spend": the subject holds the money.
        holds = e + 1 < len(sent) and sent[e].lower_ == "to" and sent[e + 1].lemma_.lower() in HOLDER_VERBS
        if group == "announce" and not holds and not any(t.lower_ in BE_FORMS for t in sent[s:e]):
            others.append((coordinated(sent, names.run_ending(sent, s), abbrev), s))
    holders = _holders(sent, abbrev)
    # "from the Quiet Lanes Fund" names a scheme, not who gives it.
    # "paid for by the Brighter Towns Fund": the agent of the funding is the giver, even a fund.
    found = [(_giver_of(sent, n, k, abbrev), k) for n, k in preps + others]
    return tuple(
        (n, k)
        for n, k in found
        if n and (names.is_org(n, abbrev) or names.is_scheme(n)) and n.lower() not in holders
    )


def _giver_of(sent: Span, name: str | None, k: int, abbrev: Abbreviations) -> str | None:
    """The giver a phrase at token k names: a fund's owner ("from the Home Office Safer
    Streets Fund" -> Home Office), or the fund itself as the agent of "funded by"."""
    if not name:
        return None
    owner, fund = names.fund_owner(name, abbrev)
    if owner is None and fund and sent[k].lower_ == "by" and _funding_verb_before(sent, k):
        return fund
    return owner


# Verbs whose agent ("... by <X>") pays: "funded by", "financed by", "paid for by".
FUNDING_AGENT_VERBS = frozenset({"fund", "finance", "sponsor", "bankroll", "underwrite"})


def _funding_verb_before(sent: Span, k: int) -> bool:
    """Whether the "by" at k follows a verb of paying: "funded by", "paid for by"."""
    prev = sent[k - 1] if k > 0 else None
    if prev is not None and prev.lower_ == "for" and k > 1:
        return sent[k - 2].lemma_.lower() == "pay"
    return prev is not None and prev.lemma_.lower() in FUNDING_AGENT_VERBS


@lru_cache(maxsize=4096)
def _holders(sent: Span, abbrev: Abbreviations) -> frozenset[str]:
    """Bodies a sentence says receive, hold or spend money: never its funder."""
    out = set()
    for group, s, _ in verb_groups(sent):
        if group in ("receive", "passive", "hold") and _helper_before(sent, s) is None:
            name = names.phrase(sent, names.run_ending(sent, s), abbrev)
            if name:
                out.add(name.lower())
    return frozenset(out)


def _possessive(sent: Span, k: int, abbrev: Abbreviations) -> str | None:
    if sent[k].lower_ not in ("'s", "’s") or k + 1 >= len(sent):
        return None
    held_in = names.run_holding(sent, k)
    if held_in and held_in[0] < k:  # "Mayor's Office for ...": one name
        return None
    nxt = next((t for t in sent[k + 1 : k + 4] if t.lower_ not in names.DETERMINERS and t.is_alpha), None)
    run = names.run_ending(sent, k)
    held = (nxt is not None and nxt.lower_ in RECEIVED_NOUNS) or (
        run is not None and held_grant(sent, run[0], abbrev) is not None
    )
    return "recipient" if held or (k > 0 and sent[k - 1].lower_ in PARTNERSHIP_WORDS) else "funder"


def funder_of(ctx: Context, local: Local, recipient: str | None) -> tuple[str | None, bool]:
    """(funder, named in the amount's own sentence): the body the amount is said to come
    from, else the first giver its sentence or the paragraph before names."""
    spans = [ctx.sent, *ctx.earlier]
    if local.funder:
        return fuller_name(local.funder, spans, ctx.abbrev), True
    not_funder = {(recipient or "").lower()}
    giver = _giver_before(ctx)  # "the Commissioner contributes £X to ..."
    if giver and giver.lower() not in not_funder:
        return fuller_name(giver, spans, ctx.abbrev), True
    lo, hi = clause(ctx.sent, ctx.a, ctx.b)
    # The amount's own clause first: "X has awarded £Y, and Z funding of £W ...".
    for sent, (first, last) in ((ctx.sent, (lo, hi)), *((x, (0, len(x))) for x in spans)):
        holder = _allocation_holder(sent, ctx.abbrev) if sent is not ctx.sent else None
        if holder and holder.lower() not in not_funder:  # it passes its allocation on
            return holder, False
        found = next(
            (
                f
                for f, k in _funders_in(sent, ctx.abbrev)
                if f.lower() not in not_funder and first <= k < last
            ),
            None,
        )
        if found:
            return fuller_name(found, spans, ctx.abbrev), sent is ctx.sent
    for sent in ctx.earlier:  # the body a funding sentence opens with
        if any(cues.cue_of(t) in ("strong", "weak") for t in sent):
            subject = opening_org(sent, ctx.abbrev)
            if subject and subject.lower() not in not_funder | _holders(sent, ctx.abbrev):
                return subject, False
    return None, False


MAX_GIVER_GAP = 2  # tokens between the giving verb and the amount: "awarded a further £X"


def _giver_before(ctx: Context) -> str | None:
    """The subject of a giving verb right before the amount: "the Council awarded £X",
    "the Commissioner contributes £X to the fund"."""
    ends = _groups_by_end(ctx.sent)
    near = [g for end in range(max(0, ctx.a - MAX_GIVER_GAP), ctx.a + 1) for g in ends.get(end, ())]
    for group, s, e in near:
        # a verb ("contributes", "has awarded"), not a noun ("a grant of £X", "Home Office funding of £X")
        verb = not any(t.lower_ in BE_FORMS or t.lower_ in names.DETERMINERS for t in ctx.sent[s:e])
        verb = verb and not ctx.sent[e - 1].lower_.endswith("ing")
        if group == "announce" and 0 <= ctx.a - e <= MAX_GIVER_GAP and verb:
            if all(t.is_lower and t.is_alpha for t in ctx.sent[e : ctx.a]):
                name = coordinated(ctx.sent, names.run_ending(ctx.sent, s), ctx.abbrev)
                if names.is_org(name, ctx.abbrev):
                    return name
    return None


@lru_cache(maxsize=4096)
def _groups_by_end(sent: Span) -> dict[int, list[tuple[str, int, int]]]:
    """A sentence's verb groups by the token they end at."""
    out: dict[int, list[tuple[str, int, int]]] = {}
    for g in verb_groups(sent):
        out.setdefault(g[2], []).append(g)
    return out


# "the money comes from the district's allocation of the national fund": the body that
# holds an allocation gives it on to the projects the paper goes on to name.
HELD_ALLOCATION = frozenset({"allocation", "allocations", "share"})


@lru_cache(maxsize=4096)
def _allocation_holder(sent: Span, abbrev: Abbreviations) -> str | None:
    """The body a sentence says holds an allocation ("its allocation of", "Westmere
    Council's allocation"), which it passes on; None when it names none."""
    for k, tok in enumerate(sent):
        if tok.lower_ not in HELD_ALLOCATION or k == 0:
            continue
        if sent[k - 1].lower_ in ("its", "their"):
            return opening_org(sent, abbrev)
        if sent[k - 1].lower_ in ("'s", "’s"):
            name = names.phrase(sent, names.run_ending(sent, k - 1), abbrev)
            return name if names.is_org(name, abbrev) else None
    return None


MAX_OWNER_SENTENCES = 25  # sentences before and after the amount read for a scheme's owner


def scheme_owner(ctx: Context, scheme: str, recipient: str | None) -> str | None:
    """The giver named in a sentence of the paragraph that names the same scheme ("the
    Government has invested £125m through the Safer Streets Fund"), nearest first."""
    key = scheme.lower()
    tail = key.rpartition(" of ")[2].removeprefix("the ")  # "Round Three of the Safer Parks Fund"
    key = tail if names.is_scheme(tail) else key
    for sent in (ctx.sent, *ctx.earlier[:MAX_OWNER_SENTENCES], *ctx.later[:MAX_OWNER_SENTENCES]):
        if key not in sent.text.lower():
            continue
        found = next(
            (f for f, _ in _funders_in(sent, ctx.abbrev) if f.lower() != (recipient or "").lower()), None
        )
        if found and found.lower() != key:
            return found
    return None


def phrase_after(ctx: Context) -> Local:
    """The "from <body>" / "to <body>" phrase right after the amount (see `Local`)."""
    sent, abbrev, n = ctx.sent, ctx.abbrev, len(ctx.sent)
    funder = recipient = scheme = None
    spent, k = False, ctx.b
    for _ in range(LOCAL_WINDOW):
        if k >= n or sent[k].text in CLAUSE_END or sent[k].text == "£":
            break
        tok = sent[k]
        run, held = None, held_grant(sent, k + 1, abbrev) if tok.lower_ == "from" else None
        if held:  # "from the Council's public health grant": the Council holds it
            recipient, k = recipient or held[0], held[1]
            continue
        if tok.lower_ in ("from", "by"):
            run = names.run_starting(sent, k + 1)
        elif tok.lower_ in ("to", "for"):
            run = recipient_run(sent, k + 1)
        if run is None:
            spent = spent or cues.cue_of(tok) == "not"
            k += 1
            continue
        name, bid = names.phrase(sent, run, abbrev), bid_before(sent, k)
        k = run[1]
        if bid and tok.lower_ == "to" and names.is_org(name, abbrev):  # "£X bid to <funder>"
            funder = funder or name
        elif tok.lower_ in ("to", "for") and not bid:
            # "to Eastmere", "for Westmere Council"; not "for Northshire"
            if tok.lower_ == "to" or names.is_org(name, abbrev):
                recipient = recipient or name
        else:
            owner, fund = names.fund_owner(name or "", abbrev)
            scheme = scheme or fund
            if fund is None and names.is_org(owner, abbrev) and funder is None:
                funder = owner
                possessed, k = _possessed(sent, k)  # "the PCC's Community Safety Fund"
                spent = spent or any(cues.cue_of(t) == "not" for t in possessed or ())
                held_name = (
                    abbrev.expand(possessed.text) if possessed and possessed[0].text[:1].isupper() else ""
                )
                scheme = scheme or (held_name if names.is_scheme(held_name) else None)
            elif names.is_org(owner, abbrev) and funder is None:  # "the Home Office Safer Streets Fund"
                funder = owner
    return Local(funder, recipient, scheme, spent)


def _possessed(sent: Span, k: int) -> tuple[Span | None, int]:
    """What follows "'s" at k: a name ("'s Community Safety Fund") or up to three lower-case
    words ("'s capital reserves"); and the index after it."""
    if k >= len(sent) or sent[k].lower_ not in ("'s", "’s"):
        return None, k
    run = names.run_starting(sent, k + 1)
    j = run[1] if run else k + 1
    while run is None and j < min(len(sent), k + 4) and sent[j].is_lower and sent[j].lower_ not in _LINKS:
        j += 1
    return (sent[k + 1 : j] if j > k + 1 else None), j


def recipient_of(ctx: Context, local: Local) -> tuple[str | None, bool]:
    """(recipient, a body is named as recipient in the amount's own sentence). The name
    is "" for "we have been allocated"."""
    sent, abbrev = ctx.sent, ctx.abbrev
    # "£6,000 to Eastmere CSP and £8,500 to Westmere CSP": the body right after the amount.
    for k in range(ctx.b, min(len(sent), ctx.b + RECIPIENT_WINDOW)):
        if sent[k].text in CLAUSE_END:
            break
        if sent[k].lower_ in ("to", "for") and not bid_before(sent, k):
            name = names.phrase(sent, recipient_run(sent, k + 1), abbrev)
            if name and (sent[k].lower_ == "to" or names.is_org(name, abbrev)):
                return name, True
    if ctx.listed:  # "Awarded to: <body>", "<body> £X" in a list of awards
        return abbrev.expand(ctx.listed), True
    name = local.recipient or _named_recipient(sent, abbrev, *_segment(ctx))
    if name:
        return name, True
    for group, _, e in verb_groups(sent):  # "awarded the Council £250,000", "... a grant of £X"
        run = names.run_starting(sent, e) if group == "announce" else None
        if object_before(sent, run, ctx.a):
            return names.phrase(sent, run, abbrev), True
    lo, hi = clause(sent, ctx.a, ctx.b)
    name = _receiving_subject(sent, abbrev, lo, hi)  # "..., and the youth service was awarded £X"
    name = _receiver_in(sent, abbrev) if name is None else name
    if name is not None:
        return name, True
    # A list item's or table row's own label, then the list's lead-in ("the following
    # grants to the regional partnership:"), then the sentences before.
    name = _label_recipient(ctx)
    if name:  # "The following projects were funded: • Street Pastors: £5,000"
        return name, bool(ctx.intro)
    name = next(filter(None, (led_in_recipient(s, abbrev) for s in ctx.intro)), None)
    if name:
        return name, False
    return next((n for n in (_receiver_in(s, abbrev) for s in ctx.earlier) if n is not None), None), False


def _receiver_in(sent: Span, abbrev: Abbreviations) -> str | None:
    """The body a sentence says receives, holds, bid for or has the budget."""
    name = _receiving_subject(sent, abbrev, 0, len(sent))
    if name is None:
        name = _budget_holder(sent, abbrev)
    return bidder(sent, abbrev) if name is None else name


@lru_cache(maxsize=4096)
def _named_recipient(sent: Span, abbrev: Abbreviations, lo: int, hi: int) -> str | None:
    """A recipient named in the sentence between tokens lo and hi: "allocated to Eastmere
    CSP", "grant for Eastmere", "Westmere CSP's allocation", "the YOT budget"."""
    for k in range(lo, hi):
        tok = sent[k]
        if _possessive(sent, k, abbrev) == "recipient":
            name = names.phrase(sent, names.run_ending(sent, k), abbrev)
            if name:
                return name
        gives = k > 0 and (sent[k - 1].lemma_.lower() in GIVE_WORDS or cues.cue_in(sent[k - 1], abbrev))
        if tok.lower_ in ("to", "for") and gives and not bid_before(sent, k):
            name = names.phrase(sent, recipient_run(sent, k + 1), abbrev)
            if name:
                return name
    return None


@lru_cache(maxsize=4096)
def _budget_holder(sent: Span, abbrev: Abbreviations) -> str | None:
    """Whose budget a sentence gives: "the CSP's budget", "the YOT budget", "the budget of
    the Partnership"; money "from" funders that makes it up goes to that body."""
    for k, tok in enumerate(sent):
        if tok.lower_ != "budget":
            continue
        before = k - 1 if k > 0 and sent[k - 1].lower_ in ("'s", "’s") else k
        for run in (names.run_ending(sent, before), names.run_starting(sent, k + 2)):
            name = names.phrase(sent, run, abbrev)
            if run is not None and names.is_org(name, abbrev) and (run[0] < k or sent[k + 1].lower_ == "of"):
                return name
    return None


def _segment(ctx: Context) -> tuple[int, int]:
    """The part of the sentence that belongs to this amount: from just after the amount
    before it to just before the one after it ("£40,000 from X, of which £15,000 ... to Y")."""
    pounds = pound_signs(ctx.sent)
    before, after = bisect_left(pounds, ctx.a), bisect_left(pounds, ctx.b)
    lo = pounds[before - 1] + 1 if before else 0
    hi = pounds[after] if after < len(pounds) else len(ctx.sent)
    return lo, hi


@lru_cache(maxsize=4096)
def _receiving_subject(sent: Span, abbrev: Abbreviations, lo: int, hi: int) -> str | None:
    """The subject of "<body> will receive", "<body> has been awarded" (verb within tokens
    lo..hi); "" for "we"; a body named in lower case as written ("the youth service")."""
    for group, s, _ in verb_groups(sent):
        if group in ("receive", "passive", "hold") and lo <= s < hi:
            if s > 0 and sent[s - 1].lower_ == "and":  # "<subject> bid to X and will receive"
                s = opening_subject(sent)[0]
            if s > 0 and sent[s - 1].lower_ in PRONOUNS:
                return ""
            helper = _helper_before(sent, s)
            if helper is not None:  # "Eastmere CSP worked with the PCC to secure £X": the subject
                subject = opening_subject(sent)[1]
                name = coordinated(sent, subject, abbrev) if subject and subject[1] <= helper else None
                if name:
                    return name
            if s > 0 and sent[s - 1].lower_ in RELATIVES:  # "Northfield Youth Club, which was granted £X"
                name = _antecedent(sent, s - 1, abbrev)
                if name:
                    return name
            if s > 0 and sent[s - 1].text == ",":  # "The Youth Scheme, funded by X, has been given £Y"
                opening = next(
                    (j for j in range(s - 2, max(-1, s - 2 - MAX_ASIDE), -1) if sent[j].text == ","), None
                )
                name = _antecedent(sent, opening, abbrev) if opening else None
                if name:
                    return name
            name = coordinated(sent, names.run_ending(sent, s), abbrev)
            if name:
                return name
            common = common_ending(sent, s)
            if common:
                return names.phrase(sent, common, abbrev)
    return None


# "<recipient> worked with <funder> to secure £X": "with" and the body the money came from.
MAX_HELPER = 8  # tokens from "with" to "to secure"


def _helper_before(sent: Span, s: int) -> int | None:
    """The "with" of "worked with <body>" when the verb group at s is "to secure" right
    after that body; None otherwise."""
    if sent[s].lower_ != "to" or s + 1 >= len(sent) or sent[s + 1].lemma_.lower() not in _RECEIVE_VERBS:
        return None
    return next(
        (
            j
            for j in range(s - 1, max(-1, s - 1 - MAX_HELPER), -1)
            if sent[j].lower_ == "with" and _helps_secure(sent, j)
        ),
        None,
    )


def _helps_secure(sent: Span, k: int) -> bool:
    """Whether "with" at k is followed by a body and then "to secure / receive / obtain"."""
    run = names.run_starting(sent, k + 1)
    return (
        run is not None
        and run[1] + 1 < len(sent)
        and sent[run[1]].lower_ == "to"
        and sent[run[1] + 1].lemma_.lower() in _RECEIVE_VERBS
    )


RELATIVES = frozenset({"which", "who", "that"})
MAX_ANTECEDENT = 8  # tokens: "Northfield Boxing Club in Eastmere"
MAX_ASIDE = 12  # tokens of ", funded by the Lottery," between a subject and its verb


def _antecedent(sent: Span, k: int, abbrev: Abbreviations) -> str | None:
    """The name a sentence (or list item) opens with, when the relative pronoun at k refers
    to it: "Northfield Youth Club, in Eastmere, which ..." -> "Northfield Youth Club";
    "Safe Haven in Westmere which ..." -> "Safe Haven in Westmere"."""
    start = 0
    while start < k and not sent[start].is_alpha:
        start += 1
    while start < k and sent[start].lower_ in names.DETERMINERS:
        start += 1
    end = next((j for j in range(start, k) if sent[j].text in (",", "(", "–", "-")), k)
    if not start < end <= start + MAX_ANTECEDENT or not names.is_name_word(sent[start]):
        return None
    return abbrev.expand(sent[start:end].text)


def _label_recipient(ctx: Context) -> str | None:
    """A table row's label as recipient: the whole label when it is a name, or the body
    after "to" / "for" ("Grant to Eastmere CSP")."""
    if not ctx.row_label or fiscal_years(ctx.row_label):
        return None
    label = cues.parse(ctx.row_label)
    runs = names.name_runs(label[:])
    if runs == [(0, len(label))] and not names.is_scheme(ctx.abbrev.expand(label.text)):
        return ctx.abbrev.expand(label.text)
    for k, tok in enumerate(label):
        if tok.lower_ in ("to", "for"):
            name = names.phrase(label[:], names.run_starting(label[:], k + 1), ctx.abbrev)
            if name:
                return name
    return None


# Per-sentence results hold one document's spans; `extractors.amounts` clears them.
CACHES = (
    verb_groups,
    _groups_by_end,
    _allocation_holder,
    receives,
    names._run_index,
    clause_breaks,
    full_names,
    pound_signs,
    names.name_runs,
    _funders_in,
    _holders,
    _named_recipient,
    led_in_recipient,
    _receiving_subject,
    _budget_holder,
    bidder,
    cues.parse,
)
