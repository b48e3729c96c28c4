"""Print a digest of what `extract` writes for every fixture set, table by table.

Used to show that a refactor leaves outputs unchanged: run it before and after (e.g. via
`scripts/same_outputs.sh REV`) and compare. Volatile columns (`extracted_at`,
`pipeline_version`) are left out; rows are sorted so file layout does not matter.

    python scripts/output_digest.py [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.run import collect_sources, run_batch  # noqa: E402

VOLATILE = {"extracted_at", "pipeline_version"}


def fixture_sets() -> dict[str, Path]:
    """Every folder of papers under fixtures/ (a folder holding .txt/.html/.pdf/.md files;
    notes such as README.md, INDEX.md and ANNOTATION.md, named in capitals, are not papers)."""
    sets = {}
    for folder in sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_dir()):
        papers = [f for f in folder.iterdir() if f.is_file() and not f.stem.isupper()]
        if any(f.suffix in {".txt", ".html", ".pdf", ".md"} for f in papers):
            sets[str(folder.relative_to(ROOT / "fixtures"))] = folder
    return sets


def _portable(column: str, value):
    """Source paths relative to the checkout, so two checkouts compare equal."""
    if column == "source_uri" and isinstance(value, str):
        return value.replace(str(ROOT) + "/", "")
    return value


def table_digest(path: Path) -> tuple[int, str]:
    """Row count and a hash of the sorted, canonical JSON rows of one table."""
    if not path.exists():
        return 0, "-"
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    rows = [
        json.dumps(
            {k: _portable(k, v) for k, v in row.items() if k not in VOLATILE}, sort_keys=True, default=str
        )
        for row in table.to_pylist()
    ]
    rows.sort()
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def digest() -> dict[str, dict[str, list]]:
    result = {}
    for name, folder in fixture_sets().items():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "data"
            sources = [
                s for s in collect_sources([folder]) if s.path.parent == folder and s.path.name != "README.md"
            ]
            run_batch(sources, out, progress=False)
            result[name] = {t.name: list(table_digest(t)) for t in sorted(out.iterdir()) if t.is_dir()}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the digest to this file")
    args = parser.parse_args()
    result = digest()
    for name, tables in result.items():
        print(name, " ".join(f"{t}={n}:{h}" for t, (n, h) in tables.items()))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
