"""Where an event took place: city, venue and the sentence that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dipevents.rules.segment import Sentence
from dipevents.text.countries import city_country, country_code
from dipevents.text.lexicon import phrases

_VENUE = re.compile(
    r"\b(?:at|in)\s+the\s+(?P<venue>(?:[A-Z][\w’'.-]*\s+)*(?:[a-z]+\s+){0,3}"
    r"(?:consulate|embassy|palace|ministry|headquarters|residence|building|hotel|house|"
    r"centre|center|office|chancellery|secretariat|castle|villa)(?:\s+building)?)\b"
)
_CITY = re.compile(
    r"\b(?:in|at)\s+(?:central\s+|downtown\s+|the\s+city\s+of\s+)?"
    r"(?P<city>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)(?:,\s+(?P<country>[A-Z][\w ]+?))?\b"
)
_POSSESSIVE = re.compile(r"(?:’s|'s)$")


@dataclass(frozen=True)
class FoundLocation:
    city: str | None
    country: str | None
    venue: str | None
    evidence: str


def find_location(sentences: list[Sentence], dateline_place: str | None) -> FoundLocation | None:
    """The first sentence naming a venue (its city defaulting to the dateline's place), else the
    first naming a city, else None. The dateline alone is not taken for the event's place: it is
    where the report was filed, and on the development set using it cost more than it gained."""
    for sentence in sentences:
        venue = _VENUE.search(sentence.text)
        if venue is not None:
            city, country = _city_in(sentence.text, dateline_place)
            return FoundLocation(city, country, venue["venue"], sentence.text)
    for sentence in sentences:
        city, country = _city_in(sentence.text, None)
        if city is not None:
            return FoundLocation(city, country, None, sentence.text)
    return None


def _city_in(text: str, fallback: str | None) -> tuple[str | None, str | None]:
    for match in _CITY.finditer(text):
        city = _POSSESSIVE.sub("", match["city"])
        if any(word in phrases("not_names.txt") for word in city.split()):
            continue
        country_of = city_country(city)
        if country_of is None and country_code(city) is not None:
            continue  # a country or demonym, not a city
        named = country_code(match["country"]) if match["country"] else None
        return city, named or country_of
    return fallback, None
