"""Cutting the clause that carries an outcome or dispute cue out of its sentence."""

from __future__ import annotations

import re

from dipevents.rules.segment import Sentence

# Where a clause may begin: after an introductory phrase's comma, "that", a semicolon.
_CLAUSE_START = re.compile(r"(?:,\s+|\bthat\s+|;\s+|\bwhile\s+|\bHowever,\s+)")
# Where it ends: a dash, semicolon, or a trailing participle or relative clause.
_CLAUSE_END = re.compile(
    r"\s*(?:[—–;]|,\s+(?:while|but|following|which|including|compounded|a key)\b)"
)
_MIN_WORDS = 4


def clause_around(article: str, sentence: Sentence, cue: int) -> tuple[int, int]:
    """Offsets of the clause of `sentence` that holds the cue starting at offset `cue`."""
    start = sentence.start
    for match in _CLAUSE_START.finditer(article, sentence.start, cue):
        start = match.end()
    end = sentence.end
    after = _CLAUSE_END.search(article, cue, sentence.end)
    if after is not None and len(article[start : after.start()].split()) >= _MIN_WORDS:
        end = after.start()
    if article[end - 1 : end] in {",", " "}:
        end -= 1
    return start, end
