"""Charts of the comparison report, as base64 PNG for inline <img> tags (matplotlib, no pyplot).

Figures are built with `matplotlib.figure.Figure` directly, so no GUI backend or global
pyplot state is involved and charts render the same headless, in CI and in notebooks.
"""

from __future__ import annotations

import base64
import io

import pandas as pd

CHART_DPI = 100


def _figure(width: float, height: float):
    from matplotlib.figure import Figure  # imported late: the CLI imports this module for every command

    return Figure(figsize=(width, height))


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def heatmap_png(matrix: pd.DataFrame, title: str, row_labels: list[str]) -> str:
    """Base64 PNG: a heatmap of themes by plan period, each cell labelled with its count."""
    n_rows, n_cols = matrix.shape
    fig = _figure(2.8 + 1.0 * n_cols, 1.2 + 0.38 * n_rows)
    ax = fig.add_subplot()
    ax.imshow(
        matrix.to_numpy(), cmap="Blues", aspect="auto", vmin=0, vmax=max(1, int(matrix.to_numpy().max()))
    )
    ax.set_xticks(range(n_cols), labels=list(matrix.columns))
    ax.set_yticks(range(n_rows), labels=row_labels)
    peak = matrix.to_numpy().max()
    for (r, c), v in pd.DataFrame(matrix.to_numpy()).stack().items():
        if v:
            ax.text(c, r, str(v), ha="center", va="center", color="white" if v > peak / 2 else "black")
    ax.set_title(title)
    ax.set_xlabel("plan period")
    return _png(fig)


def _lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane per span so that overlapping plans of one council sit side by side."""
    ends: list[int] = []
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
    fig = _figure(9, 1.0 + 0.9 * len(councils))
    ax = fig.add_subplot()
    for y, council in enumerate(councils):
        sub = bars[bars["council"] == council].sort_values(["start", "end"])
        lanes = _lanes(list(zip(sub["start"], sub["end"])))
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
