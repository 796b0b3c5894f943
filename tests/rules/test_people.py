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
    assert [text[s:e] for s, e in person.mentions] == ["Ana Ruiz", "Ruiz"]


def test_a_name_without_an_office_is_not_a_person() -> None:
    text = "Maria Lopez said the weather in Lima was fine."
    assert find_people(text, [(0, len(text))]) == []


def _people(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.title, p.country) for p in find_people(text, [(0, len(text))])]


def test_coordinated_offices_keep_each_name_and_country() -> None:
    text = "Kenyan President Ali Haroun Saleh and Ugandan Prime Minister Ama Obi met."
    assert _people(text) == [
        ("Ali Haroun Saleh", "President", "KEN"),
        ("Ama Obi", "Prime Minister", "UGA"),
    ]


def test_a_plural_office_is_shared_by_the_names_after_it() -> None:
    text = "Foreign Ministers Park Min-jae and Bold Enkh met in Seoul."
    assert [(name, title) for name, title, _ in _people(text)] == [
        ("Park Min-jae", "Foreign Minister"),
        ("Bold Enkh", "Foreign Minister"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Ghana's top diplomat, Ama Mensah, met him.", "Ama Mensah", "top diplomat"),
        ("Ghana's top diplomat Ama Mensah met him.", "Ama Mensah", "top diplomat"),
        ("Japanese PM Kenji Mori spoke.", "Kenji Mori", "PM"),
        ("It was chaired by Union Chairperson Awa Sy.", "Awa Sy", "Union Chairperson"),
        (
            "Peru's Minister of Production and Foreign Trade, Ana María Vega, spoke.",
            "Ana María Vega",
            "Minister of Production and Foreign Trade",
        ),
        (
            "Ravi Dutt, India's special envoy for the Gulf and for maritime affairs in the "
            "Indian Ocean region, spoke.",
            "Ravi Dutt",
            "special envoy for the Gulf and for maritime affairs in the Indian Ocean region",
        ),
    ],
)
def test_office_shapes(text: str, name: str, title: str) -> None:
    ((found, office, _),) = _people(text)
    assert (found, office) == (name, title)


def test_an_apposition_naming_someone_else_is_not_an_office() -> None:
    text = "He met Kenya's trade minister, Ann Obi, U.S. envoy Tom Hill and others."
    assert ("Ann Obi", "trade minister", "KEN") in _people(text)


def test_a_spokesperson_is_not_a_person_of_the_event() -> None:
    assert _people("Foreign ministry spokeswoman Lee Min-ji said so.") == []


def test_honorifics_and_streets_are_not_people() -> None:
    assert _people("His Excellency the Minister spoke on King Faisal Road.") == []


def test_a_family_name_written_first_is_a_mention() -> None:
    text = "Foreign Minister Kim Jae-won met them. Kim said talks went well."
    (person,) = find_people(text, [(0, 39), (39, len(text))])
    assert [text[s:e] for s, e in person.mentions] == ["Kim Jae-won", "Kim"]


def test_the_end_of_a_longer_name_is_the_same_person() -> None:
    text = "Mohamed Vall Ould Cheikh, the president, spoke. Later President Ould Cheikh left."
    (person,) = find_people(text, [(0, 47), (47, len(text))])
    assert person.name == "Mohamed Vall Ould Cheikh"
    assert [text[s:e] for s, e in person.mentions][-1] == "Ould Cheikh"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Le ministre belge des Affaires étrangères, Pieter Vandamme, est arrivé.",
            "Pieter Vandamme",
            "ministre belge des Affaires étrangères",
        ),
        (
            "Il a reçu son homologue congolaise, Thérèse Mbuyi Kalala, mardi.",
            "Thérèse Mbuyi Kalala",
            "homologue congolaise",
        ),
        (
            "la ministre de l'Intégration africaine et des Affaires étrangères, Awa Sow, a dit.",
            "Awa Sow",
            "ministre de l'Intégration africaine et des Affaires étrangères",
        ),
        (
            "le secrétaire général de l'Organisation des États américains (OEA), Juan Bo, a dit.",
            "Juan Bo",
            "secrétaire général de l'Organisation des États américains (OEA)",
        ),
        ("Par Claire Fournier et la canciller chilena, Ana Soto, hablaron.", "Ana Soto", None),
        (
            "el ministro de Asuntos Exteriores, Unión Europea y Cooperación, Jaime Ortega, habló.",
            "Jaime Ortega",
            "ministro de Asuntos Exteriores, Unión Europea y Cooperación",
        ),
        ("y su par peruano, Ricardo Quispe Salazar, habló.", "Ricardo Quispe Salazar", None),
        ("Die deutsche Außenministerin Anna Berger sagte.", "Anna Berger", None),
    ],
)
def test_french_spanish_and_german_offices(text: str, name: str, title: str | None) -> None:
    ((found, office, _),) = _people(text)
    assert found == name
    assert title is None or office == title


def test_a_courtesy_word_stands_between_an_office_and_a_name() -> None:
    text = "He met the Secretary General of the Union, Dr. Awa Conteh, on Monday."
    assert _people(text) == [("Awa Conteh", "Secretary General of the Union", None)]


def test_a_courtesy_word_before_a_name_is_no_office() -> None:
    text = "Sheikh Adel bin Hamad, the Saudi minister of state, spoke."
    assert _people(text) == [("Adel bin Hamad", "minister of state", "SAU")]


def test_a_plural_office_in_another_language_is_shared() -> None:
    text = "Los cancilleres Ana Soto y Luis Peña se reunieron."
    assert [(name, title) for name, title, _ in _people(text)] == [
        ("Ana Soto", "canciller"),
        ("Luis Peña", "canciller"),
    ]


def test_a_plural_office_gives_its_countries_in_turn() -> None:
    text = "Kenyan and Ugandan Foreign Ministers Ann Obi and Tom Okello met."
    assert [country for _, _, country in _people(text)] == ["KEN", "UGA"]
    text = "Kenyan and Ruritanian Foreign Ministers Ann Obi and Tom Okello met."
    assert [country for _, _, country in _people(text)] == ["KEN", None]


def test_demonyms_joined_by_and_stay_in_the_office() -> None:
    text = "Les ministres kényan et ougandais, Ann Obi et Tom Okello, se sont vus."
    assert [title for _, title, _ in _people(text)] == ["ministre kényan et ougandais"] * 2


def test_an_office_may_list_its_fields_in_lower_case() -> None:
    text = "The bloc sent its commissioner for trade, peace and security, Awa Sy, to Lomé."
    assert _people(text) == [("Awa Sy", "commissioner for trade, peace and security", None)]


def test_an_office_before_a_relative_clause_is_shared_by_who_each_represent() -> None:
    text = (
        "They were joined by the chief negotiators who led the talks, Ulan Dzhumabaev for "
        "Kyrgyzstan and Saidali Rahmonzoda for Tajikistan, on Monday."
    )
    assert _people(text) == [
        ("Ulan Dzhumabaev", "chief negotiator", "KGZ"),
        ("Saidali Rahmonzoda", "chief negotiator", "TJK"),
    ]


def test_french_later_mentions_with_a_courtesy_word() -> None:
    text = (
        "Le ministre belge, Pieter Vandamme, a reçu son homologue, Thérèse Mbuyi Kalala. "
        "M. Vandamme et Mme Mbuyi Kalala ont signé."
    )
    vandamme, mbuyi = find_people(text, [(0, 80), (80, len(text))])
    assert [text[s:e] for s, e in vandamme.mentions][-1] == "Vandamme"
    assert [text[s:e] for s, e in mbuyi.mentions][-1] == "Mbuyi Kalala"


def test_a_possessive_is_not_part_of_the_name() -> None:
    assert _people("Prime Minister Ravi Nair's visit ended.") == [
        ("Ravi Nair", "Prime Minister", None)
    ]
