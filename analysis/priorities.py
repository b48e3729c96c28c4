"""Priorities arranged for comparison: plans kept apart, themes counted per plan.

A *plan* is one council's list for one period under one name: "Community Safety Plan"
2024-2027 and "Police and Crime Plan" 2024-2027 are two plans, and a list whose paper
gives it no name is an "unnamed list", never folded into a named plan. Lists of a council
that the dataset could not name (council "unknown") are kept apart per document, as they
may belong to different councils. Theme changes compare consecutive periods of the same
plan (same council, same name), never two different plans.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pyarrow as pa

from analysis.dataset import UNKNOWN_COUNCIL, load_facts
from analysis.themes import UNCLASSIFIED, theme_key
from schemas.names import Table

UNDATED = "undated"
UNNAMED = "unnamed list"
CHANGE_KINDS = ("appeared", "disappeared", "persisted")
PRIORITY_COLUMNS = ("plan", "period_start", "period_end", "kind", "rank", "text", "theme")

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
SHARES_SCHEMA = pa.schema(
    [
        ("council", pa.string()),
        ("plan", pa.string()),
        ("period_start", pa.int16()),
        ("period_end", pa.int16()),
        ("period", pa.string()),
        ("plan_label", pa.string()),
        ("theme", pa.string()),
        ("n_priorities", pa.int64()),
        ("plan_priorities", pa.int64()),
        ("share", pa.float64()),
    ]
)
YEARS_SCHEMA = pa.schema(
    [("council", pa.string()), ("theme", pa.string()), ("year", pa.int16()), ("plans", pa.list_(pa.string()))]
)
CHANGES_SCHEMA = pa.schema(
    [
        ("council", pa.string()),
        ("plan", pa.string()),
        ("from_period", pa.string()),
        ("to_period", pa.string()),
        ("theme", pa.string()),
        ("change", pa.string()),
    ]
)


# ---------------------------------------------------------------- loading
def period_label(start, end) -> str:
    """'2024-2027', '2024' for a one-year plan, '2024-?' or '?-2027' when half known, else 'undated'."""
    start, end = (None if pd.isna(v) else int(v) for v in (start, end))
    if start is None and end is None:
        return UNDATED
    if start == end:
        return str(start)
    return f"{start if start is not None else '?'}-{end if end is not None else '?'}"


def period_key(label: str) -> tuple:
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    return (1, 0, 0) if not years else (0, years[0], years[-1])  # undated last


def name_or_none(value) -> str | None:
    """A string cell as str, or None when null (pandas may hold null strings as NaN)."""
    return None if value is None or pd.isna(value) else str(value)


def text_key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


def distinct(values) -> list[str]:
    """Values in first-seen order, dropping empties and repeats that differ only in case or punctuation."""
    seen, out = set(), []
    for v in values:
        key = text_key(v)
        if key and key not in seen:
            seen.add(key)
            out.append(str(v))
    return out


def load_priorities(data_dir) -> pd.DataFrame:
    """Priorities with council, source, `period` label and the plan they belong to:
    `plan_id` (a key, unique per plan) and `plan_label` ("Community Safety Plan, 2024-2027")."""
    pri = load_facts(
        data_dir, Table.PRIORITIES, PRIORITY_COLUMNS, ints=("period_start", "period_end", "rank")
    )
    pri["period"] = [period_label(s, e) for s, e in zip(pri["period_start"], pri["period_end"])]
    pri["plan_name_key"] = pri["plan"].map(text_key)
    # one spelling per plan name of a council (the first seen), so "Plan" and "plan" are one plan
    first = pri.drop_duplicates(["council", "plan_name_key"]).set_index(["council", "plan_name_key"])["plan"]
    plans = [
        name_or_none(first.get((c, k))) if k else None for c, k in zip(pri["council"], pri["plan_name_key"])
    ]
    pri["plan"] = pd.Series(plans, index=pri.index, dtype=object)
    apart = pri["council"] == UNKNOWN_COUNCIL  # an unknown council's lists stay with their document
    pri["plan_id"] = [
        "|".join([c, k, p, d if sep else ""])
        for c, k, p, d, sep in zip(pri["council"], pri["plan_name_key"], pri["period"], pri["doc_id"], apart)
    ]
    pri["plan_label"] = [f"{p or UNNAMED}, {per}" for p, per in zip(pri["plan"], pri["period"])]
    pri["theme"] = pd.Series(map(name_or_none, pri["theme"]), index=pri.index, dtype=object)
    return pri


def _plan_order(pri: pd.DataFrame) -> list[str]:
    """plan_ids by council (unknown last), period, then name (named before unnamed)."""
    plans = pri.drop_duplicates("plan_id")
    keys = {
        r.plan_id: (
            r.council == UNKNOWN_COUNCIL,
            r.council,
            period_key(r.period),
            name_or_none(r.plan) is None,
            name_or_none(r.plan) or "",
            r.plan_id,
        )
        for r in plans.itertuples()
    }
    return sorted(keys, key=lambda plan_id: keys[plan_id])


# ---------------------------------------------------------------- tables
def tidy_priorities(pri: pd.DataFrame) -> pd.DataFrame:
    """One row per (plan, theme): its priority texts and source documents (and `plan_id`,
    which the files leave out)."""
    keys = ["council", "plan", "period_start", "period_end", "period", "theme"]
    pri = pri.sort_values(["council", "source", "rank"], na_position="last", kind="stable")
    rows = []
    for (_, theme), grp in pri.groupby(["plan_id", "theme"], dropna=False, sort=False):
        texts = distinct(grp["text"])
        first = grp.iloc[0]
        rows.append(
            {
                **{k: first[k] for k in keys},
                "plan": name_or_none(first["plan"]),
                "theme": name_or_none(theme),
                "n_priorities": len(texts),
                "priority_texts": texts,
                "source_documents": sorted(set(grp["source"])),
                "plan_id": first["plan_id"],
            }
        )
    out = pd.DataFrame(rows, columns=[*TIDY_SCHEMA.names, "plan_id"])
    if out.empty:
        return out
    order = {p: i for i, p in enumerate(_plan_order(pri))}
    out = out.assign(_p=out["plan_id"].map(order), _t=out["theme"].map(theme_key))
    out = out.sort_values(["_p", "_t"]).drop(columns=["_p", "_t"]).reset_index(drop=True)
    out = out.astype({"period_start": "Int16", "period_end": "Int16"})
    return out.where(out.notna(), None)


def theme_shares(pri: pd.DataFrame) -> pd.DataFrame:
    """The cross-council view as a tidy table: per plan and theme, the distinct priorities
    with that theme, the plan's distinct priorities, and their ratio (`share`)."""
    sub = pri.assign(theme=pri["theme"].fillna(UNCLASSIFIED), _key=pri["text"].map(text_key))
    sub = sub[sub["_key"] != ""].drop_duplicates(["plan_id", "theme", "_key"])
    totals = sub.drop_duplicates(["plan_id", "_key"]).groupby("plan_id").size()
    rows = []
    for plan_id in _plan_order(sub):
        plan = sub[sub["plan_id"] == plan_id]
        first = plan.iloc[0]
        for theme, n in sorted(plan.groupby("theme").size().items(), key=lambda kv: theme_key(kv[0])):
            rows.append(
                {
                    **{
                        k: first[k]
                        for k in ("council", "plan", "period_start", "period_end", "period", "plan_label")
                    },
                    "theme": theme,
                    "n_priorities": int(n),
                    "plan_priorities": int(totals[plan_id]),
                    "share": n / totals[plan_id],
                    "plan_id": plan_id,
                }
            )
    out = pd.DataFrame(rows, columns=[*SHARES_SCHEMA.names, "plan_id"])
    return out.astype({"period_start": "Int16", "period_end": "Int16"})


def theme_matrix(pri: pd.DataFrame, council: str) -> pd.DataFrame:
    """Themes (rows) x this council's plans (columns, "plan, period" in time order): distinct priorities."""
    shares = theme_shares(pri[pri["council"] == council])
    if shares.empty:
        return pd.DataFrame()
    matrix = shares.pivot_table(
        index="theme", columns="plan_id", values="n_priorities", fill_value=0, aggfunc="sum"
    )
    labels = shares.drop_duplicates("plan_id").set_index("plan_id")["plan_label"]
    matrix = matrix.reindex(
        columns=list(dict.fromkeys(shares["plan_id"])), index=sorted(matrix.index, key=theme_key)
    )
    names = [labels[c] for c in matrix.columns]
    # unknown councils' lists of one period share a label: number them to keep columns apart
    matrix.columns = [
        n if names.count(n) == 1 else f"{n} ({names[:i].count(n) + 1})" for i, n in enumerate(names)
    ]
    matrix.index.name, matrix.columns.name = "theme", None
    return matrix.fillna(0).astype("int64")


def theme_years(pri: pd.DataFrame) -> pd.DataFrame:
    """Which councils carried which theme in which years: one row per council, theme and
    year covered by a dated plan with a priority of that theme, naming those plans."""
    dated = pri[(pri["period"] != UNDATED) & pri["theme"].notna()]
    cells: dict[tuple, list[str]] = {}
    for r in dated.drop_duplicates(["plan_id", "theme"]).itertuples():
        start = r.period_start if not pd.isna(r.period_start) else r.period_end
        end = r.period_end if not pd.isna(r.period_end) else r.period_start
        for year in range(int(start), int(end) + 1):
            cells.setdefault((r.council, r.theme, year), []).append(r.plan_label)
    rows = [{"council": c, "theme": t, "year": y, "plans": sorted(set(p))} for (c, t, y), p in cells.items()]
    out = pd.DataFrame(rows, columns=YEARS_SCHEMA.names)
    if out.empty:
        return out
    out = out.assign(_t=out["theme"].map(theme_key)).sort_values(["_t", "council", "year"])
    return out.drop(columns="_t").reset_index(drop=True)


def theme_changes(pri: pd.DataFrame) -> pd.DataFrame:
    """Per plan (council and name), the themes that appear, disappear or persist from one
    of its dated periods to the next. Different plans are never compared with each other."""
    rows = []
    themed = pri[pri["theme"].notna() & (pri["period"] != UNDATED)]
    for (council, _name), sub in themed.groupby(["council", "plan_name_key"], sort=True):
        if council == UNKNOWN_COUNCIL:
            continue  # lists of unknown councils may be anyone's: no series to follow
        by_period = {p: set(g["theme"]) for p, g in sub.groupby("period")}
        plan = name_or_none(sub["plan"].iloc[0]) or UNNAMED
        for before, after in itertools.pairwise(sorted(by_period, key=period_key)):
            a, b = by_period[before], by_period[after]
            for change, themes in zip(CHANGE_KINDS, (b - a, a - b, a & b)):
                rows += [
                    {
                        "council": council,
                        "plan": plan,
                        "from_period": before,
                        "to_period": after,
                        "theme": t,
                        "change": change,
                    }
                    for t in sorted(themes, key=theme_key)
                ]
    return pd.DataFrame(rows, columns=CHANGES_SCHEMA.names)


def plan_bars(pri: pd.DataFrame) -> pd.DataFrame:
    """One row per dated plan: council, label, start year, end year + 1, number of priorities."""
    dated = pri[pri["period"] != UNDATED]
    bars = dated.groupby("plan_id", sort=False).agg(
        council=("council", "first"),
        period=("plan_label", "first"),
        start=("period_start", "min"),
        end=("period_end", "max"),
        n=("text", lambda t: len(distinct(t))),
    )
    bars = bars.reset_index(drop=True)
    bars["start"] = bars["start"].fillna(bars["end"]).astype(int)
    bars["end"] = bars["end"].fillna(bars["start"]).astype(int) + 1  # a plan covers its end year
    return bars


def undated_counts(pri: pd.DataFrame) -> pd.Series:
    """Per council, the number of distinct priorities of plans that state no years."""
    return pri[pri["period"] == UNDATED].groupby("council")["text"].agg(lambda t: len(distinct(t)))
