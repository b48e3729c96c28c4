"""Legislation extractor: back-references and abbreviations; not legislation; a longer excerpt and the seeds; SI numbers; titles without a year; commas written for brackets; the data file; invariants."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.legislation import extract
from extractors.legislation import gazetteer as _gazetteer
from extractors.legislation.gazetteer import lookup, title_key
from pipeline.normalise import document_from_text
from tests.extractors.legislation.helpers import CDA, EXCERPTS, ROOT, STRATEGY_REGS, one, rows


# ---------------------------------------------------------------- back-references and abbreviations
def test_legislation_defined_abbreviation_and_its_part():
    found = rows(
        "The Police, Crime, Sentencing and Courts Act 2022 (PCSC Act) introduced a new duty. "
        "Part 2 of the PCSC Act names the specified authorities."
    )
    assert [r.mention for r in found] == [
        "Police, Crime, Sentencing and Courts Act 2022",
        "Part 2 of the PCSC Act",
    ]
    assert {r.legislation_id for r in found} == {"ukpga/2022/32"}
    assert found[1].title == "Police, Crime, Sentencing and Courts Act 2022"
    assert found[1].provision == "part 2"


def test_legislation_abbreviation_defined_for_an_unknown_act_is_followed():
    found = rows("The Policing and Crime Act 2017 (PCA) changed fire governance. The PCA also reformed bail.")
    assert [r.title for r in found] == ["Policing and Crime Act 2017"] * 2


def test_legislation_the_act_points_to_the_last_act_named():
    found = rows(
        "The Licensing Act 2003 needs a policy. The Gambling Act 2005 does too. "
        "Under section 349 of the Act the policy is reviewed every three years."
    )
    assert found[-1].title == "Gambling Act 2005"
    assert found[-1].provision == "section 349"


def test_legislation_year_back_reference_finds_the_act_of_that_year():
    found = rows(
        "The Crime and Disorder Act 1998 and the Police and Justice Act 2006 both apply. "
        "A review of the 1998 Act took place in 2006."
    )
    assert found[-1].mention == "the 1998 Act"
    assert found[-1].legislation_id == CDA


def test_legislation_the_regulations_and_the_draft_bill_resolve():
    found = rows(
        "The Home Office published the draft Domestic Abuse Bill. The draft Bill defines abuse. "
        "The Accounts and Audit Regulations 2015 apply. The Regulations set deadlines."
    )
    assert [r.title for r in found] == [
        "Domestic Abuse Bill",
        "Domestic Abuse Bill",
        "Accounts and Audit Regulations 2015",
        "Accounts and Audit Regulations 2015",
    ]


def test_legislation_back_reference_with_nothing_before_it_is_dropped():
    assert rows("The Council must act in accordance with the Act and the Regulations.") == []


def test_legislation_common_abbreviations_resolve():
    found = rows("Surveillance is authorised under RIPA. Personal data is handled under the UK GDPR.")
    assert [(r.mention, r.kind, r.legislation_id) for r in found] == [
        ("RIPA", "act", "ukpga/2000/23"),
        ("UK GDPR", "eu", "eur/2016/679"),
    ]


def test_legislation_short_ambiguous_abbreviation_needs_the_full_title():
    assert rows("The DPA was agreed with the care home.") == []
    found = rows("The Data Protection Act 2018 applies. The DPA also covers law enforcement.")
    assert [r.legislation_id for r in found] == ["ukpga/2018/12"] * 2


# ---------------------------------------------------------------- not legislation
@pytest.mark.parametrize(
    "text",
    [
        "An ASBO (Anti-Social Behaviour Order) was issued to the tenant.",
        "This is set out in Article 4 (The Full Council) of the Council's Constitution.",
        "The Domestic Abuse Strategy 2010–2013 was refreshed with partners.",
        "The Kent Community Safety Agreement 2021-2024 was signed by all partners.",
        "Home Office Guidance 2019 sets out the expectations on partnerships.",
        "The Action Plan at Appendix 2 lists the tasks for each partner.",
        "The Medway Council (Various Roads) (Prohibition of Waiting) Order 2021 was sealed.",
        "Council Tax Bill payments rose this year.",
        "The item was presented by Bill Smith, Head of Service.",
        "Section 5 of this report sets out the options for members.",
        "Plan, Do, Review, Act",
        "The Contract Procedure Rules 2019 apply to this purchase.",
        "Kent Police act on intelligence from residents.",
        "HOUSING ACT",
    ],
)
def test_legislation_genre_negatives(text):
    assert rows(text) == []


def test_legislation_caught_in_the_act_is_not_a_reference():
    found = rows("The Housing Act 2004 licensing scheme is in force. Wardens caught the offender in the act.")
    assert [r.mention for r in found] == ["Housing Act 2004"]


# ---------------------------------------------------------------- a longer excerpt and the seeds
def test_legislation_excerpt_finds_each_instrument_once_per_mention():
    found = rows((EXCERPTS / "legal_implications.txt").read_text())
    got = [(r.mention.replace("\n", " "), r.legislation_id, r.provision) for r in found]
    assert got == [
        ("section 5 of the Crime and Disorder Act 1998", CDA, "section 5"),
        ("Police and Justice Act 2006", "ukpga/2006/48", None),
        ("the 1998 Act", CDA, None),
        ("Anti-social Behaviour, Crime and Policing Act 2014", "ukpga/2014/12", None),
        ("Part 4 of the ASBCP Act", "ukpga/2014/12", "part 4"),
        (
            "Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007",
            STRATEGY_REGS,
            None,
        ),
        ("Regulation 10", STRATEGY_REGS, "regulation 10"),
        ("Police Reform and Social Responsibility Act 2011", "ukpga/2011/13", None),
    ]


@pytest.mark.parametrize(
    "gold_path", sorted((ROOT / "fixtures" / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_legislation_seed_instruments_ids_and_provisions(gold_path):
    gold = json.loads(gold_path.read_text())
    found = rows((ROOT / "fixtures" / "seeds" / gold["file"]).read_text())
    by_id = {}
    for r in found:
        by_id.setdefault(r.legislation_id or title_key(r.title), set()).add(r.provision)
    for g in gold["legislation"]:
        if g.get("optional"):
            continue
        key = g["legislation_id"] or title_key(g["title"])
        assert key in by_id, g["title"]
        for prov in g["provisions"]:
            assert any(p and p.replace("sections", "section") == prov for p in by_id[key]), (g["title"], prov)
    assert len(by_id) <= len(gold["legislation"])


def test_gazetteer_lookup_folds_case_punctuation_and_spelling():
    assert lookup("the CRIME & DISORDER ACT 1998").legislation_id == CDA
    assert lookup("Anti Social Behaviour Crime and Policing Act 2014").legislation_id == "ukpga/2014/12"
    assert lookup("Housing Act") is None  # four Housing Acts: no guess
    assert lookup("Crime and Disorder Act 1989") is None  # a wrong year is not a typo


# ---------------------------------------------------------------- SI numbers
FEES_REGS = "Licensing Act 2003 (Fees) Regulations 2005"


@pytest.mark.parametrize(
    "cited",
    [" (SI 2005/79)", " (S.I. 2005 No. 79)", ", SI 2005/79,", " (Statutory Instrument 2005 No. 79)"],
)
def test_legislation_si_number_beside_an_unknown_title_gives_its_id(cited):
    r = one(f"Premises fees are set by the {FEES_REGS}{cited} and reviewed each year.")
    assert (r.title, r.mention, r.legislation_id) == (FEES_REGS, FEES_REGS, "uksi/2005/79")


def test_legislation_si_number_gives_a_yearless_title_its_year():
    r = one("The Waste (England and Wales) Regulations (SI 2011/988) require separate collection.")
    assert (r.title, r.year, r.kind, r.legislation_id) == (
        "Waste (England and Wales) Regulations 2011",
        2011,
        "si",
        "uksi/2011/988",
    )


def test_legislation_si_number_of_another_year_is_not_the_titles():
    r = one("The Environmental Permitting Regulations 2016 (SI 2010/675) apply to the depot.")
    assert (r.title, r.legislation_id) == ("Environmental Permitting Regulations 2016", None)


def test_legislation_each_listed_title_takes_its_own_si_number():
    found = rows(
        "Legislation\n"
        "SI 2009/942 - The Crime and Disorder (Overview and Scrutiny) Regulations 2009\n"
        "The Licensing Act 2003 (Hearings) Regulations 2005 (SI 2005/44)\n"
        "The Licensing Act 2003 (Premises Licences) Regulations 2005 (SI 2005/42)"
    )
    assert [r.legislation_id for r in found] == ["uksi/2009/942", "uksi/2005/44", "uksi/2005/42"]


@pytest.mark.parametrize(
    "text,mention,title,legislation_id,provision",
    [
        (
            "Officers should follow SI 2023/1234 from April.",
            "SI 2023/1234",
            "SI 2023/1234",
            "uksi/2023/1234",
            None,
        ),
        ("Scottish partners work to SSI 2019/77 instead.", "SSI 2019/77", "SSI 2019/77", "ssi/2019/77", None),
        (
            "Accounts are published as SI 2015 No. 234 requires.",
            "SI 2015 No. 234",
            "Accounts and Audit Regulations 2015",
            "uksi/2015/234",
            None,
        ),
        (
            "The meeting may be private under Regulation 4 of S.I. 2012/2089.",
            "Regulation 4 of S.I. 2012/2089",
            "Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) "
            "Regulations 2012",
            "uksi/2012/2089",
            "regulation 4",
        ),
    ],
)
def test_legislation_si_number_on_its_own_is_a_mention(text, mention, title, legislation_id, provision):
    r = one(text)
    assert (r.mention, r.title, r.kind, r.legislation_id, r.provision) == (
        mention,
        title,
        "si",
        legislation_id,
        provision,
    )


def test_legislation_si_path_inside_a_url_is_not_an_si_number():
    assert rows("See https://www.legislation.gov.uk/uksi/2015/234/contents/made for the text.") == []


# ---------------------------------------------------------------- titles without a year
@pytest.mark.parametrize(
    "title",
    ["Licensing Act", "Housing Act", "Police Act", "Children Act", "Care Act", "Local Government Act"],
)
def test_legislation_generic_short_title_without_year_keeps_a_null_id(title):
    r = one(f"Members asked how the {title} applies to the new scheme.")
    assert (r.title, r.year, r.legislation_id) == (title, None, None)


@pytest.mark.parametrize(
    "title,legislation_id",
    [
        ("Anti-social Behaviour, Crime and Policing Act", "ukpga/2014/12"),
        ("Crime and Disorder Act", CDA),
        ("Regulation of Investigatory Powers Act", "ukpga/2000/23"),
    ],
)
def test_legislation_distinctive_title_without_year_resolves(title, legislation_id):
    r = one(f"Wardens use powers from the {title} when dealing with nuisance.")
    assert r.legislation_id == legislation_id


def test_legislation_distinctive_title_the_gazetteer_shows_with_two_years_stays_unresolved():
    # the 2008 Act is named inside an SI title the gazetteer holds; the 2012 Act is a row
    r = one("Providers register with the regulator under the Health and Social Care Act.")
    assert (r.title, r.legislation_id) == ("Health and Social Care Act", None)


def test_legislation_yearless_title_takes_the_year_the_paper_gives_it():
    found = rows(
        "The Housing Act 1996 sets the allocation rules. Under the Housing Act the council keeps a register."
    )
    assert [r.legislation_id for r in found] == ["ukpga/1996/52"] * 2


def test_legislation_yearless_title_with_two_years_in_the_paper_stays_unresolved():
    found = rows(
        "The Police Act 1996 and the Police Act 1997 both apply. The Police Act also covers vetting."
    )
    assert [r.legislation_id for r in found] == ["ukpga/1996/16", "ukpga/1997/50", None]


def test_legislation_year_before_a_title_the_gazetteer_lacks_is_not_resolved_elsewhere():
    found = rows("Both the 2003 Licensing Act and the 1964 Licensing Act were discussed.")
    assert [(r.title, r.legislation_id) for r in found] == [
        ("Licensing Act 2003", "ukpga/2003/17"),
        ("Licensing Act", None),
    ]


def test_legislation_yearless_regulations_are_kept_without_an_id():
    r = one("The Accounts and Audit Regulations require the statement to be published by July.")
    assert (r.title, r.kind, r.legislation_id) == ("Accounts and Audit Regulations", "si", None)


def test_gazetteer_resolves_yearless_titles_only_when_distinctive():
    assert lookup("Licensing Act") is None  # the gazetteer holds one, Parliament made several
    assert lookup("Care Act") is None
    assert lookup("Crime and Disorder Act").legislation_id == CDA
    assert lookup("PCSC Act").legislation_id == "ukpga/2022/32"  # a listed abbreviation
    assert lookup("Accounts and Audit Regulations") is None  # regulations are remade yearly


# ---------------------------------------------------------------- commas written for brackets
@pytest.mark.parametrize(
    "written,title,legislation_id",
    [
        (
            "Town and Country Planning, General Permitted Development, England, Order 2015",
            "Town and Country Planning (General Permitted Development) (England) Order 2015",
            None,
        ),
        (
            "Education, Pupil Information, England, Regulations 2005",
            "Education (Pupil Information) (England) Regulations 2005",
            "uksi/2005/1437",
        ),
    ],
)
def test_legislation_flattened_brackets_become_brackets_for_any_title(written, title, legislation_id):
    r = one(f"Schools must follow the {written} when reporting.")
    assert (r.title, r.mention, r.legislation_id) == (title, written, legislation_id)


@pytest.mark.parametrize(
    "text",
    [
        "The council relies on the Police Act, the Crime Act, Regulations 2010 and guidance.",
        "Key areas: Licensing, Gambling, Regulations 2010 apply to all premises.",
        "Officers noted that Licensing, Regulations 2010 apply.",
    ],
)
def test_legislation_comma_lists_are_not_flattened_titles(text):
    assert all("(" not in r.title and "," not in r.title for r in rows(text))
    assert all("Regulations" not in r.title for r in rows(text))


# ---------------------------------------------------------------- the data file
def test_gazetteer_source_column_is_the_legislation_gov_uk_page_of_each_id():
    with _gazetteer.DATA_FILE.open(encoding="utf-8", newline="") as fh:
        rows_ = list(csv.DictReader(fh))
    assert rows_ and all(
        r["source"] == f"https://www.legislation.gov.uk/{r['legislation_id']}" for r in rows_
    )


@pytest.fixture
def fresh_gazetteer():
    def clear():
        for cached in (_gazetteer.gazetteer, _gazetteer._unique_bare, _gazetteer.lookup):
            cached.cache_clear()

    clear()
    yield
    clear()


def test_gazetteer_ids_never_come_from_the_source_column(tmp_path, monkeypatch, fresh_gazetteer):
    data = tmp_path / "gazetteer.csv"
    data.write_text(
        "legislation_id,title,year,kind,short_forms,source\n"
        "ukpga/2003/17,Licensing Act 2003,2003,act,,https://www.legislation.gov.uk/ukpga/1964/26\n"
    )
    monkeypatch.setattr(_gazetteer, "DATA_FILE", data)
    assert lookup("Licensing Act 2003").legislation_id == "ukpga/2003/17"
    assert set(_gazetteer.gazetteer().by_id) == {"ukpga/2003/17"}


# ---------------------------------------------------------------- invariants
_PIECES = st.sampled_from(
    [
        "the",
        "Act",
        "act",
        "Regulations",
        "Order",
        "Bill",
        "Rules",
        "Measure",
        "Regulation",
        "section",
        "s.",
        "Sections",
        "reg.",
        "Schedule",
        "Paragraph",
        "Part",
        "of",
        "and",
        "(",
        ")",
        ",",
        "\n",
        "\n\n",
        "|",
        "\t",
        "1998",
        "2007",
        "5-7",
        "10",
        "81(1)(a)",
        "Crime",
        "Disorder",
        "(PCSC Act)",
        "PCSC",
        "UK GDPR",
        "RIPA",
        "Formulation",
        "(as amended)",
        "draft",
        "http://www.legislation.gov.uk/uksi/2011/1230",
        "The",
        ".",
        "Regulation (EU) 2016/679",
        "Directive 95/46/EC",
        "the 1998 Act",
        "“",
        "’s",
        "etc.",
        "•",
        "&",
        "SI 2007/1830",
        "(S.I. 2011 No. 1230)",
        "SSI",
        "No.",
        "Statutory Instrument",
        "s17",
        "s.37",
        "under",
        "section",
        "Part 2",
        "(section 5)",
        "PRSRA 2011",
        "\n     ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map(" ".join)))
def test_legislation_never_raises_and_spans_hold_the_mention(text):
    doc = document_from_text(text)
    for r in extract(doc):
        assert doc.text[r.char_start : r.char_end] == r.mention
        assert r.title and r.kind in ("act", "si", "bill", "eu", "welsh_act")
        assert 0 <= r.char_start < r.char_end <= len(doc.text)
