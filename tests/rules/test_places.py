"""The event's city and venue: the reporting sentence first, then a venue, then a restatement."""

from __future__ import annotations

import pytest

from dipevents import extract_events
from dipevents.rules.places import find_location
from dipevents.rules.segment import Sentence


def _sentences(*texts: str) -> list[Sentence]:
    return [Sentence(text, 0, len(text)) for text in texts]


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Speaking in Nairobi Mwangi told reporters the talks went well.", "Nairobi"),
        ("The ministers met in The Hague on Monday.", "The Hague"),
        ("The ministers met in the coastal city of Mombasa on Monday.", "Mombasa"),
        ("The minister is due in Ho Chi Minh City on Thursday.", "Ho Chi Minh City"),
        ("The minister flew to Baghdad on Tuesday.", "Baghdad"),
        ("The ministers met in Gazakh on Monday.", "Gazakh"),
        ("After stops in Quito and Lima, the minister held talks in Bogotá.", "Bogotá"),
        ("Ana Lima, who flew in from Quito, held talks in Bogotá.", "Bogotá"),
        ("The ministers were due to meet in Port of Spain on Thursday.", "Port of Spain"),
        ("The envoys met in Dar es Salaam on Friday.", "Dar es Salaam"),
        ("The envoys met in Gazakh of all places.", "Gazakh"),
    ],
)
def test_the_city_is_read_whole_and_alone(text: str, city: str) -> None:
    found = find_location(_sentences(text), None)
    assert found is not None and found.city == city


def test_the_reporting_sentence_names_the_city_a_later_venue_stands_in() -> None:
    found = find_location(
        _sentences(
            "The ministers met in Port Moresby on Monday.",
            "They met for three hours at the Foreign Affairs building in Waigani.",
        ),
        None,
    )
    assert found is not None
    assert (found.city, found.venue) == ("Port Moresby", "Foreign Affairs building")


def test_a_later_city_counts_only_in_a_sentence_about_the_contact() -> None:
    first = "The ministers met on Monday."
    assert find_location(_sentences(first, "Trade through Piura has slowed."), None) is None
    found = find_location(_sentences(first, "They held talks in Lima."), None)
    assert found is not None and found.city == "Lima"


def test_a_phone_call_takes_place_nowhere() -> None:
    text = "Kenya's President Ana Lima telephoned Uganda's President Tom Obo in Kampala on Monday."
    (event,) = extract_events(text, backend="rules", published="2026-03-04").events
    assert event.location is None


def test_the_words_before_a_city_come_from_the_lexicon() -> None:
    found = find_location(_sentences("Saar travelled on to Vilnius, where she met Tomas."), None)
    assert found is not None and found.city == "Vilnius"
