"""The comparison report page: self-contained HTML (inline CSS and PNG charts, no scripts,
nothing fetched from the network), well-formed enough to parse as XML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from string import Template

import pandas as pd

CHANGE_KINDS = ("appeared", "disappeared", "persisted")


@dataclass
class CouncilSection:
    name: str
    heatmap_png: str  # base64
    n_dated_periods: int
    changes: pd.DataFrame  # this council's rows of the theme changes table, themes as display labels
    tidy: pd.DataFrame  # this council's rows of the tidy priorities table


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Council priorities compared</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1, h2, h3 { font-weight: 600; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
.muted { color: #666; }
.appeared { color: #1a7f37; } .disappeared { color: #b3261e; } .persisted { color: #555; }
</style>
</head>
<body>
<h1>Council priorities compared</h1>
<p class="muted">Dataset: $data_dir. Generated $generated. $summary</p>
$body
</body>
</html>
""")


def _e(value) -> str:
    return html.escape(
        "" if value is None or (not isinstance(value, list) and pd.isna(value)) else str(value)
    )


def _img(png: str, alt: str) -> str:
    return f'<p><img src="data:image/png;base64,{png}" alt="{_e(alt)}" /></p>'


def _changes_html(section: CouncilSection) -> str:
    if section.changes.empty:
        what = "No dated plan" if section.n_dated_periods == 0 else "Only one dated plan period"
        return f'<p class="muted">{what}: nothing to compare between consecutive plans.</p>'
    items = []
    for (before, after), grp in section.changes.groupby(["from_period", "to_period"], sort=False):
        parts = [
            f'<span class="{kind}">{kind}: {_e(", ".join(grp[grp["change"] == kind]["theme"])) or "none"}</span>'
            for kind in CHANGE_KINDS
        ]
        items.append(f"<li>{_e(before)} to {_e(after)}: {'; '.join(parts)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _basename(uri: str) -> str:
    return re.split(r"[/\\]", uri.rstrip("/"))[-1]


def _tidy_html(tidy: pd.DataFrame) -> str:
    head = "<tr><th>plan</th><th>period</th><th>theme</th><th>priorities</th><th>sources</th></tr>"
    rows = "".join(
        f"<tr><td>{_e(r.plan)}</td><td>{_e(r.period)}</td><td>{_e(r.theme)}</td>"
        f"<td>{'<br />'.join(_e(t) for t in r.priority_texts)}</td>"
        f"<td>{'<br />'.join(_e(_basename(s)) for s in r.source_documents)}</td></tr>"
        for r in tidy.itertuples()
    )
    return f"<table>{head}{rows}</table>"


def _section_html(section: CouncilSection) -> str:
    return "\n".join(
        [
            f"<h2>{_e(section.name)}</h2>",
            _img(section.heatmap_png, f"Heatmap of {section.name}'s priority themes by plan period"),
            "<h3>Themes between consecutive plans</h3>",
            _changes_html(section),
            "<h3>Priorities</h3>",
            _tidy_html(section.tidy),
        ]
    )


def render_page(data_dir: str, summary: str, timeline_png: str | None, sections: list[CouncilSection]) -> str:
    if timeline_png is None:
        body = '<p class="muted">No priorities in this dataset: nothing to compare.</p>'
    else:
        timeline = _img(timeline_png, "Timeline of each council's plan periods")
        body = "\n".join(["<h2>Plans over time</h2>", timeline, *map(_section_html, sections)])
    return PAGE.substitute(
        data_dir=_e(data_dir),
        summary=_e(summary),
        body=body,
        generated=_e(datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    )
