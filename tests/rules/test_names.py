"""Personal names in a sentence's words."""

from __future__ import annotations

import pytest

from dipevents.rules.names import is_name_word, name_spans, singular_office, tokens_in


def _names(sentence: str) -> list[str]:
    tokens = tokens_in(sentence, 0, len(sentence))
    return [" ".join(t.text for t in tokens[first:last]) for first, last in name_spans(tokens)]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("President Ali Haroun Saleh spoke.", "Ali Haroun Saleh"),
        ("Minister Park Min-jae spoke.", "Park Min-jae"),
        ("President J. K. Mensah spoke.", "J. K. Mensah"),
        ("Sheikh Adel bin Hamad Al Shehri spoke.", "Adel bin Hamad Al Shehri"),
        ("Envoy Tomas Žilinskas spoke.", "Tomas Žilinskas"),
        ("Envoy Sofía Navarrete spoke.", "Sofía Navarrete"),
        ("Envoy Ewan McAllister spoke.", "Ewan McAllister"),
        ("Envoy Tom DiNanno spoke.", "Tom DiNanno"),
    ],
)
def test_a_whole_name_is_one_span(sentence: str, name: str) -> None:
    assert _names(sentence) == [name]


def test_a_portfolio_before_a_name_is_not_part_of_it() -> None:
    assert _names("The Minister of Health Joan Obi spoke.") == ["Joan Obi"]


def test_a_portfolio_alone_is_no_name() -> None:
    assert _names("The Office of the Director of Public Prosecutions said so.") == []


def test_places_and_countries_are_no_names() -> None:
    assert _names("They met on King Faisal Road near the Baltic Sea.") == []
    assert _names("Vanuatu and Solomon Islands agreed.") == []


def test_a_name_before_and_and_another_office_stays_a_name() -> None:
    assert _names("President Kofi Mensah and Prime Minister Ama Boateng met.") == [
        "Kofi Mensah",
        "Ama Boateng",
    ]


@pytest.mark.parametrize("word", ["Minister", "Kenyan", "Monday", "Excellency", "l'Intégration"])
def test_office_country_and_institution_words_are_no_name_words(word: str) -> None:
    assert not is_name_word(word)


def test_an_elision_is_a_word_of_its_own() -> None:
    text = "de l'Intégration"
    assert [t.text for t in tokens_in(text, 0, len(text))] == ["de", "l'", "Intégration"]


def test_an_office_noun_after_an_office_may_be_a_given_name() -> None:
    assert _names("Foreign Minister King S. Dolo spoke.") == ["King S. Dolo"]


def test_a_lower_case_article_may_open_a_hyphenated_surname() -> None:
    assert _names("Envoy Nizar Hamid al-Saadi spoke.") == ["Nizar Hamid al-Saadi"]


def test_a_french_honorific_is_no_initial() -> None:
    assert _names("Selon M. Pieter Vandamme, oui.") == ["Pieter Vandamme"]


@pytest.mark.parametrize(
    ("word", "singular"),
    [("Ministers", "Minister"), ("cancilleres", "canciller"), ("Amtskollegen", "Amtskollege")],
)
def test_plural_office_nouns(word: str, singular: str) -> None:
    assert singular_office(word) == singular
    assert singular_office(singular) is None


def test_a_capital_after_to_is_where_the_office_serves() -> None:
    assert _names("Ambassador to Moscow Lynne Tracy spoke.") == ["Lynne Tracy"]


def test_a_name_may_end_with_a_possessive() -> None:
    assert _names("Prime Minister Ravi Nair's visit ended.") == ["Ravi Nair's"]
    assert _names("Papua New Guinea's Foreign Minister Jo Kaupa spoke.") == ["Jo Kaupa"]
