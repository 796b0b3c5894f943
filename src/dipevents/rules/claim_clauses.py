"""The clause of a sentence that a claim quotes, cut where a human would cut the quote.

A clause begins after a comma, a semicolon or a word of `clause_starts.txt` ("that",
"while"), unless that word points (`not_clause_starts.txt`: "At that meeting"). It ends at a
dash or semicolon, or before a comma and a word of `clause_ends.tsv` (a trailing participle
or relative clause), if at least `_MIN_WORDS` words remain. Two claims of one sentence part
at a word of `claim_joins.txt` ("and"; `last_join`).
"""

from __future__ import annotations

import re
from functools import cache

from dipevents.rules.segment import Sentence
from dipevents.text.lexicon import matcher, phrases

_MIN_WORDS = 4
_JOIN_REACH = 1  # words between a join without a comma and the next cue: "and to set up"
_ALL = "all"


def clause_around(article: str, sentence: Sentence, kind: str, cue: int) -> tuple[int, int]:
    """Offsets of the clause of `sentence` that holds the cue starting at `cue`, for a claim
    of `kind` ("outcome" or "dispute")."""
    start = sentence.start
    pointing = matcher("not_clause_starts.txt").find(article, sentence.start, cue)
    for match in _starts().finditer(article, sentence.start, cue):
        if not any(veto.start <= match.start() < veto.end for veto in pointing):
            start = match.end()
    end = sentence.end
    after = _ends(kind).search(article, cue, sentence.end)
    if after is not None and len(article[start : after.start()].split()) >= _MIN_WORDS:
        end = after.start()
    if article[end - 1 : end] in {",", " "}:
        end -= 1
    return start, end


def last_join(article: str, start: int, cue: int) -> tuple[int, int] | None:
    """The offsets of the last join in `article[start:cue]` that parts the claim before it
    from the one whose cue starts at `cue`, or None. A join with a comma parts two clauses
    (", and Rojas said"); one without must stand right before the cue ("and to set up"), as
    "and" also joins the words of one claim ("Chilean and Peruvian ships would")."""
    for join in reversed(list(_joins().finditer(article, start, cue))):
        if join.group().startswith(",") or len(article[join.end() : cue].split()) <= _JOIN_REACH:
            return join.span()
    return None


@cache
def _joins() -> re.Pattern[str]:
    return re.compile(rf",?\s+(?:{_alternation(phrases('claim_joins.txt'))})\s+")


@cache
def _starts() -> re.Pattern[str]:
    return re.compile(rf"(?:[,;]\s+|\b(?:{_alternation(phrases('clause_starts.txt'))})\s+)")


@cache
def _ends(kind: str) -> re.Pattern[str]:
    rows = (line.partition("\t") for line in phrases("clause_ends.tsv"))
    words = [phrase.strip() for phrase, _, ends in rows if ends.strip() in {_ALL, kind}]
    return re.compile(rf"\s*(?:[—–;]|,\s+(?:{_alternation(words)})\b)")


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of `words`, longest first, any run of spaces between words."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
