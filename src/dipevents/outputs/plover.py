"""`plover_records`: PLOVER records as POLECAT publishes them, one per event.

Following the PLOVER manual's compound actors, `actor` and `recipient` are lists of entities:
a meeting of three or more parties, or a summit, is one record with every party as the actor
and no recipient; a visit has the visitors as actor and the hosts as recipient ("actor visits,
recipient hosts"); any other event between two parties has the party named first as actor and
the other as recipient. Events with no PLOVER type, or with fewer than two parties, give none.
"""

from __future__ import annotations

from typing import Any

from dipevents.model.enums import EventType
from dipevents.model.records import DiplomaticEvent, EventReport, Participant
from dipevents.outputs.parties import (
    VISIT,
    is_organization,
    party_name,
    people_of,
    state_code,
    visit_sides,
)
from dipevents.outputs.provenance import Provenance, date_source, iso_date, provenance

PLOVER_FIELDS: tuple[str, ...] = (
    "id",
    "event_id",
    "date",
    "date_source",
    "actor",
    "recipient",
    "event",
    "mode",
    "context",
    "quad_code",
    "event_intensity",
    "goldstein",
    "cameo_code",
    "event_loc",
    "event_text",
    "event_start",
    "event_end",
    "status",
    "source",
    "source_url",
    "publication_date",
    "language",
    "coder",
    "version",
)
"""The fields of `plover_records`, in order."""

ENTITY_FIELDS: tuple[str, ...] = ("code", "name", "title", "country", "sector")
"""The fields of each entity in a record's `actor` and `recipient`."""

PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""PLOVER event type -> its quad (1 verbal cooperation ... 4 material conflict)."""

PLOVER_INTENSITY: dict[tuple[str, str | None], float] = {
    ("AGREE", None): 2.5,
    ("CONSULT", None): 2.5,
    ("CONSULT", "visit"): 4.0,
    ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("SUPPORT", None): 5.0,
    ("REJECT", None): -2.0,
    ("REJECT", "meet"): -2.0,
}
"""(PLOVER type, mode) -> the PLOVER manual's conflict-cooperation score (-10 ... +10), for the
types and modes dipevents assigns; a mode without its own score takes its type's."""


def plover_records(
    report: EventReport,
    *,
    source: str | None = None,
    source_url: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """PLOVER records (fields `PLOVER_FIELDS`), one per event with a PLOVER type and two or
    more parties.

    `id` is "{source}:{event_id}" ("doc" when no source is given). Each entity of `actor` and
    `recipient` is one named participant of a party (`ENTITY_FIELDS`: the party's code, the
    person's name and title, the state's ISO alpha-3 code, sector "GOV" for a state), or the
    party itself when none of its people is named (its name is the country's). `event_loc` is
    `{"city", "country", "venue"}` (the country ISO alpha-3) or None. `event_intensity` is
    PLOVER's score (`PLOVER_INTENSITY`) beside CAMEO's `goldstein`.
    """
    origin = provenance(report, source, source_url, language)
    return [
        _plover_record(event, sides, origin)
        for event in report.events
        if event.codes is not None and event.codes.plover_type
        if (sides := plover_sides(event)) is not None
    ]


def plover_sides(event: DiplomaticEvent) -> tuple[list[str], list[str]] | None:
    """(actor parties, recipient parties), or None with fewer than two parties."""
    parties = event.countries
    if len(parties) < 2:
        return None
    if event.codes is not None and event.codes.cameo_code == VISIT:
        sides = visit_sides(event)
        if sides is not None:
            return sides
    if len(parties) >= 3 or event.event_type is EventType.SUMMIT:
        return list(parties), []
    return [parties[0]], [parties[1]]


def _plover_record(
    event: DiplomaticEvent, sides: tuple[list[str], list[str]], origin: Provenance
) -> dict[str, Any]:
    codes = event.codes
    assert codes is not None and codes.plover_type is not None
    actor, recipient = sides
    kind, mode = codes.plover_type, codes.plover_mode
    location = event.location
    return {
        "id": f"{origin.source or 'doc'}:{event.id}",
        "event_id": event.id,
        "date": iso_date(event.date),
        "date_source": date_source(event),
        "actor": _entities(event, actor),
        "recipient": _entities(event, recipient),
        "event": kind,
        "mode": mode,
        "context": list(codes.contexts),
        "quad_code": PLOVER_QUAD.get(kind),
        "event_intensity": PLOVER_INTENSITY.get((kind, mode), PLOVER_INTENSITY.get((kind, None))),
        "goldstein": codes.goldstein,
        "cameo_code": codes.cameo_code,
        "event_loc": (
            {"city": location.city, "country": location.country, "venue": location.venue}
            if location
            else None
        ),
        "event_text": event.evidence.text,
        "event_start": event.evidence.start,
        "event_end": event.evidence.end,
        "status": event.status.value,
        "source": origin.source,
        "source_url": origin.source_url,
        "publication_date": iso_date(origin.published),
        "language": origin.language,
        "coder": origin.coder,
        "version": origin.version,
    }


def _entities(event: DiplomaticEvent, parties: list[str]) -> list[dict[str, Any]]:
    """An entity per named participant of each party, or the party alone when it has none."""
    people: list[Participant | None]
    entities = []
    for party in parties:
        people = [*people_of(event, party)] or [None]
        entities += [_entity(party, person) for person in people]
    return entities


def _entity(party: str, person: Participant | None) -> dict[str, Any]:
    state = state_code(party)
    return {
        "code": party if state or is_organization(party) else None,
        "name": person.name if person else party_name(party),
        "title": person.title if person else None,
        "country": state,
        "sector": "GOV" if state else None,
    }
