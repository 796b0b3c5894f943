"""The country of an event's place: the article's own words first, then the city lookup."""

from __future__ import annotations

import re

from dipevents.text.countries import city_country, named_country

_NAME_WORD = r"[A-Z][\w'\u2019]*"
# After "CITY, ": capitalised words, maybe joined by "and", "of", "the", that end a phrase
# ("Istanbul, Turkey, April 10", "GENEVA, Switzerland (Reuters) -", "Sarajevo, Bosnia and
# Herzegovina."). "In Geneva, Iran said" and "Geneva, U.S. officials" name no country of Geneva.
_COUNTRY_AFTER = (
    rf",[ \t]+(?P<country>{_NAME_WORD}(?:[ -](?:(?:and|of|the) ){{0,2}}{_NAME_WORD}){{0,4}})"
    r"(?=[ \t]*(?:[,;:()\n\u2013\u2014-]|\.(?:\s|$)|$))"
)
_ALSO_US_STATES = frozenset({"georgia"})  # "Atlanta, Georgia"


def place_country(city: str, text: str = "") -> str | None:
    """The ISO alpha-3 code of the country `city` lies in, or None.

    `text` wins where it names a country right after the city ("in Istanbul, Turkey,",
    "GENEVA, Switzerland (Reuters) -"); otherwise the capitals and the major cities of
    `data/cities.tsv` decide. Only a country's name counts after the comma, not a demonym or
    capital ("Geneva, Vienna and Paris"), and never Georgia, as often the US state.
    """
    return _named_after(city, text) or city_country(city)


def _named_after(city: str, text: str) -> str | None:
    """The first country `text` names right after `city` and a comma, or None."""
    pattern = re.compile(rf"(?<!\w)(?i:{re.escape(city)}){_COUNTRY_AFTER}")
    for match in pattern.finditer(text):
        name = match["country"]
        if name.casefold() not in _ALSO_US_STATES and (code := named_country(name)):
            return code
    return None
