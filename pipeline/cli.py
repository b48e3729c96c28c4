"""The `councilpapers` command: extract, scrape, compare, show, evaluate."""

from __future__ import annotations

import argparse
import os
import sys

from pipeline import __version__
from pipeline.errors import CouncilPapersError


def _extract_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="files or folders (searched recursively) of papers")
    p.add_argument("--out", default="data", help="output root of the dataset (default: ./data)")
    p.add_argument(
        "--council", help="council slug for every document, overriding what is read from the papers"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1); each document runs within the budgets below. "
        "0 runs in this process, without time or memory limits",
    )
    p.add_argument("--timeout", type=float, default=120.0, help="seconds one document may take (default 120)")
    p.add_argument("--max-pages", type=int, default=1000, help="PDF pages read per document (default 1000)")
    p.add_argument(
        "--max-memory-mb",
        type=int,
        default=2048,
        help="address space of each worker process in MB (default 2048)",
    )
    p.add_argument(
        "--quiet", action="store_true", help="no progress bar or per-document lines (failures still listed)"
    )
    p.add_argument("--strict", action="store_true", help="exit non-zero when any document failed")


def run_extract(args: argparse.Namespace) -> int:
    from pipeline.councils import check_council
    from pipeline.run import Budget, collect_sources, run_batch

    check_council(args.council)
    sources = collect_sources(args.paths)
    if not sources:
        print("councilpapers extract: no .pdf, .txt, .md or .html files found", file=sys.stderr)
        return 2
    budget = Budget(seconds=args.timeout, max_pages=args.max_pages, memory_mb=args.max_memory_mb)
    result = run_batch(
        sources, args.out, workers=args.workers, progress=not args.quiet, council=args.council, budget=budget
    )
    if not args.quiet:
        for o in result.outcomes:
            print(f"{o.status:<8} {o.source_uri}" + (f"  ({o.message})" if o.message else ""))
    else:  # the operator still learns which documents failed, and why
        for o in result.failed:
            print(f"failed   {o.source_uri}  ({o.message})", file=sys.stderr)
    print(summary(result, args.out))
    if not result.succeeded or (args.strict and result.failed):
        return 1
    return 0


def summary(result, out) -> str:
    counts = result.table_counts()
    lines = [f"{result.succeeded}/{len(result.outcomes)} documents extracted into {out}"]
    lines += [f"  {name:<15} {n:>6}" for name, n in counts.items()]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="councilpapers", description=__doc__)
    parser.add_argument("--version", action="version", version=f"councilpapers {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract facts from local papers into the Parquet dataset")
    _extract_arguments(p)
    p.set_defaults(func=run_extract)
    for name, module, helptext in (
        (
            "scrape",
            "pipeline.scrape.cli",
            "fetch new papers from the councils' ModernGov sites and extract them",
        ),
        (
            "compare",
            "analysis.compare",
            "compare councils' priorities, legislation, grants, risks and surveys (tables + HTML report)",
        ),
        ("show", "analysis.show", "print a document's facts, each with its evidence text"),
        (
            "evaluate",
            "evaluation.evaluate",
            "score a dataset against gold annotations (precision, recall, F1)",
        ),
    ):
        mod = __import__(module, fromlist=["run"])
        p = sub.add_parser(name, help=helptext)
        mod.add_arguments(p)
        p.set_defaults(func=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Offline, Prefect would log telemetry errors; this CLI never needs analytics.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CouncilPapersError, FileNotFoundError) as exc:  # the user's input, not a bug: say what to fix
        print(f"councilpapers {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
