"""Whether a sentence names a state or international actor, which a diplomatic contact needs.

A trigger ("talks", "summit", "signed") opens an event only in a sentence that names one:
- an office that is a state's on its own (`actors.tsv`, kind `state`): a minister, ministry,
  ambassador, envoy, diplomat, embassy, government or head of state;
- an office that is one only next to a country (kind `needs_state`): "Kenyan officials",
  "Nigeria's Vice President", "the leaders of Chad and Niger", "officials from both countries";
  not "the president of the Ghana Football Association", an "expedition leader", nor
  "officials of Pakistan's tourism department" (the office is the department's);
- an international organisation: "the African Union", "ECOWAS";
- two countries: "Brazil and Morocco signed".

A word that marks the sentence as sport, business, crime or mountaineering
(`non_diplomatic.txt`) asks for two actors of two states.
"""

from __future__ import annotations

import re

from dipevents.rules.people import title_words
from dipevents.text.countries import CountryMention, find_country_mentions, organization_code
from dipevents.text.fold import APOSTROPHES
from dipevents.text.lexicon import Cue, matcher

_MAX_TITLE_GAP = 2  # title words between a country and its office: "Nigeria's Vice President"
_MAX_ORGANISATION_WORDS = 7  # "Organisation for Security and Co-operation in Europe"
_POSSESSIVE_START = re.compile(f"^[{APOSTROPHES}]s?")
_OF = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
_THE_STATES = re.compile(r"(?:\w+\s+)?(?:countries|nations|states)\b")  # "both countries"
_SEVERAL_STATES = re.compile(
    r"\b(?:both|the two|the three|the four|their)\s+"
    r"(?:countries|nations|states|governments|sides|ministers|leaders|presidents|delegations)\b",
    re.I,
)  # "The two governments said their finance ministers would meet"
_NAME_GOES_ON = re.compile(rf"[{APOSTROPHES}]|\s+[A-Z]")  # "Pakistan's tourism", "Ghana Football"
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.\-]*(?:\s+(?:(?:of|for|the|and|in)\s+)*[A-Z][\w.\-]*)*")


def names_diplomatic_actor(text: str, *, names_official: bool = False) -> bool:
    """Whether the sentence `text` names a state or international actor; `names_official`
    says it names a person the article gave a state's or organisation's office ("Major and
    Heinemann agreed", after "Namibia's envoy Petrus Major").

    An office alone needs a state it serves: a country, or "the two governments"; "talks
    between the government and tour operators" are none. A sentence marked as sport,
    business or crime (`non_diplomatic.txt`) needs two actors of
    two states: "the sports minister of Ghana held talks with Japan's ambassador" is
    diplomacy; "Norway's ambassador hosted the climbers" and "Ghana's sports minister met
    Nigeria's football federation president" are not.
    """
    countries = find_country_mentions(text)
    states = len({mention.code for mention in countries})
    actors = _actor_count(text, countries) + names_official
    if matcher("non_diplomatic.txt").first(text):
        return actors >= 2 and states >= 2
    some_state = states >= 1 or names_official or _SEVERAL_STATES.search(text) is not None
    return (actors >= 1 and some_state) or states >= 2


def _actor_count(text: str, countries: list[CountryMention]) -> int:
    """How many state offices and international organisations `text` names."""
    offices = [
        office
        for office in matcher("actors.tsv").find(text)
        if office.value == "state" or _next_to_country(text, office, countries)
    ]
    return len(offices) + _names_organisation(text)


def _next_to_country(text: str, office: Cue, countries: list[CountryMention]) -> bool:
    """Whether a country qualifies `office`: right before it, or after "of" or "from"."""
    if any(_title_gap(text[m.end : office.start]) for m in countries if m.end <= office.start):
        return True
    of = _OF.match(text, office.end)
    if of is None:
        return False
    return _THE_STATES.match(text, of.end()) is not None or any(
        mention.start == of.end() and not _NAME_GOES_ON.match(text, mention.end)
        for mention in countries
    )


def _title_gap(gap: str) -> bool:
    """Whether `gap` joins a country to the office after it: "'s Vice " or " "."""
    gap = _POSSESSIVE_START.sub("", gap)
    words = gap.split()
    return (
        gap[:1].isspace()
        and len(words) <= _MAX_TITLE_GAP
        and title_words() >= {word.lower() for word in words}
    )


def _names_organisation(text: str) -> bool:
    """Whether some run of capitalised words in `text` names an international organisation."""
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        for first in range(len(words)):
            for last in range(first + 1, min(first + _MAX_ORGANISATION_WORDS, len(words)) + 1):
                if organization_code(" ".join(words[first:last])) is not None:
                    return True
    return False
