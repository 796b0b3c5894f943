"""People named with their office, and later mentions of their surname."""

from __future__ import annotations

import pytest

from dipevents.rules.people import find_people


@pytest.mark.parametrize(
    ("sentence", "name", "title", "country"),
    [
        (
            "Norwegian Foreign Minister Ingrid Solberg met him.",
            "Ingrid Solberg",
            "Foreign Minister",
            "NOR",
        ),
        (
            "He met Kenya’s trade minister, Daniel Mwangi, on Friday.",
            "Daniel Mwangi",
            "trade minister",
            "KEN",
        ),
        (
            "Daniel Mwangi, Kenya's trade minister, said so.",
            "Daniel Mwangi",
            "trade minister",
            "KEN",
        ),
        (
            "Officials said Thailand’s delegation was led by Deputy Foreign Minister Nattaporn "
            "Srisuk.",
            "Nattaporn Srisuk",
            "Deputy Foreign Minister",
            "THA",
        ),
    ],
)
def test_people_with_their_offices(sentence: str, name: str, title: str, country: str) -> None:
    (person,) = find_people(sentence, [(0, len(sentence))])
    assert (person.name, person.title, person.country) == (name, title, country)
    assert name in sentence[slice(*person.evidence)]


def test_later_surname_mentions_resolve_to_the_person() -> None:
    text = "U.S. Secretary of State Ana Ruiz met them. Later, Ruiz said talks went well."
    (person,) = find_people(text, [(0, 43), (43, len(text))])
    assert person.organization is None and person.country == "USA"
    assert [text[s:e] for s, e in person.mentions] == ["Ruiz", "Ruiz"]


def test_a_name_without_an_office_is_not_a_person() -> None:
    text = "Maria Lopez said the weather in Lima was fine."
    assert find_people(text, [(0, len(text))]) == []
