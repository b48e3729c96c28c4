"""Typed records the extractors return: one frozen dataclass per fact table.

Each record carries its evidence span (`char_start`, `char_end`) into the document's
normalised text. The columns every fact table shares (`doc_id`, `council`,
`meeting_date`, `page`) are filled in by the pipeline, not by extractors, so an
extractor stays a pure function of the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.names import Table


@dataclass(frozen=True)
class Priority:
    char_start: int
    char_end: int
    text: str
    kind: str = "priority"  # "priority" | "cross_cutting_theme"
    rank: int | None = None
    plan: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    theme: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class LegislationMention:
    char_start: int
    char_end: int
    mention: str
    title: str
    year: int | None = None
    kind: str = "act"  # "act" | "si" | "bill" | "eu" | "welsh_act"
    provision: str | None = None
    legislation_id: str | None = None


@dataclass(frozen=True)
class Risk:
    char_start: int
    char_end: int
    risk: str
    row: int | None = None
    description: str | None = None
    mitigation: str | None = None
    rating_raw: str | None = None
    likelihood: str | None = None
    impact: str | None = None
    likelihood_label: str | None = None
    impact_label: str | None = None
    score: int | None = None


@dataclass(frozen=True)
class Amount:
    char_start: int
    char_end: int
    raw: str
    value_gbp: float
    value_gbp_max: float | None = None
    is_grant: bool = False
    fiscal_year: str | None = None
    funder: str | None = None
    recipient: str | None = None
    scheme: str | None = None


@dataclass(frozen=True)
class SurveyResult:
    char_start: int
    char_end: int
    percent: float
    evidence: str
    survey: str | None = None
    respondents: int | None = None
    question: str | None = None
    answer: str | None = None


# Which record type feeds which fact table.
RECORD_TABLES: dict[type, Table] = {
    Priority: Table.PRIORITIES,
    LegislationMention: Table.LEGISLATION,
    Risk: Table.RISKS,
    Amount: Table.AMOUNTS,
    SurveyResult: Table.SURVEY_RESULTS,
}
