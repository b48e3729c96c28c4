"""Behaviour of the legislation extractor on short excerpts written in the genre of council reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors._gazetteer import lookup, title_key
from extractors.legislation import extract
from pipeline.document import document_from_text

ROOT = Path(__file__).resolve().parent.parent
EXCERPTS = ROOT / "fixtures" / "excerpts" / "legislation"
CDA = "ukpga/1998/37"
STRATEGY_REGS = "uksi/2007/1830"


def rows(text: str):
    doc = document_from_text(text)
    out = extract(doc)
    for r in out:
        assert doc.text[r.char_start : r.char_end] == r.mention
    return out


def one(text: str):
    found = rows(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- titles
def test_legislation_title_with_nested_brackets_resolves_to_its_si():
    r = one(
        "On 1 June 2011 the Crime and Disorder (Formulation and Implementation of Strategy) "
        "(Amendment) Regulations 2011 came into force."
    )
    assert (
        r.title
        == "Crime and Disorder (Formulation and Implementation of Strategy) (Amendment) Regulations 2011"
    )
    assert (r.kind, r.year, r.legislation_id) == ("si", 2011, "uksi/2011/1230")
    assert r.mention.startswith("Crime and Disorder (")


def test_legislation_commas_written_for_brackets_give_the_official_title():
    r = one(
        "The plan is required by the Crime and Disorder, Formulation and Implementation of Strategy, "
        "Regulations 2007."
    )
    assert r.title == "Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007"
    assert r.legislation_id == STRATEGY_REGS


def test_legislation_title_broken_across_lines_is_one_mention():
    r = one(
        "Partnership plans are governed by the Crime and Disorder (Formulation and Implementation\n"
        "of Strategy) Regulations 2007, which apply to every district."
    )
    assert r.legislation_id == STRATEGY_REGS
    assert "\n" in r.mention


def test_legislation_as_amended_stays_outside_title_and_mention():
    r = one("Partnerships exist under the Crime and Disorder Act 1998 (as amended) in each district.")
    assert (r.title, r.mention) == ("Crime and Disorder Act 1998", "Crime and Disorder Act 1998")


def test_legislation_lower_case_act_with_year_counts():
    r = one("Fees were set with regard to the Localism act 2011 and local need.")
    assert (r.title, r.legislation_id) == ("Localism Act 2011", "ukpga/2011/20")


def test_legislation_title_without_year_takes_the_gazetteer_year():
    r = one("Officers used powers in the Localism Act to transfer the asset.")
    assert (r.title, r.year, r.legislation_id) == ("Localism Act 2011", 2011, "ukpga/2011/20")


def test_legislation_spelling_variant_resolves():
    r = one("Members heard that the Clean Neighborhoods and Environment Act lets the council control dogs.")
    assert r.title == "Clean Neighbourhoods and Environment Act 2005"
    assert r.mention == "Clean Neighborhoods and Environment Act"


def test_legislation_leading_the_and_sentence_words_are_not_in_the_title():
    r = one("Under The Data Protection Act 2018 personal data must be kept securely.")
    assert r.title == "Data Protection Act 2018"


def test_legislation_heading_line_above_a_title_is_not_swallowed():
    r = one("Relevant Law\nPolice Reform and Social Responsibility Act 2011 created the PCC role.")
    assert r.title == "Police Reform and Social Responsibility Act 2011"


def test_legislation_title_interrupted_by_a_table_column_bar():
    r = one("Information | Data is held in line with the Data | Governance\nProtection Act 2018 and policy.")
    assert (r.title, r.legislation_id) == ("Data Protection Act 2018", "ukpga/2018/12")


def test_legislation_wrapped_title_continues_after_a_first_table_cell():
    r = one(
        "Risk | Approving the plan ensures compliance with the Crime and\nManagement | Disorder Act 1998."
    )
    assert r.legislation_id == CDA


def test_legislation_year_written_before_the_title():
    found = rows(
        "The 1996 Housing Act and the 2003 Licensing Act apply; the 2019 Localism Act review is due."
    )
    assert [(r.title, r.legislation_id) for r in found] == [
        ("Housing Act 1996", "ukpga/1996/52"),
        ("Licensing Act 2003", "ukpga/2003/17"),
        ("Localism Act 2011", "ukpga/2011/20"),
    ]


def test_legislation_list_item_labels_are_not_title_brackets():
    found = rows(
        "The following applies to partnership working\na) Policing and Crime Act 2017\n"
        "b) Crime and Disorder (Overview and Scrutiny) Regulations 2009"
    )
    assert [r.title for r in found] == [
        "Policing and Crime Act 2017",
        "Crime and Disorder (Overview and Scrutiny) Regulations 2009",
    ]


def test_legislation_list_title_with_commas_keeps_them_even_without_year():
    found = rows(
        "Reviews follow section 9 of the Domestic Violence, Crime and Victims Act 2004. "
        "The Domestic Violence, Crime and Victims Act also created an offence."
    )
    assert [(r.title, r.year, r.provision) for r in found] == [
        ("Domestic Violence, Crime and Victims Act 2004", 2004, "section 9"),
        ("Domestic Violence, Crime and Victims Act 2004", 2004, None),
    ]


def test_legislation_amending_act_inside_as_amended_is_its_own_mention():
    found = rows("The Crime and Disorder Act 1998 (as amended by the Police and Justice Act 2006) applies.")
    assert [r.legislation_id for r in found] == [CDA, "ukpga/2006/48"]


@pytest.mark.parametrize(
    "text,title,kind",
    [
        ("The Renters (Reform) Bill had its second reading in the Commons.", "Renters (Reform) Bill", "bill"),
        (
            "The Local Government (Wales) Measure 2011 applies to Welsh councils.",
            "Local Government (Wales) Measure 2011",
            "welsh_act",
        ),
        (
            "The Regulatory Reform (Fire Safety) Order 2005 covers communal areas.",
            "Regulatory Reform (Fire Safety) Order 2005",
            "si",
        ),
        ("Waste policy still follows Directive 2008/98/EC in places.", "Directive 2008/98/EC", "eu"),
    ],
)
def test_legislation_kind_follows_the_head_word(text, title, kind):
    r = one(text)
    assert (r.title, r.kind) == (title, kind)


def test_legislation_unknown_title_keeps_title_and_year_with_null_id():
    r = one("The Policing and Crime Act 2017 placed a duty on emergency services to collaborate.")
    assert (r.title, r.year, r.kind, r.legislation_id) == ("Policing and Crime Act 2017", 2017, "act", None)


def test_legislation_url_cited_under_an_unknown_title_gives_its_id():
    r = one(
        "Background papers:\n\nPolicing and Crime Act 2017\n"
        "http://www.legislation.gov.uk/ukpga/2017/3/contents/enacted"
    )
    assert r.legislation_id == "ukpga/2017/3"


def test_legislation_url_for_another_year_is_not_taken():
    r = one("Policing and Crime Act 2017\nhttp://www.legislation.gov.uk/ukpga/2009/26/contents")
    assert r.legislation_id is None


# ---------------------------------------------------------------- provisions
@pytest.mark.parametrize(
    "text,provision",
    [
        ("Partnerships were formed under Sections 5-7 of the Crime and Disorder Act 1998.", "sections 5-7"),
        ("Section 17 of the Crime and Disorder Act 1998 applies to all council functions.", "section 17"),
        ("Councils must have regard to s.17 of the Crime and Disorder Act 1998 in decisions.", "section 17"),
        (
            "Data may be shared under section 115(1)(a) of the Crime and Disorder Act 1998 here.",
            "section 115(1)(a)",
        ),
        (
            "Schedule 5, Paragraph 84 of the Health and Social Care Act 2012 adds CCGs.",
            "schedule 5 paragraph 84",
        ),
        (
            "Paragraph 84 of Schedule 5 to the Health and Social Care Act 2012 adds CCGs.",
            "schedule 5 paragraph 84",
        ),
        (
            "The plan is required by reg. 10 of the Accounts and Audit Regulations 2015 each year.",
            "regulation 10",
        ),
        (
            "Members noted the Localism Act 2011, section 81 on the community right to challenge.",
            "section 81",
        ),
        ("Due regard is required by the Equality Act 2010 (s.149) in all decisions.", "section 149"),
        ("Sections 5 to 7 of the Crime and Disorder Act 1998 set out the duty.", "sections 5-7"),
    ],
)
def test_legislation_links_provision_to_act(text, provision):
    r = one(text)
    assert r.provision == provision
    assert r.legislation_id is not None
    assert r.mention in text.replace("\n", " ") or r.mention == r.mention.strip()


def test_legislation_provision_is_inside_the_mention_span():
    r = one("Partnerships were formed under Sections 5-7 of the Crime and Disorder Act 1998.")
    assert r.mention == "Sections 5-7 of the Crime and Disorder Act 1998"


def test_legislation_standalone_regulation_attaches_to_the_cited_regulations():
    found = rows(
        "Regulation 5 of the Crime and Disorder (Formulation and Implementation of Strategy) "
        "Regulations 2007 requires an annual assessment. Regulation 10 requires a plan."
    )
    assert [(r.provision, r.legislation_id) for r in found] == [
        ("regulation 5", STRATEGY_REGS),
        ("regulation 10", STRATEGY_REGS),
    ]
    assert found[1].mention == "Regulation 10"


def test_legislation_standalone_regulation_far_from_any_regulations_is_ignored():
    found = rows(
        "The Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007 apply.\n\n"
        "Budget\n\nRegulation 4 of the Financial Regulations is met. Regulation 6 is also met."
    )
    assert [r.provision for r in found] == [None]


def test_legislation_standalone_section_needs_a_duty_verb_and_a_cited_act():
    found = rows(
        "The Crime and Disorder Act 1998 created partnerships. Section 17 requires councils to "
        "consider crime in all they do. Section 5 sets out the options for members."
    )
    assert [(r.mention, r.provision) for r in found] == [
        ("Crime and Disorder Act 1998", None),
        ("Section 17", "section 17"),
    ]
    assert found[1].legislation_id == CDA


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
