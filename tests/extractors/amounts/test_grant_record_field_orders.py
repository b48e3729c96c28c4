"""Records of awards ("Label: value" fields) in any order of fields. Texts are invented."""

from __future__ import annotations

import pytest

from extractors import amounts
from pipeline.normalise import document_from_text


def _grants(text: str):
    return [(r.raw, r.is_grant, r.recipient) for r in amounts.extract(document_from_text(text))]


@pytest.mark.parametrize(
    "records",
    [
        # recipient before the amount, a field per line
        "Project: Park wardens\nAwarded to: Eastmere Town Council\nAmount: £4,000\n\n"
        "Project: Street lighting\nAwarded to: Westmere Parish Council\nAmount: £2,500\n",
        # the same with a field per paragraph and the value under its label
        "Awarded to:\n\nEastmere Town Council\n\nPurpose:\n\nPark wardens\n\nAmount:\n\n£4,000\n\n"
        "Awarded to:\n\nWestmere Parish Council\n\nPurpose:\n\nStreet lighting\n\nAmount:\n\n£2,500\n",
        # the amount between the project and its recipient
        "Project: Park wardens\nAmount: £4,000\nRecipient: Eastmere Town Council\n\n"
        "Project: Street lighting\nAmount: £2,500\nRecipient: Westmere Parish Council\n",
        # the amount first, as before
        "Amount: £4,000\nRecipient: Eastmere Town Council\nPurpose: Park wardens\n\n"
        "Amount: £2,500\nRecipient: Westmere Parish Council\nPurpose: Street lighting\n",
    ],
)
def test_each_record_keeps_its_own_recipient_whatever_the_order_of_fields(records):
    text = "Safer Parks Grants 2031/32\n\nThe Commissioner made these awards:\n\n" + records
    assert _grants(text) == [
        ("£4,000", True, "Eastmere Town Council"),
        ("£2,500", True, "Westmere Parish Council"),
    ]


def test_a_free_paragraph_after_a_record_does_not_open_the_next_one():
    text = (
        "Safer Parks Grants 2031/32\n\nThe Commissioner made these awards:\n\n"
        "Project: Park wardens\nAwarded to: Eastmere Town Council\nAmount: £4,000\n\n"
        "Wardens will patrol the two largest parks on summer evenings.\n\n"
        "Project: Street lighting\nAwarded to: Westmere Parish Council\nAmount: £2,500\n"
    )
    assert [g[2] for g in _grants(text)] == ["Eastmere Town Council", "Westmere Parish Council"]


# ---------------------------------------------------------------- the agent of paying verbs
@pytest.mark.parametrize("verb", ["funded by", "paid for by", "financed by", "which was paid for by"])
def test_a_fund_that_pays_is_the_funder(verb):
    text = f"Westmere Arts Trust received £9,000, {verb} the Brighter Towns Fund."
    row = amounts.extract(document_from_text(text))[0]
    assert (row.funder, row.recipient) == ("Brighter Towns Fund", "Westmere Arts Trust")


def test_a_fund_the_money_comes_from_is_the_scheme_not_the_funder():
    row = amounts.extract(
        document_from_text("Westmere Arts Trust received £9,000 from the Brighter Towns Fund.")
    )[0]
    assert (row.funder, row.scheme) == (None, "Brighter Towns Fund")
