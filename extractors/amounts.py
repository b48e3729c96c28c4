"""Money amounts, and which of them are grants: one `Amount` per money expression.

    "The Police and Crime Commissioner has confirmed that the Partnership will receive a
    total grant allocation for 2025-26 of £98,000."
    -> £98,000, is_grant, fiscal_year 2025-26, funder Police and Crime Commissioner,
       recipient Partnership.

Values come from `_money` (exact Decimals). Whether an amount is a grant, and its fiscal
year, funder, recipient and scheme, come from its sentence, the earlier sentences of its
paragraph (reports often name the funder a sentence before the figure) and, in tables,
the row label and column header. Abbreviations are expanded where the paper defines them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from extractors import _grant_names as names
from extractors._grant_names import Abbreviations
from extractors._money import (
    MoneyMatch,
    block_of,
    cell_contexts,
    fiscal_years,
    heading_before,
    money_expressions,
)
from extractors.nlp import nlp
from pipeline.document import Document
from schemas.records import Amount

# Words that make an amount a grant by themselves, and weaker ones that need a body
# named in the same sentence ("£5m allocated to resurfacing" is a budget line).
STRONG_CUES = frozenset({"grant", "award"})
WEAK_CUES = names.words(
    "allocation allocate receive fund funding secure contribution bid monies give provide"
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
GOVERNED_CUES = frozenset({"budget", "payment", "pay"})
CUE_WINDOW_BEFORE = 15  # tokens: "will receive a total grant allocation for 2026-27 of £X"
CUE_WINDOW_AFTER = 8  # tokens: "£X has been awarded to"
RECIPIENT_WINDOW = 5  # tokens after the amount: "£X has been made to <body>"

_AUX = sorted(
    names.words(
        "will shall would should may has have had is are was were be been being also now "
        "already successfully recently a therefore again jointly to not successful in able"
    )
)
_AUX_RUN = {"LOWER": {"IN": _AUX}, "OP": "*"}
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
        {"LOWER": {"IN": ["be", "been", "being"]}},
        _AUX_RUN,
        {"LEMMA": {"IN": _AWARD_VERBS}},
    ],
    "announce": [_AUX_RUN, {"LEMMA": {"IN": _FUNDER_VERBS}}],
}
FUNDER_PREPS = frozenset({"from", "by"})
FUNDER_NOUNS = frozenset({"funding", "grant", "grants", "money", "monies", "allocation"})
BID_WORDS = frozenset({"bid", "application", "submit", "apply"})
GIVE_WORDS = frozenset(
    {"allocate", "award", "grant", "give", "pay", "allocation", "distribute", "make", "funding"}
)
_PRONOUNS = frozenset({"we", "us"})
ANAPHORA = frozenset({"this", "it", "which", "these"})
# "Medway CSP's allocation": the possessor of these receives; of a grant, it gives.
RECEIVED_NOUNS = frozenset({"allocation", "share"})
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})
_CLAUSE_END = frozenset({",", ";", ".", ":", "(", ")"})


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


def extract(doc: Document) -> list[Amount]:
    text = doc.text
    matches = money_expressions(text)
    if not matches:
        return []
    try:
        return _amounts(doc, matches, Abbreviations(text))
    finally:
        for cached in _PER_DOCUMENT_CACHES:  # they hold this document's spans
            cached.cache_clear()


def _amounts(doc: Document, matches: list[MoneyMatch], abbrev: Abbreviations) -> list[Amount]:
    text, cells = doc.text, cell_contexts(doc.tables)
    blocks: dict[tuple, list[MoneyMatch]] = {}
    for m in matches:
        blocks.setdefault(block_of(text, m.start), []).append(m)
    out: list[Amount] = []
    for (start, end, header, label), group in blocks.items():
        # Line wraps become spaces (same length) so token patterns run across them.
        parsed = nlp()(text[start:end].replace("\n", " "))
        for m in group:
            head, row = header, label
            if head is None and row is None and cells:  # a PDF table cell
                head, row = cells.get((doc.page_of(m.start) or 0, " ".join(m.raw.split())), (None, None))
            ctx = _context(
                parsed, m.start - start, m.end - start, abbrev, head, row, heading_before(text, start)
            )
            out.append(_amount(m, ctx))
    return sorted(out, key=lambda r: r.char_start)


def _context(parsed: Doc, s: int, e: int, abbrev: Abbreviations, header, label, heading) -> Context:
    sents = list(parsed.sents) or [parsed[:]]
    i = next((k for k, x in enumerate(sents) if x.start_char <= s < x.end_char), len(sents) - 1)
    sent = sents[i]
    span = parsed.char_span(s, e, alignment_mode="expand")
    a, b = (span.start - sent.start, span.end - sent.start) if span is not None else (0, 0)
    return Context(sent, a, b, sents[:i][::-1], sents[i + 1 :], abbrev, header, label, heading)


def _amount(m: MoneyMatch, ctx: Context) -> Amount:
    cue = _grant_cue(ctx)
    funder = recipient = scheme = None
    is_grant = False
    if cue in ("strong", "weak"):
        funder, funder_here = _funder(ctx)
        recipient, recipient_here = _recipient(ctx)
        if funder and recipient and funder.lower() == recipient.lower():
            funder = None
        # Money received from a named funder is a funding award even when the sentence
        # names neither ("The bid was successful and £450,000 will be received").
        received = any(g in ("receive", "passive") for g, _, _ in _verb_groups(ctx.sent))
        is_grant = cue == "strong" or recipient_here or (funder is not None and (funder_here or received))
        scheme = _scheme(ctx) if is_grant else None
    return Amount(
        char_start=m.start,
        char_end=m.end,
        raw=m.raw,
        value_gbp=float(m.value),
        value_gbp_max=float(m.value_max) if m.value_max is not None else None,
        is_grant=bool(is_grant),
        fiscal_year=_fiscal_year(ctx, bool(is_grant)),
        funder=funder if is_grant else None,
        recipient=(recipient or None) if is_grant else None,
        scheme=scheme,
    )


def _fiscal_year(ctx: Context, is_grant: bool) -> str | None:
    """The fiscal year nearest the amount in its sentence; for a grant, else the latest one
    in the sentences before it; else its table column header or row label."""
    offset = ctx.sent[ctx.a].idx - ctx.sent.start_char if len(ctx.sent) > ctx.a else 0
    years = fiscal_years(ctx.sent.text)
    if years:
        return min(years, key=lambda y: min(abs(y[0] - offset), abs(y[1] - offset)))[2]
    for earlier in ctx.earlier if is_grant else []:
        years = fiscal_years(earlier.text)
        if years:
            return years[-1][2]
    for extra in (ctx.header, ctx.row_label, ctx.heading if is_grant else None):
        years = fiscal_years(extra or "")
        if years:
            return years[0][2]
    return None


# ---------------------------------------------------------------- grant or not
def _cue_of(tok: Token) -> str | None:
    key, low = tok.lemma_.lower(), tok.lower_
    if key in NOT_GRANT_CUES or low in NOT_GRANT_CUES:
        return "not"
    if key in STRONG_CUES or low in STRONG_CUES:
        return "strong"
    if key in WEAK_CUES or low in WEAK_CUES:
        # "given the cost" is a preposition; "will be given £X" is an award.
        if key == "give" and not any(t.lower_ in _BE for t in tok.doc[max(0, tok.i - 3) : tok.i]):
            return None
        return "weak"
    return None


def _cue_in(tok: Token, abbrev: Abbreviations) -> str | None:
    """_cue_of, plus acronyms of grant schemes ("the total CRG for 2025/26")."""
    if names.ACRONYM.match(tok.text) and names.is_scheme(abbrev.expand(tok.text)):
        return "strong"
    return _cue_of(tok)


def _cues_near(ctx: Context) -> list[tuple[int, str, int]]:
    """(distance, cue, token) for cues in the clause around the amount."""
    sent, a, b, found = ctx.sent, ctx.a, ctx.b, []
    for k in range(a - 1, max(-1, a - 1 - CUE_WINDOW_BEFORE), -1):
        if sent[k].text == ";":
            break
        if _cue_in(sent[k], ctx.abbrev):
            found.append((a - k, _cue_in(sent[k], ctx.abbrev), k))
    for k in range(b, min(len(sent), b + CUE_WINDOW_AFTER)):
        if sent[k].text in _CLAUSE_END:
            break
        if _cue_in(sent[k], ctx.abbrev):
            found.append((k - b + 1, _cue_in(sent[k], ctx.abbrev), k))
    return sorted(found, key=lambda x: (x[0], x[2] > a))


def _grant_cue(ctx: Context) -> str | None:
    """Grant cue of an amount: "strong" / "weak" grant, "not" a grant, or None. The cue
    nearest the amount decides, then a table row label or column header."""
    cues = _cues_near(ctx)
    if cues:
        _, cue, k = cues[0]
        if ctx.sent[k].lemma_.lower() in GOVERNED_CUES:
            gov = [_cue_of(t) for t in ctx.sent[max(0, k - 3) : k]]
            cue = next((c for c in gov if c in ("strong", "weak")), cue)
        if cue == "weak" and any(c == "strong" for _, c, _ in cues):
            cue = "strong"
        # "received £4,000 in fixed penalty income": what the money is beats how it came.
        after = [c for d, c, j in cues if j >= ctx.b and d <= 4]
        if cue == "weak" and after and after[0] == "not":
            cue = "not"
        return cue
    # "The CSP receives an annual grant from the PCC. For 2024/25 this is £106,460."
    if ctx.earlier and any(t.lower_ in ANAPHORA for t in ctx.sent):
        cues_ = {_cue_in(t, ctx.abbrev) for t in ctx.earlier[0]}
        if "strong" in cues_ and "not" not in cues_:
            return "strong"
    for text in (ctx.row_label, ctx.header):
        cues_ = {_cue_of(t) for t in _parse(text or "")} - {None}
        for cue in ("not", "strong", "weak"):
            if cue in cues_:
                return cue
    return None


# ---------------------------------------------------------------- who gives, who gets
@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    matcher = Matcher(nlp().vocab)
    for name, pattern in PATTERNS.items():
        matcher.add(name, [pattern], greedy="LONGEST")
    return matcher


# Sentences are looked at once per amount they hold, so per-sentence results are cached.
@lru_cache(maxsize=4096)
def _verb_groups(sent: Span) -> list[tuple[str, int, int]]:
    """(pattern name, start, end) of each verb group, sentence-relative."""
    found = _matcher()(sent.as_doc())
    return sorted((nlp().vocab.strings[mid], s, e) for mid, s, e in found)


@lru_cache(maxsize=4096)
def _funder_in(sent: Span, abbrev: Abbreviations) -> str | None:
    for k, tok in enumerate(sent):
        name = None
        if tok.lower_ in FUNDER_PREPS:  # "from the Home Office", "awarded by the PCC"
            name = names.phrase(sent, names.run_starting(sent, k + 1), abbrev)
        elif tok.text in FUNDER_NOUNS or _possessive(sent, k) == "funder":  # "Home Office funding"
            name = names.phrase(sent, names.run_ending(sent, k), abbrev)
        elif tok.lower_ == "to" and any(t.lemma_.lower() in BID_WORDS for t in sent[max(0, k - 4) : k]):
            name = names.phrase(sent, names.run_starting(sent, k + 1), abbrev)
        if names.is_org(name, abbrev):
            return name
    for group, s, e in _verb_groups(sent):  # "The PCC has confirmed ..."
        if group == "announce" and not any(t.lower_ in _BE for t in sent[s:e]):
            name = names.phrase(sent, names.run_ending(sent, s), abbrev)
            if names.is_org(name, abbrev):
                return name
    return None


def _possessive(sent: Span, k: int) -> str | None:
    if sent[k].lower_ not in ("'s", "’s") or k + 1 >= len(sent):
        return None
    nxt = next((t for t in sent[k + 1 : k + 4] if t.lower_ not in names.DETERMINERS and t.is_alpha), None)
    return "recipient" if nxt is not None and nxt.lower_ in RECEIVED_NOUNS else "funder"


def _subject(sent: Span, abbrev: Abbreviations) -> str | None:
    """The organisation a sentence opens with ("8.1 The Police and Crime Commissioner ...")."""
    k = 0
    while k < len(sent) and (
        sent[k].is_space or sent[k].is_punct or sent[k].like_num or not sent[k].text[:1].isalpha()
    ):
        k += 1
    name = names.phrase(sent, names.run_starting(sent, k), abbrev)
    return name if names.is_org(name, abbrev) else None


def _funder(ctx: Context) -> tuple[str | None, bool]:
    """(funder, named in the amount's own sentence)."""
    here = _funder_in(ctx.sent, ctx.abbrev)
    if here:
        return here, True
    for sent in ctx.earlier:
        found = _funder_in(sent, ctx.abbrev)
        if found:
            return found, False
    for sent in ctx.earlier:  # the body a funding sentence opens with
        if any(_cue_of(t) in ("strong", "weak") for t in sent):
            subject = _subject(sent, ctx.abbrev)
            if subject:
                return subject, False
    return None, False


def _recipient(ctx: Context) -> tuple[str | None, bool]:
    """(recipient, a body is named as recipient in the amount's own sentence). The name
    is "" for "we have been allocated"."""
    sent, abbrev = ctx.sent, ctx.abbrev
    # "£10,000 to Swale CSP and £12,000 to Dartford CSP": the body right after the amount.
    for k in range(ctx.b, min(len(sent), ctx.b + RECIPIENT_WINDOW)):
        if sent[k].text in _CLAUSE_END:
            break
        if sent[k].lower_ in ("to", "for"):
            name = names.phrase(sent, names.run_starting(sent, k + 1), abbrev)
            if name and (sent[k].lower_ == "to" or names.is_org(name, abbrev)):
                return name, True
    name = _named_recipient(sent, abbrev)
    if name:
        return name, True
    for group, _, e in _verb_groups(sent):  # "awarded the Council £250,000"
        run = names.run_starting(sent, e) if group == "announce" else None
        if run and run[1] == ctx.a:
            return names.phrase(sent, run, abbrev), True
    for sent_ in (sent, *ctx.earlier):
        name = _receiving_subject(sent_, abbrev)
        if name is not None:
            return name, sent_ is sent
    return _label_recipient(ctx), False


@lru_cache(maxsize=4096)
def _named_recipient(sent: Span, abbrev: Abbreviations) -> str | None:
    """A recipient named in the sentence: "allocated to Medway CSP", "grant for Medway",
    "Swale CSP's allocation"."""
    for k, tok in enumerate(sent):
        if _possessive(sent, k) == "recipient":
            name = names.phrase(sent, names.run_ending(sent, k), abbrev)
            if name:
                return name
        gives = k > 0 and (sent[k - 1].lemma_.lower() in GIVE_WORDS or _cue_in(sent[k - 1], abbrev))
        if tok.lower_ in ("to", "for") and gives:
            name = names.phrase(sent, names.run_starting(sent, k + 1), abbrev)
            if name:
                return name
    return None


@lru_cache(maxsize=4096)
def _receiving_subject(sent: Span, abbrev: Abbreviations) -> str | None:
    """The subject of "<body> will receive", "<body> has been awarded"; "" for "we"."""
    for group, s, _ in _verb_groups(sent):
        if group in ("receive", "passive"):
            if s > 0 and sent[s - 1].lower_ in _PRONOUNS:
                return ""
            name = names.phrase(sent, names.run_ending(sent, s), abbrev)
            if name:
                return name
    return None


def _label_recipient(ctx: Context) -> str | None:
    """A table row's label as recipient: the whole label when it is a name, or the body
    after "to" / "for" ("Grant to Swale CSP")."""
    if not ctx.row_label or fiscal_years(ctx.row_label):
        return None
    label = _parse(ctx.row_label)
    runs = names.name_runs(label[:])
    if runs == [(0, len(label))] and not names.is_scheme(ctx.abbrev.expand(label.text)):
        return ctx.abbrev.expand(label.text)
    for k, tok in enumerate(label):
        if tok.lower_ in ("to", "for"):
            name = names.phrase(label[:], names.run_starting(label[:], k + 1), ctx.abbrev)
            if name:
                return name
    return None


def _scheme(ctx: Context) -> str | None:
    """A named grant or fund ("Crime Reduction Grant", "Safer Streets funding")."""
    if ctx.row_label and names.is_scheme(ctx.abbrev.expand(ctx.row_label)):
        return ctx.abbrev.expand(ctx.row_label)
    heading = [_parse(ctx.heading)[:]] if ctx.heading else []
    for sent in (ctx.sent, *ctx.earlier, *ctx.later[:1], *heading):
        found = _scheme_in(sent, ctx.abbrev)
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def _scheme_in(sent: Span, abbrev: Abbreviations) -> str | None:
    for s, e in names.name_runs(sent):
        for j in range(e, s, -1):  # "Crime Reduction Grant" in "... Grant for Medway"
            phrase = abbrev.expand(sent[s:j].text)
            if names.is_scheme(phrase):
                return phrase
        phrase = abbrev.expand(sent[s:e].text)
        nxt = sent[e].lower_ if e < len(sent) else ""
        if nxt in names.SCHEME_HEADS and not names.is_org(phrase, abbrev) and " " in phrase:
            return f"{phrase} {nxt}"
    return None


@lru_cache(maxsize=1024)
def _parse(text: str) -> Doc:
    return nlp()(text)


_PER_DOCUMENT_CACHES = (
    _verb_groups,
    names.name_runs,
    _funder_in,
    _named_recipient,
    _receiving_subject,
    _scheme_in,
    _parse,
)
