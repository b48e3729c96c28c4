"""Every section of the report, the documents it rests on, and evidence links on every row."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from analysis.compare import build_report
from analysis.evidence import href, location
from tests.gold_dataset import build_from_gold

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {
    "councils-compared",
    "themes-over-time",
    "theme-changes",
    "priorities",
    "legislation",
    "grants",
    "risks",
    "surveys",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of the sample papers' gold facts (three councils, five documents)."""
    tmp = tmp_path_factory.mktemp("sections")
    data = build_from_gold(ROOT / "fixtures" / "gold", tmp / "data", ROOT / "fixtures" / "seeds")
    return build_report(data, tmp / "out")


def sections(html: Path) -> dict[str, ET.Element]:
    root = ET.fromstring(html.read_text(encoding="utf-8").replace("<!DOCTYPE html>", "", 1))
    return {s.get("id"): s for s in root.iter("section")}


def text(el: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext()))


def test_every_section_is_there_and_says_how_many_documents_it_rests_on(report):
    found = sections(report.html)
    assert set(found) == SECTIONS
    basis = {
        k: re.search(r"Rests on (\d+) documents? from (\d+) named councils?", text(s))
        for k, s in found.items()
    }
    assert all(basis.values()), [k for k, m in basis.items() if not m]
    counts = {k: (int(m.group(1)), int(m.group(2))) for k, m in basis.items()}
    assert counts["priorities"] == (5, 3)
    assert counts["legislation"] == (5, 3)  # every sample paper cites the Crime and Disorder Act
    assert counts["risks"] == (3, 1)  # only medway's papers have risk tables


def test_every_table_row_links_to_its_source_and_names_the_place(report):
    out_dir = report.html.parent
    for section_id, section in sections(report.html).items():
        for table in section.iter("table"):
            if section_id == "grants" and len(list(table.iter("tr"))[0]) == 4:
                continue  # totals by year, funder, recipient: the listing below links each grant
            for tr in list(table.iter("tr"))[1:]:
                links = [a for a in tr.iter("a") if a.get("class") == "evidence"]
                assert links, f"{section_id}: row without evidence: {text(tr)[:80]}"
                for a in links:
                    target = (out_dir / unquote(a.get("href"))).resolve()
                    assert target.is_file() and target.parent.name == "seeds"
                    assert re.search(r"p\. \d+|chars \d+-\d+|doc \d+", text(tr))


def test_an_evidence_link_shows_the_evidence_text_on_hover(report):
    legislation = sections(report.html)["legislation"]
    tips = [a.get("title") for a in legislation.iter("a")]
    assert any("Crime and Disorder Act 1998" in t for t in tips)


def test_legislation_grants_risks_and_survey_tables_match_the_gold_facts(report):
    def table(name):
        return pd.read_parquet(report.tables[name][1])

    leg = table("legislation_by_council").set_index(["council", "title"])
    assert leg.loc[("medway", "Crime and Disorder Act 1998"), "documents"] == 3
    assert "section 6" in list(leg.loc[("maidstone", "Crime and Disorder Act 1998"), "provisions"])
    years = table("grants_by_fiscal_year")
    assert list(zip(years.fiscal_year, years.grants, years.total_gbp)) == [
        ("2013-14", 2, 118369 + 1300000),
        ("2024-25", 1, 106460),
        ("2026-27", 1, 106500),
    ]
    funders = table("grants_by_funder").set_index("funder")
    assert funders.loc["Home Office", "total_gbp"] == 1300000
    risks = table("risks_by_rating")
    assert set(risks.council) == {"medway"} and risks.n_risks.sum() >= 4
    surveys = table("survey_results")
    assert {"council", "survey", "question", "answer", "percent"} <= set(surveys.columns)
    assert len(surveys) > 0


@pytest.mark.parametrize(
    "source,page,fmt,expected",
    [
        (
            "https://example.gov.uk/mgConvert2PDF.aspx?ID=42",
            3,
            "pdf",
            "https://example.gov.uk/mgConvert2PDF.aspx?ID=42#page=3",
        ),
        ("https://example.gov.uk/item.html", None, "html", "https://example.gov.uk/item.html"),
        ("papers/missing report.pdf", 2, "pdf", "papers/missing%20report.pdf#page=2"),
    ],
)
def test_links_lead_to_the_document_and_a_pdf_opens_at_the_page(source, page, fmt, expected, tmp_path):
    assert href(source, tmp_path, page, fmt) == expected


def test_a_local_file_is_linked_relative_to_the_report(tmp_path):
    paper = tmp_path / "papers" / "a.pdf"
    paper.parent.mkdir()
    paper.write_bytes(b"%PDF-1.4")
    assert href(str(paper), tmp_path / "reports", 4, "pdf") == "../papers/a.pdf#page=4"


@pytest.mark.parametrize(
    "page,start,end,expected",
    [(3, 10, 20, "p. 3"), (None, 10, 20, "chars 10-20"), (pd.NA, None, None, "page not known")],
)
def test_location_names_the_page_or_the_span(page, start, end, expected):
    assert location(page, start, end) == expected
