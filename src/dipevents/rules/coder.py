"""The rules coder: a deterministic dictionary coder that writes the same reply as a model.

It reads the body sentences (no caption, no comments; a sentence that reports two dated
contacts joined by "and" as two clauses), opens an event at each sentence that reports a
diplomatic contact (a trigger and a state or international actor, `actors`), and folds later
sentences about the same contact into it. A sentence opens a separate event when it names
another date of its own (`dating`), another status, or a prior round ("the prior February 27
consultations"); not when it only mentions the contact again ("the meeting was called off")
or a later stop of a visit. A sentence that opens none belongs, with its outcomes and
disputes, to the event whose city or people it names, else to the current one. Every quote
is copied from the article, so the shared assembly step aligns each one exactly. A long read
may report more than a reply may hold: the coder keeps the first events and claims in article
order and warns of the rest (`limits`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TypeVar

from dipevents.model.draft import (
    ExtractionReply,
    ReplyDispute,
    ReplyEvent,
    ReplyLocation,
    ReplyOutcome,
    ReplyParticipant,
)
from dipevents.model.enums import (
    EventStatus,
    EventType,
    ParticipantRole,
)
from dipevents.rules.actors import names_diplomatic_actor
from dipevents.rules.claims import add_claims, shortened
from dipevents.rules.dating import event_date
from dipevents.rules.limits import first_within, list_limit
from dipevents.rules.people import Person, find_people
from dipevents.rules.places import city_named, find_location
from dipevents.rules.segment import Sentence, body_sentences, contact_clauses, dateline_place
from dipevents.text.countries import english_city_name, find_country_mentions
from dipevents.text.lexicon import Cue, matcher

RULES_MODEL = "rules-v1"

T = TypeVar("T")

_TYPE_PRIORITY = (
    EventType.PHONE_CALL,
    EventType.SIGNING,
    EventType.VISIT,
    EventType.SUMMIT,
    EventType.NEGOTIATION,
    EventType.MEETING,
)
_PRIOR = re.compile(
    r"\b(?:prior|previous|earlier(?!\s+(?:in|this|on|today))|initial|first round|last round)\b",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:lasted|lasting|for)\s+(?:about|approximately|nearly|almost|some|around|more than\s+)?"
    r"\s*(?P<count>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+hours?\b",
    re.I,
)
_DEFINITE = re.compile(r"\b(?:the|this|that|their|its)\s+$", re.I)
_DEFINITE_REACH = 8  # characters before a trigger in which its determiner stands
_ROLE_REACH = 30  # characters after a name within which a role cue must start
_STATUS_REACH = 80  # characters between a trigger and the status cue that qualifies it
_NUMBERS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


@dataclass
class _Draft:
    """An event being built: its opening sentence and the sentences folded into it."""

    anchor: Sentence
    event_type: EventType
    status: EventStatus
    date_text: str | None
    date: dt.date | None
    passing: bool
    """A round mentioned in passing ("the prior February 27 consultations")."""
    sentences: list[Sentence] = field(default_factory=list)
    outcomes: list[ReplyOutcome] = field(default_factory=list)
    disputes: list[ReplyDispute] = field(default_factory=list)
    parent: _Draft | None = None
    """For a round mentioned in passing, the event whose parties it shares."""


@dataclass(frozen=True)
class CodedArticle:
    """The coder's reply for an article, and the warnings coding it raised."""

    reply: ExtractionReply
    warnings: list[str]


def code_article(article: str, published: dt.date | None) -> CodedArticle:
    """The events of `article` as a reply in the model's shape, within its limits; relative
    dates count from `published` (the extractor passes the page's date when none is given)."""
    sentences = [
        clause
        for sentence in body_sentences(article, published)
        for clause in contact_clauses(article, sentence)
    ]
    people = find_people(article, [(s.start, s.end) for s in sentences])
    drafts: list[_Draft] = []
    main: _Draft | None = None  # the latest event not mentioned in passing
    current: _Draft | None = None  # the event the latest sentence is about
    for number, sentence in enumerate(sentences):
        opened = _open_event(article, sentence, published, main, people)
        if opened is not None:
            drafts.append(opened)
            if opened.passing:
                continue
            if main is None and number > 0:
                _take_lead(article, sentences[0], opened, published, people)
            main = current = opened
        elif current is not None:
            current = _event_about(sentence, drafts, current, people)
            current.sentences.append(sentence)
            _restate_status(article, sentence, current)
        if current is not None:
            _add_claims(article, sentence, current, people)
    warnings: list[str] = []
    drafts = first_within(drafts, list_limit(ExtractionReply, "events"), "events", warnings)
    place = dateline_place(article, published)
    events = [
        _event(article, draft, people, place, f"event {number}: ", warnings)
        for number, draft in enumerate(drafts, start=1)
    ]
    return CodedArticle(ExtractionReply(events=events), warnings)


def _take_lead(
    article: str, lead: Sentence, first: _Draft, published: dt.date | None, people: list[Person]
) -> None:
    """Fold a lead that reports no contact of its own into the first event ("Vietnam and the
    Philippines agreed on Tuesday to ...", then "The ministers held talks in Hanoi."): its
    claims, and its date when the event has none."""
    if not names_diplomatic_actor(lead.text):
        return
    first.sentences.append(lead)
    _add_claims(article, lead, first, people)
    if first.date is None:
        first.date_text, first.date = event_date(
            lead, published, first.status, lead.start, prior=False
        )


def _event_about(
    sentence: Sentence, drafts: list[_Draft], current: _Draft, people: list[Person]
) -> _Draft:
    """The event a sentence that opens none is about: the one whose city or people it names
    ("The meeting in Beijing ...", "There, Kim and Zhou agreed ..."), else the current one."""
    scores = {id(draft): _overlap(sentence, draft, people) for draft in drafts if not draft.passing}
    best = max(scores.values(), default=0)
    leaders = [draft for draft in drafts if scores.get(id(draft)) == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else current


def _overlap(sentence: Sentence, draft: _Draft, people: list[Person]) -> int:
    """How much `sentence` names of the event `draft` opened with: its city counts two, each
    of its people one."""
    city = city_named(draft.anchor.text)
    score = 2 if city is not None and city in sentence.text else 0
    for person in people:
        spans = [person.evidence, *person.mentions]
        if _starts_in(spans, sentence) and _starts_in(spans, draft.anchor):
            score += 1
    return score


def _starts_in(spans: list[tuple[int, int]], sentence: Sentence) -> bool:
    return any(sentence.start <= start < sentence.end for start, _ in spans)


def _open_event(
    article: str,
    sentence: Sentence,
    published: dt.date | None,
    main: _Draft | None,
    people: list[Person],
) -> _Draft | None:
    """A new event if `sentence` reports a diplomatic contact not already open."""
    triggers = matcher("triggers.tsv").find(article, sentence.start, sentence.end)
    if not triggers:
        return None
    prior = bool(_PRIOR.search(sentence.text))
    passing = main is not None and prior
    if main is not None and not passing and _refers_back(article, triggers, main):
        return None
    if main is not None and _goes_on_with_visit(sentence, main, people):
        return None
    official = any(
        (person.country or person.organization)
        and _starts_in([person.evidence, *person.mentions], sentence)
        for person in people
    )
    if not (passing or names_diplomatic_actor(sentence.text, names_official=official)):
        return None
    event_type = min((EventType(t.value) for t in triggers), key=_TYPE_PRIORITY.index)
    status_cue = _status_cue(article, sentence, triggers[0])
    status = EventStatus(status_cue.value) if status_cue else EventStatus.OCCURRED
    date_text, date = event_date(sentence, published, status, triggers[0].start, prior=prior)
    if main is not None and _dates_dateless(main, event_type, date, prior):
        main.date_text, main.date = date_text, date  # a dateless lead, then its details
        return None
    if main is not None:
        new_date = date is not None and date != main.date
        # A change of status opens an event, but a plan needs a date to be told apart.
        new_status = (
            status_cue is not None
            and status is not main.status
            and status is not EventStatus.PLANNED
        )
        if not (new_date or (new_status and not passing)):
            return None
    parent = main if passing else None
    return _Draft(sentence, event_type, status, date_text, date, passing, [sentence], parent=parent)


def _dates_dateless(main: _Draft, event_type: EventType, date: dt.date | None, prior: bool) -> bool:
    """Whether a dated sentence gives its date to the dateless contact `main` of the same
    kind ("A leaders' phone call this week ...", then "... spoke by telephone on Sunday")."""
    return main.date is None and date is not None and not prior and main.event_type is event_type


def _goes_on_with_visit(sentence: Sentence, main: _Draft, people: list[Person]) -> bool:
    """Whether `sentence` reports a later stop of the visit `main` ("Carvalho will travel to
    Beira on Friday"): it names no one the visit did not, and no other country."""
    if main.event_type is not EventType.VISIT:
        return False
    named = [p for p in people if _starts_in([p.evidence, *p.mentions], sentence)]
    countries = {mention.code for mention in find_country_mentions(sentence.text)}
    return bool(named) and all(_mentioned_in(p, main) for p in named) and len(countries) <= 1


def _refers_back(article: str, triggers: list[Cue], draft: _Draft) -> bool:
    """Whether every trigger names the contact `draft` reports: "the meeting", "their talks"
    after a meeting, but not "the signing ceremony" after talks."""
    return all(
        t.value == draft.event_type.value
        and _DEFINITE.search(article, max(0, t.start - _DEFINITE_REACH), t.start)
        for t in triggers
    )


def _restate_status(article: str, sentence: Sentence, draft: _Draft) -> None:
    """A plan that a later sentence calls off or puts back ("The meeting was called off")
    takes that status."""
    triggers = matcher("triggers.tsv").find(article, sentence.start, sentence.end)
    if (
        draft.status is not EventStatus.PLANNED
        or not triggers
        or not _refers_back(article, triggers, draft)
    ):
        return
    cue = _status_cue(article, sentence, triggers[0])
    if cue is not None and cue.value != EventStatus.PLANNED.value:
        draft.status = EventStatus(cue.value)


def _status_cue(article: str, sentence: Sentence, trigger: Cue) -> Cue | None:
    """The cue that qualifies the trigger's event.

    A postponement or cancellation anywhere in the sentence counts ("A meeting ..., which had
    been scheduled for July 8, has been postponed"); a plan only near the trigger, since a
    sentence often reports a meeting and then the next one ("..., and will meet again").
    """
    cues = matcher("status_cues.tsv").find(article, sentence.start, sentence.end)
    setbacks = [cue for cue in cues if cue.value != EventStatus.PLANNED.value]
    near = [cue for cue in cues if abs(cue.start - trigger.start) <= _STATUS_REACH]
    return min(setbacks or near, key=lambda cue: abs(cue.start - trigger.start), default=None)


def _add_claims(article: str, sentence: Sentence, draft: _Draft, people: list[Person]) -> None:
    """Add the outcomes and disputes of `sentence` to `draft` (`claims.add_claims`)."""
    add_claims(article, sentence, draft, _countries(article, draft, people), people)


def _event(
    article: str,
    draft: _Draft,
    people: list[Person],
    dateline_place: str | None,
    where: str,
    warnings: list[str],
) -> ReplyEvent:
    text = " ".join(s.text for s in draft.sentences)
    participants = [
        _participant(article, p, _role(article, p, draft))
        for p in people
        if _mentioned_in(p, draft)
    ]
    countries = _countries(article, draft, people)
    duration = _DURATION.search(text)
    return ReplyEvent(
        event_type=draft.event_type,
        status=draft.status,
        summary=shortened(draft.anchor.text),
        date_text=draft.date_text,
        date=draft.date.isoformat() if draft.date else None,
        location=None if draft.passing else _location(draft, dateline_place),
        duration_hours=_hours(duration) if duration else None,
        participants=_within("participants", participants, where, warnings),
        countries=_within("countries", countries, where, warnings),
        outcomes=_within("outcomes", draft.outcomes, where, warnings),
        disputes=_within("disputes", draft.disputes, where, warnings),
        evidence=draft.anchor.text,
    )


def _within(name: str, items: list[T], where: str, warnings: list[str]) -> list[T]:
    """The first items of the event's list `name` that the reply shape allows."""
    return first_within(items, list_limit(ReplyEvent, name), name, warnings, where)


def _location(draft: _Draft, dateline_place: str | None) -> ReplyLocation | None:
    """Where the event took place; a phone call takes place nowhere in particular."""
    if draft.event_type is EventType.PHONE_CALL:
        return None
    found = find_location(draft.sentences, dateline_place)
    if found is None:
        return None
    city = english_city_name(found.city) if found.city else None
    return ReplyLocation(
        city=city, country=found.country, venue=found.venue, evidence=found.evidence
    )


def _participant(article: str, person: Person, role: ParticipantRole | None) -> ReplyParticipant:
    return ReplyParticipant(
        name=person.name,
        title=person.title,
        organization=person.organization,
        country=person.country,
        role=role,
        evidence=article[slice(*person.evidence)],
    )


def _role(article: str, person: Person, draft: _Draft) -> ParticipantRole | None:
    """Host, visitor or mediator, when a role cue follows one of the person's mentions."""
    for _, end in (person.evidence, *person.mentions):
        if not any(s.start <= end <= s.end for s in draft.sentences):
            continue
        cue = matcher("role_cues.tsv").first(article, end, min(end + _ROLE_REACH, len(article)))
        if cue is not None:
            return ParticipantRole(cue.value)
    return None


def _mentioned_in(person: Person, draft: _Draft) -> bool:
    spans = [person.evidence, *person.mentions]
    return any(s.start <= start < s.end for s in draft.sentences for start, _ in spans)


def _countries(article: str, draft: _Draft, people: list[Person]) -> list[str]:
    if draft.parent is not None:
        return _countries(article, draft.parent, people)
    codes = [m.code for m in find_country_mentions(draft.anchor.text)]
    codes += [p.country for p in people if p.country and _mentioned_in(p, draft)]
    return list(dict.fromkeys(codes))


def _hours(match: re.Match[str]) -> float:
    count = match["count"].lower()
    return float(_NUMBERS[count]) if count in _NUMBERS else float(count)
