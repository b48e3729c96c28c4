"""Legislation mentions: Acts, statutory instruments, Bills and retained EU law.

One record per mention (per provision, when a mention lists several: "sections 1, 22
and 63 of the Act" gives sections 1, 22 and 63 on three rows with one span). From "the partnership meets its duty under Sections 6-7 of the Crime and
Disorder Act 1998" comes title "Crime and Disorder Act 1998", provision "sections 6-7",
legislation_id "ukpga/1998/37", mention "Sections 6-7 of the Crime and Disorder Act 1998".

How a paper is read:
1. titles, from each head word (Act, Regulations, Order, Rules, Bill, Measure) leftwards
   (`_legislation_titles`), and SI numbers cited beside them ("(SI 2007/1830)");
2. short forms the gazetteer lists ("UK GDPR"), abbreviations the paper defines
   ("(PCSC Act)"), initials of an Act the paper names ("PRSRA 2011"), SI and EU numbers
   cited on their own, and back-references ("the 1998 Act", "the draft Bill");
3. provisions before ("Regulation 5 of ...") or after ("..., section 81") a mention
   (`_legislation_provisions`), and provisions on their own next to the instrument they
   belong to ("Regulation 10 requires ...", "... under section 76", "s17 requires");
4. ids come from the gazetteer, an SI number or a legislation.gov.uk URL the paper cites
   by the title, never from a guess. A title without its year takes the year the paper
   gives the same title elsewhere; else only a distinctive Act title ("Clean
   Neighbourhoods and Environment Act") is looked up, never "the Licensing Act" (1964?
   2003?), unless the paper's year settles which Act of the title it means. A year one
   digit off the only Act of a distinctive title is a misprint ("Localism Act
   2001"), and an abbreviation may carry the year ("Licensing Act (LA 2003)").
   An unknown title keeps its title and year with a null id.

An SI number with no title beside it and no gazetteer entry still has its id
(`uksi/2023/1234`); its title is the citation as normalised ("SI 2023/1234"), like an EU
number the gazetteer lacks, because every row names what it cites.
"""

from __future__ import annotations

import re
from functools import partial

from extractors.legislation.citations import (
    SICitation,
    attach_si_numbers,
    find_eu_citations,
    find_si_citations,
    si_follows,
    si_mentions,
    url_ids,
    url_spans,
)
from extractors.legislation.gazetteer import Instrument, bare_key, by_paper_year, title_key
from extractors.legislation.paper_date import paper_year
from extractors.legislation.provisions import (
    attach_provisions,
    find_standalone_provisions,
    split_provision,
)
from extractors.legislation.refs import (
    Coverage,
    Mention,
    find_backrefs,
    find_definitions,
    find_initialisms,
    find_short_forms,
    resolve_backrefs,
    years_from_definitions,
)
from extractors.legislation.titles import HEAD, title_at
from schemas.document import Document
from schemas.records import LegislationMention


def extract(doc: Document) -> list[LegislationMention]:
    text = doc.text or ""
    # A mention citing a list of provisions gives one row per provision ("ss. 17 and 115").
    return [
        _record(text, m, provision)
        for m in _mentions(text, paper_year(doc))
        if m.title
        for provision in split_provision(m.provision)
    ]


def _mentions(text: str, year: int | None = None) -> list[Mention]:
    urls = url_spans(text)
    in_url = Coverage(len(text), urls)
    citations = find_si_citations(text, in_url)
    mentions = _titles(text, in_url, citations)
    loose_citations = attach_si_numbers(text, mentions, citations)
    years_from_definitions(text, mentions)
    _resolve_in_paper(mentions, text, year)
    aliases, definitions = find_definitions(text, mentions)
    in_definition = Coverage(len(text), definitions)
    mentions = [m for m in mentions if not in_definition.overlaps(m.start, m.end)]
    by_key = {title_key(a): inst for a, inst in aliases.items()}
    for m in mentions:
        if m.inst is None and m.written_key in by_key:
            m.inst = by_key[m.written_key]
    cited = [m.cited_si for m in mentions if m.cited_si]
    taken = Coverage(len(text), [(m.start, m.end) for m in mentions] + urls + definitions + cited)
    mentions += find_short_forms(text, mentions, aliases, taken)
    mentions += find_initialisms(text, mentions, taken)
    mentions += si_mentions(loose_citations, taken)
    mentions += find_eu_citations(text, taken)
    mentions += find_backrefs(text, taken)
    mentions = resolve_backrefs(sorted(mentions, key=lambda m: m.start))
    attach_provisions(text, mentions)
    mentions += find_standalone_provisions(text, mentions)
    return sorted(mentions, key=lambda m: (m.span_start, m.end))


def _titles(text: str, in_url: Coverage, citations: list[SICitation]) -> list[Mention]:
    si_after = partial(si_follows, text, citations=citations)
    found = (title_at(text, h, si_after) for h in HEAD.finditer(text) if not in_url.overlaps(*h.span()))
    return _dedupe([m for m in found if m])


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping titles ("... Act 2008 (Regulated Activities) Regulations")."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out


def _resolve_in_paper(mentions: list[Mention], text: str, paper_year: int | None) -> None:
    """Ids from cited URLs; a title without its year from the same title with one year,
    else from the paper's own year when that settles which Act of the title it means."""
    by_url = url_ids(text, mentions)
    with_year: dict[str, set[Instrument]] = {}
    for m in mentions:
        if m.inst is None and m.written_key in by_url:
            m.inst = Instrument(by_url[m.written_key], m.written_title, m.year, m.kind)
        inst = m.inst or (Instrument(None, m.written_title, m.year, m.kind) if m.year else None)
        if inst is not None and inst.year:
            with_year.setdefault(bare_key(inst.title), set()).add(inst)
    for m in mentions:
        same = with_year.get(bare_key(m.written_title), set())
        if (
            m.year is None
            and not m.year_doubted
            and (m.inst is None or m.inst.year is None)
            and len(same) == 1
        ):
            m.inst = next(iter(same))  # "Housing Act 1985 ... the Housing Act" and no other year
        elif m.year is None and not m.year_doubted and m.inst is None and not same:
            m.inst = by_paper_year(m.written_title, paper_year)  # "the Policing and Crime Act" in 2019


def _record(text: str, m: Mention, provision: str | None) -> LegislationMention:
    inst = m.inst
    return LegislationMention(
        char_start=m.span_start,
        char_end=m.end,
        mention=text[m.span_start : m.end],
        title=re.sub(r"^the\s+", "", inst.title if inst else m.written_title, flags=re.IGNORECASE),
        year=(inst.year if inst else None) or m.year,
        kind=inst.kind if inst else m.kind,
        provision=provision,
        legislation_id=inst.legislation_id if inst else None,
    )
