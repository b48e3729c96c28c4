"""Time the priorities extractor on the largest seed paper (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_priorities.py [--repeat 20] [--file PATH]

Target: under 0.5 s for fixtures/seeds/002_*.txt (100 KB) on one core. Reports the cold
call (first call in the process: building the spaCy pipeline, the trigger Matcher and
the theme PhraseMatcher included) and the median and worst of `--repeat` warm calls.
Normalisation (document_from_text) is not timed: extractors receive a built Document.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from extractors.priorities import extract
from schemas.document import document_from_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


BUDGET_S = 0.5


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--file", type=Path, default=next((ROOT / "fixtures" / "seeds").glob("002_*.txt")))
    a = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    doc = document_from_text(a.file.read_text(encoding="utf-8"))

    t0 = time.perf_counter()
    rows = extract(doc)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        extract(doc)
        warm.append(time.perf_counter() - t0)

    print(f"file      {a.file.name} ({len(doc.text) / 1000:.0f} k chars, {len(rows)} priorities)")
    print(f"cold      {cold * 1000:7.1f} ms  (first call: spaCy pipeline and matchers built)")
    print(
        f"warm      {statistics.median(warm) * 1000:7.1f} ms median, {max(warm) * 1000:.1f} ms worst of {a.repeat}"
    )
    verdict = "OK" if max(cold, *warm) < BUDGET_S else "OVER BUDGET"
    print(f"budget    {BUDGET_S * 1000:.0f} ms -> {verdict}")


if __name__ == "__main__":
    main()
