"""Personal names in a sentence's words: runs of capitalised words such as "Ali Haroun Saleh",
"Park Min-jae", "J. K. Mensah", "Adel bin Hamad Al Shehri" or "Miriam de Groot".

A run stops at a word that names an office, a country or an institution (`titles.txt`,
`title_modifiers.txt`, `not_names.txt`, the country names and demonyms) and leaves out courtesy
words (`honorifics.txt`), so "Norwegian Foreign Minister Ingrid Solberg" leaves "Ingrid
Solberg". The function words that shape names and offices (particles, connectors, breaks) are
in `name_grammar.tsv`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from dipevents.text.countries import capital_country, country_code, organization_code
from dipevents.text.fold import POSSESSIVE
from dipevents.text.lexicon import phrases

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])|\b[dlDL][’'](?=\w)|[\w’'\-]+(?:\.\w+)*|[,;:.()“”\"—–]"
)
_INITIAL = re.compile(r"(?:[A-Z]\.)+")
_NAME_PARTS = re.compile(r"[-’']")
MAX_NAME_TOKENS = 6
"""The longest name read as a whole ("Adel bin Hamad Al Shehri"); a longer run is not one name."""


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark of the text, with its offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """The words and punctuation marks of `text[start:end]`, with offsets into `text`; an
    initial ("K.") and an elision ("l'" of "l'Intégration") are words of their own."""
    return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(text, start, end)]


@cache
def grammar_words(kind: str) -> frozenset[str]:
    """The words `name_grammar.tsv` gives the kind `kind` ("particle", "connector", ...)."""
    words: defaultdict[str, set[str]] = defaultdict(set)
    for line in phrases("name_grammar.tsv"):
        word, _, word_kind = line.partition("\t")
        words[word_kind.strip()].add(word.strip().lower())
    return frozenset(words[kind])


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """The words of the word list `lexicons/<name>` (all languages), in lower case."""
    return frozenset(line.strip().lower() for line in phrases(name))


def office_nouns() -> frozenset[str]:
    """The office nouns of `titles.txt`: "minister", "envoy", "ministre"."""
    return lexicon_words("titles.txt")


@cache
def title_words() -> frozenset[str]:
    """Every word of an office: its nouns and the words that qualify them ("deputy")."""
    return office_nouns() | lexicon_words("title_modifiers.txt")


@cache
def _not_names() -> frozenset[str]:
    return frozenset(word.strip() for word in phrases("not_names.txt"))


def is_honorific(word: str) -> bool:
    """Whether `word` is a courtesy word before a name: "Dr", "Dr.", "Sheikh", "M.", "Mme"."""
    return word.lower().rstrip(".") in lexicon_words("honorifics.txt")


def honorifics_before(tokens: list[Token], index: int) -> int:
    """Where the courtesy words before the name at `index` start ("Dr. Mariama"), or `index`."""
    lead = index
    while lead > 0 and (
        is_honorific(tokens[lead - 1].text)
        or (tokens[lead - 1].text == "." and lead > 1 and is_honorific(tokens[lead - 2].text))
    ):
        lead -= 1
    return lead


_PLURAL_ENDINGS = ("s", "es", "n", "en")  # "Ministers", "cancilleres", "Amtskollegen"


def is_office_noun(word: str) -> bool:
    """Whether `word` is an office noun, in the singular or plural."""
    bare = POSSESSIVE.sub("", word).lower()
    return bare in office_nouns() or singular_office(bare) is not None


def singular_office(word: str) -> str | None:
    """The singular of a plural office noun ("ministres" -> "ministre"), else None."""
    bare = POSSESSIVE.sub("", word).lower()
    if bare in office_nouns():
        return None
    for ending in _PLURAL_ENDINGS:
        if bare.endswith(ending) and bare[: -len(ending)] in office_nouns():
            return word[: -len(ending)]
    return None


def is_title_word(word: str) -> bool:
    """Whether `word` is an office noun or a word qualifying one."""
    return is_office_noun(word) or POSSESSIVE.sub("", word).lower() in title_words()


@lru_cache(maxsize=8192)
def is_name_word(word: str) -> bool:
    """Whether `word` may be part of a personal name: capitalised ("Min-jae", "McAllister",
    "Koné-Diabaté", "Žilinskas"), not an office, country, demonym or institution word;
    capitals are allowed ("Sofía")."""
    parts = [part for part in _NAME_PARTS.split(word) if part]
    if len(parts) > 1 and parts[0] in grammar_words("particle"):
        parts = parts[1:]  # "al-Saadi", "el-Sisi"
    return (
        len(word) > 1
        and bool(parts)
        and _is_capitalised(parts[0])
        and all(_is_capitalised(part) or part.islower() for part in parts[1:])
        and POSSESSIVE.search(word) is None
        and word not in _not_names()
        and not is_honorific(word)
        and not is_title_word(word)
        and not _is_country_word(word)
    )


def _is_capitalised(part: str) -> bool:
    """ "Solberg", "McAllister", "DiNanno": a capital, then lower case (a second capital may
    follow a prefix of `name_grammar.tsv`)."""
    if len(part) < 2 or not part[0].isupper() or not part.isalpha():
        return False
    if part[1:].islower():
        return True
    inner = next(i for i in range(1, len(part)) if part[i].isupper())
    return part[:inner].lower() in grammar_words("prefix") and part[inner:].istitle()


def _is_country_word(word: str) -> bool:
    """Whether `word` names a country or its people ("Kenya", "Kenyan"); a capital that is not
    also a country's name may be a personal name ("Sofia")."""
    return country_code(word) is not None and capital_country(word) is None


def name_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges that may be a personal name, in order.

    A run of name words (with particles and initials inside) is one name. After an office's
    connector a run names a portfolio: none when it goes on as an office ("of Water Resources
    and Irrigation"), else its last two words are the name ("of Irrigation Hany Mansour").
    """
    spans = []
    index = 0
    while index < len(tokens):
        word = tokens[index].text
        if not word[:1].isupper() and not _starts_name(word):
            index += 1  # no name, nor an office that is a given name, starts here
            continue
        if is_honorific(word):  # "M. Vandamme": "M." is no initial
            index += 1
            continue
        if _is_destination_capital(tokens, index):  # "Ambassador to Moscow Lynne Tracy"
            index += 1
            continue
        end = _run_end(tokens, index)
        portfolio = _follows_portfolio(tokens, index)
        if _is_name(tokens[index : end + 1], end - index, portfolio) and not (
            portfolio and _continues_as_office(tokens, end)
        ):
            spans.append(_name_part(tokens, index, end, portfolio))
        index = max(end, index + 1)
    return spans


def _is_destination_capital(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` is a capital city where an office serves ("to Moscow")."""
    return (
        index > 0
        and tokens[index - 1].lower in grammar_words("destination")
        and capital_country(tokens[index].text) is not None
    )


def _run_end(tokens: list[Token], index: int) -> int:
    """The end of the run of name words, initials and inner particles starting at `index`; a
    run may open with an office noun that is a given name after an office ("Foreign Minister
    King S. Dolo", "Energy Minister Sultan Al Jaber")."""
    end = index + 1 if _is_given_name_office(tokens, index) else index
    while end < len(tokens) and (
        is_name_word(tokens[end].text)
        or _INITIAL.fullmatch(tokens[end].text)
        or (end > index and tokens[end].lower in grammar_words("particle"))
    ):
        end += 1
    while end > index and not is_name_word(tokens[end - 1].text):
        end -= 1  # a name ends with a full word: not "bin", not "K."
    if end > index and end < len(tokens) and is_name_word(bare_word(tokens[end].text)):
        end += 1  # the name's last word may be a possessive: "Narendra Modi's visit"
    return end


def bare_word(word: str) -> str:
    """`word` without a possessive: "Modi's" gives "Modi"."""
    return POSSESSIVE.sub("", word)


def _is_given_name_office(tokens: list[Token], index: int) -> bool:
    """Whether the office noun at `index` is a given name: it follows an office noun and a name
    word or initial follows it."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index].text[:1].isupper()
        and is_office_noun(tokens[index].text)
        and is_office_noun(tokens[index - 1].text)
        and _starts_name(tokens[index + 1].text)
    )


def _starts_name(word: str) -> bool:
    return is_name_word(word) or _INITIAL.fullmatch(word) is not None


def _is_name(words: list[Token], size: int, portfolio: bool) -> bool:
    """Whether the run of the first `size` words is a name: two words at least (three after a
    portfolio's "of", which the first one names: "of Health John Smith", not "of Public
    Prosecutions"), and no country or organisation, alone or with the word after it ("Solomon
    Islands", "Papua New" of "Papua New Guinea's")."""
    if size < (3 if portfolio else 2):
        return False
    run = " ".join(bare_word(token.text) for token in words[:size])
    longer = " ".join(bare_word(token.text) for token in words)
    return all(country_code(t) is None and organization_code(t) is None for t in (run, longer))


def _name_part(tokens: list[Token], index: int, end: int, portfolio: bool) -> tuple[int, int]:
    """The name in the run `tokens[index:end]`: all of it, or its last two words (three with a
    particle) when the run follows an office's connector or is too long for one name."""
    if not portfolio and end - index <= MAX_NAME_TOKENS:
        return index, end
    first = end - 3 if tokens[end - 2].lower in grammar_words("particle") else end - 2
    return max(first, index), end


def _follows_portfolio(tokens: list[Token], index: int) -> bool:
    """Whether the run at `index` names an office's field: after "of" ("Minister of Health
    John Smith"), or after "and" that follows neither a name nor a country ("Resources and
    Irrigation Hany")."""
    if index == 0:
        return False
    before = tokens[index - 1].lower
    if before in grammar_words("portfolio"):
        return True
    return (
        before in grammar_words("coordinator")
        and index > 1
        and not is_name_word(tokens[index - 2].text)
        and country_code(tokens[index - 2].text) is None  # "X for Kyrgyzstan and Y"
    )


@cache
def _inner_words() -> frozenset[str]:
    """The function words inside an office: "of", "to", "the", "des"."""
    return grammar_words("portfolio") | grammar_words("connector") | grammar_words("determiner")


def _continues_as_office(tokens: list[Token], end: int) -> bool:
    """Whether the words before `end` go on as an office after a coordinator: "Water
    Resources and Irrigation", "Affaires africaines et des Affaires étrangères"; not "Kofi
    Asante and Prime Minister", nor "Jean-Marc Tabi and Solomon Islands Prime Minister"."""
    if end >= len(tokens) or tokens[end].lower not in grammar_words("coordinator"):
        return False
    following = end + 1
    while following < len(tokens) and tokens[following].lower in _inner_words():
        following += 1
    run_end = following
    while run_end < len(tokens) and tokens[run_end].text[:1].isupper():
        if is_title_word(tokens[run_end].text) or POSSESSIVE.search(tokens[run_end].text):
            break
        run_end += 1
    if run_end == following:
        return False
    run = " ".join(token.text for token in tokens[following:run_end])
    return country_code(run) is None and not any(
        country_code(token.text) for token in tokens[following:run_end]
    )
