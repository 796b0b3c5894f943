"""Flat exports of a report for event-data work: event rows, CAMEO dyads, PLOVER records.

- `event_rows`: one row per event, lists joined with "; ", for a spreadsheet or `pd.read_csv`.
- `dyad_rows`: CAMEO dyads with GDELT's column names, one row per directed pair of parties.
- `plover_records`: PLOVER-style records as POLECAT publishes them, one per actor-recipient pair.

Parties are an event's `countries`: ISO 3166-1 alpha-3 codes for states, CAMEO `IGO...` codes for
international organisations. Dyads and PLOVER records share one rule for who is paired with whom
(`event_dyads`): every unordered pair of parties once, the earlier-listed party as the source,
except an occurred visit (CAMEO 042), which is coded in both directions, visitor -> host 042 and
host -> visitor 043. PLOVER keeps only the visitor -> host side ("actor visits, recipient hosts").

Every value is a str, int, float or None (PLOVER's `context` is a list of str), so the rows go
straight into `csv.DictWriter`, `json.dumps` or a DataFrame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations, product
from typing import Any

import pycountry

from dipevents.model.enums import ParticipantRole
from dipevents.model.records import DiplomaticEvent, EventReport
from dipevents.resolve.codebook import CAMEO_GOLDSTEIN, quad_class
from dipevents.text.countries import organization_code

EVENT_COLUMNS: tuple[str, ...] = (
    "source",
    "event_id",
    "date",
    "event_type",
    "status",
    "summary",
    "city",
    "location_country",
    "venue",
    "duration_hours",
    "participants",
    "participant_countries",
    "countries",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "contexts",
    "outcomes",
    "outcome_kinds",
    "disputes",
    "previous_round",
    "evidence_text",
    "evidence_start",
    "evidence_end",
)
"""The columns of `event_rows`, in order."""

DYAD_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "SOURCEURL",
    "event_id",
    "status",
    "evidence_start",
    "evidence_end",
)
"""The columns of `dyad_rows`, in order: GDELT's names, then dipevents' own (lower case)."""

PLOVER_FIELDS: tuple[str, ...] = (
    "id",
    "event_id",
    "date",
    "actor",
    "recipient",
    "event",
    "mode",
    "context",
    "quad_code",
    "event_loc_city",
    "event_loc_country",
    "event_text",
    "event_start",
    "event_end",
    "source",
    "cameo_code",
    "goldstein",
    "status",
)
"""The fields of `plover_records`, in order."""

VISIT = "042"
HOSTED = "043"
JOIN = "; "
"""The separator of list values in `event_rows`."""

PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""PLOVER event type -> its quad (1 verbal cooperation ... 4 material conflict)."""

_STATE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Dyad:
    """One directed pair of an event's parties and the CAMEO code of that direction."""

    source: str
    target: str
    cameo_code: str
    mirrored: bool = False
    """True for the host's side of a visit (043): the same contact seen from the other end."""


def event_dyads(event: DiplomaticEvent) -> list[Dyad]:
    """Who is paired with whom, and in which direction, for dyads and PLOVER records.

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
                for dyad in (Dyad(visitor, host, VISIT), Dyad(host, visitor, HOSTED, True))
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
    codes = {
        person.country or (organization_code(person.organization) if person.organization else None)
        for person in event.participants
        if person.role is role
    }
    return [party for party in event.countries if party in codes]


def event_rows(report: EventReport, *, source: str | None = None) -> list[dict[str, Any]]:
    """One flat row per event (columns `EVENT_COLUMNS`); list values are joined with "; ".

    `participant_countries` is aligned with `participants`: each participant's country, or
    their organisation when they have none, or "" when neither is known.
    """
    return [_event_row(event, source) for event in report.events]


def _event_row(event: DiplomaticEvent, source: str | None) -> dict[str, Any]:
    location, codes = event.location, event.codes
    people = event.participants
    return {
        "source": source,
        "event_id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "event_type": event.event_type.value,
        "status": event.status.value,
        "summary": event.summary,
        "city": location.city if location else None,
        "location_country": location.country if location else None,
        "venue": location.venue if location else None,
        "duration_hours": event.duration_hours,
        "participants": JOIN.join(p.name for p in people),
        "participant_countries": JOIN.join(p.country or p.organization or "" for p in people),
        "countries": JOIN.join(event.countries),
        "cameo_code": codes.cameo_code if codes else None,
        "cameo_root": codes.cameo_root if codes else None,
        "quad_class": codes.quad_class.value if codes else None,
        "goldstein": codes.goldstein if codes else None,
        "plover_type": codes.plover_type if codes else None,
        "plover_mode": codes.plover_mode if codes else None,
        "contexts": JOIN.join(codes.contexts) if codes else "",
        "outcomes": JOIN.join(o.description for o in event.outcomes),
        "outcome_kinds": JOIN.join(o.kind.value for o in event.outcomes),
        "disputes": JOIN.join(d.issue for d in event.disputes),
        "previous_round": event.previous_round,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
    }


def dyad_rows(report: EventReport, *, source: str | None = None) -> list[dict[str, Any]]:
    """CAMEO dyad rows with GDELT's column names (columns `DYAD_COLUMNS`).

    One row per `Dyad` of each event (see `event_dyads`); events without codes or with fewer
    than two parties give none. Where dipevents differs from GDELT:

    - GLOBALEVENTID is a stable string, "{source}:{event_id}-{n}" ("doc" when no source is
      given), n counting the event's dyads from 1: the same report always gives the same ids.
    - Actor codes: a state is its country code + "GOV" ("USAGOV"), an organisation its CAMEO
      code ("IGOUNO"); the CountryCode columns hold ISO 3166-1 alpha-3 codes, None for an
      organisation. A party left unresolved at extraction gets None in both.
    - ActionGeo_CountryCode is ISO 3166-1 alpha-3, where GDELT uses FIPS 10-4.
    - IsRootEvent is 1 for the report's first event (the article's lead), 0 otherwise.
    - SQLDATE is the event's date as an int YYYYMMDD (None when unknown), not the article's.
    """
    return [
        _dyad_row(event, dyad, n, source, is_root=index == 0)
        for index, event in enumerate(report.events)
        for n, dyad in enumerate(event_dyads(event), start=1)
    ]


def _dyad_row(
    event: DiplomaticEvent, dyad: Dyad, n: int, source: str | None, *, is_root: bool
) -> dict[str, Any]:
    code = dyad.cameo_code
    return {
        "GLOBALEVENTID": f"{source or 'doc'}:{event.id}-{n}",
        "SQLDATE": int(event.date.strftime("%Y%m%d")) if event.date else None,
        "Actor1Code": cameo_actor_code(dyad.source),
        "Actor1CountryCode": _state(dyad.source),
        "Actor2Code": cameo_actor_code(dyad.target),
        "Actor2CountryCode": _state(dyad.target),
        "IsRootEvent": int(is_root),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": quad_class(code).value,
        "GoldsteinScale": _goldstein(event, code),
        "ActionGeo_FullName": _place_name(event),
        "ActionGeo_CountryCode": event.location.country if event.location else None,
        "SOURCEURL": source,
        "event_id": event.id,
        "status": event.status.value,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
    }


def cameo_actor_code(party: str) -> str | None:
    """A CAMEO actor code: "USAGOV" for a state, an `IGO...` code as is, else None."""
    if party.startswith("IGO"):
        return party
    return f"{party}GOV" if _STATE.fullmatch(party) else None


def _state(party: str) -> str | None:
    """The party's ISO alpha-3 code, or None for an organisation or an unresolved name."""
    return party if _STATE.fullmatch(party) else None


def _goldstein(event: DiplomaticEvent, cameo_code: str) -> float | None:
    """The event's own score for its code; the codebook's for another (the host's 043)."""
    if event.codes is not None and cameo_code == event.codes.cameo_code:
        return event.codes.goldstein
    return CAMEO_GOLDSTEIN.get(cameo_code)


def _place_name(event: DiplomaticEvent) -> str | None:
    """The place as "City, Country name" from what the location holds, or None."""
    location = event.location
    if location is None:
        return None
    country = _country_name(location.country) if location.country else None
    return ", ".join(part for part in (location.city, country) if part) or None


def _country_name(code: str) -> str:
    """The common English name of an ISO alpha-3 code ("Vietnam"), or the code itself."""
    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


def plover_records(report: EventReport, *, source: str | None = None) -> list[dict[str, Any]]:
    """PLOVER-style records (fields `PLOVER_FIELDS`), as POLECAT publishes them.

    One record per actor-recipient pair of each event with a PLOVER type: for a visit the
    actor is the visitor and the recipient the host; otherwise one record per unordered
    pair, the earlier-listed party as actor (see `event_dyads`). `id` is "{event_id}-{n}",
    unique within a report; with `source` it identifies a record across documents.
    The location is flat (`event_loc_city`, `event_loc_country`) so that each field is a
    column in a DataFrame; `context` is a list; `quad_code` the PLOVER type's quad (1-4);
    `event_text`, `event_start`, `event_end` the event's evidence and its offsets.
    """
    return [
        _plover_record(event, dyad, n, source)
        for event in report.events
        if event.codes is not None and event.codes.plover_type
        for n, dyad in enumerate((d for d in event_dyads(event) if not d.mirrored), start=1)
    ]


def _plover_record(
    event: DiplomaticEvent, dyad: Dyad, n: int, source: str | None
) -> dict[str, Any]:
    codes = event.codes
    assert codes is not None and codes.plover_type is not None
    location = event.location
    return {
        "id": f"{event.id}-{n}",
        "event_id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "actor": dyad.source,
        "recipient": dyad.target,
        "event": codes.plover_type,
        "mode": codes.plover_mode,
        "context": list(codes.contexts),
        "quad_code": PLOVER_QUAD.get(codes.plover_type),
        "event_loc_city": location.city if location else None,
        "event_loc_country": location.country if location else None,
        "event_text": event.evidence.text,
        "event_start": event.evidence.start,
        "event_end": event.evidence.end,
        "source": source,
        "cameo_code": dyad.cameo_code,
        "goldstein": _goldstein(event, dyad.cameo_code),
        "status": event.status.value,
    }
