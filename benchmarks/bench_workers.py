"""Worker scaling: one batch of real-paper copies with 1 and with 2 worker processes (a benchmark).

    .venv/bin/python benchmarks/bench_workers.py               # 1,000 documents, about a minute
    .venv/bin/python benchmarks/bench_workers.py --docs 200    # a quick look

The documents are `fixtures/realworld/docs` (111 excerpts of real papers) copied until
there are `--docs` of them, each copy byte-distinct (its own doc_id). Each run is
`run_batch` as `councilpapers extract --workers N` runs it: spawned workers with the
default budget, rows sent to the parent, written a part at a time. Times are wall-clock
seconds (workers run in parallel), so run it on an otherwise idle machine; it prints the
fork server's one-off warm-up (paid before either timed run), the speed-up, each
worker's start-up and peak worker memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


def main() -> int:
    from bench_speed import text_copies  # this folder is on sys.path when run as a script

    from pipeline.run import Source, run_batch

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents in the batch (default 1000)")
    args = ap.parse_args()
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {args.docs} documents\n")
    tmp = Path(tempfile.mkdtemp(prefix="councilpapers-bench-workers-"))
    try:
        (tmp / "in").mkdir()
        paths = text_copies(tmp / "in", count=args.docs)
        size = sum(p.stat().st_size for p in paths) / 1e6
        # The fork server's one-off warm-up (imports, spaCy) is paid here, untimed, so that
        # neither timed run carries it; it is printed on its own.
        start = time.perf_counter()
        run_batch([Source(paths[0])], tmp / "warm-up", workers=1, progress=False)
        print(f"fork server warm-up and first worker: {time.perf_counter() - start:.2f} s (once per run)")
        rows, base = [], None
        for workers in (1, 2):
            start = time.perf_counter()
            result = run_batch(
                [Source(p) for p in paths], tmp / f"out-{workers}", workers=workers, progress=False
            )
            wall = time.perf_counter() - start
            failed = sum(o.status == "failed" for o in result.outcomes)
            base = base or wall
            startup = max(result.worker_startup_s, default=0.0)
            rows.append((workers, wall, base / wall, startup, result.peak_worker_rss_mb, failed))
        print(f"{size:.1f} MB of text")
        print(
            "| workers | wall s | docs/s | speed-up | slowest worker start-up s | peak worker MiB | failed |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for workers, wall, speedup, startup, peak, failed in rows:
            print(
                f"| {workers} | {wall:.1f} | {args.docs / wall:.1f} | {speedup:.2f}x | {startup:.2f} "
                f"| {peak:.0f} | {failed} |"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
