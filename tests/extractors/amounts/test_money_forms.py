"""Amounts extractor: money forms; tables; grant or not; grant context; names with commas; the paper's own bodies; budget make-up; passed-on funding; who is the funder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors import amounts
from extractors.amounts.grants import names
from extractors.amounts.grants.names import Abbreviations
from extractors.amounts.money import find_money, fiscal_years
from extractors.common.nlp import nlp
from pipeline.normalise import document_from_text
from schemas.document import Document, Table
from tests.extractors.amounts.helpers import _amounts, _one

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
        "The Police and Crime Commissioner has confirmed that Northmere Community "
        "Safety Partnership will receive a grant allocation for 2025-26 of £80,500."
    )
    assert row.funder == "Police and Crime Commissioner"
    assert row.recipient == "Northmere Community Safety Partnership"
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
