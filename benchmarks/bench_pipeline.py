"""Throughput of the pipeline on the committed fixtures (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_pipeline.py [--repeat 10] [--skip-plumber]

Copies the fixtures into a temporary folder `--repeat` times (each copy made unique
by a harmless trailing byte change, so every copy is a new document with its own
doc_id), then times, in this process, one document after another:

- text path:  fixtures/seeds/*.txt  -> load_document, and the full process_document
- html path:  fixtures/html/*.html  -> the same two
- PDF path:   fixtures/pdf/*.pdf    -> the same two (PDFium text, ruled tables from
              PDFium's path objects)
- baselines:  pypdfium2's get_text_range, and pdfplumber's extract_text, on every
              page of the same PDFs, each alone

"ingest" is load_document only; "full" is process_document: ingest, metadata, every
extractor and the Parquet write. A warm-up document of each kind runs first, untimed,
so imports and the spaCy pipeline load are not counted. Sizes are the source files'.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest import load_document
from pipeline.run import Source, process_document

ROOT = Path(__file__).resolve().parent.parent


FIXTURES = ROOT / "fixtures"
KINDS = {"text": ("seeds", "*.txt"), "html": ("html", "*.html"), "pdf": ("pdf", "*.pdf")}
MIN_DOCS = 50


@dataclass
class Result:
    name: str
    docs: int
    pages: int
    nbytes: int
    seconds: float

    def row(self) -> str:
        s = self.seconds or 1e-9
        return (
            f"| {self.name:<34} | {self.docs:5d} | {self.pages:6d} | {self.nbytes / 1e6:7.2f} "
            f"| {self.seconds:8.2f} | {self.docs / s:8.1f} | {self.pages / s:8.1f} "
            f"| {self.nbytes / 1e6 / s:6.2f} |"
        )


HEADER = (
    "| path                               |  docs |  pages |      MB |   time s |   docs/s |  pages/s |   MB/s |\n"
    "|------------------------------------|------:|-------:|--------:|---------:|---------:|---------:|-------:|"
)


def make_copies(kind: str, repeat: int, into: Path) -> list[Path]:
    """`repeat` byte-distinct copies of each fixture of a kind, at least MIN_DOCS in all."""
    folder, pattern = KINDS[kind]
    originals = sorted((FIXTURES / folder).glob(pattern))
    repeat = max(repeat, -(-MIN_DOCS // len(originals)))
    out = []
    for r in range(repeat):
        for src in originals:
            data = src.read_bytes()
            # After %%EOF PDF readers ignore trailing bytes; text and HTML gain trailing blanks.
            tail = f"\n%bench {r}\n".encode() if kind == "pdf" else b"\n" + b" " * (r + 1) + b"\n"
            dst = into / kind / f"{src.stem}_{r:03d}{src.suffix}"
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(data + tail)
            out.append(dst)
    return out


def _timed(name: str, paths: list[Path], fn) -> Result:
    fn(paths[0])  # warm-up, untimed
    pages = 0
    start = time.perf_counter()
    for p in paths:
        pages += fn(p)
    seconds = time.perf_counter() - start
    return Result(name, len(paths), pages, sum(p.stat().st_size for p in paths), seconds)


def bench_kind(kind: str, paths: list[Path], out: Path) -> list[Result]:
    def ingest(p: Path) -> int:
        return load_document(p).n_pages

    def full(p: Path) -> int:
        outcome = process_document(Source(p), out)
        if outcome.status == "failed":
            raise RuntimeError(f"{p.name}: {outcome.message}")
        return _page_count(p)

    return [
        _timed(f"{kind}: ingest (load_document)", paths, ingest),
        _timed(f"{kind}: full (process_document)", paths, full),
    ]


def _page_count(p: Path) -> int:
    if p.suffix != ".pdf":
        return 1
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(p))
    try:
        return len(pdf)
    finally:
        pdf.close()


def bench_pdfium(paths: list[Path]) -> Result:
    import pypdfium2 as pdfium

    def extract(p: Path) -> int:
        pdf = pdfium.PdfDocument(str(p))
        try:
            for page in pdf:
                page.get_textpage().get_text_range()
            return len(pdf)
        finally:
            pdf.close()

    return _timed("pdf: pypdfium2 get_text_range only", paths, extract)


def bench_pdfplumber(paths: list[Path]) -> Result:
    import pdfplumber

    def extract(p: Path) -> int:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)

    return _timed("pdf: pdfplumber extract_text only", paths, extract)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10, help="copies of each fixture (default 10)")
    ap.add_argument("--skip-plumber", action="store_true", help="skip the slow pdfplumber baseline")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="councilpapers-bench-"))
    try:
        results: list[Result] = []
        for kind in KINDS:
            paths = make_copies(kind, args.repeat, tmp / "in")
            results += bench_kind(kind, paths, tmp / f"out-{kind}")
            if kind == "pdf":
                results.append(bench_pdfium(paths))
                if not args.skip_plumber:
                    results.append(bench_pdfplumber(paths))
        print(
            f"Python {platform.python_version()} on {platform.machine()}, "
            f"{_cpu_count()} CPUs, one process, documents one after another\n"
        )
        print(HEADER)
        for r in results:
            print(r.row())
        print("\npages = PDF pages (1 per text/HTML document); MB = size of the source files.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
