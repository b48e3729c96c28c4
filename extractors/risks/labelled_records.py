"""Registers written as labelled records instead of a table: one "Label: value" line per field.

Some reports list each risk (or action, or project) as a block of labelled lines, blocks
separated by blank lines:

    Risk: Failure to secure match funding
    Rating: C2
    Control: Bids submitted to two funders

This module finds runs of such records and returns their fields with the span of each
value; which labels matter and what they mean is the caller's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.common.tables import Cell, make_cell, merge
from extractors.common.text import line_spans

# "Risk rating (L x I): 3 x 4 = 12" — a short capitalised label, a colon, the value;
# maybe indented, as records listed under a heading often are.
LABEL_LINE = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Za-z0-9 /&'()×*.-]{0,48}?)\s*:(?:\s+|$)(?P<value>.*)$")
MAX_LABEL_WORDS = 6


@dataclass
class Field:
    label: str
    role: str | None  # the caller's name for the label; None for a label it does not know
    cell: Cell | None  # the value, continuation lines joined


Record = list[Field]


def label_of(line: str) -> tuple[str, int] | None:
    """(label, offset of the value in the line) for a "Label: value" line."""
    m = LABEL_LINE.match(line)
    if m is None or len(m.group("label").split()) > MAX_LABEL_WORDS:
        return None
    return m.group("label"), m.start("value")


def labelled_runs(
    text: str,
    role: Callable[[str], str | None],
    stop: Callable[[str], bool],
    key: str,
) -> list[list[Record]]:
    """Runs of records. A run starts at a line whose label has a role and ends at a line
    after a blank line that is not a known label, or where `stop` says so. A record ends
    where its first role or the `key` role comes round again; an unlabelled line continues
    the field above it (a wrapped value, or a list under "Controls:")."""
    runs: list[list[Record]] = []
    run: list[Record] | None = None
    blank = False
    for s, e in line_spans(text):
        line = text[s:e]
        if not line.strip():
            blank = True
            continue
        found = None if stop(line) else label_of(line)
        label, at = found if found else (None, 0)
        r = role(label) if label else None
        value = make_cell(text, s + at, e)
        if r is not None:
            if run is None:
                run = [[]]
                runs.append(run)
            _add_known_field(run, Field(label or "", r, value), key)
        elif run is not None and not stop(line) and not (blank and run[-1][-1].cell is not None):
            _add_other_line(run[-1], label, value)
        else:
            run = None
        blank = False
    return runs


def _add_known_field(run: list[Record], field: Field, key: str) -> None:
    """The field joins the last record, or starts the next one when the record already has
    this field and it is the record's first or the `key` field."""
    rec = run[-1]
    if rec and any(f.role == field.role for f in rec) and field.role in (rec[0].role, key):
        run.append(rec := [])
    rec.append(field)


def _add_other_line(rec: Record, label: str | None, value: Cell | None) -> None:
    """A label the caller does not know stays a field of its own; an unlabelled line
    continues the field above."""
    if label is not None:
        rec.append(Field(label, None, value))
    else:
        rec[-1].cell = merge(rec[-1].cell, value)
