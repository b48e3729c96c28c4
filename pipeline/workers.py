"""Long-lived worker processes that run documents within a time, page and memory budget.

Each worker is forked once from a fork server that did the heavy imports and the spaCy
warm-up once per run (`pipeline.worker_warmup`), so it is ready in a fraction of a second;
it then takes documents in small chunks over a pipe and reports each document's start and
outcome, with its rows (the parent writes them). The parent watches the clock: a document still running after `budget.seconds`
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

from schemas.status import DocError, Stage

CHUNK = 4  # documents sent to a worker at a time; refilled when it is down to one
POLL_S = 0.25  # how often budgets are checked while waiting for workers
MAX_FAILED_STARTS = 3  # workers that die before they are ready: then the budget is too small


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_main(conn: Connection, process: Callable, council: str | None, budget) -> None:
    """A worker: limit memory, then process chunks until told to stop (imports and spaCy's
    warm-up were done by the fork server it came from, `pipeline.worker_warmup`)."""
    limit = budget.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    conn.send(("ready",))
    while (chunk := conn.recv()) is not None:
        for index, source in chunk:
            conn.send(("start", index))
            outcome, rows = process(source, council, max_pages=budget.max_pages)
            conn.send(("done", index, outcome, _peak_rss_mb(), rows))
            if outcome.message.startswith("MemoryError"):
                return  # its heap may be in a bad state: the parent starts a fresh worker


class _Worker:
    def __init__(self, ctx, process: Callable, council: str | None, budget) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, process, council, budget), daemon=True)
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
    workers: int,
    council: str | None,
    budget,
    process: Callable,
    record_failure: Callable,
    collect: Callable,
):
    """Process `sources` in `workers` processes: (outcomes in input order, worker start-up
    times in s, peak worker memory in MB).

    `process(source, council, max_pages=)` runs in the workers (a module-level function,
    passed by reference) and returns (outcome, rows); `record_failure(source, council, error)`
    returns them for a document whose worker was stopped, in this process. Each document's
    `collect(index, outcome, rows)` runs in this process (it writes the rows) and returns
    the outcome to report.
    """
    pool = _Pool(sources, workers, council, budget, process, record_failure, collect)
    try:
        while len(pool.done) < len(sources):
            pool.step()
    finally:
        pool.close()
    outcomes = [pool.done[i] for i in range(len(sources))]
    return outcomes, pool.startups, round(pool.peak, 1)


def _context():
    """Workers fork from a server that has imported and warmed up everything once
    (`pipeline.worker_warmup`), so each starts in a fraction of a second; the server never
    opens a paper, so unlike a fork of this process no PDFium or caller state is inherited."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.worker_warmup"])  # used when the server first starts
    return ctx


class _Pool:
    """The parent's view of its workers: the queue, what each is running, and the budgets."""

    def __init__(self, sources, workers, council, budget, process, record_failure, collect) -> None:
        self.ctx = _context()
        self.sources, self.size, self.council, self.budget = sources, workers, council, budget
        self.process, self.record_failure, self.collect = process, record_failure, collect
        self.queue: deque = deque(enumerate(sources))
        self.done: dict[int, object] = {}
        self.workers: list[_Worker] = []
        self.startups: list[float] = []
        self.peak = 0.0
        self.failed_starts = 0

    def step(self) -> None:
        """Start workers, feed them, wait a little for messages, enforce the budgets."""
        while len(self.workers) < min(self.size, len(self.sources) - len(self.done)):
            self.workers.append(_Worker(self.ctx, self.process, self.council, self.budget))
        for w in self.workers:
            if w.ready_after is not None and len(w.inflight) <= 1 and self.queue:
                w.send([self.queue.popleft() for _ in range(min(CHUNK, len(self.queue)))])
        handles = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        ready = wait(handles, timeout=POLL_S)
        for w in list(self.workers):
            if w.conn in ready or w.proc.sentinel in ready:
                try:
                    while w.conn.poll():
                        _handle(w, w.conn.recv(), self.finish, self.startups)
                except (EOFError, OSError):
                    pass
            if not w.proc.is_alive():
                self.died(w)
            elif w.current and time.monotonic() - w.current[1] > self.budget.seconds:
                index = w.current[0]
                w.stop(kill=True)
                message = f"time budget exceeded: still running after {self.budget.seconds:g} s, stopped"
                self.fail(w, index, DocError(Stage.BUDGET, message))
                self.retire(w)

    def died(self, w: _Worker) -> None:
        code = w.proc.exitcode
        if w.ready_after is None:
            self.failed_starts += 1
            if self.failed_starts >= MAX_FAILED_STARTS:
                raise RuntimeError(
                    f"worker processes exit before they are ready (exit code {code}): "
                    f"is the memory budget ({self.budget.memory_mb} MB) too small, or does the calling "
                    'script start extraction without an `if __name__ == "__main__":` guard (workers '
                    "import it again)?"
                )
        elif w.current is not None:
            self.fail(w, w.current[0], DocError(Stage.BUDGET, _death_message(code, self.budget)))
        w.stop()
        self.retire(w)

    def finish(self, index: int, outcome, rows) -> None:
        self.done[index] = self.collect(index, outcome, rows)

    def fail(self, w: _Worker, index: int, error: DocError) -> None:
        self.finish(index, *self.record_failure(self.sources[index], self.council, error))
        w.inflight = deque(item for item in w.inflight if item[0] != index)

    def retire(self, w: _Worker) -> None:
        self.peak = max(self.peak, w.high_water_mb())
        self.queue.extendleft(reversed(w.inflight))  # the rest of its chunk runs elsewhere
        self.workers.remove(w)

    def close(self) -> None:
        for w in self.workers:
            self.peak = max(self.peak, w.high_water_mb())
            w.stop()


def _handle(w: _Worker, msg: tuple, finish: Callable, startups: list[float]) -> None:
    if msg[0] == "ready":
        w.ready_after = time.monotonic() - w.started
        startups.append(round(w.ready_after, 2))
    elif msg[0] == "start":
        w.current = (msg[1], time.monotonic())
    elif msg[0] == "done":
        _, index, outcome, rss, rows = msg
        w.peak_rss_mb = max(w.peak_rss_mb, rss)
        w.current = None
        w.inflight = deque(item for item in w.inflight if item[0] != index)
        finish(index, outcome, rows)


def _death_message(code: int | None, budget) -> str:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return (
        f"worker process died ({how}) while reading this document: it probably needed more than "
        f"the {budget.memory_mb} MB memory budget or crashed a PDF library"
    )
