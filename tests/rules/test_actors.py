"""The actor rule: a contact is diplomatic only with a state or international actor in it."""

from __future__ import annotations

import pytest

from dipevents import extract_events
from dipevents.rules.actors import names_diplomatic_actor

PUBLISHED = "2026-03-04"  # a Wednesday


def _events(text: str) -> list[tuple[str, str]]:
    report = extract_events(text, backend="rules", published=PUBLISHED)
    return [(event.event_type.value, event.status.value) for event in report.events]


@pytest.mark.parametrize(
    "text",
    [
        "The coach held talks with the president of the Ghana Football Association on Monday.",
        "The climbers reached the summit on Monday.",
        "Norwegian and Nepali climbers reached the summit on Monday.",
        "Expedition leader Ingvild Haugen met the team in Skardu on Monday.",
        "The company's chief executive signed a deal with a supplier on Monday.",
        "Kenyan and Ugandan companies signed a deal on Monday.",
        "Officials are due to meet in Nairobi on Friday.",
        "The team is due to meet officials of Pakistan's tourism department on Friday.",
    ],
)
def test_a_cue_word_without_a_state_actor_gives_nothing(text: str) -> None:
    assert not names_diplomatic_actor(text)
    assert _events(text) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Foreign Minister Ana Lima held talks with her Chilean counterpart on Monday.",
            ("meeting", "occurred"),
        ),
        (
            "Kenyan officials are due to meet Ethiopian officials in Nairobi on Friday.",
            ("meeting", "planned"),
        ),
        ("Officials from both countries will meet in Nairobi on Friday.", ("meeting", "planned")),
        ("The leaders of Chad and Niger met in N'Djamena on Monday.", ("meeting", "occurred")),
        ("Nigeria's Vice President met a delegation in Abuja on Monday.", ("meeting", "occurred")),
        ("The president of Kenya held talks in Kampala on Monday.", ("meeting", "occurred")),
        ("African Union mediators held talks in Addis Ababa on Monday.", ("meeting", "occurred")),
        ("Brazil and Morocco signed an agreement on Monday.", ("signing", "occurred")),
    ],
)
def test_a_state_or_international_actor_opens_the_event(text: str, event: tuple[str, str]) -> None:
    assert names_diplomatic_actor(text)
    assert _events(text) == [event]


def test_an_office_of_a_state_overrules_sport_words() -> None:
    text = "The sports minister of Ghana held talks with Japan's ambassador before the match."
    assert names_diplomatic_actor(text)


def test_sport_words_overrule_two_countries_alone() -> None:
    assert not names_diplomatic_actor("Ghana and Japan held talks before the friendly match.")
    assert names_diplomatic_actor("Ghana and Japan held talks on fishing rights.")


@pytest.mark.parametrize(
    "text",
    [
        "Nepal's tourism ministry said 12 climbers reached the summit on Monday.",
        "Norway's ambassador hosted the climbers at the embassy before the summit push.",
        "The chief executive held talks with the Kenyan government on a mining licence.",
        "Kenyan Sports Minister Ali Juma met the national team before the qualifier.",
    ],
)
def test_a_state_actor_alone_is_no_diplomacy_in_sport_business_or_climbing(text: str) -> None:
    assert not names_diplomatic_actor(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ghana's sports minister met Nigeria's football federation president on Tuesday.",
        "Nepali guides fixed ropes to the summit, and teams from Norway and China followed, "
        "officials of the provincial government said.",
    ],
)
def test_in_sport_or_climbing_one_actor_among_several_countries_is_no_diplomacy(
    text: str,
) -> None:
    assert not names_diplomatic_actor(text)


def test_an_office_needs_a_state_it_serves() -> None:
    assert not names_diplomatic_actor("Talks between the government and tour operators resumed.")
    assert names_diplomatic_actor("The two governments said their ministers would meet.")


def test_two_countries_in_a_takeover_story_are_no_diplomatic_actors() -> None:
    from dipevents.rules.actors import names_diplomatic_actor

    assert not names_diplomatic_actor(
        "Norwegian fish farmer Nordlaks ASA said it was in talks to buy Icelandic rival Fjord hf."
    )
    assert names_diplomatic_actor("Norway and Iceland held talks on fishing quotas.")
