"""Issue 21: the amounts extractor's time grows about linearly with the number of amounts
on a line or in a table (it used to re-read the whole sentence, or walk up the whole table,
for every amount: quadratic)."""

from __future__ import annotations

import time

import pytest

from extractors import amounts
from pipeline.normalise import document_from_text

BASE = 500  # amounts in the 1x input (large enough that timer noise is small)
# Linear work gives a ratio near 4 for 4x the amounts; quadratic work gives about 16.
MAX_RATIO = 8.0

SHAPES = {
    # a flattened table: figures one after another on one line
    "bare figures": lambda i: f"£{(i + 1) * 1000:,}",
    # one long sentence of awards joined by semicolons
    "awards in one sentence": lambda i: f"a grant of £{(i + 1) * 1000:,} to Northfield CSP;",
    # many short sentences in one paragraph
    "sentences in one paragraph": lambda i: f"The Mayor gave £{(i + 1) * 500:,} to the Trust.",
    # a text table: one tab-separated row per recipient
    "table rows": lambda i: f"\nGroup {i + 1}\t£{(i + 1) * 250:,}",
}


def _seconds(shape, n: int) -> float:
    text = "Grants agreed for 2031/32: " + " ".join(shape(i) for i in range(n)) + "\n"
    doc = document_from_text(text)
    best = float("inf")
    for _ in range(3):  # the fastest of three runs, so a busy machine disturbs it less
        start = time.perf_counter()
        found = amounts.extract(doc)
        best = min(best, time.perf_counter() - start)
    assert len(found) == n
    return best


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_four_times_the_amounts_take_about_four_times_as_long(name):
    shape = SHAPES[name]
    amounts.extract(document_from_text("A grant of £5 to Eastmere CSP."))  # load the pipeline
    small, large = _seconds(shape, BASE), _seconds(shape, 4 * BASE)
    assert large / small < MAX_RATIO, (small, large)
