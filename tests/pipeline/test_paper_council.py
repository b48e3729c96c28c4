"""Which council owns a paper: slugs only from the gazetteer, owners over partners, commissioners.

The texts are written for these tests in the genre of council pages; the councils are real
(the gazetteer only knows real ones) but the wording is invented.
"""

from __future__ import annotations

import pytest

from pipeline.councils import check_council, gazetteer
from pipeline.paper_council import council_of


@pytest.mark.parametrize(
    "text, slug",
    [
        # a council named as such, in its everyday or official form
        ("The report was agreed by Wealden District Council in March.", "wealden"),
        ("Officers of the London Borough of Barking and Dagenham attended.", "barking-and-dagenham"),
        ("BOROUGH OF POOLE\n\nCOUNCIL\n\n16 DECEMBER 2014\n", "poole"),
        ("Cyngor Sir Ceredigion agreed the plan.", "ceredigion"),
        # partnerships, boards and plans named after their place
        ("The Safer Thanet Partnership met on Tuesday.", "thanet"),
        ("It supports the Joint Health and Wellbeing Strategy for Devon 2020-2025.", "devon"),
        (
            "Update from the Bath and North East Somerset Community Safety and Drugs Partnership.",
            "bath-and-north-east-somerset",
        ),
        # officers' e-mail and web addresses
        ("Contact: j.smith@lancaster.gov.uk", "lancaster"),
        ("Contact: committees@lbbd.gov.uk", "barking-and-dagenham"),
        # initials with an ampersand, and a place named once in passing
        ("A summary of the B&NES strategy is attached.", "bath-and-north-east-somerset"),
        ("The board discussed what the register meant for Lewisham residents.", "lewisham"),
    ],
)
def test_the_council_comes_from_what_the_text_says(text, slug):
    assert council_of(text) == slug


@pytest.mark.parametrize(
    "text, slug",
    [
        (
            "Decision of the Police and Crime Commissioner for Cleveland.\n\nThe Commissioner agreed.",
            "cleveland-pcc",
        ),
        ("Surrey's Police and Crime Commissioner has awarded grants to local charities.", "surrey-pcc"),
        (
            "The Police, Fire and Crime Commissioner for Essex published the allocations. The PFCC said…",
            "essex-pfcc",
        ),
        # "the Commissioner" of the one police area the page names
        (
            "The Commissioner has opened a fund for groups across Hertfordshire. The Commissioner "
            "said grants would reach every part of Hertfordshire. Hertfordshire County Council is a partner.",
            "hertfordshire-pcc",
        ),
    ],
)
def test_a_commissioners_page_is_the_commissioners(text, slug):
    assert council_of(text) == slug


def test_owner_evidence_beats_partners_named_more_often():
    text = (
        "MAIDSTONE BOROUGH COUNCIL\n\nCommunities Committee\n\n"
        "The Kent Police and Crime Commissioner funds the partnership. The PCC also funds Kent County "
        "Council's wardens, and Kent County Council chairs the board. The Commissioner attended.\n\n"
        "Contact: officer@maidstone.gov.uk\n"
    )
    assert council_of(text) == "maidstone"


def test_a_police_and_crime_panel_paper_is_not_the_commissioners():
    text = (
        "NORTH WALES POLICE AND CRIME PANEL\n12 JUNE 2023\n\nThe Police and Crime Commissioner for North "
        "Wales presented the precept. The Commissioner answered questions.\n\nPanel support: Conwy County "
        "Borough Council\n"
    )
    assert council_of(text) == "conwy"


@pytest.mark.parametrize(
    "text",
    [
        "The Council noted the report and thanked officers.",  # no council named
        "Northtown Borough Council agreed its plan.",  # not a UK authority
        "Seconded by Cllr Clare Sutton, the motion was carried.",  # a person, not Sutton
        "The Lancashire Constabulary and NHS Dorset gave evidence.",  # other bodies named after places
        "Reading the report, members asked about costs.",  # a common word opening a sentence
        "Update on the Bournemouth, Christchurch and Poole area strategy.",  # an authority with no slug
        "The Combined Fire Authority reviewed risks to firefighters across Buckinghamshire.",
    ],
)
def test_no_council_when_the_text_does_not_name_one(text):
    assert council_of(text) is None


def test_every_slug_the_gazetteer_gives_is_one_it_knows():
    gaz = gazetteer()
    assert gaz.is_known("medway") and gaz.is_known("kent-pcc") and gaz.is_known("essex-pfcc")
    assert not gaz.is_known("northtown") and not gaz.is_known("the") and not gaz.is_known("kent-pfcc-x")
    assert gaz.lookup("Richmond") is None and gaz.lookup_prefix("Richmond") == "richmond-upon-thames"


def test_council_option_accepts_known_and_other_slugs_but_refuses_near_misses():
    assert check_council("tunbridge-wells") == "tunbridge-wells"
    with pytest.raises(ValueError):
        check_council("medwy")
