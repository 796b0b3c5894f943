"""Whose claim it is: the parties of an outcome or dispute, and who raised a dispute.

A claim's subject is what its clause names before the cue: a country ("Tokyo would
contribute"), a person, whose country counts ("Rojas also raised"), several joined by "and"
("Niger and Chad urged"), an organisation ("the African Union would help"), or all sides
together ("both sides", `joint_parties.txt`). A pledge or invitation belongs to its subject
alone; what the sides agree, sign or exchange belongs to all of the event's countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from dipevents.model.enums import OutcomeKind
from dipevents.rules.people import Person
from dipevents.text.countries import find_country_mentions, organization_code
from dipevents.text.fold import APOSTROPHES
from dipevents.text.lexicon import matcher

_ONE_SIDED = frozenset({OutcomeKind.PLEDGE, OutcomeKind.OTHER})
"""Outcome kinds whose parties are their subject's, not the whole event's."""

_WORDS_AFTER_PARTY = 2  # words between a country and the modal: "South Korean companies would"
_ORGANISATION_WORDS = 5  # words before a cue in which an organisation may be named
# Before a country that is a place, not a subject: "in Lima", "from Lagos or Lome".
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|to|from|of|with|near|on|for|by)\s+(?:\S+\s+(?:or|and)\s+)?$", re.I
)
_JOINED = re.compile(r"\s*(?:,|and)\s+|\s*,\s+and\s+")  # "Niger and Chad", "Fiji, Samoa and"
# Between a country and the cue it qualifies: "Australian concerns", "Somalia's objection".
_QUALIFIES = re.compile(rf"(?:[{APOSTROPHES}]s?)?\s+")
_NEAR_CUE = 40  # characters after a cue in which the country it qualifies stands
_WHICH = re.compile(r"\b(?:which|where)\s+(?:the\s+)?")


@dataclass(frozen=True)
class _Actor:
    """A country or person named before a cue: its offsets in the text searched, its code
    (None for a person of an organisation)."""

    start: int
    end: int
    code: str | None


def subject(text: str, offset: int, people: list[Person]) -> tuple[str, ...] | None:
    """The countries of the subject that `text` (the words before a cue, from article offset
    `offset`) names; () for an organisation; None when it names all sides or nobody."""
    if matcher("joint_parties.txt").first(text):
        return None
    mentions = [
        mention
        for mention in find_country_mentions(text)
        if not _PREPOSITION_BEFORE.search(text[: mention.start])  # a place: "in the Gulf of Aden"
    ]
    actors = sorted(
        [_Actor(m.start, m.end, m.code) for m in mentions] + _people_in(text, offset, people),
        key=lambda actor: actor.start,
    )
    if not actors:
        return () if _names_organisation(text) else None
    last = mentions[-1] if mentions else None
    if last and _QUALIFIES.fullmatch(text[last.end :]) and not _joined_before(text, last.start):
        return (last.code,)
    group = [actors[0]]
    for previous, actor in pairwise(actors):
        if previous is not group[-1] or not _JOINED.fullmatch(text[previous.end : actor.start]):
            break
        group.append(actor)
    return tuple(dict.fromkeys(actor.code for actor in group if actor.code))


def ends_in_party(text: str) -> bool:
    """Whether `text` ends in a country or organisation as a subject: "Kenya", "Kenya's
    government", "South Korean companies", "the African Union"; not "talks in Nairobi"."""
    mentions = find_country_mentions(text)
    if mentions:
        last = mentions[-1]
        after = text[last.end :].split()
        if len(after) <= _WORDS_AFTER_PARTY and not _PREPOSITION_BEFORE.search(text[: last.start]):
            return True
    return _ends_in_organisation(text)


def qualified_raiser(after_cue: str) -> str | None:
    """The country that qualifies a second dispute cue right after the first ("raised
    Chilean objections", "raised Somalia's objection"), which names the raiser outright."""
    first = find_country_mentions(after_cue[:_NEAR_CUE])
    if not first or after_cue[: first[0].start].strip():
        return None
    qualifies = _QUALIFIES.match(after_cue, first[0].end)
    if qualifies is None:
        return None
    cue = matcher("dispute_cues.txt").first(after_cue, qualifies.end(), qualifies.end() + _NEAR_CUE)
    return first[0].code if cue is not None and cue.start == qualifies.end() else None


def raiser_after(after_cue: str) -> str | None:
    """The country whose position a relative clause after a dispute's cue gives ("..., which
    Lithuania wants Estonia to co-finance")."""
    for which in _WHICH.finditer(after_cue):
        mentions = find_country_mentions(after_cue[which.end() :])
        if mentions and mentions[0].start == 0:
            return mentions[0].code
    return None


def dispute_parties(clause: str, raised_by: str | None, event_countries: list[str]) -> list[str]:
    """The raiser and the event's countries the clause names; all the event's countries when
    that gives fewer than two ("Chile wants the fund to cover loans")."""
    named = [m.code for m in find_country_mentions(clause)]
    if event_countries:
        named = [code for code in named if code in event_countries]
    parties = list(dict.fromkeys([*([raised_by] if raised_by else []), *named]))
    return parties if len(parties) >= 2 else list(dict.fromkeys([*parties, *event_countries]))


def outcome_parties(
    clause: str, kind: OutcomeKind, owner: tuple[str, ...] | None, event_countries: list[str]
) -> list[str]:
    """A one-sided outcome's owner (none for an organisation's); else the event's countries,
    or, for an event without any, those the clause names."""
    if kind in _ONE_SIDED and owner is not None:
        return list(owner)
    return event_countries or list(dict.fromkeys(m.code for m in find_country_mentions(clause)))


def _joined_before(text: str, start: int) -> bool:
    """Whether the country at `start` is the last of several ("Niger and Chad")."""
    return any(
        _JOINED.fullmatch(text[mention.end : start]) for mention in find_country_mentions(text)
    )


def _people_in(text: str, offset: int, people: list[Person]) -> list[_Actor]:
    """The mentions of `people` in `text`, which starts at article offset `offset`."""
    return [
        _Actor(start - offset, end - offset, person.country)
        for person in people
        if person.country or person.organization
        for start, end in (person.evidence, *person.mentions)
        if offset <= start and end <= offset + len(text)
    ]


def _ends_in_organisation(text: str) -> bool:
    words = text.split()[-_ORGANISATION_WORDS:]
    return any(organization_code(" ".join(words[first:])) for first in range(len(words)))


def _names_organisation(text: str) -> bool:
    """Whether some run of up to `_ORGANISATION_WORDS` words of `text` names an organisation."""
    words = text.split()
    return any(
        organization_code(" ".join(words[first:last]))
        for first in range(len(words))
        if words[first][:1].isupper()
        for last in range(first + 1, min(first + _ORGANISATION_WORDS, len(words)) + 1)
    )
