"""Long-lived worker processes that run documents within a time, page and memory budget.

Each worker is spawned once, pays the heavy imports and the spaCy warm-up once, then
takes documents in small chunks over a pipe and reports each document's start and
outcome. The parent watches the clock: a document still running after `budget.seconds`
has its worker killed (the only way to stop a hung regex or C library), is recorded as
`failed` with a "budget" error, and the worker is replaced; the rest of its chunk goes
back in the queue. A worker's address space is capped (RLIMIT_AS, `budget.memory_mb`), so
a memory blow-up ends in a MemoryError (recorded as that document's failure, after which
the worker is recycled) or in the worker's death (recorded the same way), never in the
machine swapping or the batch failing.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path

from schemas.status import DocError, Stage

CHUNK = 4  # documents sent to a worker at a time; refilled when it is down to one
POLL_S = 0.25  # how often budgets are checked while waiting for workers
MAX_FAILED_STARTS = 3  # workers that die before they are ready: then the budget is too small


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_main(conn: Connection, out: str, council: str | None, budget) -> None:
    """A worker: limit memory, import and warm up, then process chunks until told to stop."""
    limit = budget.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from extractors.nlp import nlp
    from pipeline.run import process_document

    nlp()("Warm-up sentence for the tokenizer.")  # load spaCy's pipeline before the clock starts
    conn.send(("ready",))
    while (chunk := conn.recv()) is not None:
        for index, source in chunk:
            conn.send(("start", index))
            outcome = process_document(source, Path(out), council, max_pages=budget.max_pages)
            conn.send(("done", index, outcome, _peak_rss_mb()))
            if outcome.message.startswith("MemoryError"):
                return  # its heap may be in a bad state: the parent starts a fresh worker


class _Worker:
    def __init__(self, ctx, out: Path, council: str | None, budget) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(out), council, budget), daemon=True)
        self.started = time.monotonic()
        self.proc.start()
        child.close()
        self.ready_after: float | None = None
        self.inflight: deque = deque()  # (index, source) sent, not yet done
        self.current: tuple[int, float] | None = None  # (index, started) of the running document
        self.peak_rss_mb = 0.0

    def send(self, chunk: list) -> None:
        self.inflight.extend(chunk)
        self.conn.send(chunk)

    def high_water_mb(self) -> float:
        """Peak resident memory so far, read from /proc (also for a worker about to be killed)."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return max(self.peak_rss_mb, int(line.split()[1]) / 1024)
        except OSError:
            pass
        return self.peak_rss_mb

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=None if kill else 10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_in_workers(
    sources: Sequence,
    out: Path,
    workers: int,
    council: str | None,
    budget,
    on_done: Callable | None = None,
):
    """Process `sources` in `workers` processes; outcomes in input order (a BatchResult)."""
    from pipeline.run import BatchResult, write_failure

    ctx = multiprocessing.get_context("spawn")  # no PDFium or spaCy state inherited by a fork
    queue: deque = deque(enumerate(sources))
    done: dict[int, object] = {}
    pool: list[_Worker] = []
    startups: list[float] = []
    peak = 0.0
    failed_starts = 0

    def finish(index: int, outcome) -> None:
        done[index] = outcome
        if on_done:
            on_done(outcome)

    def fail(worker: _Worker, index: int, error: DocError) -> None:
        finish(index, write_failure(sources[index], out, council, error))
        worker.inflight = deque(item for item in worker.inflight if item[0] != index)

    def retire(worker: _Worker) -> None:
        nonlocal peak
        peak = max(peak, worker.high_water_mb())
        queue.extendleft(reversed(worker.inflight))  # the rest of its chunk runs elsewhere
        pool.remove(worker)

    try:
        while len(done) < len(sources):
            while len(pool) < min(workers, len(sources) - len(done)):
                pool.append(_Worker(ctx, out, council, budget))
            for w in pool:
                if w.ready_after is not None and len(w.inflight) <= 1 and queue:
                    w.send([queue.popleft() for _ in range(min(CHUNK, len(queue)))])
            ready = wait([w.conn for w in pool] + [w.proc.sentinel for w in pool], timeout=POLL_S)
            for w in list(pool):
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        while w.conn.poll():
                            _handle(w, w.conn.recv(), finish, startups)
                    except (EOFError, OSError):
                        pass
                if not w.proc.is_alive():
                    code = w.proc.exitcode
                    if w.ready_after is None:
                        failed_starts += 1
                        if failed_starts >= MAX_FAILED_STARTS:
                            raise RuntimeError(
                                f"worker processes exit before they are ready (exit code {code}): "
                                f"is the memory budget ({budget.memory_mb} MB) too small?"
                            )
                    elif w.current is not None:
                        fail(w, w.current[0], DocError(Stage.BUDGET, _death_message(code, budget)))
                    w.stop()
                    retire(w)
                elif w.current and time.monotonic() - w.current[1] > budget.seconds:
                    index = w.current[0]
                    w.stop(kill=True)
                    message = f"time budget exceeded: still running after {budget.seconds:g} s, stopped"
                    fail(w, index, DocError(Stage.BUDGET, message))
                    retire(w)
    finally:
        for w in pool:
            peak = max(peak, w.high_water_mb())
            w.stop()
    outcomes = [done[i] for i in range(len(sources))]
    return BatchResult(outcomes, worker_startup_s=startups, peak_worker_rss_mb=round(peak, 1))


def _handle(w: _Worker, msg: tuple, finish: Callable, startups: list[float]) -> None:
    if msg[0] == "ready":
        w.ready_after = time.monotonic() - w.started
        startups.append(round(w.ready_after, 2))
    elif msg[0] == "start":
        w.current = (msg[1], time.monotonic())
    elif msg[0] == "done":
        _, index, outcome, rss = msg
        w.peak_rss_mb = max(w.peak_rss_mb, rss)
        w.current = None
        w.inflight = deque(item for item in w.inflight if item[0] != index)
        finish(index, outcome)


def _death_message(code: int | None, budget) -> str:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return (
        f"worker process died ({how}) while reading this document: it probably needed more than "
        f"the {budget.memory_mb} MB memory budget or crashed a PDF library"
    )
