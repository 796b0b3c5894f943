"""Countries and international organisations: names, codes, demonyms and capitals to codes.

Cities also get their country: the capitals, and the major cities of `data/cities.tsv`.

Countries get ISO 3166-1 alpha-3 codes (XKX for Kosovo); organisations get CAMEO actor codes
(`data/organizations.tsv` explains them). pycountry supplies the ISO codes and names;
`data/countries.tsv` adds what it lacks (short forms, demonyms, capitals) and the words never
resolved. Nothing is guessed: an unknown or ambiguous value gives None.

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

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import pycountry

from dipevents.text.fold import APOSTROPHES, POSSESSIVE, without_accents
from dipevents.text.package_data import data_lines

_NOT_RESOLVED = "-"
"""The code `data/countries.tsv` gives words that must never resolve to a country."""

_Guard = Literal["none", "compound", "person"]
"""What must not stand next to a name found in text: nothing; a capitalised word after it;
a capitalised word before or after it."""

_RIGHT_QUOTE = "\u2019"  # the typographic apostrophe: "Russia\u2019s"
_APOSTROPHE = f"[{APOSTROPHES}]"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
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
    words or names). Everything else ignores case, accents, dots, a leading "the" and a
    possessive with either apostrophe: "the U.S.'s", "Türkiye", "turkiye", "Emirati", "Kyiv".
    """
    bare = _bare(name)
    if _ALPHA3.fullmatch(bare) and bare.upper() in _alpha3_codes():
        return bare.upper()
    if _ALPHA2.fullmatch(bare) and (country := pycountry.countries.get(alpha_2=bare)):
        return country.alpha_3
    code = _country_index().get(_key(bare))
    return None if code == _NOT_RESOLVED else code


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


@cache
def _capital_index() -> dict[str, str]:
    return {
        _key(capital): row.code
        for row in _rows()
        if row.code != _NOT_RESOLVED
        for capital in row.capitals
    }


@cache
def _gazetteer() -> dict[str, str]:
    """Lookup key -> code for every city of `data/cities.tsv`."""
    lines = data_lines("dipevents.text", "data", "cities.tsv")
    return {_key(city): code for city, code in (line.split("\t") for line in lines)}


def find_country_mentions(text: str) -> list[CountryMention]:
    """Every country named in `text` by name, short form, demonym or capital, in order."""
    pattern, entries = _mention_matcher()
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
def _rows() -> tuple[_Row, ...]:
    rows = []
    for line in data_lines("dipevents.text", "data", "countries.tsv"):
        code, names, demonyms, capitals, people = (line.split("\t") + [""] * 4)[:5]
        rows.append(
            _Row(
                code,
                _split(names),
                _with_plurals(_split(demonyms)),
                _split(capitals),
                frozenset(_split(people)),
            )
        )
    return tuple(rows)


def _split(column: str) -> tuple[str, ...]:
    return tuple(value.strip() for value in column.split("|") if value.strip())


def _with_plurals(demonyms: tuple[str, ...]) -> tuple[str, ...]:
    plurals = (d + "s" for d in demonyms if not d.endswith(_PLURAL_EXCEPTIONS))
    return demonyms + tuple(plurals)


def _iso_names() -> list[tuple[str, str]]:
    """(name, alpha-3) for every ISO name pycountry has: name, common and official names."""
    pairs = []
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            if value := getattr(country, field, None):
                pairs.append((_LEADING_THE.sub("", value), country.alpha_3))
    return pairs


@cache
def _alpha3_codes() -> frozenset[str]:
    extra = {row.code for row in _rows() if row.code != _NOT_RESOLVED}
    return frozenset(c.alpha_3 for c in pycountry.countries) | extra


@cache
def _country_index() -> dict[str, str]:
    """Lookup key -> code for every name; the data file overrides pycountry."""
    index = {_key(name): code for name, code in _iso_names()}
    for row in _rows():
        for name in (*row.names, *row.demonyms, *row.capitals, *row.people):
            index[_key(name)] = row.code
    return index


@cache
def _name_index() -> dict[str, str]:
    """Lookup key -> code for the names alone: pycountry's and the data file's."""
    index = {_key(name): code for name, code in _iso_names()}
    index.update((_key(name), row.code) for row in _rows() for name in row.names)
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
def _mention_phrases() -> dict[str, tuple[str, _Guard]]:
    """Every phrase that names a country in running text -> (code, guard)."""
    phrases: dict[str, tuple[str, _Guard]] = {
        name: (code, "none") for name, code in _iso_names() if not re.search(r"[,()]", name)
    }
    for row in _rows():
        for name in row.names + row.demonyms:
            phrases[name] = (row.code, "none")
        for capital in row.capitals:
            phrases[capital] = (row.code, "none" if " " in capital else "compound")
        for name in row.people:
            phrases[name] = (row.code, "person")
    return phrases


@cache
def _mention_matcher() -> tuple[re.Pattern[str], dict[str, tuple[str, _Guard]]]:
    """One regex for every phrase, as written, unaccented and in capitals; and their entries."""
    entries: dict[str, tuple[str, _Guard]] = {}
    trie: _Trie = {}
    for phrase, entry in _mention_phrases().items():
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
