"""Risk ratings and the legends that explain them.

A risk table rates each risk as a likelihood and an impact code ("D II": likelihood D,
impact II), a product ("3 x 4 = 12"), a score with a colour ("12 (Amber)") or a word
("High", "Amber"). The paper's legend names the codes, e.g. "Likelihood: A Very likely
B Likely C Unlikely D Rare ... Impact: I Catastrophic II Major III Moderate IV Minor".
Codes are normalised: letters stay letters (upper case), Roman numerals become digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors._tables import delimited_grids

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
LETTERS = "ABCDEF"
MAX_LABEL_WORDS = 4  # "Almost certain", "Very likely", "Highly unlikely to occur"
MIN_LEGEND_CODES = 2
MAX_LEGEND_LINES = 8

_CODE = r"(?:VI|IV|V|I{1,3}|[1-6])"
_LIKELIHOOD_TAG = r"L|P|likelihood|probability"
_DIM_TAG = rf"{_LIKELIHOOD_TAG}|I|S|C|impact|severity|consequence"
# "3 x 4 = 12", "L3 x I4", "Likelihood 3 x Impact 4", "I4 x L3" (a tag says which is which)
_PRODUCT = re.compile(
    rf"(?:\b(?P<tag1>{_DIM_TAG})\s*[:=]?\s*)?(?P<a>\d{{1,2}})\s*[x×X*]\s*"
    rf"(?:\b(?P<tag2>{_DIM_TAG})\s*[:=]?\s*)?(?P<b>\d{{1,2}})\b(?:\s*=\s*(?P<score>\d{{1,3}})\b)?",
    re.IGNORECASE,
)
_LIKELIHOOD_TAG_RE = re.compile(rf"(?:{_LIKELIHOOD_TAG})", re.IGNORECASE)
# A combined cell under a header naming both dimensions: "3/4", "Medium / High", "B, 2".
_PAIR = re.compile(
    r"^(.{1,30}?)\s*(?:[x×*/,;&]|\band\b|\s-\s)\s*(.{1,30}?)(?:\s*=\s*\d{1,3})?$", re.IGNORECASE
)
_STATED_SCORE = re.compile(r"=\s*(\d{1,3})$")
# Cells that hold no code: "-", "N/A", "TBC".
_PLACEHOLDER = re.compile(
    r"^(?:n/?a|tbc|tbd|tba|none|nil|unknown|not (?:known|assessed|applicable)|various)$", re.I
)
_LETTER_FIRST = re.compile(rf"\b([A-F])\s*[-/,.]?\s*({_CODE})\b")
_LETTER_LAST = re.compile(rf"\b({_CODE})\s*[-/,.]?\s*([A-F])\b")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.]*\d)")
# A code standing alone in a likelihood or impact cell, maybe with its label: "4 - Likely", "B".
_CELL_CODE = re.compile(rf"^\(?({_CODE}|[A-F]|\d{{1,2}})\)?(?:$|[\s.:=\-–]+(.*)$)")
_CELL_LABEL_CODE = re.compile(rf"^(.*?)\s*\(({_CODE}|[A-F]|\d{{1,2}})\)$")
_LEGEND_KEYWORD = re.compile(
    r"\b(likelihood|probability|impact|severity|consequences?)\b\s*(?:\([^)]*\))?\s*[:\-–]?", re.IGNORECASE
)
_TOKEN = re.compile(r"[^\s]+|\n")


@dataclass(frozen=True)
class Rating:
    likelihood: str | None = None
    impact: str | None = None
    score: int | None = None


@dataclass
class Legend:
    """Code -> label for each dimension, as the paper's own key gives them."""

    likelihood: dict[str, str] = field(default_factory=dict)
    impact: dict[str, str] = field(default_factory=dict)

    def letters_are_likelihood(self) -> bool:
        """In "D II" the letter is the likelihood unless the key gives letters to impact."""
        letters_for_impact = any(k.isalpha() for k in self.impact)
        return not letters_for_impact or any(k.isalpha() for k in self.likelihood)

    def label(self, dimension: str, code: str | None) -> str | None:
        return getattr(self, dimension).get(code) if code else None

    def code_for(self, dimension: str, label: str) -> str | None:
        for code, lab in getattr(self, dimension).items():
            if lab.lower() == label.strip().lower():
                return code
        return None


def code_kind(token: str) -> str | None:
    if token in ROMAN:
        return "roman"
    if len(token) == 1 and token in LETTERS:
        return "letter"
    if token.isdigit() and len(token) <= 2:
        return "digit"
    return None


def code_value(token: str) -> int:
    kind = code_kind(token)
    if kind == "roman":
        return ROMAN[token]
    if kind == "letter":
        return LETTERS.index(token) + 1
    return int(token)


def norm_code(token: str) -> str:
    """ "II" -> "2", "d" -> "D", "3" -> "3"."""
    token = token.strip().upper()
    return str(ROMAN[token]) if token in ROMAN else token


# ---------------------------------------------------------------- ratings
def parse_rating(text: str | None, letters_are_likelihood: bool = True, impact_first: bool = False) -> Rating:
    """Codes and score from a rating cell; `impact_first` when its header names impact
    before likelihood ("Impact x Likelihood"), so an untagged "4 x 3" reads that way."""
    if not text:
        return Rating()
    t = " ".join(text.split())
    m = _PRODUCT.search(t)
    if m:
        a, b = m.group("a"), m.group("b")
        score = int(m.group("score")) if m.group("score") else int(a) * int(b)
        tag1, tag2 = m.group("tag1"), m.group("tag2")
        if tag1 or tag2:
            swap = bool(tag1 and not _LIKELIHOOD_TAG_RE.fullmatch(tag1)) or bool(
                tag2 and _LIKELIHOOD_TAG_RE.fullmatch(tag2)
            )
        else:
            swap = impact_first
        return Rating(b, a, score) if swap else Rating(a, b, score)
    for pattern, letter_group in ((_LETTER_FIRST, 1), (_LETTER_LAST, 2)):
        m = pattern.search(t)
        if m:
            letter, other = m.group(letter_group), m.group(3 - letter_group)
            pair = (letter, norm_code(other)) if letters_are_likelihood else (norm_code(other), letter)
            return Rating(pair[0], pair[1], _single_number(t.replace(m.group(0), " ")))
    return Rating(score=_single_number(t))


def parse_pair(text: str | None, legend: Legend, impact_first: bool = False) -> Rating:
    """A cell under a header naming both dimensions that `parse_rating` cannot read:
    two codes or words side by side ("3/4", "Medium / High"), in the header's order."""
    m = _PAIR.match(" ".join((text or "").split()))
    if not m:
        return Rating()
    first, second = ("impact", "likelihood") if impact_first else ("likelihood", "impact")
    codes = {
        first: parse_code(m.group(1), first, legend)[0],
        second: parse_code(m.group(2), second, legend)[0],
    }
    if not (codes["likelihood"] and codes["impact"]):
        return Rating()
    lik, imp = codes["likelihood"], codes["impact"]
    stated = _STATED_SCORE.search(m.group(0))
    score = (
        int(stated.group(1)) if stated else int(lik) * int(imp) if lik.isdigit() and imp.isdigit() else None
    )
    return Rating(lik, imp, score)


def _single_number(t: str) -> int | None:
    nums = _NUMBER.findall(t)
    return int(nums[0]) if len(nums) == 1 else None


def parse_code(text: str | None, dimension: str, legend: Legend) -> tuple[str | None, str | None]:
    """(code, label) from a likelihood or impact cell: "4", "B", "4 - Likely", "Likely (4)", "Likely"."""
    if not text:
        return None, None
    t = " ".join(text.split())
    m = _CELL_CODE.match(t)
    if m:
        code = norm_code(m.group(1))
        return code, legend.label(dimension, code) or _clean_label(m.group(2))
    m = _CELL_LABEL_CODE.match(t)
    if m:
        code = norm_code(m.group(2))
        return code, legend.label(dimension, code) or _clean_label(m.group(1))
    label = _clean_label(t)
    if label and len(t.split()) <= MAX_LABEL_WORDS and not _PLACEHOLDER.match(label):
        # A word scale ("Medium", "Very high") is its own code unless the legend numbers it.
        return legend.code_for(dimension, t) or (label if label[0].isalpha() else None), label
    return None, None


def _clean_label(s: str | None) -> str | None:
    s = (s or "").strip(" .:;-–()")
    return s or None


# ---------------------------------------------------------------- legends
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


@dataclass
class _CodeRun:
    """A legend's run of codes being read, each code with its label words."""

    kind: str | None
    pairs: list[tuple[str, list[str]]]
    step: int = 0  # +1 or -1 once two codes are read: the run's direction
    closed: bool = False  # the last label ended with punctuation ("1 = Rare, 2 = ...")
    skipping: bool = False  # the rest of the line belongs to another legend column

    def accepts(self, code: str | None) -> bool:
        """`code` is the next entry: the last one has its label and this code follows it."""
        last, words = self.pairs[-1]
        return code is not None and bool(words) and _follows(last, code, self.kind, self.step)

    def take(self, tok: str) -> bool:
        """Read one token of a line; False where the run ends."""
        code = _code_token(tok)
        words = self.pairs[-1][1]
        if self.accepts(code):
            assert code is not None
            self.step = code_value(code) - code_value(self.pairs[-1][0])
            self.pairs.append((code, []))
            self.closed = False
        elif words and code is not None and code_kind(code) not in (self.kind, "digit"):
            self.skipping = True  # another column's code: two legend columns share the line
        elif tok.strip("-–=:."):
            if self.closed or len(words) >= MAX_LABEL_WORDS or (words and legend_keyword(tok)):
                return False
            words.append(tok.rstrip(",.;"))
            self.closed = tok[-1] in ",.;"
        return True

    def entries(self) -> list[tuple[str, str]]:
        done = [(norm_code(c), _clean_label(" ".join(w))) for c, w in self.pairs if w]
        return [(c, lab) for c, lab in done if lab]


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
        if toks[j] == "\n":
            # A run goes on over a line break only into its next code.
            run.skipping = False
            if not run.accepts(_code_token(toks[j + 1]) if j + 1 < len(toks) else None):
                break
        elif not run.skipping and not run.take(toks[j]):
            break
        j += 1
    return run.entries(), j


def _code_token(tok: str) -> str | None:
    core = tok.strip("().:=-–")
    return core if code_kind(core) and core == core.upper() else None


def _follows(prev: str, nxt: str, kind: str | None, step: int) -> bool:
    if code_kind(nxt) != kind:
        return False
    diff = code_value(nxt) - code_value(prev)
    return diff == step if step else diff in (1, -1)


def legend_keyword(cell: str | None) -> str | None:
    """ "Likelihood", "Impact:" -> the dimension it names; None for any other cell."""
    if not cell:
        return None
    m = _LEGEND_KEYWORD.fullmatch(cell.strip())
    if not m:
        return None
    return "likelihood" if m.group(1).lower() in ("likelihood", "probability") else "impact"


def legend_from_grid(rows: list[list[str | None]]) -> Legend:
    """A legend laid out as a table: a header row naming the dimensions, codes below."""
    legend = Legend()
    for i, row in enumerate(rows):
        dims = [legend_keyword(c) for c in row]
        if not any(dims) or any(c and not d for c, d in zip(row, dims)):
            continue
        columns = ["\n".join(r[k] or "" for r in rows[i + 1 : i + 12] if k < len(r)) for k in range(len(row))]
        for dim, col in zip(dims, columns):
            seqs = code_sequences(col)
            if dim and seqs:
                _store(legend, dim, seqs[0])
    return legend


def legend_from_text(text: str) -> Legend:
    """Legends written inline or as blocks: each keyword takes the next code run in order."""
    legend = Legend()
    for m in _LEGEND_KEYWORD.finditer(text):
        dim = legend_keyword(m.group(0))
        window = text[m.end() : m.end() + 600]
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
    """Two legend columns read line by line: "A Very likely I Catastrophic" / "B Likely II Major"."""
    left, right = [], []
    for line in window.lstrip().split("\n")[:MAX_LEGEND_LINES]:
        toks = line.split()
        kinds = [code_kind(_code_token(t) or "") if _code_token(t) else None for t in toks]
        cut = next((k for k in range(1, len(toks)) if kinds[k] and kinds[0] and kinds[k] != kinds[0]), None)
        if cut is None:
            break
        left.append(" ".join(toks[:cut]))
        right.append(" ".join(toks[cut:]))
    seqs = [_leading_sequences("\n".join(col)) for col in (left, right)]
    return [s[0] for s in seqs if s] if all(seqs) else []


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
    return combine(*(legend_from_grid(g) for g in [*grids, *delimited_grids(text)]), legend_from_text(text))
