"""Which column of a risk table is which, from its header.

Risk registers name their columns in many ways ("Risk", "Hazard", "Action to avoid or
mitigate risk", "Residual rating", "Likelihood x Impact"); `columns_for` reads a header
row, e.g. ["Ref", "Risk", "Cause", "L x I", "Controls"], into the index of each role.
A header only counts when it, or the heading above its table, names risk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_QUALIFIER = r"(?:(?:current|residual|inherent|initial|target|revised|overall|net|gross|original) )?"
_MITIGATION_QUALIFIER = r"(?:(?:proposed|planned|existing|current|further|key|additional|management|risk) )*"
_LIKELIHOOD_WORD = r"(?:likelihood|probability|l|p)"
_IMPACT_WORD = r"(?:impact|severity|consequences?|i|s|c)"
_DIMENSION_JOIN = r" ?(?:x|/|and|by) ?"
# A header naming both dimensions ("Likelihood x Impact", "L/I", "Impact and likelihood"):
# its cells hold both codes, in the header's order.
COMBINED_DIMENSIONS = re.compile(
    rf"\b(?:{_LIKELIHOOD_WORD}{_DIMENSION_JOIN}{_IMPACT_WORD}|(?P<impact_first>{_IMPACT_WORD}){_DIMENSION_JOIN}{_LIKELIHOOD_WORD})\b"
)
# Column names as risk registers write them, one list of alternatives per column role.
_ROLE_ALTERNATIVES: dict[str, list[str]] = {
    "ref": [r"(?:risk )?(?:ref|reference|no|number|id|#)"],
    "name": [
        r"(?:(?:the|key|main|identified|potential|strategic|corporate|specific) )?risks?"
        + r"(?: (?:title|name|area|identified|event|issue|theme|category|heading))?",
        r"risk ?/ ?issue",
        r"hazards?",
        r"threats?",
    ],
    "description": [
        r"(?:risk )?(?:descriptions?|details?)",
        r"description of (?:the )?risks?",
        r"causes?(?: and (?:effects?|consequences?))?",
        r"(?:potential )?consequences?",
        r"effects?",
        r"what could happen",
        r"vulnerabilit(?:y|ies)",
    ],
    "mitigation": [
        _MITIGATION_QUALIFIER + r"mitigations?",
        _MITIGATION_QUALIFIER + r"mitigating (?:actions?|measures|controls?)",
        _MITIGATION_QUALIFIER + r"actions?(?: (?:to|taken|required|planned|proposed|being) .*)?",
        _MITIGATION_QUALIFIER + r"controls?(?: (?:in place|measures))?",
        r"control measures",
        r"responses?|treatments?",
        r"risk (?:responses?|treatments?|management|controls?)",
        r"how (?:the risk is|it will be|we will) .*",
    ],
    "likelihood": [_QUALIFIER + r"(?:likelihood|probability|l)"],
    "impact": [_QUALIFIER + r"(?:impact|severity|i)"],
    "rating": [
        _QUALIFIER + r"(?:risk )?(?:ratings?|scores?|rag(?: rating| status)?|levels?|matrix|status)",
        _QUALIFIER
        + r"(?:risk )?(?:(?:ratings?|scores?) )?"
        + COMBINED_DIMENSIONS.pattern
        + r"(?: (?:ratings?|scores?))?",
        r"(?:current|residual|inherent|initial|target|revised|overall|net|gross) risks?",
    ],
    "owner": [
        r"(?:risk )?(?:owners?|leads?|responsible(?: officer| person| lead)?|accountable(?: officer)?)"
    ],
}
ROLE_PATTERNS = {role: re.compile("|".join(alts)) for role, alts in _ROLE_ALTERNATIVES.items()}
RISK_FACETS = {"description", "mitigation", "likelihood", "impact", "rating"}
MIN_KNOWN_SHARE = 0.6  # of a header's non-empty cells that must name known columns
# With several rating columns, the one after controls is the risk as it stands.
PREFERRED_RATING = re.compile(r"\b(residual|current|revised|net)\b", re.IGNORECASE)
SCORE_HEADER = re.compile(r"\b(?:scores?|total)\b", re.IGNORECASE)
# Words that make a header, label or heading about risk.
RISK_WORD = re.compile(r"\b(?:risks?|hazards?|threats?)\b", re.IGNORECASE)
_HEADER_CLEAN = re.compile(r"[^a-z0-9/# ]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")


@dataclass
class Columns:
    name: int
    description: list[int]
    mitigation: list[int]
    rating: int | None
    likelihood: int | None
    impact: int | None
    ref: int | None = None
    score: int | None = None  # a score column beside the rating column (a RAG, say)
    combined: frozenset[int] = frozenset()  # rating columns whose header names both dimensions
    impact_first: frozenset[int] = frozenset()  # ... naming impact first ("I x L")


def _clean_header(text: str) -> str:
    text = re.sub(r"[×*]", " x ", text.lower().replace("&", " and "))
    return " ".join(_HEADER_CLEAN.sub(" ", text).split())


@lru_cache(maxsize=8192)
def header_role(cell: str | None) -> str | None:
    if not cell:
        return None
    # Brackets are looked for only up to the last ")": from each "(" of a long run with no
    # ")" after it the search read to the end of the cell (quadratic); none could match there.
    closed = cell.rfind(")") + 1
    text = _clean_header(_PARENTHESES.sub(" ", cell[:closed]) + cell[closed:])
    role = next((role for role, pat in ROLE_PATTERNS.items() if pat.fullmatch(text)), None)
    bracketed = (_clean_header(p) for p in _PARENTHESES.findall(cell, 0, closed))
    if role in (None, "name", "rating") and any(COMBINED_DIMENSIONS.fullmatch(p) for p in bracketed):
        return "rating"  # "Risk (L x I)": the bracket says the column holds a rating
    return role


def combined_dimensions(cell: str | None) -> str | None:
    """ "li" or "il" when a rating header names both dimensions, in that order; else None."""
    if header_role(cell) != "rating":
        return None
    m = COMBINED_DIMENSIONS.search(_clean_header(cell or ""))
    return None if m is None else "il" if m.group("impact_first") else "li"


def header_columns(header: Sequence[str | None]) -> Columns | None:
    """Which column is which, if this row reads as a risk table's header by its column
    names alone; whether the table is about risk at all is `columns_for`'s question."""
    roles = _roles(header)
    if roles is None:
        return None

    def pick(role: str, want=lambda k: True) -> int | None:
        idx = [k for k, r in enumerate(roles) if r == role and want(k)]
        preferred = [k for k in idx if PREFERRED_RATING.search(header[k] or "")]
        found = preferred or idx
        return found[0] if found else None

    def is_score(k: int) -> bool:
        return bool(SCORE_HEADER.search(header[k] or ""))

    dims = {k: combined_dimensions(header[k]) for k, r in enumerate(roles) if r == "rating"}
    # A score column beside a rating column ("Score | RAG") gives the score, the other the rating.
    rating = pick("rating", lambda k: not is_score(k)) if pick("rating", is_score) is not None else None
    return Columns(
        name=roles.index("name"),
        description=[k for k, r in enumerate(roles) if r == "description"],
        mitigation=[k for k, r in enumerate(roles) if r == "mitigation"],
        rating=rating if rating is not None else pick("rating"),
        likelihood=pick("likelihood"),
        impact=pick("impact"),
        ref=pick("ref"),
        score=pick("rating", is_score),
        combined=frozenset(k for k, d in dims.items() if d),
        impact_first=frozenset(k for k, d in dims.items() if d == "il"),
    )


def columns_for(
    header: Sequence[str | None], risk_context: Callable[[], bool] | None = None
) -> Columns | None:
    """Which column is which, if this row is a risk table's header; else None.

    Column names like "Description | Impact | Mitigation" head equality impact and options
    tables as often as risk tables, so the header must name risk itself ("Risk",
    "Hazard", "Risk rating", "Action to mitigate risk"), or `risk_context()` (asked only
    then) must say that what is above the table does ("Risk register", "8. Risk management").
    """
    cols = header_columns(header)
    if cols is None:
        return None
    if any(RISK_WORD.search(c or "") for c in header) or (risk_context is not None and risk_context()):
        return cols
    return None


def _roles(header: Sequence[str | None]) -> list[str | None] | None:
    """Each column's role, if the row names enough known columns, one of them the risk."""
    roles = [header_role(c) for c in header]
    nonempty = sum(1 for c in header if c and c.strip())
    known = sum(1 for r in roles if r)
    if "name" not in roles and "description" in roles:
        # "Risk description | Likelihood | ...": the description names the risk.
        roles[roles.index("description")] = "name"
    if roles.count("name") != 1 or not RISK_FACETS & set(roles) or known < max(2, MIN_KNOWN_SHARE * nonempty):
        return None
    if "likelihood" in roles and "impact" not in roles:
        for k, cell in enumerate(header):
            if roles[k] == "description" and re.search(r"consequence|severity", cell or "", re.IGNORECASE):
                roles[k] = "impact"  # a scored consequence is the impact
                break
    return roles
