"""Scoring: event pairing and per-field counts."""

from __future__ import annotations

import datetime as dt

from dipevents.evaluate import score
from dipevents.schema import DiplomaticEvent, EventReport, Location, Participant, Span


def _span(start: int, end: int) -> Span:
    return Span(text="x" * (end - start), start=start, end=end, alignment="exact")


def _event(day: int, city: str, names: list[str], start: int) -> DiplomaticEvent:
    return DiplomaticEvent(
        event_type="meeting",
        status="occurred",
        summary="s",
        date=dt.date(2026, 5, day),
        location=Location(city=city),
        participants=[Participant(name=n, evidence=_span(start, start + 5)) for n in names],
        countries=["NOR"],
        evidence=_span(start, start + 10),
    )


def test_events_pair_one_to_one_and_fields_count_both_ways() -> None:
    gold = EventReport(
        backend="gold",
        events=[_event(4, "Oslo", ["Ana Ruiz"], 0), _event(6, "Bergen", ["Li Wei"], 100)],
    )
    predicted = EventReport(
        backend="rules",
        events=[_event(6, "Bergen", ["Li Wei"], 100), _event(9, "Paris", ["Bo Ek"], 300)],
    )
    scores = score([(predicted, gold)])
    events = scores.fields["events"]
    assert (events.tp, events.fp, events.fn) == (1, 1, 1)
    city = scores.fields["city"]
    assert (city.tp, city.fp, city.fn) == (1, 1, 1)
    assert scores.fields["participants"].precision == 0.5
    assert scores.grounding_rate == 1.0


def test_names_compare_without_accents_or_case() -> None:
    gold = EventReport(backend="gold", events=[_event(4, "Bogotá", ["Héctor Salazar"], 0)])
    predicted = EventReport(backend="rules", events=[_event(4, "bogota", ["hector salazar"], 0)])
    fields = score([(predicted, gold)]).fields
    assert fields["participants"].f1 == 1.0 and fields["city"].f1 == 1.0
