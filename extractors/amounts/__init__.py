"""Money amounts, and which of them are grants: one `Amount` per money expression.

    "The Commissioner has confirmed that the Partnership will be given a grant of
    £62,500 for 2027-28."
    -> £62,500, is_grant, fiscal_year 2027-28, funder Commissioner, recipient the
       partnership the paper names ("Safer Eastmere Partnership").

Values come from `_money` (exact Decimals). Whether an amount is a grant (`_grant_cues`),
and its fiscal year, funder, recipient and scheme (`_grant_parties`), come from its
sentence, the earlier sentences of its paragraph (reports often name the funder a
sentence before the figure), in tables the row label and column header, and in an
itemised list the item's label and the list's lead-in ("The Welsh Government has
confirmed the following grants for 2023-24: • Housing element: £1.5m"). Line wraps and
their indentation (PDF text) read as spaces.
A sentence joining two awards (", and", ";") is read clause by clause, and a figure given
for comparison ("a reduction from £45,000 in 2020/21") is the same grant stream, while the
size of a change ("a reduction of £310,000 on 2019/20") is no grant (`_grant_changes`).
Abbreviations are expanded where the paper defines them (common ones such as "PCC" even
when it does not); "the Council" and "the Partnership" become the paper's own council and
partnership when it names them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span

from extractors.amounts import award_lists
from extractors.amounts.award_lists import AwardRow, award_row, document_year
from extractors.amounts.grants import cues, parties, schemes
from extractors.amounts.grants.changes import is_difference, is_threshold, split_after_scaled_amounts
from extractors.amounts.grants.clauses import clause, pounds_between
from extractors.amounts.grants.context import Context
from extractors.amounts.grants.cues import cue_of, grant_cue
from extractors.amounts.grants.home import home_bodies, resolve_home
from extractors.amounts.grants.names import Abbreviations
from extractors.amounts.grants.schemes import scheme_of
from extractors.amounts.money import (
    MoneyMatch,
    block_of,
    cell_contexts,
    fiscal_years,
    flatten,
    heading_before,
    item_label,
    list_lead_in,
    money_expressions,
)
from extractors.common.nlp import parse
from schemas.document import Document
from schemas.records import Amount

# "of which £3,000 went on to the Council": part of the amount before it.
PARTITIVE = frozenset({"which", "this", "that", "these", "it"})
TOTALLING = frozenset({"totalling", "totaling", "totalled", "totals", "total"})
PARTITIVE_WINDOW = 5  # tokens before the amount: "of which, in 2024/25, £X"
SPENT_WINDOW = 3  # tokens before the amount: "has spent £X from"
MAX_LIST_DEPTH = 3  # lead-ins of nested lists read for one item
# Earlier sentences of the paragraph read for an amount's funder, recipient and year; a bound
# so that a run-on "paragraph" of thousands of amounts (a flattened table) stays linear.
MAX_EARLIER = 25
MAX_LATER = parties.MAX_OWNER_SENTENCES  # later sentences: the most any rule reads
# "£40,000 for 2021/22, a reduction from £45,000 in 2020/21": an earlier or later figure
# of the same grant, given for comparison.
COMPARISON_WORDS = frozenset(
    "reduction reduced decrease decreased increase increased rise rose fall fell cut drop dropped "
    "compared comparison previous previously".split()
)
DIRECTIONS = frozenset({"up", "down"})  # "up from £X", "down on £X"; not "up to £X"
COMPARISON_WINDOW = 4  # tokens before the amount: "a reduction from", "compared with"


def extract(doc: Document) -> list[Amount]:
    text = doc.text
    matches = money_expressions(text)
    if not matches:
        return []
    try:
        return _amounts(doc, matches, Abbreviations(text))
    finally:
        for cached in (
            *parties.CACHES,
            *schemes.CACHES,
            *award_lists.CACHES,
            _span_years,
        ):  # they hold this document's spans
            cached.cache_clear()


def _amounts(doc: Document, matches: list[MoneyMatch], abbrev: Abbreviations) -> list[Amount]:
    text, cells = doc.text, cell_contexts(doc.tables)
    blocks: dict[tuple, list[MoneyMatch]] = {}
    rows: dict[tuple, AwardRow] = {}  # blocks that are rows of a list of awards
    for m in matches:
        award = award_row(text, m.start)
        key = (award.start, award.end, None, None) if award else block_of(text, m.start)
        if award:
            rows[key] = award
        blocks.setdefault(key, []).append(m)
    out: list[Amount] = []
    home = home_bodies(text, doc.meta.council, abbrev)
    parent, parent_end = None, -1  # the latest grant, for "of which £X", "Of this, £X"
    for (start, end, header, label), group in blocks.items():
        flat, offsets = flatten(text[start:end])
        parsed = split_after_scaled_amounts(parse(flat))
        split = _Sentences.of(parsed)
        listed = rows.get((start, end, header, label))
        intro = _lead_sentences(text, listed.lead) if listed else _intro(text, start)
        if parent_end < 0 or text[parent_end:start].strip():
            parent = None  # only this paragraph's or the one just before
        for m in group:
            head, row = header, label
            if head is None and row is None and cells:  # a PDF table cell
                head, row = cells.get((doc.page_of(m.start) or 0, " ".join(m.raw.split())), (None, None))
            row = row or item_label(text, start, m.start)
            where = _Where(offsets[m.start - start], offsets[m.end - start], head, row, intro)
            ctx = _context(parsed, where, abbrev, heading_before(text, start), home, split, listed)
            if is_difference(ctx.sent, ctx.a, ctx.b):  # "a reduction of £X on 2019/20"
                out.append(_plain(m))
                continue
            earlier = out[-1] if out and out[-1].char_end > start and _compared(ctx) else None
            if earlier is not None and earlier.is_grant:
                out.append(_compared_amount(m, ctx, earlier))
                continue
            # "£8,000 to X and £5,600 to Y": a grant's sibling in the same sentence
            sibling = (
                bool(out)
                and out[-1].is_grant
                and out[-1].char_end > start
                and _same_sentence(ctx, out[-1], start, offsets)
            )
            out.append(_amount(m, ctx, parent if _partitive(ctx) else None, sibling))
            parent = out[-1] if out[-1].is_grant else parent
        parent_end = end
    return _paper_context(sorted(out, key=lambda r: r.char_start), document_year(text, doc.meta.title))


def _paper_context(rows: list[Amount], year: str | None) -> list[Amount]:
    """What the paper as a whole says of grants that say nothing of it themselves: the one
    fiscal year its title names ("Community Grants Awarded 2025/26"), and the funder of the
    nearest grant before, else after, that names one (a page of awards from one funder
    names it once, not always first)."""
    own = [row.funder if row.is_grant else None for row in rows]
    before: list[str | None] = []
    after: list[str | None] = [None] * len(rows)
    last: str | None = None
    for f in own:
        before.append(last)
        last = f or last
    last = None
    for k in range(len(rows) - 1, -1, -1):
        after[k], last = last, own[k] or last
    out = []
    for k, row in enumerate(rows):
        if row.is_grant:
            if row.fiscal_year is None and year:
                row = replace(row, fiscal_year=year)
            funder = before[k] or after[k]
            if row.funder is None and funder and (row.recipient or "").lower() != funder.lower():
                row = replace(row, funder=funder)
        out.append(row)
    return out


class _Where(NamedTuple):
    """An amount's flat-text span in its block, its table or list-item context, and the
    sentences of the lead-in of the list it is an item of."""

    s: int
    e: int
    header: str | None
    label: str | None
    intro: tuple[Span, ...]


def _intro(text: str, start: int) -> tuple[Span, ...]:
    """The sentences of the lead-ins of the list item at `start`, nearest first: its list's,
    and when that is an item of a list too ("• from the Home Office:"), that list's."""
    out: list[Span] = []
    for _ in range(MAX_LIST_DEPTH):
        bounds = list_lead_in(text, start)
        if bounds is None:
            break
        out.extend(list(cues.parse(text[slice(*bounds)]).sents)[::-1])
        start = bounds[0]
    return tuple(out)


class _Sentences(NamedTuple):
    """A block's sentences and their start offsets, found once per block."""

    sents: list[Span]
    starts: list[int]

    @classmethod
    def of(cls, parsed: Doc) -> _Sentences:
        sents = list(parsed.sents) or [parsed[:]]
        return cls(sents, [x.start_char for x in sents])

    def index_of(self, s: int) -> int:
        """The sentence holding flat offset s (the last one when none does)."""
        i = bisect_right(self.starts, s) - 1
        return i if i >= 0 and s < self.sents[i].end_char else len(self.sents) - 1


def _lead_sentences(text: str, lead: tuple[int, int] | None) -> tuple[Span, ...]:
    """The sentences of a list of awards' lead-in, nearest (last) first."""
    return tuple(list(cues.parse(text[slice(*lead)]).sents)[::-1]) if lead else ()


def _context(
    parsed: Doc,
    where: _Where,
    abbrev: Abbreviations,
    heading,
    home,
    split: _Sentences,
    listed: AwardRow | None = None,
) -> Context:
    s, e = where.s, where.e
    sents = split.sents
    i = split.index_of(s)
    sent = sents[i]
    span = parsed.char_span(s, e, alignment_mode="expand")
    a, b = (span.start - sent.start, span.end - sent.start) if span is not None else (0, 0)
    earlier = sents[max(0, i - MAX_EARLIER) : i][::-1] + list(where.intro)
    return Context(
        sent,
        a,
        b,
        earlier,
        sents[i + 1 : i + 1 + MAX_LATER],  # bounded: a copy of all the rest per amount was quadratic
        abbrev,
        where.header,
        where.label,
        heading,
        home,
        where.intro,
        listed.recipient if listed else None,
        bool(listed and listed.says_received),
    )


def _same_sentence(ctx: Context, row: Amount, start: int, offsets: list[int]) -> bool:
    """Whether the amount `row` (of the block starting at `start`) is in ctx's sentence."""
    at = offsets[row.char_start - start]
    return ctx.sent.start_char <= at < ctx.sent.end_char


def _amount(m: MoneyMatch, ctx: Context, parent: Amount | None, sibling: bool = False) -> Amount:
    """`parent` is the grant an "of which £X" amount is part of; `sibling` says a grant
    comes before it in its sentence."""
    if is_threshold(ctx.sent, ctx.a):  # "grants of up to £5,000": a scheme's cap, no award
        return _record(m, is_grant=False, fiscal_year=_fiscal_year(ctx, False))
    cue, local = grant_cue(ctx), parties.phrase_after(ctx)
    if cue is None and sibling and local.recipient:  # "..., £8,000 to X and £5,600 to Y"
        cue = "weak"
    if cue is None and ctx.awarded:
        cue = "strong"
    # "made up of £7,000 from the Commissioner": money from a named body is an award to
    # whoever holds it, unless the words around it call it a cost ("spent £X from").
    sourced = bool(local.funder) and not local.spent and not _spent_before(ctx)
    passed_on = parent is not None and parent.recipient is not None
    funder = recipient = scheme = None
    is_grant = False
    if cue in ("strong", "weak") or sourced or passed_on:
        recipient, recipient_here = parties.recipient_of(ctx, local)
        recipient = resolve_home(recipient, ctx.home or {})
        # passed on by the body the parent went to (`passed_on` implies a parent)
        if parent is not None and passed_on and not local.funder:
            funder, funder_here = parent.recipient, True
        else:
            funder, funder_here = parties.funder_of(ctx, local, recipient)
        funder = resolve_home(funder, ctx.home or {})
        if funder and recipient and funder.lower() == recipient.lower():
            funder = None
        # Money received from a named funder is a funding award even when the sentence
        # names neither ("The application succeeded and £12,000 will be received").
        received = parties.receives(ctx.sent)
        if cue in ("strong", "weak"):
            is_grant = cue == "strong" or recipient_here or (funder is not None and (funder_here or received))
            # "£3m has been shared out in the third round of the Quiet Lanes Fund": a named fund
            named_fund = bool(local.scheme or schemes.scheme_in_clause(ctx))
            is_grant = is_grant or (cue == "weak" and named_fund and not cues.says_not(ctx))
        is_grant = is_grant or sourced or (passed_on and recipient_here)
        scheme = scheme_of(ctx, local) if is_grant else None
        if is_grant and funder is None and scheme:  # the body the paper says runs the scheme
            funder = resolve_home(parties.scheme_owner(ctx, scheme, recipient), ctx.home or {})
        if scheme and funder and scheme.lower() == funder.lower():
            scheme = None  # a fund that is itself the funder ("Youth Endowment Fund")
    return _record(
        m,
        is_grant=bool(is_grant),
        fiscal_year=_fiscal_year(ctx, bool(is_grant))
        or (parent.fiscal_year if parent is not None and passed_on and is_grant else None),
        funder=funder if is_grant else None,
        recipient=(recipient or None) if is_grant else None,
        scheme=scheme,
    )


def _partitive(ctx: Context) -> bool:
    """ "of which £X", "Of this, £X": the amount is part of one named before it."""
    sent = ctx.sent
    for k in range(ctx.a - 1, max(0, ctx.a - 1 - PARTITIVE_WINDOW), -1):
        # "the last two of these awards, together totalling £X": the sum of those grants, not a part
        if sent[k].text in ("£", ";") or sent[k].lower_ in TOTALLING:
            return False
        if sent[k].lower_ in PARTITIVE and sent[k - 1].lower_ == "of":
            return True
    return False


def _compared(ctx: Context) -> bool:
    """ "a reduction from £X", "compared with £X": a figure set against an amount before it
    in the same sentence."""
    sent, a = ctx.sent, ctx.a
    window = sent[max(0, a - COMPARISON_WINDOW) : a]
    hit = next((t.i - sent.start for t in window if _compares(t)), None)
    return hit is not None and pounds_between(sent, 0, hit) > 0


def _compares(tok) -> bool:
    nxt = tok.nbor().lower_ if tok.i + 1 < len(tok.doc) else ""
    return tok.lower_ in COMPARISON_WORDS or (tok.lower_ in DIRECTIONS and nxt in ("from", "on"))


def _record(m: MoneyMatch, **context) -> Amount:
    """The Amount row for a money expression, with its grant context."""
    value_max = float(m.value_max) if m.value_max is not None else None
    return Amount(m.start, m.end, m.raw, float(m.value), value_gbp_max=value_max, **context)


def _plain(m: MoneyMatch) -> Amount:
    """An amount that is no grant and of no one year: the size of a change."""
    return _record(m, is_grant=False)


def _compared_amount(m: MoneyMatch, ctx: Context, grant: Amount) -> Amount:
    """The same grant stream as `grant`, in the year this figure is given for."""
    return _record(
        m,
        is_grant=True,
        fiscal_year=_compared_year(ctx),
        funder=grant.funder,
        recipient=grant.recipient,
        scheme=grant.scheme,
    )


def _compared_year(ctx: Context) -> str | None:
    """The year a comparison figure is for, only when given with it ("£45,000 in 2020/21");
    the sentence's other years belong to the amount it is set against."""
    sent, a = ctx.sent, ctx.a
    lo = next((k for k in range(a - 1, max(-1, a - 1 - COMPARISON_WINDOW), -1) if _compares(sent[k])), a)
    hi = next((k for k in range(ctx.b, len(sent)) if sent[k].text in ("£", ";")), len(sent))
    years = fiscal_years(sent[lo:hi].text)
    return years[0][2] if years else None


def _spent_before(ctx: Context) -> bool:
    """ "spent £X from ...", "a cost of £X from ...": a cost cue just before the amount."""
    return any(cue_of(t) == "not" for t in ctx.sent[max(0, ctx.a - SPENT_WINDOW) : ctx.a])


@lru_cache(maxsize=4096)
def _span_years(span: Span) -> tuple[tuple[int, int, str], ...]:
    """`fiscal_years` of a sentence, cached: a sentence is read once per amount it holds."""
    return fiscal_years(span.text)


def _fiscal_year(ctx: Context, is_grant: bool) -> str | None:
    """The fiscal year nearest the amount in its clause, else its sentence; for a grant,
    else the latest one in the sentences before it; else its table column header or row label."""
    sent = ctx.sent
    offset = sent[ctx.a].idx - sent.start_char if len(sent) > ctx.a else 0
    lo, hi = clause(sent, ctx.a, ctx.b)
    every = _span_years(sent)  # once per sentence, not once per amount or clause
    for first, last in ((lo, hi), (0, len(sent))):
        start = sent[first].idx - sent.start_char if first < len(sent) else len(sent.text)
        end = sent[last - 1].idx + len(sent[last - 1]) - sent.start_char if last > first else start
        years: Sequence[tuple[int, int, str]] = [y for y in every if start <= y[0] and y[1] <= end]
        if years:
            nearest = min(years, key=lambda y: min(abs(y[0] - offset), abs(y[1] - offset)))
            return nearest[2]
    for earlier in ctx.earlier if is_grant else []:
        years = _span_years(earlier)
        if years:
            return years[-1][2]
    for extra in (ctx.header, ctx.row_label, ctx.heading if is_grant else None):
        years = fiscal_years(extra or "")
        if years:
            return years[0][2]
    return None
