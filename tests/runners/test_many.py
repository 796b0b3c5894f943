"""Many documents at once against the scripted server: order, concurrency, failures alone."""

from __future__ import annotations

import asyncio

import openai
import pytest

from dipevents import ConfigurationError
from dipevents.extractor.calls import aextract_events
from dipevents.runners.many import Document, aextract_many, extract_many
from tests.conftest import SEED, SENTINEL_KEY
from tests.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion

ARTICLES = [
    f"Officials from country number {n} met their neighbours in the capital on Monday. "
    "They discussed trade."
    for n in range(12)
]


def _settings(server: ScriptedServer) -> dict:
    return {"base_url": server.base_url, "api_key": SENTINEL_KEY, "model": "scripted"}


def test_results_come_back_in_input_order_with_their_own_events(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo(delay=0.02)
    results = list(extract_many(ARTICLES, concurrency=4, **_settings(scripted)))
    assert [r.id for r in results] == [str(n) for n in range(12)]
    for n, result in enumerate(results):
        assert result.ok, result.error
        (event,) = result.report.events
        assert f"country number {n} met" in event.evidence.text
        assert event.evidence.start == 0
    assert len(scripted.requests) == 12


@pytest.mark.parametrize("concurrency", [1, 4])
def test_requests_overlap_up_to_the_concurrency_limit(
    scripted: ScriptedServer, concurrency: int
) -> None:
    scripted.fallback = article_echo(delay=0.1)
    results = list(extract_many(ARTICLES, concurrency=concurrency, **_settings(scripted)))
    assert all(r.ok for r in results)
    assert scripted.max_in_flight <= concurrency
    assert scripted.max_in_flight > concurrency // 2


def test_as_completed_yields_the_fast_document_first(scripted: ScriptedServer) -> None:
    echo = article_echo()

    def slow_first(request):
        reply = echo(request)
        if "number 0 " in request.body["messages"][-1]["content"]:
            reply.delay = 0.5
        return reply

    scripted.fallback = slow_first
    results = list(extract_many(ARTICLES[:3], concurrency=3, ordered=False, **_settings(scripted)))
    assert results[-1].id == "0"
    assert sorted(r.index for r in results) == [0, 1, 2]


def test_a_failing_document_yields_an_error_record_and_the_rest_go_on(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo()
    items = [
        Document(id="good-1", text=ARTICLES[0], source_url="https://example.org/1"),
        {"id": "empty", "text": "   "},
        {"id": "refused", "text": "REFUSE " + ARTICLES[1]},
        {"id": "good-2", "text": ARTICLES[2], "metadata": {"outlet": "wire"}},
        {"text": "no id"},
    ]
    echo = scripted.fallback

    def refuse_some(request):
        if "REFUSE" in request.body["messages"][-1]["content"]:
            return ScriptedReply(body=completion(None, refusal="I cannot help with that."))
        return echo(request)

    scripted.fallback = refuse_some
    results = {r.id: r for r in extract_many(items, concurrency=2, **_settings(scripted))}
    assert results["good-1"].ok and results["good-2"].ok
    assert results["good-1"].source_url == "https://example.org/1"
    assert results["good-2"].to_json()["metadata"] == {"outlet": "wire"}
    assert results["empty"].error_type == "InputError"
    assert results["refused"].error_type == "RefusalError"
    assert results["refused"].usage.attempts == 1
    assert results["4"].error_type == "ValidationError"
    assert "error" in results["refused"].to_json()
    assert all(SENTINEL_KEY not in (r.error or "") for r in results.values())


def test_aextract_events_uses_an_async_client_and_matches_the_sync_report(
    scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict
) -> None:
    import json

    from dipevents import extract_events

    body = completion(json.dumps(capable_seed_reply))
    scripted.queue(ScriptedReply(body=body), ScriptedReply(body=body))
    sync_report = extract_events(seed_text, **_settings(scripted))
    client = openai.AsyncOpenAI(base_url=scripted.base_url, api_key=SENTINEL_KEY)
    async_report = asyncio.run(aextract_events(seed_text, client=client, model="scripted"))
    assert async_report.model_dump() == sync_report.model_dump()
    assert scripted.requests[0].headers["x-stainless-async"] == "false"
    assert scripted.requests[1].headers["x-stainless-async"].startswith("async:")


def test_aextract_events_refuses_a_sync_client(seed_text: str) -> None:
    client = openai.OpenAI(base_url="http://127.0.0.1:9/v1", api_key="x")
    with pytest.raises(ConfigurationError, match="AsyncOpenAI"):
        asyncio.run(aextract_events(seed_text, client=client, model="m"))


def test_aextract_many_is_iterable_inside_a_running_loop(scripted: ScriptedServer) -> None:
    scripted.fallback = article_echo()

    async def collect() -> list[str]:
        return [r.id async for r in aextract_many(ARTICLES[:3], **_settings(scripted))]

    assert asyncio.run(collect()) == ["0", "1", "2"]


def test_the_rules_backend_runs_many_documents_offline() -> None:
    seed = SEED.read_text(encoding="utf-8")
    results = list(extract_many([seed, "   ", seed], backend="rules"))
    assert [r.ok for r in results] == [True, False, True]
    assert len(results[0].report) == len(results[2].report) > 0
