"""The researcher notebook loads typed columns and draws every theme in its own colour."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.themes import theme_order
from tests.gold_dataset import build_from_gold

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "researcher_walkthrough.ipynb"

PROBE = """
print(json.dumps({
    "dtypes": {c: str(priorities[c].dtype) for c in ("period_start", "page", "meeting_date")},
    "themes": [str(t) for t in themes_by_period.index],
    "colours": [list(c.patches[0].get_facecolor()) for c in ax.containers],
}))
"""


def test_notebook_uses_typed_columns_and_one_distinct_colour_per_theme(tmp_path, monkeypatch):
    data = build_from_gold(ROOT / "fixtures" / "gold", tmp_path / "data", ROOT / "fixtures" / "seeds")
    monkeypatch.setenv("COUNCILPAPERS_DATA", str(data))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    answers = json.loads(nb.cells[-1].outputs[0]["text"])
    assert answers["dtypes"] == {
        "period_start": "int16[pyarrow]",
        "page": "int32[pyarrow]",
        "meeting_date": "date32[day][pyarrow]",
    }
    themes, colours = answers["themes"], [tuple(c) for c in answers["colours"]]
    assert len(themes) == len(colours) >= 7
    assert len(set(colours)) == len(colours), "two themes share a colour"
    assert set(themes) - {"(no theme)"} <= set(theme_order())
