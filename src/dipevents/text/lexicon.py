"""Cue lexicons (data files in `lexicons/`), compiled into matchers once.

The rules coder reads events with them; the pipeline checks every backend's statuses with
`status_cues.tsv`. A lexicon is English in `lexicons/<name>`; another language's phrases for
it sit in `lexicons/<language>/<name>` (`fr`, `es`, `de`). A matcher reads a text with English
and the text's own language (`text.language`), so French phrases never match in English copy
and cost it nothing; `phrases` gives every language's lines at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dipevents.text.fold import lower_words
from dipevents.text.language import ENGLISH, LANGUAGES, detect_language
from dipevents.text.package_data import data_lines, package_files


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in a text, and the value the lexicon gives it."""

    phrase: str
    value: str
    start: int
    end: int


class CueMatcher:
    """Finds a lexicon's phrases as whole words, case-insensitively, longest phrase first.

    `table` holds the English phrases, `translations` each other language's; a text is read
    with English and its own language, or with all of them when its language does not show.
    """

    def __init__(
        self, table: dict[str, str], translations: dict[str, dict[str, str]] | None = None
    ) -> None:
        others = translations or {}
        merged = {key: value for own in (table, *others.values()) for key, value in own.items()}
        self._values = {lower_words(phrase): value for phrase, value in merged.items()}
        self._tables: dict[str | None, dict[str, str]] = {
            ENGLISH: table,
            **{language: {**table, **own} for language, own in others.items()},
            None: merged,
        }
        self._patterns: dict[str | None, re.Pattern[str]] = {}

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """Every cue in `text[start:end]`, with offsets into `text`."""
        stop = len(text) if end is None else end
        return [
            Cue(match.group(), self._values[lower_words(match.group())], *match.span())
            for match in self._pattern_for(text).finditer(text, start, stop)
        ]

    def first(self, text: str, start: int = 0, end: int | None = None) -> Cue | None:
        found = self.find(text, start, end)
        return found[0] if found else None

    def _pattern_for(self, text: str) -> re.Pattern[str]:
        """The pattern of English and the language of `text` (the whole text it is given), or
        of every language when that does not show; each is compiled when first needed."""
        language = detect_language(text)
        key = language if language in self._tables else ENGLISH
        if key not in self._patterns:
            self._patterns[key] = _pattern(self._tables[key])
        return self._patterns[key]


def _pattern(table: dict[str, str]) -> re.Pattern[str]:
    """The phrases of `table` as whole words, longest first, their spaces any white space.

    The phrases are merged into a trie ("meet", "meeting" -> `meet(?:ing)?`), so the engine
    tries only the phrases that go on from what it has read, not each phrase in turn."""
    trie: _Trie = {}
    for phrase in {lower_words(phrase) for phrase in table}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-]){_trie_pattern(trie)}(?![\w-])", re.IGNORECASE)


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    """The regex of a trie's phrases; an optional tail is greedy, so longer phrases win."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


@cache
def matcher(name: str) -> CueMatcher:
    """The matcher of `lexicons/<name>` and its translations: a .tsv maps phrases to values, a
    .txt lists phrases."""
    translations = {
        language: _table(_lines(name, language))
        for language in LANGUAGES
        if name in package_files("dipevents.text", "lexicons", language)
    }
    return CueMatcher(_table(data_lines("dipevents.text", "lexicons", name)), translations)


def _table(lines: tuple[str, ...]) -> dict[str, str]:
    """Phrase -> value for the lines of a lexicon (the phrase itself when it has no value)."""
    table: dict[str, str] = {}
    for line in lines:
        phrase, _, value = line.partition("\t")
        table[phrase.strip()] = value.strip() or phrase.strip()
    return table


def _lines(name: str, language: str) -> tuple[str, ...]:
    return data_lines("dipevents.text", "lexicons", language, name)


@cache
def phrases(name: str) -> tuple[str, ...]:
    """The lines of `lexicons/<name>` and of each `lexicons/<language>/<name>`, without
    comments and blank lines."""
    lines = data_lines("dipevents.text", "lexicons", name)
    for language in LANGUAGES:
        if name in package_files("dipevents.text", "lexicons", language):
            lines += _lines(name, language)
    return lines
