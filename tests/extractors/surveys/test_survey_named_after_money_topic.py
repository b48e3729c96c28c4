"""A survey named after a money topic ("budget survey") still reports answers. Texts are invented."""

from __future__ import annotations

from extractors.surveys import extract
from pipeline.normalise import document_from_text


def _answers(text: str):
    return [(r.percent, r.answer) for r in extract(document_from_text(text))]


def test_an_option_in_a_budget_survey_named_in_the_same_sentence():
    text = "In the budget survey the option with most support (52% of respondents) was a 3% rise in rents.\n"
    assert _answers(text) == [(52.0, "a 3% rise in rents")]


def test_money_talk_in_the_clause_is_still_no_answer():
    text = "Residents survey 2025\n\n900 residents took part. The budget rose by 3%, and 12% of spending went on parks.\n"
    assert _answers(text) == []
