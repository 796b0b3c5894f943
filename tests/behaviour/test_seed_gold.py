"""The seed article through the whole pipeline, with a capable model's scripted reply."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dipevents import EventReport, extract_events
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion


@pytest.fixture
def seed_report(scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict) -> EventReport:
    scripted.queue(ScriptedReply(body=completion(json.dumps(capable_seed_reply))))
    return extract_events(
        seed_text, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="scripted-capable"
    )


def _spans(event: dict[str, Any]) -> list[tuple[str, Any]]:
    found = [("evidence", event["evidence"]), ("date", event["date_evidence"])]
    if event["location"]:
        found.append(("location", event["location"]["evidence"]))
    for kind in ("participants", "outcomes", "disputes"):
        found += [(kind, claim["evidence"]) for claim in event[kind]]
    return found


def test_report_reproduces_gold_record(seed_report: EventReport, seed_gold: dict) -> None:
    report = json.loads(seed_report.model_dump_json())
    assert report["published"] == seed_gold["published"]
    assert len(report["events"]) == len(seed_gold["events"])
    for got, want in zip(report["events"], seed_gold["events"], strict=True):
        for field in ("event_type", "status", "date", "date_source", "countries", "duration_hours"):
            assert got[field] == want[field], field
        assert (got["location"] or {}).get("city") == (want["location"] or {}).get("city")
        people = [(p["name"], p["title"], p["country"]) for p in got["participants"]]
        assert people == [(p["name"], p["title"], p["country"]) for p in want["participants"]]
        assert [(o["kind"], o["parties"]) for o in got["outcomes"]] == [
            (o["kind"], o["parties"]) for o in want["outcomes"]
        ]
        assert [(d["raised_by"], d["status"]) for d in got["disputes"]] == [
            (d["raised_by"], d["status"]) for d in want["disputes"]
        ]
        assert _spans(got) == _spans(want)


def test_every_offset_points_at_its_text(seed_report: EventReport, seed_text: str) -> None:
    spans = [span for event in seed_report for span in event.spans()]
    assert len(spans) == 17
    for span in spans:
        assert span.is_aligned
        assert seed_text[span.start : span.end] == span.text


def test_seed_main_event_headlines(seed_report: EventReport) -> None:
    main = seed_report.events[0]
    assert main.date.isoformat() == "2025-04-10"
    assert main.location.city == "Istanbul"
    assert {p.name for p in main.participants} == {"Sonata Coulter", "Alexander Darchiev"}
    assert set(main.countries) == {"USA", "RUS"}
    assert seed_report.backend == "openai" and seed_report.model == "scripted-capable"
    assert seed_report.usage.attempts == 1 and seed_report.usage.total_tokens == 150
    assert seed_report.warnings == []
    assert len(seed_report) == 2 and list(seed_report) == seed_report.events


def test_request_carries_schema_and_delimited_article(
    seed_report: EventReport, scripted: ScriptedServer, seed_text: str
) -> None:
    (request,) = scripted.requests
    assert request.headers["authorization"] == f"Bearer {SENTINEL_KEY}"
    body = request.body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    system, user = body["messages"]
    assert system["role"] == "system" and "2025-04-10" in system["content"]
    assert user["content"] == f"<article>\n{seed_text}\n</article>\n"
