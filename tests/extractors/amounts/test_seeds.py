"""Amounts extractor: seeds; properties; bids; compound place names; the paper's own partnership, any brand; coordinated recipients; PDF text: wraps and indentation; sentence ends; funds, units, governments, mayors; itemised lists; recipients in lower case; recipient not stated."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import amounts
from extractors.amounts.grants import names
from extractors.amounts.money import find_money
from extractors.common.nlp import nlp
from pipeline.normalise import document_from_text
from tests.extractors.amounts.helpers import FIXTURES, SEEDS, _amounts, _one


# ---------------------------------------------------------------- seeds
def _gold_pairs():
    for seed in SEEDS:
        gold = json.loads((FIXTURES / "gold" / (seed.stem + ".json")).read_text())
        yield seed, gold.get("amounts", [])


@pytest.mark.parametrize(("seed", "gold"), list(_gold_pairs()), ids=[s.stem for s in SEEDS])
def test_seed_amounts_and_grants_match_gold(seed, gold):
    rows = amounts.extract(document_from_text(seed.read_text()))
    assert sorted(r.value_gbp for r in rows) == sorted(float(g["value_gbp"]) for g in gold)
    for g in gold:
        if g.get("optional_grant"):
            continue
        row = next(r for r in rows if r.value_gbp == g["value_gbp"])
        assert row.is_grant == g["is_grant"], row
        if g["is_grant"]:
            assert (row.fiscal_year, row.funder, row.recipient) == (
                g["fiscal_year"],
                g["funder"],
                g["recipient"],
            )
        if g.get("value_gbp_max"):
            assert row.value_gbp_max == g["value_gbp_max"]


# ---------------------------------------------------------------- properties
_FRAGMENTS = st.sampled_from(
    [
        "£",
        "£1",
        "£1.3m",
        "£26million",
        "£ 9",
        "£9.5 to £13 billion",
        "50p",
        "pence",
        "pounds",
        "GBP",
        "bn",
        "million",
        "(PCC)",
        "grant",
        "allocated to",
        "Eastmere CSP",
        "2024-25",
        "2013/14",
        " ",
        "\n",
        "\n\n",
        "\t",
        ",",
        ".",
        "(",
        ")",
        "-",
        "to",
        "and",
        "between",
        "0",
        "000",
        "£000",
        "The Commissioner",
        " will receive ",
        "8.1 ",
        "• ",
        "k",
        "m",
        "'s",
        "£,",
        "£.5",
        "    ",
        "\n    • ",
        "\n      ",
        "following grants:",
        "Fund",
        "to the district councils",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_FRAGMENTS, max_size=30).map("".join), st.text(max_size=200)))
def test_extractor_never_raises_and_each_span_holds_its_amount(raw_text):
    doc = document_from_text(raw_text)
    for row in amounts.extract(doc):
        assert row.value_gbp >= 0
        assert row.value_gbp_max is None or row.value_gbp_max > row.value_gbp
        assert doc.text[row.char_start : row.char_end] == row.raw
        if not row.raw.replace(",", "").replace(".", "").isdigit():  # a figure in a £ column
            reparsed = find_money(row.raw)
            assert reparsed and float(reparsed[0].value) == row.value_gbp


# ---------------------------------------------------------------- bids
@pytest.mark.parametrize(
    ("text", "funder", "recipient"),
    [
        (
            "Our application to the Youth Justice Board succeeded and we will receive £64,000 over two years.",
            "Youth Justice Board",
            None,  # "we": the paper's own body, not named
        ),
        (
            "Lowbridge Borough Council submitted a bid to the Ministry of Justice and has been "
            "awarded £27,500 for 2026/27.",
            "Ministry of Justice",
            "Lowbridge Borough Council",
        ),
        (
            "After a bid to the Department for Transport, the Partnership obtained £18,200.",
            "Department for Transport",
            "Partnership",
        ),
        (
            "Following Eastmere CSP's bid to the Commissioner, a grant of £9,750 was confirmed.",
            "Commissioner",
            "Eastmere CSP",
        ),
    ],
)
def test_the_body_a_bid_goes_to_is_the_funder_and_the_bidder_receives(text, funder, recipient):
    row = _one(text)
    assert row.is_grant
    assert (row.funder, row.recipient) == (funder, recipient)


def test_an_amount_bid_to_a_funder_never_makes_the_funder_the_recipient():
    row = _one("The Council sent a £140,000 bid to the Home Office in May.")
    assert row.funder == "Home Office"
    assert row.recipient != "Home Office"


# ---------------------------------------------------------------- compound place names
@pytest.mark.parametrize(
    "body",
    [
        "Marsh-on-Sea Borough Council",
        "Upton-under-Hill District Council",
        "Aldbury-upon-Wye Town Council",
        "Norton-super-Mere Town Council",
        "Chapel-en-le-Dale Parish Council",
        "Kingsford upon Avon City Council",
        "Eastmere and Lowbridge Council",
        "Westmere and North East Fenshire Council",
    ],
)
def test_compound_and_joined_place_names_stay_whole(body):
    row = _one(f"{body} has received £31,000 from the Home Office.")
    assert (row.funder, row.recipient) == ("Home Office", body)
    row = _one(f"The Commissioner has awarded £4,400 to {body}.")
    assert row.recipient == body


def test_hyphenated_words_that_are_not_places_do_not_join_names():
    sent = nlp()("Eastmere Council runs anti-social behaviour patrols and Kingsford-based projects.")[:]
    assert [sent[s:e].text for s, e in names.name_runs(sent)] == ["Eastmere Council", "Kingsford"]


# ---------------------------------------------------------------- the paper's own partnership, any brand
@pytest.mark.parametrize(
    ("intro", "partnership"),
    [
        (
            "The Safer Lowbridge Partnership (SLP) sets the plan. The SLP meets monthly.",
            "Safer Lowbridge Partnership",
        ),
        ("Members of the Safe in the Town Partnership met in March.", "Safe in the Town Partnership"),
        ("Eastmere Community Safety Partnership reviewed its plan.", "Eastmere Community Safety Partnership"),
        ("Westmere CSP reviewed its plan. Westmere CSP agreed it.", "Westmere Community Safety Partnership"),
        (
            "Lowbridge Council and Safer Westmere Partnership met. Safer Westmere Partnership agreed.",
            "Safer Westmere Partnership",
        ),
    ],
)
def test_the_partnership_means_the_partnership_the_paper_names_whatever_its_brand(intro, partnership):
    text = f"{intro}\n\nThe Partnership has been awarded £13,600 by the Commissioner for 2026/27."
    row = _one(text)
    assert (row.funder, row.recipient) == ("Commissioner", partnership)


def test_a_partnership_defined_with_an_abbreviation_beats_one_mentioned_more():
    text = (
        "The Westmere Health Partnership met. The Westmere Health Partnership noted the Safer "
        "Eastmere Partnership (SEP) plan. The Westmere Health Partnership agreed.\n\n"
        "The Partnership will receive £5,500 from the Commissioner."
    )
    assert _one(text).recipient == "Safer Eastmere Partnership"


def test_a_kind_of_partnership_is_not_the_papers_own_partnership():
    text = (
        "Every area has a Community Safety Partnership (CSP).\n\n"
        "The Partnership will receive £5,500 from the Commissioner."
    )
    assert _one(text).recipient == "Partnership"


# ---------------------------------------------------------------- coordinated recipients
@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "Lowbridge Council and Westmere Council each received £3,250 from the Commissioner.",
            "Lowbridge Council and Westmere Council",
        ),
        (
            "Youth Clubs and Street Angels were both awarded £1,800 for 2025/26.",
            "Youth Clubs and Street Angels",
        ),
        (
            "Eastmere CSP, Westmere CSP and Lowbridge CSP will each receive £2,000.",
            "Eastmere CSP, Westmere CSP and Lowbridge CSP",
        ),
    ],
)
def test_bodies_that_each_receive_an_amount_are_its_recipients(text, recipient):
    row = _one(text)
    assert row.is_grant and row.recipient == recipient


def test_a_funder_named_before_a_comma_is_not_coordinated_with_the_recipient():
    row = _one("After a review by the Home Office, Lowbridge Council received £9,100.")
    assert (row.funder, row.recipient) == ("Home Office", "Lowbridge Council")


# ---------------------------------------------------------------- PDF text: wraps and indentation
@pytest.mark.parametrize(
    ("text", "funder", "recipient"),
    [
        (
            "The scheme is paid for by the Department\nfor Transport, which has awarded £52,000 for 2025-26.",
            "Department for Transport",
            None,
        ),
        (
            "4.2 The North Fenshire Police, Fire and Crime\n    Commissioner has awarded £27,000 to Westmere\n"
            "    CSP for 2023/24.",
            "North Fenshire Police, Fire and Crime Commissioner",
            "Westmere CSP",
        ),
        (
            "The Commissioner has allocated £18,500 to the Lowbridge\n  Community Safety Partnership.",
            "Commissioner",
            "Lowbridge Community Safety Partnership",
        ),
    ],
)
def test_a_line_wrap_and_its_indentation_do_not_cut_a_name(text, funder, recipient):
    row = _one(text)
    assert row.is_grant
    assert (row.funder, row.recipient) == (funder, recipient)


def test_indented_lines_keep_spans_and_read_like_unindented_ones():
    flat = "The Commissioner has awarded £6,200 to Eastmere CSP for 2026/27."
    indented = "      The Commissioner has awarded £6,200 to\n          Eastmere CSP for 2026/27."
    doc = document_from_text(indented)
    (row,) = amounts.extract(doc)
    assert doc.text[row.char_start : row.char_end] == "£6,200"
    expected = _one(flat)
    assert (row.funder, row.recipient, row.fiscal_year) == (
        expected.funder,
        expected.recipient,
        expected.fiscal_year,
    )


def test_a_sentence_broken_by_a_page_break_stays_one_sentence():
    row = _one("The Commissioner has awarded £16,000 to the two\n\ndistrict councils for 2023-24.")
    assert (row.recipient, row.fiscal_year) == ("two district councils", "2023-24")


# ---------------------------------------------------------------- sentence ends
def test_a_name_never_runs_over_a_sentence_end():
    text = "The Council received £9,000 of PCC Funding. The Council will report on its use."
    assert _one(text).recipient == "Council"
    text = "In 2024/25 Westmere CSP received £9,000 of Home Office\nFunding. The Council will report."
    row = _one(text)
    assert (row.funder, row.recipient) == ("Home Office", "Westmere CSP")


def test_the_papers_own_council_is_not_read_across_a_sentence_end():
    text = (
        "Grants came from PCC Funding. The Council thanks St. Albans Council.\n\nThe Council received £7,000."
    )
    assert _one(text).recipient == "St. Albans Council"


# ---------------------------------------------------------------- funds, units, governments, mayors
@pytest.mark.parametrize(
    ("text", "funder", "scheme"),
    [
        ("Westmere CSP was awarded £64,000 by the Youth Endowment Fund.", "Youth Endowment Fund", None),
        (
            "Westmere CSP received £45,500 from the National Lottery Community Fund.",
            "National Lottery Community Fund",
            None,
        ),
        ("Westmere CSP received £30,000 from the Safer Streets Fund.", None, "Safer Streets Fund"),
        (
            "Westmere CSP received £30,000 from the Home Office's Safer Streets Fund.",
            "Home Office",
            "Safer Streets Fund",
        ),
        (
            "Westmere CSP received £30,000 from the Home Office Safer Streets Fund.",
            "Home Office",
            "Safer Streets Fund",
        ),
        (
            "Westmere CSP received £210,000 from the West Fenshire Violence Reduction Unit.",
            "West Fenshire Violence Reduction Unit",
            None,
        ),
        ("The Scottish Government has committed £96,000 to Westmere CSP.", "Scottish Government", None),
        (
            "The Mayor of West Fenshire has allocated £120,000 to Westmere CSP.",
            "Mayor of West Fenshire",
            None,
        ),
        (
            "The Mayor's Office for Policing and Crime (MOPAC) has awarded £85,000 to Westmere CSP.",
            "Mayor's Office for Policing and Crime",
            None,
        ),
    ],
)
def test_funds_units_governments_and_mayors_as_funders(text, funder, scheme):
    row = _one(text)
    assert row.is_grant and row.recipient == "Westmere CSP"
    assert (row.funder, row.scheme) == (funder, scheme)


def test_an_office_abbreviation_spelt_with_and_expands():
    text = "The Mayor's Office for Policing and Crime (MOPAC) sets the plan. MOPAC has awarded £8,000 to Westmere CSP."
    assert _one(text).funder == "Mayor's Office for Policing and Crime"


# ---------------------------------------------------------------- itemised lists
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("indent", ["", "   "])
def test_list_items_take_funder_recipient_and_year_from_the_lead_in(gap, indent):
    text = (
        "The Department for Education has confirmed the following grants for 2025-26 to the county\n"
        f"youth partnership:{gap}{indent}• Early help element: £620,000{gap}{indent}• Holiday activities element: £85,000"
    )
    rows = _amounts(text)
    assert [(r.is_grant, r.funder, r.recipient, r.fiscal_year) for r in rows] == [
        (True, "Department for Education", "county youth partnership", "2025-26")
    ] * 2


def test_list_items_labelled_with_bodies_under_a_heading_are_grants_to_them():
    text = "Commissioner's grants 2022-23\n\n• Eastmere CSP: £14,000\n• Westmere CSP: £11,500"
    rows = _amounts(text)
    assert [(r.is_grant, r.funder, r.recipient, r.fiscal_year) for r in rows] == [
        (True, "Commissioner", "Eastmere CSP", "2022-23"),
        (True, "Commissioner", "Westmere CSP", "2022-23"),
    ]


def test_nested_list_items_read_every_lead_in_above_them():
    text = (
        "The Council has secured the following grants:\n    • from the Home Office:\n"
        "        • Safer Streets Fund: £250,000 for 2023-24\n    • from the Police and Crime Commissioner:\n"
        "        • Community Safety Fund: £35,000"
    )
    first, second = _amounts(text)
    assert (first.is_grant, first.funder, first.scheme, first.fiscal_year) == (
        True,
        "Home Office",
        "Safer Streets Fund",
        "2023-24",
    )
    assert (second.is_grant, second.funder, second.scheme) == (
        True,
        "Police and Crime Commissioner",
        "Community Safety Fund",
    )


def test_a_list_after_a_finished_paragraph_takes_nothing_from_it():
    text = "The Commissioner has awarded grants to every partnership.\n\n• Eastmere CSP: £14,000"
    assert not _one(text).is_grant


# ---------------------------------------------------------------- recipients in lower case
@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "The Commissioner has awarded £9,000 to each of the four borough councils.",
            "each of the four borough councils",
        ),
        (
            "The Home Office has allocated £3m to local authorities across the county.",
            "local authorities across the county",
        ),
        ("The Commissioner has provided £61,000 for the youth offending service.", "youth offending service"),
        ("The Welsh Government has allocated £2.2m to the regional partnership.", "regional partnership"),
        (
            "The Commissioner has awarded £7,000 to the Westmere domestic abuse service.",
            "Westmere domestic abuse service",
        ),
    ],
)
def test_recipients_named_in_lower_case_are_kept_as_written(text, recipient):
    row = _one(text)
    assert row.is_grant and row.recipient == recipient


@pytest.mark.parametrize(
    "text",
    [
        "Funding of £20,000 was provided to support the youth service.",
        "£15,000 has been set aside for the community safety team.",
        "£5m has been allocated to road resurfacing.",
    ],
)
def test_an_infinitive_or_a_thing_after_to_is_not_a_recipient(text):
    row = _one(text)
    assert not row.is_grant and row.recipient is None


def test_a_district_council_in_lower_case_resolves_to_the_papers_own():
    text = (
        "Report of Westmere District Council\n\nThe Commissioner has awarded £4,000 to the district council."
    )
    assert _one(text).recipient == "Westmere District Council"


# ---------------------------------------------------------------- recipient not stated
@pytest.mark.parametrize(
    "text",
    [
        "Westmere Community Safety Partnership met in June.\n\n£240,000 was secured from the Home Office for CCTV.",
        "The Westmere Community Safety Partnership met in June and agreed its plan. In 2022, £240,000 was "
        "secured from the Home Office for CCTV.",
    ],
)
def test_a_grant_whose_recipient_is_not_stated_has_none(text):
    row = _one(text)
    assert (row.is_grant, row.funder, row.recipient) == (True, "Home Office", None)
