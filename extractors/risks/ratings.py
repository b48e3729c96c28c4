"""Risk ratings, and the codes of the legends that explain them.

A risk table rates each risk as a likelihood and an impact code ("D II": likelihood D,
impact II), a product ("3 x 4 = 12"), a score with a colour ("12 (Amber)") or a word
("High", "Amber"). The paper's legend names the codes, e.g. "Likelihood: A Very likely
B Likely C Unlikely D Rare ... Impact: I Catastrophic II Major III Moderate IV Minor".
Codes are normalised: letters stay letters (upper case), Roman numerals become digits.
A `Legend` holds a paper's code -> label maps; `_risk_legends` reads them from the paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
LETTERS = "ABCDEF"
MAX_LABEL_WORDS = 4  # "Almost certain", "Very likely", "Highly unlikely to occur"

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
        return code, legend.label(dimension, code) or clean_label(m.group(2))
    m = _CELL_LABEL_CODE.match(t)
    if m:
        code = norm_code(m.group(2))
        return code, legend.label(dimension, code) or clean_label(m.group(1))
    label = clean_label(t)
    if label and len(t.split()) <= MAX_LABEL_WORDS and not _PLACEHOLDER.match(label):
        # A word scale ("Medium", "Very high") is its own code unless the legend numbers it.
        return legend.code_for(dimension, t) or (label if label[0].isalpha() else None), label
    return None, None


def clean_label(s: str | None) -> str | None:
    s = (s or "").strip(" .:;-–()")
    return s or None
