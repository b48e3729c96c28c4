"""No quadratic paths in ingest, normalisation, quality and metadata (issue 21).

Each check times one stage on an input and on the same input four times longer: a linear
stage takes about 4x as long, a quadratic one 16x. Ratios, not wall-clock limits, so the
tests hold on a slow or busy machine; the best of three runs damps noise.
"""

from __future__ import annotations

import time

import pytest

from pipeline.ingest.html import read_html
from pipeline.ingest.text import read_text
from pipeline.metadata import extract_metadata
from pipeline.normalise import normalise
from pipeline.quality import quality_scores

MAX_RATIO = 9  # linear is ~4; quadratic would be ~16
BASE = 50_000

# Long tokens and long lines that made stages quadratic before: letters (hyphen repair),
# capitals with hyphens (council names), e-mail-like tokens, column gaps on one line,
# tab runs after a body name (front-sheet patterns), newline runs (meeting references).
UNITS = ["a", "A", "A-", "1", "a.b@", "x  y  ", "Ab ", "\t", "\n", "to Cabinet \t"]


def _best(f, text) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        f(text)
        best = min(best, time.perf_counter() - start)
    return max(best, 5e-3)  # below 5 ms the ratio is noise


def _ratio(f, unit: str) -> float:
    def text(n):
        return "Report to Cabinet\n\n" + unit * (n // len(unit)) + "\nEnd.\n"

    return _best(f, text(4 * BASE)) / _best(f, text(BASE))


STAGES = {
    "normalise": normalise,
    "quality": quality_scores,
    "metadata": extract_metadata,
    "read_text": lambda t: read_text(t.encode(), "x", "u"),
    "read_html": lambda t: read_html(f"<html><body><p>{t}</p></body></html>".encode(), "x", "u"),
}


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("unit", UNITS, ids=repr)
def test_stage_time_grows_linearly(stage, unit):
    assert _ratio(STAGES[stage], unit) < MAX_RATIO


def test_deeply_nested_html_is_read_in_linear_time():
    def page(depth):
        return b"<html><body>" + b"<ul><li>x" * depth + b"</li></ul>" * depth + b"</body></html>"

    small, big = (_best(lambda d: read_html(d, "x", "u"), page(n)) for n in (1000, 4000))
    assert big / small < MAX_RATIO
