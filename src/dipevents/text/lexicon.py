"""Cue lexicons (data files in `lexicons/`), compiled into matchers once.

The rules coder reads events with them; the pipeline checks every backend's statuses with
`status_cues.tsv`. A lexicon is English in `lexicons/<name>`; another language's phrases for
it sit in `lexicons/<language>/<name>` (`fr`, `es`, `de`) and are read with it, so one matcher
serves an article in any of these languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dipevents.text.fold import lower_words
from dipevents.text.language import LANGUAGES
from dipevents.text.package_data import data_lines, package_files


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in a text, and the value the lexicon gives it."""

    phrase: str
    value: str
    start: int
    end: int


class CueMatcher:
    """Finds a lexicon's phrases as whole words, case-insensitively, longest phrase first."""

    def __init__(self, table: dict[str, str]) -> None:
        self._values = {lower_words(phrase): value for phrase, value in table.items()}
        alternatives = "|".join(
            re.escape(phrase).replace(r"\ ", r"\s+")
            for phrase in sorted(self._values, key=len, reverse=True)
        )
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """Every cue in `text[start:end]`, with offsets into `text`."""
        stop = len(text) if end is None else end
        return [
            Cue(match.group(), self._values[lower_words(match.group())], *match.span())
            for match in self._pattern.finditer(text, start, stop)
        ]

    def first(self, text: str, start: int = 0, end: int | None = None) -> Cue | None:
        found = self.find(text, start, end)
        return found[0] if found else None


@cache
def matcher(name: str) -> CueMatcher:
    """The matcher of `lexicons/<name>`: a .tsv maps phrases to values, a .txt lists phrases."""
    table: dict[str, str] = {}
    for line in phrases(name):
        phrase, _, value = line.partition("\t")
        table[phrase.strip()] = value.strip() or phrase.strip()
    return CueMatcher(table)


@cache
def phrases(name: str) -> tuple[str, ...]:
    """The lines of `lexicons/<name>` and of each `lexicons/<language>/<name>`, without
    comments and blank lines."""
    lines = data_lines("dipevents.text", "lexicons", name)
    for language in LANGUAGES:
        if name in package_files("dipevents.text", "lexicons", language):
            lines += data_lines("dipevents.text", "lexicons", language, name)
    return lines
