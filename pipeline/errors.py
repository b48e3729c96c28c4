"""Exceptions whose messages say what went wrong with a document and what to do about it."""

from __future__ import annotations


class CouncilPapersError(Exception):
    """Base class for errors the pipeline reports per document or per run."""


class IngestError(CouncilPapersError):
    """A document could not be read into text (corrupt, encrypted, empty, not a paper)."""


class UnknownCouncilError(CouncilPapersError, ValueError):
    def __init__(self, slug: str, known: list[str]):
        super().__init__(
            f"unknown council {slug!r}: expected one of {', '.join(sorted(known))}, "
            "or another council's lower-case slug (e.g. 'tunbridge-wells')"
        )
