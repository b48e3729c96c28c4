"""Prefect flow `extract_papers`: the CLI's `extract`, as a thin flow over pipeline.run.

A task handles a batch of documents, never a page or a fact: each Prefect task run
costs 5-7 ms and a local server has failed after ~14,000 of them in one process.
Tasks run one at a time by default, because PDFium is not thread-safe; to spread
batches over processes or machines, swap in Dask (the README's example runs it against
one Prefect API with flows.server.prefect_api).

The run's final state follows the documents: Failed when every document failed;
Completed otherwise, with `run_status` "partial" and the failed documents listed in the
result when some failed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.states import Failed, State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from pipeline.councils import check_council
from pipeline.run import Source, collect_sources, run_batch

BATCH_SIZE = 25
# Batches run one at a time (a batch may use `workers` processes of its own). Typed as the
# base class: prefect's generic ThreadPoolTaskRunner infers no future type from its arguments.
_ONE_THREAD: TaskRunner[Any] = ThreadPoolTaskRunner(max_workers=1)


@task(name="extract-batch")
def extract_batch(paths: list[str], out: str, council: str | None = None, workers: int = 1) -> list[dict]:
    """Extract and write one batch of documents; failures are outcomes, not exceptions."""
    result = run_batch(
        [Source(Path(p)) for p in paths], out, workers=workers, progress=False, council=council
    )
    # Plain JSON data (enum members become their strings): a Prefect result prints and persists
    # the same whether the batch ran here, in worker processes or on a Dask worker.
    return json.loads(json.dumps([dataclasses.asdict(o) for o in result.outcomes]))


@flow(name="extract-papers", task_runner=_ONE_THREAD)
def extract_papers(
    paths: list[str],
    out: str = "data",
    council: str | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> dict | State:
    """Extract every paper under `paths` into the dataset at `out`; returns counts per status and table.

    When every document failed, the run ends Failed (the summary is the state's data)."""
    check_council(council)
    files = [str(s.path) for s in collect_sources(paths)]
    batches = [files[i : i + batch_size] for i in range(0, len(files), batch_size)]
    futures = extract_batch.map(
        batches, out=unmapped(out), council=unmapped(council), workers=unmapped(workers)
    )
    outcomes = [o for f in futures for o in f.result()]
    summary = summarise(outcomes, get_run_logger())
    if summary["run_status"] == "failed":
        return Failed(message=f"all {len(outcomes)} document(s) failed", data=summary)
    return summary


def run_status(statuses: dict[str, int]) -> str:
    """The batch as a whole: "failed" if every document failed, "partial" if any failed or is
    partial, else "ok". No documents at all is "ok" (nothing went wrong)."""
    total = sum(statuses.values())
    if total and statuses.get("failed", 0) == total:
        return "failed"
    return "partial" if statuses.get("failed") or statuses.get("partial") else "ok"


def summarise(outcomes: list[dict], logger) -> dict:
    """Counts per status and table, the failed documents, and the batch's `run_status`."""
    statuses: dict[str, int] = {}
    tables: dict[str, int] = {}
    for o in outcomes:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
        for name, n in o["counts"].items():
            tables[name] = tables.get(name, 0) + n
        if o["status"] == "failed":
            logger.warning("failed: %s (%s)", o["source_uri"], o["message"])
    logger.info("documents by status %s; facts by table %s", statuses, tables)
    return {
        "documents": len(outcomes),
        "run_status": run_status(statuses),
        "statuses": statuses,
        "failed": [o["source_uri"] for o in outcomes if o["status"] == "failed"],
        "tables": tables,
        "outcomes": outcomes,
    }
