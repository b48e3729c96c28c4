"""Extract hardening (issue 21): versions by source, per-document isolation, budgets, operator view."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd

import extractors
from pipeline.cli import main
from pipeline.run import Budget, Source, run_batch
from tests.conftest import FIXTURES, ROOT, SEEDS

BAD = FIXTURES / "bad"


def _table(out, name):
    return pd.read_parquet(out / name)


def test_an_edited_paper_re_extracted_keeps_one_current_version(tmp_path):
    paper = tmp_path / "report.txt"
    shutil.copy(SEEDS[3], paper)
    out = tmp_path / "data"
    run_batch([Source(paper)], out, workers=0, progress=False)
    old_id = _table(out, "documents")["doc_id"].tolist()
    paper.write_text(paper.read_text(encoding="utf-8") + "\nThe Localism Act 2011 also applies.\n")
    run_batch([Source(paper)], out, workers=0, progress=False)
    docs = _table(out, "documents")
    assert len(docs) == 1 and docs["doc_id"].tolist() != old_id
    for name in ("texts", "priorities", "legislation", "amounts", "risks", "survey_results"):
        assert set(_table(out, name)["doc_id"]) <= set(docs["doc_id"]), name
    assert "Localism Act 2011" in _table(out, "legislation")["title"].tolist()


def test_identical_failing_files_at_two_paths_are_two_rows(tmp_path):
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(BAD / "junk.pdf", tmp_path / name)
    run_batch(
        [Source(tmp_path / "a.pdf"), Source(tmp_path / "b.pdf")], tmp_path / "data", workers=0, progress=False
    )
    docs = _table(tmp_path / "data", "documents")
    assert len(docs) == 2 and set(docs["status"]) == {"failed"} and docs["doc_id"].nunique() == 1


def test_a_pdf_with_a_damaged_page_is_partial_and_one_with_no_readable_page_failed(tmp_path):
    from tests.scrape.test_scrape_extraction_faults import pdf_with_a_page_tree_cycle

    (tmp_path / "one_bad_page.pdf").write_bytes(pdf_with_a_page_tree_cycle(kids=b"[3 0 R 2 0 R]"))
    (tmp_path / "all_bad.pdf").write_bytes(pdf_with_a_page_tree_cycle())
    sources = [Source(tmp_path / "one_bad_page.pdf"), Source(tmp_path / "all_bad.pdf")]
    partly, wholly = run_batch(sources, tmp_path / "data", workers=0, progress=False).outcomes
    assert partly.status == "partial" and "page 2 could not be read" in partly.message
    assert "Report to the committee" in _table(tmp_path / "data", "texts")["text"].str.cat()
    assert wholly.status == "failed" and "no page could be read" in wholly.message


def test_an_extractor_that_raises_makes_the_document_partial(tmp_path, monkeypatch):
    def broken(doc):
        raise ValueError("cannot read this layout")

    monkeypatch.setitem(extractors.EXTRACTORS, "risks", broken)
    [outcome] = run_batch([Source(SEEDS[0])], tmp_path / "data", workers=0, progress=False).outcomes
    assert outcome.status == "partial"
    assert "ValueError: cannot read this layout" in outcome.message
    [errors] = _table(tmp_path / "data", "documents")["errors"]
    assert errors[0]["stage"] == "extract" and errors[0]["extractor"] == "risks"


def test_a_document_over_its_time_budget_is_stopped_and_the_batch_goes_on(tmp_path):
    slow = tmp_path / "slow.txt"  # a 2 MB paper: far more than 3 s of extraction on any machine
    slow.write_text(SEEDS[3].read_text(encoding="utf-8") * (2_000_000 // SEEDS[3].stat().st_size))
    result = run_batch(
        [Source(slow), Source(SEEDS[1])],
        tmp_path / "data",
        workers=1,
        progress=False,
        budget=Budget(seconds=3),
    )
    first, second = result.outcomes
    assert first.status == "failed" and "time budget exceeded" in first.message
    assert second.status == "ok", second.message  # a fresh worker took over
    assert len(result.worker_startup_s) == 2
    assert set(_table(tmp_path / "data", "documents")["status"]) == {"failed", "ok"}


def test_quiet_still_lists_failures_and_strict_exits_non_zero(tmp_path, capsys):
    args = ["extract", str(BAD / "junk.pdf"), str(SEEDS[3]), "--out", str(tmp_path / "a"), "--quiet"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "failed   " in err and "junk.pdf" in err
    assert main([*args, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "failed   " in err and "junk.pdf" in err and "not a PDF" in err


def test_two_concurrent_extracts_on_one_output_folder_both_complete(tmp_path):
    out = tmp_path / "data"
    folders = []
    for k in range(2):  # two disjoint batches of the same papers under different names
        folder = tmp_path / f"batch{k}"
        folder.mkdir()
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{k}_{seed.name}")
        folders.append(folder)
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", "--out", str(out), "--quiet", "--workers", "0"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    runs = [subprocess.Popen([*cmd, str(f)], env=env, stderr=subprocess.PIPE, text=True) for f in folders]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    docs = _table(out, "documents")
    assert len(docs) == 2 * len(SEEDS) and set(docs["status"]) == {"ok"}
    assert not list(out.rglob(".*.tmp"))
