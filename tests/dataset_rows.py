"""Synthetic rows for the dataset layout tests and benchmark: a document, its text and facts."""

from __future__ import annotations

import datetime as dt

COUNCILS = ("kent", "medway", "leeds", "york", "bristol")


def document_rows(i: int, version: int = 0, text_chars: int = 200) -> dict[str, list[dict]]:
    """Rows of synthetic document `i` (`version` changes its bytes, so its doc_id)."""
    doc_id = f"{i:08d}-v{version}"
    council = COUNCILS[i % len(COUNCILS)]
    text = (f"Document {i} version {version}. " * (text_chars // 24 + 1))[:text_chars]
    fact = {"doc_id": doc_id, "council": council, "meeting_date": dt.date(2025, 1, 1 + i % 28), "page": 1}
    return {
        "documents": [
            {
                "doc_id": doc_id,
                "council": council,
                "title": f"Paper {i}",
                "source_uri": f"https://example.org/{council}/{i}.pdf",
                "source_format": "pdf",
                "n_pages": 3,
                "n_chars": len(text),
                "text_quality": "ok",
                "pipeline_version": "test",
                "extracted_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                "status": "ok",
                "errors": [],
                "warnings": [],
            }
        ],
        "texts": [{"doc_id": doc_id, "text": text, "page_starts": [0]}],
        "priorities": [
            {**fact, "char_start": k, "char_end": k + 5, "theme": "housing", "text": f"Priority {k}"}
            for k in range(3)
        ],
        "amounts": [
            {**fact, "char_start": 0, "char_end": 4, "raw": f"£{i}", "value_gbp": float(i), "is_grant": False}
        ],
    }
