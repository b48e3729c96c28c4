"""The dataset layout at scale (a benchmark, not a test): write N synthetic documents with
the project's writer, then time reading each table and count its files.

    .venv/bin/python benchmarks/bench_dataset.py                   # 100,000 documents
    .venv/bin/python benchmarks/bench_dataset.py --docs 10000 --keep /tmp/ds

Documents go through `pipeline.writer.DatasetWriter` as `run_batch` sends them (one flush
per 1,000 documents, compaction after each flush); each has a documents and a texts row
(`--text-chars` of text), 3 priorities and 1 amount. Then, per table: the files, and the
wall-clock time of `pandas.read_parquet`, `pyarrow.dataset(...).to_table()` and duckdb's
`read_parquet('…/**/*.parquet')`. Then one document is re-extracted with `write_document`
(timed) and the script checks that exactly one copy of its rows is left.
Targets (issue 22): pandas reads priorities and documents in ≤ 3 s, ≤ 1,000 files per table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow.dataset as ds  # noqa: E402

from pipeline.writer import DatasetWriter, write_document  # noqa: E402
from schemas.tables import TABLES  # noqa: E402
from tests.dataset_rows import document_rows  # noqa: E402

READ_BUDGET_S = 3.0
FILES_BUDGET = 1000


def _timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--text-chars", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="write the dataset here and keep it")
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="bench-dataset-"))
    try:
        writer = DatasetWriter(out)
        t0 = time.perf_counter()
        for i in range(args.docs):
            writer.add(f"https://example.org/{i}.pdf", document_rows(i, text_chars=args.text_chars))
            if writer.due():
                writer.flush()
        writer.flush()
        write_s = time.perf_counter() - t0
        print(f"wrote {args.docs:,} documents in {write_s:.1f} s ({writer.flushes} flushes)\n")
        print(
            f"{'table':<15} {'files':>6} {'rows':>9} {'MB':>7} {'pandas s':>9} {'pyarrow s':>10} {'duckdb s':>9}"
        )
        ok = True
        for table in TABLES:
            files = list((out / table).glob("*.parquet"))
            mb = sum(f.stat().st_size for f in files) / 1e6
            df, pandas_s = _timed(lambda t=table: pd.read_parquet(out / t))
            _, arrow_s = _timed(lambda t=table: ds.dataset(str(out / t), partitioning="hive").to_table())
            glob = f"{out / table}/**/*.parquet"
            _, duck_s = _timed(
                lambda g=glob: duckdb.sql(
                    f"select * from read_parquet('{g}', hive_partitioning=true)"
                ).arrow()
            )
            print(
                f"{table:<15} {len(files):>6} {len(df):>9,} {mb:>7.1f} {pandas_s:>9.2f} {arrow_s:>10.2f} {duck_s:>9.2f}"
            )
            ok &= len(files) <= FILES_BUDGET
            if table in ("documents", "priorities"):
                ok &= pandas_s <= READ_BUDGET_S
        target = args.docs // 2
        _, rewrite_s = _timed(
            lambda: write_document(out, f"https://example.org/{target}.pdf", document_rows(target, version=1))
        )
        docs = pd.read_parquet(out / "documents", columns=["doc_id"])["doc_id"]
        prios = pd.read_parquet(out / "priorities", columns=["doc_id"])["doc_id"]
        mine = docs.str.startswith(f"{target:08d}-")
        one_copy = (
            mine.sum() == 1
            and f"{target:08d}-v1" in set(docs)
            and (prios.str[:8] == f"{target:08d}").sum() == 3
        )
        print(f"\nre-extracting one document: {rewrite_s:.2f} s; exactly one copy of its rows: {one_copy}")
        print(f"documents rows {len(docs):,} (expected {args.docs:,})")
        ok &= bool(one_copy) and len(docs) == args.docs
        print("targets met" if ok else "TARGETS MISSED")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
