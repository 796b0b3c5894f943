"""People named with their office: "Norwegian Foreign Minister Ingrid Solberg",
"Russia's newly appointed ambassador to Washington, Alexander Darchiev",
"Daniel Mwangi, Kenya's trade minister,".

A name is two capitalised words (three with a particle such as "al" or "van"); it counts as a
person only when an office stands right before it, or is set off by commas just before or
after it. The office's first word gives the country or organisation ("U.S.", "Norwegian",
"Russia's", "the EU's"). Later mentions by surname alone resolve to the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from dipevents.text.countries import country_code, organization_code
from dipevents.text.fold import POSSESSIVE
from dipevents.text.lexicon import phrases

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[\w’'\-]+(?:\.\w+)*|[,;:.()“”\"—–]")
_PARTICLES = frozenset({"al", "bin", "ibn", "de", "da", "del", "van", "von", "le", "la", "el"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "to", "the"})
_CLAUSE_BREAKS = frozenset(
    {
        "and",
        "with",
        "between",
        "by",
        "together",
        "that",
        "said",
        "told",
        "met",
        "from",
        "(",
        ")",
        ";",
        ":",
        "—",
        "–",
        "“",
        "”",
        '"',
    }
)
_MAX_TITLE_TOKENS = 12
_AFFILIATION_WINDOW = 6
_AFFILIATION_WORDS = 4  # "the African Union's special envoy": up to four words name the body
_NAME_PARTS = re.compile(r"[-’']")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


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

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@cache
def title_words() -> frozenset[str]:
    """The words of `titles.txt`, in lower case."""
    return frozenset(word.lower() for word in phrases("titles.txt"))


@cache
def _not_names() -> frozenset[str]:
    return frozenset(phrases("not_names.txt"))


def find_people(text: str, ranges: list[tuple[int, int]]) -> list[Person]:
    """The people named with an office in the given ranges (sentences) of `text`.

    A name and its office never straddle two ranges; surname mentions are found in all of them.
    """
    people: dict[str, Person] = {}
    all_tokens: list[_Token] = []
    for start, end in ranges:
        tokens = [_Token(m.group(), *m.span()) for m in _TOKEN.finditer(text, start, end)]
        all_tokens += tokens
        for index, name_end in _name_spans(tokens):
            person = _person_at(tokens, index, name_end, text)
            if person is not None and person.name not in people:
                people[person.name] = person
    _add_mentions(list(people.values()), all_tokens)
    return list(people.values())


def _name_spans(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Token ranges that may be a personal name: the last two words of a capitalised run.

    Earlier words of the run belong to the office ("Irrigation Hany Mansour"); a run followed
    by "and", "of" or "for" and another capitalised word is part of an office or institution
    ("Water Resources and Irrigation").
    """
    spans = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and (
            _is_name_word(tokens[end].text)
            or (tokens[end].text.lower() in _PARTICLES and end > index)
        ):
            end += 1
        if end - index >= 2 and not _continues_as_office(tokens, end):
            first = end - 3 if tokens[end - 2].text.lower() in _PARTICLES else end - 2
            spans.append((max(first, index), end))
        index = max(end, index + 1)
    return spans


def _continues_as_office(tokens: list[_Token], end: int) -> bool:
    """Whether the run goes on as an office: "Water Resources and Irrigation Hany Mansour"."""
    if end + 1 >= len(tokens) or tokens[end].text.lower() not in {"and", "of", "for"}:
        return False
    following = tokens[end + 1].text
    return (
        following[:1].isupper()
        and POSSESSIVE.search(following) is None
        and country_code(following) is None
    )


def _person_at(tokens: list[_Token], index: int, name_end: int, text: str) -> Person | None:
    title = (
        _title_before(tokens, index)
        or _title_after_comma(tokens, name_end)
        or _title_before_comma(tokens, index)
    )
    if title is None:
        return None
    first, last = title
    words = tokens[first:last]
    name = " ".join(token.text for token in tokens[index:name_end])
    country, organization, words = _affiliation(words)
    if country is None and organization is None:
        country = _possessive_country_before(tokens, first)
    evidence_start = min(tokens[first].start, tokens[index].start)
    evidence_end = max(tokens[last - 1].end, tokens[name_end - 1].end)
    office = text[words[0].start : words[-1].end] if words else None
    return Person(name, office, country, organization, (evidence_start, evidence_end))


@lru_cache(maxsize=8192)
def _is_name_word(word: str) -> bool:
    bare = POSSESSIVE.sub("", word)
    parts = [part for part in _NAME_PARTS.split(bare) if part]
    return (
        len(bare) > 1
        and all(part[:1].isupper() and part[1:].islower() for part in parts)
        and bare not in _not_names()
        and bare.lower() not in title_words()
        and bare == word
        and country_code(bare) is None
    )


def _title_before(tokens: list[_Token], index: int) -> tuple[int, int] | None:
    """An office written right before the name: "Norwegian Foreign Minister Ingrid Solberg"."""
    first = index
    while first > 0 and index - first < _MAX_TITLE_TOKENS:
        word = tokens[first - 1].text
        if not (word[0].isupper() or word.lower() in _CONNECTORS or word.lower() in title_words()):
            break
        first -= 1
    while first < index and tokens[first].text.lower() in _CONNECTORS:
        first += 1
    return (first, index) if _has_title(tokens[first:index]) else None


def _title_after_comma(tokens: list[_Token], name_end: int) -> tuple[int, int] | None:
    """An office set off after the name: "Daniel Mwangi, Kenya's trade minister,"."""
    if name_end >= len(tokens) or tokens[name_end].text != ",":
        return None
    last = name_end + 1
    while last < len(tokens) and tokens[last].text not in {",", ".", ";", "—", "–", "("}:
        last += 1
        if last - name_end > _MAX_TITLE_TOKENS:
            return None
    span = (name_end + 1, last)
    words = tokens[span[0] : span[1]]
    return span if words and _opens_apposition(words[0]) and _has_title(words) else None


def _opens_apposition(token: _Token) -> bool:
    """Whether a phrase after a name's comma may be its office: "the", "a", "Kenya's", "trade"."""
    word = token.text.lower()
    return (
        word in {"the", "a", "an"}
        or POSSESSIVE.search(token.text) is not None
        or country_code(POSSESSIVE.sub("", token.text)) is not None
        or POSSESSIVE.sub("", word) in title_words()
    )


def _title_before_comma(tokens: list[_Token], index: int) -> tuple[int, int] | None:
    """An office set off before the name: "Russia's ambassador, Alexander Darchiev"."""
    if index < 2 or tokens[index - 1].text != ",":
        return None
    first = index - 1
    while first > 0 and index - first < _MAX_TITLE_TOKENS:
        word = tokens[first - 1].text
        joins_office = word == "and" and _continues_as_office(tokens, first - 1)
        if (word.lower() in _CLAUSE_BREAKS and not joins_office) or word == ",":
            break
        first -= 1
    span = (first, index - 1)
    return span if span[0] < span[1] and _has_title(tokens[span[0] : span[1]]) else None


def _has_title(words: list[_Token]) -> bool:
    return any(POSSESSIVE.sub("", w.text).lower() in title_words() for w in words)


def _affiliation(words: list[_Token]) -> tuple[str | None, str | None, list[_Token]]:
    """The country or organisation the office's first words name, and the office without them."""
    while words and words[0].text.lower() == "the":
        words = words[1:]
    if not words:
        return None, None, words
    for size in range(min(_AFFILIATION_WORDS, len(words)), 0, -1):
        lead = " ".join(token.text for token in words[:size])
        lead = POSSESSIVE.sub("", lead)
        if (code := country_code(lead)) is not None:
            return code, None, words[size:]
        if organization_code(lead) is not None:
            return None, lead, words[size:]
    return None, None, words


def _possessive_country_before(tokens: list[_Token], first: int) -> str | None:
    """The country of a possessive just before the office: "Thailand's delegation was led by"."""
    for token in reversed(tokens[max(0, first - _AFFILIATION_WINDOW) : first]):
        if POSSESSIVE.search(token.text) and (code := country_code(token.text)) is not None:
            return code
    return None


def _add_mentions(people: list[Person], tokens: list[_Token]) -> None:
    by_surname = {person.surname: person for person in people}
    for token in tokens:
        person = by_surname.get(POSSESSIVE.sub("", token.text))
        if person is not None:
            person.mentions.append((token.start, token.end))
