"""`dyad_rows`: CAMEO dyads with GDELT 2.0's column names, one row per directed pair of parties.

Who is paired with whom is `dipevents.outputs.parties.event_dyads`. Every value is a str, int,
float or None.
"""

from __future__ import annotations

from typing import Any

from dipevents.model.records import DiplomaticEvent, EventReport
from dipevents.outputs.parties import (
    Dyad,
    cameo_actor_code,
    event_dyads,
    party_name,
    people_of,
    state_code,
)
from dipevents.outputs.provenance import Provenance, date_source, provenance
from dipevents.outputs.rows import JOIN
from dipevents.resolve.codebook import CAMEO_GOLDSTEIN, quad_class

DYAD_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "DATEADDED",
    "SOURCEURL",
    "source",
    "event_id",
    "status",
    "date_source",
    "evidence_start",
    "evidence_end",
)
"""The columns of `dyad_rows`, in order: GDELT's names (in GDELT's order), then dipevents' own
(lower case)."""


def dyad_rows(
    report: EventReport,
    *,
    source: str | None = None,
    source_url: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """CAMEO dyad rows with GDELT's column names (columns `DYAD_COLUMNS`).

    One row per `Dyad` of each event; events without codes or with fewer than two parties give
    none. `language` is taken for the exports' common signature; GDELT has no such column.
    Where dipevents differs from GDELT:

    - GLOBALEVENTID is a stable string, "{source}:{event_id}-{n}" ("doc" when no source is
      given), n counting the event's dyads from 1: the same report always gives the same ids.
    - Actor codes: a state is its country code + "GOV" ("USAGOV"), an organisation its CAMEO
      code ("IGOUNO"); the CountryCode columns hold ISO 3166-1 alpha-3 codes, None for an
      organisation. A party left unresolved at extraction gets None in both.
    - Actor1Name/Actor2Name: the names of that party's participants ("; "-joined), else the
      country's name, else the party as written.
    - ActionGeo_CountryCode is ISO 3166-1 alpha-3 (as the actor columns), where GDELT writes
      FIPS 10-4; it is the location's country, as dipevents resolved it.
    - IsRootEvent is 1 for the report's first event (the article's lead), 0 otherwise.
    - SQLDATE is the event's date as an int YYYYMMDD, None when the article does not date it
      (then `date_source` is "none"); it is not the article's date.
    - DATEADDED is the publication date at midnight, YYYYMMDDHHMMSS (None when unknown), not
      the time of coding: the same report always gives the same rows.
    - SOURCEURL is `source_url`, else `source`.
    """
    origin = provenance(report, source, source_url, language)
    return [
        _dyad_row(event, dyad, n, origin, is_root=index == 0)
        for index, event in enumerate(report.events)
        for n, dyad in enumerate(event_dyads(event), start=1)
    ]


def _dyad_row(
    event: DiplomaticEvent, dyad: Dyad, n: int, origin: Provenance, *, is_root: bool
) -> dict[str, Any]:
    code = dyad.cameo_code
    published = origin.published
    return {
        "GLOBALEVENTID": f"{origin.source or 'doc'}:{event.id}-{n}",
        "SQLDATE": int(event.date.strftime("%Y%m%d")) if event.date else None,
        "Actor1Code": cameo_actor_code(dyad.source),
        "Actor1Name": _actor_name(event, dyad.source),
        "Actor1CountryCode": state_code(dyad.source),
        "Actor2Code": cameo_actor_code(dyad.target),
        "Actor2Name": _actor_name(event, dyad.target),
        "Actor2CountryCode": state_code(dyad.target),
        "IsRootEvent": int(is_root),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": quad_class(code).value,
        "GoldsteinScale": _goldstein(event, code),
        "ActionGeo_FullName": _place_name(event),
        "ActionGeo_CountryCode": event.location.country if event.location else None,
        "DATEADDED": int(published.strftime("%Y%m%d000000")) if published else None,
        "SOURCEURL": origin.source_url or origin.source,
        "source": origin.source,
        "event_id": event.id,
        "status": event.status.value,
        "date_source": date_source(event),
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
    }


def _actor_name(event: DiplomaticEvent, party: str) -> str:
    """The party's participants by name, else its name."""
    return JOIN.join(person.name for person in people_of(event, party)) or party_name(party)


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
    country = party_name(location.country) if location.country else None
    return ", ".join(part for part in (location.city, country) if part) or None
