"""Behaviours a review found missing, each pinned by a test."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import openai
import pytest

from dipevents import ConfigurationError, extract_events
from dipevents.cli import main
from dipevents.llm.endpoint import choose_backend, resolve_endpoint
from dipevents.model.enums import Backend
from dipevents.model.records import DiplomaticEvent, Span
from dipevents.resolve.refine import refine_events
from tests.conftest import SENTINEL_KEY
from tests.scripted_server import ScriptedReply, ScriptedServer, completion, error_body
from tests.test_failures import ARTICLE, VALID, _extract, _ok


def _talks(countries: list[str], start: int) -> DiplomaticEvent:
    return DiplomaticEvent(
        event_type="meeting",
        status="occurred",
        summary="s",
        countries=countries,
        date="2026-05-18",
        evidence=Span(text="x" * 5, start=start, end=start + 5, alignment="exact"),
    )


def test_same_day_meetings_of_different_parties_stay_apart() -> None:
    warnings: list[str] = []
    events = refine_events([_talks(["FRA", "DEU"], 0), _talks(["JPN", "BRA"], 50)], warnings)
    assert [e.countries for e in events] == [["FRA", "DEU"], ["JPN", "BRA"]]
    assert not any("duplicate" in w for w in warnings)


def test_organisation_codes_pass_through_without_warnings() -> None:
    warnings: list[str] = []
    (event,) = refine_events([_talks(["IGOUNO", "USA"], 0)], warnings)
    assert event.countries == ["IGOUNO", "USA"] and warnings == []


def test_required_grounding_drops_an_invented_date(scripted: ScriptedServer) -> None:
    invented = {"events": [{**VALID["events"][0], "date_text": "on March 3"}]}
    scripted.queue(ScriptedReply(body=completion(json.dumps(invented))))
    report = _extract(scripted, require_grounding=True)
    assert report.events[0].date is None and report.events[0].date_source.value == "none"


def test_a_passed_client_keeps_its_timeout() -> None:
    client = openai.OpenAI(api_key=SENTINEL_KEY, base_url="http://127.0.0.1:9/v1", timeout=5.0)
    endpoint = resolve_endpoint(Backend.OPENAI, client=client, model="m")
    assert endpoint.client.timeout == 5.0 and endpoint.client.max_retries == 0
    assert resolve_endpoint(Backend.OPENAI, client=client, model="m", timeout=9).client.timeout == 9


def test_an_unreadable_retry_after_falls_back_to_backoff(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(
        ScriptedReply(status=429, body=error_body("x"), headers={"retry-after": "soon"}), _ok()
    )
    assert len(_extract(scripted)) == 1 and len(sleeps) == 1 and sleeps[0] < 2


def test_auto_never_ignores_a_named_model_or_gguf() -> None:
    with pytest.raises(ConfigurationError, match=r"model 'gpt-4\.1-mini' named but no endpoint"):
        extract_events(ARTICLE, model="gpt-4.1-mini")
    assert choose_backend(None, gguf="model.gguf") is Backend.LOCAL
    assert choose_backend(None) is Backend.RULES


def test_an_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["extract", str(tmp_path)]) == 1
    assert "no .txt files" in err.getvalue()


def test_a_missing_publication_date_is_said() -> None:
    report = extract_events(
        "U.S. and Russian diplomats held talks in Istanbul on Thursday.", backend="rules"
    )
    assert report.published is None and report.events[0].date is None
    assert report.warnings[0].startswith("no publication date given")
    dated = extract_events(
        "U.S. and Russian diplomats held talks in Istanbul on Thursday.",
        backend="rules",
        published="2025-04-10",
    )
    assert dated.events[0].date.isoformat() == "2025-04-10" and dated.warnings == []
