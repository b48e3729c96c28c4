"""Register risks named without a code: numbered risks, counted and introduced lists,
what the register did with a risk, a risk with its stated or changed rating; and the
narrative, policy and process text that names no register risk. Invented minutes."""

from __future__ import annotations

from tests.extractors.risks.helpers import rows_of


def found(text: str):
    return rows_of(text)[1]


def names(text: str) -> list[str]:
    return [r.risk for r in found(text)]


def test_numbered_risk_headings_keep_their_number_as_row():
    rs = found(
        "The Director highlighted the following key areas:\n\n"
        "Risk no. 4 – loss of the mobilising system\n"
        "A replacement contract was let in March.\n\n"
        "Risk no. 9 – Failure to recruit on-call staff\n"
        "Recruitment continued across the county.\n"
    )
    assert [(r.risk, r.row) for r in rs] == [
        ("loss of the mobilising system", 4),
        ("Failure to recruit on-call staff", 9),
    ]


def test_risk_of_the_register_with_its_likelihood_and_impact():
    (r,) = found(
        "It was said that risk 7 of the Register - Flooding of the civic centre basement – should be red, "
        "since its inherent and residual ratings were both 3 x 5."
    )
    assert r.risk == "Flooding of the civic centre basement"
    assert (r.row, r.rating_raw, r.likelihood, r.impact, r.score) == (7, "3 x 5", "3", "5", 15)


def test_numbered_risk_concerned_with_a_name():
    (r,) = found("Risk number 18 was concerned with the risk of a cyber attack on the payroll system.")
    assert (r.risk, r.row) == ("a cyber attack on the payroll system", 18)


def test_a_changed_rating_in_prose_gives_the_new_values():
    (r,) = found(
        "Risk 3 – Partnership funding – likelihood down from 4 to 3, so the score fell from 12 to 9.\n"
    )
    assert (r.risk, r.likelihood, r.score) == ("Partnership funding", "3", 9)


def test_a_stated_count_followed_by_that_many_names():
    assert names(
        "The officer said that two new risks had been added to the register, coastal flooding and pay inflation."
    ) == ["coastal flooding", "pay inflation"]
    assert names("The quarter saw two high scoring risks – Marina Works and Waste Contract.") == [
        "Marina Works",
        "Waste Contract",
    ]


def test_a_count_that_does_not_match_its_list_gives_nothing():
    assert names("There were twelve risks on the register, three red, six amber and three green.") == []


def test_bullets_under_an_intro_naming_the_registers_risks():
    rs = found(
        "With regard to the four risks in the Corporate Risk Register, updates were as follows:\n\n"
        "• Fleet replacement - two new appliances were delivered in the quarter.\n\n"
        "• Pension remedy – the scheme advisory board has issued guidance.\n"
    )
    assert [(r.risk, r.row) for r in rs] == [("Fleet replacement", 1), ("Pension remedy", 2)]


def test_what_the_register_did_with_a_risk():
    text = (
        "The strategic risk register was presented.\n"
        "• The leisure trust and Town Hall lease risks had been removed.\n"
        "• Market Square had been added as a risk following the survey.\n"
        "• The flood defence risk had been rescored at the request of the auditors.\n"
    )
    assert names(text) == ["leisure trust", "Town Hall lease", "Market Square", "flood defence"]


def test_a_risk_with_the_rating_the_text_gives_it():
    (r,) = found(
        "A member referred to the strategic risk register and the risk of failing to meet the housing "
        "target, which is marked as red."
    )
    assert (r.risk, r.rating_raw) == ("failing to meet the housing target", "red")


def test_narrative_risk_in_an_implications_section_is_not_a_register_risk():
    assert (
        names(
            "8. Risk management implications\n"
            "8.1 There is a risk that the grant will not be renewed, and a risk that costs will rise.\n"
            "8.2 The main risk had been reduced by the new contract. The risk of delay is considered low.\n"
        )
        == []
    )


def test_policy_text_and_lists_of_responses_or_categories_give_nothing():
    assert (
        names(
            "Risk Management Policy\n"
            "The corporate risk register records the risks; the responses to risks are as follows:\n"
            "• Treat – act to reduce the likelihood\n"
            "• Tolerate – accept the risk\n"
            "• Transfer – insure against it\n"
            "• Terminate – stop the activity\n"
            "The four categories of risks in the register are strategic, operational, financial and reputational.\n"
        )
        == []
    )


def test_an_appetite_statement_gives_nothing():
    assert (
        names(
            "Risk appetite\nThe council has a low appetite for risks to public safety and a moderate appetite "
            "for commercial risks, as the register shows.\n"
        )
        == []
    )


def test_comments_on_the_register_are_not_its_risks():
    assert (
        names(
            "Members considered the corporate risk register and raised these points on its risks:\n"
            "• Councillor Ames - asked whether the ratings were applied consistently\n"
            "• Members - asked for training on the scoring matrix\n"
        )
        == []
    )


def test_names_one_per_line_or_inline_after_an_intro_naming_rated_risks():
    assert names(
        "The register's red risks are:\nAdult social care demand\nHighways maintenance backlog\n\nNext item.\n"
    ) == ["Adult social care demand", "Highways maintenance backlog"]
    assert names(
        "Members noted the risks rated high: school transport costs, agency staffing and pay awards."
    ) == [
        "school transport costs",
        "agency staffing",
        "pay awards",
    ]


def test_each_list_gives_its_rows_once_even_when_a_risk_repeats_in_a_later_list():
    rs = found(
        "The amber risks on the strategic register were:\n"
        "• Recycling targets\n"
        "• Recycling targets\n"
        "• Depot capacity\n\n"
        "After the review the amber risks on the register were:\n"
        "• Depot capacity\n"
    )
    assert [(r.risk, r.row) for r in rs] == [
        ("Recycling targets", 1),
        ("Depot capacity", 3),
        ("Depot capacity", 1),
    ]


def test_a_risk_named_as_the_noun_phrase_before_risk_in_talk_about_the_register():
    text = (
        "The officer presented the strategic risk register. Attention was drawn to the harbour dredging and "
        "Coastal Path risks. As members would see from the bus subsidy risk, costs had risen."
    )
    assert names(text) == ["harbour dredging", "Coastal Path", "bus subsidy"]


def test_risk_as_a_modifier_or_after_a_kind_or_qualifier_is_no_name():
    text = (
        "The officer presented the corporate risk register. Members attended the Audit Committee risk "
        "workshop. The overall residual risk was unchanged. The reputational and financial risks were "
        "discussed, as was the health and safety risk. The Board and whether officers agreed on the top ten "
        "risks was noted."
    )
    assert names(text) == []


def test_without_talk_of_a_register_the_phrase_is_narrative():
    assert (
        names("Residents told us about the speeding traffic risk near the school and the flood risk.") == []
    )


def test_a_rated_section_of_a_register_names_each_risk_by_its_heading():
    rs = found(
        "County Community Risk Register\n\n"
        "High risks\n\n"
        "The risks on this page could cause serious harm and are planned for jointly by all agencies.\n\n"
        "Coastal storm surge\n\n"
        "A surge tide can overtop sea walls along the estuary and flood homes near the shore.\n\n"
        "Effects include:\n\n"
        "• Loss of power to homes\n\n"
        "Background\n\n"
        "Storm surges were last recorded in the county in the winter of 2013 and 2014.\n\n"
        "Heatwave\n\n"
        "Long spells of high temperatures put older residents and outdoor workers at risk.\n"
    )
    assert [(r.risk, r.rating_raw, r.row) for r in rs] == [
        ("Coastal storm surge", "high", 1),
        ("Heatwave", "high", 2),
    ]
    assert (
        rs[0].description
        == "A surge tide can overtop sea walls along the estuary and flood homes near the shore."
    )


def test_a_rated_heading_outside_a_register_gives_nothing():
    assert (
        names(
            "High risks\n\nThe guidance explains how to plan for events.\n\nHeatwave\n\n"
            "Long spells of high temperatures put older residents at risk.\n"
        )
        == []
    )


def test_the_name_of_a_risk_acted_on_starts_after_its_own_article():
    text = "The corporate risk register was noted. A member queried why the Temporary Accommodation risk had been reduced."
    assert names(text) == ["Temporary Accommodation"]


def test_a_semicolon_list_after_a_counted_intro():
    assert names(
        "The top three risks on the register are: coastal erosion; staffing; and the housing budget."
    ) == [
        "coastal erosion",
        "staffing",
        "housing budget",
    ]


def test_the_registers_headings_or_fields_are_not_its_risks():
    assert (
        names(
            "The council's risk register records its risks under the following headings:\n"
            "• Strategic\n• Operational\n• Financial\n"
        )
        == []
    )
    assert (
        names(
            "The corporate risk register sets out its risks as follows:\n"
            "Risk description – what could happen\nOwner – who manages the risk\n"
        )
        == []
    )
