"""Countries and international organisations: names, codes, demonyms and capitals to codes.

Cities also get their country: the capitals, and the major cities of `data/cities.tsv`.

Countries get ISO 3166-1 alpha-3 codes (XKX for Kosovo); organisations get CAMEO actor codes
(`data/organizations.tsv` explains them). pycountry supplies the ISO codes and names;
`data/countries.tsv` adds what it lacks (short forms, demonyms, capitals) and the words never
resolved. Nothing is guessed: an unknown or ambiguous value gives None.

French, Spanish and German names come from pycountry's translations of its names and from
`data/countries_<language>.tsv` (demonyms with their feminine and plural forms, capitals):
"la Belgique", "congolaise", "el Perú", "chilena", "Frankreich". They never change what an
English word means ("Jérusalem" stays unresolved like "Jerusalem"). A lookup reads every
language; running text is read with English and the text's own language (`text.language`).

Choices for ambiguous words (see the data files for the full lists):
- Korea, Korean, Congo, Congolese, Dominican, Brussels, Jerusalem, Tripoli: None.
- Georgia is GEO, never the US state; Washington is USA, the capital.
- Jordan, Israel, Chad, Georgia, Washington and Sofia are also people's names: in running text
  they count only without a capitalised word right after them ("Jordan Peterson", "Israel
  Katz") or right before them ("Michael Jordan", "George Washington"; "Northern Israel" is
  lost too), unless that word is a preposition or conjunction ("In Jordan", "And Israel").
- Single-word capitals followed by a capitalised word ("Washington Post", "Paris Agreement")
  are names of other things; a weekday or month may follow ("Moscow Tuesday").
- In running text, names must be capitalised as written ("Chad", not "chad"; "US", not "us")
  or wholly in capitals ("RUSSIA"); the longest name wins ("South Sudan", "New Mexico").
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import pycountry

from dipevents.text.fold import APOSTROPHES, POSSESSIVE, without_accents
from dipevents.text.language import ENGLISH, LANGUAGES, detect_language
from dipevents.text.package_data import data_lines

_NOT_RESOLVED = "-"
"""The code `data/countries.tsv` gives words that must never resolve to a country."""

_Guard = Literal["none", "compound", "person"]
"""What must not stand next to a name found in text: nothing; a capitalised word after it;
a capitalised word before or after it."""

_RIGHT_QUOTE = "\u2019"  # the typographic apostrophe: "Russia\u2019s"
_APOSTROPHE = f"[{APOSTROPHES}]"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# A French, Spanish or German article before a name: "la Belgique", "l'Inde", "el Perú".
_ARTICLE = re.compile(r"^(?:l['\u2019]|(?:la|le|les|el|los|las|der|die|das)\s+)", re.IGNORECASE)
_ALPHA3 = re.compile(r"[A-Z]{3}")  # capitals only: "and", "can" are words
_ALPHA2 = re.compile(r"[A-Z]{2}")
_WORD_CHAR = re.compile(r"\w")
_NEXT_WORD = re.compile(r"[ \u00a0]([A-Z][a-z]\w*)")
_PREVIOUS_WORD = re.compile(r"(?<!\w)([A-Z][a-z]\w*)[ \u00a0]$")
_OPENERS = frozenset(  # capitalised words before a name that are not part of it: "In Jordan"
    {"In", "Into", "To", "From", "With", "Without", "For", "On", "At", "By", "Of", "As", "About"}
    | {"Across", "Against", "Between", "Through", "Within", "Inside", "Outside", "Toward"}
    | {"Towards", "After", "Before", "Since", "Until", "While", "When", "Where", "If", "Unlike"}
    | {"Like", "And", "But", "Or", "Nor", "So", "Yet", "The", "Both", "Neither", "Either", "Then"}
    | {"Meanwhile", "Also", "Even", "Only"}
)
_CALENDAR = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    | {"January", "February", "March", "April", "May", "June", "July", "August"}
    | {"September", "October", "November", "December"}
)
_SEPARATOR = r"[\s\-\u2010\u2011]+"  # space, hyphen, Unicode hyphen, non-breaking hyphen
_SEPARATORS = re.compile(_SEPARATOR)
_UNITS = {" ": _SEPARATOR, "-": _SEPARATOR, **dict.fromkeys(APOSTROPHES, _APOSTROPHE)}

_Trie = dict[str, "_Trie"]
_PLURAL_EXCEPTIONS = ("s", "sh", "ch", "x", "z", "ese")


@dataclass(frozen=True)
class CountryMention:
    """A country named in a text: its code and where, with `text == source[start:end]`."""

    code: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Row:
    """One line of `data/countries.tsv`."""

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    people: frozenset[str]


@lru_cache(maxsize=16384)
def country_code(name: str) -> str | None:
    """The ISO alpha-3 code of a country written as a code, name, demonym or capital, or None.

    Codes: alpha-3 and alpha-2 in capitals only ("RUS", "GB"; "and", "can" and "Ken" are
    words or names), except the abbreviations `data/countries.tsv` never resolves ("PM" is a
    prime minister, not Saint Pierre and Miquelon; "AU" the African Union). Everything else
    ignores case, accents, dots, a leading "the" and a possessive with either apostrophe: "the
    U.S.'s", "Türkiye", "turkiye", "Emirati", "Kyiv", and the French, Spanish and German names,
    with or without their article: "la Belgique", "ivoirienne", "el Perú", "Frankreich".
    """
    bare = _bare(name)
    index = _country_index()
    code = index.get(_key(bare)) or index.get(_key(_ARTICLE.sub("", bare)))
    if code == _NOT_RESOLVED:
        return None
    if _ALPHA3.fullmatch(bare) and bare.upper() in _alpha3_codes():
        return bare.upper()
    if _ALPHA2.fullmatch(bare) and (country := pycountry.countries.get(alpha_2=bare)):
        return str(country.alpha_3)
    return code


@lru_cache(maxsize=4096)
def organization_code(name: str) -> str | None:
    """The CAMEO code of an international organisation ("the U.N.", "EU's", "Nato"), or None."""
    bare = _bare(name)
    acronyms, names = _organization_index()
    if not any(char.islower() for char in bare) and (code := acronyms.get(_acronym_key(bare))):
        return code
    return names.get(_key(bare))


def known_organization_code(code: str) -> str | None:
    """`code` itself when it is one of our organisation codes ("IGOUNO"), else None."""
    acronyms, names = _organization_index()
    return code if code in {*acronyms.values(), *names.values()} else None


def capital_country(name: str) -> str | None:
    """The country whose capital or seat of government `name` is ("Caracas" -> VEN), or None."""
    return _capital_index().get(_key(_bare(name)))


def named_country(name: str) -> str | None:
    """The code of a country written by its name ("Turkey", "Türkiye", "the United States"),
    not by a demonym, capital or code; else None."""
    code = _name_index().get(_key(_bare(name)))
    return None if code == _NOT_RESOLVED else code


def city_country(name: str) -> str | None:
    """The country a city lies in, from the capitals and the gazetteer of major cities
    (`data/cities.tsv`): "Caracas" -> VEN, "Istanbul" -> TUR, "Brussels" -> BEL; else None."""
    key = _key(_bare(name))
    return _capital_index().get(key) or _gazetteer().get(key)


def english_city_name(name: str) -> str:
    """The English name of a city that French, Spanish or German writes otherwise
    (`data/city_names.tsv`: "Saint-Domingue" -> "Santo Domingo", "Tokio" -> "Tokyo"), else
    `name` itself."""
    return _english_city_names().get(_key(name), name)


def city_spellings(name: str) -> list[str]:
    """`name` and the ways French, Spanish and German write that city ("Santo Domingo":
    "Saint-Domingue"), from `data/city_names.tsv`."""
    english = english_city_name(name)
    others = [other for other, own in _other_city_names() if own == english]
    return [name, *others]


@cache
def _other_city_names() -> tuple[tuple[str, str], ...]:
    lines = data_lines("dipevents.text", "data", "city_names.tsv")
    return tuple((other, english) for other, english in (line.split("\t") for line in lines))


@cache
def _english_city_names() -> dict[str, str]:
    return {_key(other): english for other, english in _other_city_names()}


@cache
def _capital_index() -> dict[str, str]:
    """Lookup key -> code for the capitals of every language; an English word (capital, city
    of the gazetteer or one never resolved) keeps its English meaning."""
    index: dict[str, str] = dict.fromkeys(_gazetteer(), _NOT_RESOLVED)
    for language in (ENGLISH, *LANGUAGES):
        for row in _rows(language):
            for capital in row.capitals:
                index.setdefault(_key(capital), row.code)
    return {key: code for key, code in index.items() if code != _NOT_RESOLVED}


@cache
def _gazetteer() -> dict[str, str]:
    """Lookup key -> code for every city of `data/cities.tsv`."""
    lines = data_lines("dipevents.text", "data", "cities.tsv")
    return {_key(city): code for city, code in (line.split("\t") for line in lines)}


def find_country_mentions(text: str) -> list[CountryMention]:
    """Every country named in `text` by name, short form, demonym or capital, in order, in
    English and in the text's own language ("la Belgique et la RDC", "el ministro chileno")."""
    language = detect_language(text)
    pattern, entries = _mention_matcher(language if language in LANGUAGES else ENGLISH)
    mentions = []
    position = 0
    while match := pattern.search(text, position):
        start, end = match.span()
        if start and _WORD_CHAR.match(text, start - 1):  # inside a word: "WOMAN" has no OMAN
            position = start + 1
            continue
        position = end
        found = match.group()
        code, guard = entries.get(found) or entries[_mention_key(found)]
        if code != _NOT_RESOLVED and not _guarded(text, start, end, guard):
            mentions.append(CountryMention(code, start, end, found))
    return mentions


def _bare(name: str) -> str:
    """`name` without surrounding space, a possessive and a leading "the"."""
    return _LEADING_THE.sub("", POSSESSIVE.sub("", name.strip()).strip())


def _key(text: str) -> str:
    """A lookup key ignoring case, accents, dots, apostrophes, other punctuation and "the"."""
    text = _fold(text).casefold().replace("&", " and ").replace("+", " plus ")
    words = re.sub(r"\W+", " ", re.sub(f"[.{APOSTROPHES}]", "", text)).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _acronym_key(text: str) -> str:
    return _key(text).replace(" ", "").upper()


def _fold(text: str) -> str:
    """`text` without accents, composed as text is written: "Türkiye" -> "Turkiye"."""
    return unicodedata.normalize("NFC", without_accents(text))


@cache
def _rows(language: str) -> tuple[_Row, ...]:
    """The lines of `language`'s data file: `countries.tsv` for English, else
    `countries_<language>.tsv`."""
    table = "countries.tsv" if language == ENGLISH else f"countries_{language}.tsv"
    rows = []
    for line in data_lines("dipevents.text", "data", table):
        code, names, demonyms, capitals, people = [*line.split("\t"), "", "", "", ""][:5]
        rows.append(
            _Row(
                code,
                _split(names),
                tuple(form for d in _split(demonyms) for form in _demonym_forms(language, d)),
                _split(capitals),
                frozenset(_split(people)),
            )
        )
    return tuple(rows)


def _split(column: str) -> tuple[str, ...]:
    return tuple(value.strip() for value in column.split("|") if value.strip())


def _demonym_forms(language: str, demonym: str) -> Iterator[str]:
    """A demonym as the data file writes it and its other forms in `language`: "Kenyans";
    "belges", "congolaise"; "chilena", "francesas"; "belgischen". A lower-case French or
    Spanish form is also given capitalised, as a noun or at a sentence's start."""
    forms = _INFLECTIONS[language](demonym)
    yield from forms
    if language in ("fr", "es"):
        yield from (form.capitalize() for form in forms if form.islower())


def _english_forms(demonym: str) -> tuple[str, ...]:
    """The demonym and its plural in "s", unless it ends in s, sh, ch, x, z or "ese"."""
    return (demonym,) if demonym.endswith(_PLURAL_EXCEPTIONS) else (demonym, demonym + "s")


def _french_forms(demonym: str) -> tuple[str, ...]:
    """belge, belges; congolais, congolaise(s); ivoirien, ivoirienne(s), ivoiriens."""
    if demonym.endswith("e") or not demonym.islower():
        return (demonym, demonym + "s")
    if demonym.endswith(("ien", "éen")):
        return (demonym, demonym + "s", demonym + "ne", demonym + "nes")
    if demonym.endswith("s"):
        return (demonym, demonym + "e", demonym + "es")
    return (demonym, demonym + "e", demonym + "s", demonym + "es")


def _spanish_forms(demonym: str) -> tuple[str, ...]:
    """chileno, chilena(s), chilenos; francés, francesa(s), franceses; marroquí(es); belga(s)."""
    if demonym.endswith("o"):
        stem = demonym[:-1]
        return (demonym, stem + "a", stem + "os", stem + "as")
    if demonym.endswith(("a", "e")):
        return (demonym, demonym + "s")
    if demonym.endswith(("í", "ú")):
        return (demonym, demonym + "es")
    stem = demonym[:-2] + without_accents(demonym[-2]) + demonym[-1]
    return (demonym, stem + "a", stem + "es", stem + "as")


def _german_forms(demonym: str) -> tuple[str, ...]:
    """An adjective's stem and its endings (belgisch, belgische, belgischen ...); a noun as is."""
    if not demonym.islower():
        return (demonym,)
    return (demonym, *(demonym + ending for ending in ("e", "en", "er", "es", "em")))


_INFLECTIONS: dict[str, Callable[[str], tuple[str, ...]]] = {
    ENGLISH: _english_forms,
    "fr": _french_forms,
    "es": _spanish_forms,
    "de": _german_forms,
}


def _iso_names(language: str) -> list[tuple[str, str]]:
    """(name, alpha-3) for every ISO name pycountry has (name, common and official names), in
    English or in pycountry's translation into `language`."""
    translate = _translation(language)
    pairs = []
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            if value := getattr(country, field, None):
                pairs.append((_LEADING_THE.sub("", translate(value)), country.alpha_3))
    return pairs


def _translation(language: str) -> Callable[[str], str]:
    """pycountry's translation of its English names into `language` (gettext, bundled)."""
    if language == ENGLISH:
        return str
    catalogue = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    return catalogue.gettext


@cache
def _alpha3_codes() -> frozenset[str]:
    extra = {row.code for row in _rows(ENGLISH) if row.code != _NOT_RESOLVED}
    return frozenset(c.alpha_3 for c in pycountry.countries) | extra


def _all_words(row: _Row) -> tuple[str, ...]:
    return (*row.names, *row.demonyms, *row.capitals, *row.people)


def _names(row: _Row) -> tuple[str, ...]:
    return row.names


@cache
def _country_index() -> dict[str, str]:
    """Lookup key -> code for every name, demonym and capital of every language."""
    return _merged_index(_all_words)


@cache
def _name_index() -> dict[str, str]:
    """Lookup key -> code for the names alone: pycountry's and the data files'."""
    return _merged_index(_names)


def _merged_index(words: Callable[[_Row], tuple[str, ...]]) -> dict[str, str]:
    """The English index of `words`, with the other languages' keys that English lacks."""
    index = _index(ENGLISH, words)
    for language in LANGUAGES:
        for key, code in _index(language, words).items():
            index.setdefault(key, code)
    return index


def _index(language: str, words: Callable[[_Row], tuple[str, ...]]) -> dict[str, str]:
    """Lookup key -> code for pycountry's names in `language` and the `words` of its data file,
    which override them."""
    index = {_key(name): code for name, code in _iso_names(language)}
    for row in _rows(language):
        for name in words(row):
            index[_key(name)] = row.code
    return index


@cache
def _organization_index() -> tuple[dict[str, str], dict[str, str]]:
    """(acronym key -> code, name key -> code) from `data/organizations.tsv`."""
    acronyms: dict[str, str] = {}
    names: dict[str, str] = {}
    for line in data_lines("dipevents.text", "data", "organizations.tsv"):
        code, _, column = line.partition("\t")
        for name in _split(column):
            if any(char.islower() for char in name):
                names[_key(name)] = code
            else:
                acronyms[_acronym_key(name)] = code
    return acronyms, names


@cache
def _mention_phrases(language: str) -> dict[str, tuple[str, _Guard]]:
    """Every phrase that names a country in running text in English and `language` ->
    (code, guard). Another language's phrase never changes what an English one means."""
    phrases = _language_phrases(ENGLISH)
    if language != ENGLISH:
        english = _index(ENGLISH, _all_words)
        for phrase, entry in _language_phrases(language).items():
            if english.get(_key(phrase), entry[0]) == entry[0]:
                phrases.setdefault(phrase, entry)
    return phrases


def _language_phrases(language: str) -> dict[str, tuple[str, _Guard]]:
    """The phrases of one language that name a country in running text -> (code, guard)."""
    phrases: dict[str, tuple[str, _Guard]] = {
        name: (code, "none") for name, code in _iso_names(language) if not re.search(r"[,()]", name)
    }
    for row in _rows(language):
        for name in row.names + row.demonyms:
            phrases[name] = (row.code, "none")
        for capital in row.capitals:
            phrases[capital] = (row.code, "none" if " " in capital else "compound")
        for name in row.people:
            phrases[name] = (row.code, "person")
    return phrases


@cache
def _mention_matcher(language: str) -> tuple[re.Pattern[str], dict[str, tuple[str, _Guard]]]:
    """One regex for every phrase of English and `language`, as written, unaccented and in
    capitals; and their entries."""
    entries: dict[str, tuple[str, _Guard]] = {}
    trie: _Trie = {}
    for phrase, entry in _mention_phrases(language).items():
        for variant in {phrase, _fold(phrase), phrase.upper(), _fold(phrase).upper()}:
            entries[variant] = entries[_mention_key(variant)] = entry
            node = trie
            for char in variant:
                node = node.setdefault(_UNITS.get(char, re.escape(char)), {})
            node[""] = {}
    # No lookbehind before the first letter: it would stop re from skipping ahead to the letters
    # that can start a name, which makes the search three times slower.
    return re.compile(rf"(?:{_trie_regex(trie)})(?![\w$])"), entries


def _trie_regex(node: _Trie) -> str:
    """A regex for the strings of a character trie; longer continuations are tried first."""
    branches = [unit + _trie_regex(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


def _mention_key(text: str) -> str:
    """A phrase as matched in text, with its separators and apostrophes made uniform."""
    return _SEPARATORS.sub(" ", text.replace(_RIGHT_QUOTE, "'"))


def _guarded(text: str, start: int, end: int, guard: _Guard) -> bool:
    """Whether a capitalised word next to `text[start:end]` makes it part of another name."""
    if guard == "none":
        return False
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1) not in _CALENDAR:
        return True
    if guard != "person":
        return False
    preceding = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return preceding is not None and preceding.group(1) not in _OPENERS
