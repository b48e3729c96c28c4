"""Score an output dataset against gold annotations: precision, recall and F1 per table.

    councilpapers evaluate --data data --gold fixtures/gold --verbose

A gold folder holds one JSON file per source document (format of fixtures/gold/); a gold
file is tied to a document through the last path segment of `documents.source_uri`, which
must equal its "file" field. The matching rules are those of the project's reference
scorer (score.py), kept faithfully so the figures agree with it to three decimals:

- priorities and risks: greedy best-first matching on text similarity >= 0.8 (legislation:
  unique instruments per document, title similarity >= 0.9, an equal legislation_id counts
  as a title match); a prediction that only duplicates an already matched gold item is not
  a false positive; items marked "optional" in the gold count neither way;
- amounts: the same value within 50p; grants: likewise among `is_grant` rows;
- survey results: the same percent (within 0.05) and an answer similar enough (>= 0.5, or
  >= 0.2 when that percent occurs once in the gold).

Side accuracies (theme, period, rating, fiscal year, ...), document metadata and span
provenance are reported beside the counts, as score.py reports them.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow.dataset as ds

from evaluation import rules
from evaluation.rules import Score
from pipeline.errors import CouncilPapersError, data_dir_problem
from schemas.names import FACT_TABLES, TABLES, Table

GRANTS = "grants"  # scored as its own table: the amounts flagged as grants
SCORED = (Table.PRIORITIES, Table.LEGISLATION, Table.RISKS, Table.AMOUNTS, GRANTS, Table.SURVEY_RESULTS)


class EvaluateError(CouncilPapersError, ValueError):
    """Bad input to the evaluator; the message says how to fix it."""


# ---------------------------------------------------------------- results
@dataclass
class EvalResult:
    tables: dict[str, Score]
    documents: Score  # side accuracies of document metadata
    provenance: Score  # side accuracies of evidence spans, per table

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.tables.values()) / len(self.tables)

    @property
    def notes(self) -> list[str]:
        return [n for s in (self.documents, *self.tables.values(), self.provenance) for n in s.notes]

    def to_dict(self) -> dict:
        """The figures in the layout of score.py's --json output."""
        out: dict = {
            name: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "side": dict(s.side),
            }
            for name, s in self.tables.items()
        }
        out.update(
            documents=dict(self.documents.side), provenance=dict(self.provenance.side), macro_f1=self.macro_f1
        )
        return out

    def format(self, verbose: bool = False) -> str:
        def sides(s: Score) -> str:
            return "  ".join(f"{k}={v[0]}/{v[1]}" for k, v in s.side.items())

        lines = [f"{'table':<16}{'P':>7}{'R':>7}{'F1':>7}   tp/fp/fn    side accuracies"]
        for name, s in self.tables.items():
            lines.append(
                f"{name:<16}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   {s.tp}/{s.fp}/{s.fn}    {sides(s)}"
            )
        lines.append(f"{'documents':<16}{'':>21}   {'':10} {sides(self.documents)}")
        lines.append(f"{'provenance':<16}{'':>21}   {'':10} {sides(self.provenance)}")
        if verbose:
            lines += [f"  - {n}" for n in self.notes]
        lines.append(f"macro F1 {self.macro_f1:.3f}")
        return "\n".join(lines)


# ---------------------------------------------------------------- loading
def load_table(root: Path, name: str) -> list[dict]:
    path = root / name
    if not path.exists():
        return []
    rows = ds.dataset(str(path), format="parquet", partitioning="hive").to_table().to_pylist()
    for r in rows:  # partition columns may come back as dictionary values
        for k, v in list(r.items()):
            if hasattr(v, "as_py"):
                r[k] = v.as_py()
    return rows


def _by_doc(rows: list[dict]) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(r.get("doc_id"), []).append(r)
    return out


# ---------------------------------------------------------------- entry points
def _gold_files(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise EvaluateError(
            f"no gold folder at {gold_dir}: pass --gold DIR holding one JSON file per "
            "source document (see fixtures/gold/)"
        )
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise EvaluateError(
            f"no *.json gold files in {gold_dir}: expected one per source document, "
            "in the format of fixtures/gold/"
        )
    return files


def evaluate(data_dir, gold_dir) -> EvalResult:
    """Score the output root `data_dir` against the gold JSON files in `gold_dir`."""
    if problem := data_dir_problem(data_dir):
        raise EvaluateError(problem)
    data_dir, gold_dir = Path(data_dir), Path(gold_dir)
    gold_files = _gold_files(gold_dir)
    tables = {t: load_table(data_dir, t) for t in TABLES}
    docs_by_file = {
        re.split(r"[/\\]", str(d.get("source_uri") or "").rstrip("/"))[-1]: d for d in tables[Table.DOCUMENTS]
    }
    texts = {r["doc_id"]: r.get("text") or "" for r in tables[Table.TEXTS]}
    by = {t: _by_doc(tables[t]) for t in FACT_TABLES}
    result = EvalResult({t: Score() for t in SCORED}, Score(), Score())
    scorers = (
        (rules.score_priorities, Table.PRIORITIES, Table.PRIORITIES),
        (rules.score_legislation, Table.LEGISLATION, Table.LEGISLATION),
        (rules.score_risks, Table.RISKS, Table.RISKS),
        (rules.score_amounts, Table.AMOUNTS, Table.AMOUNTS),
        (rules.score_grants, GRANTS, Table.AMOUNTS),
        (rules.score_surveys, Table.SURVEY_RESULTS, Table.SURVEY_RESULTS),
    )
    for gf in gold_files:
        g = json.loads(gf.read_text(encoding="utf-8"))
        name = g["file"]
        d = docs_by_file.get(name)
        doc_id = d.get("doc_id") if d else None
        if d is None:
            result.documents.notes.append(f"{name}: no document row with this source file")
        rules.score_document_meta(result.documents, name, d, g.get("document", {}))
        for scorer, counted, source in scorers:
            scorer(result.tables[counted], by[source].get(doc_id, []), g, name)
        rules.score_provenance(result.provenance, by, doc_id, texts, name)
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, help="output root to score (e.g. data)")
    parser.add_argument(
        "--gold",
        required=True,
        type=Path,
        help="folder of gold JSON files, one per source document (e.g. fixtures/gold)",
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.data, args.gold)  # an EvaluateError is reported by the CLI
    print(result.format(verbose=args.verbose))
    if getattr(args, "json", None):
        args.json.write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")
    return 0
