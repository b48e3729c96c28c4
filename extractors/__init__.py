"""The extractor registry: one plain table from fact-table name to `extract(doc) -> records`.

Each extractor is a pure function of a `schemas.document.Document` returning typed
records from `schemas.records`. To add one, write a module with `extract`, add it here
and to the README's extractor table (a test checks both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from extractors import amounts, legislation, priorities, risks, surveys
from schemas.document import Document
from schemas.names import Table


class Fact(Protocol):
    """What the runner needs of every record: its evidence span in the document's text."""

    @property
    def char_start(self) -> int: ...

    @property
    def char_end(self) -> int: ...


Extractor = Callable[[Document], Sequence[Fact]]

EXTRACTORS: dict[str, Extractor] = {
    Table.PRIORITIES: priorities.extract,
    Table.LEGISLATION: legislation.extract,
    Table.RISKS: risks.extract,
    Table.AMOUNTS: amounts.extract,
    Table.SURVEY_RESULTS: surveys.extract,
}
