"""Amounts that are a change between two figures, not money given, for `extractors.amounts`.

    "The public health grant allocation for 2020/21 is £9,400,000, a reduction of
    £310,000 (3.2%) on 2019/20."
    -> £310,000 is a difference: not a grant, and of no one year.

Reports set a grant against last year's with the size of the change: "a reduction of £X",
"an increase in funding of £X", "reduced by £X", "up by £X", "£X less than in 2009/10",
"£X up on last year". Unlike "a reduction from £X in 2019/20", which names the earlier
allocation itself, such a figure is a difference.

Also: the blank pipeline reads "£205.3m." as ending in the abbreviation "m.", so misses the
sentence end after it; `split_after_scaled_amounts` restores it, so a grant cue in the next
sentence does not reach back to the figure.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extractors.amounts.grants.names import words
from extractors.amounts.money import SCALES

# Words naming a change; with "of" / "by" right after ("a cut of £X", "fell by £X") the
# amount is the size of the change.
CHANGE_WORDS = words(
    "reduction reduce decrease increase rise fall cut drop uplift growth change difference "
    "variance up down lower higher"
)
CHANGE_PREPS = frozenset({"of", "by"})
# "has reduced the grant to Westmere Council by £X": verbs whose "by" may come after an object.
CHANGE_VERBS = words("reduce increase decrease cut raise lift lower")
MAX_BY_GAP = 8  # tokens from the verb to "by"
# "an increase in funding of £X": words between the change word and "of".
MAX_CHANGE_GAP = 3
# "£X less than in 2009/10", "£X up on last year": words after the amount.
THAN_WORDS = words("less more lower higher greater fewer")
ON_WORDS = words("up down")
BE_FORMS = words("is are was were be been")
# "£205.3m." tokenised as "205.3", "m.": a scale abbreviation with the full stop kept.
_SCALE_STOP_RE = re.compile(r"^([a-z]{1,2})\.$", re.IGNORECASE)


def _changes(tok) -> bool:
    return tok.lower_ in CHANGE_WORDS or tok.lemma_.lower() in CHANGE_WORDS


def is_difference(sent: Span, a: int, b: int) -> bool:
    """Whether the amount at tokens a..b of `sent` is the size of a change."""
    return _change_before(sent, a) or _change_after(sent, b)


def _change_before(sent: Span, a: int) -> bool:
    """ "a reduction of £X", "reduced by £X", "an increase in grant of £X", "up £X on"."""
    if a == 0:
        return False
    prev = sent[a - 1]
    if prev.lower_ == "by" and _change_verb_before(sent, a - 1):
        return True
    if prev.lower_ in CHANGE_PREPS:
        for k in range(a - 2, max(-1, a - 3 - MAX_CHANGE_GAP), -1):
            tok = sent[k]
            # "made up of £X" is what a total is made of; "up by £X" is a change.
            direction = tok.lower_ in ON_WORDS
            if (
                _changes(tok)
                and (k == a - 2 or sent[k + 1].lower_ == "in")
                and not (direction and prev.lower_ == "of")
            ):
                return True
            if not (tok.is_lower and tok.is_alpha):
                return False
        return False
    # ", up £5,000 on last year", "is down £2,000"; not "topped up £X", "drawn down £X".
    return prev.lower_ in ON_WORDS and (a == 1 or sent[a - 2].is_punct or sent[a - 2].lower_ in BE_FORMS)


def _change_verb_before(sent: Span, k: int) -> bool:
    """ "reduced the grant to Westmere Council by £X": a change verb, its object between."""
    for j in range(k - 1, max(-1, k - 1 - MAX_BY_GAP), -1):
        if sent[j].text in ("£", ",", ";", "(") or sent[j].like_num:
            return False
        if sent[j].lemma_.lower() in CHANGE_VERBS:
            return True
    return False


def _change_after(sent: Span, b: int) -> bool:
    """ "£X less than in 2009/10", "£X up on 2019/20", "£X down from last year"."""
    if b + 1 >= len(sent):
        return False
    word, nxt = sent[b].lower_, sent[b + 1].lower_
    return (word in THAN_WORDS and nxt == "than") or (word in ON_WORDS and nxt in ("on", "from"))


def split_after_scaled_amounts(doc: Doc) -> Doc:
    """Start a sentence after "£205.3m." when the next word is capitalised."""
    for tok in doc[1:-1]:
        m = _SCALE_STOP_RE.match(tok.text)
        if (
            m
            and m.group(1).lower() in SCALES
            and doc[tok.i - 1].like_num
            and doc[tok.i + 1].text[:1].isupper()
        ):
            doc[tok.i + 1].is_sent_start = True
    return doc


# "grants of up to £5,000", "awards of a maximum of £2,500", "capped at £10,000": a limit a
# scheme sets on its awards, not an award.
THRESHOLDS = (
    ("up", "to"),
    ("maximum", "of"),
    ("maximum",),
    ("max",),
    ("capped", "at"),
    ("no", "more", "than"),
    ("not", "more", "than"),
    ("not", "exceeding"),
    ("ceiling", "of"),
    ("limit", "of"),
)


def is_threshold(sent: Span, a: int) -> bool:
    """Whether the amount starting at token a is a cap ("up to £X", "a maximum of £X")."""
    before = tuple(t.lower_ for t in sent[max(0, a - 3) : a])
    return any(before[-len(words) :] == words for words in THRESHOLDS if len(before) >= len(words))
