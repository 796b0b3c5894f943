"""The country of a place: what the article says after the city, else the city lookup."""

from __future__ import annotations

import pytest

from dipevents.text.places import place_country
from tests.support import SEED


def test_the_seed_caption_places_istanbul_in_turkey() -> None:
    caption = SEED.read_text(encoding="utf-8").splitlines()[1]
    assert "Istanbul, Turkey, April 10, 2025" in caption
    assert place_country("Istanbul", caption) == "TUR"


@pytest.mark.parametrize(
    ("city", "text", "code"),
    [
        ("Geneva", "GENEVA, Switzerland (Reuters) - Talks began.", "CHE"),
        ("Skardu", "They flew to Skardu, Pakistan.", "PAK"),
        ("Sarajevo", "in Sarajevo, Bosnia and Herzegovina, on Monday", "BIH"),
        ("Hyderabad", "talks in Hyderabad, Pakistan, ended", "PAK"),  # not in the gazetteer
        ("Cartagena", "the summit in Cartagena, Spain, on Friday", "ESP"),  # the text wins
    ],
)
def test_the_country_written_after_the_city_wins(city: str, text: str, code: str) -> None:
    assert place_country(city, text) == code


@pytest.mark.parametrize(
    ("city", "text", "code"),
    [
        ("Istanbul", "", "TUR"),
        ("Cartagena", "talks in Cartagena on Friday", "COL"),
        ("Geneva", "In Geneva, Iran said it would return.", "CHE"),
        ("Geneva", "talks in Geneva, U.S. officials said", "CHE"),
        ("Geneva", "in Geneva, Vienna, and Paris", "CHE"),  # a list of cities
        ("Istanbul", "In Istanbul, Russian, Ukrainian and Turkish envoys met", "TUR"),
        ("Batumi", "in Batumi, Georgia, on Monday", "GEO"),
        ("Atlanta", "in Atlanta, Georgia, on Monday", "USA"),  # Georgia the state
        ("Sea Island", "at Sea Island, Georgia.", None),
        ("Atlantis", "", None),
    ],
)
def test_other_words_after_the_city_leave_it_to_the_lookup(
    city: str, text: str, code: str | None
) -> None:
    assert place_country(city, text) == code
