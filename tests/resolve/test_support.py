"""The support checks one by one: names, places, dates, countries, wording."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from dipevents.model.enums import Support
from dipevents.model.records import Span
from dipevents.resolve.support import (
    ArticleBody,
    countries_support,
    date_verdict,
    name_verdict,
    place_verdict,
    unsupported_countries,
    wording_verdict,
)

BODY = (
    "HANOI \u2014 Vi\u1ec7t Nam's Foreign Minister B\u00f9i Thanh S\u01a1n met France's "
    "Jean-No\u00ebl Barrot at the \u00c9lys\u00e9e Palace in Paris on Thursday. Russian envoy "
    "Alexander Darchiev and a Kenyan delegation also attended. Both sides signed a fisheries "
    "accord. The U.N. sent an observer."
)
ARTICLE = "Photo caption: Kim Jong Un and Lima. REUTERS/Someone\n" + BODY
START = ARTICLE.index("HANOI")


@pytest.fixture
def body() -> ArticleBody:
    return ArticleBody(ARTICLE, (START, len(ARTICLE)))


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Alexander Darchiev", "Russian envoy Alexander Darchiev"),
        ("DARCHIEV, Alexander", "Russian envoy Alexander Darchiev"),  # case, punctuation, order
        ("Jean-Noel Barrot", "France's Jean-No\u00ebl Barrot"),  # accents
        ("Bui Thanh Son", "Foreign Minister"),  # from the body; surname alone
        ("Son Thanh B\u00f9i", "Foreign Minister"),  # any order
        ("Minister Barrot", "France's Jean-No\u00ebl Barrot"),  # the surname alone
        (unicodedata.normalize("NFD", "Jean-No\u00ebl Barrot"), "Jean-No\u00ebl Barrot"),
    ],
)
def test_a_name_in_its_evidence_or_the_body_is_supported(
    name: str, evidence: str, body: ArticleBody
) -> None:
    assert name_verdict(name, evidence, body).support is Support.SUPPORTED


@pytest.mark.parametrize(
    "name",
    ["Kim Jong Un", "Sergey Lavrov", "Alexander Lukashenko", "Un"],  # the caption does not count
)
def test_a_name_neither_in_its_evidence_nor_the_body_is_unsupported(
    name: str, body: ArticleBody
) -> None:
    verdict = name_verdict(name, "Russian envoy Alexander Darchiev", body)
    assert verdict.support is Support.UNSUPPORTED
    assert repr(name) in verdict.reason


def test_a_short_surname_does_not_count_alone(body: ArticleBody) -> None:
    """ "Un" alone would be found in any article that names the UN."""
    verdict = name_verdict("Kim Jong Un", "The U.N. sent an observer.", body)
    assert verdict.support is Support.UNSUPPORTED


@pytest.mark.parametrize(
    ("city", "venue", "expected"),
    [
        ("Paris", "the \u00c9lys\u00e9e Palace", Support.SUPPORTED),
        ("HANOI", None, Support.SUPPORTED),
        (None, "Elysee palace", Support.SUPPORTED),
        ("Lima", None, Support.UNSUPPORTED),  # only in the caption
        ("Paris", "Elysee Palace gardens", Support.UNSUPPORTED),
        (None, None, Support.UNCHECKED),
    ],
)
def test_city_and_venue_must_stand_in_the_body(
    city: str | None, venue: str | None, expected: Support, body: ArticleBody
) -> None:
    assert place_verdict(city, venue, "They met.", body).support is expected


def test_a_date_agrees_with_its_words_or_is_unsupported() -> None:
    thursday = dt.date(2025, 4, 10)
    assert date_verdict(None, thursday, "on Thursday").support is Support.SUPPORTED
    assert date_verdict(thursday, thursday, "on Thursday").support is Support.SUPPORTED
    assert date_verdict(thursday, None, "earlier").support is Support.UNCHECKED
    verdict = date_verdict(dt.date(2025, 4, 3), thursday, "on Thursday")
    assert verdict.support is Support.UNSUPPORTED
    assert "2025-04-03" in verdict.reason and "2025-04-10" in verdict.reason


def test_countries_need_a_participant_the_evidence_or_the_body(body: ArticleBody) -> None:
    countries = ["VNM", "FRA", "Russia", "KEN", "USA", "PRK", "IGOUNO", "Atlantis"]
    missing = unsupported_countries(countries, ["USA", None], "Both sides met.", body)
    assert missing == ["PRK"]  # Kenyan: a demonym; Paris: a capital; IGOUNO, Atlantis: unchecked


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Fisheries accord signed", Support.SUPPORTED),
        ("The two sides are signing an accord on fishing", Support.SUPPORTED),  # stems
        ("A peace treaty was signed", Support.UNSUPPORTED),  # one word of three
        ("Peace treaty agreed", Support.UNSUPPORTED),
        ("It was", Support.UNCHECKED),  # no content word
    ],
)
def test_a_description_shares_content_words_with_its_sentence(
    claim: str, expected: Support
) -> None:
    sentence = "Both sides signed a fisheries accord."
    assert wording_verdict("description", claim, sentence).support is expected


def test_the_sentence_around_a_quote_is_its_context(body: ArticleBody) -> None:
    quote = "a fisheries accord"
    start = ARTICLE.index(quote)
    span = Span(text=quote, start=start, end=start + len(quote), alignment="exact")
    assert body.sentence_around(span) == "Both sides signed a fisheries accord."
    assert body.sentence_around(Span(text="elsewhere")) == "elsewhere"


def test_a_plural_in_ies_shares_the_stem_of_its_singular() -> None:
    sentence = "Quito would only remove its duty."
    verdict = wording_verdict("issue", "Duties on imports", sentence)
    assert verdict.support is Support.SUPPORTED


def test_wording_in_another_language_is_not_compared() -> None:
    sentence = "Chile aportará dos aviones cisterna a la nueva brigada."
    claim = "Chile to contribute two tanker aircraft to the brigade."
    assert wording_verdict("description", claim, sentence).support is Support.UNCHECKED


def test_a_venue_reworded_from_its_evidence_is_supported(body: ArticleBody) -> None:
    evidence = "at the headquarters of the EU's diplomatic service in Brussels"
    verdict = place_verdict(None, "EU diplomatic service headquarters", evidence, body)
    assert verdict.support is Support.SUPPORTED
    verdict = place_verdict(None, "Chilean foreign ministry", "la Cancillería chilena", body)
    assert verdict.support is Support.UNSUPPORTED  # a translation is not the article's words


def test_countries_support_is_unchecked_when_no_state_is_named() -> None:
    assert countries_support(["IGOUNO"], []) is Support.UNCHECKED
    assert countries_support(["USA", "IGOUNO"], []) is Support.SUPPORTED
    assert countries_support(["USA", "PRK"], ["PRK"]) is Support.UNSUPPORTED
