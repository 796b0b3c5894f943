"""Outcomes and disputes cut out of single invented sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dipevents.model.draft import ReplyDispute, ReplyOutcome
from dipevents.model.enums import OutcomeKind
from dipevents.rules.claims import add_claims
from dipevents.rules.segment import Sentence


@dataclass
class _Event:
    outcomes: list[ReplyOutcome] = field(default_factory=list)
    disputes: list[ReplyDispute] = field(default_factory=list)


def claims(text: str) -> _Event:
    """The claims `add_claims` finds in `text`, read as one sentence of an event."""
    event = _Event()
    add_claims(text, Sentence(text, 0, len(text)), event, [])
    return event


def outcome_quotes(text: str) -> list[str]:
    return [outcome.evidence for outcome in claims(text).outcomes]


@pytest.mark.parametrize(
    "text",
    [
        "Chile would open a consulate in Hanoi next year.",
        "Peru said it would send two patrol boats.",
        "The two countries will build a bridge over the river.",
        "Kenyan companies would invest $2 billion in the port.",
        "Oduya said the African Union would pay for the study.",
    ],
)
def test_will_or_would_with_a_party_as_subject_is_a_pledge(text: str) -> None:
    (outcome,) = claims(text).outcomes
    assert outcome.kind is OutcomeKind.PLEDGE


@pytest.mark.parametrize(
    "text",
    [
        "Prices will be set in commercial contracts.",
        "The minister will head the delegation when the talks begin.",
        "Officials said the government would review the process.",
        "Peru said it would not attend the meeting.",
        "Chile and Peru will meet in Lima on Monday.",
        "Analysts said the talks in Lima would change little.",
    ],
)
def test_will_or_would_without_a_party_pledging_is_no_outcome(text: str) -> None:
    assert claims(text).outcomes == []


def test_a_new_date_is_a_follow_up() -> None:
    (outcome,) = claims("Both sides said a new date would be set soon.").outcomes
    assert outcome.kind is OutcomeKind.FOLLOW_UP


def test_an_agreement_named_in_passing_is_no_outcome() -> None:
    assert claims("Officials had hoped the visit would revive a trade agreement.").outcomes == []


def test_meeting_again_is_a_follow_up() -> None:
    (outcome,) = claims("The two delegations are expected to meet again next year.").outcomes
    assert outcome.kind is OutcomeKind.FOLLOW_UP
