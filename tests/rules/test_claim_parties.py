"""Whose claim it is: parties and raisers from invented clauses."""

from __future__ import annotations

import pytest

from dipevents.model.enums import OutcomeKind
from dipevents.rules.claim_parties import (
    dispute_parties,
    outcome_parties,
    qualified_raiser,
    raiser_after,
    subject,
)
from dipevents.rules.people import Person

EVENT = ["CHL", "PER"]


@pytest.mark.parametrize(
    ("before_cue", "owner"),
    [
        ("Chile ", ("CHL",)),
        ("Niger and Chad ", ("NER", "TCD")),
        ("The talks in Lima ", None),
        ("Officials on both sides ", None),
        ("Oduya said the African Union ", ()),
        ("Rojas also raised Chilean ", ("CHL",)),
        ("They reviewed the islands in the Gulf of Honduras that both countries ", None),
    ],
)
def test_the_subject_before_a_cue(before_cue: str, owner: tuple[str, ...] | None) -> None:
    assert subject(before_cue, 0, []) == owner


def test_a_person_stands_for_their_country() -> None:
    rojas = Person("Ana Rojas", "Foreign Minister", "CHL", None, (0, 5), [])
    assert subject("Rojas also ", 0, [rojas]) == ("CHL",)


def test_a_pledge_is_its_subjects_and_an_agreement_the_events() -> None:
    assert outcome_parties("Chile would build it", OutcomeKind.PLEDGE, ("CHL",), EVENT) == ["CHL"]
    assert outcome_parties("the AU would pay", OutcomeKind.PLEDGE, (), EVENT) == []
    agreed = "they agreed to fight North Korean smuggling"
    assert outcome_parties(agreed, OutcomeKind.AGREEMENT, ("CHL",), EVENT) == EVENT


def test_a_disputes_parties_are_the_event_countries_it_names() -> None:
    clause = "Chile wants a treaty, while Peru insists on guidelines near Bolivia"
    assert dispute_parties(clause, "CHL", ["CHL", "PER", "ECU"]) == ["CHL", "PER"]
    assert dispute_parties("Chile wants a treaty", "CHL", ["CHL", "PER", "ECU"]) == [
        "CHL",
        "PER",
        "ECU",
    ]


def test_a_country_qualifying_a_second_cue_raised_it() -> None:
    assert qualified_raiser(" Chilean objections to the tariffs") == "CHL"
    assert qualified_raiser(" Peruvian tariffs on fish") is None
    assert raiser_after(" the cost of the cable, which Latvia wants Estonia to pay") == "LVA"
