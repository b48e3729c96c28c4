"""Where a money expression sits: the context every grant rule reads (cues, parties, schemes)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from extractors.amounts.grants.names import Abbreviations


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
    listed: str | None = None  # the recipient its row of a list of awards names, as written
    awarded: bool = False  # its row's layout says it is an award ("Awarded to:")
