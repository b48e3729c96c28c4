"""`councilpapers compare`: tidy tables, theme x plan matrices, theme changes and the HTML report."""

from __future__ import annotations

import argparse
import base64
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import compare
from analysis.compare import build_report, period_label
from analysis.priorities import TIDY_SCHEMA, load_priorities
from pipeline.cli import main
from schemas.tables import PRIORITIES
from tests.gold_dataset import build_from_gold, write_table

ROOT = Path(__file__).resolve().parents[2]

DOC_A, DOC_B = "a" * 64, "b" * 64


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    """The report for the gold facts of the sample papers (three councils, five documents)."""
    tmp = tmp_path_factory.mktemp("seed")
    data = build_from_gold(ROOT / "fixtures" / "gold", tmp / "data", ROOT / "fixtures" / "seeds")
    return build_report(data, tmp / "report")


def doc(doc_id: str, council: str | None, uri: str) -> dict:
    return {"doc_id": doc_id, "council": council, "source_uri": uri}


def pri(doc_id: str, text: str, theme: str | None, start=None, end=None, council="swale", plan=None, rank=1):
    return {
        "doc_id": doc_id,
        "council": council,
        "text": text,
        "theme": theme,
        "period_start": start,
        "period_end": end,
        "plan": plan,
        "kind": "priority",
        "rank": rank,
        "char_start": 0,
        "char_end": 1,
    }


def dataset(root: Path, docs: list[dict], priorities: list[dict]) -> Path:
    write_table(root, "documents", docs)
    write_table(root, "priorities", priorities)
    return root


def parse_html(path: Path) -> ET.Element:
    """The report is well-formed (XHTML-compatible) HTML: parse it strictly."""
    return ET.fromstring(path.read_text(encoding="utf-8").replace("<!DOCTYPE html>", "", 1))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ---------------------------------------------------------------- the report page
def test_report_page_embeds_real_png_charts_and_loads_nothing_from_the_network(seed_report):
    html = seed_report.html.read_text(encoding="utf-8")
    imgs = list(parse_html(seed_report.html).iter("img"))
    assert len(imgs) == 4  # plans timeline, themes over time, most-cited legislation, grants by year
    for img in imgs:
        src = img.get("src")
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1], validate=True)
        width, height = png_size(data)
        assert 300 <= width <= 3000 and 150 <= height <= 3000
        assert len(data) > 5_000, "a chart, not a blank image"
        assert img.get("alt")
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", html)  # links may lead out; nothing loads
    assert not re.search(r"@import|url\(", html)


def test_report_page_lists_theme_changes_between_consecutive_plans(seed_report):
    text = re.sub(r"\s+", " ", "".join(parse_html(seed_report.html).itertext()))
    # the sample papers' gold names no plan: medway's unnamed lists form one series
    assert "medway, unnamed list: 2013-2016 to 2024-2027: appeared: Violence against women and girls" in text
    assert "disappeared: Domestic abuse, Road safety" in text
    assert "No plan with two dated periods, nothing to compare: kent, maidstone." in text


# ---------------------------------------------------------------- tables
def test_tidy_table_has_one_row_per_council_plan_period_and_theme(seed_report):
    csv_path, parquet_path = seed_report.tidy
    table = pq.read_table(parquet_path)
    assert table.schema.field("priority_texts").type == pa.list_(pa.string())
    tidy = table.to_pandas()
    row = tidy[(tidy.council == "medway") & (tidy.period == "2024-2027") & (tidy.theme == "reoffending")]
    assert len(row) == 1
    # the same plan presented in two papers: one priority, both papers as sources
    assert list(row.iloc[0].priority_texts) == ["Reduce Reoffending"]
    assert [Path(s).name for s in row.iloc[0].source_documents] == [
        "000_aacef7b39bd9dd07.txt",
        "001_ce912f5f2341e24b.txt",
    ]
    assert row.iloc[0].period_start == 2024 and row.iloc[0].period_end == 2027
    flat = pd.read_csv(csv_path)
    assert len(flat) == len(tidy)
    two = flat[
        (flat.council == "medway") & (flat.period == "2012-2013") & (flat.theme == "anti_social_behaviour")
    ]
    assert two.iloc[0].priority_texts.split(" | ") == [
        "Improving the local street scene",
        "Dealing with Anti Social Behaviour and managing risk of harm to victims",
    ]


def test_theme_matrix_counts_distinct_priorities_by_theme_and_plan_in_time_order(seed_report):
    csv_path, parquet_path = seed_report.matrices["medway"]
    matrix = pd.read_csv(csv_path, index_col="theme")
    assert list(matrix.columns) == [
        "unnamed list, 2012-2013",
        "unnamed list, 2013-2016",
        "unnamed list, 2024-2027",
    ]
    assert matrix.loc["anti_social_behaviour"].tolist() == [2, 1, 1]
    assert matrix.loc["vawg"].tolist() == [0, 0, 1]
    assert matrix.loc["town_centre"].tolist() == [1, 0, 0]
    assert pq.read_table(parquet_path).to_pandas().equals(matrix)
    kent = pd.read_csv(seed_report.matrices["kent"][0], index_col="theme")
    assert list(kent.columns) == ["unnamed list, undated"] and len(kent) == 13


def test_theme_changes_table_records_appeared_disappeared_and_persisted(seed_report):
    changes = pd.read_parquet(seed_report.changes[1])
    step = changes[(changes["from_period"] == "2013-2016") & (changes["to_period"] == "2024-2027")]
    assert {c: sorted(step[step["change"] == c].theme) for c in ("appeared", "disappeared", "persisted")} == {
        "appeared": ["vawg"],
        "disappeared": ["domestic_abuse", "road_safety"],
        "persisted": ["anti_social_behaviour", "drugs_alcohol", "reoffending"],
    }
    assert set(changes.council) == {"medway"}


# ---------------------------------------------------------------- any dataset
def test_single_council_with_undated_plans_keeps_them_in_their_own_column(tmp_path):
    data = dataset(
        tmp_path / "data",
        [doc(DOC_A, "swale", "papers/swale-2019.pdf")],
        [
            pri(
                DOC_A,
                "Keep the high street safe at night",
                "town_centre",
                2019,
                2022,
                plan="Safer Swale Plan",
            ),
            pri(DOC_A, "Protect people from scams", None, 2019, 2022, plan="Safer Swale Plan", rank=2),
            pri(DOC_A, "Cut road casualties", "road_safety", plan="Community Safety Agreement"),
            pri(DOC_A, "Tackle hate crime", "extremism_hate", 2023, None, rank=2),
        ],
    )
    paths = build_report(data, tmp_path / "out")
    matrix = pd.read_csv(paths.matrices["swale"][0], index_col="theme")
    assert list(matrix.columns) == [
        "Safer Swale Plan, 2019-2022",
        "unnamed list, 2023-?",
        "Community Safety Agreement, undated",
    ]
    assert matrix.loc["road_safety", "Community Safety Agreement, undated"] == 1
    assert matrix.loc["unclassified", "Safer Swale Plan, 2019-2022"] == 1  # no theme: counted, not dropped
    tidy = pd.read_parquet(paths.tidy[1])
    undated = tidy[tidy.period == "undated"].iloc[0]
    assert undated.plan == "Community Safety Agreement" and pd.isna(undated.period_start)
    # a named plan and an unnamed list are two plans: no change is computed between them
    assert pd.read_parquet(paths.changes[1]).empty
    assert len(list(parse_html(paths.html).iter("img"))) == 2  # plans timeline, themes over time


def test_empty_priorities_table_gives_empty_tables_and_a_page_that_says_so(tmp_path):
    data = dataset(tmp_path / "data", [doc(DOC_A, "kent", "a.pdf")], [])
    paths = build_report(data, tmp_path / "out")
    assert pd.read_csv(paths.tidy[0]).empty
    assert pq.read_table(paths.tidy[1]).schema.names == TIDY_SCHEMA.names
    assert pq.read_table(paths.changes[1]).num_rows == 0
    assert paths.matrices == {}
    root = parse_html(paths.html)
    assert not list(root.iter("img"))
    text = " ".join(root.itertext())
    assert "No priorities in this dataset" in text and "No legislation in this dataset" in text


def test_dataset_without_a_priorities_folder_is_treated_as_empty(tmp_path):
    write_table(tmp_path / "data", "documents", [doc(DOC_A, "kent", "a.pdf")])
    paths = build_report(tmp_path / "data", tmp_path / "out")
    assert pd.read_parquet(paths.tidy[1]).empty


def test_council_falls_back_to_the_documents_table_then_to_unknown(tmp_path):
    data = dataset(
        tmp_path / "data",
        [doc(DOC_A, "dover", "x/dover.pdf"), doc(DOC_B, None, "y/other.pdf")],
        [
            pri(DOC_A, "Reduce knife crime", "serious_violence", 2020, 2023, council=None),
            pri(DOC_B, "Support victims", None, council=None),
        ],
    )
    loaded = load_priorities(data).set_index("doc_id")
    assert loaded.loc[DOC_A, "council"] == "dover"
    assert loaded.loc[DOC_B, "council"] == "unknown"
    assert loaded.loc[DOC_A, "source"] == "x/dover.pdf"


def test_hive_partitioned_priorities_are_read_with_their_partition_council(tmp_path):
    data = tmp_path / "data"
    write_table(data, "documents", [doc(DOC_A, "dover", "dover.pdf"), doc(DOC_B, "kent", "kent.pdf")])
    without_council = pa.schema([f for f in PRIORITIES if f.name != "council"])
    for council, doc_id in (("dover", DOC_A), ("kent", DOC_B)):
        row = pri(doc_id, f"{council} priority", "health", 2020, 2021)
        del row["council"]
        folder = data / "priorities" / f"council={council}"
        folder.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([row], schema=without_council), folder / "part-0.parquet")
    paths = build_report(data, tmp_path / "out")
    assert set(paths.matrices) == {"dover", "kent"}
    tidy = pd.read_parquet(paths.tidy[1])
    assert tidy.set_index("council").loc["kent", "priority_texts"].tolist() == ["kent priority"]


@pytest.mark.parametrize(
    "start,end,label",
    [
        (2024, 2027, "2024-2027"),
        (2012, 2013, "2012-2013"),
        (2025, 2025, "2025"),
        (2024, None, "2024-?"),
        (None, 2027, "?-2027"),
        (None, None, "undated"),
        (pd.NA, pd.NA, "undated"),
    ],
)
def test_period_label_names_half_known_and_unknown_periods(start, end, label):
    assert period_label(start, end) == label


# ---------------------------------------------------------------- command line
def test_run_writes_the_report_and_returns_zero(tmp_path, capsys):
    data = dataset(
        tmp_path / "data",
        [doc(DOC_A, "kent", "a.pdf")],
        [pri(DOC_A, "Road safety", "road_safety", 2021, 2024, council="kent")],
    )
    assert compare.run(argparse.Namespace(data=data, out=tmp_path / "out")) == 0
    assert (tmp_path / "out" / "report.html").exists()
    assert "report.html" in capsys.readouterr().out


def test_run_on_a_missing_data_folder_says_how_to_make_one(tmp_path, capsys):
    assert main(["compare", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "councilpapers extract" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [["compare", "--out", "reports"], ["show", "abc"], ["evaluate", "--gold", "g"]]
)
def test_readers_given_a_url_say_they_read_a_local_folder(command, capsys):
    """`--out` may be s3://…, but compare, show and evaluate read a local copy: say so, not "s3:/…"."""
    assert main([*command, "--data", "s3://bucket/prefix"]) == 2
    err = capsys.readouterr().err
    assert "s3://bucket/prefix is a URL" in err and "local folder" in err
