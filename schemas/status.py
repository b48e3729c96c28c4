"""A document's outcome as typed values: its status and the errors recorded against it.

`documents.status` holds a `Status` value and `documents.errors` a list of `DocError`
rows (the `ERROR_TYPE` struct in `schemas.tables`); the batch runner builds both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """How far a document got: all of it, some of it (an extractor failed, text cut), nothing."""

    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


class Stage(StrEnum):
    """Where in the pipeline an error happened."""

    INGEST = "ingest"  # reading the file into text
    METADATA = "metadata"  # council, body, date, title
    EXTRACT = "extract"  # one extractor
    WRITE = "write"  # writing the Parquet files
    BUDGET = "budget"  # the document ran out of time or memory and its worker was stopped


@dataclass(frozen=True)
class DocError:
    """One error recorded against a document (a row of `documents.errors`)."""

    stage: Stage
    message: str
    extractor: str | None = None
    page: int | None = None

    @classmethod
    def from_exception(cls, stage: Stage, exc: BaseException, extractor: str | None = None) -> DocError:
        """The exception's class and message, e.g. "RecursionError: maximum recursion depth exceeded"."""
        text = str(exc).strip()
        return cls(stage, f"{type(exc).__name__}: {text}" if text else type(exc).__name__, extractor)

    def to_row(self) -> dict:
        return {
            "stage": str(self.stage),
            "extractor": self.extractor,
            "message": self.message,
            "page": self.page,
        }
