"""The language of a text: English, French, Spanish or German, from its function words; and
where a French, Spanish or German text's sentences end.

Counting a few common words that the other languages lack (`data/function_words.tsv`) is
enough to tell these four apart in a news sentence, and costs a few microseconds, so the
coder can ask it of every sentence. Sentences of the other languages are split by sentencex,
which knows their abbreviations and ordinals ("am 9. Mai", "M. Vandamme"); English never
loads it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dipevents.text.package_data import data_lines

ENGLISH = "en"
LANGUAGES = ("fr", "es", "de")
"""The languages besides English that the rules coder reads."""

MIN_VOTES = 2
"""How many function words a language needs, and how many more than any other, to be named."""

SAMPLE_CHARS = 2000
"""How much of a text is read: enough for a headline and the first paragraphs."""

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1024)
def detect_language(text: str) -> str | None:
    """ "en", "fr", "es" or "de" for the language of `text`, or None when its words do not
    tell (a name, a date, a phrase of two words)."""
    words = function_words()
    votes = dict.fromkeys(words, 0)
    for word in _WORD.findall(text[:SAMPLE_CHARS].lower()):
        for language, vocabulary in words.items():
            if word in vocabulary:
                votes[language] += 1
    ranked = sorted(votes.values(), reverse=True)
    best = max(votes, key=votes.__getitem__)
    if ranked[0] < MIN_VOTES or ranked[0] - ranked[1] < MIN_VOTES:
        return None
    return best


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Language code -> its function words, from `data/function_words.tsv`."""
    table = {}
    for line in data_lines("dipevents.text", "data", "function_words.tsv"):
        language, _, words = line.partition("\t")
        table[language.strip()] = frozenset(words.split())
    return table


def sentence_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """The offsets into `text` of the sentences of `text[start:end]` in `language`, each with
    the white space that follows it."""
    from sentencex import segment  # type: ignore[import-untyped]

    spans: list[tuple[int, int]] = []
    position = start
    sentence: str
    for sentence in segment(language, text[start:end]):
        spans.append((position, position + len(sentence)))
        position += len(sentence)
    return spans
