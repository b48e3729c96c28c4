"""Reading an output root's tables for analysis: fact rows joined to their document.

Every fact row comes back with its document's `source`, `doc_title` and `source_format`,
its evidence text (`quote`), and with `council` filled from the `documents` table when the row lacks it ("unknown"
when neither says), so each summary can name and link the paper a fact came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from analysis.evidence import quote_of
from pipeline.errors import CouncilPapersError, data_dir_problem
from schemas.names import Table

UNKNOWN_COUNCIL = "unknown"
COMMON = ("doc_id", "council", "page", "char_start", "char_end")
DOC_COLUMNS = ("doc_id", "council", "title", "source_uri", "source_format", "meeting_date")


class CompareError(CouncilPapersError, ValueError):
    """Bad input to the comparison or the viewer; the message says how to fix it."""


def check_data_dir(data_dir) -> Path:
    if problem := data_dir_problem(data_dir):
        raise CompareError(problem)
    return Path(data_dir)


def read_table(data_dir: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The table's rows with exactly `columns` (absent ones all-null), as objects with None for null."""
    path = Path(data_dir) / name
    if path.exists():
        table = ds.dataset(str(path), format="parquet", partitioning="hive").to_table()
        for i, col in enumerate(table.schema):  # hive partition values may arrive dictionary-encoded
            if pa.types.is_dictionary(col.type):
                table = table.set_column(i, col.name, table.column(i).cast(col.type.value_type))
        df = table.to_pandas()
    else:
        df = pd.DataFrame()
    return df.reindex(columns=list(columns)).astype(object).where(lambda d: d.notna(), None)


def documents(data_dir: Path) -> pd.DataFrame:
    return read_table(data_dir, Table.DOCUMENTS, DOC_COLUMNS).drop_duplicates("doc_id")


def load_facts(data_dir, name: str, columns: tuple[str, ...], ints: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of fact table `name` with the common columns, `columns`, and their document's
    `source` (URI, else doc_id), `doc_title`, `source_format` and `quote` (the evidence
    text); `ints` become nullable integers."""
    data_dir = check_data_dir(data_dir)
    facts = read_table(data_dir, name, tuple(dict.fromkeys(COMMON + columns)))
    docs = documents(data_dir).rename(
        columns={"council": "doc_council", "meeting_date": "doc_date", "title": "doc_title"}
    )
    facts = facts.merge(docs, on="doc_id", how="left")
    facts["council"] = facts["council"].fillna(facts["doc_council"]).fillna(UNKNOWN_COUNCIL)
    facts["source"] = facts["source_uri"].fillna(facts["doc_id"])
    for col in ("page", "char_start", "char_end", *ints):
        facts[col] = pd.to_numeric(facts[col]).astype("Int64")
    facts["quote"] = evidence_quotes(data_dir, facts)
    return facts.drop(columns=["doc_council", "source_uri", "doc_date"])


def evidence_quotes(data_dir: Path, facts: pd.DataFrame) -> list[str]:
    """The evidence text of each fact row (its span of `texts.text`), "" when unknown.
    Texts are read a batch at a time, so a large dataset's texts are never all in memory."""
    path = Path(data_dir) / Table.TEXTS
    quotes = [""] * len(facts)
    if facts.empty or not path.exists():
        return quotes
    rows_of: dict[str, list[int]] = {}
    for i, doc_id in enumerate(facts["doc_id"]):
        rows_of.setdefault(doc_id, []).append(i)
    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    starts, ends = facts["char_start"].tolist(), facts["char_end"].tolist()
    for batch in dataset.to_batches(
        columns=["doc_id", "text"], filter=ds.field("doc_id").isin(list(rows_of))
    ):
        for doc_id, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            for i in rows_of.get(doc_id, []):
                quotes[i] = quote_of(text, starts[i], ends[i])
    return quotes


def load_texts(data_dir: Path, doc_ids) -> dict[str, str]:
    """doc_id -> normalised text, for the documents in `doc_ids` (the evidence spans index it)."""
    path = Path(data_dir) / Table.TEXTS
    if not path.exists():
        return {}
    wanted = sorted({d for d in doc_ids if d})
    if not wanted:
        return {}
    table = ds.dataset(str(path), format="parquet", partitioning="hive").to_table(
        columns=["doc_id", "text"], filter=ds.field("doc_id").isin(wanted)
    )
    return dict(zip(table.column("doc_id").to_pylist(), table.column("text").to_pylist()))
