"""Money amounts and grants: forms, exact values, grant detection and grant context."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import amounts
from extractors.amounts.grants import names
from extractors.amounts.grants.names import Abbreviations
from extractors.amounts.money import find_money, fiscal_years
from extractors.common.nlp import nlp
from schemas.document import Document, Table, document_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def _amounts(text: str):
    return amounts.extract(document_from_text(text))


def _one(text: str):
    found = _amounts(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- money forms
MONEY_FORMS = [
    # (sentence, raw, value, value_max)
    ("The scheme costs £48,250 a year.", "£48,250", 48250, None),
    ("A sum of £2.7m was agreed.", "£2.7m", 2_700_000, None),
    ("Investment of £14million is planned.", "£14million", 14_000_000, None),
    ("Some £420 million was spent.", "£420 million", 420_000_000, None),
    ("Losses reached £3 billion.", "£3 billion", 3_000_000_000, None),
    ("The programme is worth £2.4bn nationally.", "£2.4bn", 2_400_000_000, None),
    ("A £60k saving was found.", "£60k", 60_000, None),
    ("Tickets cost £12 each.", "£12", 12, None),
    ("A charge of 45p per bag applies.", "45p", 0.45, None),
    ("The levy is 20 pence a unit.", "20 pence", 0.2, None),
    ("The contract is worth GBP 7,500 in total.", "GBP 7,500", 7500, None),
    ("They raised 3,000 pounds for the charity.", "3,000 pounds", 3000, None),
    ("The cost is £4.5 to £6 billion per year.", "£4.5 to £6 billion", 4_500_000_000, 6_000_000_000),
    ("Of this, £2 to £3 billion a year is avoidable.", "£2 to £3 billion", 2_000_000_000, 3_000_000_000),
    ("The deficit was (£4,100) at year end.", "£4,100", 4100, None),
    ("Each fine is £1,000.50 in full.", "£1,000.50", 1000.5, None),
    ("The fee rose to £0.75 per visit.", "£0.75", 0.75, None),
    ("A budget of £1,250,000 was set.", "£1,250,000", 1_250_000, None),
    ("A budget of £3.25M was set.", "£3.25M", 3_250_000, None),
    ("Spend of £5-7m is expected.", "£5-7m", 5_000_000, 7_000_000),
    ("Spend of £100k-£150k is expected.", "£100k-£150k", 100_000, 150_000),
    ("It will cost between £2m and £4m to run.", "£2m and £4m", 2_000_000, 4_000_000),
    ("A total of £ 850 was refunded.", "£ 850", 850, None),
    ("Savings of £1.5 bn were claimed.", "£1.5 bn", 1_500_000_000, None),
    ("Reserves stood at 2 million pounds.", "2 million pounds", 2_000_000, None),
    ("The charge was GBP12.50 in 2020.", "GBP12.50", 12.5, None),
    ("A fund of £7.5 thousand exists.", "£7.5 thousand", 7500, None),
    ("The cost was £650\nmillion over ten years.", "£650\nmillion", 650_000_000, None),
]


@pytest.mark.parametrize(("sentence", "raw", "value", "value_max"), MONEY_FORMS)
def test_money_form_parses_to_exact_value_and_span(sentence, raw, value, value_max):
    doc = document_from_text(sentence)
    (row,) = amounts.extract(doc)
    assert row.raw == raw
    assert doc.text[row.char_start : row.char_end] == raw
    assert row.value_gbp == pytest.approx(value, abs=1e-9)
    assert row.value_gbp_max == (None if value_max is None else pytest.approx(value_max))


def test_money_values_are_exact_decimals():
    assert find_money("£1.3m")[0].value == Decimal(1300000)
    assert find_money("£0.1bn")[0].value == Decimal(100000000)
    assert float(find_money("£1.15m")[0].value) == 1_150_000.0


@pytest.mark.parametrize(
    "text",
    [
        "Figures are in £000 unless stated.",
        "Budget £'000 by service.",
        "The meeting starts at 5pm.",
        "See table 2.3 and paragraph 14.",
        "In 2024-25 the rate was 12%.",
        "Costs were $4,000 and €300.",
    ],
)
def test_text_without_sterling_amounts_yields_no_rows(text):
    assert _amounts(text) == []


def test_range_keeps_low_end_unscaled_when_scaling_would_invert_it():
    row = _one("Grants range from £500 to £1 million.")
    assert (row.value_gbp, row.value_gbp_max) == (500, 1_000_000)


def test_descending_pair_is_two_amounts_not_a_range():
    assert [r.value_gbp for r in _amounts("It fell from £10m to £5m.")] == [10_000_000, 5_000_000]


def test_several_amounts_in_one_sentence_each_get_a_row():
    rows = _amounts("Items cost £5, £12.50 and £1.2m respectively.")
    assert [r.raw for r in rows] == ["£5", "£12.50", "£1.2m"]


# ---------------------------------------------------------------- tables
def test_bare_figures_in_a_money_column_are_amounts_in_its_unit():
    text = "Service\tBudget 2025/26 £000\tNotes\nYouth work\t1,240\tnone\nCCTV\t(35)\tcut\n"
    rows = _amounts(text)
    assert [(r.raw, r.value_gbp) for r in rows] == [("1,240", 1_240_000), ("35", 35_000)]
    assert {r.fiscal_year for r in rows} == {"2025-26"}


def test_grant_table_row_label_gives_the_recipient():
    text = "Body\tGrant allocation 2025/26\nSevenoaks CSP\t£41,000\nTonbridge CSP\t£38,500\n"
    rows = _amounts(text)
    assert [(r.is_grant, r.recipient, r.fiscal_year) for r in rows] == [
        (True, "Sevenoaks CSP", "2025-26"),
        (True, "Tonbridge CSP", "2025-26"),
    ]


def test_pdf_table_cells_give_header_and_row_label_context():
    text = "Allocations\nArea Award 2022/23\nThanet £35,000\n"
    table = Table(page=1, rows=[["Area", "Award 2022/23"], ["Thanet", "£35,000"]])
    doc = Document("d", "d.pdf", "pdf", text, page_starts=[0], tables=[table])
    (row,) = amounts.extract(doc)
    assert (row.is_grant, row.recipient, row.fiscal_year) == (True, "Thanet", "2022-23")


# ---------------------------------------------------------------- grant or not
GRANT_SENTENCES = [
    "The Home Office has awarded the Council £250,000 from the Safer Streets Fund for 2023/24.",
    "Lowbridge Community Safety Partnership has been allocated £72,000 by the Commissioner.",
    "The Partnership received £45,000 of Serious Violence Duty funding from the Home Office.",
    "A grant of £20,000 has been made to Northshire Fire and Rescue Service.",
    "Ashford Borough Council will be given a total grant for 2019/20 of £66,120.",
    "In 2021-2022 the sum allocated to Dover CSP is £58,900.",
    "The Violence Reduction Unit has allocated £150,000 to Gravesham Council.",
    "In 2023/24 the Partnership was successful in securing £75,000 of Safer Streets funding.",
    "The council will receive £2.3m in Household Support Fund grant for 2024-25.",
    "We have been allocated £91,460 for 2024/25.",
    "Funding of £1.2m has been secured from the Department for Education.",
]
NOT_GRANT_SENTENCES = [
    "The scheme will cost £1.2m over three years.",
    "The total budget for 2024/25 is £2.5m.",
    "The Council spent £300,000 on new CCTV cameras.",
    "Fixed penalty notices of £150 were issued for littering.",
    "The post attracts a salary of £35,000.",
    "Fraud losses amounted to £2m last year.",
    "The developer is investing £40million in the town centre.",
    "Convictions led to £12,400 in fines and costs.",
    "The grant will be used to fund a post costing £35,000.",
    "The total cost of the project is £50,000, funded by a grant from the Commissioner.",
    "Reoffending is estimated to cost the economy £18 billion a year.",
    "Courses can cost in excess of £250 per person.",
    "£5m has been allocated to road resurfacing.",
    "Funding of £10,000 is required to continue the service.",
]


@pytest.mark.parametrize("sentence", GRANT_SENTENCES)
def test_grant_allocation_to_a_body_is_a_grant(sentence):
    assert _one(sentence).is_grant


@pytest.mark.parametrize("sentence", NOT_GRANT_SENTENCES)
def test_costs_fines_investments_salaries_and_budgets_are_not_grants(sentence):
    row = _one(sentence)
    assert not row.is_grant
    assert row.funder is None and row.recipient is None


# ---------------------------------------------------------------- grant context
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for 2026-27 of", "2026-27"),
        ("In 2024-2025 the", "2024-25"),
        ("for 2013/14 of", "2013-14"),
        ("In 2013–2014 the", "2013-14"),
        ("from 1999/00", "1999-00"),
    ],
)
def test_fiscal_years_are_written_yyyy_yy(text, expected):
    assert [y[2] for y in fiscal_years(text)] == [expected]


@pytest.mark.parametrize("text", ["from 2024 to 2027", "plan 2024-27", "on 2014-03-31"])
def test_non_consecutive_years_are_not_fiscal_years(text):
    assert fiscal_years(text) == ()


def test_funder_and_recipient_from_confirming_sentence():
    row = _one(
        "The Police and Crime Commissioner has confirmed that Tunbridge Wells Community "
        "Safety Partnership will receive a grant allocation for 2025-26 of £80,500."
    )
    assert row.funder == "Police and Crime Commissioner"
    assert row.recipient == "Tunbridge Wells Community Safety Partnership"
    assert row.fiscal_year == "2025-26"


def test_funder_comes_from_the_previous_sentence_and_abbreviations_expand():
    text = (
        "3.1 The Office of the Police and Crime Commissioner (OPCC) has set out its plan and "
        "proposed that Community Safety Partnerships (CSPs) be allocated funding for local "
        "projects. In 2022/23 the amount allocated to Canterbury CSP is £61,200."
    )
    row = _one(text)
    assert row.is_grant
    assert row.funder == "Office of the Police and Crime Commissioner"
    assert row.recipient == "Canterbury Community Safety Partnership"
    assert row.fiscal_year == "2022-23"


def test_funder_is_not_taken_from_another_paragraph():
    text = (
        "The Home Office provides grants to partnerships.\n\nFolkestone CSP will be given a grant of £12,000."
    )
    row = _one(text)
    assert row.is_grant and row.funder is None
    assert row.recipient == "Folkestone CSP"


def test_scheme_acronym_expands_from_its_long_form_in_the_paper():
    text = (
        "The Safer Communities Grant supports local work.\n\n"
        "Hythe Partnership will receive a total SCG grant for 2020/21 of £9,000."
    )
    row = _amounts(text)[0]
    assert row.scheme == "Safer Communities Grant"


def test_each_amount_takes_the_body_named_right_after_it():
    rows = _amounts("The Commissioner has awarded £6,000 to Eastmere CSP and £8,500 to Westmere CSP.")
    assert [(r.recipient, r.funder) for r in rows] == [
        ("Eastmere CSP", "Commissioner"),
        ("Westmere CSP", "Commissioner"),
    ]


def test_abbreviation_definitions_expand_plural_and_possessive_forms():
    abbrev = Abbreviations(
        "Community Safety Partnerships (CSPs) and the Police and Crime Commissioner's (PCC) office."
    )
    assert abbrev.expand("Eastmere CSP") == "Eastmere Community Safety Partnership"
    assert abbrev.expand("PCC's") == "Police and Crime Commissioner"
    assert abbrev.expand("CSPs") == "Community Safety Partnerships"


# ---------------------------------------------------------------- names with commas
@pytest.mark.parametrize(
    ("text", "funder", "recipient"),
    [
        (
            "The Police, Fire and Crime Commissioner for Northamptonshire has awarded £38,000 "
            "to Corby Community Safety Partnership for 2022/23.",
            "Police, Fire and Crime Commissioner for Northamptonshire",
            "Corby Community Safety Partnership",
        ),
        (
            "Funding of £310,000 has been secured from the Department for Levelling Up, Housing "
            "and Communities for Rotherham Council.",
            "Department for Levelling Up, Housing and Communities",
            "Rotherham Council",
        ),
        (
            "In 2024/25 £640,000 was allocated to the Police, Fire and Crime Commissioner for "
            "North Yorkshire from the Home Office.",
            "Home Office",
            "Police, Fire and Crime Commissioner for North Yorkshire",
        ),
        (
            "The Ministry of Justice has allocated £2.4m to the Police, Fire and Crime "
            "Commissioner for Cumbria for 2022/23.",
            "Ministry of Justice",
            "Police, Fire and Crime Commissioner for Cumbria",
        ),
    ],
)
def test_names_keep_their_own_comma_lists_and_office_area(text, funder, recipient):
    row = _one(text)
    assert row.is_grant
    assert (row.funder, row.recipient) == (funder, recipient)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        (
            "Northshire Police, Eastmere Council and Northshire Fire and Rescue Service met.",
            ["Northshire Police", "Eastmere Council", "Northshire Fire and Rescue Service"],
        ),
        (
            "Grants went to Eastmere, Westmere and Lowbridge.",
            ["Grants", "Eastmere", "Westmere and Lowbridge"],
        ),
        ("The Police, Fire and Crime Panel met.", ["Police, Fire and Crime Panel"]),
    ],
)
def test_a_list_of_bodies_or_places_is_not_one_name(text, runs):
    sent = nlp()(text)[:]
    assert [sent[s:e].text for s, e in names.name_runs(sent)] == runs


# ---------------------------------------------------------------- the paper's own bodies
def test_the_council_means_the_council_the_paper_names_most():
    text = (
        "Report of Wyre Forest District Council\n\nWorcestershire County Council and Wyre Forest "
        "District Council work together. The Council will receive £25,000 from the Home Office."
    )
    row = _one(text)
    assert (row.funder, row.recipient) == ("Home Office", "Wyre Forest District Council")


def test_the_council_stays_council_when_the_paper_names_none():
    row = _one("The Council will receive £25,000 from the Home Office.")
    assert row.recipient == "Council"


def test_the_council_prefers_the_council_of_the_papers_slug():
    text = "Dorset Council and Poole Council met.\n\nThe Council will receive £9,000 from the Home Office."
    doc = document_from_text(text)
    doc.meta.council = "poole"
    (row,) = amounts.extract(doc)
    assert row.recipient == "Poole Council"


def test_the_partnership_means_the_community_safety_partnership_the_paper_names():
    text = (
        "Bassetlaw Community Safety Partnership meets quarterly.\n\n"
        "The Partnership will receive a grant of £30,000 from the Commissioner for 2020/21."
    )
    row = _one(text)
    assert (row.funder, row.recipient) == ("Commissioner", "Bassetlaw Community Safety Partnership")


def test_the_council_as_funder_resolves_too():
    text = "Mansfield District Council report.\n\nThe Council has allocated £10,000 to Mansfield CSP."
    row = _one(text)
    assert (row.funder, row.recipient) == ("Mansfield District Council", "Mansfield CSP")


# ---------------------------------------------------------------- budget make-up
def test_budget_components_from_funders_are_grants_to_the_budget_holder():
    text = (
        "Ipswich Borough Council\n\nThe Safer Ipswich Partnership budget for 2021/22 is £88,000, "
        "made up of £60,000 from the Police, Fire and Crime Commissioner's Locality Fund and "
        "£28,000 from the Council."
    )
    total, first, second = _amounts(text)
    assert not total.is_grant
    assert (first.is_grant, first.funder, first.recipient, first.scheme, first.fiscal_year) == (
        True,
        "Police, Fire and Crime Commissioner",
        "Safer Ipswich Partnership",
        "Locality Fund",
        "2021-22",
    )
    assert (second.is_grant, second.funder, second.recipient, second.scheme) == (
        True,
        "Ipswich Borough Council",
        "Safer Ipswich Partnership",
        None,
    )


def test_a_possessed_budget_names_its_holder_as_recipient():
    text = (
        "Hart Community Safety Partnership (CSP) reports yearly. The CSP's budget for 2019/20 is "
        "£71,200, made up of £46,200 from the Home Office and £25,000 from Hart District Council."
    )
    rows = _amounts(text)
    assert [(r.is_grant, r.funder, r.recipient) for r in rows] == [
        (False, None, None),
        (True, "Home Office", "Hart Community Safety Partnership"),
        (True, "Hart District Council", "Hart Community Safety Partnership"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The cost of £50,000 will be met from the Council's reserves.",
        "Savings of £200,000 from the Council's leisure contract are expected.",
        "The Council has spent £6,000 from the Police and Crime Commissioner's grant on CCTV.",
        "£3,000 was raised from the sale of equipment.",
    ],
)
def test_money_from_reserves_savings_or_spent_from_a_grant_is_not_a_grant(text):
    assert not _one(text).is_grant


# ---------------------------------------------------------------- passed-on funding
def test_a_part_passed_on_is_a_grant_from_the_holder_of_the_whole():
    text = (
        "Harlow District Council hosts the CSP. The Ministry of Justice has allocated £2.4m to the "
        "Police, Fire and Crime Commissioner for Cumbria for 2022/23, of which £95,000 has been "
        "passed to the Council for youth diversion work."
    )
    whole, part = _amounts(text)
    pfcc = "Police, Fire and Crime Commissioner for Cumbria"
    assert (whole.is_grant, whole.funder, whole.recipient) == (True, "Ministry of Justice", pfcc)
    assert (part.is_grant, part.funder, part.recipient, part.fiscal_year) == (
        True,
        pfcc,
        "Harlow District Council",
        "2022-23",
    )


def test_of_this_in_the_next_paragraph_refers_to_the_grant_before():
    text = (
        "Gedling Community Safety Partnership was awarded £60,000 by the Commissioner for 2021/22."
        "\n\nOf this, £20,000 has been allocated to the Youth Offending Service."
    )
    whole, part = _amounts(text)
    assert (whole.funder, whole.recipient) == ("Commissioner", "Gedling Community Safety Partnership")
    assert (part.is_grant, part.funder, part.recipient, part.fiscal_year) == (
        True,
        "Gedling Community Safety Partnership",
        "Youth Offending Service",
        "2021-22",
    )


def test_a_later_clause_to_another_body_is_not_the_first_amounts_recipient():
    text = "In 2022/23 the CSP received £40,000 from the Home Office, of which £15,000 was passed to Street Pastors."
    whole, part = _amounts(text)
    assert (whole.funder, whole.recipient) == ("Home Office", "CSP")
    assert (part.funder, part.recipient) == ("CSP", "Street Pastors")


# ---------------------------------------------------------------- who is the funder
@pytest.mark.parametrize(
    "text",
    [
        "In 2023/24 the Council was allocated £52,800 of Serious Violence Duty funding from the "
        "Sussex Police and Crime Commissioner.",
        "Home Office Serious Violence Duty funding of £52,800 from the Sussex Police and Crime "
        "Commissioner to the Council was confirmed.",
    ],
)
def test_the_funder_is_the_office_money_comes_from_not_the_programme(text):
    row = _one(text)
    assert (row.funder, row.recipient) == ("Sussex Police and Crime Commissioner", "Council")


@pytest.mark.parametrize(
    ("text", "funder", "recipient"),
    [
        (
            "Hastings Community Safety Partnership oversees the plan.\n\nThe CSP's grant from the "
            "Police and Crime Commissioner for 2023/24 is £30,000.",
            "Police and Crime Commissioner",
            "Hastings Community Safety Partnership",
        ),
        (
            "The Partnership received £14,000 from the Home Office and agreed to spend it on patrols.",
            "Home Office",
            "Partnership",
        ),
        (
            "The Police, Fire and Crime Panel noted that the Commissioner had given £5,000 to the "
            "Community Safety Partnership.",
            "Commissioner",
            "Community Safety Partnership",
        ),
    ],
)
def test_a_partnership_that_receives_or_spends_is_never_the_funder(text, funder, recipient):
    row = _one(text)
    assert row.is_grant
    assert (row.funder, row.recipient) == (funder, recipient)


def test_a_partnership_agreeing_to_spend_is_not_giving():
    text = "Preston CSP has been allocated £7,500 for 2022/23.\n\nThe CSP has agreed to spend £7,500 on lighting."
    first, second = _amounts(text)
    assert (first.is_grant, first.recipient) == (True, "Preston CSP")
    assert not second.is_grant and second.funder is None


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


# ---------------------------------------------------------------- PDF papers: clauses, wraps, short names
WRAP_WIDTHS = [55, 68, 75, 82, 95]  # PDF text wraps near 75 characters; where varies by paper


def _pdf_paragraph(text: str, width: int, indent: str = "    ") -> str:
    """A numbered paragraph hard-wrapped as PDF text, continuation lines indented."""
    return textwrap.fill(text, width, subsequent_indent=indent)


PDF_HEADER = "Report of Westmere Borough Council to the Safer Westmere Partnership\n\n"
TWO_AWARDS = (
    "10. The Council's revenue budget for 2025/26 is £820,000, most of which funds staff. The "
    "Northshire Police and Crime Commissioner has awarded the Partnership £140,000 from the "
    "Commissioner's Community Safety Fund for 2025/26, and Home Office Serious Violence Duty "
    "funding of £55,000 for 2025/26 is paid to the Council through the regional Violence Reduction Unit."
)


@pytest.mark.parametrize("width", WRAP_WIDTHS)
def test_a_funder_wrapped_after_an_earlier_sentence_is_named_in_full(width):
    budget, award, _ = _amounts(PDF_HEADER + _pdf_paragraph(TWO_AWARDS, width))
    assert not budget.is_grant
    assert (award.is_grant, award.funder, award.recipient, award.scheme, award.fiscal_year) == (
        True,
        "Northshire Police and Crime Commissioner",
        "Safer Westmere Partnership",
        "Community Safety Fund",
        "2025-26",
    )


@pytest.mark.parametrize("width", WRAP_WIDTHS)
def test_funding_paid_to_the_council_in_a_later_clause_is_a_grant_from_the_body_it_names(width):
    *_, duty = _amounts(PDF_HEADER + _pdf_paragraph(TWO_AWARDS, width))
    assert (duty.is_grant, duty.funder, duty.recipient, duty.scheme, duty.fiscal_year) == (
        True,
        "Home Office",
        "Westmere Borough Council",
        "Serious Violence Duty",
        "2025-26",
    )


@pytest.mark.parametrize("indent", ["", "    "])
def test_each_clause_of_a_two_award_sentence_has_its_own_funder_and_recipient(indent):
    text = (
        "Report of Northshire County Council\n\nThe Police and Crime\n"
        f"{indent}Commissioner has awarded the County Council a grant of £275,000 for 2018/19\n"
        f"{indent}for community safety, and the youth service was awarded £65,000 from\n"
        f"{indent}the Department for Education for 2018/19."
    )
    council, youth = _amounts(text)
    assert (council.is_grant, council.funder, council.recipient) == (
        True,
        "Police and Crime Commissioner",
        "Northshire County Council",
    )
    assert (youth.is_grant, youth.funder, youth.recipient) == (
        True,
        "Department for Education",
        "youth service",
    )


def test_the_year_of_an_amount_comes_from_its_own_clause():
    text = "The Home Office has allocated £40m to the Commissioner for 2018/19, and £0.9m of Home Office funding for Northtown Police was agreed in 2020/21."
    first, second = _amounts(text)
    assert (first.fiscal_year, second.fiscal_year) == ("2018-19", "2020-21")


def test_a_minuted_allocation_and_the_figure_it_is_compared_with_are_one_grant_stream():
    text = (
        "Minutes of the Eastmere District Council Community Safety Committee\n\n"
        "(iv)  Funding. The Council's allocation of £38,000 from the PCC's Community\n"
        "      Safety Fund for 2022/23 had been confirmed, a reduction from £42,500 in\n"
        "      2021/22."
    )
    rows = _amounts(text)
    assert [(r.is_grant, r.funder, r.recipient, r.scheme, r.fiscal_year) for r in rows] == [
        (
            True,
            "Police and Crime Commissioner",
            "Eastmere District Council",
            "Community Safety Fund",
            "2022-23",
        ),
        (
            True,
            "Police and Crime Commissioner",
            "Eastmere District Council",
            "Community Safety Fund",
            "2021-22",
        ),
    ]


def test_a_comparison_figure_without_its_own_year_has_none_and_up_to_is_no_comparison():
    text = "Lowbridge CSP received £50,000 for 2023/24, up from £46,000, and spent up to £9,000 on CCTV."
    award, before, spent = _amounts(text)
    assert (before.is_grant, before.recipient, before.fiscal_year) == (True, "Lowbridge CSP", None)
    assert not spent.is_grant


@pytest.mark.parametrize(
    "text",
    [
        "A further £1.2m from the Council's public health grant pays for treatment in 2025/26.",
        "12. The Council's public health grant of £13.6m for 2025/26 funds the\n    substance misuse service.",
    ],
)
def test_money_from_a_councils_own_grant_is_a_grant_to_that_council(text):
    row = _one("Report of Westmere Borough Council\n\n" + text)
    assert (row.is_grant, row.funder, row.recipient, row.fiscal_year) == (
        True,
        None,
        "Westmere Borough Council",
        "2025-26",
    )


def test_a_council_giving_from_its_own_named_fund_is_the_funder():
    row = _one("The Council has awarded £4,000 to Street Pastors from the Council's Community Grants Fund.")
    assert (row.funder, row.recipient, row.scheme) == ("Council", "Street Pastors", "Community Grants Fund")


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "The Home Office has allocated £48m to the Police and Crime Commissioner for 2019/20.",
            "Police and Crime Commissioner",
        ),
        (
            "The borough secured £0.8m of Home Office funding for Northtown\n    Police in 2021/22.",
            "Northtown Police",
        ),
    ],
)
def test_a_body_named_by_its_role_is_the_recipient(text, recipient):
    row = _one(text)
    assert (row.is_grant, row.funder, row.recipient) == (True, "Home Office", recipient)


def test_a_standard_abbreviation_expands_unless_the_paper_defines_it():
    assert _one("Lowbridge CSP received £6,000 from the PCC.").funder == "Police and Crime Commissioner"
    assert (
        Abbreviations("The Partnership Crime Committee (PCC) met.").lookup("PCC")
        == "Partnership Crime Committee"
    )


def test_a_body_shortened_to_its_head_word_is_the_one_named_in_full_before():
    text = (
        "The Police and Crime Commissioner for Northshire has awarded £5,000 to the CSP. The\n"
        "    Commissioner has also given £2,000 to the Youth Offending Service."
    )
    assert [r.funder for r in _amounts(text)] == ["Police and Crime Commissioner for Northshire"] * 2


def test_a_year_ends_a_recipient_named_in_lower_case():
    row = _one("The Commissioner has provided £8,000 for 2024/25 for the youth offending service.")
    assert row.recipient == "youth offending service"


# ---------------------------------------------------------------- changes between years
@pytest.mark.parametrize(
    ("text", "grant", "change"),
    [
        (
            "The public health grant allocation for 2020/21 is £9,400,000, a reduction of £310,000 "
            "(3.2%) on 2019/20.",
            "£9,400,000",
            "£310,000",
        ),
        (
            "The Council's public health grant for 2011/12 is £8,100,000, £12,400 less than in 2009/10.",
            "£8,100,000",
            "£12,400",
        ),
        (
            "Westmere CSP will receive a grant of £45,000 for 2024/25, an increase of £5,000 on last year.",
            "£45,000",
            "£5,000",
        ),
        (
            "The Commissioner's grant to Westmere CSP for 2023/24 was £38,000, down by £4,500.",
            "£38,000",
            "£4,500",
        ),
        (
            "The Commissioner's grant to Westmere CSP for 2023/24 was £38,000, up £2,000 on 2022/23.",
            "£38,000",
            "£2,000",
        ),
        (
            "Westmere CSP has been allocated £38,000 for 2023/24, a cut in funding of £4,500.",
            "£38,000",
            "£4,500",
        ),
        (
            "The Home Office has reduced the grant to Westmere Council by £20,000 to £180,000 for 2022/23.",
            "£180,000",
            "£20,000",
        ),
    ],
)
def test_the_size_of_a_change_in_a_grant_is_not_a_grant(text, grant, change):
    rows = {r.raw: r for r in _amounts(text)}
    assert rows[grant].is_grant
    assert (rows[change].is_grant, rows[change].fiscal_year, rows[change].recipient) == (False, None, None)


def test_a_reduction_from_an_earlier_figure_is_the_earlier_years_grant():
    text = "The public health grant allocation for 2020/21 is £9,400,000, a reduction from £9,710,000 in 2019/20."
    now, before = _amounts(text)
    assert (now.is_grant, now.fiscal_year) == (True, "2020-21")
    assert (before.is_grant, before.fiscal_year) == (True, "2019-20")


def test_money_a_total_is_made_up_of_is_not_a_change():
    text = "The Partnership budget for 2021/22 is £50,000, made up of £40,000 from the Home Office and £10,000 from the Council."
    assert [r.is_grant for r in _amounts(text)] == [False, True, True]


# ---------------------------------------------------------------- neighbouring sentences
@pytest.mark.parametrize(
    "scale", [("£205.3m", "£3.1m"), ("£205,300,000", "£3,100,000"), ("£0.2bn", "£3100k")]
)
def test_a_grant_cue_does_not_reach_amounts_in_neighbouring_sentences(scale):
    programme, tax = scale
    text = (
        f"5.2 The capital programme for 2026-2029 totals {programme}. Each Area Council will receive an "
        f"allocation of £40k for 2026/27 to commission local services. A 4.99% council tax increase would "
        f"raise {tax}."
    )
    rows = _amounts(text)
    assert [(r.raw, r.is_grant) for r in rows] == [(programme, False), ("£40k", True), (tax, False)]
    assert rows[1].fiscal_year == "2026-27"


@pytest.mark.parametrize(
    "text",
    [
        "The Council receives a grant of £40,000 from the Commissioner. This is in addition to the capital "
        "programme of £205m.",
        "Westmere CSP was awarded a grant of £40,000. It brings the net revenue budget to £12.5m.",
        "The Council will receive £3.4m in grant, bringing the capital programme to £205.3m.",
    ],
)
def test_a_figure_beside_a_grant_that_is_something_else_is_not_a_grant(text):
    first, second = _amounts(text)
    assert first.is_grant and not second.is_grant
    assert second.funder is None and second.recipient is None


def test_this_is_restates_the_grant_of_the_sentence_before():
    text = "The Partnership gets a yearly grant from the Commissioner. For 2027/28 it will be £31,000."
    row = _one(text)
    assert (row.is_grant, row.funder, row.fiscal_year) == (True, "Commissioner", "2027-28")


def test_a_running_total_of_a_grant_is_still_a_grant():
    first, total = _amounts("Westmere Council received £3.4m, bringing its total grant for 2024/25 to £5m.")
    assert first.is_grant and total.is_grant


# ---------------------------------------------------------------- precepts, charges, budgets, reserves
@pytest.mark.parametrize(
    "text",
    [
        "The Partnership will receive a grant of £30,000 from the Commissioner for 2024/25. The "
        "Commissioner's precept for a Band D property is £250.94.",
        "The Commissioner has awarded £30,000 to the Partnership for 2024/25, and the Band D council tax "
        "precept rises to £1,845.20.",
        "A Band D charge of £1,845.20 is proposed, and the Partnership's grant allocation for 2024/25 is £30,000.",
        "The Council will receive £1.2m of Revenue Support Grant in 2024/25; its net revenue budget is "
        "£152.6m and general reserves are £12.4m.",
        "The Council's budget for 2024/25 totals £152.6m. The Council will receive a grant of £50,000 from "
        "the Home Office.",
        "Westmere Council has been allocated £2.1m of Household Support Fund grant, taking the total budget "
        "to £14.3m.",
        "The Commissioner has committed £10,000 to each district council and £50,000 to reserves.",
    ],
)
def test_precepts_charges_budget_totals_and_reserves_beside_a_grant_are_not_grants(text):
    rows = _amounts(text)
    grants = [r.raw for r in rows if r.is_grant]
    assert len(grants) == 1, rows
    assert all(r.funder is None and r.recipient is None for r in rows if not r.is_grant)


@pytest.mark.parametrize(
    "text",
    [
        "The Police and Crime Commissioner's precept for 2024/25 is £250.94 for a Band D property.",
        "The Band D council tax charge for 2024/25 will be £1,845.20.",
        "The Council's net revenue budget for 2024/25 is £152.6m.",
        "General fund reserves stand at £12.4m.",
        "The Council has allocated £2m to the capital programme.",
        "The Commissioner has committed £2.4m from reserves to the violence reduction programme.",
    ],
)
def test_precepts_charges_budget_totals_and_reserves_are_not_grants(text):
    assert not _one(text).is_grant


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The Commissioner has committed £25,000 to each district for 2024/25.", "each district"),
        (
            "The Commissioner has committed £25,000 to each of the four districts.",
            "each of the four districts",
        ),
        ("The County Council has committed £10,000 to each district council.", "each district council"),
        ("Westmere Council has allocated £5,000 to all three wards.", "all three wards"),
    ],
)
def test_money_committed_to_each_district_is_a_grant_to_each_district(text, recipient):
    row = _one(text)
    assert (row.is_grant, row.recipient) == (True, recipient)


def test_a_place_without_each_or_all_is_not_a_recipient():
    assert _one("The Commissioner has provided £100,000 for the district.").recipient is None


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("The grant was cut by £20,000 to £180,000.", ["£20,000", "£180,000"]),
        ("The grant rose from £40,000 to £45,000 in 2023/24.", ["£40,000", "£45,000"]),
        ("Awards range from £500 to £2,000 each.", ["£500 to £2,000"]),
    ],
)
def test_a_change_from_one_figure_to_another_is_two_amounts_not_a_range(text, raws):
    assert [r.raw for r in _amounts(text)] == raws
