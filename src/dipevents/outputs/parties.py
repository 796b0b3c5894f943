"""Who an event's parties are and who is paired with whom, for the dyads and PLOVER records.

Parties are an event's `countries`: ISO 3166-1 alpha-3 codes for states, CAMEO `IGO...` codes for
international organisations, or a name left unresolved at extraction. A participant belongs to
the party of their country, else of their organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations, product

import pycountry

from dipevents.model.enums import ParticipantRole
from dipevents.model.records import DiplomaticEvent, Participant
from dipevents.text.countries import organization_code

VISIT = "042"
HOSTED = "043"

_STATE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Dyad:
    """One directed pair of an event's parties and the CAMEO code of that direction."""

    source: str
    target: str
    cameo_code: str


def event_dyads(event: DiplomaticEvent) -> list[Dyad]:
    """Who is paired with whom, and in which direction, in the dyads.

    Empty for an event without codes or with fewer than two parties. A visit (042) with a
    known host gives visitor -> host 042 and host -> visitor 043 for each visitor and host;
    any other event, or a visit whose host is unknown, gives every unordered pair once, the
    earlier-listed party first, with the event's own code.
    """
    parties = event.countries
    if event.codes is None or len(parties) < 2:
        return []
    if event.codes.cameo_code == VISIT:
        sides = visit_sides(event)
        if sides is not None:
            return [
                dyad
                for visitor, host in product(*sides)
                for dyad in (Dyad(visitor, host, VISIT), Dyad(host, visitor, HOSTED))
            ]
    return [Dyad(a, b, event.codes.cameo_code) for a, b in combinations(parties, 2) if a != b]


def visit_sides(event: DiplomaticEvent) -> tuple[list[str], list[str]] | None:
    """(visitors, hosts) among the event's parties, or None when the host is unknown.

    Hosts are the parties of participants in the `host` role; failing that, the location's
    country if it is a party and no visitor's; failing that, the parties that are not a
    visitor's. Every party that is not a host is a visitor.
    """
    parties = event.countries
    hosts = _role_parties(event, ParticipantRole.HOST)
    if not hosts:
        visitors = _role_parties(event, ParticipantRole.VISITOR)
        located = event.location.country if event.location else None
        if located is not None and located in parties and located not in visitors:
            hosts = [located]
        elif visitors:
            hosts = [p for p in parties if p not in visitors]
    visitors = [p for p in parties if p not in hosts]
    return (visitors, hosts) if visitors and hosts else None


def _role_parties(event: DiplomaticEvent, role: ParticipantRole) -> list[str]:
    """The parties, in the event's order, of participants who played `role`."""
    codes = {party_of(person) for person in event.participants if person.role is role}
    return [party for party in event.countries if party in codes]


def party_of(person: Participant) -> str | None:
    """The party a participant belongs to: their country, else their organisation's code."""
    if person.country:
        return person.country
    return organization_code(person.organization) if person.organization else None


def people_of(event: DiplomaticEvent, party: str) -> list[Participant]:
    """The event's participants who belong to `party`, in the event's order."""
    return [person for person in event.participants if party_of(person) == party]


def party_name(party: str) -> str:
    """A state's common English name ("Vietnam"); any other party as written."""
    found = pycountry.countries.get(alpha_3=party) if state_code(party) else None
    if found is None:
        return party
    return getattr(found, "common_name", None) or found.name


def cameo_actor_code(party: str) -> str | None:
    """A CAMEO actor code: "USAGOV" for a state, an `IGO...` code as is, else None."""
    if is_organization(party):
        return party
    return f"{party}GOV" if state_code(party) else None


def is_organization(party: str) -> bool:
    """Whether the party is an international organisation (a CAMEO `IGO...` code)."""
    return party.startswith("IGO")


def state_code(party: str) -> str | None:
    """The party's ISO alpha-3 code, or None for an organisation or an unresolved name."""
    return party if _STATE.fullmatch(party) else None
