"""Compare councils across plans, periods and fact tables: tidy tables plus an offline HTML report.

    councilpapers compare --data data --out reports

Reads the dataset's fact tables (joined to `documents` for each row's source) and writes
to the report folder, each table as CSV and Parquet (lists " | "-joined in CSV):

- `themes_by_council`: the cross-council view, one row per plan and theme: distinct
  priorities with the theme, the plan's priorities, their share;
- `theme_years`: which councils carried which theme in which years (dated plans);
- `priorities_by_theme`: per plan and theme, the priority texts and source documents;
- `theme_matrix_<council>`: themes x that council's plans ("plan, period"), counts;
- `theme_changes`: per plan, themes that appear, disappear or persist between its periods;
- `legislation_by_council`, `grants_by_fiscal_year`, `grants_by_funder`,
  `grants_by_recipient`, `risks_by_rating`, `survey_results`;
- `report.html`: one self-contained page (inline PNG charts, no scripts, no network) with
  a section per view, each saying how many documents it rests on, every row linked to
  its source document and page.
"""

from __future__ import annotations

import argparse
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import charts, facts
from analysis import priorities as P
from analysis.dataset import UNKNOWN_COUNCIL, CompareError, check_data_dir, documents
from analysis.evidence import links_html
from analysis.report_html import (
    Section,
    changes_html,
    grants_html,
    heatmap_html,
    legislation_html,
    priorities_html,
    render_page,
    risks_html,
    surveys_html,
)
from analysis.themes import UNCLASSIFIED, theme_colours, theme_key, theme_title
from schemas.names import Table

__all__ = ["CompareError", "ReportPaths", "build_report", "period_label"]
period_label = P.period_label
LIST_SEPARATOR = " | "  # joins list cells in CSV


@dataclass
class ReportPaths:
    html: Path
    tables: dict[str, list[Path]] = field(default_factory=dict)  # name -> [csv, parquet]
    matrices: dict[str, list[Path]] = field(default_factory=dict)  # council -> [csv, parquet]

    @property
    def tidy(self) -> list[Path]:
        return self.tables["priorities_by_theme"]

    @property
    def changes(self) -> list[Path]:
        return self.tables["theme_changes"]

    def all(self) -> list[Path]:
        return [self.html, *(p for ps in (*self.tables.values(), *self.matrices.values()) for p in ps)]


# ---------------------------------------------------------------- writing tables
def _safe_name(council: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "_", council.lower()).strip("_") or UNKNOWN_COUNCIL


def _write(df: pd.DataFrame, stem: Path, schema: pa.Schema | None = None) -> list[Path]:
    """`df` as stem.csv and stem.parquet; with a schema, only its columns and lists joined in CSV."""
    csv, parquet = stem.with_suffix(".csv"), stem.with_suffix(".parquet")
    if schema is not None:
        df = df[schema.names]
    flat = df.copy()
    for col in flat.columns:
        if flat[col].map(lambda v: isinstance(v, list)).any():
            flat[col] = [LIST_SEPARATOR.join(v) if isinstance(v, list) else v for v in flat[col]]
    flat.to_csv(csv, index=schema is None and not isinstance(df.index, pd.RangeIndex))
    table = pa.Table.from_pandas(
        df, schema=schema, preserve_index=schema is None and not isinstance(df.index, pd.RangeIndex)
    )
    pq.write_table(table, parquet)
    return [csv, parquet]


# ---------------------------------------------------------------- sections
def _basis(rows: pd.DataFrame) -> dict:
    documents, councils = facts.documents_behind(rows)
    return {"documents": documents, "councils": councils}


def _empty(what: str) -> str:
    return f'<p class="muted">No {what} in this dataset.</p>'


def _priority_sections(pri, tidy, shares, years, changes, links, compact) -> list[Section]:
    themes = sorted(set(shares["theme"]), key=theme_key)
    titles = {t: theme_title(t) for t in (*themes, UNCLASSIFIED)}
    colours = theme_colours(themes)
    basis = _basis(pri)
    if pri.empty:
        return [
            Section(
                "councils-compared", "Councils compared: themes by plan", _empty(Table.PRIORITIES), **basis
            )
        ]
    over_time = [
        (charts.timeline_png(P.plan_bars(pri), P.undated_counts(pri)), "Timeline of each council's plans")
    ]
    if not years.empty:
        alt = "Small multiples: for each theme, the years in which each council's dated plans carried it"
        over_time.append((charts.themes_over_time_png(years, colours, titles), alt))
    return [
        Section(
            "councils-compared",
            "Councils compared: themes by plan",
            heatmap_html(shares, themes, titles, compact, pri),
            note="One row per plan: a plan period belongs to one named plan; lists without a name are shown as unnamed lists.",
            **basis,
        ),
        Section(
            "themes-over-time",
            "Themes over time",
            "" if not years.empty else _empty("dated plans with themed priorities"),
            charts=over_time,
            **_basis(pri[pri["period"] != P.UNDATED]),
        ),
        Section(
            "theme-changes",
            "Themes between consecutive plans",
            changes_html(changes, titles, sorted(set(pri["council"]) - {UNKNOWN_COUNCIL})),
            note="Consecutive periods of the same plan (same council, same name) only.",
            **basis,
        ),
        Section(Table.PRIORITIES, "Priorities", priorities_html(tidy, pri, titles, links), **basis),
    ]


def _fact_sections(data_dir: Path, links, out: dict[str, pd.DataFrame]) -> list[Section]:
    """Legislation, grants, risks and survey sections; their tables go into `out`."""
    leg, grants = facts.load_legislation(data_dir), facts.load_grants(data_dir)
    risks, surveys = facts.load_risks(data_dir), facts.load_surveys(data_dir)
    out["legislation_by_council"] = facts.legislation_by_council(leg)
    for col in ("fiscal_year", "funder", "recipient"):
        out[f"grants_by_{col}"] = facts.grants_by(grants, col)
    out["risks_by_rating"] = facts.risks_by_rating(risks)
    results = facts.survey_results(surveys)
    out[Table.SURVEY_RESULTS] = results.reindex(columns=facts.SURVEY_OUTPUT)

    top = facts.top_legislation(leg)
    leg_charts = (
        [(charts.legislation_png(top), "Bar chart of the most-cited legislation")] if len(top) else []
    )
    by_year = out["grants_by_fiscal_year"]
    grant_charts = (
        [(charts.grants_png(by_year, facts.NOT_STATED), "Bar chart of grant totals by fiscal year")]
        if len(grants)
        else []
    )
    grant_tables = grants_html(by_year, out["grants_by_funder"], out["grants_by_recipient"], grants, links)
    return [
        Section(
            Table.LEGISLATION,
            "Legislation cited, by council",
            legislation_html(out["legislation_by_council"], leg, links)
            if len(leg)
            else _empty(Table.LEGISLATION),
            charts=leg_charts,
            note="Up to ten instruments per council, most documents first.",
            **_basis(leg),
        ),
        Section(
            "grants",
            "Grants by fiscal year, funder and recipient",
            grant_tables if len(grants) else _empty("grants"),
            charts=grant_charts,
            note="A grant reported in several papers is counted once.",
            **_basis(grants),
        ),
        Section(
            Table.RISKS,
            "Risks by rating, per council",
            risks_html(out["risks_by_rating"], risks, links) if len(risks) else _empty(Table.RISKS),
            note="Ratings as each paper writes them.",
            **_basis(risks),
        ),
        Section(
            "surveys",
            "Survey results by survey and question",
            surveys_html(results, links) if len(surveys) else _empty("survey results"),
            **_basis(surveys),
        ),
    ]


# ---------------------------------------------------------------- entry points
def build_report(data_dir, out_dir) -> ReportPaths:
    """Write the comparison tables and report.html for the output root `data_dir` into `out_dir`."""
    data_dir = check_data_dir(data_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pri = P.load_priorities(data_dir)
    tidy, shares, years, changes = (
        P.tidy_priorities(pri),
        P.theme_shares(pri),
        P.theme_years(pri),
        P.theme_changes(pri),
    )

    links = functools.partial(links_html, out_dir=out_dir)
    compact = functools.partial(links_html, out_dir=out_dir, limit=4, compact=True)
    tables: dict[str, pd.DataFrame] = {}
    sections = _priority_sections(pri, tidy, shares, years, changes, links, compact)
    sections += _fact_sections(data_dir, links, tables)
    page = render_page(str(data_dir), _summary(data_dir, pri), sections)

    paths = ReportPaths(html=out_dir / "report.html")
    schemas = {
        "themes_by_council": P.SHARES_SCHEMA,
        "theme_years": P.YEARS_SCHEMA,
        "priorities_by_theme": P.TIDY_SCHEMA,
        "theme_changes": P.CHANGES_SCHEMA,
    }
    for name, df in {
        "themes_by_council": shares,
        "theme_years": years,
        "priorities_by_theme": tidy,
        "theme_changes": changes,
        **tables,
    }.items():
        paths.tables[name] = _write(df, out_dir / name, schemas.get(name))
    for council in sorted(pri["council"].unique()):
        paths.matrices[council] = _write(
            P.theme_matrix(pri, council), out_dir / f"theme_matrix_{_safe_name(council)}"
        )
    paths.html.write_text(page, encoding="utf-8")
    return paths


def _summary(data_dir: Path, pri: pd.DataFrame) -> str:
    docs = documents(data_dir)
    councils = sorted({c for c in docs["council"] if c})
    return f"{len(docs)} documents, {len(councils)} named councils; {len(pri)} priorities."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default="data", help="output root to read (default: data)")
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
