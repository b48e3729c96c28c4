"""Legislation extractor: titles; provisions; provisions on their own; initials of a title the paper names; PDF-converted layout."""

from __future__ import annotations

import pytest

from tests.extractors.legislation.helpers import CDA, STRATEGY_REGS, one, rows


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
    # an invented Act: titles the gazetteer does not hold keep their words and year, with no id
    r = one("The Parish Lighting Act 2017 placed a duty on parish councils to light footpaths.")
    assert (r.title, r.year, r.kind, r.legislation_id) == ("Parish Lighting Act 2017", 2017, "act", None)


def test_legislation_url_cited_under_an_unknown_title_gives_its_id():
    r = one(
        "Background papers:\n\nParish Lighting Act 2017\n"
        "http://www.legislation.gov.uk/ukpga/2017/99/contents/enacted"
    )
    assert r.legislation_id == "ukpga/2017/99"


def test_legislation_url_for_another_year_is_not_taken():
    r = one("Parish Lighting Act 2017\nhttp://www.legislation.gov.uk/ukpga/2009/99/contents")
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
