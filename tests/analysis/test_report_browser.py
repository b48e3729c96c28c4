"""The report in a real browser: headless Chromium loads it offline, with no console
errors, every section and chart visible at 1,280 px; the screenshot is kept as an artefact
(in $COUNCILPAPERS_TEST_ARTIFACTS, default test-artifacts/).

Chromium comes from the OS packages (`.ci/run` installs it in CI); elsewhere the test is
skipped when no Chromium is found, but never in CI.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.browser import WIDTH, check_page, find_chromium
from analysis.compare import build_report
from pipeline.run import collect_sources, run_batch

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("COUNCILPAPERS_TEST_ARTIFACTS", ROOT / "test-artifacts"))
SECTIONS = [
    "councils-compared",
    "themes-over-time",
    "theme-changes",
    "priorities",
    "legislation",
    "grants",
    "risks",
    "surveys",
]

if find_chromium() is None and not os.environ.get("CI"):
    pytest.skip("no Chromium here (Debian: apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The report of the sample papers and the third held-out set (13 councils' papers)."""
    tmp = tmp_path_factory.mktemp("browser")
    sources = collect_sources(
        [str(ROOT / "fixtures" / "seeds"), str(ROOT / "fixtures" / "heldout3" / "papers")]
    )
    run_batch(sources, tmp / "data", progress=False)
    return build_report(tmp / "data", tmp / "reports").html


def test_report_renders_offline_without_errors_with_every_section_and_chart_visible(report):
    check = check_page(report, ARTIFACTS / "report.png")
    assert check.errors == [] and check.requests == []
    assert [s["id"] for s in check.sections] == SECTIONS
    hidden = [s["id"] for s in check.sections if not s["visible"] or s["height"] < 80]
    assert hidden == []
    charts = {(i["section"], i["alt"]): i for i in check.images}
    assert {s for s, _ in charts} == {"themes-over-time", "legislation", "grants"}
    assert len(charts) == 4
    for chart in charts.values():
        assert chart["visible"] and chart["loaded"] and chart["width"] >= 400 and chart["height"] >= 200, (
            chart
        )
        assert chart["width"] <= WIDTH
    assert check.width <= WIDTH, "nothing wider than the window: no horizontal scrolling"
    assert check.screenshot.stat().st_size > 50_000  # a picture of the page, kept for people to look at


def test_the_check_sees_errors_requests_and_hidden_content(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body>"
        '<section id="shown"><h2>Shown</h2><p>text</p></section>'
        '<section id="hidden" style="display:none"><h2>Hidden</h2></section>'
        '<img src="missing.png" alt="missing" />'
        '<script>console.error("boom"); fetch("http://127.0.0.1:9/x").catch(() => {});</script>'
        "</body></html>",
        encoding="utf-8",
    )
    check = check_page(page)
    assert any("boom" in e for e in check.errors)
    assert any("missing.png" in e or "ERR_FILE_NOT_FOUND" in e for e in check.errors)
    assert check.requests == ["http://127.0.0.1:9/x"]
    assert {s["id"]: s["visible"] for s in check.sections} == {"shown": True, "hidden": False}
    assert [i["loaded"] for i in check.images] == [False]
