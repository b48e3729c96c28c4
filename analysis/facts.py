"""Summaries of the other fact tables for the report: legislation cited, grants, risks and
survey results. Each function takes the table's rows (from `analysis.dataset.load_facts`)
and returns a tidy DataFrame; the report links every row back to its documents.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.dataset import UNKNOWN_COUNCIL, load_facts
from schemas.names import Table

NOT_STATED = "(not stated)"
LEGISLATION_COLUMNS = ("title", "year", "kind", "provision", "legislation_id", "mention")
AMOUNT_COLUMNS = (
    "raw",
    "value_gbp",
    "value_gbp_max",
    "is_grant",
    "fiscal_year",
    "funder",
    "recipient",
    "scheme",
)
RISK_COLUMNS = ("row", "risk", "rating_raw", "likelihood", "impact", "score")
SURVEY_COLUMNS = ("survey", "respondents", "question", "answer", "percent", "evidence")
SURVEY_OUTPUT = ["council", *SURVEY_COLUMNS, "source", "page", "char_start", "char_end", "doc_id"]


def _council_order(councils) -> list[str]:
    return sorted(set(councils), key=lambda c: (c == UNKNOWN_COUNCIL, c))


def _fold(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip() if text is not None and not pd.isna(text) else ""


def documents_behind(rows: pd.DataFrame) -> tuple[int, int]:
    """(documents, councils) a section's rows come from; unknown councils are not counted."""
    councils = {c for c in rows.get("council", []) if c != UNKNOWN_COUNCIL}
    return rows["doc_id"].nunique() if len(rows) else 0, len(councils)


# ---------------------------------------------------------------- legislation
def load_legislation(data_dir) -> pd.DataFrame:
    leg = load_facts(data_dir, Table.LEGISLATION, LEGISLATION_COLUMNS, ints=("year",))
    leg["title"] = leg["title"].fillna(leg["mention"]).map(_fold)
    return leg[leg["title"] != ""]


def legislation_by_council(leg: pd.DataFrame) -> pd.DataFrame:
    """Per council and instrument: documents citing it, mentions, the provisions cited."""
    rows = []
    for (council, title), grp in leg.groupby(["council", "title"], sort=False):
        provisions = sorted({_fold(p) for p in grp["provision"] if _fold(p)}, key=_natural)
        ids = [i for i in grp["legislation_id"] if i]
        rows.append(
            {
                "council": council,
                "title": title,
                "legislation_id": ids[0] if ids else None,
                "documents": grp["doc_id"].nunique(),
                "mentions": len(grp),
                "provisions": provisions,
            }
        )
    out = pd.DataFrame(
        rows, columns=["council", "title", "legislation_id", "documents", "mentions", "provisions"]
    )
    if out.empty:
        return out
    rank = {c: i for i, c in enumerate(_council_order(out["council"]))}
    out = out.assign(_c=out["council"].map(rank)).sort_values(
        ["_c", "documents", "mentions", "title"], ascending=[True, False, False, True]
    )
    return out.drop(columns="_c").reset_index(drop=True)


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text.lower())]


def top_legislation(leg: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The `n` instruments cited by most documents overall, with how many councils cite them."""
    if leg.empty:
        return pd.DataFrame(columns=["title", "documents", "councils", "mentions"])
    named = leg.assign(_c=leg["council"].where(leg["council"] != UNKNOWN_COUNCIL))
    top = named.groupby("title").agg(
        documents=("doc_id", "nunique"), councils=("_c", "nunique"), mentions=("doc_id", "size")
    )
    top = top.reset_index().sort_values(["documents", "mentions", "title"], ascending=[False, False, True])
    return top.head(n).reset_index(drop=True)


# ---------------------------------------------------------------- grants
def load_grants(data_dir) -> pd.DataFrame:
    """Grant rows; the same grant reported in several papers (same council, year, funder,
    recipient, scheme and value) is kept once, with its first document as evidence."""
    amounts = load_facts(data_dir, Table.AMOUNTS, AMOUNT_COLUMNS)
    grants = amounts[amounts["is_grant"].fillna(False).astype(bool)].copy()
    grants["value_gbp"] = pd.to_numeric(grants["value_gbp"]).astype("Float64")
    for col in ("fiscal_year", "funder", "recipient", "scheme"):
        grants[col] = grants[col].map(_fold).replace("", NOT_STATED)
    grants["_same"] = [
        (c, y, f.lower(), r.lower(), s.lower(), v)
        for c, y, f, r, s, v in zip(
            grants["council"],
            grants["fiscal_year"],
            grants["funder"],
            grants["recipient"],
            grants["scheme"],
            grants["value_gbp"],
        )
    ]
    grants["reported_in"] = grants.groupby("_same")["doc_id"].transform("nunique")
    grants = grants.sort_values(["source", "char_start"]).drop_duplicates("_same").drop(columns="_same")
    return grants.reset_index(drop=True)


def grants_by(grants: pd.DataFrame, column: str) -> pd.DataFrame:
    """Number of grants and their total in pounds per value of `column` (fiscal_year, funder, recipient)."""
    if grants.empty:
        return pd.DataFrame(columns=[column, "grants", "total_gbp", "documents"])
    out = grants.groupby(column).agg(
        grants=("doc_id", "size"), total_gbp=("value_gbp", "sum"), documents=("doc_id", "nunique")
    )
    out = out.reset_index()
    if column == "fiscal_year":  # years in order, "(not stated)" last
        return out.sort_values(column, key=lambda s: s.map(lambda v: (v == NOT_STATED, v))).reset_index(
            drop=True
        )
    return out.sort_values(["total_gbp", column], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------- risks
def load_risks(data_dir) -> pd.DataFrame:
    risks = load_facts(data_dir, Table.RISKS, RISK_COLUMNS, ints=("score", "row"))
    risks["risk"] = risks["risk"].map(_fold)
    risks["rating"] = [_rating(r) for r in risks.itertuples()]
    return risks[risks["risk"] != ""]


def _rating(r) -> str:
    """The rating as the paper writes it ("C III", "12 (Amber)"); else likelihood and impact; else not rated."""
    if _fold(r.rating_raw):
        return _fold(r.rating_raw)
    if _fold(r.likelihood) or _fold(r.impact):
        return f"likelihood {_fold(r.likelihood) or '?'}, impact {_fold(r.impact) or '?'}"
    return "not rated" if pd.isna(r.score) else f"score {int(r.score)}"


def risks_by_rating(risks: pd.DataFrame) -> pd.DataFrame:
    """Per council and rating: the number of distinct risks and their names, highest score first."""
    rows = []
    for (council, rating), grp in risks.groupby(["council", "rating"], sort=False):
        names = list(dict.fromkeys(grp["risk"].map(lambda t: t.rstrip(". "))))
        scores = grp["score"].dropna()
        rows.append(
            {
                "council": council,
                "rating": rating,
                "n_risks": len(names),
                "names": names,
                "score": int(scores.max()) if len(scores) else None,
                "documents": grp["doc_id"].nunique(),
            }
        )
    out = pd.DataFrame(rows, columns=["council", "rating", "n_risks", "names", "score", "documents"])
    if out.empty:
        return out
    rank = {c: i for i, c in enumerate(_council_order(out["council"]))}
    out = out.assign(_c=out["council"].map(rank), _r=out["rating"] == "not rated", _s=out["score"].fillna(-1))
    out = out.sort_values(["_c", "_r", "_s", "rating"], ascending=[True, True, False, True])
    return out.drop(columns=["_c", "_r", "_s"]).reset_index(drop=True).astype({"score": "Int64"})


# ---------------------------------------------------------------- surveys
def load_surveys(data_dir) -> pd.DataFrame:
    s = load_facts(data_dir, Table.SURVEY_RESULTS, SURVEY_COLUMNS, ints=("respondents",))
    s["percent"] = pd.to_numeric(s["percent"]).astype("Float64")
    for col in ("survey", "question", "answer"):
        s[col] = s[col].map(_fold).replace("", NOT_STATED)
    return s


def survey_results(surveys: pd.DataFrame) -> pd.DataFrame:
    """One row per result, ordered by council, survey, question and document position."""
    cols = ["council", "survey", "respondents", "question", "answer", "percent"]
    if surveys.empty:
        return pd.DataFrame(columns=cols)
    rank = {c: i for i, c in enumerate(_council_order(surveys["council"]))}
    out = surveys.assign(_c=surveys["council"].map(rank)).sort_values(
        ["_c", "survey", "question", "source", "char_start"]
    )
    return out.drop(columns="_c").reset_index(drop=True)
