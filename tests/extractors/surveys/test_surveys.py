"""Surveys extractor: survey context; percentage forms; not survey results; seed regression; properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.surveys import extract
from extractors.surveys.text import find_percents
from pipeline.normalise import document_from_text
from tests.extractors.surveys.helpers import FIXTURES, by_percent, results

# ---------------------------------------------------------------- survey context
BULLETED = """4. Consultation

4.2. A telephone survey was carried out in March - 1,015 respondents completed the survey.

4.3. The three issues residents most wanted the council to tackle were:

• Potholes and road repairs (64%)
• Speeding vehicles (52%)
• Dog fouling (31%)

5. Financial implications

5.1 The cost of the survey was met from existing budgets; 5% of the engagement budget was used.
"""


def test_surveys_take_list_items_with_bracketed_percentages():
    rows = results(BULLETED)
    assert [(r.percent, r.answer) for r in rows] == [
        (64.0, "Potholes and road repairs"),
        (52.0, "Speeding vehicles"),
        (31.0, "Dog fouling"),
    ]


def test_surveys_name_the_survey_and_carry_its_respondents_to_later_paragraphs():
    for r in results(BULLETED):
        assert r.survey == "telephone survey"
        assert r.respondents == 1015


def test_surveys_take_the_list_introduction_as_the_question():
    row = results(BULLETED)[0]
    assert row.question == "three issues residents most wanted the council to tackle"


def test_surveys_evidence_is_the_list_item():
    assert [r.evidence for r in results(BULLETED)][1] == "Speeding vehicles (52%)"


def test_surveys_passage_ends_at_the_next_numbered_section():
    assert 5.0 not in by_percent(BULLETED)


@pytest.mark.parametrize(
    ("sentence", "respondents"),
    [
        ("The Residents' Survey was completed by 2,204 people; 71% said they were satisfied.", 2204),
        ("A sample of 1,000 residents took part in the residents' survey and 71% were satisfied.", 1000),
        ("In the Citizens' Panel survey (n=640) 71% said they were satisfied with the area.", 640),
        ("The budget consultation received 1,312 responses and 71% agreed with the proposals.", 1312),
        ("Some 388 people responded to the online questionnaire; 71% supported the scheme.", 388),
    ],
)
def test_surveys_read_the_sample_size_in_its_usual_forms(sentence, respondents):
    row = by_percent(sentence)[71.0]
    assert row.respondents == respondents


@pytest.mark.parametrize(
    ("sentence", "survey"),
    [
        (
            "In summary for the Tenants' Panel Q3 results - 210 respondents completed it; 64% were satisfied.",
            "Tenants' Panel Q3",
        ),
        (
            "The Residents' Survey 2024 found that 64% of residents were satisfied with the council.",
            "Residents' Survey 2024",
        ),
        ("An online poll of 900 adults showed 64% support the new parking scheme.", "online poll"),
        (
            "The Kent Crime and Victimisation Survey results show 64% of people feel safe after dark.",
            "Kent Crime and Victimisation Survey",
        ),
    ],
)
def test_surveys_keep_the_survey_name_as_written(sentence, survey):
    assert by_percent(sentence)[64.0].survey == survey


def test_surveys_a_newly_named_survey_starts_a_new_sample():
    text = """6.1 In the spring street survey 320 people took part; 58% said they felt safe at night.

6.2 The Youth Panel survey (n=85) found 41% of young people felt safe at night.
"""
    rows = by_percent(text)
    assert (rows[58.0].survey, rows[58.0].respondents) == ("spring street survey", 320)
    assert (rows[41.0].survey, rows[41.0].respondents) == ("Youth Panel survey", 85)


def test_surveys_passage_runs_on_past_sub_headings_between_results():
    text = """Residents' Survey 2024 results

1,506 residents were interviewed face to face.

Feeling safe

During the day, 91% of residents feel safe in their local area. After dark, 58% feel safe.

Anti-social behaviour

Very or fairly big problem: 34%
Not a problem at all: 26%
"""
    rows = by_percent(text)
    assert sorted(rows) == [26.0, 34.0, 58.0, 91.0]
    assert rows[34.0].answer == "Very or fairly big problem"
    assert rows[34.0].question == "Anti-social behaviour"
    assert rows[58.0].answer == "safe after dark"
    assert all(r.respondents == 1506 for r in rows.values())


def test_surveys_take_opinion_percentages_of_people_outside_a_survey_passage():
    rows = results("Overall, 62% of residents said they trust the council to act in their interests.")
    assert [(r.percent, r.answer, r.survey) for r in rows] == [
        (62.0, "trust the council to act in their interests", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected", "question"),
    [
        (
            "7.3 Residents were asked which issues mattered most:\n\n• Speeding (54%)\n• Litter (41%)\n",
            [(54.0, "Speeding"), (41.0, "Litter")],
            "which issues mattered most",
        ),
        (
            "When asked how they travel to work, 38% of commuters said they cycle.",
            [(38.0, "cycle")],
            "how they travel to work",
        ),
        (
            "Young people told us they avoid the park at night; 48% said it was badly lit.",
            [(48.0, "it was badly lit")],
            None,
        ),
        (
            "We asked local businesses what would help most: free parking (63%) and street cleaning (22%).",
            [(63.0, "free parking"), (22.0, "street cleaning")],
            "what would help most",
        ),
    ],
)
def test_surveys_take_results_introduced_by_people_being_asked(text, expected, question):
    rows = results(text)
    assert [(r.percent, r.answer) for r in rows] == expected
    assert all(r.survey is None and r.question == question for r in rows)


def test_surveys_do_not_treat_a_committee_being_asked_as_a_survey():
    text = """3.1 Members were asked to note the report.

3.2 Officers were asked to review progress; 85% of cases were closed on time.
"""
    assert results(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The staff survey had 412 responses. 70% of staff said they were proud to work here.",
        "70% of staff said they were proud to work here.",
        "The staff survey had 412 responses. 70% of employees felt proud to work here.",
    ],
)
def test_surveys_take_opinions_of_staff_like_anyone_elses(text):
    assert [r.percent for r in results(text)] == [70.0]


def test_surveys_still_drop_shares_of_staff_that_are_not_opinions():
    text = "The staff survey had 412 responses. 6% of staff were off sick in March."
    assert results(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Around 45% of visitors felt safe in the market square.", True),
        ("Around 45% felt safe in the market square.", False),  # no people named, no survey
        ("12% of victims reported the burglary to the police.", False),
        ("40% of tenants reported damp in their homes over the winter.", True),
    ],
)
def test_surveys_outside_a_passage_need_named_people_giving_a_view(text, found):
    assert bool(results(text)) == found


@pytest.mark.parametrize(
    "text",
    [
        "Overall satisfaction with the way the council runs things was 67% in the Place Survey.",
        "Overall satisfaction with the way the council runs things was 67%, according to the Place Survey.",
        "Overall satisfaction with the way the council runs things was 67% in the latest residents' survey.",
    ],
)
def test_surveys_answer_is_the_measure_when_the_words_after_only_cite_the_survey(text):
    assert by_percent(text)[67.0].answer == "Overall satisfaction with the way the council runs things"


# ---------------------------------------------------------------- percentage forms
@pytest.mark.parametrize(
    ("sentence", "percent", "answer"),
    [
        (
            "The consultation had 540 responses. 70 per cent of respondents agreed with the new hours.",
            70.0,
            "agreed with the new hours",
        ),
        (
            "The consultation had 540 responses. Seventy per cent of respondents agreed with the new hours.",
            70.0,
            "agreed with the new hours",
        ),
        (
            "The consultation had 540 responses. Sixty-two percent wanted later opening.",
            62.0,
            "wanted later opening",
        ),
        ("The survey had 540 responses. The biggest concern was fly-tipping (47%).", 47.0, "fly-tipping"),
        ("The survey had 540 responses. Satisfaction with parks was 83.5%.", 83.5, "Satisfaction with parks"),
        (
            "The survey had 540 responses. Over half (56%) of respondents said they used the library.",
            56.0,
            "used the library",
        ),
    ],
)
def test_surveys_read_each_percentage_form(sentence, percent, answer):
    assert by_percent(sentence)[percent].answer == answer


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "The consultation had 540 responses. Sixty-one per cent backed the plan, with 30% against.",
            "Sixty-one per cent backed the plan, with 30% against.",
        ),
        (
            "The library survey had 210 responses and seventy\nper cent wanted Sunday opening.",
            "The library survey had 210 responses and seventy\nper cent wanted Sunday opening.",
        ),
        (
            "The panel survey had 90 responses.\n\n• Twenty-eight per cent of parents said term dates suit them.",
            "Twenty-eight per cent of parents said term dates suit them.",
        ),
    ],
)
def test_surveys_keep_the_whole_sentence_as_evidence_for_number_words(text, evidence):
    rows = results(text)
    assert rows and all(r.evidence == evidence for r in rows)


def test_surveys_list_introduction_is_split_like_the_results_are():
    text = """The survey had 310 responses. The top concerns of parents (e.g. Those with children under five) were:

• Cost of childcare (71%)
"""
    assert results(text)[0].question == "top concerns of parents (e.g. Those with children under five)"


def test_surveys_split_a_sentence_with_several_percentages_into_answers():
    text = (
        "In the autumn survey 244 respondents took part; 74% feel very safe/fairly safe in the town "
        "centre during the day with only 11% feeling very unsafe/fairly unsafe; 31% felt very safe/"
        "fairly safe in the town centre after dark with 47% feeling very unsafe/fairly unsafe."
    )
    rows = by_percent(text)
    assert rows[74.0].answer == "very safe/fairly safe in the town centre during the day"
    assert rows[11.0].answer == "very unsafe/fairly unsafe"
    assert rows[31.0].answer == "very safe/fairly safe in the town centre after dark"
    assert rows[47.0].answer == "very unsafe/fairly unsafe"
    assert {r.evidence for r in rows.values()} == {text}


def test_surveys_take_percentages_that_open_a_list_item():
    text = """The online survey had 230 respondents:

• 66% feeling very safe/fairly safe in their neighbourhood.
• 19% feeling very unsafe/fairly unsafe.
"""
    rows = by_percent(text)
    assert rows[66.0].answer == "very safe/fairly safe in their neighbourhood"
    assert rows[19.0].answer == "very unsafe/fairly unsafe"


def test_surveys_read_table_cells_under_answer_option_headers():
    text = """Community Safety Survey results

Statement\tAgree\tDisagree
The police deal with local concerns\t41%\t33%
"""
    rows = by_percent(text)
    assert (rows[41.0].answer, rows[41.0].question) == ("Agree", "The police deal with local concerns")
    assert rows[33.0].answer == "Disagree"
    assert rows[41.0].evidence == "The police deal with local concerns\t41%\t33%"


def test_surveys_read_unbulleted_label_lines_after_an_introduction():
    text = """The 2023 tenants' satisfaction survey shows:
Overall satisfaction with the landlord 81%
Satisfaction with repairs 72%
"""
    rows = by_percent(text)
    assert rows[72.0].answer == "Satisfaction with repairs"
    assert rows[72.0].evidence == "Satisfaction with repairs 72%"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            (
                "The residents' survey (n=900) asked whether the council keeps residents informed. "
                "In reply 48% said it did."
            ),
            "whether the council keeps residents informed",
        ),
        (
            'The Citizens\' Panel was asked "How satisfied are you with parks?" 85% were satisfied.',
            "How satisfied are you with parks",
        ),
    ],
)
def test_surveys_take_the_question_asked(text, question):
    rows = results(text)
    assert rows and all(r.question == question for r in rows)


# ---------------------------------------------------------------- not survey results
NOT_RESULTS = [
    # A staffing rate raised in committee discussion.
    "3.4 Members asked what was being done to raise the staffing rate of 68% in the service.",
    # A crime share.
    "Domestic abuse makes up a fifth of all crime and over 70% of all crimes involving violence.",
    # Performance against target in a plan.
    "The target of 79.3% satisfaction was set, and in January this stood at 85.3%.",
    # A tax rise inside a consultation section.
    "7.1 The budget consultation is open. 7.2 Council tax will rise by 4.99% from April.",
    # A budget share inside a survey passage.
    "The residents' survey results are in. 15% of the budget goes on waste collection.",
    # A response rate.
    "The survey was sent to 5,000 households and the response rate to the survey was 31%.",
    # A crime change following a survey mention.
    "The Crime Survey found fear of crime is stable. Recorded crime rose by 3.4% this year.",
    # A reduction reported in a consultation section.
    "5.2 Residents were consulted on the plan. 5.3 Fly-tipping saw a 10.4% reduction in the year.",
    # A share of the population from the census.
    "Census 2021 shows that 85% of residents were born in the UK.",
    # The Police and Crime Panel is not a survey panel.
    "The Police and Crime Panel agreed the precept increase of 2.9% for the coming year.",
]


@pytest.mark.parametrize("text", NOT_RESULTS)
def test_surveys_reject_percentages_that_are_not_survey_results(text):
    assert results(text) == []


def test_surveys_reject_target_tables_that_cite_a_survey():
    text = """Indicator\tTarget\tActual
Residents satisfied with the area (Residents' Survey)\t80%\t76%
Calls answered within 20 seconds\t90%\t93%
"""
    assert results(text) == []


def test_surveys_keep_survey_answers_but_drop_the_target_beside_them():
    text = "The staff survey had 312 responses. 67% said they felt valued, against a target of 75%."
    assert [r.percent for r in results(text)] == [67.0]


def test_surveys_find_nothing_in_a_plan_that_mentions_surveys_without_results():
    text = """Consultation

We consult with residents at community meetings and will also use targeted surveys to
inform our thinking.

Performance

Anti-social behaviour fell by 12% and we achieved 95% attendance at community meetings.
The re-offending rate was 9.1% against a target of 8.9%.
"""
    assert results(text) == []


# ---------------------------------------------------------------- seed regression
@pytest.mark.parametrize("stem", ["001_ce912f5f2341e24b"])
def test_surveys_reproduce_the_gold_percentages_of_the_survey_seed(stem):
    gold = json.loads((FIXTURES / "gold" / f"{stem}.json").read_text())
    rows = results((FIXTURES / "seeds" / f"{stem}.txt").read_text())
    assert sorted(r.percent for r in rows) == sorted(float(g["percent"]) for g in gold["survey_results"])
    assert {r.respondents for r in rows} == {g["respondents"] for g in gold["survey_results"]}
    assert not any("staffing" in r.evidence for r in rows)


@pytest.mark.parametrize(
    "stem", ["000_aacef7b39bd9dd07", "002_c26bdb524856306b", "003_dc372c86c311773d", "004_7481a30d45060fd7"]
)
def test_surveys_find_nothing_in_seeds_without_survey_results(stem):
    assert results((FIXTURES / "seeds" / f"{stem}.txt").read_text()) == []


# ---------------------------------------------------------------- properties
FRAGMENTS = [
    "survey",
    "Residents' Survey 2024",
    "consultation",
    "Citizens' Panel",
    "107 respondents",
    "n=192",
    "respondents",
    "said",
    "felt",
    "(79%)",
    "70%",
    "70 per cent",
    "seventy per cent",
    "100%",
    "0%",
    "10.5%",
    "a reduction of 5%",
    "target",
    "\n",
    "\n\n",
    "\t",
    "• ",
    "7.3. ",
    "8 Financial implications\n",
    ":",
    ";",
    ".",
    ",",
    "?",
    "(",
    ")",
    "%",
    "per cent",
    "The top issues were:\n",
    "£5m",
    "n = ",
    "1,000",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40))
def test_surveys_never_raise_and_spans_hold_their_percentage(parts):
    text = " ".join(parts)
    doc = document_from_text(text)
    for r in extract(doc):
        assert 0 <= r.percent <= 100
        assert doc.text[r.char_start : r.char_end] == r.evidence
        assert any(p.value == r.percent for p in find_percents(r.evidence))


@pytest.mark.parametrize(
    "sentence, n",
    [
        ("The Residents' Survey (2,310 residents interviewed by telephone) found that 64% feel safe.", 2310),
        ("The survey was carried out face to face with 812 residents. 71% said they feel safe.", 812),
        ("Officers spoke to 140 young people at youth clubs; 38% said they had seen knives.", 140),
    ],
)
def test_sample_size_from_interviews_and_face_to_face_surveys(sentence, n):
    from extractors.surveys import extract as extract_surveys

    rows = extract_surveys(document_from_text(sentence))
    assert rows and {r.respondents for r in rows} == {n}
