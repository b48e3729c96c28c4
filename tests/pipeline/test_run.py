"""End to end on local papers: a batch with bad inputs goes on, and re-runs are idempotent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.errors import UnknownCouncilError
from pipeline.run import Source, collect_sources, run_batch
from tests.conftest import FIXTURES, ROOT, SEEDS

BAD = FIXTURES / "bad"


def _counts(out):
    return {t: len(pd.read_parquet(out / t)) for t in ("documents", "priorities", "legislation", "amounts")}


def test_batch_with_bad_inputs_records_each_failure_and_goes_on(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("empty.pdf", "truncated.pdf", "encrypted.pdf", "junk.pdf", "image_only.pdf", "cp1252.txt"):
        shutil.copy(BAD / name, folder / name)
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    result = run_batch(collect_sources([folder]), tmp_path / "data", progress=False)
    status = {o.source_uri.rsplit("/", 1)[-1]: o.status for o in result.outcomes}
    assert status["empty.pdf"] == status["truncated.pdf"] == status["encrypted.pdf"] == "failed"
    assert status["junk.pdf"] == "failed"
    assert status[SEEDS[0].name] == "ok" and status["cp1252.txt"] == "ok"
    docs = pd.read_parquet(tmp_path / "data" / "documents").set_index("source_uri")
    docs.index = [u.rsplit("/", 1)[-1] for u in docs.index]
    assert "encrypted PDF" in docs.loc["encrypted.pdf", "errors"][0]["message"]
    assert docs.loc["image_only.pdf", "text_quality"] == "no_text"
    assert docs.loc[SEEDS[0].name, "council"] == "medway"


def test_rerunning_the_same_input_gives_identical_row_counts(tmp_path):
    out = tmp_path / "data"
    assert main(["extract", str(FIXTURES / "seeds"), "--out", str(out), "--quiet"]) == 0
    first = _counts(out)
    assert main(["extract", str(FIXTURES / "seeds"), "--out", str(out), "--quiet"]) == 0
    assert _counts(out) == first
    assert first["documents"] == len(SEEDS)


@pytest.mark.slow
def test_workers_give_the_same_dataset_as_one_process(tmp_path):
    run_batch([Source(p) for p in SEEDS[:3]], tmp_path / "one", progress=False)
    run_batch([Source(p) for p in SEEDS[:3]], tmp_path / "two", workers=2, progress=False)
    assert _counts(tmp_path / "one") == _counts(tmp_path / "two")


def test_council_override_and_unknown_council_message(tmp_path):
    run_batch([Source(SEEDS[0])], tmp_path / "data", progress=False, council="kent")
    assert pd.read_parquet(tmp_path / "data" / "documents")["council"].tolist() == ["kent"]
    with pytest.raises(
        UnknownCouncilError, match="unknown council 'medwy': expected one of kent, maidstone, medway"
    ):
        run_batch([Source(SEEDS[0])], tmp_path / "data", council="medwy")


def test_cli_exit_code_is_nonzero_only_when_nothing_succeeded(tmp_path, capsys):
    assert main(["extract", str(BAD / "junk.pdf"), "--out", str(tmp_path / "a")]) == 1
    assert main(["extract", str(BAD / "junk.pdf"), str(SEEDS[3]), "--out", str(tmp_path / "b")]) == 0
    printed = capsys.readouterr().out
    assert "failed   " in printed and "1/2 documents extracted" in printed and "priorities" in printed


@pytest.mark.slow
def test_a_50_mb_text_file_finishes_in_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    paragraph = SEEDS[3].read_bytes()
    with open(big, "wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(paragraph)
    script = (
        f"import json, resource, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from pipeline.run import Source, run_batch\n"
        f"o = run_batch([Source({str(big)!r})], {str(tmp_path / 'data')!r}, progress=False).outcomes[0]\n"
        "print(json.dumps({'status': o.status, 'message': o.message,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == "partial" and "truncated" in report["message"]
    assert report["rss_mb"] < 2500
