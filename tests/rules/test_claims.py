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
    add_claims(text, Sentence(text, 0, len(text)), event, [], [])
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


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The two sides decided to make efforts to conclude a fisheries pact.", "pledge"),
        ("The two sides decided to open a hotline.", "agreement"),
        ("The leaders agreed to meet in person soon.", "follow_up"),
        ("The meeting ended with an agreement to resume direct flights.", "agreement"),
        ("The ministers agreed on the need to protect the river basin.", "other"),
        ("Okoro extended an invitation to the Chilean president.", "other"),
        ("The ministers stressed the need to settle the border issue peacefully.", "other"),
        ("Okoro invited Chilean firms to take part in a new port project.", "other"),
        ("The leaders vowed to reopen the crossing by January.", "pledge"),
        ("They directed their envoys to draw up a joint plan.", "follow_up"),
        ("The talks narrowed differences over the shared oil field.", "progress"),
        ("A technical committee will study it, with no date yet announced.", "follow_up"),
    ],
)
def test_outcome_cues_of_wire_copy(text: str, kind: str) -> None:
    (outcome,) = claims(text).outcomes
    assert outcome.kind.value == kind
    assert claims(text).disputes == []


@pytest.mark.parametrize(
    "text",
    [
        "The talks failed to settle the matter because of Lima's position on the river.",
        "Tensions between the two neighbours increased over the seizure of a barge.",
        "Kim insisted on the removal of a platform near the shared island.",
        "A meeting of the ministers has been delayed over a shooting on the border.",
        "Differences remain over the route of the new highway near the border.",
        "Quito pressed for a higher minimum wage for its workers abroad.",
        "Chile wants Peru to ease visa rules for its truck drivers.",
        "The ministers remained apart on whether the vote should be binding.",
        "Officials said the question of fees was discussed but not settled.",
        "The talks made no progress on the maritime boundary.",
        "Fishing rights remained a sticking point between the two sides.",
    ],
)
def test_dispute_cues_of_wire_copy(text: str) -> None:
    (dispute,) = claims(text).disputes
    assert dispute.evidence.startswith(text[:12])


def test_a_wish_of_ones_own_is_no_dispute() -> None:
    assert claims("Ghana wants to deepen its ties with the region.").disputes == []


def test_the_raiser_is_the_first_country_before_the_cue() -> None:
    (dispute,) = claims("Chile wants Peru to ease visa rules for its truck drivers.").disputes
    assert dispute.raised_by == "CHL" and dispute.parties[:2] == ["CHL", "PER"]


@pytest.mark.parametrize(
    "text",
    [
        "The draft will be published before it is signed.",
        "A customs pact was drafted in 2011 but never signed.",
        "A Peruvian source said Lima remained committed to the dialogue.",
        "Chile offered to host a first meeting.",
        "The centre set up in Lima has twelve staff.",
        "The talks went well, said an official who asked that his name not be used.",
        "Price differences make it profitable to smuggle fuel.",
        "Chile called Peru in an effort to calm tensions after the shooting.",
        "Chile and Peru have long disagreed over their sea border.",
    ],
)
def test_a_cue_inside_a_phrase_that_reports_no_claim_gives_none(text: str) -> None:
    assert claims(text).outcomes == [] and claims(text).disputes == []


def test_not_yet_agreed_is_a_dispute_not_an_agreement() -> None:
    event = claims("Officials said they had not yet agreed on how to share the costs.")
    assert event.outcomes == [] and len(event.disputes) == 1


def test_a_dispute_runs_on_through_the_other_sides_position() -> None:
    text = (
        "Chile wants a binding treaty on the river, while Peru has insisted on non-binding "
        "guidelines, which it says protect its farmers."
    )
    (dispute,) = claims(text).disputes
    assert dispute.evidence == text


def test_an_outcome_ends_before_a_trailing_relative_clause() -> None:
    text = "The ministers agreed to reopen the crossing, which closed in May."
    assert outcome_quotes(text) == ["The ministers agreed to reopen the crossing"]


def test_a_clause_starts_after_when_but_not_after_a_pointing_that() -> None:
    (outcome,) = claims("They met in May, when they agreed to restore direct flights.").outcomes
    assert outcome.evidence == "they agreed to restore direct flights."
    (dispute,) = claims("At that meeting Chile raised concerns about the wall.").disputes
    assert dispute.evidence.startswith("At that meeting")


def test_a_territory_both_sides_claim_is_a_dispute() -> None:
    text = "They also reviewed the status of the islands both countries claim."
    (dispute,) = claims(text).disputes
    assert "islands" in dispute.evidence


def test_the_clause_after_a_semicolon_is_a_second_outcome() -> None:
    text = "They agreed to open a hotline; they also agreed to hold a joint drill next year."
    assert outcome_quotes(text) == [
        "They agreed to open a hotline",
        "they also agreed to hold a joint drill next year.",
    ]


def test_a_dispute_the_event_ends_is_resolved() -> None:
    text = "They signed a water pact, ending a dispute over summer releases."
    (dispute,) = claims(text).disputes
    assert dispute.status.value == "resolved"
    (open_dispute,) = claims("The dispute over summer releases goes on.").disputes
    assert open_dispute.status.value == "unresolved"


@pytest.mark.parametrize(
    ("text", "raiser"),
    [
        ("Kenya raised concerns about the wall.", "KEN"),
        ("Rojas also raised Chilean objections to the new tariffs.", "CHL"),
        ("Niger and Chad urged quick studies of the lake.", None),
        ("Officials on both sides said they had not settled the freight costs.", None),
        ("They did not settle the cost of the cable, which Latvia wants Estonia to share.", "LVA"),
        ("While Peru was not on the agenda, Chile raised concerns about visas.", "CHL"),
    ],
)
def test_who_raised_a_dispute(text: str, raiser: str | None) -> None:
    (dispute,) = claims(text).disputes
    assert dispute.raised_by == raiser


@pytest.mark.parametrize(
    "text",
    [
        "The EU would stay in close contact with both sides.",
        "A lawyer in Lagos or Lima will find the difference.",
        'Rojas said Chile would "continue to defend the principle".',
        "Insurers price risk by what happens at sea, not by what is agreed on land.",
        "They discussed the treaty, which the two presidents signed last year.",
    ],
)
def test_comments_and_background_give_no_outcome(text: str) -> None:
    assert claims(text).outcomes == []


def test_a_condition_is_a_dispute_not_a_pledge() -> None:
    event = claims("Rojas said Quito would only lift its duty once Lima acted.")
    assert event.outcomes == [] and len(event.disputes) == 1


def test_raising_an_issue_is_a_dispute_but_raising_money_is_not() -> None:
    (dispute,) = claims("Belize had raised the detention of three fishermen.").disputes
    assert dispute.raised_by == "BLZ"
    assert claims("Chile raised funds for the new port.").disputes == []


def test_two_outcomes_joined_by_and_are_two_claims() -> None:
    text = "They agreed to extend opening hours at two crossings and to set up a task force."
    assert outcome_quotes(text) == [
        "They agreed to extend opening hours at two crossings",
        "to set up a task force.",
    ]
    text = "They agreed to set up a commission, and Rojas said that Chile would open a consulate."
    assert outcome_quotes(text) == [
        "They agreed to set up a commission",
        "Chile would open a consulate.",
    ]


def test_and_inside_one_outcome_parts_nothing() -> None:
    text = "The ministers agreed that Chilean and Peruvian ships would patrol the coast."
    assert outcome_quotes(text) == [text]


def test_a_warning_is_a_comment_not_a_dispute() -> None:
    assert claims("Analysts warned that the issue could still delay ratification.").disputes == []
