"""The cross-council view: one colour scale for every council, plans never merged."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from analysis.charts import share_colour
from analysis.compare import build_report
from analysis.priorities import load_priorities, theme_changes, theme_shares, theme_years
from tests.gold_dataset import write_table

DOCS = {c: c[0] * 64 for c in ("dover", "kent", "swale", "medway")}
UNKNOWN_A, UNKNOWN_B = "1" * 64, "2" * 64


def pri(doc_id, text, theme, plan=None, start=None, end=None, council=None, rank=1):
    return {
        "doc_id": doc_id,
        "council": council,
        "text": text,
        "theme": theme,
        "plan": plan,
        "period_start": start,
        "period_end": end,
        "kind": "priority",
        "rank": rank,
        "char_start": 0,
        "char_end": 1,
    }


def plan_rows(council, plan, start, end, items):
    return [
        pri(DOCS[council], text, theme, plan, start, end, council, rank)
        for rank, (text, theme) in enumerate(items, 1)
    ]


def write(root: Path, rows: list[dict], extra_docs=()) -> Path:
    docs = [{"doc_id": d, "council": c, "source_uri": f"papers/{c}.txt"} for c, d in DOCS.items()]
    docs += [{"doc_id": d, "council": None, "source_uri": f"papers/{d[:4]}.txt"} for d in extra_docs]
    write_table(root, "documents", docs)
    write_table(root, "priorities", rows)
    return root


def heatmap_cells(html: Path) -> list[dict]:
    """Every theme cell of the cross-council table: council, plan, count, share and colour."""
    root = ET.fromstring(html.read_text(encoding="utf-8").replace("<!DOCTYPE html>", "", 1))
    table = next(t for t in root.iter("table") if t.get("class") == "heatmap")
    cells = []
    for tr in table.iter("tr"):
        for td in tr.iter("td"):
            if td.get("class") == "cell" and td.get("data-count") != "0":
                colour = dict(p.split(":") for p in td.get("style").split(";"))["background"]
                cells.append(
                    {
                        "council": tr.get("data-council"),
                        "plan": tr.get("data-plan"),
                        "count": int(td.get("data-count")),
                        "share": float(td.get("data-share")),
                        "colour": colour,
                        "label": td.text,
                    }
                )
    return cells


@pytest.fixture()
def three_councils(tmp_path) -> Path:
    """dover and kent: four priorities each; swale: eight (so its counts are smaller shares)."""
    rows = plan_rows(
        "dover",
        "Safer Dover Plan",
        2020,
        2023,
        [
            ("Tackle domestic abuse", "domestic_abuse"),
            ("Support abuse survivors", "domestic_abuse"),
            ("Safer roads", "road_safety"),
            ("Keep women safe at night", "vawg"),
        ],
    )
    rows += plan_rows(
        "kent",
        "Kent Community Safety Agreement",
        2021,
        2024,
        [
            ("Fewer people hurt on roads", "road_safety"),
            ("Road safety education", "road_safety"),
            ("Domestic abuse", "domestic_abuse"),
            ("Healthy lives", "health"),
        ],
    )
    rows += plan_rows(
        "swale",
        "Swale Community Safety Plan",
        2022,
        2025,
        [("Domestic abuse support", "domestic_abuse"), ("Domestic abuse prevention", "domestic_abuse")]
        + [(f"Other aim {i}", None) for i in range(6)],
    )
    return write(tmp_path / "data", rows)


def test_one_colour_scale_for_every_council(three_councils, tmp_path):
    cells = heatmap_cells(build_report(three_councils, tmp_path / "out").html)
    by = {(c["council"], c["label"], c["share"]): c["colour"] for c in cells}
    # the same count in plans of the same size: the same colour in every council's row
    assert by[("dover", "2", 0.5)] == by[("kent", "2", 0.5)]
    assert by[("dover", "1", 0.25)] == by[("kent", "1", 0.25)]
    # the colour is the share's, whoever's row it is: swale's 2 of 8 looks like kent's 1 of 4
    assert by[("swale", "2", 0.25)] == by[("kent", "1", 0.25)]
    assert by[("swale", "2", 0.25)] != by[("dover", "2", 0.5)]
    # one scale: each colour is the shared scale's colour for the cell's share
    assert all(c["colour"] == share_colour(c["share"]) for c in cells)


def test_the_shared_scale_darkens_as_the_share_grows():
    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    shares = [0.05, 0.25, 0.5, 0.75, 1.0]
    values = [lightness(share_colour(s)) for s in shares]
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)


def test_shares_table_gives_counts_plan_sizes_and_shares(three_councils):
    shares = theme_shares(load_priorities(three_councils)).set_index(["council", "theme"])
    assert shares.loc[("swale", "domestic_abuse"), ["n_priorities", "plan_priorities"]].tolist() == [2, 8]
    assert shares.loc[("swale", "unclassified"), "share"] == pytest.approx(0.75)
    assert shares.loc[("kent", "road_safety"), "plan_label"] == "Kent Community Safety Agreement, 2021-2024"


@pytest.fixture()
def medway_plans(tmp_path) -> Path:
    """Three lists of one council for one period (two named plans, one unnamed list), an
    earlier period of one of the plans, and two unnamed lists of unknown councils."""
    rows = plan_rows("medway", "Community Safety Plan", 2020, 2023, [("Reduce re-offending", "reoffending")])
    rows += plan_rows(
        "medway",
        "Community Safety Plan",
        2024,
        2027,
        [("Reduce reoffending", "reoffending"), ("Tackle drugs", "drugs_alcohol")],
    )
    rows += plan_rows(
        "medway", "community safety  plan", 2024, 2027, [("Safer streets", "anti_social_behaviour")]
    )  # the same plan's name spelt differently in another part of the paper
    rows += plan_rows(
        "medway", "Violence Reduction Strategy", 2024, 2027, [("Knife crime", "serious_violence")]
    )
    rows += plan_rows("medway", None, 2024, 2027, [("Road casualties", "road_safety")])
    rows += [pri(UNKNOWN_A, "Hate crime", "extremism_hate", None, 2024, 2027)]
    rows += [pri(UNKNOWN_B, "Town centre at night", "town_centre", None, 2024, 2027)]
    return write(tmp_path / "data", rows, extra_docs=(UNKNOWN_A, UNKNOWN_B))


def test_two_plans_of_one_council_are_never_merged(medway_plans, tmp_path):
    paths = build_report(medway_plans, tmp_path / "out")
    shares = pd.read_parquet(paths.tables["themes_by_council"][1])
    medway = shares[shares.council == "medway"]
    assert sorted(set(medway.plan_label)) == [
        "Community Safety Plan, 2020-2023",
        "Community Safety Plan, 2024-2027",
        "Violence Reduction Strategy, 2024-2027",
        "unnamed list, 2024-2027",
    ]
    plan = medway[medway.plan_label == "Community Safety Plan, 2024-2027"]
    assert set(plan.theme) == {"reoffending", "drugs_alcohol", "anti_social_behaviour"}
    assert set(plan.plan_priorities) == {3}
    # the heatmap has one row per plan, and the unknown councils' lists stay apart
    rows = {(c["council"], c["plan"]) for c in heatmap_cells(paths.html)}
    assert len([r for r in rows if r[0] == "medway"]) == 4
    assert len([r for r in rows if r[0] == "unknown"]) == 2


def test_theme_changes_follow_one_plan_only(medway_plans):
    changes = theme_changes(load_priorities(medway_plans))
    assert set(changes.plan) == {"Community Safety Plan"}
    appeared = set(changes[changes.change == "appeared"].theme)
    # serious violence and road safety belong to other lists of the same period: not "appeared"
    assert appeared == {"drugs_alcohol", "anti_social_behaviour"}
    assert set(changes[changes.change == "persisted"].theme) == {"reoffending"}


def test_theme_years_name_the_plans_that_carried_each_theme(medway_plans):
    years = theme_years(load_priorities(medway_plans))
    reoffending = years[(years.council == "medway") & (years.theme == "reoffending")]
    assert reoffending.year.tolist() == list(range(2020, 2028))
    assert list(reoffending.set_index("year").loc[2025, "plans"]) == ["Community Safety Plan, 2024-2027"]
