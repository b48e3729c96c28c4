"""The extractor registry: one plain table from fact-table name to `extract(doc) -> records`.

Each extractor is a pure function of a `pipeline.document.Document` returning typed
records from `schemas.records`. To add one, write a module with `extract`, add it here
and to the README's extractor table (a test checks both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors import amounts, legislation, priorities, risks, surveys
from pipeline.document import Document

Extractor = Callable[[Document], Sequence[object]]

EXTRACTORS: dict[str, Extractor] = {
    "priorities": priorities.extract,
    "legislation": legislation.extract,
    "risks": risks.extract,
    "amounts": amounts.extract,
    "survey_results": surveys.extract,
}
