"""`councilpapers scrape`: the subcommand's arguments and runner (wired into pipeline/cli.py).

councilpapers scrape [--council medway] [--since 2025-01-01] [--config FILE] --out data
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from pipeline.errors import CouncilPapersError
from pipeline.scrape.config import load_config
from pipeline.scrape.scrape import scrape
from pipeline.scrape.state import set_aside_damaged


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2025-01-01") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--council",
        action="append",
        metavar="SLUG",
        help="council to scrape (repeat or comma-separate; default: all in the config)",
    )
    parser.add_argument(
        "--since",
        type=_date,
        metavar="YYYY-MM-DD",
        help="backfill from this meeting date (default: the rolling window, 8 weeks back)",
    )
    parser.add_argument(
        "--until", type=_date, metavar="YYYY-MM-DD", help="last meeting date to poll (default: 2 weeks ahead)"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="council list to use instead of the bundled pipeline/data/councils.toml",
    )
    parser.add_argument("--out", default="data", help="output root: dataset, raw downloads and scrape state")
    parser.add_argument("--no-extract", action="store_true", help="download only; extract on a later run")
    parser.add_argument(
        "--revalidate",
        action="store_true",
        help="re-check listed documents with conditional GETs (ETag/Last-Modified)",
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="retry documents that failed permanently (404, off-host, too large) and documents whose "
        "extraction failed",
    )
    parser.add_argument("--workers", type=int, default=1, help="extraction worker processes")
    parser.add_argument(
        "--rebuild-state",
        action="store_true",
        help="if OUT/scrape_state.sqlite is damaged, move it aside (scrape_state.sqlite.damaged-TIME) "
        "and start a new one; a healthy store is kept",
    )


def run(args: argparse.Namespace) -> int:
    """0: done (individual document failures are recorded in the state store); 2: bad arguments,
    config, or a state store that cannot be used (damaged, or locked by another scrape);
    1: a council could not be listed at all, or extraction could not run."""
    if not logging.getLogger().handlers:
        # Our own progress at INFO; libraries (spaCy, Prefect, urllib3) only when they warn.
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("pipeline").setLevel(logging.INFO)
    slugs = [s.strip() for arg in (args.council or []) for s in arg.split(",") if s.strip()]
    try:
        config = load_config(args.config)
        councils = config.select(slugs)
        if args.rebuild_state:
            aside = set_aside_damaged(args.out)
            print(
                f"moved the damaged state store aside to {aside}; starting a new one"
                if aside
                else "the state store is healthy: kept as it is"
            )
        result = scrape(
            councils,
            args.out,
            settings=config.settings,
            since=args.since,
            until=args.until,
            extract=not args.no_extract,
            workers=args.workers,
            progress=sys.stderr.isatty(),
            revalidate=args.revalidate,
            retry_failed=args.retry_failed,
        )
    except (CouncilPapersError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for report in result.councils:
        print(report.summary())
        for line in report.details():
            print(f"  {line}")
    if result.extraction is not None:
        ex = result.extraction
        print(
            f"extracted {ex.handed_off} document(s): {ex.ok} ok, {ex.partial} partial, {len(ex.failed)} failed"
        )
        for url, message in sorted(ex.failed.items()):
            print(f"  extraction failed {url}: {message}")
        if ex.unavailable:
            print(f"  extraction could not run (the documents are extracted next run): {ex.unavailable}")
    broken = result.extraction is not None and result.extraction.unavailable
    return 1 if broken or any(r.unreadable for r in result.councils) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="councilpapers scrape", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
