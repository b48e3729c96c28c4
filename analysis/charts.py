"""Charts of the comparison report, as base64 PNG for inline <img> tags (matplotlib, no pyplot),
and the one colour scale of the cross-council heatmap.

Figures are built with `matplotlib.figure.Figure` directly, so no GUI backend or global
pyplot state is involved and charts render the same headless, in CI and in notebooks.
Charts are drawn at most 12 inches wide at 100 dpi, so they are readable at 1,280 px.
"""

from __future__ import annotations

import base64
import io

import pandas as pd

CHART_DPI = 100
WIDTH = 12.0  # inches: 1,200 px, the page's content width at 1,280 px
SHARE_COLOURMAP = "Blues"  # one hue, lightness rising with the share: readable without colour vision


def share_colour(share: float) -> str:
    """The heatmap colour of a share (0..1) of a plan's priorities: one scale for every council."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    return to_hex(colormaps[SHARE_COLOURMAP](0.08 + 0.87 * min(max(float(share), 0.0), 1.0)))


def _figure(width: float, height: float):
    from matplotlib.figure import Figure  # imported late: the CLI imports this module for every command

    return Figure(figsize=(width, height))


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """A lane per span so that overlapping plans (and their labels) of one council sit side by side."""
    ends: list[float] = []
    lanes = []
    for start, end in spans:
        lane = next((i for i, e in enumerate(ends) if e <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        ends[lane] = end
        lanes.append(lane)
    return lanes


def timeline_png(bars: pd.DataFrame, undated: pd.Series) -> str:
    """Base64 PNG: each council's plan periods as bars over the years, and its undated plans
    in a hatched slot at the right.

    `bars` has one row per plan period: council, period (its label), start, end (the year
    after the last it covers) and n (priorities); `undated` maps council to priorities.
    """
    councils = sorted(set(bars["council"]) | set(undated.index))
    first, last = (int(bars["start"].min()), int(bars["end"].max())) if len(bars) else (0, 0)
    slot = last + 1  # the undated slot sits after the last dated year
    years_per_char = (slot + 3 - first) / (WIDTH * 0.8) * 0.075  # fontsize 8: about 0.075 inch a character
    fig = _figure(WIDTH, 1.0 + 0.9 * len(councils))
    ax = fig.add_subplot()
    for y, council in enumerate(councils):
        sub = bars[bars["council"] == council].sort_values(["start", "end"])
        # a bar's label runs past a short bar: its lane is taken until the label ends
        label_ends = [
            max(e, s + 0.2 + years_per_char * len(f"{p} ({n})"))
            for s, e, p, n in zip(sub["start"], sub["end"], sub["period"], sub["n"])
        ]
        lanes = _lanes(list(zip(sub["start"], label_ends)))
        height = 0.8 / max(1, max(lanes, default=0) + 1)
        for lane, row in zip(lanes, sub.itertuples()):
            yy = y - 0.4 + lane * height
            ax.broken_barh(
                [(row.start, row.end - row.start)], (yy, height * 0.9), color="tab:blue", alpha=0.4
            )
            ax.text(row.start + 0.1, yy + height * 0.45, f"{row.period} ({row.n})", va="center", fontsize=8)
        if council in undated.index:
            ax.broken_barh([(slot, 2)], (y - 0.4, 0.72), facecolor="none", edgecolor="grey", hatch="//")
            ax.text(
                slot + 1,
                y - 0.04,
                f"undated ({undated[council]})",
                ha="center",
                va="center",
                fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
    if len(undated):
        ax.axvline(slot - 0.5, color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(councils)), labels=councils)
    ax.set_ylim(len(councils) - 0.5, -0.5)
    ax.set_xlim((first - 0.5) if len(bars) else slot - 0.5, (slot + 2.5) if len(undated) else last + 0.5)
    from matplotlib.ticker import MaxNLocator

    years = MaxNLocator(integer=True).tick_values(first, last) if len(bars) else []
    ax.set_xticks([int(t) for t in years if first <= t <= last])  # no year ticks over the undated slot
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("year (bars: plan periods, with the number of priorities)")
    ax.set_title("Plans over time")
    return _png(fig)


def themes_over_time_png(years: pd.DataFrame, colours: dict[str, str], titles: dict[str, str]) -> str:
    """Base64 PNG: small multiples, one panel per theme, councils by years, a bar for each year
    a dated plan of that council carried the theme (`years`: council, theme, year)."""
    themes = list(dict.fromkeys(years["theme"]))
    councils = sorted(set(years["council"]))
    first, last = int(years["year"].min()), int(years["year"].max())
    ncols = 3
    nrows = -(-len(themes) // ncols)
    panel_h = 0.5 + 0.22 * len(councils)
    fig = _figure(WIDTH, 0.6 + panel_h * nrows)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    for ax, theme in zip(axes.flat, themes):
        sub = years[years["theme"] == theme]
        for y, council in enumerate(councils):
            yrs = sorted(sub.loc[sub["council"] == council, "year"])
            ax.broken_barh(
                [(yr - 0.45, 0.9) for yr in yrs], (y - 0.35, 0.7), color=colours.get(theme, "#777777")
            )
        ax.set_title(titles.get(theme, theme), fontsize=9, loc="left")
        ax.grid(axis="x", alpha=0.3)
    for ax in axes.flat[len(themes) :]:
        ax.set_visible(False)
    from matplotlib.ticker import MaxNLocator

    ax0 = axes.flat[0]
    ax0.set_yticks(range(len(councils)), labels=councils)
    ax0.set_ylim(len(councils) - 0.5, -0.5)
    ax0.set_xlim(first - 0.6, last + 0.6)
    ax0.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    for ax in axes.flat:
        ax.tick_params(labelsize=8, labelbottom=True)
    fig.suptitle("Which councils carried which theme in which years (dated plans)", x=0.01, ha="left")
    fig.tight_layout()
    return _png(fig)


def legislation_png(top: pd.DataFrame) -> str:
    """Base64 PNG: horizontal bars, the instruments cited by most documents, labelled with counts."""
    fig = _figure(WIDTH, 1.0 + 0.32 * len(top))
    ax = fig.add_subplot()
    y = range(len(top))
    ax.barh(y, top["documents"], color="#1965B0")
    ax.set_yticks(y, labels=[t if len(t) <= 60 else t[:59] + "…" for t in top["title"]], fontsize=9)
    ax.invert_yaxis()
    for i, r in enumerate(top.itertuples()):
        docs = f"{r.documents} document{'s' if r.documents != 1 else ''}"
        where = (
            f"{r.councils} named council{'s' if r.councils != 1 else ''}"
            if r.councils
            else "council not known"
        )
        ax.text(r.documents, i, f" {docs}, {where}", va="center", fontsize=8)
    ax.set_xlim(0, max(top["documents"]) * 1.35)
    ax.set_xlabel("documents citing it")
    ax.set_title("Most-cited legislation", loc="left")
    return _png(fig)


def grants_png(by_year: pd.DataFrame, undated: str) -> str:
    """Base64 PNG: total grant funding per fiscal year, each bar labelled with its total and
    count; grants with no year (`by_year`'s row `undated`) are named in the title, not drawn."""
    rest = by_year[by_year["fiscal_year"] == undated]
    by_year = by_year[by_year["fiscal_year"] != undated]
    fig = _figure(WIDTH * 0.75, 3.8)
    ax = fig.add_subplot()
    x = range(len(by_year))
    totals = by_year["total_gbp"].astype(float).fillna(0) / 1e6
    ax.bar(x, totals, color="#4EB265")
    ax.set_xticks(x, labels=list(by_year["fiscal_year"]), fontsize=9)
    for i, (t, n) in enumerate(zip(totals, by_year["grants"])):
        ax.text(i, t, f"£{t:,.2f}m\n{n} grant{'s' if n != 1 else ''}", ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max([*totals, 0.01]) * 1.3)
    ax.set_ylabel("£ million")
    ax.set_xlabel("fiscal year")
    title = "Grants by fiscal year"
    if len(rest):
        n, total = int(rest["grants"].iloc[0]), float(rest["total_gbp"].iloc[0])
        title += f" (not drawn: {n} grant{'s' if n != 1 else ''} with no year, £{total / 1e6:,.2f}m)"
    ax.set_title(title, loc="left")
    return _png(fig)
