"""A list whose first item ends in a colon on the intro's own line must not make the scan loop."""

from __future__ import annotations

import multiprocessing

from tests.conftest import FIXTURES


def _extract(path: str) -> int:
    from extractors.priorities import extract
    from pipeline.normalise import document_from_text

    return len(extract(document_from_text(open(path, encoding="utf-8").read())))


def test_the_annotation_guide_is_scanned_to_its_end():
    # A real document that once made the block scanner resume at the line it stood on.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result = pool.apply_async(_extract, (str(FIXTURES / "realworld" / "ANNOTATION.md"),))
        assert result.get(timeout=120) >= 0
