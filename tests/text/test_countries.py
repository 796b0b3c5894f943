"""Country and organisation codes, and country mentions in running text."""

from __future__ import annotations

import random
from importlib import resources

import pycountry
import pytest

from dipevents.text.countries import (
    CountryMention,
    capital_country,
    city_country,
    country_code,
    find_country_mentions,
    named_country,
    organization_code,
)

SEED_SENTENCE = (
    "The meeting, which followed initial talks in February, brought together U.S. Deputy "
    "Assistant Secretary of State for Russia and Central Europe Sonata Coulter and Russia\u2019s "
    "newly appointed ambassador to Washington, Alexander Darchiev."
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(mention.code, mention.text) for mention in find_country_mentions(text)]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        # ISO codes: alpha-3 in either case, alpha-2 in capitals.
        ("RUS", "RUS"),
        ("RU", "RUS"),
        ("US", "USA"),
        ("GB", "GBR"),
        ("XKX", "XKX"),
        # ISO names from pycountry: short, official and common names, accents optional.
        ("Russian Federation", "RUS"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("Türkiye", "TUR"),
        ("turkiye", "TUR"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d\u2019Ivoire", "CIV"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea Bissau", "GNB"),
        ("Trinidad & Tobago", "TTO"),
        # Short and informal forms from the data file.
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        ("the U.S.", "USA"),
        ("U.S.", "USA"),
        ("us", "USA"),
        ("U.S.A.", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("the United Kingdom", "GBR"),
        ("Kosovo", "XKX"),
        ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Dominican Republic", "DOM"),
        ("Dominica", "DMA"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("South Sudan", "SSD"),
        ("Georgia", "GEO"),
        ("Jordan", "JOR"),
        # Demonyms, their plurals, and capitals or seats for governments.
        ("American", "USA"),
        ("Russian", "RUS"),
        ("Norwegian", "NOR"),
        ("Kenyan", "KEN"),
        ("Chinese", "CHN"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("Turkish", "TUR"),
        ("Emirati", "ARE"),
        ("Saudi", "SAU"),
        ("south korean", "KOR"),
        ("Russians", "RUS"),
        ("Czechs", "CZE"),
        ("Washington", "USA"),
        ("Washington, D.C.", "USA"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Ankara", "TUR"),
        ("London", "GBR"),
        ("Paris", "FRA"),
        # Possessives, either apostrophe, and surrounding space.
        ("Russia's", "RUS"),
        ("Russia\u2019s", "RUS"),
        ("the U.S.'s", "USA"),
        ("Philippines'", "PHL"),
        ("  Kenya  ", "KEN"),
    ],
)
def test_country_code_resolves(value: str, code: str) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize(
    "value",
    [
        "Atlantis",
        "",
        "   ",
        "X",
        "Brussels",  # Belgium or the EU
        "Korea",  # North or South
        "Korean",
        "Congo",  # ISO's short name for COG, but news mostly means COD
        "Congolese",
        "Dominican",  # Dominican Republic or Dominica
        "Jerusalem",
        "New Mexico",
        "Latin American",
        "Ken",  # a given name, not KEN: codes are all capitals or all lower case
        "gb",  # two lower-case letters are words, not codes
        "N/A",
        "N.A.",
        "Israel Katz",
        "Central Europe",
    ],
)
def test_country_code_never_guesses(value: str) -> None:
    assert country_code(value) is None


def test_country_code_is_cached() -> None:
    country_code.cache_clear()
    country_code("Norwegian")
    country_code("Norwegian")
    assert country_code.cache_info().hits == 1


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("UN", "IGOUNO"),
        ("U.N.", "IGOUNO"),
        ("the United Nations", "IGOUNO"),
        ("UNITED NATIONS", "IGOUNO"),
        ("UN Security Council", "IGOUNO"),
        ("EU", "IGOEUREEC"),
        ("the EU's", "IGOEUREEC"),
        ("European Union", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("Nato", "IGOWSTNAT"),
        ("the African Union", "IGOAFRAFU"),
        ("AU", "IGOAFRAFU"),
        ("ASEAN", "IGOSEAASN"),
        ("Organisation for Security and Co-operation in Europe", "IGOEURSCE"),
        ("WTO", "IGOBUSWTO"),
        ("IAEA", "IGOUNOIAE"),
        ("OPEC", "IGOBUSOPC"),
        ("G7", "IGOBUSGOS"),
        ("G-7", "IGOBUSGOS"),
        ("G20", "IGOBUSGTW"),
        ("the Arab League", "IGOMEAARL"),
        ("GCC", "IGOPGSGCC"),
        ("ECOWAS", "IGOWAFWAS"),
        ("SCO", "IGOASASCO"),
        ("BRICS", "IGOBUSBRC"),
        ("OAS", "IGOOAS"),
        ("IMF", "IGOBUSIMF"),
        ("the World Bank", "IGOUNODEVWBK"),
        ("WHO", "IGOUNOHLHWHO"),
        ("World Health Organization", "IGOUNOHLHWHO"),
    ],
)
def test_organization_code_resolves(value: str, code: str) -> None:
    assert organization_code(value) == code


@pytest.mark.parametrize(
    "value",
    ["who", "un", "au", "OPEC+", "Brussels", "Atlantis", "", "   ", "X", "Russia", "Commonwealth"],
)
def test_organization_code_never_guesses(value: str) -> None:
    assert organization_code(value) is None


def test_seed_sentence_mentions_with_offsets() -> None:
    assert find_country_mentions(SEED_SENTENCE) == [
        CountryMention("USA", 72, 76, "U.S."),
        CountryMention("RUS", 117, 123, "Russia"),
        CountryMention("RUS", 162, 168, "Russia"),
        CountryMention("USA", 201, 211, "Washington"),
    ]


def test_seed_article_mentions(seed_text: str) -> None:
    mentions = find_country_mentions(seed_text)
    assert all(seed_text[m.start : m.end] == m.text for m in mentions)
    assert {m.code for m in mentions} == {"USA", "RUS", "TUR", "UKR"}
    assert ("USA", "Washington, D.C.") in [(m.code, m.text) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Whole words only.
        ("A woman spoke.", []),
        ("A WOMAN SPOKE.", []),
        ("Talks in Oman.", [("OMN", "Oman")]),
        # Capitalised as written, or all capitals; "us" is a pronoun.
        ("Send us the chad.", []),
        ("Chad and the US agreed.", [("TCD", "Chad"), ("USA", "US")]),
        ("RUSSIA AND CHINA SIGN DEAL", [("RUS", "RUSSIA"), ("CHN", "CHINA")]),
        # The longest name wins.
        ("South Korea and North Korea", [("KOR", "South Korea"), ("PRK", "North Korea")]),
        ("the United States and the States", [("USA", "United States")]),
        ("Guinea-Bissau and Guinea", [("GNB", "Guinea-Bissau"), ("GIN", "Guinea")]),
        ("Papua New Guinea, not New Guinea", [("PNG", "Papua New Guinea")]),
        ("Equatorial Guinea", [("GNQ", "Equatorial Guinea")]),
        ("Dominican Republic, Dominica", [("DOM", "Dominican Republic"), ("DMA", "Dominica")]),
        ("Niger and Nigeria", [("NER", "Niger"), ("NGA", "Nigeria")]),
        ("Sudan and South Sudan", [("SDN", "Sudan"), ("SSD", "South Sudan")]),
        ("Nigerien and Nigerian", [("NER", "Nigerien"), ("NGA", "Nigerian")]),
        (
            "Congo, DR Congo, Republic of the Congo, Democratic Republic of the Congo",
            [
                ("COD", "DR Congo"),
                ("COG", "Republic of the Congo"),
                ("COD", "Democratic Republic of the Congo"),
            ],
        ),
        # Phrases that contain a country's name but are not the country.
        ("New York, New Mexico and New Jersey", []),
        ("Latin American and Latin Americans", []),
        ("the South China Sea and the Indian Ocean", []),
        ("Korean and Congolese envoys met in Brussels", []),
        # Possessives, apostrophes, accents, hyphens.
        ("Russia\u2019s envoy and Russia's envoy", [("RUS", "Russia"), ("RUS", "Russia")]),
        (
            "U.S.-Russian and U.S.\u2013Russia talks",
            [("USA", "U.S."), ("RUS", "Russian"), ("USA", "U.S."), ("RUS", "Russia")],
        ),
        (
            "Côte d\u2019Ivoire and Cote d'Ivoire",
            [("CIV", "Côte d\u2019Ivoire"), ("CIV", "Cote d'Ivoire")],
        ),
        ("Türkiye, Turkiye, Turkey", [("TUR", "Türkiye"), ("TUR", "Turkiye"), ("TUR", "Turkey")]),
        ("Saudi-led, Saudi Arabia", [("SAU", "Saudi"), ("SAU", "Saudi Arabia")]),
        ("US$5 billion", []),
        # Demonyms and their plurals, capitals and seats of government.
        ("Emirati and Kenyan officials", [("ARE", "Emirati"), ("KEN", "Kenyan")]),
        ("Americans and Czechs", [("USA", "Americans"), ("CZE", "Czechs")]),
        ("the Kremlin and the White House", [("RUS", "Kremlin"), ("USA", "White House")]),
        ("Kosovo and Kosovar", [("XKX", "Kosovo"), ("XKX", "Kosovar")]),
        # A single-word capital before a capitalised word names something else.
        ("The Washington Post said", []),
        ("the Paris Agreement", []),
        ("Moscow Tuesday", [("RUS", "Moscow")]),
        ("Washington DC", [("USA", "Washington DC")]),
        # Names that are also people's names.
        ("Jordan Peterson spoke.", []),
        ("said Michael Jordan.", []),
        ("visited Jordan. In Jordan,", [("JOR", "Jordan"), ("JOR", "Jordan")]),
        ("Israel Katz said Israel would", [("ISR", "Israel")]),
        ("the Israel Defense Forces", [("ISR", "Israel Defense Forces")]),
        ("George Washington", []),
        ("Chad Smith", []),
        ("Chad\nJordan Peterson", [("TCD", "Chad")]),
        ("Georgia Tech and Tbilisi, Georgia", [("GEO", "Tbilisi"), ("GEO", "Georgia")]),
        # Not countries at all.
        ("Deputy Assistant Secretary for Central Europe", []),
        ("", []),
    ],
)
def test_find_country_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_mentions_are_slices_of_the_text_for_any_input() -> None:
    rng = random.Random(7)
    alphabet = "ab UsSAROMNCHDIJGWV.\u2019'-\u2013\n\u00a0éüß中"
    words = ["Russia", "U.S.", "Jordan", "Guinea", "Congo", "Washington", "Côte d\u2019Ivoire"]
    for _ in range(300):
        pieces = rng.choices([*alphabet, *words], k=rng.randint(0, 40))
        text = "".join(pieces)
        for mention in find_country_mentions(text):
            assert text[mention.start : mention.end] == mention.text
            assert country_code(mention.text) == mention.code


@pytest.mark.parametrize(
    ("city", "code"),
    [
        ("Caracas", "VEN"),  # a capital
        ("Istanbul", "TUR"),  # the gazetteer
        ("ISTANBUL", "TUR"),
        ("Geneva", "CHE"),
        ("Sochi", "RUS"),
        ("St Petersburg", "RUS"),
        ("Saint Petersburg", "RUS"),
        ("Sharm El Sheikh", "EGY"),
        ("Cancun", "MEX"),
        ("The Hague", "NLD"),
        ("Brussels", "BEL"),  # the EU as an actor, in Belgium as a place
        ("Anchorage", "USA"),
        ("Mitrovica", "XKX"),
    ],
)
def test_city_country_knows_capitals_and_major_cities(city: str, code: str) -> None:
    assert city_country(city) == code


@pytest.mark.parametrize("city", ["Atlantis", "", "Jerusalem", "Tripoli", "Valencia", "Turkey"])
def test_city_country_never_guesses(city: str) -> None:
    assert city_country(city) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "TUR"),
        ("TURKEY", "TUR"),
        ("Türkiye", "TUR"),
        ("the United States", "USA"),
        ("Bosnia and Herzegovina", "BIH"),
    ],
)
def test_named_country_takes_names(name: str, code: str) -> None:
    assert named_country(name) == code


@pytest.mark.parametrize("value", ["Turkish", "Ankara", "TUR", "Congo", "Istanbul"])
def test_named_country_takes_no_demonym_capital_code_or_ambiguous_name(value: str) -> None:
    assert named_country(value) is None


def test_data_files_ship_inside_the_package() -> None:
    data = resources.files("dipevents.text") / "data"
    assert (data / "countries.tsv").is_file()
    assert (data / "organizations.tsv").is_file()
    assert (data / "cities.tsv").is_file()


def test_gazetteer_is_consistent() -> None:
    """Every code is ISO (or XKX); no city is listed twice, stands among the capitals, or is
    the name of another country."""
    iso = {country.alpha_3 for country in pycountry.countries} | {"XKX"}
    seen: set[str] = set()
    for line in _data_lines("cities.tsv"):
        city, code = line.split("\t")
        assert code in iso and city.casefold() not in seen, line
        seen.add(city.casefold())
        assert capital_country(city) is None, line
        assert country_code(city) in (None, code), line


def test_country_table_is_consistent() -> None:
    """Every code is ISO (or XKX, or "-"), and no name is given two codes."""
    iso = {country.alpha_3 for country in pycountry.countries} | {"XKX", "-"}
    seen: dict[str, str] = {}
    for line in _data_lines("countries.tsv"):
        code, *columns = line.split("\t")
        assert code in iso, line
        for name in (value for column in columns for value in column.split("|") if value):
            assert seen.setdefault(name.casefold(), code) == code, name


def test_organization_table_is_consistent() -> None:
    """Every code is an IGO code; no name or code belongs to two organisations."""
    seen: dict[str, str] = {}
    codes: set[str] = set()
    for line in _data_lines("organizations.tsv"):
        code, names = line.split("\t")
        assert code.startswith("IGO") and code.isupper() and code not in codes, line
        codes.add(code)
        for name in names.split("|"):
            assert seen.setdefault(name.casefold(), code) == code, name


def _data_lines(name: str) -> list[str]:
    text = (resources.files("dipevents.text") / "data" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


# --- French, Spanish and German --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("la Belgique", "BEL"),
        ("République démocratique du Congo", "COD"),
        ("RDC", "COD"),
        ("belge", "BEL"),
        ("ivoirienne", "CIV"),
        ("sénégalaises", "SEN"),
        ("el Perú", "PER"),
        ("chilena", "CHL"),
        ("argentino", "ARG"),
        ("francesas", "FRA"),
        ("marroquíes", "MAR"),
        ("Frankreich", "FRA"),
        ("belgischen", "BEL"),
        ("l'Inde", "IND"),
        ("El Salvador", "SLV"),
    ],
)
def test_other_languages_names_and_demonyms(value: str, code: str) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize("value", ["Maurice", "Mauricio", "Island", "Jérusalem", "congolais"])
def test_other_languages_never_guess(value: str) -> None:
    """First names, English words and ambiguous places stay unresolved, as in English."""
    assert country_code(value) is None and city_country(value) is None


@pytest.mark.parametrize("value", ["PM", "FM", "MP", "AU", "TV"])
def test_abbreviations_are_not_alpha2_codes(value: str) -> None:
    assert country_code(value) is None


def test_capitals_in_other_languages() -> None:
    assert (city_country("Bruxelles"), city_country("Moscú"), city_country("Brüssel")) == (
        "BEL",
        "RUS",
        "BEL",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "La Belgique et la République démocratique du Congo ont convenu de relancer leur "
            "commission, selon le ministre sénégalais.",
            [
                ("BEL", "Belgique"),
                ("COD", "République démocratique du Congo"),
                ("SEN", "sénégalais"),
            ],
        ),
        (
            "Los cancilleres de Chile y el Perú se reunieron con la ministra argentina.",
            [("CHL", "Chile"), ("PER", "Perú"), ("ARG", "argentina")],
        ),
        (
            "Der Außenminister von Frankreich traf sich mit dem belgischen Kollegen in Brüssel.",
            [("FRA", "Frankreich"), ("BEL", "belgischen"), ("BEL", "Brüssel")],
        ),
    ],
)
def test_mentions_in_other_languages(text: str, found: list[tuple[str, str]]) -> None:
    assert _found(text) == found


def test_an_english_text_reads_no_other_language() -> None:
    text = "Island nations and the PM said the belge delegation met in Frankreich Street."
    assert _found(text) == []


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Saint-Domingue", "Santo Domingo"),
        ("Tokio", "Tokyo"),
        ("moscu", "Moscow"),
        ("Lyon", "Lyon"),
    ],
)
def test_english_city_name(name: str, english: str) -> None:
    from dipevents.text.countries import english_city_name

    assert english_city_name(name) == english


def test_a_city_is_found_under_the_names_other_languages_give_it() -> None:
    from dipevents.text.countries import city_spellings

    assert "Saint-Domingue" in city_spellings("Santo Domingo")
    assert city_spellings("Nairobi") == ["Nairobi"]
