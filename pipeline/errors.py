"""Exceptions whose messages say what went wrong with a document and what to do about it."""

from __future__ import annotations

from pathlib import Path


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


def data_dir_problem(data_dir: str | Path) -> str | None:
    """Why `compare`, `show` and `evaluate` cannot read `data_dir` (they read a local folder),
    or None when they can."""
    text = str(data_dir)
    if "://" in text:
        return (
            f"{text} is a URL: compare, show and evaluate read a local folder; copy the dataset "
            "down first (e.g. `aws s3 sync`), or read it with pandas, pyarrow or duckdb directly"
        )
    if not Path(text).is_dir():
        return (
            f"no data folder at {text}: run `councilpapers extract PATH... --out {text}` first, "
            "or pass --data with the output root"
        )
    return None
