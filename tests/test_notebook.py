"""The researcher notebook runs top to bottom on a dataset and answers its three questions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.gold_dataset import build_from_gold

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "researcher_walkthrough.ipynb"

# Appended to the notebook in tests: reports the answers the notebook computed as JSON.
PROBE = """
print(json.dumps({
    "periods": [str(p) for p in themes_by_period.columns],
    "legislation": top_legislation.to_dict("records"),
    "grants": grants_by_year.to_dict("records"),
}, default=str))
"""


def execute(data_dir: Path, monkeypatch) -> tuple[dict[str, str], dict]:
    """Run the notebook against `data_dir`: the text output of each tagged cell, and the answers."""
    monkeypatch.setenv("COUNCILPAPERS_DATA", str(data_dir))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    outputs = {}
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            outputs[tag] = "\n".join(
                o.get("text") or o.get("data", {}).get("text/plain", "") for o in cell.outputs
            )
    return outputs, json.loads(nb.cells[-1].outputs[0]["text"])


def seed_dataset(out: Path) -> Path:
    """The sample papers through the real pipeline; hand-built from their gold facts until
    the pipeline's batch API exists."""
    if importlib.util.find_spec("pipeline.run") is None:
        return build_from_gold(ROOT / "fixtures" / "gold", out, ROOT / "fixtures" / "seeds")
    from pipeline.run import Source, run_batch

    run_batch([Source(p) for p in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))], out, progress=False)
    return out


def test_notebook_runs_top_to_bottom_on_the_sample_papers(tmp_path, monkeypatch):
    outputs, answers = execute(seed_dataset(tmp_path / "data"), monkeypatch)
    assert set(outputs) == {"q1", "q1-changes", "q2", "q3"}
    assert all(outputs.values())
    assert answers["legislation"], "the sample papers cite legislation"


def test_notebook_answers_match_the_gold_facts_of_the_sample_papers(tmp_path, monkeypatch):
    gold = build_from_gold(ROOT / "fixtures" / "gold", tmp_path / "data", ROOT / "fixtures" / "seeds")
    outputs, answers = execute(gold, monkeypatch)
    assert answers["periods"] == ["2012-2013", "2013-2016", "2024-2027"]
    assert (
        "2013-2016 -> 2024-2027: new ['vawg'], dropped ['domestic_abuse', 'road_safety']"
        in outputs["q1-changes"]
    )
    assert answers["legislation"][0] == {
        "title": "Crime and Disorder Act 1998",
        "legislation_id": "ukpga/1998/37",
        "documents": 5,
        "mentions": 5,
    }
    assert [(g["fiscal_year"], g["grants"], g["total_gbp"]) for g in answers["grants"]] == [
        ("2013-14", 2, 118369 + 1300000),
        ("2024-25", 1, 106460),
        ("2026-27", 1, 106500),
    ]


def test_notebook_says_how_to_get_a_dataset_when_there_is_none(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNCILPAPERS_DATA", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    with pytest.raises(Exception, match="make run"):
        client.execute()
