"""Ingest: format detection by content, decoding, HTML visible text, and bad input."""

from __future__ import annotations

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import load_document
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
PAPER = (
    "Health and Wellbeing Board\n\n16 April 2026\n\nBudget report\n\nThe Council will spend £300 on tea.\n"
)


def test_plain_text_is_read_as_one_page(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(PAPER, encoding="utf-8")
    doc = load_document(path)
    assert doc.source_format == "text"
    assert doc.page_starts == [0]
    assert "£300" in doc.text
    assert doc.warnings == []


def test_cp1252_text_is_decoded_with_a_warning():
    doc = load_document(BAD / "cp1252.txt")
    assert "£" in doc.text and "’" in doc.text
    assert any("cp1252" in w for w in doc.warnings)


def test_format_is_detected_by_content_not_extension(tmp_path):
    pdf_named_txt = tmp_path / "paper.txt"
    pdf_named_txt.write_bytes((FIXTURES / "pdf" / "003_dc372c86c311773d.pdf").read_bytes())
    assert load_document(pdf_named_txt).source_format == "pdf"
    html_named_txt = tmp_path / "page.txt"
    html_named_txt.write_text("<!DOCTYPE html><html><body><p>Hello council</p></body></html>")
    assert load_document(html_named_txt).source_format == "html"


def test_html_keeps_visible_text_and_drops_scripts_and_styles(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<script>var secret = 1;</script><h1>Community Safety Plan</h1>"
        "<p>The priorities are:</p><ul><li>Tackle <b>drugs</b> and alcohol</li><li>Reduce re-offending</li></ul>"
        "<table><tr><th>Risk</th><th>Rating</th></tr><tr><td>Funding</td><td>B2</td></tr></table>"
        "</body></html>"
    )
    doc = load_document(path)
    assert "secret" not in doc.text and "color" not in doc.text
    assert "• Tackle drugs and alcohol\n• Reduce re-offending" in doc.text
    assert "Risk\tRating\nFunding\tB2" in doc.text


def test_pdf_text_has_pages_and_tables():
    doc = load_document(FIXTURES / "pdf" / "000_aacef7b39bd9dd07.pdf")
    assert doc.source_format == "pdf" and doc.n_pages > 1
    assert doc.page_starts[0] == 0 and doc.page_starts == sorted(doc.page_starts)
    assert any(row and row[0] == "Risk" for t in doc.tables for row in t.rows)
    assert doc.text_quality == "ok"


def test_running_headers_and_page_numbers_are_dropped():
    doc = load_document(FIXTURES / "pdf" / "002_c26bdb524856306b.pdf")
    lines = doc.text.split("\n")
    assert not any(line.startswith("Page ") and " of " in line for line in lines)


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.pdf", "empty file"),
        ("truncated.pdf", "corrupt or truncated PDF"),
        ("encrypted.pdf", "encrypted PDF"),
        ("junk.pdf", "not a PDF"),
    ],
)
def test_bad_files_raise_a_clear_ingest_error(name, message):
    with pytest.raises(IngestError, match=message):
        load_document(BAD / name)


def test_image_only_pdf_is_flagged_no_text():
    doc = load_document(BAD / "image_only.pdf")
    assert doc.text_quality == "no_text"
    assert any("no text layer" in w for w in doc.warnings)


def test_binary_junk_with_a_text_name_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="binary content"):
        load_document(path)


def test_ocr_damaged_seed_is_flagged_noisy_and_clean_seeds_ok(seeds):
    qualities = {p.name[:3]: load_document(p).text_quality for p in seeds}
    assert qualities == {"000": "ok", "001": "ok", "002": "ok", "003": "ok", "004": "noisy"}


@pytest.mark.parametrize("page", sorted((FIXTURES / "html").glob("*.html")), ids=lambda p: p.stem)
def test_council_web_page_reads_as_its_report_without_site_chrome(page):
    from pipeline.normalise import normalise

    source = (FIXTURES / "seeds" / f"{page.stem}.txt").read_text(encoding="utf-8")
    doc = load_document(page)
    assert doc.source_format == "html"
    assert " ".join(doc.text.split()) == " ".join(normalise(source).text.split())


def test_web_page_heading_is_the_title_and_its_site_names_the_council(tmp_path):
    page = tmp_path / "item.html"
    page.write_text(
        "<html><head><title>Parks Strategy | Tandridge District Council</title></head><body>"
        "<header><a class='logo'>Tandridge District Council</a></header>"
        "<main><h1>Parks Strategy 2024-2029</h1><p>The strategy has three priorities:</p>"
        "<ul><li>Greener parks<ul><li>plant 500 trees</li></ul></li><li>Safer play areas</li></ul></main>"
        "<footer>Tandridge District Council, Town Hall</footer></body></html>"
    )
    out = tmp_path / "data"
    from pipeline.run import Source, run_batch

    run_batch([Source(page)], out, progress=False)
    import pandas as pd

    doc = pd.read_parquet(out / "documents").iloc[0]
    assert (doc["title"], doc["council"]) == ("Parks Strategy 2024-2029", "tandridge")
    text = pd.read_parquet(out / "texts")["text"][0]
    assert "• Greener parks\n    • plant 500 trees\n• Safer play areas" in text
    assert "Town Hall" not in text
