"""Speed on real inputs, each figure beside its anchor measured in the same run (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_speed.py                  # both paths, about 5 minutes
    .venv/bin/python benchmarks/bench_speed.py --only pdf       # about a minute
    .venv/bin/python benchmarks/bench_speed.py --only text --text-mb 2   # a quick look

- PDF path: fixtures/realpdfs (15 real PDFs, 114 pages), end to end (`run_batch` in this
  process, as `councilpapers extract` runs a batch: ingest with tables, metadata, every
  extractor, the Parquet writes a part at a time) and ingest alone,
  beside pypdfium2's text extraction and pdfplumber's `extract_text` on the same pages.
- Text path: fixtures/realworld/docs (111 excerpts of real papers) copied until the
  copies reach `--text-mb` MB (each copy a distinct document), end to end (and without
  the Parquet write, which dominates for short documents), beside the
  project's ingest alone and spaCy's blank English tokenizer on the same text; then the
  top functions of a cProfile run over one copy of the set.

Times are CPU seconds of one process (`time.process_time`), so other work on the
machine slows the figures less than wall time would; compare the ratios within a run.
Each path runs in its own child process, after one untimed pass over its inputs (imports,
the spaCy pipeline and date parser loaded), and reports its peak resident memory
(`resource.getrusage`).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import platform
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

REAL_PDFS = ROOT / "fixtures" / "realpdfs"
REAL_TEXTS = ROOT / "fixtures" / "realworld" / "docs"


def _cpu(fn, items) -> float:
    start = time.process_time()
    for item in items:
        fn(item)
    return time.process_time() - start


def _in_memory(p: Path) -> None:
    """A document without the Parquet write: ingest, metadata, every extractor."""
    from pipeline.run import Source, extract_document

    extract_document(Source(p))


def _end_to_end(out: Path):
    """What `councilpapers extract` does, in this process: one batch, written a part at a time."""
    from pipeline.run import Source, run_batch

    def run(paths: list[Path]) -> None:
        result = run_batch([Source(p) for p in paths], out, workers=0, progress=False)
        failed = [o.source_uri for o in result.outcomes if o.status == "failed"]
        if failed:
            raise RuntimeError(f"failed: {failed[:3]}")

    return run


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bench_pdf(tmp: Path) -> list[str]:
    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.ingest import load_document

    paths = sorted(REAL_PDFS.glob("*.pdf"))
    pages = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        pages += len(pdf)
        pdf.close()

    full = _end_to_end(tmp / "out-pdf")

    def pdfium_text(p: Path) -> None:
        pdf = pdfium.PdfDocument(str(p))
        try:
            for page in pdf:
                page.get_textpage().get_text_range()
        finally:
            pdf.close()

    def plumber_text(p: Path) -> None:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()

    _cpu(full, [paths])  # warm-up: imports, spaCy, dateparser
    rows = [
        ("project: end to end (run_batch in-process)", _cpu(full, [paths])),
        ("project: the same without the Parquet write", _cpu(_in_memory, paths)),
        ("project: ingest only (load_document)", _cpu(load_document, paths)),
        ("pypdfium2: get_text_range, every page", _cpu(pdfium_text, paths)),
        ("pdfplumber: extract_text, every page", _cpu(plumber_text, paths)),
    ]
    plumber = rows[-1][1]
    out = [
        f"PDF path: {len(paths)} real PDFs, {pages} pages (fixtures/realpdfs)",
        "| what | CPU s | pages/s | × pdfplumber |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {name} | {s:.2f} | {pages / s:.1f} | {plumber / s:.1f} |" for name, s in rows]
    out.append(f"peak memory of this process: {_peak_mib():.0f} MiB")
    return out


def text_copies(into: Path, megabytes: float = float("inf"), count: int | None = None) -> list[Path]:
    """Byte-distinct copies of the real-world set (each its own doc_id) until they reach
    `megabytes`, or `count` files."""
    originals = sorted(REAL_TEXTS.glob("*.txt"))
    out: list[Path] = []
    total, r = 0, 0
    while total < megabytes * 1e6 and (count is None or len(out) < count):
        for src in originals[: None if count is None else count - len(out)]:
            dst = into / f"{src.stem}_{r:03d}.txt"
            dst.write_bytes(src.read_bytes() + b"\n" + b" " * (r + 1) + b"\n")
            out.append(dst)
            total += dst.stat().st_size
        r += 1
    return out


def bench_text(tmp: Path, megabytes: float, top: int) -> list[str]:
    import spacy

    from pipeline.ingest import load_document

    into = tmp / "text-in"
    into.mkdir()
    paths = text_copies(into, megabytes)
    size = sum(p.stat().st_size for p in paths) / 1e6
    originals = sorted(REAL_TEXTS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]

    full = _end_to_end(tmp / "out-text")
    tokenizer = spacy.blank("en").tokenizer
    _cpu(_end_to_end(tmp / "warm-up"), [originals])
    rows = [
        ("project: end to end (run_batch in-process)", _cpu(full, [paths])),
        ("project: the same without the Parquet write", _cpu(_in_memory, paths)),
        ("project: ingest only (load_document)", _cpu(load_document, paths)),
        ("spaCy blank('en') tokenizer", _cpu(tokenizer, texts)),
    ]
    token = rows[-1][1]
    out = [
        f"Text path: {len(paths)} documents, {size:.1f} MB (fixtures/realworld/docs copied)",
        "| what | CPU s | MB/s | tokenizer passes |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {name} | {s:.2f} | {size / s:.2f} | {s / token:.1f} |" for name, s in rows]
    out.append(f"peak memory of this process: {_peak_mib():.0f} MiB")
    profile = cProfile.Profile()
    profile.enable()
    _end_to_end(tmp / "out-profile")(originals)
    profile.disable()
    for order, what, restrict in (
        ("tottime", "functions by own time", ()),
        ("cumulative", "project functions by cumulative time", (r"/(pipeline|extractors|schemas)/",)),
    ):
        buf = io.StringIO()
        pstats.Stats(profile, stream=buf).sort_stats(order).print_stats(*restrict, top)
        out += ["", f"Top {top} {what}, one pass over the {len(originals)} documents (cProfile):"]
        out += [_short(line) for line in buf.getvalue().splitlines() if line.strip()][-top - 1 :]
    return out


def _short(line: str) -> str:
    """A profile line with the checkout's and site-packages' path prefixes cut."""
    return line.replace(str(ROOT) + "/", "").replace(sys.prefix + "/lib/", "")


def _child(name: str, args: dict, queue) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"councilpapers-bench-{name}-"))
    try:
        lines = bench_pdf(tmp) if name == "pdf" else bench_text(tmp, **args)
        queue.put(lines)
    except Exception as exc:  # reported, so the other path still runs
        queue.put([f"{name}: failed: {exc!r}"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=["pdf", "text"], help="run one path only")
    ap.add_argument("--text-mb", type=float, default=20.0, help="size of the text copies (default 20 MB)")
    ap.add_argument("--top", type=int, default=15, help="functions to list from the text path profile")
    args = ap.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, one process per path\n")
    ctx = multiprocessing.get_context("spawn")
    for name in ("pdf", "text"):
        if args.only and args.only != name:
            continue
        queue = ctx.Queue()
        kwargs = {"megabytes": args.text_mb, "top": args.top} if name == "text" else {}
        proc = ctx.Process(target=_child, args=(name, kwargs, queue))
        proc.start()
        lines = queue.get()
        proc.join()
        print("\n".join(lines), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
