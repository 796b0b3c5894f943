"""People named with their office: "Norwegian Foreign Minister Ingrid Solberg",
"Russia's newly appointed ambassador to Washington, Alexander Darchiev",
"Daniel Mwangi, Kenya's trade minister,", "le ministre belge des Affaires étrangères, Pieter
Vandamme", "Foreign Ministers Yoon Ha-eun and Batbayar Enkhtuya".

A name (`names`) counts as a person only when an office stands right before it, is set off by
commas just before or after it, or is shared with the name before it ("Presidents X and Y").
The office's words give the country or organisation ("U.S.", "Norwegian", "Russia's", "the
EU's", "belge"). Later mentions by surname ("Solberg", "Kim" of "Kim Jae-won", "Villanueva
Cruz") resolve to the same person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from dipevents.rules.names import (
    Token,
    bare_word,
    grammar_words,
    honorifics_before,
    is_name_word,
    is_office_noun,
    is_title_word,
    lexicon_words,
    name_spans,
    singular_office,
    tokens_in,
)
from dipevents.rules.names import title_words as title_words  # actors reads it from here
from dipevents.text.countries import country_code, organization_code
from dipevents.text.fold import POSSESSIVE

_MAX_TITLE_TOKENS = 20
_AFFILIATION_WINDOW = 6
_AFFILIATION_WORDS = 4  # "the African Union's special envoy": up to four words name the body
_APPOSITION_ENDS = frozenset({",", ".", ";", "—", "–", "("})
_MAX_PARENTHESIS = 5  # tokens of a parenthesis inside an office: "( OEA )"
_PUNCTUATION_BREAKS = frozenset({"(", ")", ";", ":", "—", "–", "“", "”", '"', "."})


@dataclass
class Person:
    """A person found in the text, with every place their name was mentioned."""

    name: str
    title: str | None
    country: str | None
    organization: str | None
    evidence: tuple[int, int]
    """Offsets of the first mention with its office, e.g. "U.S. Deputy ... Sonata Coulter"."""
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Office:
    """The words of a person's office, `tokens[first:last]`, and what they say."""

    first: int
    last: int
    plural: bool
    """"Foreign Ministers": the office is shared with the names coordinated after."""
    countries: tuple[str, ...]
    """The countries its words name, in order ("les ministres haïtien et dominicain")."""


@dataclass
class _Named:
    """A name found with its office, for the names that may share it."""

    person: Person
    office: _Office
    end: int
    rank: int = 0
    """Its place among the names sharing the office."""


@cache
def _determiners() -> frozenset[str]:
    return grammar_words("determiner")


@cache
def _connectors() -> frozenset[str]:
    return grammar_words("connector") | grammar_words("portfolio") | _determiners()


def find_people(text: str, ranges: list[tuple[int, int]]) -> list[Person]:
    """The people named with an office in the given ranges (sentences) of `text`.

    A name and its office never straddle two ranges; surname mentions are found in all of them.
    """
    people: list[Person] = []
    all_tokens: list[Token] = []
    for start, end in ranges:
        tokens = tokens_in(text, start, end)
        all_tokens += tokens
        people += _people_in(tokens, text)
    people = _without_repeats(people)
    _add_mentions(people, all_tokens)
    return people


def _people_in(tokens: list[Token], text: str) -> list[Person]:
    """The people of one sentence, in order."""
    found: list[Person] = []
    previous: _Named | None = None
    floor = 0
    for index, name_end in name_spans(tokens):
        named = _named_at(tokens, index, name_end, floor, text, previous)
        if named is not None:
            floor = name_end  # the next office starts after this person
            previous = named
            if not _only_comments(named.office, tokens):
                found.append(named.person)
    return found


def _only_comments(office: _Office, tokens: list[Token]) -> bool:
    """Whether the office is a spokesperson's, who speaks about an event, not in it."""
    words = tokens[office.first : office.last]
    return any(word.lower in lexicon_words("spokespeople.txt") for word in words)


def _named_at(
    tokens: list[Token],
    index: int,
    name_end: int,
    floor: int,
    text: str,
    previous: _Named | None,
) -> _Named | None:
    """The person of the name `tokens[index:name_end]`, with the office found for it."""
    office = _office_of(tokens, index, name_end, floor)
    rank = 0
    if office is None and previous is not None and _shares_office(tokens, index, previous):
        office, rank = previous.office, previous.rank + 1
    if office is None:
        return None
    name = " ".join(bare_word(token.text) for token in tokens[index:name_end])
    words = tokens[office.first : office.last]
    country, organization, words = _affiliation(words)
    if _represented_span(tokens, name_end):  # "X for Kyrgyzstan"
        country = country_code(tokens[name_end + 1].text)
    elif office.plural and office.countries:  # "les ministres haïtien et dominicain": in turn
        country = office.countries[rank] if rank < len(office.countries) else None
    elif country is None and organization is None:
        country = _possessive_country_before(tokens, office.first)
    spans = [tokens[index], tokens[name_end - 1]]
    if rank == 0:  # a shared office is quoted with the first name only
        spans += [tokens[office.first], tokens[office.last - 1]]
    evidence = (min(t.start for t in spans), max(t.end for t in spans))
    person = Person(name, _office_text(words, text), country, organization, evidence)
    return _Named(person, office, name_end, rank)


def _office_of(tokens: list[Token], index: int, name_end: int, floor: int) -> _Office | None:
    """The office written with the name `tokens[index:name_end]`, after `floor` (the end of the
    previous person's name): before it, before it with a comma, or after it with a comma."""
    lead = honorifics_before(tokens, index)
    span = (
        _title_before(tokens, lead, floor)
        or _title_before_comma(tokens, lead, floor)
        or _title_after_comma(tokens, name_end)
    )
    if span is None:
        return None
    words = tokens[span[0] : span[1]]
    plural = any(singular_office(word.text) is not None for word in words)
    return _Office(*span, plural, _countries_in(words))


def _shares_office(tokens: list[Token], index: int, previous: _Named) -> bool:
    """Whether the name at `index` shares the previous name's plural office: "Foreign Ministers
    Yoon Ha-eun and Batbayar Enkhtuya", "the chief negotiators, X for Kyrgyzstan and Y"."""
    between = tokens[previous.end + _represented_span(tokens, previous.end) : index]
    return (
        previous.office.plural
        and len(between) == 1
        and between[0].lower in grammar_words("coordinator")
    )


def _represented_span(tokens: list[Token], name_end: int) -> int:
    """How many words after a name say whom the person represents ("for Kyrgyzstan", "of
    Kenya"): two, or none."""
    after = tokens[name_end : name_end + 2]
    if (
        len(after) == 2
        and after[0].lower in grammar_words("portfolio")
        and country_code(after[1].text) is not None
    ):
        return 2
    return 0


def _title_before(tokens: list[Token], index: int, floor: int) -> tuple[int, int] | None:
    """An office written right before the name: "Norwegian Foreign Minister Ingrid Solberg"."""
    first = index
    while first > floor and index - first < _MAX_TITLE_TOKENS:
        word = tokens[first - 1].text
        if _breaks_office(tokens, first - 1) or not (
            word[0].isupper()
            or word.lower() in _connectors()
            or word.lower() in grammar_words("coordinator")
            or is_title_word(word)
            or country_code(word) is not None
        ):
            break
        first -= 1
    while first < index and (
        tokens[first].lower in _connectors() or tokens[first].lower in grammar_words("coordinator")
    ):
        first += 1
    return (first, index) if _has_office_noun(tokens, first, index) else None


def _title_after_comma(tokens: list[Token], name_end: int) -> tuple[int, int] | None:
    """An office set off after the name: "Daniel Mwangi, Kenya's trade minister,"."""
    if name_end >= len(tokens) or tokens[name_end].text != ",":
        return None
    last = name_end + 1
    while last < len(tokens) and tokens[last].text not in _APPOSITION_ENDS:
        if (
            tokens[last].lower in grammar_words("break")
            or last - name_end > _MAX_TITLE_TOKENS
            or _names_someone(tokens, last)
        ):
            return None
        last += 1
    words = tokens[name_end + 1 : last]
    if words and _opens_apposition(words[0]) and _has_office_noun(tokens, name_end + 1, last):
        return name_end + 1, last
    return None


def _names_someone(tokens: list[Token], position: int) -> bool:
    """Whether a name of two words starts at `position`: an apposition naming someone else is
    not an office ("X, U.S. Deputy Assistant Secretary Rachel Okafor-Lind")."""
    pair = tokens[position : position + 2]
    return len(pair) == 2 and all(is_name_word(token.text) for token in pair)


def _opens_apposition(token: Token) -> bool:
    """Whether a phrase after a name's comma may be its office: "the", "Kenya's", "trade"."""
    return (
        token.lower in _determiners()
        or POSSESSIVE.search(token.text) is not None
        or country_code(POSSESSIVE.sub("", token.text)) is not None
        or is_title_word(token.text)
    )


def _title_before_comma(tokens: list[Token], index: int, floor: int) -> tuple[int, int] | None:
    """An office set off before the name: "Russia's ambassador, Alexander Darchiev", "el
    ministro español de Asuntos Exteriores, Unión Europea y Cooperación, Jaime Ortega"."""
    if index < 2 or tokens[index - 1].text != ",":
        return None
    first = index - 1
    while first > floor and index - first < _MAX_TITLE_TOKENS:
        first = _before_parenthesis(tokens, first, floor)
        if first <= floor:
            break
        if tokens[first - 1].text == ",":
            if _has_office_noun(tokens, first, index - 1) or not _lists_fields(tokens, first):
                break
        elif _breaks_office(tokens, first - 1):
            if not _has_office_noun(tokens, first, index - 1):
                return _title_before_clause(tokens, first - 1, floor)
            break
        first -= 1
    first = _office_start(tokens, first, index - 1)
    span = (first, index - 1)
    return span if _has_office_noun(tokens, first, index - 1) else None


def _title_before_clause(tokens: list[Token], clause: int, floor: int) -> tuple[int, int] | None:
    """An office before a relative clause that ends at the name's comma: "the chief negotiators
    who led the talks, Ulan Dzhumabaev"."""
    if tokens[clause].lower not in grammar_words("relative"):
        return None
    return _title_before(tokens, clause, floor)


def _before_parenthesis(tokens: list[Token], first: int, floor: int) -> int:
    """`first`, or the start of a short parenthesis that ends right before it: an office reads
    on over "(OEA)" in "le secrétaire général de l'Organisation des États américains (OEA)"."""
    if tokens[first - 1].text != ")":
        return first
    for start in range(first - 2, max(floor, first - _MAX_PARENTHESIS) - 1, -1):
        if tokens[start].text == "(":
            return start
    return first


def _lists_fields(tokens: list[Token], first: int) -> bool:
    """Whether the words from `first` to the name's comma list an office's fields, so that the
    office goes on before the comma: "Exteriores, Unión Europea y Cooperación,", "for political
    affairs, peace and security,"."""
    words = tokens[first:]
    words = words[: next(i for i, t in enumerate(words) if t.text == ",")]
    coordinated = any(t.lower in grammar_words("coordinator") for t in words)
    return (
        bool(words)
        and (coordinated or all(t.text[:1].isupper() for t in words))
        and not any(t.lower in grammar_words("break") for t in words)
    )


def _breaks_office(tokens: list[Token], position: int) -> bool:
    """Whether the word at `position` ends an office read backwards: a clause word ("said",
    "with"), or "and" after a name or a comma ("Ruto and Foreign Minister", ", and the");
    other coordinators join two parts of an office ("Production and Foreign Trade", "haïtien
    et dominicain", "peace and security")."""
    word = tokens[position]
    if word.text in _PUNCTUATION_BREAKS:
        return True
    if word.lower in grammar_words("break"):
        return not _is_office_noun_at(tokens, position)
    if word.lower not in grammar_words("coordinator"):
        return False
    if position == 0 or position + 1 >= len(tokens):
        return True
    preceding = tokens[position - 1].text
    return is_name_word(preceding) or not preceding[:1].isalnum()


def _is_office_noun_at(tokens: list[Token], position: int) -> bool:
    """Whether the word at `position` is an office noun here; a noun that is also a clause word
    in another language needs a determiner ("su par", not French "par")."""
    word = tokens[position]
    if not is_office_noun(word.text):
        return False
    if word.lower not in grammar_words("break"):
        return True
    return position > 0 and tokens[position - 1].lower in _determiners()


def _office_start(tokens: list[Token], first: int, last: int) -> int:
    """Where the office of `tokens[first:last]` starts: at the last determiner or possessive
    before its first office noun ("... in The Hague, the Saudi minister"), else at `first`."""
    head = next((i for i in range(first, last) if _is_office_noun_at(tokens, i)), last)
    for position in range(head - 1, first - 1, -1):
        token = tokens[position]
        if token.lower in _determiners():
            return position
        if POSSESSIVE.search(token.text):
            return _owner_start(tokens, first, position)
    return first


def _owner_start(tokens: list[Token], first: int, possessive: int) -> int:
    """Where the owner of a possessive starts: "the African Union's", "Papua New Guinea's"."""
    start = possessive
    while start > first and tokens[start - 1].text[:1].isupper():
        start -= 1
    if start > first and tokens[start - 1].lower in _determiners():
        start -= 1
    return start


def _has_office_noun(tokens: list[Token], first: int, last: int) -> bool:
    return any(_is_office_noun_at(tokens, position) for position in range(first, last))


def _affiliation(words: list[Token]) -> tuple[str | None, str | None, list[Token]]:
    """The country or organisation the office names, and the office without the words that
    name it first ("Norwegian", "the EU's"); a demonym inside counts too ("ministre belge")."""
    while words and words[0].lower in _determiners():
        words = words[1:]
    for size in range(min(_AFFILIATION_WORDS, len(words)), 0, -1):
        lead = POSSESSIVE.sub("", " ".join(token.text for token in words[:size]))
        if (code := country_code(lead)) is not None:
            return code, None, words[size:]
        if organization_code(lead) is not None:
            return None, lead, words[size:]
    countries = _countries_in(words)
    return (countries[0] if countries else None), None, words


def _countries_in(words: list[Token]) -> tuple[str, ...]:
    """The countries the words name, in order, leaving out where an office serves ("ambassador
    to Washington")."""
    codes = []
    for position, token in enumerate(words):
        after_destination = position > 0 and words[position - 1].lower in grammar_words(
            "destination"
        )
        code = country_code(POSSESSIVE.sub("", token.text))
        if code is not None and not after_destination:
            codes.append(code)
    return tuple(codes)


def _office_text(words: list[Token], text: str) -> str | None:
    """The office as one line, in the singular: "Foreign Ministers" gives "Foreign Minister"."""
    if not words:
        return None
    office = " ".join(text[words[0].start : words[-1].end].split())
    for word in words:
        if (singular := singular_office(word.text)) is not None:
            office = office.replace(word.text, singular, 1)
    return office


def _possessive_country_before(tokens: list[Token], first: int) -> str | None:
    """The country of a possessive just before the office: "Thailand's delegation was led by"."""
    for token in reversed(tokens[max(0, first - _AFFILIATION_WINDOW) : first]):
        if POSSESSIVE.search(token.text) and (code := country_code(token.text)) is not None:
            return code
    return None


def _without_repeats(people: list[Person]) -> list[Person]:
    """The people without a second find of the same person (the first find keeps what the
    second knows of the country or organisation), nor the end of a longer name found too ("le
    président Ould Cheikh" of "Mohamed Vall Ould Cheikh")."""
    kept: dict[str, Person] = {}
    for person in people:
        words = person.name.split()
        if any(_ends_with(o.name.split(), words) for o in people if o.name != person.name):
            continue
        first = kept.setdefault(person.name, person)
        if first.country is None and first.organization is None:
            first.country, first.organization = person.country, person.organization
    return list(kept.values())


def _ends_with(name: list[str], tail: list[str]) -> bool:
    return len(name) >= len(tail) and name[len(name) - len(tail) :] == tail


def _mention_keys(name: str) -> list[tuple[str, ...]]:
    """How a name may be written again: whole; its surname, last word or last two ("Villanueva
    Cruz"); a family name written first ("Kim" of "Kim Jae-won"); a Spanish paternal surname
    ("Castañeda" of "Valeria Castañeda Ruiz")."""
    words = tuple(name.split())
    keys = [words, words[-1:], words[:1]]
    if len(words) >= 3:
        keys += [words[-2:], words[-2:-1]]
    particles = grammar_words("particle")
    return [key for key in keys if not (len(key) == 1 and key[0].lower() in particles)]


def _add_mentions(people: list[Person], tokens: list[Token]) -> None:
    """Record every mention of each person's name; a key two people share names neither."""
    owners: dict[tuple[str, ...], Person | None] = {}
    for person in people:
        for key in _mention_keys(person.name):
            owner = owners.get(key, person)
            owners[key] = person if owner is person else None
    longest = max((len(key) for key in owners), default=0)
    words = [POSSESSIVE.sub("", token.text) for token in tokens]
    first_words = {key[0] for key in owners}
    position = 0
    while position < len(tokens):
        size, mentioned = 0, None
        if words[position] in first_words:
            size, mentioned = _mention_at(tokens, words, position, owners, longest)
        if mentioned is not None:
            mentioned.mentions.append((tokens[position].start, tokens[position + size - 1].end))
        position += max(size, 1)


def _mention_at(
    tokens: list[Token],
    words: list[str],
    position: int,
    owners: dict[tuple[str, ...], Person | None],
    longest: int,
) -> tuple[int, Person | None]:
    """The longest known name written at `position`, as (its length in words, its person);
    `words` are the tokens' texts without a possessive."""
    for size in range(min(longest, len(tokens) - position), 0, -1):
        key = tuple(words[position : position + size])
        if key in owners:
            standalone = size > 1 or not _in_longer_name(tokens, position)
            return size, owners[key] if standalone else None
    return 0, None


def _in_longer_name(tokens: list[Token], position: int) -> bool:
    """Whether the word at `position` stands next to another name word ("Maria" of "Santa
    Maria Lopez")."""
    neighbours = [tokens[p] for p in (position - 1, position + 1) if 0 <= p < len(tokens)]
    return any(is_name_word(POSSESSIVE.sub("", t.text)) for t in neighbours)
