"""Pure parsing for `extractors.amounts`: sterling money expressions, fiscal years, and
where an amount sits (paragraph, table cell, column header, heading).

Finds "£73,250", "£1.3m", "£26million", "£650 million", "£1.2bn", "£45k", "50p",
"GBP 5,000", "5,000 pounds", ranges where one scale word covers both ends
("£9.5 to £13 billion") and bare figures in a column headed "£000". Values are Decimals,
so "£1.3m" is exactly 1300000.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extractors.common.tables import cell_spans

SCALES: dict[str, Decimal] = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}

# No leading zeros: "£000" and "£'000" are column headers of finance tables, not amounts.
# A digit or ",digit" after the number means a malformed figure, not a shorter one.
_NUM = r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?(?!\d|,\d)"


def _scale(g: str) -> str:
    """Optional scale word after a number, captured as <g>w (word), <g>a (abbreviation), <g>b."""
    # Scale words may wrap onto the next line ("£650\nmillion"); letter abbreviations
    # sit on the same line; a bare "b" only when attached ("£2b").
    return (
        rf"(?:[ \n]?(?P<{g}w>thousand|million|billion|trillion)"
        rf"|[ ]?(?P<{g}a>bn|mn|m|k)|(?P<{g}b>b))(?![A-Za-z0-9])"
    )


def _pound(g: str) -> str:
    return rf"£[ ]?(?P<{g}n>{_NUM})(?:{_scale(g + 's')})?"


_ONE = _pound("a")
_TWO_POUND = _pound("b")
# The upper end of a range needs its own "£" or a scale word, else "£5 - 6 people" would pass.
_TWO_BARE = rf"(?P<cn>{_NUM}){_scale('cs')}"
_JOIN = r"[ \n]?(?:-|–|—|to|and)[ \n]?"
MONEY_RE = re.compile(
    rf"(?:{_ONE}(?:(?P<join>{_JOIN})(?:{_TWO_POUND}|{_TWO_BARE}))?)"
    rf"|(?<![\w.,£])(?:GBP|gbp)[ ]?(?P<gn>{_NUM})(?:{_scale('gs')})?"
    rf"|(?<![\w.,£])(?P<wn>{_NUM})(?:{_scale('ws')})?[ ]?(?:pounds|GBP)(?![A-Za-z])"
    rf"|(?<![\w.,£/-])(?P<pn>\d{{1,3}}(?:\.\d+)?)(?:p|[ ]pence)(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# "2026-27", "2024-2025", "2013/14", "2013–2014", "2024-5"; the years must be consecutive.
# A one-digit end is no date's month ("2024-5-1").
FISCAL_YEAR_RE = re.compile(r"(?<![\d/])((?:19|20)\d\d)\s?[-/–—]\s?(\d{4}|\d\d|\d(?![-./]\d))(?![\d/])")


# "cut by £20,000 to £180,000", "rose from £40,000 to £45,000": a change and where it ends,
# two amounts; unlike "range from £500 to £1 million".
_CHANGE_BEFORE_RE = re.compile(
    r"(?:\bby|\b(?:ris(?:e|es|en)|rose|f[ae]ll(?:s|en)?|(?:in|de)creas(?:e|ed|es)|reduc(?:e|ed|es|tion)|"
    r"cut|dropped|up|down|chang(?:e|ed)|mov(?:e|ed))\s+from)\s*$",
    re.IGNORECASE,
)
CHANGE_LOOKBACK = 24  # characters before the range


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    raw: str
    value: Decimal
    value_max: Decimal | None = None


def _number(s: str | None) -> Decimal | None:
    if not s:
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def _scale_of(m: re.Match, g: str) -> Decimal | None:
    word = m.group(f"{g}w") or m.group(f"{g}a") or m.group(f"{g}b")
    return SCALES[word.lower()] if word else None


def _range_values(m: re.Match) -> tuple[Decimal, Decimal | None, int] | None:
    """(low, high, end) for a range match, None when the second part is not an upper bound."""
    low, low_scale = _number(m.group("an")), _scale_of(m, "as")
    if m.group("bn"):
        high, high_scale, end = _number(m.group("bn")), _scale_of(m, "bs"), m.end()
    else:
        high, high_scale, end = _number(m.group("cn")), _scale_of(m, "cs"), m.end()
    if low is None or high is None:
        return None
    join = m.group("join").strip().lower()
    before = m.string[max(0, m.start() - 8) : m.start()].lower()
    if join == "and" and not before.rstrip().endswith("between"):
        return None
    if join != "and" and _CHANGE_BEFORE_RE.search(m.string[max(0, m.start() - CHANGE_LOOKBACK) : m.start()]):
        return None
    # "£9.5 to £13 billion": the one scale word covers both ends when that keeps low <= high.
    if low_scale is None and high_scale is not None and low <= high:
        low_scale = high_scale
    low_v = low * (low_scale or 1)
    high_v = high * (high_scale or 1)
    if high_v <= low_v:
        return None
    return low_v, high_v, end


def _single(m: re.Match) -> MoneyMatch | None:
    """A match without a range part: "£1.3m", "GBP 5,000", "5,000 pounds", "50p"."""
    for g in ("a", "g", "w"):
        n = _number(m.group(f"{g}n"))
        if n is not None:
            return MoneyMatch(m.start(), m.end(), m.group(0), n * (_scale_of(m, f"{g}s") or 1))
    n = _number(m.group("pn"))
    if n is None:
        return None
    return MoneyMatch(m.start(), m.end(), m.group(0), n / 100)


def find_money(text: str) -> list[MoneyMatch]:
    """Every money expression in `text`, in order, with exact Decimal values (>= 0)."""
    out: list[MoneyMatch] = []
    pos = 0
    while True:
        m = MONEY_RE.search(text, pos)
        if m is None:
            return out
        if m.group("join"):
            rng = _range_values(m)
            if rng is not None:
                low, high, end = rng
                out.append(MoneyMatch(m.start(), end, text[m.start() : end], low, high))
                pos = end
                continue
            # Not a range: keep the first amount and rescan from its end for the second.
            m = MONEY_RE.match(text[: m.start("join")], m.start()) or m
        single = _single(m)
        if single is not None:
            out.append(single)
            pos = single.end
        else:
            pos = m.end()


@lru_cache(maxsize=4096)
def fiscal_years(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, "YYYY-YY") for each fiscal year written as two consecutive years."""
    out = []
    for m in FISCAL_YEAR_RE.finditer(text):
        first, second = int(m.group(1)), m.group(2)
        if (first + 1) % (10 ** len(second)) != int(second):
            continue
        out.append((m.start(), m.end(), f"{first}-{(first + 1) % 100:02d}"))
    return tuple(out)


# ---------------------------------------------------------------- tables and paragraphs
# Text tables keep cells apart with tabs. A column headed "£", "(£)", "£000" or "£m"
# holds bare figures that are amounts in that unit.
_MONEY_HEADER_RE = re.compile(r"(?:^|[\s(])£\s?(?P<unit>'?000s?|k|m|bn)?\)?\s*$", re.IGNORECASE)
_HEADER_UNITS = {
    "000": Decimal(1000),
    "'000": Decimal(1000),
    "000s": Decimal(1000),
    "'000s": Decimal(1000),
    "k": Decimal(1000),
    "m": SCALES["m"],
    "bn": SCALES["bn"],
}
_CELL_FIGURE_RE = re.compile(rf"^\(?-?(?P<n>{_NUM})\)?$")
# A new paragraph starts at a blank line, a numbered paragraph ("8.2 ", "9. ") or a bullet,
# indented or not.
_PARA_START_RE = re.compile(r"\n(?= *(?:\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}\.\s|• ))")
_BULLET_RE = re.compile(r" *• ")
# "• Housing Support Grant element: £1.5m": the words before the amount label it, as a
# table row's first cell does.
_ITEM_LABEL_RE = re.compile(r" *• (?P<label>[^:£•\t]{2,120}?)\s*(?::|–|—|\s-)\s*$")
# A line going on with a lower-case word (not a list marker such as "a)" or "iv.").
_CONTINUATION_RE = re.compile(r" *[a-z]+[ ,;]")
MAX_LIST_ITEMS = 40  # items walked back over to find a list's lead-in
MAX_HEADING = 120  # characters
# PDF text wraps lines mid-sentence and indents continuation lines; for reading names a
# wrap (with its indentation) is one space.
_WRAP_RE = re.compile(r"^ +| *\n[\n ]*| {2,}")


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding pos, newline excluded, found by bisection."""
    at = _index(text)
    start = at.last(at.newlines, 0, pos) + 1
    end = at.first(at.newlines, pos, len(text))
    return start, len(text) if end < 0 else end


class _Marks:
    """Where a text's line breaks, blank lines, tabs and paragraph starts are, found once
    per text: each amount then finds its line and paragraph by bisection instead of
    rescanning the text (a line of thousands of amounts stays linear)."""

    def __init__(self, text: str):
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.blanks = [m.start() for m in re.finditer("(?=\n\n)", text)]  # overlapping
        self.tabs = [m.start() for m in re.finditer("\t", text)]
        self.paras = [m.start() for m in _PARA_START_RE.finditer(text)]

    @staticmethod
    def last(marks: list[int], lo: int, hi: int, width: int = 1) -> int:
        """The last mark m with lo <= m and m + width <= hi (as str.rfind), else -1."""
        i = bisect_right(marks, hi - width) - 1
        return marks[i] if i >= 0 and marks[i] >= lo else -1

    @staticmethod
    def first(marks: list[int], lo: int, hi: int, width: int = 1) -> int:
        """The first mark m with lo <= m and m + width <= hi (as str.find), else -1."""
        i = bisect_left(marks, lo)
        return marks[i] if i < len(marks) and marks[i] + width <= hi else -1


@lru_cache(maxsize=8)
def _index(text: str) -> _Marks:
    return _Marks(text)


def _table_top(text: str, line_start: int) -> int:
    """Start of the first line of the run of tab-separated lines holding line_start."""
    starts, tops = _line_tops(text)
    i = bisect_right(starts, line_start) - 1
    if i >= 0 and starts[i] == line_start:
        return tops[i]
    top = line_start  # not a line start (no caller passes one): walk up
    while top > 0:
        prev = text.rfind("\n", 0, top - 1) + 1
        if "\t" not in text[prev : top - 1]:
            break
        top = prev
    return top


@lru_cache(maxsize=8)
def _line_tops(text: str) -> tuple[list[int], list[int]]:
    """(start of each line, start of the run of tab-separated lines just above it and
    including it), found once per text: every table cell asks for its table's top."""
    starts: list[int] = []
    tops: list[int] = []
    start, after_tab = 0, False
    for line in text.split("\n"):
        starts.append(start)
        tops.append(tops[-1] if after_tab else start)
        after_tab = "\t" in line
        start += len(line) + 1
    return starts, tops


def _cells(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    return cell_spans(text, line_start, line_end, "\t")


def table_money(text: str) -> list[MoneyMatch]:
    """Bare figures in table columns headed as money ("Budget (£)", "£000")."""
    out: list[MoneyMatch] = []
    pos = text.find("\t")
    while pos >= 0:
        top = _table_top(text, line_bounds(text, pos)[0])
        header = _cells(text, *line_bounds(text, top))
        units = {}
        for col, (s, e) in enumerate(header):
            m = _MONEY_HEADER_RE.search(text[s:e])
            if m:
                units[col] = _HEADER_UNITS.get((m.group("unit") or "").lower(), Decimal(1))
        line_start = line_bounds(text, top)[1] + 1
        while line_start < len(text) and "\t" in text[line_start : line_bounds(text, line_start)[1]]:
            line_end = line_bounds(text, line_start)[1]
            for col, (s, e) in enumerate(_cells(text, line_start, line_end)):
                fig = _CELL_FIGURE_RE.match(text[s:e].strip()) if col in units else None
                if fig:
                    lead = len(text[s:e]) - len(text[s:e].lstrip())
                    n_start = s + lead + fig.start("n")
                    n_end = s + lead + fig.end("n")
                    out.append(
                        MoneyMatch(
                            n_start,
                            n_end,
                            text[n_start:n_end],
                            Decimal(fig.group("n").replace(",", "")) * units[col],
                        )
                    )
            line_start = line_end + 1
        pos = text.find("\t", line_start)
    return out


# "Amount: 20,000", "Grant amount:\n\n12,500": a bare figure that is the whole value of a
# record's amount field is an amount in pounds.
_FIELD_FIGURE_RE = re.compile(
    rf"^[ \t]*(?:(?:grant|funding|award|total)[ \t]+)?(?:amount|value|sum)(?:[ \t]+(?:awarded|granted))?"
    rf"[ \t]*(?:\(£\))?[ \t]*:[ \t]*(?:\n[ \t]*)*(?P<n>{_NUM})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def field_money(text: str) -> list[MoneyMatch]:
    """Bare figures that are the value of an amount field ("Amount:" then "20,000")."""
    out = []
    for m in _FIELD_FIGURE_RE.finditer(text):
        value = Decimal(m.group("n").replace(",", ""))
        out.append(MoneyMatch(m.start("n"), m.end("n"), m.group("n"), value))
    return out


def money_expressions(text: str) -> list[MoneyMatch]:
    """All money expressions: written with a unit, bare figures in money columns, and bare
    figures in amount fields."""
    found = find_money(text)
    taken = {(m.start, m.end) for m in found}
    extra = [m for m in table_money(text) + field_money(text) if not any(s <= m.start < e for s, e in taken)]
    extra = list({m.start: m for m in extra}.values())
    return sorted(found + extra, key=lambda m: m.start)


def cell_contexts(tables) -> dict[tuple[int, str], tuple[str | None, str | None]]:
    """(page, amount as written) -> (column header, row label) for money in the cells of
    tables found apart from the text (PDF tables); whitespace in the key is collapsed."""
    out: dict[tuple[int, str], tuple[str | None, str | None]] = {}
    for table in tables:
        header = table.rows[0] if table.rows else []
        for row in table.rows[1:]:
            for col, cell in enumerate(row):
                for m in find_money(cell or "") if col > 0 else []:
                    head = header[col] if col < len(header) else None
                    key = (table.page, " ".join(m.raw.split()))
                    out.setdefault(key, (head, (row[0] or "").strip() or None))
    return out


def heading_before(text: str, start: int, max_len: int = MAX_HEADING) -> str | None:
    """The heading line just above a paragraph: short, standing alone, no full stop."""
    end = text.rfind("\n", 0, start)
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    if end <= 0:
        return None
    line_start = text.rfind("\n", 0, end) + 1
    line = text[line_start:end].strip()
    standalone = line_start < 2 or text[line_start - 2 : line_start] == "\n\n"
    if not line or len(line) > max_len or line[-1] in ".;:,)" or "\t" in line or not standalone:
        return None
    return line


def _continues(text: str, blank: int) -> bool:
    """Whether the text after the blank line at `blank` carries on the sentence before it,
    as across a PDF page break ("... awarded by the\n\nHome Office" is not, "... the\n\nlocal
    authorities" is): the sentence has not ended and the next line goes on in lower case."""
    line_start = text.rfind("\n", 0, blank) + 1
    if (
        blank == 0
        or "\t" in text[line_start:blank]
        or not (text[blank - 1].isalnum() or text[blank - 1] == ",")
    ):
        return False
    return bool(_CONTINUATION_RE.match(text, blank + 2))


def block_of(text: str, pos: int) -> tuple[int, int, str | None, str | None]:
    """(start, end, column header, row label) of the paragraph or table cell holding pos."""
    at = _index(text)
    line_start, line_end = line_bounds(text, pos)
    if at.first(at.tabs, line_start, line_end) >= 0:
        cells = _cells(text, line_start, line_end)
        col = next((k for k, (s, e) in enumerate(cells) if pos <= e), len(cells) - 1)
        top = _table_top(text, line_start)
        header = None
        if top < line_start:
            head = _cells(text, *line_bounds(text, top))
            header = text[slice(*head[col])] if col < len(head) else None
        label = text[slice(*cells[0])].strip() if col > 0 else None
        return cells[col][0], cells[col][1], header, label
    blank = at.last(at.blanks, 0, pos, 2)
    while blank > 0 and _continues(text, blank):
        blank = at.last(at.blanks, 0, blank, 2)
    start = 0 if blank < 0 else blank + 2
    start = _para_start_before(text, start, pos)
    stop = at.first(at.blanks, pos, len(text), 2)
    while stop > 0 and _continues(text, stop):
        stop = at.first(at.blanks, stop + 2, len(text), 2)
    stop = len(text) if stop < 0 else stop
    stop = _para_start_after(text, pos, stop)
    # Table rows are blocks of their own, so a paragraph stops at one.
    prev_tab = at.last(at.tabs, start, pos)
    if prev_tab >= 0:
        start = text.find("\n", prev_tab) + 1
    next_tab = at.first(at.tabs, pos, stop)
    if next_tab >= 0:
        stop = text.rfind("\n", pos, next_tab)
    return start, max(stop, line_end), None, None


def _para_start_before(text: str, start: int, pos: int) -> int:
    """After the last numbered paragraph or bullet starting in start..pos, else start."""
    paras = _index(text).paras
    for i in range(bisect_left(paras, pos) - 1, bisect_left(paras, start) - 1, -1):
        # A start found in the whole text holds here too only if it fits before pos.
        if _PARA_START_RE.match(text, paras[i], pos):
            return paras[i] + 1
    return start


def _para_start_after(text: str, pos: int, stop: int) -> int:
    """The first numbered paragraph or bullet starting in pos..stop, else stop."""
    paras = _index(text).paras
    for i in range(bisect_left(paras, pos), bisect_left(paras, stop)):
        if _PARA_START_RE.match(text, paras[i], stop):
            return paras[i]
    return stop


def flatten(text: str) -> tuple[str, list[int]]:
    """`text` with each line wrap and its indentation as one space (leading indentation
    dropped), and the flat offset of every offset of `text` (len(text) + 1 entries)."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = size = 0
    for m in _WRAP_RE.finditer(text):
        parts.append(text[pos : m.start()])
        offsets.extend(range(size, size + m.start() - pos))
        size += m.start() - pos
        space = "" if m.start() == 0 else " "
        parts.append(space)
        offsets.extend([size] * (m.end() - m.start()))
        size += len(space)
        pos = m.end()
    parts.append(text[pos:])
    offsets.extend(range(size, size + len(text) - pos + 1))
    return "".join(parts), offsets


def _indent(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip(" "))


def list_lead_in(text: str, start: int) -> tuple[int, int] | None:
    """The lead-in of the list whose item starts at `start`: the paragraph (or bullet one
    level up) ending with ":" ("The Welsh Government has confirmed the following grants:"),
    or a heading line just above the list. None when the block is not a list item."""
    if not _BULLET_RE.match(text, start):
        return None
    pos, indent = start, _indent(text, start)
    for _ in range(MAX_LIST_ITEMS):
        p = pos - 1
        while p >= 0 and text[p] in " \n":
            p -= 1
        if p < 0 or "\t" in text[slice(*line_bounds(text, p))]:
            return None
        b_start, b_end = block_of(text, p)[:2]
        body = text[b_start:b_end].rstrip()
        if _BULLET_RE.match(text, b_start) and not (body.endswith(":") and _indent(text, b_start) < indent):
            pos = b_start
            continue
        heading = "\n" not in body.strip() and len(body.strip()) <= MAX_HEADING and body[-1:] not in ".;,)"
        return (b_start, b_end) if body.endswith(":") or heading else None
    return None


def item_label(text: str, start: int, money_start: int) -> str | None:
    """The label of a list item "• <label>: £X" whose amount starts at `money_start`."""
    m = _ITEM_LABEL_RE.fullmatch(text, start, money_start)
    return " ".join(m.group("label").split()) if m else None
