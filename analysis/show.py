"""`councilpapers show DOC_ID [--table T]`: a document's facts, each with its evidence text.

    councilpapers show 3f2a9c --data data --table risks

DOC_ID may be any unique prefix of the document's id (or its source path/URL as given).
Prints the document's metadata, then for each fact table the rows of this document: where
the fact is (page or character span), its main fields, and the text of its span in the
`texts` table, so a researcher can check a fact from the terminal.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import pandas as pd

from analysis.dataset import CompareError, check_data_dir, load_texts, read_table
from analysis.evidence import location, quote_of
from schemas.names import FACT_TABLES, Table

# The fields printed for each fact of a table, in order (the evidence text follows them).
FIELDS = {
    Table.PRIORITIES: ("plan", "period_start", "period_end", "kind", "rank", "theme", "status"),
    Table.LEGISLATION: ("title", "provision", "legislation_id", "kind", "year"),
    Table.RISKS: (
        "row",
        "risk",
        "rating_raw",
        "likelihood",
        "impact",
        "likelihood_label",
        "impact_label",
        "score",
    ),
    Table.AMOUNTS: (
        "raw",
        "value_gbp",
        "value_gbp_max",
        "is_grant",
        "fiscal_year",
        "funder",
        "recipient",
        "scheme",
    ),
    Table.SURVEY_RESULTS: ("survey", "respondents", "question", "answer", "percent"),
}
DOC_FIELDS = (
    "council",
    "body",
    "meeting_date",
    "title",
    "source_uri",
    "source_format",
    "n_pages",
    "text_quality",
    "status",
)
SPAN = ("doc_id", "page", "char_start", "char_end")
MAX_EVIDENCE = 2000  # characters of a span printed; longer spans are cut with "…"


def find_document(data_dir: Path, ref: str) -> pd.Series:
    """The `documents` row whose doc_id starts with `ref`, or whose source is `ref`."""
    docs = read_table(data_dir, Table.DOCUMENTS, ("doc_id", *DOC_FIELDS)).drop_duplicates("doc_id")
    hits = docs[docs["doc_id"].str.startswith(ref.lower()) | (docs["source_uri"] == ref)]
    if hits.empty:
        raise CompareError(f"no document {ref!r} in {data_dir}: give a doc_id (or its first characters)")
    if len(hits) > 1:
        ids = ", ".join(hits["doc_id"].str[:12])
        raise CompareError(f"{ref!r} matches {len(hits)} documents ({ids}): give more characters")
    return hits.iloc[0]


def _value(v, money: bool = False) -> str | None:
    if v is None or (not isinstance(v, list | tuple) and pd.isna(v)):
        return None
    if money:
        return f"{float(v):,.2f}".removesuffix(".00")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def format_fact(row, table: Table, text: str | None) -> str:
    """One fact: its location, its non-empty fields, then the evidence text, indented."""
    values = {f: _value(row.get(f), money=f.startswith("value_gbp")) for f in FIELDS[table]}
    fields = "  ".join(f"{f}={val}" for f, val in values.items() if val is not None)
    evidence = quote_of(text, row["char_start"], row["char_end"]) if text else ""
    if len(evidence) > MAX_EVIDENCE:
        evidence = evidence[: MAX_EVIDENCE - 1] + "…"
    where = location(row["page"], row["char_start"], row["char_end"])
    body = textwrap.fill(
        f"“{evidence}”" if evidence else "(no evidence text: texts table lacks this document)", 100
    )
    return f"  [{where}] {fields}\n" + textwrap.indent(body, "      ")


def show(data_dir, ref: str, tables: tuple[Table, ...] = FACT_TABLES) -> str:
    data_dir = check_data_dir(data_dir)
    doc = find_document(data_dir, ref)
    text = load_texts(data_dir, [doc["doc_id"]]).get(doc["doc_id"])
    lines = [f"document {doc['doc_id']}"]
    lines += [f"  {f:<14} {val}" for f in DOC_FIELDS if (val := _value(doc[f])) is not None]
    for table in tables:
        rows = read_table(data_dir, table, (*SPAN, *FIELDS[table]))
        rows = rows[rows["doc_id"] == doc["doc_id"]].sort_values(
            "char_start", na_position="last", kind="stable"
        )
        lines += ["", f"{table} ({len(rows)})"]
        lines += [format_fact(r, table, text) for _, r in rows.iterrows()]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "doc_id", help="the document's doc_id, or its first characters, or its source path/URL"
    )
    parser.add_argument("--data", default="data", help="output root to read (default: data)")
    parser.add_argument("--table", choices=FACT_TABLES, action="append", help="only this table (repeatable)")


def run(args: argparse.Namespace) -> int:
    tables = tuple(Table(t) for t in args.table) if args.table else FACT_TABLES
    print(show(args.data, args.doc_id, tables))
    return 0
