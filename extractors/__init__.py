"""The extractor registry: one plain table from fact-table name to `extract(doc) -> records`.

Each extractor is a pure function of a `schemas.document.Document` returning typed
records from `schemas.records`. To add one, write a module with `extract`, add it here
and to the README's extractor table (a test checks both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors import amounts, legislation, priorities, risks, surveys
from schemas.document import Document
from schemas.names import Table

Extractor = Callable[[Document], Sequence[object]]

EXTRACTORS: dict[str, Extractor] = {
    Table.PRIORITIES: priorities.extract,
    Table.LEGISLATION: legislation.extract,
    Table.RISKS: risks.extract,
    Table.AMOUNTS: amounts.extract,
    Table.SURVEY_RESULTS: surveys.extract,
}
