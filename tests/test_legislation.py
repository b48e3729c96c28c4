"""Behaviour of the legislation extractor on short excerpts written in the genre of council reports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.legislation import extract
from extractors.legislation import gazetteer as _gazetteer
from extractors.legislation.gazetteer import lookup, title_key
from schemas.document import document_from_text

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


def test_legislation_generic_title_without_year_gets_no_guessed_id():
    r = one("Officers used powers in the Localism Act to transfer the asset.")
    assert (r.title, r.year, r.legislation_id) == ("Localism Act", None, None)


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
        ("Localism Act", None),  # 2019 is the review's year: no Localism Act 2019 exists
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


# ---------------------------------------------------------------- provisions on their own
def provisions(text: str) -> list[tuple[str, str | None, str]]:
    return [(r.mention, r.provision, r.title) for r in rows(text)]


ASBCPA = "Anti-social Behaviour, Crime and Policing Act 2014"
WFG = "Well-being of Future Generations (Wales) Act 2015"


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            f"Officers use the {ASBCPA}, including closure notices under section 76 and the "
            "Community Trigger under section 104 of the 2014 Act.",
            [
                (ASBCPA, None, ASBCPA),
                ("section 76", "section 76", ASBCPA),
                ("section 104 of the 2014 Act", "section 104", ASBCPA),
            ],
        ),
        (
            f"The {WFG} places a duty on public bodies, and Part 2 establishes public services boards.",
            [(WFG, None, WFG), ("Part 2", "part 2", WFG)],
        ),
        (
            "Partners are named in the Crime and Disorder Act 1998. Together they must produce a "
            "strategy, and s17 requires each of them to weigh crime in every decision.",
            [
                ("Crime and Disorder Act 1998", None, "Crime and Disorder Act 1998"),
                ("s17", "section 17", "Crime and Disorder Act 1998"),
            ],
        ),
        (
            "The youth offending team works under s.39 of the CDA 1998, and s.37 sets the principal aim.",
            [
                ("s.39 of the CDA 1998", "section 39", "Crime and Disorder Act 1998"),
                ("s.37", "section 37", "Crime and Disorder Act 1998"),
            ],
        ),
        (
            "Powers come from the Antisocial Behaviour etc. (Scotland) Act 2004: antisocial behaviour "
            "orders under section 4, and the dispersal of groups under Part 3.",
            [
                (
                    "Antisocial Behaviour etc. (Scotland) Act 2004",
                    None,
                    "Antisocial Behaviour etc. (Scotland) Act 2004",
                ),
                ("section 4", "section 4", "Antisocial Behaviour etc. (Scotland) Act 2004"),
                ("Part 3", "part 3", "Antisocial Behaviour etc. (Scotland) Act 2004"),
            ],
        ),
        (
            f"The {ASBCPA} brought in Community Protection Notices (Part 4, Chapter 1). "
            "The s.59 power is used most, and the section 35 dispersal powers next.",
            [
                (ASBCPA, None, ASBCPA),
                ("Part 4, Chapter 1", "part 4 chapter 1", ASBCPA),
                ("s.59", "section 59", ASBCPA),
                ("section 35", "section 35", ASBCPA),
            ],
        ),
        (
            "The Crime and Disorder Act 1998 applies, and the Council's s.17 duty is met.",
            [
                ("Crime and Disorder Act 1998", None, "Crime and Disorder Act 1998"),
                ("s.17", "section 17", "Crime and Disorder Act 1998"),
            ],
        ),
    ],
)
def test_legislation_provision_on_its_own_belongs_to_the_act_last_cited(text, expected):
    assert provisions(text) == expected


def test_legislation_bracketed_provisions_after_the_act_belong_to_it():
    found = rows(
        "The Police Reform and Social Responsibility Act 2011 created the post. The Act requires the "
        "Commissioner to issue a plan (section 5) and the panel to review it (section 28)."
    )
    assert [r.provision for r in found] == [None, None, "section 5", "section 28"]
    assert {r.title for r in found} == {"Police Reform and Social Responsibility Act 2011"}
    assert [r.mention for r in found[2:]] == ["section 5", "section 28"]


def test_legislation_lettered_section_and_plain_section_are_both_kept():
    found = rows(
        "Under section 116A of the Local Government and Public Involvement in Health Act 2007 the "
        "board prepares a strategy, drawing on the joint strategic needs assessment (section 116)."
    )
    assert [r.provision for r in found] == ["section 116A", "section 116"]
    assert {r.legislation_id for r in found} == {"ukpga/2007/28"}


@pytest.mark.parametrize(
    "text",
    [
        "The Crime and Disorder Act 1998 applies. Details are in section 5 of this report, and "
        "section 3 above sets out the background.",
        "The Crime and Disorder Act 1998 requires a plan. Section 3 provides the background and "
        "Section 4 sets out the options.",
        "The Housing Act 2004 applies. Part 2 covers the finances and Part 3 introduces the plan.",
        "The Equality Act 2010 places a duty on the council (see section 7).",
        "The Localism Act 2011 applies, as described under section 2 below.",
        "The Localism Act 2011 applies (Appendix A, section 2).",
        "The Care Act 2014 applies. In section 5 the report weighs the options.",
        "The Localism Act 2011 applies. Strategic priority one (S1) is safer streets.",
        "The Licensing Act 2003 requires a policy, and Part 2 of the policy sets the conditions.",
        "The Housing Act 2004 applies.\n\nRisks\n\nUnder section 6 the risks are listed.",
        "The Gambling Act 2005 applies. Members met twice. The panel then worked under Part 2.",
    ],
)
def test_legislation_report_sections_are_not_provisions(text):
    assert all(r.provision is None for r in rows(text))


# ---------------------------------------------------------------- initials of a title the paper names
@pytest.mark.parametrize(
    "text,title,mention",
    [
        (
            "The Anti-social Behaviour Act 2003 gave new powers. Closure orders under section 1 of the "
            "ASBA 2003 were used twice.",
            "Anti-social Behaviour Act 2003",
            "section 1 of the ASBA 2003",
        ),
        (
            "The Policing and Crime Act 2009 applies. The PCA 2009 also covers gang injunctions.",
            "Policing and Crime Act 2009",
            "PCA 2009",
        ),
        (
            "The Policing and Crime Act 2009 applies. The PC Act 2009 also covers gang injunctions.",
            "Policing and Crime Act 2009",
            "PC Act 2009",
        ),
        (
            "Panels were set up by the Police Reform and Social Responsibility Act 2011. Their duties "
            "are set out in section 28 of the PRSRA 2011.",
            "Police Reform and Social Responsibility Act 2011",
            "section 28 of the PRSRA 2011",
        ),
    ],
)
def test_legislation_initials_with_year_name_the_act_the_paper_names(text, title, mention):
    found = rows(text)
    assert found[-1].title == title
    assert found[-1].mention == mention


@pytest.mark.parametrize(
    "text",
    [
        "The Local Government Act 1999 applies. The LGA responded to the consultation.",
        "The Policing and Crime Act 2009 applies. The PCA 2017 report is due.",
        "The Civil Partnership Act 2004 applies. The CPA census counted 12 homes.",
        "The Local Government Finance Act 1988 and the Local Government Finance Act 1992 apply. "
        "The LGFA is under review.",
    ],
)
def test_legislation_initials_need_their_year_or_length_and_one_act(text):
    assert all(r.mention[-4:].isdigit() for r in rows(text))


# ---------------------------------------------------------------- PDF-converted layout
def test_legislation_titles_on_indented_continuation_lines_are_whole():
    found = rows(
        "2.1 The designation order was made under section 13 of the Criminal Justice and Police Act\n"
        "     2001 and the Local Authorities (Alcohol Consumption in Designated Public\n"
        "     Places) Regulations 2007."
    )
    assert [(r.title, r.provision) for r in found] == [
        ("Criminal Justice and Police Act 2001", "section 13"),
        ("Local Authorities (Alcohol Consumption in Designated Public Places) Regulations 2007", None),
    ]


@pytest.mark.parametrize("indent", ["", "     "])
def test_legislation_bracketed_part_opening_a_continuation_line_stays_in_the_title(indent):
    r = one(
        "1.3 In Wales the Crime and Disorder (Formulation and Implementation of Strategy)\n"
        f"{indent}(Wales) Regulations 2007 require partners to consult."
    )
    assert (
        r.title == "Crime and Disorder (Formulation and Implementation of Strategy) (Wales) Regulations 2007"
    )
    assert r.legislation_id == "uksi/2007/3076"


@pytest.mark.parametrize(
    "title",
    [
        "Licensing (Closure of Premises) (Designated Areas) (England) Regulations 2019",
        "Police, Crime, Sentencing and Courts Act 2022",
        "Well-being of Future Generations (Wales) Act 2015",
    ],
)
def test_legislation_title_is_found_wherever_a_pdf_line_breaks_it(title):
    words = title.split(" ")
    for i in range(1, len(words)):
        text = (
            f"4.2 Partners must comply with the {' '.join(words[:i])}\n"
            f"     {' '.join(words[i:])} when they share data."
        )
        assert [r.title for r in rows(text)] == [title], text


@pytest.mark.parametrize(
    "wrapped",
    [
        "Crime and Disorder (Formulation and Implementation of Strategy)\n     (Wales)\n     Regulations 2007",
        "Crime and\n     Disorder\n     (Formulation and Implementation of Strategy) (Wales) Regulations 2007",
        "Crime and Disorder (Formulation and Implementation\n     of Strategy) (Wales)\n     Regulations 2007",
    ],
)
def test_legislation_long_title_over_three_indented_lines_is_whole(wrapped):
    r = one(f"1.3 In Wales the {wrapped} require partners to consult.")
    assert (
        r.title == "Crime and Disorder (Formulation and Implementation of Strategy) (Wales) Regulations 2007"
    )
    assert r.mention == wrapped


def test_legislation_provision_after_a_comma_at_a_line_end_is_attached():
    r = one("Members noted the Localism Act 2011,\n     section 81, on the community right to challenge.")
    assert r.provision == "section 81"


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
