"""Actors, factuality, duplicates and rounds: the steps every backend's events go through.

The replies here are SCRIPTED test data in the model's reply shape, written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dipevents import extract_events
from dipevents.model.records import DiplomaticEvent, Span
from dipevents.resolve.refine import refine_events
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, reply_event

ARTICLE = (
    "June 5, 2026 — WARSAW — Poland's Foreign Minister Anna Berg met Ukraine's Foreign Minister "
    "Oleh Marchenko in Warsaw on Friday, a week after their first round of talks in Kyiv on "
    "May 29. Berg agreed to open a new border crossing. A meeting of defence ministers planned "
    "for Monday was postponed because of the storm. Separately, Lithuanian President Rasa "
    "Vaitkus arrived in Warsaw on Thursday for a state visit hosted by the Polish president."
)


def _location(city: str, country: str, evidence: str) -> dict[str, Any]:
    return {"city": city, "country": country, "venue": None, "evidence": evidence}


MAIN = reply_event(
    date_text="on Friday",
    location=_location("Warsaw", "PL", "in Warsaw on Friday"),
    participants=[
        {
            "name": "Anna Berg",
            "title": "Foreign Minister",
            "organization": None,
            "country": "Polish",
            "role": None,
            "evidence": "Poland's Foreign Minister Anna Berg",
        },
    ],
    countries=["Poland", "Ukrainian", "the U.S.S.R."],
    outcomes=[
        {
            "kind": "agreement",
            "description": "A new border crossing.",
            "parties": ["PL"],
            "evidence": "Berg agreed to open a new border crossing.",
        }
    ],
    evidence="Poland's Foreign Minister Anna Berg met Ukraine's Foreign Minister Oleh Marchenko "
    "in Warsaw on Friday",
)


SCRIPTED_REPLY = {
    "events": [
        MAIN,
        reply_event(
            date_text="May 29",
            location=_location("Kyiv", "Kyiv", "talks in Kyiv on May 29"),
            countries=["POL", "UKR"],
            evidence="their first round of talks in Kyiv on May 29",
        ),
        {**MAIN, "summary": "The same meeting again.", "outcomes": []},
        reply_event(
            status="postponed",
            date_text="for Monday",
            countries=["POL"],
            evidence="A meeting of defence ministers planned for Monday was postponed",
        ),
        reply_event(
            event_type="visit",
            status="occurred",
            date_text="on Thursday",
            countries=["LTU", "POL"],
            location=_location("Warsaw", "POL", "arrived in Warsaw"),
            evidence="Lithuanian President Rasa Vaitkus arrived in Warsaw on Thursday for a "
            "state visit hosted by the Polish president.",
        ),
    ]
}


def test_scripted_multi_event_reply_is_normalised_merged_and_linked(
    scripted: ScriptedServer,
) -> None:
    scripted.queue(ScriptedReply(body=completion(json.dumps(SCRIPTED_REPLY))))
    report = extract_events(ARTICLE, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    main, prior, postponed, visit = report.events
    assert [e.id for e in report.events] == ["e1", "e2", "e3", "e4"]
    assert any("duplicate of event 1" in w for w in report.warnings)
    assert main.countries == ["POL", "UKR", "the U.S.S.R."]
    assert any("'the U.S.S.R.' kept as written" in w for w in report.warnings)
    assert main.participants[0].country == "POL" and main.location.country == "POL"
    assert main.outcomes[0].parties == ["POL"]
    assert prior.location.country == "UKR" and prior.date == dt.date(2026, 5, 29)
    assert main.date == dt.date(2026, 6, 5) and main.previous_round == "e2"
    assert main.codes.cameo_code == "040" and main.codes.plover_type == "CONSULT"
    assert prior.codes.cameo_code == "040"  # in Kyiv: a party's own country, no third location
    assert postponed.date == dt.date(2026, 6, 8) and postponed.codes.cameo_code == "036"
    assert visit.codes.cameo_code == "042" and visit.codes.plover_mode == "visit"


def test_status_contradicting_its_evidence_is_warned(scripted: ScriptedServer) -> None:
    said_occurred = reply_event(
        date_text=None,
        countries=["POL"],
        evidence="A meeting of defence ministers planned for Monday was postponed",
    )
    scripted.queue(ScriptedReply(body=completion(json.dumps({"events": [said_occurred]}))))
    report = extract_events(ARTICLE, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    assert report.events[0].status.value == "occurred"
    assert any(
        "status occurred, but its evidence reads as planned, postponed" in w
        for w in report.warnings
    )


def _talks(countries: list[str], start: int) -> DiplomaticEvent:
    return DiplomaticEvent(
        event_type="meeting",
        status="occurred",
        summary="s",
        countries=countries,
        date="2026-05-18",
        evidence=Span(text="x" * 5, start=start, end=start + 5, alignment="exact"),
    )


# Regression pinned after review: same-day meetings of different parties were merged as duplicates.
def test_same_day_meetings_of_different_parties_stay_apart() -> None:
    warnings: list[str] = []
    events = refine_events([_talks(["FRA", "DEU"], 0), _talks(["JPN", "BRA"], 50)], warnings)
    assert [e.countries for e in events] == [["FRA", "DEU"], ["JPN", "BRA"]]
    assert not any("duplicate" in w for w in warnings)


# Regression pinned after review: organisation codes (IGO...) were warned about as unresolved.
def test_organisation_codes_pass_through_without_warnings() -> None:
    warnings: list[str] = []
    (event,) = refine_events([_talks(["IGOUNO", "USA"], 0)], warnings)
    assert event.countries == ["IGOUNO", "USA"] and warnings == []
