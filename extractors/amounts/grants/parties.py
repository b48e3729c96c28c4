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

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Span

from extractors.amounts.grants import cues, names
from extractors.amounts.grants.bodies import common_ending, led_in_recipient, recipient_run
from extractors.amounts.grants.clauses import clause, fuller_name, held_grant, object_before
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
_AUX_RUN = {"LOWER": {"IN": _AUX}, "OP": "*"}
# Verbs whose subject has the money rather than giving it ("the CSP agreed to spend").
HOLDER_VERBS = names.words("receive get secure obtain retain spend use hold")
_RECEIVE_VERBS = sorted(names.words("receive get secure obtain retain"))
_AWARD_VERBS = sorted(names.words("give award allocate grant offer provide"))
_FUNDER_VERBS = sorted(
    names.words(
        "confirm announce award allocate provide grant agree approve offer commit give fund propose make pledge"
    )
)
# Verb groups whose subject is the recipient (receive; passive award) or the funder.
PATTERNS = {
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
class Context:
    """Where a money expression sits: its sentence and what surrounds it."""

    sent: Span
    a: int  # sentence-relative token range of the expression
    b: int
    earlier: list[Span]  # earlier sentences of the paragraph, nearest first
    later: list[Span]
    abbrev: Abbreviations
    header: str | None = None  # table column header
    row_label: str | None = None  # first cell of its table row
    heading: str | None = None  # heading line above its paragraph
    home: dict | None = None  # the paper's own council and partnership names
    intro: tuple[Span, ...] = ()  # lead-in of the list the amount is an item of, nearest first


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
    found = _matcher()(sent.as_doc())
    return sorted((nlp().vocab.strings[mid], s, e) for mid, s, e in found)


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
    for group, s, e in verb_groups(sent):  # "The PCC has confirmed ..."
        # "The CSP has agreed to spend": the subject holds the money.
        holds = e + 1 < len(sent) and sent[e].lower_ == "to" and sent[e + 1].lemma_.lower() in HOLDER_VERBS
        if group == "announce" and not holds and not any(t.lower_ in BE_FORMS for t in sent[s:e]):
            others.append((coordinated(sent, names.run_ending(sent, s), abbrev), s))
    holders = _holders(sent, abbrev)
    # "from the Safer Streets Fund" names a scheme, not who gives it.
    found = [(names.fund_owner(n, abbrev)[0] if n else None, k) for n, k in preps + others]
    return tuple((n, k) for n, k in found if names.is_org(n, abbrev) and n.lower() not in holders)


@lru_cache(maxsize=4096)
def _holders(sent: Span, abbrev: Abbreviations) -> frozenset[str]:
    """Bodies a sentence says receive, hold or spend money: never its funder."""
    out = set()
    for group, s, _ in verb_groups(sent):
        if group in ("receive", "passive", "hold"):
            name = names.phrase(sent, names.run_ending(sent, s), abbrev)
            if name:
                out.add(name.lower())
    return frozenset(out)


def _possessive(sent: Span, k: int, abbrev: Abbreviations) -> str | None:
    if sent[k].lower_ not in ("'s", "’s") or k + 1 >= len(sent):
        return None
    if any(s < k < e for s, e in names.name_runs(sent)):  # "Mayor's Office for ...": one name
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
    lo, hi = clause(ctx.sent, ctx.a, ctx.b)
    # The amount's own clause first: "X has awarded £Y, and Z funding of £W ...".
    for sent, (first, last) in ((ctx.sent, (lo, hi)), *((x, (0, len(x))) for x in spans)):
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
                held, k = _possessed(sent, k)  # "the PCC's Community Safety Fund"
                spent = spent or any(cues.cue_of(t) == "not" for t in held or ())
                held_name = abbrev.expand(held.text) if held and held[0].text[:1].isupper() else ""
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
    pounds = [k for k, t in enumerate(ctx.sent) if t.text == "£"]
    lo = max((k + 1 for k in pounds if k < ctx.a), default=0)
    hi = min((k for k in pounds if k >= ctx.b), default=len(ctx.sent))
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
            name = coordinated(sent, names.run_ending(sent, s), abbrev)
            if name:
                return name
            common = common_ending(sent, s)
            if common:
                return names.phrase(sent, common, abbrev)
    return None


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
