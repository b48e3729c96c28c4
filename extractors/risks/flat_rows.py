"""Risk registers flattened by a web page or a document host, read row by row with the
rating as the anchor.

Small councils publish their registers as web tables that reach us flattened:

    Risk No / Risk / Inherent / Residual / Actions        cells joined by " / "
    2 / Loss of the village hall roof / 12 / 6 / Annual survey

    Area Risk Level (H/M/L) Control                       cells joined by single spaces
    Playing field Injury to users High Monthly inspection

    Risk Likelihood Control measures                      one cell per line or per block
    1. Trips on the footpath.
    Medium
    Footpath inspected monthly

    TopicRiskLevelControl                                 cells run together
    Hall1Roof leaksLowAnnual survey

A flattened table counts only under its header line, which names risk and a rating
column ("Level of risk (H/M/L)", "Likelihood", "Risk Rating"). Where the columns
cannot be recovered (single-space rows) the risk keeps the text before its rating,
cut only at a sentence end, and description and mitigation stay null rather than
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.common.text import line_spans
from extractors.risks.register_cues import LEVEL_CELL, RISK_WORD

MAX_HEADER_WORDS = 30
MAX_WRAPPED_LINES = 2  # lines a " / " row's last cell wraps over
MAX_GAP_LINES = 12  # non-blank lines between two rows (or the header and a row) of one table
MAX_NAME_WORDS = 40
STOP_AFTER_PLAIN_LINES = 4  # lines with no rating in a row end a single-space table
# (?![a-z]), not \b: in run-together headers the next column's capital follows ("LevelAction").
_RATING_COLUMN = re.compile(
    r"\bH\s*/\s*M\s*/\s*L\b|\b(?:level|likelihood|ratings?|scores?)(?-i:(?![a-z]))", re.I
)
_OTHER_COLUMN = re.compile(
    r"control|management|mitigat|measures|action|review|owner|responsib|identified|area|subject|topic|"
    r"description|consequence|impact|number|no\b",
    re.I,
)
_CONTROL_COLUMN = re.compile(r"control|management|mitigat|measures|action", re.I)
# A header names columns; a sentence has verbs.
_PROSE_WORD = re.compile(r"\b(?:is|are|was|were|will|should|has|have|had|can|must|shows?|sets? out)\b")
# Before an inline rating, words that make it prose ("the risk is rated High", "remains Low").
_PROSE_BEFORE_LEVEL = re.compile(
    r"\b(?:is|are|was|were|be|been|as|at|remains?|rated|assessed|considered|scored|to|of|the|a|an|very)$",
    re.I,
)
# A lone column name above a rating is a legend's heading, not a risk.
_COLUMN_NAME = re.compile(
    r"(?i)(?:risk\s+)?(?:likelihood|impact|rating|level|score|probability|severity|key)s?:?"
)
MIN_INLINE_ROWS = 2
_SLASH = re.compile(r"\s/\s")
# A level standing as a word in a row: "High", "Medium.", "Low" (not "highlighted", not "HIGH STREET").
_INLINE_LEVEL = re.compile(
    r"(?<=\S)\s+(?P<level>Very High|Very Low|High|Medium|Low)(?:\.|(?=\s+[A-Z])|(?=\s*$))"
)
# Or one or two H/M/L letters standing alone: "<risk> <consequence> H L <control>".
_INLINE_CODES = re.compile(r"(?<=\S)\s+(?P<l>[HML])(?:\s+(?P<i>[HML]))?(?=\s+\S|\s*$)")
_LIKELIHOOD_HEAD = re.compile(r"\b(?:likelihood|probability)\b", re.I)
# "Consequence" often heads a text column ("<risk> <consequence> H L"): impact or severity first.
_IMPACT_HEAD = re.compile(r"\b(?:impact|severity)\b", re.I)
_CONSEQUENCE_HEAD = re.compile(r"\bconsequences?\b", re.I)
_GLUE = re.compile(r"(?<=[a-z.)])(?=[A-Z])|\s{2,}|\s*\n\s*")
_NUMBERED = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?P<rest>\S)")


# A two-column register of names and owners, flattened so they alternate line by line.
_OWNER_HEADER = re.compile(
    r"(?i)risks?(?:\s+(?:title|name|description))?\s+(?:risk\s+)?(?:owner|lead|lead officer|"
    r"responsible officer|accountable officer)s?"
)
_OWNER = re.compile(
    r"(?i)\b(?:director|head|manager|officer|chief|executive|clerk|lead|council|committee|board|cabinet|"
    r"member|portfolio|team|service|s151|treasurer|commissioner|chair(?:man)?|mayor|all)\b"
    r"|^(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+[A-Z]|^[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2}$"
)
MAX_OWNER_ROWS = 40
MIN_OWNER_SHARE = 0.75


@dataclass
class FlatRow:
    """One risk read from a flattened row."""

    start: int
    end: int
    risk: str
    rating_raw: str | None
    row: int
    description: str | None = None
    mitigation: str | None = None
    likelihood: str | None = None
    impact: str | None = None


def flat_rows(text: str) -> list[FlatRow]:
    out: list[FlatRow] = []
    lines = line_spans(text)
    for k, (s, e) in enumerate(lines):
        header = text[s:e].strip()
        if out and s < out[-1].end:
            continue
        # The lines below are copied only under a header: a copy for every line of a paper
        # of thousands of short lines was quadratic.
        if _OWNER_HEADER.fullmatch(header):
            out += _name_owner_rows(text, lines[k + 1 :])
            continue
        if not _is_header(header):
            continue
        body = lines[k + 1 :]
        if len(_SLASH.findall(header)) >= 3:
            rows = _slash_rows(text, s, e, body)
        elif len(_GLUE.findall(header)) >= 3 and len(re.findall(r"[a-z][A-Z]", header)) >= 2:
            rows = _glued_rows(text, header, body)
        else:
            rows = _cell_rows(text, header, body) or _inline_rows(text, header, body)
        out += rows
    return out


def _is_header(line: str) -> bool:
    if len(_SLASH.findall(line)) >= 3:  # "Risk No / Risk / Rating / Actions1 / <first row> ...": its head
        line = " / ".join(_SLASH.split(line)[:5])
    words = line.split()
    return (
        2 <= len(words) <= MAX_HEADER_WORDS
        and bool(RISK_WORD.search(line) or re.search(r"risk", line, re.I))
        and bool(_RATING_COLUMN.search(line))
        and bool(_OTHER_COLUMN.search(_RATING_COLUMN.sub(" ", line)))
        and not line.endswith(".")
        and line[0].isupper()
        and not _PROSE_WORD.search(line)
    )


# ---------------------------------------------------------------- "a / b / c" rows
def _slash_rows(text: str, h_start: int, h_end: int, body) -> list[FlatRow]:
    """Rows "N / risk / rating / rating / action"; the first row may be fused with the
    header ("... / Actions1 / <first risk> / ...")."""
    cells = _cells(text, h_start, h_end)
    fused = next((i for i, (a, b) in enumerate(cells) if re.search(r"[a-z]\d{1,3}$", text[a:b])), None)
    if fused is not None:
        a, b = cells[fused]
        digits = re.search(r"\d{1,3}$", text[a:b])
        cut = a + digits.start() if digits else b  # always found: the fused cell ends in digits
        header = [text[x:y] for x, y in cells[:fused]] + [text[a:cut]]
        rows = [[(cut, b)] + cells[fused + 1 :]]
    else:
        header = [text[x:y] for x, y in cells]
        rows = []
    name_col = next(
        (
            i
            for i, h in enumerate(header)
            if re.fullmatch(r"(?i)risks?( identified| description)?", h.strip())
        ),
        None,
    )
    if name_col is None:
        return []
    rating_cols = [i for i, h in enumerate(header) if _RATING_COLUMN.search(h) and i != name_col]
    control_cols = [i for i, h in enumerate(header) if _CONTROL_COLUMN.search(h) and i not in rating_cols]
    wrapped = 0
    for s, e in body:
        line = text[s:e]
        if not line.strip():
            if rows:
                break
            continue
        if re.match(r"\s*\d{1,3}\s/\s", line):
            rows.append(_cells(text, s, e))
            wrapped = 0
        elif rows and wrapped < MAX_WRAPPED_LINES:  # a wrapped last cell
            rows[-1].append((s, e))
            wrapped += 1
        else:
            break
    out: list[FlatRow | None] = []
    for r in rows:
        out.append(_slash_record(text, r, name_col, rating_cols, control_cols, len(out) + 1))
    return [r for r in out if r is not None]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SLASH.finditer(text, start, end):
        out.append(_strip(text, pos, m.start()))
        pos = m.end()
    out.append(_strip(text, pos, end))
    return out


def _slash_record(text, r, name_col, rating_cols, control_cols, k) -> FlatRow | None:
    if name_col >= len(r):
        return None
    name_start, name_end = r[name_col]
    a, b = _strip(text, name_start, name_end, chars=" .")
    number = re.fullmatch(r"\d{1,3}", text[slice(*r[0])].strip()) if name_col > 0 else None
    ratings = [text[slice(*r[i])] for i in range(name_col + 1, len(r)) if i in rating_cols]
    if not ratings and len(r) > name_col + 1:
        ratings = [text[slice(*r[name_col + 1])]]  # a remark such as "Closed" in place of the ratings
    first_control = min(control_cols) if control_cols else None
    controls = [text[slice(*c)].strip() for c in r[first_control:]] if first_control is not None else []
    return FlatRow(
        a,
        b,
        text[a:b],
        " / ".join(x.strip() for x in ratings) or None,
        int(number.group(0)) if number else k,
        mitigation=" ".join(c for c in controls if c) or None,
    )


# ---------------------------------------------------------------- one cell per line or block
def _cell_rows(text: str, header: str, body) -> list[FlatRow]:
    """Rows whose rating stands alone on its line: the risk is the cell before it (back to
    a row number), the mitigation the cell after it when the header's next column is a
    control column."""
    level_at = _RATING_COLUMN.search(header)
    after = header[level_at.end() :] if level_at else ""
    controls_next = bool(_CONTROL_COLUMN.match(after.strip())) or bool(
        _CONTROL_COLUMN.search(" ".join(after.split()[:3]))
    )
    is_likelihood = level_at is not None and "likelihood" in level_at.group(0).lower()
    body = list(body)
    out: list[FlatRow] = []
    gap = 0
    for i, (s, e) in enumerate(body):
        level = text[s:e].strip()
        if not level:
            continue
        if not LEVEL_CELL.match(level) or i == 0:
            gap += 1
            if gap > MAX_GAP_LINES:
                break  # the table has ended
            continue
        gap = 0
        name = _cell_before(text, body, i)
        if name is None:
            continue
        a, b, number = name
        mitigation = _cell_after(text, body, i) if controls_next else None
        level = level.rstrip(".")
        out.append(
            FlatRow(
                a,
                b,
                " ".join(text[a:b].split()),
                level,
                number or len(out) + 1,
                mitigation=mitigation,
                likelihood=level if is_likelihood else None,
            )
        )
    return out


def _cell_before(text: str, body, i: int) -> tuple[int, int, int | None] | None:
    """The lines above line i back to a blank line or a numbered line's start."""
    k = i - 1
    while k >= 0 and not text[slice(*body[k])].strip():
        k -= 1
    if k < 0:
        return None
    first = k
    while (
        first > 0 and text[slice(*body[first - 1])].strip() and not _NUMBERED.match(text[slice(*body[first])])
    ):
        first -= 1
    if LEVEL_CELL.match(text[slice(*body[first])].strip()):
        return None
    a, b = body[first][0], body[k][1]
    number = None
    m = _NUMBERED.match(text[a:b])
    if m:
        number, a = int(m.group("n")), a + m.start("rest")
    a, b = _strip(text, a, b, chars=" .\t")
    if not text[a:b] or len(text[a:b].split()) > MAX_NAME_WORDS or _COLUMN_NAME.fullmatch(text[a:b]):
        return None
    return a, b, number


def _cell_after(text: str, body, i: int) -> str | None:
    """The lines after line i: the rest of its block, or the next block."""
    k = i + 1
    while k < len(body) and not text[slice(*body[k])].strip():
        k += 1
    lines = []
    while k < len(body) and text[slice(*body[k])].strip():
        line = text[slice(*body[k])].strip()
        if _NUMBERED.match(line) or LEVEL_CELL.match(line):
            break
        lines.append(line)
        k += 1
    return " ".join(lines) or None


# ---------------------------------------------------------------- names and owners alternating
def _name_owner_rows(text: str, body) -> list[FlatRow]:
    """Under a "Risk / Owner" header, lines alternate name, owner: kept when most of the
    second lines read as owners (a role or a person) and the first lines do not."""
    cells = []
    for s, e in body[: 2 * MAX_OWNER_ROWS + 20]:
        line = text[s:e].strip()
        if not line:
            continue
        if len(line.split()) > MAX_NAME_WORDS // 2 or line.endswith(":"):
            break
        cells.append(_strip(text, s, e, chars=" \t.;"))
    pairs = [(cells[i], cells[i + 1]) for i in range(0, len(cells) - 1, 2)]
    if len(pairs) < 2:
        return []
    owners = sum(1 for _, o in pairs if _OWNER.search(text[slice(*o)]))
    names_as_owners = sum(1 for n, _ in pairs if _OWNER.search(text[slice(*n)]))
    if owners < MIN_OWNER_SHARE * len(pairs) or names_as_owners > len(pairs) / 2:
        return []
    return [FlatRow(a, b, text[a:b], None, k) for k, ((a, b), _) in enumerate(pairs, 1)]


# ---------------------------------------------------------------- single-space rows
def _inline_rows(text: str, header: str, body) -> list[FlatRow]:
    """Rows whose cells are joined by single spaces: the rating (a word, or H/M/L letters)
    is the anchor; the text before it names the risk (cut at a sentence end, the rest is
    its description). Two letters are the likelihood and impact when the header names
    both, in its order."""
    lik_at = _LIKELIHOOD_HEAD.search(header)
    imp_at = _IMPACT_HEAD.search(header) or _CONSEQUENCE_HEAD.search(header)
    dims = None
    if lik_at and imp_at:
        dims = ("l", "i") if lik_at.start() < imp_at.start() else ("i", "l")
    out: list[FlatRow] = []
    plain = 0
    for s, e in body:
        line = text[s:e]
        if not line.strip():
            continue
        found = [x for x in (_INLINE_LEVEL.search(line), _INLINE_CODES.search(line)) if x]
        m = min(found, key=lambda x: x.start()) if found else None
        if not m:
            plain += 1
            if plain >= STOP_AFTER_PLAIN_LINES:
                break
            continue
        plain = 0
        if _PROSE_BEFORE_LEVEL.search(line[: m.start()].rstrip()):
            continue
        a, b = _strip(text, s, s + m.start(), chars=" .\t")
        head = text[a:b]
        cut = re.search(r"\.\s+(?=[A-Z])", head)
        description = None
        if cut:
            description = head[cut.end() :].strip() or None
            b = a + cut.start()
        if not text[a:b] or len(text[a:b].split()) > MAX_NAME_WORDS:
            continue
        row = FlatRow(a, b, text[a:b], None, len(out) + 1, description=description)
        if "level" in m.groupdict():
            row.rating_raw = m.group("level")
        else:
            codes = [c for c in (m.group("l"), m.group("i")) if c]
            row.rating_raw = " / ".join(codes)
            if len(codes) == 2 and dims:
                row.likelihood, row.impact = codes if dims[0] == "l" else codes[::-1]
        out.append(row)
    return out if len(out) >= MIN_INLINE_ROWS else []


# ---------------------------------------------------------------- cells run together
def _glued_rows(text: str, header: str, body) -> list[FlatRow]:
    """Rows "<topic><N><risk><people><control><level>..." with no separators: a row starts
    at its number; cells part where a lower-case letter or stop meets a capital, or at a
    run of spaces. The rating is the first cell that is a level."""
    n_cols = len([c for c in _GLUE.split(header) if c.strip()])
    starts, gap = [], 0
    for s, e in body:
        m = re.match(r"\s*(?:[A-Z][A-Za-z ]{0,40}?)?\s?(?P<n>\d{1,2})(?=[A-Z])", text[s:e])
        if m:
            starts.append((s + m.end(), int(m.group("n")), s))
            gap = 0
        elif text[s:e].strip():
            gap += 1
            if gap > MAX_GAP_LINES:
                body = [b for b in body if b[1] <= e]
                break
    out = []
    for j, (a, number, _) in enumerate(starts):
        end = starts[j + 1][2] if j + 1 < len(starts) else body[-1][1]
        cells, pos = [], a
        for g in _GLUE.finditer(text, a, end):
            cells.append((pos, g.start()))
            pos = g.end()
        cells.append((pos, end))
        cells = [_strip(text, x, y, chars=" .\n") for x, y in cells]
        cells = [(x, y) for x, y in cells if y > x]
        if not cells:
            continue
        level_k = next((i for i, c in enumerate(cells) if LEVEL_CELL.match(text[slice(*c)].strip())), None)
        x, y = cells[0]
        mitigation = None
        if level_k is not None and len(cells) == n_cols and level_k >= 2:
            mitigation = " ".join(text[slice(*c)] for c in cells[2:level_k])
        level = text[slice(*cells[level_k])].strip() if level_k is not None else None
        out.append(FlatRow(x, y, text[x:y], level, number, mitigation=mitigation))
    return out


def _strip(text: str, a: int, b: int, chars: str = " \t") -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b
