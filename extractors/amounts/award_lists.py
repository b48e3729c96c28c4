"""Lists of awards under a grant heading, for `extractors.amounts`.

    The Commissioner will make the following grant allocations for 2031/32:
    Youth Offending Services
    Northfield Youth Offending Service £120,400
    Southfield Youth Offending Service £98,750
    -> two awards, recipients the line labels; the lead-in gives the grant, its funder
       and its year to each line.

Reports list awards one per row in several layouts; each is an `AwardRow`: the row's own
text (where the amount is read), the recipient its layout names, and the lead-in (the
sentence or heading naming the grant) whose scheme, funder and fiscal year apply to every
row. Layouts:

- allocation lines: "<recipient> £X" (or "<recipient> - £X ...") one per line, two or
  more in a run, under a lead-in line; sub-heading lines may sit between them;
- label/value records: "Amount: / £X / Awarded to: / <recipient> / Purpose: / ..." (a field
  per line or per paragraph, the fields in any order the records share), the run of records
  under a lead-in.

Bulleted items ("• <recipient>: £X") and text-table rows are read by `extractors.amounts.money`
(`item_label`, `block_of`); this module adds the layouts those do not cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extractors.amounts.money import FISCAL_YEAR_RE, MONEY_RE, fiscal_years, line_bounds

# A field label of a record: short, on a line of its own or before the value, ending in ":".
_FIELD_RE = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Za-z '’()/&-]{1,60}?)[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.M)
# Labels of the amount field, and of the field naming who received the money.
AMOUNT_LABEL_RE = re.compile(
    r"^(?:(?:grant|funding|award|total)\s+)?(?:amount|value|sum|award|grant)(?:\s+(?:awarded|granted|allocated|approved))?"
    r"(?:\s*\(£\))?$",
    re.I,
)
RECIPIENT_LABEL_RE = re.compile(
    r"^(?:who\s+received(?:\s+the)?(?:\s+(?:funding|grant|money|award))?|recipients?|(?:name\s+of\s+)?"
    r"(?:organisation|organization|grantee|beneficiary|provider|applicant)(?:\s+name)?|awarded\s+to|paid\s+to)$",
    re.I,
)
MAX_RECORD_PARAGRAPHS = 14  # paragraphs of one record read for its fields
MAX_GAP_PARAGRAPHS = 6  # free paragraphs between two records of one run
MAX_LABEL = 80  # characters of an allocation line's label
MAX_SUBHEADING = 60  # characters of a sub-heading line between allocation lines
MAX_LEAD = 400  # characters of a lead-in
# "<recipient> £X", "<recipient> - £X to ...", "<recipient>: £X": the label before the amount.
_LINE_LABEL_RE = re.compile(
    r"[ \t]*(?:[a-z]\)|[ivx]+\)|\d{1,2}[.)])?[ \t]*(?P<label>[A-Z][^\n£:|]*?)[ \t]*(?:[-–—:|][ \t]*)?$"
)


@dataclass(frozen=True)
class AwardRow:
    """One row of a list of awards: its own text (start, end), the recipient its layout
    names (as written), and the (start, end) of the list's lead-in, if any."""

    start: int
    end: int
    recipient: str | None
    lead: tuple[int, int] | None
    says_received: bool = False  # a record's "Recipient:" or "Awarded to:" field: an award


def award_row(text: str, pos: int) -> AwardRow | None:
    """The award row the amount at `pos` is the amount of, if it sits in such a layout
    (text-table rows, with tabs, are read as tables)."""
    record, first, allocation = _line_rows(text, *line_bounds(text, pos))
    return record or (allocation if pos == first else None)


@lru_cache(maxsize=64)
def _line_rows(text: str, start: int, end: int) -> tuple[AwardRow | None, int, AwardRow | None]:
    """The record row a line is the amount of, else the start of its first amount and the
    allocation row it opens. Read once per line, not once per amount: a line of thousands
    of amounts was read whole for each of them (quadratic)."""
    if "\t" in text[start:end]:
        return None, -1, None
    record = _record_row(text, start)  # a row depends on the line only
    if record is not None:
        return record, -1, None
    found = _line_label(text, (start, end))
    return (None, -1, None) if found is None else (None, found[1], _allocation_line(text, found[1]))


CACHES = (_line_rows,)  # hold a document's text: cleared after each document


# ---------------------------------------------------------------- lines and paragraphs
def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _prev_line(text: str, start: int) -> tuple[int, int] | None:
    """The nearest non-blank line above the line starting at `start`."""
    end = start - 1
    while end > 0:
        s = text.rfind("\n", 0, end) + 1
        if text[s:end].strip():
            return s, end
        end = s - 1
    return None


def _next_line(text: str, end: int) -> tuple[int, int] | None:
    """The nearest non-blank line below the line ending at `end`."""
    start = end + 1
    while start < len(text):
        e = text.find("\n", start)
        e = len(text) if e < 0 else e
        if text[start:e].strip():
            return start, e
        start = e + 1
    return None


# ---------------------------------------------------------------- label/value records
def _field_of(text: str, line: tuple[int, int]) -> tuple[str, str] | None:
    """(label, value on the same line) when the line is a record field "Label:" or "Label: value"."""
    m = _FIELD_RE.match(text, line[0], line[1])
    if not m or m.end() != line[1]:
        return None
    return m.group("label").strip(), m.group("value").strip()


def _amount_field(text: str, pos: int) -> tuple[int, int] | None:
    """The line of the "Amount:" label the amount at `pos` is the value of: on the amount's own
    line ("Amount: £12,500") or the line above, the amount being that line's whole value."""
    line = _line(text, pos)
    own = _field_of(text, line)
    if own and AMOUNT_LABEL_RE.match(own[0]):
        return line
    value = text[line[0] : line[1]].strip()
    found = MONEY_RE.match(value) or re.fullmatch(r"[\d,.]+", value)
    if not found or found.end() != len(value):
        return None
    above = _prev_line(text, line[0])
    field = _field_of(text, above) if above else None
    return above if field and not field[1] and AMOUNT_LABEL_RE.match(field[0]) else None


def _record_row(text: str, pos: int) -> AwardRow | None:
    label = _amount_field(text, pos)
    if label is None:
        return None
    recipient = None
    for line in _record_lines(text, label):
        field = _field_of(text, line)
        if field and RECIPIENT_LABEL_RE.match(field[0]):
            value = field[1] or text[slice(*(_next_line(text, line[1]) or (0, 0)))].strip()
            recipient = value or None
            break
    start, end = _line(text, pos)
    return AwardRow(start, end, recipient, _record_lead(text, label), recipient is not None)


def _record_lines(text: str, label: tuple[int, int]) -> list[tuple[int, int]]:
    """The lines of the record whose "Amount:" field is at `label`. The records of a run repeat
    one order of fields, so the field opening the run opens each record: "Amount: / Recipient:
    / Purpose:" records start at their amount, "Project: / Awarded to: / Amount:" ones above it.
    A run of one record is read from its first field."""
    fields = _run_fields(text, label, _prev_line)[::-1] + _run_fields(text, label, _next_line)[1:]
    keys = [k for k, _ in fields]  # the run's fields, top first
    head = next((k for k in keys if keys.count(k) > 1 or AMOUNT_LABEL_RE.match(k)), None)
    start = label
    if head is None:
        start = fields[0][1]
    elif not AMOUNT_LABEL_RE.match(head):
        start = next((line for k, line in reversed(fields) if k == head and line[0] <= label[0]), label)
    lines, line = [start], start
    for _ in range(MAX_RECORD_PARAGRAPHS):  # its other fields, up to the next record
        below = _next_line(text, line[1])
        if below is None:
            break
        line = below
        field = _field_of(text, line)
        if field and line != label and (_label_key(field[0]) == head or AMOUNT_LABEL_RE.match(field[0])):
            break
        lines.append(line)
    return lines


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


def _run_fields(
    text: str, label: tuple[int, int], step: Callable[[str, int], tuple[int, int] | None]
) -> list[tuple[str, tuple[int, int]]]:
    """(label key, line) of the fields of the run of records around the "Amount:" field at
    `label`, walking from it up (`step` = `_prev_line`) or down (`_next_line`) as
    `_record_lead` walks up. A field past a free paragraph belongs to the run only when
    another amount field lies beyond it."""
    own = _field_of(text, label)
    found = [(_label_key(own[0]) if own else "amount", label)]
    pending: list[tuple[str, tuple[int, int]]] = []
    line, gap = label, 0
    while gap <= MAX_GAP_PARAGRAPHS:
        nxt = step(text, line[0] if step is _prev_line else line[1])
        if nxt is None:
            break
        line = nxt
        field = _field_of(text, line)
        if field and AMOUNT_LABEL_RE.match(field[0]):  # another record of the run
            found += [*pending, (_label_key(field[0]), line)]
            pending, gap = [], 0
        elif field:
            (found if gap == 0 else pending).append((_label_key(field[0]), line))
        elif not _is_value_of_field(text, line):
            gap += 1
    return found


def _record_lead(text: str, label: tuple[int, int]) -> tuple[int, int] | None:
    """The lead-in of the run of records the record labelled at `label` belongs to: the
    first paragraph above the run's first "Amount:" field that is not part of a record.
    A free paragraph just above an "Amount:" field may still be the previous record's
    (its purpose, told at length): the run goes on while another "Amount:" field follows
    within MAX_GAP_PARAGRAPHS free paragraphs."""
    line, lead, gap = label, None, 0
    while gap <= MAX_GAP_PARAGRAPHS:
        above = _prev_line(text, line[0])
        if above is None:
            break
        line = above
        field = _field_of(text, line)
        if field and AMOUNT_LABEL_RE.match(field[0]):  # an earlier record of the run
            lead, gap = None, 0
        elif field or _is_value_of_field(text, line):
            continue
        else:
            lead = lead or line
            gap += 1
    return _lead_at(text, lead) if lead else None


def _is_value_of_field(text: str, line: tuple[int, int]) -> bool:
    """Whether the line is the value of a bare "Label:" line just above it."""
    above = _prev_line(text, line[0])
    field = _field_of(text, above) if above else None
    return field is not None and not field[1]


def _lead_at(text: str, line: tuple[int, int]) -> tuple[int, int] | None:
    body = text[line[0] : line[1]].strip()
    return line if body and len(body) <= MAX_LEAD else None


# ---------------------------------------------------------------- allocation lines
def _line_label(text: str, line: tuple[int, int]) -> tuple[str, int] | None:
    """(label, amount start) of a line "<label> £X ...": a capitalised name before the
    line's first amount, without a sentence's verbs (no full stop, short)."""
    m = MONEY_RE.search(text, line[0], line[1])
    if m is None:
        return None
    lab = _LINE_LABEL_RE.match(text, line[0], m.start())
    if not lab or lab.end() != m.start():
        return None
    label = lab.group("label").strip()
    if (
        not label
        or len(label) > MAX_LABEL
        or "." in label.rstrip(".")[-3:]
        or FISCAL_YEAR_RE.fullmatch(label)
    ):
        return None
    if any(w in label.lower().split() for w in _SENTENCE_WORDS):
        return None
    return label, m.start()


# Words that make the text before an amount a clause rather than a recipient's name.
_SENTENCE_WORDS = frozenset(
    "is are was were be been will would has have had of to the a an for total totalling "
    "approximately around about over under nearly almost".split()
)


def _allocation_line(text: str, pos: int) -> AwardRow | None:
    line = _line(text, pos)
    found = _line_label(text, line)
    if found is None or found[1] != pos:
        return None
    # One of a run: another allocation line above or below (over sub-heading lines).
    run = [line]
    for step in (_prev_line, _next_line_from):
        other = step(text, line[0] if step is _prev_line else line[1])
        while other is not None and _subheading(text, other):
            other = step(text, other[0] if step is _prev_line else other[1])
        if other is not None and _line_label(text, other):
            run.append(other)
    if len(run) < 2:
        return None
    return AwardRow(line[0], line[1], found[0], _allocation_lead(text, line))


def _next_line_from(text: str, end: int) -> tuple[int, int] | None:
    return _next_line(text, end)


def _subheading(text: str, line: tuple[int, int]) -> bool:
    """A short capitalised line without an amount or end punctuation ("Youth Justice Services")."""
    body = text[line[0] : line[1]].strip()
    return (
        0 < len(body) <= MAX_SUBHEADING
        and body[:1].isupper()
        and body[-1] not in ".;:,"
        and MONEY_RE.search(body) is None
    )


def _allocation_lead(text: str, line: tuple[int, int]) -> tuple[int, int] | None:
    """The lead-in of the run of allocation lines holding `line`: from the line above the
    run to the run's first allocation line, so with any sub-headings in between."""
    first, top, above = line, line, _prev_line(text, line[0])
    while above is not None and (_line_label(text, above) or _subheading(text, above)):
        first = above if _line_label(text, above) else first
        top, above = above, _prev_line(text, above[0])
    end = text.rfind("\n", 0, first[0])
    if above is None:  # the run opens the text: its heading ("Community safety grants 2026/27")
        return _lead_at(text, (top[0], end)) if top[0] < first[0] else None
    return _lead_at(text, (above[0], max(above[1], end)))


# ---------------------------------------------------------------- the paper's own year
MAX_TITLE_LINES = 6  # non-blank lines read at the top of a paper for its title
MAX_TITLE = 120  # characters of a title line


def document_year(text: str, title: str | None = None) -> str | None:
    """The one fiscal year a paper's title names ("Partnership Spending 2016/17", "Annual
    Report 2023 - 2024"): the year of its grants that state none. None when the title
    lines name no year or several."""
    lines = [title or ""]
    for raw in text.splitlines():
        if len(lines) > MAX_TITLE_LINES:
            break
        if raw.strip():
            lines.append(raw.strip())
    titles = [line for line in lines if len(line) <= MAX_TITLE and "£" not in line and not line.endswith(".")]
    years = {y for line in titles for _, _, y in fiscal_years(line)}
    return years.pop() if len(years) == 1 else None
