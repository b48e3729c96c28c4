"""The comparison report page: one self-contained HTML file (inline CSS and PNG charts, no
scripts, nothing fetched from the network), well-formed enough to parse as XML.

Each section is a `<section id=...>` with a heading, a line saying how many documents it
rests on, and its charts and tables; every row links to its evidence (`analysis.evidence`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from string import Template

import pandas as pd

from analysis.charts import share_colour
from analysis.dataset import UNKNOWN_COUNCIL
from analysis.evidence import label
from analysis.priorities import CHANGE_KINDS, UNNAMED, name_or_none
from analysis.themes import UNCLASSIFIED

Links = Callable[[pd.DataFrame], str]  # rows of a fact table -> evidence links
LEGEND_SHARES = (0.1, 0.25, 0.5, 0.75, 1.0)
MAX_NAMES = 6  # risk names listed per rating before "and N more"


@dataclass
class Section:
    id: str
    title: str
    body: str
    documents: int = 0
    councils: int = 0
    charts: list[tuple[str, str]] = field(default_factory=list)  # (base64 PNG, alt text)
    note: str = ""

    def html(self) -> str:
        basis = (
            f"Rests on {self.documents} document{'s' if self.documents != 1 else ''}"
            f" from {self.councils} named council{'s' if self.councils != 1 else ''}."
        )
        charts = "".join(_img(png, alt) for png, alt in self.charts)
        note = f" {_e(self.note)}" if self.note else ""
        return (
            f'<section id="{self.id}">\n<h2>{_e(self.title)}</h2>\n'
            f'<p class="basis">{basis}{note}</p>\n{charts}{self.body}\n</section>'
        )


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Council papers compared</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1220px; padding: 0 1em; color: #222; }
h1, h2, h3 { font-weight: 600; }
h2 { border-top: 2px solid #ddd; padding-top: 0.6em; margin-top: 1.6em; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; display: block; margin: 0.5em 0; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.45em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
td.num { text-align: right; white-space: nowrap; }
.muted, .basis, .loc { color: #555; }
.basis { font-style: italic; }
nav a { margin-right: 1em; }
table.heatmap td.cell { text-align: center; min-width: 1.6em; font-variant-numeric: tabular-nums; }
table.heatmap th.theme { vertical-align: bottom; padding: 0.3em 0.1em; }
table.heatmap th.theme span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
table.heatmap tr.first-of-council td { border-top: 2px solid #888; }
.legend span { display: inline-block; padding: 0.1em 0.6em; margin-right: 0.2em; border: 1px solid #ccc; }
.appeared { color: #1a7f37; } .disappeared { color: #b3261e; } .persisted { color: #555; }
</style>
</head>
<body>
<h1>Council papers compared</h1>
<p class="muted">Dataset: $data_dir. Generated $generated. $summary</p>
<nav>$nav</nav>
$body
</body>
</html>
""")


def _e(value) -> str:
    blank = value is None or (not isinstance(value, list | tuple) and pd.isna(value))
    return html.escape("" if blank else str(value))


def _img(png: str, alt: str) -> str:
    return f'<p><img src="data:image/png;base64,{png}" alt="{_e(alt)}" /></p>'


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table from already-escaped cell HTML; a header starting with '#' is a numeric column."""
    ths = "".join(f"<th>{_e(h.lstrip('#'))}</th>" for h in head)
    num = [h.startswith("#") for h in head]
    trs = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if n else f"<td>{c}</td>" for c, n in zip(r, num))
        + "</tr>"
        for r in rows
    )
    return f"<table{f' class={chr(34)}{cls}{chr(34)}' if cls else ''}><tr>{ths}</tr>{trs}</table>"


def _gbp(value) -> str:
    return "" if value is None or pd.isna(value) else f"£{float(value):,.0f}"


def _groups(rows: pd.DataFrame, keys: list[str]) -> dict[tuple, pd.DataFrame]:
    """The rows of each key (a tuple), for linking a summary row to the facts behind it."""
    return {k if isinstance(k, tuple) else (k,): g for k, g in rows.groupby(keys, sort=False, dropna=False)}


def _more(names: list[str], limit: int) -> str:
    shown = "<br />".join(_e(n) for n in names[:limit])
    return shown + (f"<br />and {len(names) - limit} more" if len(names) > limit else "")


# ---------------------------------------------------------------- priorities
def _paper(council: str, facts: pd.DataFrame) -> str:
    """For a list of an unknown council, the paper it is in (the council cannot say which list it is)."""
    if council != UNKNOWN_COUNCIL or facts.empty:
        return ""
    first = facts.iloc[0]
    return f'<br /><span class="muted">in {_e(label(first.source, first.doc_title))}</span>'


def heatmap_html(shares: pd.DataFrame, themes: list[str], titles: dict[str, str], links: Links, pri) -> str:
    """Themes x plans as a table: the count of priorities in each cell, coloured by its share
    of the plan's priorities on one scale for every council; hover says both."""
    head = "".join(f'<th class="theme"><span>{_e(titles[t])}</span></th>' for t in themes)
    rows, last_council = [], None
    facts = _groups(pri, ["plan_id"])
    for plan_id, plan in shares.groupby("plan_id", sort=False):
        first = plan.iloc[0]
        by_theme = plan.set_index("theme")
        cells = []
        for t in themes:
            if t not in by_theme.index:
                cells.append('<td class="cell" data-count="0" data-share="0"></td>')
                continue
            r = by_theme.loc[t]
            colour = share_colour(r.share)
            ink = "#ffffff" if r.share > 0.5 else "#000000"
            tip = f"{first.council} · {first.plan_label} · {titles[t]}: {r.n_priorities} of {r.plan_priorities} priorities ({r.share:.0%})"
            cells.append(
                f'<td class="cell" data-count="{r.n_priorities}" data-share="{r.share:.4f}" '
                f'style="background:{colour};color:{ink}" title="{_e(tip)}">{r.n_priorities}</td>'
            )
        new = first.council != last_council
        last_council = first.council
        rows.append(
            f'<tr class="{"first-of-council" if new else "plan"}" data-council="{_e(first.council)}" data-plan="{_e(plan_id)}">'
            f"<td>{_e(first.council) if new else ''}</td><td>{_e(first.plan_label)}{_paper(first.council, facts[(plan_id,)])}</td>"
            f'<td class="num">{first.plan_priorities}</td>{"".join(cells)}'
            f"<td>{links(facts[(plan_id,)])}</td></tr>"
        )
    legend = "".join(
        f'<span style="background:{share_colour(s)};color:{"#ffffff" if s > 0.5 else "#000000"}">{s:.0%}</span>'
        for s in LEGEND_SHARES
    )
    return (
        f'<p class="legend">Colour: share of the plan\'s priorities with the theme, one scale for all councils: {legend}'
        " Numbers: priorities. Hover a cell for both.</p>"
        '<table class="heatmap"><tr><th>council</th><th>plan, period</th><th>priorities</th>'
        f"{head}<th>sources</th></tr>{''.join(rows)}</table>"
    )


def changes_html(changes: pd.DataFrame, titles: dict[str, str], councils: list[str]) -> str:
    """Per plan, the themes between its consecutive periods; then the councils with no plan
    that has two dated periods (nothing to compare)."""
    alone = [c for c in councils if c not in set(changes["council"])]
    none = (
        f'<p class="muted">No plan with two dated periods, nothing to compare: {_e(", ".join(alone))}.</p>'
        if alone
        else ""
    )
    items = []
    for (council, plan, before, after), grp in changes.groupby(
        ["council", "plan", "from_period", "to_period"], sort=False
    ):
        parts = [
            f'<span class="{kind}">{kind}: '
            f"{_e(', '.join(titles.get(t, t) for t in grp[grp['change'] == kind]['theme'])) or 'none'}</span>"
            for kind in CHANGE_KINDS
        ]
        items.append(f"<li>{_e(council)}, {_e(plan)}: {_e(before)} to {_e(after)}: {'; '.join(parts)}</li>")
    return ("<ul>" + "".join(items) + "</ul>" if items else "") + none


def priorities_html(tidy: pd.DataFrame, pri: pd.DataFrame, titles: dict[str, str], links: Links) -> str:
    rows = []
    facts = _groups(
        pri.assign(_theme=pri["theme"].map(lambda t: name_or_none(t) or UNCLASSIFIED)), ["plan_id", "_theme"]
    )
    for r in tidy.itertuples():
        theme = name_or_none(r.theme)
        same = facts[(r.plan_id, theme or UNCLASSIFIED)]
        rows.append(
            [
                _e(r.council),
                _e(name_or_none(r.plan) or UNNAMED),
                _e(r.period),
                _e(titles.get(theme or UNCLASSIFIED, theme)),
                "<br />".join(_e(t) for t in r.priority_texts),
                links(same),
            ]
        )
    return _table(["council", "plan", "period", "theme", "items", "evidence"], rows)


# ---------------------------------------------------------------- other tables
def legislation_html(by_council: pd.DataFrame, leg: pd.DataFrame, links: Links, top_n: int = 10) -> str:
    rows = []
    facts = _groups(leg, ["council", "title"])
    for council, grp in by_council.groupby("council", sort=False):
        for r in grp.head(top_n).itertuples():
            same = facts[(council, r.title)]
            rows.append(
                [
                    _e(council),
                    _e(r.title),
                    _e(r.legislation_id or ""),
                    str(r.documents),
                    str(r.mentions),
                    _e("; ".join(r.provisions)),
                    links(same),
                ]
            )
    return _table(
        [
            "council",
            "instrument",
            "legislation.gov.uk id",
            "#documents",
            "#mentions",
            "provisions cited",
            "evidence",
        ],
        rows,
    )


def grants_html(
    by_year: pd.DataFrame,
    by_funder: pd.DataFrame,
    by_recipient: pd.DataFrame,
    grants: pd.DataFrame,
    links: Links,
) -> str:
    def totals(df: pd.DataFrame, col: str) -> str:
        return _table(
            [col.replace("_", " "), "#grants", "#total", "#documents"],
            [
                [_e(r[col]), str(r["grants"]), _gbp(r["total_gbp"]), str(r["documents"])]
                for _, r in df.iterrows()
            ],
        )

    listing = _table(
        ["council", "fiscal year", "#amount", "funder", "recipient", "scheme", "evidence"],
        [
            [
                _e(r.council),
                _e(r.fiscal_year),
                _gbp(r.value_gbp),
                _e(r.funder),
                _e(r.recipient),
                _e(r.scheme),
                links(grants.iloc[[i]])
                + (f"<br />(also in {r.reported_in - 1} more)" if r.reported_in > 1 else ""),
            ]
            for i, r in enumerate(grants.itertuples())
        ],
    )
    return (
        "<h3>By fiscal year</h3>"
        + totals(by_year, "fiscal_year")
        + "<h3>By funder</h3>"
        + totals(by_funder, "funder")
        + "<h3>By recipient</h3>"
        + totals(by_recipient, "recipient")
        + "<h3>Every grant</h3>"
        + listing
    )


def risks_html(by_rating: pd.DataFrame, risks: pd.DataFrame, links: Links) -> str:
    rows = []
    facts = _groups(risks, ["council", "rating"])
    for r in by_rating.itertuples():
        same = facts[(r.council, r.rating)]
        rows.append([_e(r.council), _e(r.rating), str(r.n_risks), _more(r.names, MAX_NAMES), links(same)])
    return _table(["council", "rating", "#number", "names", "evidence"], rows)


def surveys_html(results: pd.DataFrame, links: Links) -> str:
    rows, last = [], None
    for i, r in enumerate(results.itertuples()):
        key = (r.council, r.survey, r.question)
        head = [
            _e(r.council),
            _e(r.survey),
            "" if pd.isna(r.respondents) else str(r.respondents),
            _e(r.question),
        ]
        rows.append(
            [
                *(head if key != last else ["", "", "", ""]),
                _e(r.answer),
                f"{r.percent:g}%",
                links(results.iloc[[i]]),
            ]
        )
        last = key
    return _table(["council", "survey", "#respondents", "question", "answer", "#percent", "evidence"], rows)


def render_page(data_dir: str, summary: str, sections: list[Section]) -> str:
    nav = "".join(f'<a href="#{s.id}">{_e(s.title)}</a>' for s in sections)
    return PAGE.substitute(
        data_dir=_e(data_dir),
        summary=_e(summary),
        nav=nav,
        body="\n".join(s.html() for s in sections),
        generated=_e(datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    )
