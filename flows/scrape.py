"""Prefect flow: scrape councils, then extract their new documents into the dataset.

A task handles a whole council (fetch: retried) or a council's batch of new documents
(extract: not retried, each document already gets an outcome); never a page or a fact.
One deployment per council, on the weekly cron in its config entry:

    python -m flows.scrape --out /srv/councilpapers/data   # serve the deployments
    python -m flows.scrape --list                          # show deployments and schedules

The output location is made absolute when the deployments are built (from --out or the
COUNCILPAPERS_OUT environment variable), so scheduled runs write to the same place
wherever the serving process was started. See docs/scheduling.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
from pathlib import Path

from prefect import flow, get_run_logger, serve, task
from prefect.schedules import Cron
from prefect.states import Failed, State

from pipeline.scrape.config import load_config
from pipeline.scrape.handoff import extract_new
from pipeline.scrape.scrape import make_client, scrape_council

FLOW_NAME = "scrape-councils"
FETCH_RETRY_DELAYS: list[float] = [60, 600]  # a council's site down: try again in a minute, then in ten
OUT_ENV = "COUNCILPAPERS_OUT"  # where scheduled runs write, when --out is not given


@task(
    retries=len(FETCH_RETRY_DELAYS), retry_delay_seconds=FETCH_RETRY_DELAYS, task_run_name="fetch-{council}"
)
def fetch_council(council: str, out: str, since: dt.date | None = None, config: str | None = None) -> dict:
    """Discover and download one council's new documents (the client also retries each request)."""
    cfg = load_config(config)
    (selected,) = cfg.select([council])
    report = scrape_council(
        selected, out, settings=cfg.settings, client=make_client(cfg.councils, cfg.settings), since=since
    )
    logger = get_run_logger()
    logger.info(report.summary())
    for line in report.details():  # failures, skips with reasons, fallbacks, hosts backed off
        serious = line.startswith(("failed", "warning", "backed off"))
        logger.log(logging.WARNING if serious else logging.INFO, line)
    if report.unreadable:
        raise RuntimeError(f"{council}: nothing could be listed: {'; '.join(report.errors)}")
    return {
        "council": council,
        "downloaded": len(report.downloaded),
        "failed": len(report.failed),
        "skipped": len(report.skipped),
        "deferred": len(report.deferred),
        "backed_off": report.backed_off,
        "notes": report.notes,
        "errors": report.errors,
    }


@task(task_run_name="extract-{council}")
def extract_council(council: str, out: str, workers: int = 1) -> dict:
    """Extract every downloaded, not yet extracted document of a council (one batch)."""
    report = extract_new(out, [council], workers=workers, progress=False)
    logger = get_run_logger()
    logger.info(
        "%s: extracted %d document(s): %d ok, %d partial, %d failed",
        council,
        report.handed_off,
        report.ok,
        report.partial,
        len(report.failed),
    )
    for url, message in sorted(report.failed.items()):
        logger.warning("extraction failed %s: %s", url, message)
    if report.unavailable:
        raise RuntimeError(f"{council}: extraction could not run (retried next run): {report.unavailable}")
    return {
        "council": council,
        "extracted": report.handed_off,
        "ok": report.ok,
        "partial": report.partial,
        "failed": len(report.failed),
    }


@flow(name=FLOW_NAME, log_prints=True)
def scrape_councils(
    councils: list[str] | None = None,
    since: dt.date | None = None,
    out: str = "data",
    config: str | None = None,
    extract: bool = True,
    workers: int = 1,
) -> list[dict] | State:
    """Scrape `councils` (default: all in the config) and extract what is new.

    A council whose fetch fails still has what it downloaded extracted; the run then fails.
    It also ends Failed when documents were extracted and every one of them failed; when
    only some failed, each council's result counts them under "failed"."""
    slugs = [c.slug for c in load_config(config).select(councils)]
    fetches = {slug: fetch_council.submit(slug, out, since, config) for slug in slugs}
    results, failures = [], []
    for slug, future in fetches.items():
        future.wait()
        if future.state.is_completed():
            results.append(future.result())
        else:
            failures.append(slug)
        if extract:
            results.append(extract_council(slug, out, workers))
    if failures:
        raise RuntimeError(f"fetch failed for {', '.join(failures)}: see the fetch task logs")
    if every_document_failed(results):
        return Failed(message="every extracted document failed: see the extract task logs", data=results)
    return results


def every_document_failed(results: list[dict]) -> bool:
    """True when the extract tasks handled documents and none of them succeeded."""
    extracted = sum(r["extracted"] for r in results if "extracted" in r)
    return extracted > 0 and sum(r["failed"] for r in results if "extracted" in r) == extracted


def resolve_out(out: str | None = None) -> str:
    """The output root as an absolute path: `out`, else $COUNCILPAPERS_OUT; one is required."""
    out = out or os.environ.get(OUT_ENV)
    if not out:
        raise ValueError(f"no output location: pass --out or set {OUT_ENV} (an absolute path is best)")
    return str(Path(out).expanduser().resolve())


def build_deployments(config: str | None = None, out: str | None = None):
    """One deployment per council: weekly cron from its config entry, parameters naming it.

    `out` (else $COUNCILPAPERS_OUT) and `config` are stored as absolute paths."""
    out = resolve_out(out)
    config = str(Path(config).resolve()) if config else None
    return [
        scrape_councils.to_deployment(
            name=f"scrape-{council.slug}",
            schedule=Cron(council.schedule, timezone=council.timezone),
            parameters={"councils": [council.slug], "out": out, "config": config},
            description=f"Weekly scrape of {council.name} ({council.base_url}) and extraction of new papers",
            tags=["scrape", council.slug],
        )
        for council in load_config(config).councils
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the weekly scrape deployments.")
    parser.add_argument("--config", help="council list (default: bundled pipeline/data/councils.toml)")
    parser.add_argument("--out", help=f"output root the scheduled runs write to (default: ${OUT_ENV})")
    parser.add_argument("--list", action="store_true", help="print deployments and schedules, then exit")
    args = parser.parse_args(argv)
    try:
        deployments = build_deployments(args.config, args.out)
    except ValueError as exc:
        parser.error(str(exc))
    if args.list:
        for d in deployments:
            crons = ", ".join(f"{s.schedule.cron} ({s.schedule.timezone})" for s in d.schedules)
            print(f"{d.name}: {crons} -> {d.parameters}")
        return
    serve(*deployments)


if __name__ == "__main__":
    main()
