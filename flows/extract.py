"""Prefect flow `extract_papers`: the CLI's `extract`, as a thin flow over pipeline.run.

A task handles a batch of documents, never a page or a fact: each Prefect task run
costs 5-7 ms and a local server has failed after ~14,000 of them in one process.
Tasks run one at a time by default, because PDFium is not thread-safe; to spread
batches over processes or machines, swap in Dask:

    from prefect_dask import DaskTaskRunner
    extract_papers.with_options(task_runner=DaskTaskRunner())(["papers/"], "data")
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.councils import check_council
from pipeline.run import Source, collect_sources, run_batch

BATCH_SIZE = 25


@task(name="extract-batch")
def extract_batch(paths: list[str], out: str, council: str | None = None, workers: int = 1) -> list[dict]:
    """Extract and write one batch of documents; failures are outcomes, not exceptions."""
    result = run_batch(
        [Source(Path(p)) for p in paths], out, workers=workers, progress=False, council=council
    )
    return [dataclasses.asdict(o) for o in result.outcomes]


@flow(name="extract-papers", task_runner=ThreadPoolTaskRunner(max_workers=1))
def extract_papers(
    paths: list[str],
    out: str = "data",
    council: str | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> dict:
    """Extract every paper under `paths` into the dataset at `out`; returns counts per status and table."""
    check_council(council)
    files = [str(s.path) for s in collect_sources(paths)]
    batches = [files[i : i + batch_size] for i in range(0, len(files), batch_size)]
    futures = extract_batch.map(
        batches, out=unmapped(out), council=unmapped(council), workers=unmapped(workers)
    )
    outcomes = [o for f in futures for o in f.result()]
    return summarise(outcomes, get_run_logger())


def summarise(outcomes: list[dict], logger) -> dict:
    statuses: dict[str, int] = {}
    tables: dict[str, int] = {}
    for o in outcomes:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
        for name, n in o["counts"].items():
            tables[name] = tables.get(name, 0) + n
        if o["status"] == "failed":
            logger.warning("failed: %s (%s)", o["source_uri"], o["message"])
    logger.info("documents by status %s; facts by table %s", statuses, tables)
    return {"documents": len(outcomes), "statuses": statuses, "tables": tables, "outcomes": outcomes}
