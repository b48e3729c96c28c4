"""Time the priorities extractor on the largest seed paper (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_priorities.py [--repeat 20] [--file PATH]
    .venv/bin/python benchmarks/bench_priorities.py --dir fixtures/realworld/docs

Target: under 0.5 s for fixtures/seeds/002_*.txt (100 KB) on one core. Reports the cold
call (first call in the process: building the spaCy pipeline, the trigger Matcher and
the theme PhraseMatcher included) and the median and worst of `--repeat` warm calls.
With `--dir`, the mean warm time per paper over every paper in the folder instead
(target: under 50 ms for an average paper).
Normalisation (document_from_text) is not timed: extractors receive a built Document.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from extractors.priorities import extract
from pipeline.normalise import document_from_text

ROOT = Path(__file__).resolve().parent.parent


BUDGET_S = 0.5
PAPER_BUDGET_S = 0.05  # mean per paper of a folder


def per_paper(folder: Path, repeat: int) -> None:
    """Mean, median and worst warm time per paper over the text papers of a folder."""
    docs = [document_from_text(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.txt"))]
    extract(docs[0])  # build the spaCy pipeline and matchers untimed
    times = []
    for doc in docs:
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            extract(doc)
            runs.append(time.perf_counter() - t0)
        times.append(statistics.median(runs))
    mean = statistics.mean(times)
    print(f"folder    {folder} ({len(docs)} papers, median of {repeat} calls each)")
    print(
        f"per paper {mean * 1000:7.1f} ms mean, {statistics.median(times) * 1000:.1f} ms median, "
        f"{max(times) * 1000:.1f} ms worst"
    )
    print(
        f"budget    {PAPER_BUDGET_S * 1000:.0f} ms mean -> {'OK' if mean < PAPER_BUDGET_S else 'OVER BUDGET'}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--file", type=Path, default=next((ROOT / "fixtures" / "seeds").glob("002_*.txt")))
    ap.add_argument("--dir", type=Path, help="report the mean time per paper over this folder's .txt papers")
    a = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    if a.dir:
        per_paper(a.dir, a.repeat)
        return
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
