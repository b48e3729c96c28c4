"""The names of the dataset's tables: the one place they are written out.

Everything else (schemas, record types, the extractor registry, the writer, the scorer,
the tests) refers to these members, so adding a fact table starts here. `Table` members are
strings (`Table.RISKS == "risks"`), usable as folder names and dict keys.
"""

from __future__ import annotations

from enum import StrEnum


class Table(StrEnum):
    DOCUMENTS = "documents"
    TEXTS = "texts"
    PRIORITIES = "priorities"
    LEGISLATION = "legislation"
    RISKS = "risks"
    AMOUNTS = "amounts"
    SURVEY_RESULTS = "survey_results"


# Per-document tables first, then the fact tables (one per extractor), in contract order.
TABLES: tuple[Table, ...] = tuple(Table)
DOCUMENT_TABLES: tuple[Table, ...] = (Table.DOCUMENTS, Table.TEXTS)
FACT_TABLES: tuple[Table, ...] = tuple(t for t in Table if t not in DOCUMENT_TABLES)
