"""No quadratic paths in the extractors (issue 21).

Each check runs one extractor on a document holding a long run of one hostile unit (a long
token, a long line of amounts, citations, codes, bullets or column gaps) and on the same
document with the run four times longer: linear work takes about 4x as long, quadratic
work 16x. Ratios, not wall-clock limits, so the tests hold on a slow or busy machine; the
best of three runs damps noise. See tests/pipeline/test_linear_time.py for the stages
before extraction.
"""

from __future__ import annotations

import time

import pytest

from extractors import EXTRACTORS
from pipeline.normalise import document_from_text

MAX_RATIO = 9  # linear is ~4; quadratic would be ~16
BASE = 5_000  # characters of the run in the 1x input
MONEY_BASE = 2_000  # amounts cost far more each (a spaCy pass): fewer, so the file stays fast

# The run follows cue words of every family on the same line, so the paragraph-level
# gates open and the run reaches the extractors' inner rules.
LEAD = "Report to Cabinet\n\nThe risk register, our priorities, the residents' survey and grants of £500 awarded: "

# Long tokens and long lines: letters, capitals with hyphens, digits, money with and without
# spaces (10,000 amounts on one line), percentages, e-mail-like tokens, Act titles and
# sections, risk codes, dots, bullets, tabs, column gaps, table-ish bars, unclosed brackets,
# thousands of short lines, and sentences of awards in one paragraph.
UNITS = [
    "a",
    "Ab",
    "A-",
    "a-",
    "1",
    "£1,000",
    "£1,000 ",
    "£1m",
    "£1m ",
    "1,000",
    "1,000 ",
    "50% ",
    "a.b@",
    "Act ",
    "Act 2004 ",
    "s.12 ",
    "R1 ",
    "...",
    "• a ",
    "a\t",
    "\t",
    "x  y  ",
    "| ",
    "|",
    "(",
    "a\n",
    "a:\n",
    "A b. ",
    "50%. ",
    "The Mayor gave £500 to the Trust. ",
]
MONEY_UNITS = {"£1,000", "£1,000 ", "£1m", "£1m ", "The Mayor gave £500 to the Trust. "}


def _best(f, unit: str, n: int) -> float:
    """The fastest of three runs, each on its own document: a run ends in a different mark
    each time, so what an extractor caches by text (cells, lines) is not reused."""
    docs = [_doc(unit, n, mark) for mark in "XYZ"]
    best = float("inf")
    for doc in docs:
        start = time.perf_counter()
        f(doc)
        best = min(best, time.perf_counter() - start)
    return max(best, 5e-3)  # below 5 ms the ratio is noise


def _doc(unit: str, n: int, mark: str):
    return document_from_text(LEAD + unit * (n // len(unit)) + mark + "\nEnd.\n")


@pytest.mark.parametrize("unit", UNITS, ids=repr)
@pytest.mark.parametrize("name", EXTRACTORS)
def test_extractor_time_grows_linearly(name, unit):
    extract = EXTRACTORS[name]
    base = MONEY_BASE if unit in MONEY_UNITS else BASE
    extract(_doc(unit, base, "W"))  # warm up: spaCy's pipeline and compiled patterns load once per process
    ratio = _best(extract, unit, 4 * base) / _best(extract, unit, base)
    assert ratio < MAX_RATIO, ratio
