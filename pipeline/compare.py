"""Compare councils' priorities across plans and periods: tables plus an offline HTML report.

    councilpapers compare --data data --out reports

Reads the `priorities` table (joined to `documents` for the source of each row) and writes
to the report folder:

- `priorities_by_theme.csv|.parquet`: one row per (council, plan, period_start, period_end,
  theme) with the priority texts and source documents (lists in Parquet, " | "-joined in CSV);
- `theme_matrix_<council>.csv|.parquet`: themes x plan periods, the number of distinct
  priorities with that theme; a plan with no stated years goes in the column "undated";
- `theme_changes.csv|.parquet`: per council, the themes that appear, disappear or persist
  from one dated plan period to the next;
- `report.html`: a self-contained page (charts are inline PNG, no scripts, no network) with a
  timeline of each council's plans, a theme x period heatmap per council and the changes.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from extractors.priorities import theme_slugs
from pipeline._compare_charts import heatmap_png, timeline_png
from pipeline._compare_html import CHANGE_KINDS, CouncilSection, render_page
from pipeline.errors import CouncilPapersError
from schemas.names import Table

UNDATED = "undated"
UNCLASSIFIED = "unclassified"  # matrix row for priorities with no theme
UNKNOWN_COUNCIL = "unknown"
LIST_SEPARATOR = " | "  # joins list cells in CSV
# The project's theme taxonomy, which researchers extend; its order is the display order.
THEME_LABELS = {  # slugs that do not read well with underscores as spaces
    "anti_social_behaviour": "Anti-social behaviour",
    "drugs_alcohol": "Drugs and alcohol",
    "vawg": "Violence against women and girls",
    "extremism_hate": "Extremism and hate",
}
PRIORITY_COLUMNS = (
    "doc_id",
    "council",
    "plan",
    "period_start",
    "period_end",
    "kind",
    "rank",
    "text",
    "theme",
)

TIDY_SCHEMA = pa.schema(
    [
        ("council", pa.string()),
        ("plan", pa.string()),
        ("period_start", pa.int16()),
        ("period_end", pa.int16()),
        ("period", pa.string()),
        ("theme", pa.string()),
        ("n_priorities", pa.int64()),
        ("priority_texts", pa.list_(pa.string())),
        ("source_documents", pa.list_(pa.string())),
    ]
)
CHANGES_SCHEMA = pa.schema(
    [
        ("council", pa.string()),
        ("from_period", pa.string()),
        ("to_period", pa.string()),
        ("theme", pa.string()),
        ("change", pa.string()),
    ]
)


class CompareError(CouncilPapersError, ValueError):
    """Bad input to the comparison; the message says how to fix it."""


@dataclass
class ReportPaths:
    html: Path
    tidy: list[Path]
    changes: list[Path]
    matrices: dict[str, list[Path]] = field(default_factory=dict)

    def all(self) -> list[Path]:
        return [self.html, *self.tidy, *self.changes, *(p for ps in self.matrices.values() for p in ps)]


# ---------------------------------------------------------------- loading
def _read(data_dir: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The table's rows as a DataFrame with exactly `columns` (absent ones are all-null)."""
    path = data_dir / name
    if path.exists():
        table = ds.dataset(str(path), format="parquet", partitioning="hive").to_table()
        for i, col in enumerate(table.schema):  # hive partition values may arrive dictionary-encoded
            if pa.types.is_dictionary(col.type):
                table = table.set_column(i, col.name, table.column(i).cast(col.type.value_type))
        df = table.to_pandas()
    else:
        df = pd.DataFrame()
    return df.reindex(columns=list(columns)).astype(object).where(lambda d: d.notna(), None)


def load_priorities(data_dir) -> pd.DataFrame:
    """Priorities with `council` (filled from `documents` when the row lacks it) and `source`."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise CompareError(
            f"no data folder at {data_dir}: run `councilpapers extract PATH... --out "
            f"{data_dir}` first, or pass --data with the output root"
        )
    pri = _read(data_dir, Table.PRIORITIES, PRIORITY_COLUMNS)
    docs = _read(data_dir, Table.DOCUMENTS, ("doc_id", "council", "source_uri")).drop_duplicates("doc_id")
    pri = pri.merge(docs.rename(columns={"council": "doc_council"}), on="doc_id", how="left")
    pri["council"] = pri["council"].fillna(pri["doc_council"]).fillna(UNKNOWN_COUNCIL)
    pri["source"] = pri["source_uri"].fillna(pri["doc_id"])
    for col in ("period_start", "period_end", "rank"):
        pri[col] = pd.to_numeric(pri[col]).astype("Int64")
    pri["period"] = [period_label(s, e) for s, e in zip(pri["period_start"], pri["period_end"])]
    return pri.drop(columns=["doc_council", "source_uri"])


# ---------------------------------------------------------------- tables
def period_label(start, end) -> str:
    """'2024-2027', '2024' for a one-year plan, '2024-?' or '?-2027' when half known, else 'undated'."""
    start, end = (None if pd.isna(v) else int(v) for v in (start, end))
    if start is None and end is None:
        return UNDATED
    if start == end:
        return str(start)
    return f"{start if start is not None else '?'}-{end if end is not None else '?'}"


def _period_key(label: str) -> tuple:
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    return (1, 0, 0) if not years else (0, years[0], years[-1])  # undated last


@functools.cache
def theme_order() -> tuple[str, ...]:
    """Theme slugs in taxonomy order (empty if the taxonomy file cannot be read)."""
    try:
        return theme_slugs()
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError):
        return ()


def _theme_key(theme: str) -> tuple:
    """Taxonomy order, then other slugs alphabetically, then 'unclassified'."""
    order = theme_order()
    if theme in order:
        return (0, order.index(theme), "")
    return (2, 0, "") if theme == UNCLASSIFIED else (1, 0, theme)


def _text_key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


def _distinct(values) -> list[str]:
    """Values in first-seen order, dropping empties and repeats that differ only in case or punctuation."""
    seen, out = set(), []
    for v in values:
        key = _text_key(v)
        if key and key not in seen:
            seen.add(key)
            out.append(str(v))
    return out


def tidy_priorities(pri: pd.DataFrame) -> pd.DataFrame:
    """One row per (council, plan, period, theme): its priority texts and source documents."""
    keys = ["council", "plan", "period_start", "period_end", "period", "theme"]
    pri = pri.sort_values(["council", "source", "rank"], na_position="last", kind="stable")
    rows = []
    for key, grp in pri.groupby(keys, dropna=False, sort=False):
        texts = _distinct(grp["text"])
        rows.append(
            {
                **dict(zip(keys, key)),
                "n_priorities": len(texts),
                "priority_texts": texts,
                "source_documents": sorted(set(grp["source"])),
            }
        )
    out = pd.DataFrame(rows, columns=[f.name for f in TIDY_SCHEMA])
    if out.empty:
        return out
    order = out.assign(
        _p=out["period"].map(_period_key), _t=out["theme"].fillna(UNCLASSIFIED).map(_theme_key)
    )
    out = out.loc[order.sort_values(["council", "_p", "plan", "_t"], na_position="last").index]
    out = out.reset_index(drop=True).astype({"period_start": "Int16", "period_end": "Int16"})
    return out.where(out.notna(), None)


def theme_matrix(pri: pd.DataFrame, council: str) -> pd.DataFrame:
    """Themes (rows) x plan periods (columns, chronological, 'undated' last): distinct priorities."""
    sub = pri[pri["council"] == council].assign(
        theme=lambda d: d["theme"].fillna(UNCLASSIFIED), _key=lambda d: d["text"].map(_text_key)
    )
    counts = sub.drop_duplicates(["period", "theme", "_key"]).groupby(["theme", "period"]).size()
    matrix = counts.unstack("period", fill_value=0) if len(counts) else pd.DataFrame()
    matrix = matrix.reindex(
        columns=sorted(matrix.columns, key=_period_key),
        index=sorted(matrix.index, key=_theme_key),
        fill_value=0,
    )
    matrix.index.name, matrix.columns.name = "theme", None
    return matrix.astype("int64")


def theme_changes(pri: pd.DataFrame) -> pd.DataFrame:
    """Per council, themes that appear, disappear or persist between consecutive dated plan periods."""
    rows = []
    for council, sub in pri[pri["theme"].notna()].groupby("council", sort=True):
        by_period = {p: set(g["theme"]) for p, g in sub.groupby("period") if p != UNDATED}
        periods = sorted(by_period, key=_period_key)
        for before, after in itertools.pairwise(periods):
            a, b = by_period[before], by_period[after]
            for change, themes in zip(CHANGE_KINDS, (b - a, a - b, a & b)):
                rows += [
                    {
                        "council": council,
                        "from_period": before,
                        "to_period": after,
                        "theme": t,
                        "change": change,
                    }
                    for t in sorted(themes, key=_theme_key)
                ]
    return pd.DataFrame(rows, columns=[f.name for f in CHANGES_SCHEMA])


# ---------------------------------------------------------------- writing tables
def _safe_name(council: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "_", council.lower()).strip("_") or UNKNOWN_COUNCIL


def _write(df: pd.DataFrame, stem: Path, schema: pa.Schema | None = None) -> list[Path]:
    csv, parquet = stem.with_suffix(".csv"), stem.with_suffix(".parquet")
    flat = df.copy()
    for col in flat.columns:
        if schema is not None and pa.types.is_list(schema.field(col).type):
            flat[col] = [LIST_SEPARATOR.join(v) for v in flat[col]]
    flat.to_csv(csv, index=schema is None)
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=schema is None)
    pq.write_table(table, parquet)
    return [csv, parquet]


# ---------------------------------------------------------------- chart data
def _theme_title(theme: str) -> str:
    return THEME_LABELS.get(theme) or theme.replace("_", " ").capitalize()


def _plan_bars(pri: pd.DataFrame) -> pd.DataFrame:
    """One row per council and dated plan period: start year, end year + 1, number of priorities."""
    dated = pri[pri["period"] != UNDATED]
    bars = dated.groupby(["council", "period"], sort=False).agg(
        start=("period_start", "min"), end=("period_end", "max"), n=("text", lambda t: len(_distinct(t)))
    )
    bars = bars.reset_index()
    bars["start"] = bars["start"].fillna(bars["end"]).astype(int)
    bars["end"] = bars["end"].fillna(bars["start"]).astype(int) + 1  # a plan covers its end year
    return bars


def _undated_counts(pri: pd.DataFrame) -> pd.Series:
    """Per council, the number of distinct priorities of plans that state no years."""
    return pri[pri["period"] == UNDATED].groupby("council")["text"].agg(lambda t: len(_distinct(t)))


# ---------------------------------------------------------------- HTML
def _council_section(council: str, pri: pd.DataFrame, tidy: pd.DataFrame, changes: pd.DataFrame):
    matrix = theme_matrix(pri, council)
    title = f"{council}: priorities by theme and plan period"
    return CouncilSection(
        name=council,
        heatmap_png=heatmap_png(matrix, title, list(map(_theme_title, matrix.index))),
        n_dated_periods=sum(c != UNDATED for c in matrix.columns),
        changes=changes[changes["council"] == council].assign(theme=lambda d: d["theme"].map(_theme_title)),
        tidy=tidy[tidy["council"] == council],
    )


def render_html(data_dir, pri: pd.DataFrame, tidy: pd.DataFrame, changes: pd.DataFrame) -> str:
    councils = sorted(pri["council"].unique())
    summary = f"{len(pri)} priorities from {pri['source'].nunique()} documents, {len(councils)} councils."
    timeline = None if pri.empty else timeline_png(_plan_bars(pri), _undated_counts(pri))
    sections = [_council_section(c, pri, tidy, changes) for c in councils]
    return render_page(str(data_dir), summary, timeline, sections)


# ---------------------------------------------------------------- entry points
def build_report(data_dir, out_dir) -> ReportPaths:
    """Write the comparison tables and report.html for the output root `data_dir` into `out_dir`."""
    pri = load_priorities(data_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tidy, changes = tidy_priorities(pri), theme_changes(pri)
    paths = ReportPaths(
        html=out_dir / "report.html",
        tidy=_write(tidy, out_dir / "priorities_by_theme", TIDY_SCHEMA),
        changes=_write(changes, out_dir / "theme_changes", CHANGES_SCHEMA),
    )
    for council in sorted(pri["council"].unique()):
        paths.matrices[council] = _write(
            theme_matrix(pri, council), out_dir / f"theme_matrix_{_safe_name(council)}"
        )
    paths.html.write_text(render_html(data_dir, pri, tidy, changes), encoding="utf-8")
    return paths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default=Path("data"), type=Path, help="output root to read (default: data)")
    parser.add_argument(
        "--out",
        default=Path("reports"),
        type=Path,
        help="folder for report.html and the CSV/Parquet tables (default: reports)",
    )


def run(args: argparse.Namespace) -> int:
    paths = build_report(args.data, args.out)  # a CompareError is reported by the CLI
    print(f"wrote {paths.html} and {len(paths.all()) - 1} CSV/Parquet files beside it")
    return 0
