"""Survey results as real papers write them: counts with percentages, options named after the
percentage, runs of answers, sample sizes from headings and tables, and percentages that are
not results. Every excerpt is invented for these tests, in the genre of council papers."""

from __future__ import annotations

import pytest

from extractors.surveys import extract
from extractors.surveys.context import respondents_in
from pipeline.normalise import document_from_text


def results(text: str):
    doc = document_from_text(text)
    rows = extract(doc)
    for r in rows:
        assert doc.text[r.char_start : r.char_end] == r.evidence
    return rows


def answers(text: str) -> list[tuple[float, str | None]]:
    return [(r.percent, r.answer) for r in results(text)]


# ---------------------------------------------------------------- counts with percentages
COUNTED = """Parking consultation

A questionnaire went to every household on the estate. 300 people replied, a 41% response rate.
240 (80%) were in favour of the residents' parking scheme, 45 (15%) against and 15 (5%) were undecided
120 (40%) supported longer hours, 150 (50%) opposed them and 30 (10%) had no view.
"""


def test_counts_with_percentages_give_one_result_each():
    got = answers(COUNTED)
    assert got == [
        (80.0, "in favour of the residents' parking scheme"),
        (15.0, "against"),
        (5.0, "undecided"),
        (40.0, "supported longer hours"),
        (50.0, "opposed them"),
        (10.0, "had no view"),
    ]
    assert {r.respondents for r in results(COUNTED)} == {300}


def test_response_rate_before_a_counted_line_is_not_a_result_and_does_not_hide_it():
    assert 41.0 not in [p for p, _ in answers(COUNTED)]


def test_count_without_a_percentage_is_not_merged_into_the_previous_result():
    text = (
        "The residents' survey results show:\n\n"
        "64 per cent are satisfied with their area\n"
        "58 per cent think the council listens\n"
        "48 said they trust the council on planning, compared to 20 per cent who said the government\n"
        "55 per cent of respondents named litter as a concern\n"
    )
    got = dict(answers(text))
    assert got[58.0] == "the council listens"
    assert 48.0 not in got  # a count, not a percentage
    assert got[20.0] == "the government"
    assert "litter" in got[55.0]


def test_a_label_before_its_count_and_percentage_is_the_answer():
    text = "The residents' survey had 520 respondents. The top concerns were dog fouling 120 (35%), litter 80 (20%).\n"
    assert answers(text) == [(35.0, "dog fouling"), (20.0, "litter")]


def test_a_part_of_a_rise_is_not_a_result_but_a_part_of_a_result_is():
    text = "The residents' survey had 800 respondents. Most were positive, including 30% who were very satisfied.\n"
    assert answers(text) == [(30.0, "very satisfied")]


# ---------------------------------------------------------------- the option after its percentage
@pytest.mark.parametrize(
    "sentence,answer",
    [
        (
            "The option with most support (44% of respondents) was a freeze in parking charges.",
            "a freeze in parking charges",
        ),
        (
            "The second most popular choice (31%) was keeping the library open on Sundays.",
            "keeping the library open on Sundays",
        ),
    ],
)
def test_option_named_after_a_bracketed_percentage_is_the_answer(sentence, answer):
    text = (
        f"Budget consultation 2025\n\nWe received 900 responses to the budget consultation.\n\n{sentence}\n"
    )
    assert answers(text) == [(float(sentence.split("%")[0].split("(")[-1]), answer)]


def test_a_named_answer_before_its_bracketed_percentage_stays_the_answer():
    text = "In the residents' survey 500 people took part. Potholes (45%) were the top concern.\n"
    assert answers(text) == [(45.0, "Potholes")]


def test_a_rise_inside_an_option_is_part_of_the_answer_not_a_result():
    text = (
        "We received 2,000 responses to the budget consultation.\n\n"
        "The option which received most support (38% of respondents) was a 2% rise in the precept.\n"
    )
    assert answers(text) == [(38.0, "a 2% rise in the precept")]


# ---------------------------------------------------------------- runs of answers
def test_frequency_answers_beginning_less_or_more_than_are_kept_whole():
    text = (
        "Park users survey\n\n"
        "Of the 410 park users surveyed, 35% visit every day, 40% more than once a week "
        "and 25% less than once a month.\n"
    )
    assert answers(text) == [
        (35.0, "visit every day"),
        (40.0, "more than once a week"),
        (25.0, "less than once a month"),
    ]


def test_more_than_last_year_is_still_a_change():
    text = "In the residents' survey 700 people took part; 12% more than last year said they recycle.\n"
    assert answers(text) == []


@pytest.mark.parametrize(
    "phrase,answer",
    [
        ("62% of older residents felt safe after dark", "older residents felt safe after dark"),
        (
            "41% of disabled respondents said the bus stops were hard to reach",
            "disabled respondents said the bus stops were hard to reach",
        ),
    ],
)
def test_subgroup_answers_keep_the_subgroup(phrase, answer):
    text = f"The community safety survey had 1,100 respondents. {phrase}.\n"
    assert answers(text) == [(float(phrase.split("%")[0]), answer)]


@pytest.mark.parametrize("people", ["local residents", "all respondents", "young people"])
def test_the_whole_sample_is_not_a_subgroup(people):
    text = f"The community safety survey had 1,100 respondents. 70% of {people} felt safe in parks.\n"
    assert answers(text) == [(70.0, "safe in parks")]


# ---------------------------------------------------------------- sample sizes
@pytest.mark.parametrize(
    "passage,size",
    [
        ("Residents' Survey 2024\nTotal respondents: 940\n", 940),
        ("Base: 812 residents\n", 812),
        ("Of the 1,200 residents who replied, most were satisfied.", 1200),
        ("Satisfaction was high (n=356).", 356),
        ("In all, 2,140 questionnaires were completed.", 2140),
        ("The report covers the responses from 1,650 local people.", 1650),
        ("Two thousand residents took part in the telephone poll.", 2000),
        ("A total of 1,050 adults, weighted to match the district, were interviewed.", 1050),
    ],
)
def test_sample_size_forms(passage, size):
    assert respondents_in(passage) == size


def test_sample_drawn_gives_way_to_the_number_returned():
    text = "Questionnaires went to a random sample of 5,000 households and 1,320 were returned."
    assert respondents_in(text) == 1320
    assert respondents_in("Questionnaires went to a random sample of 5,000 households.") == 5000


def test_sample_size_from_a_table_heading_reaches_the_rows():
    text = (
        "Residents' Survey 2024\n\n"
        "Total respondents: 940\n\n"
        "How safe do you feel?\tVery or fairly safe\tUnsafe\n"
        "During the day\t91%\t4%\n"
        "After dark\t63%\t22%\n"
    )
    rows = results(text)
    assert [(r.percent, r.respondents) for r in rows] == [(91.0, 940), (4.0, 940), (63.0, 940), (22.0, 940)]
    assert {r.survey for r in rows} == {"Residents' Survey 2024"}


def test_question_base_counts_for_the_list_it_introduces():
    text = (
        "We received 2,400 responses to the budget consultation.\n\n"
        "2,310 (96%) of the 2,400 respondents chose a level of increase:\n\n"
        "  • 52% would prefer a 1% increase.\n"
        "  • 30% would prefer no increase.\n"
    )
    rows = [r for r in results(text) if r.percent in (52.0, 30.0)]
    assert [(r.percent, r.respondents) for r in rows] == [(52.0, 2310), (30.0, 2310)]


def test_benchmark_from_another_poll_has_no_sample_of_this_survey():
    text = (
        "Five hundred tenants replied to the landlord's postal survey. Sixty per cent of "
        "respondents said the repairs service is good, compared with 48 per cent nationally.\n"
    )
    rows = {r.percent: r for r in results(text)}
    assert rows[60.0].respondents == 500
    assert rows[48.0].respondents is None


# ---------------------------------------------------------------- not survey results
@pytest.mark.parametrize(
    "sentence",
    [
        "A random 10% of responses were coded twice to check consistency.",
        "Council Tax will rise by 4.99%, which includes 2% for adult social care.",
        "Satisfaction has increased by more than 3% since the previous survey.",
        "The response rate was 28%.",
        "Of calls to the contact centre, 87% were answered within the target time.",
    ],
)
def test_percentages_that_are_not_results(sentence):
    text = f"Residents' survey 2023\n\nThe residents' survey had 1,500 respondents. {sentence}\n"
    assert answers(text) == []
