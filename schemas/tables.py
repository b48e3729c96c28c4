"""The Parquet data contract (SPEC.md, version 1): one Arrow schema per output table.

This module is the single source of truth for column names and types; the writer
builds every file with these schemas and a snapshot test freezes them. Columns may
be added, never renamed or dropped, without a new CONTRACT_VERSION.
"""

from __future__ import annotations

import pyarrow as pa

from schemas.names import FACT_TABLES, TABLES, Table  # noqa: F401  (re-exported)

CONTRACT_VERSION = "1"

# Columns every fact table starts with.
COMMON_FIELDS = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("council", pa.string()),
    pa.field("meeting_date", pa.date32()),
    pa.field("page", pa.int32()),
    pa.field("char_start", pa.int64()),
    pa.field("char_end", pa.int64()),
]

ERROR_TYPE = pa.struct(
    [
        pa.field("stage", pa.string()),
        pa.field("extractor", pa.string()),
        pa.field("message", pa.string()),
        pa.field("page", pa.int32()),
    ]
)

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("council", pa.string()),
        pa.field("body", pa.string()),
        pa.field("meeting_date", pa.date32()),
        pa.field("title", pa.string()),
        pa.field("source_uri", pa.string()),
        pa.field("source_format", pa.string()),
        pa.field("n_pages", pa.int32()),
        pa.field("n_chars", pa.int64()),
        pa.field("text_quality", pa.string()),
        pa.field("pipeline_version", pa.string()),
        pa.field("extracted_at", pa.timestamp("us", tz="UTC")),
        # Additions beyond contract v1 (allowed: "add columns freely").
        pa.field("status", pa.string()),  # ok | partial | failed
        pa.field("errors", pa.list_(ERROR_TYPE)),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("agenda_item", pa.string()),
        pa.field("document_title", pa.string()),
        pa.field("published_date", pa.date32()),
    ]
)

TEXTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("text", pa.large_string()),
        pa.field("page_starts", pa.list_(pa.int64())),
    ]
)

PRIORITIES = pa.schema(
    COMMON_FIELDS
    + [
        pa.field("plan", pa.string()),
        pa.field("period_start", pa.int16()),
        pa.field("period_end", pa.int16()),
        pa.field("kind", pa.string()),
        pa.field("rank", pa.int16()),
        pa.field("text", pa.string()),
        pa.field("theme", pa.string()),
        pa.field("status", pa.string()),
    ]
)

LEGISLATION = pa.schema(
    COMMON_FIELDS
    + [
        pa.field("title", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("kind", pa.string()),
        pa.field("provision", pa.string()),
        pa.field("legislation_id", pa.string()),
        pa.field("mention", pa.string()),
    ]
)

RISKS = pa.schema(
    COMMON_FIELDS
    + [
        pa.field("row", pa.int16()),
        pa.field("risk", pa.string()),
        pa.field("description", pa.string()),
        pa.field("mitigation", pa.string()),
        pa.field("rating_raw", pa.string()),
        pa.field("likelihood", pa.string()),
        pa.field("impact", pa.string()),
        pa.field("likelihood_label", pa.string()),
        pa.field("impact_label", pa.string()),
        pa.field("score", pa.int16()),
    ]
)

AMOUNTS = pa.schema(
    COMMON_FIELDS
    + [
        pa.field("raw", pa.string()),
        pa.field("value_gbp", pa.float64()),
        pa.field("value_gbp_max", pa.float64()),
        pa.field("is_grant", pa.bool_()),
        pa.field("fiscal_year", pa.string()),
        pa.field("funder", pa.string()),
        pa.field("recipient", pa.string()),
        pa.field("scheme", pa.string()),
    ]
)

SURVEY_RESULTS = pa.schema(
    COMMON_FIELDS
    + [
        pa.field("survey", pa.string()),
        pa.field("respondents", pa.int32()),
        pa.field("question", pa.string()),
        pa.field("answer", pa.string()),
        pa.field("percent", pa.float32()),
        pa.field("evidence", pa.string()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    Table.DOCUMENTS: DOCUMENTS,
    Table.TEXTS: TEXTS,
    Table.PRIORITIES: PRIORITIES,
    Table.LEGISLATION: LEGISLATION,
    Table.RISKS: RISKS,
    Table.AMOUNTS: AMOUNTS,
    Table.SURVEY_RESULTS: SURVEY_RESULTS,
}
