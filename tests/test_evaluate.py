"""Scoring: event pairing and per-field counts."""

from __future__ import annotations

import datetime as dt
import json

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


def test_eval_command_scores_the_rules_coder_on_the_dev_set(capsys) -> None:
    from dipevents.cli import main
    from tests.conftest import ROOT

    assert main(["eval", str(ROOT / "seeds" / "dev"), "--backend", "rules"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["field", "precision", "recall", "F1", "tp/fp/fn"]
    assert "grounding rate 1.00" in table and "14 articles" in table
    assert main(["eval", str(ROOT / "seeds" / "dev"), "--backend", "rules", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["total"]["fields"]["events"]["tp"] >= 13
    assert len(scores["articles"]) == 14


def test_eval_on_a_folder_without_gold_is_an_error(tmp_path, capsys) -> None:
    from dipevents.cli import main

    assert main(["eval", str(tmp_path)]) == 1
    assert "no NAME.gold.json records" in capsys.readouterr().err
