"""Lists and sentences on real pages that are not priority lists (issue #13), in new words."""

from __future__ import annotations

from tests.extractors.priorities.helpers import _texts

CONTENTS = """Safer County Plan 2026 - 2030

Message from the Commissioner
Message from the Chief Constable
The county at a glance
What did residents tell us?
What are the national priorities?
About this plan
Our foundations
Cutting burglary
Supporting victims
Checking how we are doing
Paying for this plan
Get in touch

Message from the Commissioner

I am proud to present this plan to the people of the county.
"""


def test_a_contents_list_is_not_a_list_under_its_question_entry():
    assert _texts(CONTENTS) == []


def test_the_strands_of_a_fund_are_not_priorities():
    text = (
        "The two strands that make up the Safer Villages Fund are:\n\n"
        "  • Small Grants Fund\n  • Capital Improvement Grants\n\nSmall Grants Fund\n\nText about it.\n"
    )
    assert _texts(text) == []


def test_link_text_where_the_list_should_be_is_not_a_list():
    text = (
        "To meet our vision we have made twelve commitments across the following three priorities:\n"
        "Read the full Council Strategy 2025-2029\n"
        "Annual Delivery Plan\n"
        "Each year we publish a delivery plan with the actions and measures for the year ahead.\n"
    )
    assert _texts(text) == []


def test_priorities_are_to_do_something_is_a_purpose_not_a_list():
    text = (
        "Our priorities are to make the district a safer place for residents, workers, and visitors "
        "by cutting crime and by supporting local groups.\n"
    )
    assert _texts(text) == []


def test_a_remark_about_the_priorities_is_not_a_list():
    text = (
        "The board notes that the names of the priorities are unchanged, some actions have been "
        "updated to reflect new data.\n"
    )
    assert _texts(text) == []


def test_a_heading_whose_sentence_runs_on_introduces_nothing():
    text = (
        "2.1  The County Safety Agreement 2021-2024 sets shared priorities\n"
        "     which the borough plan supports.\n\n"
        "3.   PRIORITIES FOR 2022-2025\n\n"
        "3.1  After the assessment, the partnership's priorities for\n     2022-2025 are:\n\n"
        "     - Reducing arson\n     - Safer parks\n"
    )
    assert _texts(text) == ["Reducing arson", "Safer parks"]


def test_key_issues_raised_at_a_meeting_are_not_priorities():
    text = "Key issues raised at the meeting:\n\n• Parking near the school\n• Noise from the depot\n"
    assert _texts(text) == []


def test_a_section_number_does_not_continue_an_unbulleted_list():
    text = (
        "The partnership's priorities are:\n"
        "Safer roads\n"
        "Fewer burglaries\n"
        "4. Budget\n"
        "The budget for the year is set out in the appendix.\n"
    )
    assert _texts(text) == ["Safer roads", "Fewer burglaries"]


def test_a_sentence_bullet_after_named_items_ends_the_list():
    text = (
        "The plan's priorities are:\n"
        "- Safer roads\n"
        "- Fewer burglaries\n"
        "- Cleaner streets\n"
        "- The board will review these priorities every year with the police and the fire service.\n"
    )
    assert _texts(text) == ["Safer roads", "Fewer burglaries", "Cleaner streets"]


def test_an_item_that_starts_with_a_verb_like_share_is_not_link_text():
    text = "Our priorities are:\n\n• Share the benefits of growth\n• Open up the riverside\n"
    assert _texts(text) == ["Share the benefits of growth", "Open up the riverside"]


def test_short_outcome_statements_are_items_not_prose():
    text = "Our key outcomes are:\nThe town centre is safe at night\nResidents feel heard by the council\nThe river is clean\n"
    assert _texts(text) == [
        "The town centre is safe at night",
        "Residents feel heard by the council",
        "The river is clean",
    ]


def test_a_sentence_after_an_action_list_about_serving_the_priorities_names_nothing():
    text = (
        "We will:\n\n• fix potholes\n• mend street lights\n\nThese support the priorities of the council.\n"
    )
    assert _texts(text) == []


def test_a_list_of_report_appendices_is_not_priorities():
    text = (
        "The priorities are set out in the following documents:\n\n"
        "Appendix 1 – Community Safety Plan\nAppendix 2 – Action Plan\nAppendix 3 – Equality Impact Assessment\n"
    )
    assert _texts(text) == []
