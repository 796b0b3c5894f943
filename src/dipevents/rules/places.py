"""Where an event took place: city, venue and the sentence that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import takewhile

from dipevents.rules.clauses import background_spans, in_background
from dipevents.rules.segment import Sentence
from dipevents.text.countries import city_country, country_code
from dipevents.text.lexicon import matcher, phrases

_VENUE = re.compile(
    r"\b(?:at|in)\s+the\s+(?P<venue>(?:[A-Z][\w’'.-]*\s+)*(?:[a-z]+\s+){0,3}"
    r"(?:consulate|embassy|palace|ministry|headquarters|residence|building|hotel|house|"
    r"centre|center|office|chancellery|secretariat|castle|villa)(?:\s+building)?)\b"
)
_NAME_WORD = r"[A-Z][\w’'-]+"
_CITY_CONNECTOR = r"(?:of|de|del|es|do|da)"  # "Port of Spain", "Rio de Janeiro", "Dar es Salaam"
_CITY = (
    r"\s+(?:central\s+|downtown\s+|the\s+(?:[\w-]+\s+){0,2}(?:city|town|port|village)\s+of\s+)?"
    rf"(?P<city>(?:The\s+)?{_NAME_WORD}(?:\s+(?:{_CITY_CONNECTOR}\s+)?{_NAME_WORD}){{0,3}})"
    r"(?:,\s+(?P<country>[A-Z][\w ]+?))?\b"
)
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
_UNKNOWN_CITY_WORDS = 2  # a city not in the gazetteer: "Gazakh", "Sea Island"


@dataclass(frozen=True)
class FoundLocation:
    city: str | None
    country: str | None
    venue: str | None
    evidence: str


def find_location(sentences: list[Sentence], dateline_place: str | None) -> FoundLocation | None:
    """The event's place, from its sentences (the first one reports it).

    The city is the first sentence's, else a venue sentence's (defaulting to the dateline's
    place), else that of a later sentence about the contact ("held talks in Hanoi"); the
    venue is the first one named. The dateline alone is not taken for the event's place: it is
    where the report was filed, and on the development set using it cost more than it gained.
    """
    anchor = _city_in(sentences[0].text)
    venue_sentence = next((s for s in sentences if _VENUE.search(s.text)), None)
    if venue_sentence is not None:
        venue = _VENUE.search(venue_sentence.text)
        assert venue is not None
        own = _city_in(venue_sentence.text)
        city, country = anchor or own or (dateline_place, None)
        evidence = sentences[0].text if anchor and not own else venue_sentence.text
        return FoundLocation(city, country, venue["venue"], evidence)
    if anchor is not None:
        return FoundLocation(*anchor, None, sentences[0].text)
    for sentence in sentences[1:]:
        found = _city_in(sentence.text) if matcher("triggers.tsv").first(sentence.text) else None
        if found is not None:
            return FoundLocation(*found, None, sentence.text)
    return None


def city_named(text: str) -> str | None:
    """The first city `text` names as a place (`_city_in`), without its country."""
    found = _city_in(text)
    return found[0] if found else None


def _city_in(text: str) -> tuple[str, str | None] | None:
    """The first city `text` names after "in", "at" or a verb of travel, with its country;
    not one in a clause of background ("After stops in Vilnius, ...")."""
    trigger = matcher("triggers.tsv").first(text)
    background = background_spans(text, trigger.start) if trigger else []
    for match in _city_pattern().finditer(text):
        if in_background(background, match.start()):
            continue
        city = _city_name(match["city"].split())
        if city is None:
            continue
        country_of = city_country(city)
        if country_of is None and country_code(city) is not None:
            continue  # a country or demonym, not a city
        named = country_code(match["country"]) if match["country"] else None
        return city, named or country_of
    return None


@cache
def _city_pattern() -> re.Pattern[str]:
    """A city after one of the words of `place_prepositions.txt`."""
    words = sorted(phrases("place_prepositions.txt"), key=len, reverse=True)
    before = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return re.compile(rf"(?<![\w-])(?i:{before}){_CITY}")


def _city_name(words: list[str]) -> str | None:
    """The longest run of `words` from the first that the gazetteer knows as a city, else the
    first words that name no office or institution ("in Nairobi Mwangi told" gives Nairobi)."""
    words = [_POSSESSIVE.sub("", word) for word in words]
    for count in range(len(words), 0, -1):
        if city_country(" ".join(words[:count])) is not None:
            return " ".join(words[:count])
    capitalised = list(takewhile(lambda word: word[:1].isupper(), words))
    unknown = capitalised[:_UNKNOWN_CITY_WORDS]
    if any(word in phrases("not_names.txt") for word in unknown):
        return None
    return " ".join(unknown)
