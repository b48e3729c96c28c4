"""Hostile-input timings (issue 21): a 1 MB single-line document and a 100,000-character token.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_hostile.py

Prints ingest (read, normalise, quality), metadata and the full document (with every
extractor) per input, then each extractor alone. Before the fixes, metadata alone took 70 s on a 64,000-character
token; each of these should now finish in a few seconds. Not a test: timings vary by machine.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from extractors import EXTRACTORS
from pipeline.ingest import load_document
from pipeline.metadata import extract_metadata
from pipeline.run import Source, process_document

ROOT = Path(__file__).resolve().parent.parent
PAPER = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")


def inputs() -> dict[str, str]:
    line = " ".join(PAPER.split())  # the paper's words on one line, repeated to 1 MB
    return {
        "1 MB single line": (line + " ") * (1_000_000 // (len(line) + 1)),
        "100k-char token": PAPER + "\n\n" + "Ab" * 50_000 + "\n",
        "100k-char token, hyphenated capitals": PAPER + "\n\n" + "A-" * 50_000 + "\n",
        "100k-char token with @": PAPER + "\n\n" + "a.b" * 33_000 + "@x\n",
        "200k-char token": PAPER + "\n\n" + "Ab" * 100_000 + "\n",
        "10,000 amounts on one line": "Budget lines\n\nThe sums are "
        + " ".join(f"£{(i * 7919) % 10**6 + 1:,}" for i in range(10_000))
        + ".\n",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs().items():
            path = Path(tmp) / "doc.txt"
            path.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            doc = load_document(path)
            t1 = time.perf_counter()
            extract_metadata(doc.text)
            t2 = time.perf_counter()
            outcome = process_document(Source(path), Path(tmp) / "out")
            t3 = time.perf_counter()
            print(
                f"{name:40s} ingest {t1 - t0:6.2f} s  metadata {t2 - t1:6.2f} s  "
                f"full document {t3 - t2:6.2f} s ({outcome.status})"
            )
            for table, extract in EXTRACTORS.items():  # each extractor alone on the same document
                t4 = time.perf_counter()
                extract(doc)
                print(f"{'':40s} {table:16s} {time.perf_counter() - t4:6.2f} s", flush=True)


if __name__ == "__main__":
    main()
