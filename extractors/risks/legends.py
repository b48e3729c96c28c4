"""Rating legends: what a paper's likelihood and impact codes mean, from its own key.

A key is written inline ("Likelihood: A Almost certain, B Likely, C Possible ...
Impact: 1 Minor, 2 Moderate, 3 Major, 4 Critical."), as lines ("Likelihood" over
"1 = Rare" ... "5 = Almost certain", maybe two keys side by side), or as a small table:

    | Score | Likelihood     | Impact       |
    |-------|----------------|--------------|
    | 1     | Rare           | Negligible   |
    | 2     | Unlikely       | Minor        |

`document_legend` reads them all into one `Legend` (code -> label for each dimension).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.common.tables import delimited_grids
from extractors.risks.columns import header_role
from extractors.risks.ratings import MAX_LABEL_WORDS, Legend, clean_label, code_kind, code_value, norm_code

MIN_LEGEND_CODES = 2
MAX_LEGEND_LINES = 8
MAX_GRID_ROWS = 12  # rows under a legend table's header read for codes
MAX_GRID_LABEL_WORDS = 5  # a label cell longer than this is a description, not a label
KEYWORD_WINDOW = 600  # chars after a keyword where its code run is looked for
# Words after a dimension that still name its key: "Likelihood scale:", "Impact scores (I) -".
_QUALIFIER = r"(?:scales?|scores?|scoring|ratings?|levels?|criteria|key|definitions?|descriptors?|measures?)"
_BRACKET = r"(?:\s*\([^)]*\))?"
_LEGEND_KEYWORD = re.compile(
    rf"\b(likelihood|probability|impact|severity|consequences?)\b{_BRACKET}(?:\s+{_QUALIFIER}\b)?{_BRACKET}"
    r"\s*[:\-–]?",
    re.IGNORECASE,
)
# A caption over a legend table naming one dimension: "Likelihood", "Table 4: Impact scores".
_CAPTION_PREFIX = re.compile(
    r"^(?:(?:table|figure|appendix)\s*\w{0,3}\s*[.:\-–]?\s*|\d+(?:\.\d+)*\.?\s+)?(?:risk\s+)?", re.I
)
_TOKEN = re.compile(r"[^\s=]+|=|\n")  # "A=Almost certain": "=" parts a code from its label
# Between two codes of a key that skips the middle ones: "1 = Rare … 5 = Almost certain",
# "1 (rare) to 5 (almost certain)".
_GAP_TOKENS = frozenset({"…", "...", "to"})
_TRAILING_JOINS = frozenset({"and", "or", "&"})  # "D Unlikely and E Rare"


@dataclass
class _CodeRun:
    """A legend's run of codes being read, each code with its label words."""

    kind: str | None
    pairs: list[tuple[str, list[str]]]
    step: int = 0  # +1 or -1 once two codes are read: the run's direction
    closed: bool = False  # the last label ended with punctuation ("1 = Rare, 2 = ...")
    skipping: bool = False  # the rest of the line belongs to another legend column
    gap: bool = False  # a gap word was just read: the next code may skip some

    def accepts(self, code: str | None, gap: bool = False) -> bool:
        """`code` is the next entry: the last one has its label and this code follows it."""
        last, words = self.pairs[-1]
        return (
            code is not None and bool(words) and _follows(last, code, self.kind, self.step, gap or self.gap)
        )

    def take(self, tok: str) -> bool:
        """Read one token of a line; False where the run ends."""
        code = _code_token(tok)
        last, words = self.pairs[-1]
        if self.accepts(code):
            assert code is not None
            self.step = 1 if code_value(code) > code_value(last) else -1
            self.pairs.append((code, []))
            self.closed = self.gap = False
        elif words and code is not None and (code_kind(code) not in (self.kind, "digit") or code == last):
            # Another column's code (or this column's code again, in a second key laid
            # beside this one): two legend columns share the line.
            self.skipping = True
        elif tok.strip("-–=:."):
            if self.closed or len(words) >= MAX_LABEL_WORDS or (words and legend_keyword(tok)):
                return False
            words.append(tok.rstrip(",.;"))
            self.closed = tok[-1] in ",.;"
        return True

    def entries(self) -> list[tuple[str, str]]:
        out = []
        for code, words in self.pairs:
            while words and words[-1].lower() in _TRAILING_JOINS:
                words = words[:-1]
            label = clean_label(" ".join(words))
            if label:
                out.append((norm_code(code), label))
        return out


def code_sequences(text: str) -> list[list[tuple[str, str]]]:
    """Runs of consecutive codes each followed by a short label: "A Very likely B Likely C Rare".

    A label ends at the end of its line (or cell); the next code must follow in order
    (A, B, C or I, II, III or 1, 2, 3, either way round), so a stray "A" or "I" in a
    label does not start a new entry.
    """
    toks = _tokens(text)
    out: list[list[tuple[str, str]]] = []
    i = 0
    while i < len(toks):
        seq, i_next = _sequence_at(toks, i)
        if len(seq) >= MIN_LEGEND_CODES:
            out.append(seq)
            i = i_next
        else:
            i += 1
    return out


def _cells_as_lines(text: str) -> str:
    """A tab ends a cell, and so a legend label, as a line end does; same length, so
    offsets hold."""
    return text.replace("\t", "\n")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_cells_as_lines(text))


def _sequence_at(toks: list[str], i: int) -> tuple[list[tuple[str, str]], int]:
    """The code run starting at token i and the index of the token after it."""
    code = _code_token(toks[i])
    if code is None:
        return [], i + 1
    run = _CodeRun(code_kind(code), [(code, [])])
    j = i + 1
    while j < len(toks):
        tok = toks[j]
        nxt = _code_token(toks[j + 1]) if j + 1 < len(toks) else None
        if tok == "\n":
            # A run goes on over a line break only into its next code.
            run.skipping = False
            if not run.accepts(nxt):
                break
        elif not run.skipping and tok.lower() in _GAP_TOKENS and run.accepts(nxt, gap=True):
            run.gap = True
        elif not run.skipping and not run.take(tok):
            break
        j += 1
    return run.entries(), j


def _code_token(tok: str) -> str | None:
    core = tok.strip("().:=-–")
    return core if code_kind(core) and core == core.upper() else None


def _follows(prev: str, nxt: str, kind: str | None, step: int, gap: bool = False) -> bool:
    if code_kind(nxt) != kind:
        return False
    diff = code_value(nxt) - code_value(prev)
    if gap:
        return diff != 0 and (not step or (diff > 0) == (step > 0))
    return diff == step if step else diff in (1, -1)


def legend_keyword(cell: str | None) -> str | None:
    """ "Likelihood", "Impact:", "Likelihood scale" -> the dimension it names; None for any other cell."""
    if not cell:
        return None
    m = _LEGEND_KEYWORD.fullmatch(cell.strip())
    if not m:
        return None
    return "likelihood" if m.group(1).lower() in ("likelihood", "probability") else "impact"


# ---------------------------------------------------------------- legend tables
def legend_from_grid(rows: list[list[str | None]], caption: str | None = None) -> Legend:
    """A legend laid out as a table: a header row naming the dimensions with the codes and
    labels below ("A Very likely" in one cell, or a code column beside a label column),
    or a code and a label column under a caption naming one dimension ("Likelihood")."""
    legend = Legend()
    for i, row in enumerate(rows):
        dims = [legend_keyword(c) for c in row]
        if any(dims) and not _heads_risk_table(row):
            _read_under_header(legend, row, dims, rows[i + 1 : i + 1 + MAX_GRID_ROWS])
    dim = legend_keyword(_CAPTION_PREFIX.sub("", caption.strip())) if caption and rows else None
    if dim and not getattr(legend, dim) and not _heads_risk_table(rows[0]):
        body = rows if any(_is_code_cell(c) for c in rows[0]) else rows[1:]
        _store(legend, dim, _coded_labels(body[:MAX_GRID_ROWS], rows[0], set()))
    return legend


def _heads_risk_table(row: list[str | None]) -> bool:
    """A risk register's header ("| Ref | Risk | Likelihood | Impact |"): its rows' ratings
    and refs are no key."""
    return any(header_role(c) == "name" for c in row)


def _read_under_header(legend: Legend, header: list[str | None], dims: list[str | None], body) -> None:
    for k, dim in enumerate(dims):
        if dim is None or getattr(legend, dim):
            continue
        # Blank header cells after a dimension's belong to it (a merged header cell).
        group = [k]
        while group[-1] + 1 < len(header) and header[group[-1] + 1] is None:
            group.append(group[-1] + 1)
        texts = [" ".join(r[m] or "" for m in group if m < len(r)) for r in body]
        seqs = code_sequences("\n".join(texts))
        if seqs:
            _store(legend, dim, seqs[0])
        else:
            others = {m for m, d in enumerate(dims) if d} - {k}
            _store(legend, dim, _coded_labels(body, header, others, k))


def _coded_labels(body, header, skip: set[int], label_col: int | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs from a column of codes and a column of short labels; a ref
    column ("Ref", "No.") numbers rows and codes nothing."""
    width = max((len(r) for r in body), default=0)
    skip = skip | {m for m in range(width) if header_role(_cell(header, m)) == "ref"}
    code_col = _code_column(body, [m for m in range(width) if m not in skip and m != label_col])
    if code_col is None:
        return []
    if label_col is None:
        label_col = next((m for m in range(width) if m != code_col and m not in skip), None)
    pairs = []
    for r in body:
        code, label = _cell(r, code_col), clean_label(_cell(r, label_col))
        if not _is_code_cell(code) or not label or len(label.split()) > MAX_GRID_LABEL_WORDS:
            break
        pairs.append((norm_code(_code_token(code or "") or ""), label))
    return pairs if len(pairs) >= MIN_LEGEND_CODES else []


def _code_column(body, candidates) -> int | None:
    """The column whose leading cells are codes of one kind in order (1, 2, 3 or E, D, C)."""
    for m in candidates:
        codes = []
        for r in body:
            if not _is_code_cell(_cell(r, m)):
                break
            codes.append(_code_token(_cell(r, m) or "") or "")
        steps = {code_value(b) - code_value(a) for a, b in zip(codes, codes[1:])}
        if (
            len(codes) >= MIN_LEGEND_CODES
            and len({code_kind(c) for c in codes}) == 1
            and steps in ({1}, {-1})
        ):
            return m
    return None


def _is_code_cell(cell: str | None) -> bool:
    core = (cell or "").strip()
    return bool(core) and _code_token(core) == core.strip("().:=-–")


def _cell(row: list[str | None], k: int | None) -> str | None:
    return row[k] if k is not None and k < len(row) else None


# ---------------------------------------------------------------- legends in text
def legend_from_text(text: str) -> Legend:
    """Legends written inline or as blocks: each keyword takes the next code run in order."""
    legend = Legend()
    for m in _LEGEND_KEYWORD.finditer(text):
        dim = legend_keyword(m.group(0))
        window = text[m.end() : m.end() + KEYWORD_WINDOW]
        # The code run must start near the keyword, maybe after the other keyword.
        pending = [dim]
        pos = 0
        for k in _LEGEND_KEYWORD.finditer(window[:80]):
            if window[pos : k.start()].strip():
                break
            pending.append(legend_keyword(k.group(0)))
            pos = k.end()
        seqs = _leading_sequences(window[pos:])
        if len(seqs) < len(pending):
            seqs = _interleaved_sequences(window[pos:]) or seqs
        for seq, want in zip(seqs, pending):
            if want and not getattr(legend, want):
                _store(legend, want, seq)
    return legend


def _interleaved_sequences(window: str) -> list[list[tuple[str, str]]]:
    """Two legend columns read line by line: "A Very likely I Catastrophic" / "B Likely II Major",
    or "1 Rare 1 Negligible" / "2 Unlikely 2 Minor"."""
    left, right = [], []
    for line in window.lstrip().split("\n")[:MAX_LEGEND_LINES]:
        toks = line.split()
        codes = [_code_token(t) for t in toks]
        first = codes[0] if codes else None
        cut = next(
            (
                k
                for k, code in enumerate(codes[1:], start=1)
                if first and code and _starts_second_key(first, code)
            ),
            None,
        )
        if cut is None:
            break
        left.append(" ".join(toks[:cut]))
        right.append(" ".join(toks[cut:]))
    seqs = [_leading_sequences("\n".join(col)) for col in (left, right)]
    return [s[0] for s in seqs if s] if all(seqs) else []


def _starts_second_key(first: str, code: str) -> bool:
    return code_kind(code) != code_kind(first) or code == first


def _leading_sequences(window: str) -> list[list[tuple[str, str]]]:
    """Code runs that follow one another from the start of `window`, with nothing between."""
    out = []
    rest = window.lstrip()
    while rest:
        toks = _tokens(rest)
        if not toks or _code_token(toks[0]) is None:
            break
        seq, j = _sequence_at(toks, 0)
        if len(seq) < MIN_LEGEND_CODES:
            break
        out.append(seq)
        used = _offset_after_tokens(rest, j)
        rest = rest[used:].lstrip()
    return out


def _offset_after_tokens(s: str, count: int) -> int:
    pos = 0
    for _, m in zip(range(count), _TOKEN.finditer(_cells_as_lines(s))):
        pos = m.end()
    return pos


def _store(legend: Legend, dim: str, seq: list[tuple[str, str]]) -> None:
    target = getattr(legend, dim)
    for code, label in seq:
        target.setdefault(code, label)


def combine(*legends: Legend) -> Legend:
    out = Legend()
    for lg in legends:
        for dim in ("likelihood", "impact"):
            if not getattr(out, dim) and getattr(lg, dim):
                setattr(out, dim, dict(getattr(lg, dim)))
    return out


def document_legend(text: str, grids: list[list[list[str | None]]]) -> Legend:
    """The paper's rating legend: from its tables (PDF grids, tab- or pipe-delimited lines) or its text."""
    grids = [[[c if c and c.strip() else None for c in row] for row in g] for g in grids]
    from_grids = [legend_from_grid(g) for g in grids]
    from_grids += [legend_from_grid(g, _caption_above(text, start)) for start, g in delimited_grids(text)]
    return combine(*from_grids, legend_from_text(text))


def _caption_above(text: str, start: int) -> str | None:
    """The non-blank line just above a table (its caption, if it has one)."""
    lines = [ln for ln in text[max(0, start - 200) : start].split("\n")[:-1] if ln.strip()]
    return lines[-1].strip() if lines else None
