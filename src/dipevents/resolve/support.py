"""Whether a claim says what its evidence and the article say, not only where its quote is.

Words are compared folded (`folded_words`: no case, accents or punctuation). A claim is
supported when:

- a participant: all the words of the name stand side by side, in any order ("Darchiev,
  Alexander"), or its surname (the last word, of three letters or more) stands alone, in its
  evidence or the article body;
- a location: its city and its venue (a leading "the" aside) stand, word for word, in the body;
- a date: the reply's ISO date, where it gives one, is the date its own words resolve to;
- an event's countries: each state is a participant's country or is named (by name, demonym or
  capital) in the event's evidence or the body; organisations and unknown values are left alone;
- an outcome's description, a dispute's issue: more than a third of its content words (three
  letters or more, not a stop word) share a stem with a word of its evidence's sentence. Two
  words share a stem when they are equal or begin with the same letters up to all but the last
  three of the shorter word, and at least four ("signed", "signing"; "restore", "restoring").
  No synonyms, no embeddings: a paraphrase that shares too little with its quote is flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from dipevents.model.enums import Support
from dipevents.model.records import Span
from dipevents.text.countries import country_code, find_country_mentions
from dipevents.text.fold import folded_words

_MIN_SURNAME = 3
_MIN_CONTENT_WORD = 3
_MIN_STEM = 4
_LOOSE_ENDING = 3  # letters at the end of the shorter word that may differ: -ing, -ed, -ion
_ONE_IN = 3  # more than one content word in three must be shared
_PREVIEW = 60
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")
_STOP_WORDS = frozenset(
    """
    about above after again against all also among and any are around been before being below
    between both but can could did does doing down during each either few for from further had
    has have having her here hers him his how into its itself just more most nor not now off
    once only other our ours out over own same she should some such than that the their theirs
    them then there these they this those through too under until upon very was were what when
    where which while who whom why will with within without would yet you your
    """.split()  # noqa: SIM905 (a word list reads better as words)
)


@dataclass(frozen=True)
class Verdict:
    """A check's answer: the claim's support and, when it is unsupported, why."""

    support: Support
    reason: str = ""


SUPPORTED = Verdict(Support.SUPPORTED)
UNCHECKED = Verdict(Support.UNCHECKED)


class ArticleBody:
    """The body of one article (`article[start:end]`), folded once, when a check needs it."""

    def __init__(self, article: str, bounds: tuple[int, int]) -> None:
        self.article = article
        self.start, self.end = bounds

    @cached_property
    def words(self) -> list[str]:
        return folded_words(self.article[self.start : self.end])

    @cached_property
    def _spaced(self) -> str:
        return _spaced(self.words)

    @cached_property
    def countries(self) -> frozenset[str]:
        """The states the body names."""
        return frozenset(m.code for m in find_country_mentions(self.article[self.start : self.end]))

    def has_phrase(self, phrase: str) -> bool:
        """Whether the body holds the words of `_phrase`, side by side."""
        return phrase in self._spaced

    def sentence_around(self, span: Span) -> str:
        """The sentence, or sentences, of the article that `span` stands in."""
        if span.start is None or span.end is None:
            return span.text
        first = self.article.rfind("\n", 0, span.start) + 1
        for stop in _SENTENCE_END.finditer(self.article, first, span.start):
            first = stop.end()
        after = _SENTENCE_END.search(self.article, max(span.start, span.end - 1))
        return self.article[first : after.end() if after else len(self.article)].strip()


def name_verdict(name: str, evidence: str, body: ArticleBody) -> Verdict:
    """A participant's name in its evidence or in the body."""
    words = folded_words(name)
    if not words:
        return UNCHECKED
    if _names(words, folded_words(evidence)) or _names(words, body.words):
        return SUPPORTED
    return Verdict(Support.UNSUPPORTED, f"the name {name!r} is not in its evidence or the body")


def place_verdict(city: str | None, venue: str | None, evidence: str, body: ArticleBody) -> Verdict:
    """A location's city and venue, word for word in the body (its evidence, a part of the
    body, is looked at first)."""
    named = [(what, value) for what, value in (("city", city), ("venue", venue)) if value]
    quoted = _spaced(folded_words(evidence))
    missing = [
        f"the {what} {value!r}"
        for what, value in named
        if (phrase := _phrase(value)) not in quoted and not body.has_phrase(phrase)
    ]
    if missing:
        return Verdict(Support.UNSUPPORTED, f"{' and '.join(missing)} not in the article body")
    return SUPPORTED if named else UNCHECKED


def date_verdict(said: dt.date | None, resolved: dt.date | None, words: str) -> Verdict:
    """The reply's ISO date against the date its own words resolve to."""
    if resolved is None:
        return UNCHECKED
    if said is None or said == resolved:
        return SUPPORTED
    return Verdict(
        Support.UNSUPPORTED,
        f"the reply said {said.isoformat()}, but {words!r} resolves to {resolved.isoformat()} "
        "(the date kept)",
    )


def unsupported_countries(
    countries: Iterable[str], participants: Iterable[str | None], evidence: str, body: ArticleBody
) -> list[str]:
    """The event's states that no participant comes from and neither evidence nor body names."""
    known = {code for value in participants if value and (code := country_code(value))}
    left = [v for v in countries if (code := country_code(v)) is not None and code not in known]
    if left:
        named = {mention.code for mention in find_country_mentions(evidence)}
        left = [value for value in left if country_code(value) not in named]
    return [value for value in left if country_code(value) not in body.countries]


def wording_verdict(what: str, claim: str, sentence: str) -> Verdict:
    """An outcome's description or a dispute's issue against the sentence of its evidence."""
    content = [
        w for w in folded_words(claim) if len(w) >= _MIN_CONTENT_WORD and w not in _STOP_WORDS
    ]
    if not content:
        return UNCHECKED
    seen = set(folded_words(sentence))
    shared = sum(1 for w in content if w in seen or any(_same_stem(w, s) for s in seen))
    if shared * _ONE_IN > len(content):
        return SUPPORTED
    preview = claim if len(claim) <= _PREVIEW else claim[:_PREVIEW] + "…"
    return Verdict(
        Support.UNSUPPORTED,
        f"the {what} {preview!r} shares {shared} of its {len(content)} content words "
        "with its evidence",
    )


def _names(name: list[str], words: list[str]) -> bool:
    """Whether `words` hold the surname alone, or the whole name side by side in any order."""
    if len(name[-1]) >= _MIN_SURNAME and name[-1] in words:
        return True
    wanted, size = sorted(name), len(name)
    return any(
        sorted(words[at : at + size]) == wanted
        for at in range(len(words) - size + 1)
        if words[at] in wanted
    )


def _phrase(value: str) -> str:
    """The folded words of a place name without a leading "the", spaced for `in`."""
    words = folded_words(value)
    return _spaced(words[1:] if words[:1] == ["the"] else words)


def _spaced(words: list[str]) -> str:
    return f" {' '.join(words)} "


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    shared = max(_MIN_STEM, min(len(a), len(b)) - _LOOSE_ENDING)
    return a[:shared] == b[:shared]
