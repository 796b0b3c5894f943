"""Whether a claim says what its evidence and the article say, not only where its quote is.

Words are compared folded (`folded_words`: no case, accents or punctuation). A claim is
supported when:

- a participant: all the words of the name stand side by side, in any order ("Darchiev,
  Alexander"), or its surname (the last word, of three letters or more) stands alone, in its
  evidence or the article body;
- a location: every word of its city and of its venue (a leading "the" aside) stands in its
  evidence, in any order, or the words stand side by side in the body;
- a date: the reply's ISO date, where it gives one, is the date its own words resolve to;
- an event's countries: each state is a participant's country or is named (by name, demonym or
  capital) in the event's evidence or the body; organisations and unknown values are left alone;
- an outcome's description, a dispute's issue: it shares enough words with the sentence of its
  evidence (`dipevents.resolve.wording`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from dipevents.model.enums import Support
from dipevents.model.records import Span
from dipevents.resolve.wording import enough_shared, shared_words
from dipevents.text.countries import city_spellings, country_code, find_country_mentions
from dipevents.text.fold import folded_words

_MIN_SURNAME = 3
_PREVIEW = 60
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")


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
        """Whether the body holds `phrase` (folded words, `_spaced`) side by side."""
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
    quoted = set(folded_words(evidence))
    missing = [
        f"the {what} {value!r}"
        for what, value in named
        if not any(
            quoted.issuperset(words := _place_words(spelling)) or body.has_phrase(_spaced(words))
            for spelling in (city_spellings(value) if what == "city" else [value])
        )
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
        f"the reply said {said.isoformat()}, but {words!r} resolves to {resolved.isoformat()}",
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


def countries_support(countries: list[str], missing: list[str]) -> Support:
    """The support of an event's countries, given those `unsupported_countries` found."""
    if missing:
        return Support.UNSUPPORTED
    states = any(country_code(value) for value in countries)
    return Support.SUPPORTED if states else Support.UNCHECKED


def wording_verdict(what: str, claim: str, sentence: str) -> Verdict:
    """An outcome's description or a dispute's issue against the sentence of its evidence."""
    counted = shared_words(claim, sentence)
    if counted is None:
        return UNCHECKED
    shared, content = counted
    if enough_shared(shared, content):
        return SUPPORTED
    preview = claim if len(claim) <= _PREVIEW else claim[:_PREVIEW] + "…"
    return Verdict(
        Support.UNSUPPORTED,
        f"the {what} {preview!r} shares {shared} of its {content} content words with its evidence",
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


def _place_words(value: str) -> list[str]:
    words = folded_words(value)
    return words[1:] if words[:1] == ["the"] else words


def _spaced(words: list[str]) -> str:
    return f" {' '.join(words)} "
