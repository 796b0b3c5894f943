"""An OpenTelemetry span per chat request, against the scripted server: model, tokens, attempts
and status on it; the key and the article nowhere; nothing breaks without opentelemetry."""

from __future__ import annotations

import asyncio
import builtins
import json
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from dipevents import RequestRejectedError, extract_events
from dipevents.extractor.engine import AsyncExtractor
from dipevents.llm import telemetry
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, error_body

ARTICLE = "GENEVA, 2 March 2026 - The foreign ministers of Norway and Chile met on Monday."


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """Finished spans, kept in memory by an SDK tracer provider of the test's own."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry, "_tracer", lambda: provider.get_tracer("dipevents"))
    yield exporter
    provider.shutdown()


def _extract(server: ScriptedServer, **options: Any) -> Any:
    return extract_events(
        ARTICLE, base_url=server.base_url, api_key=SENTINEL_KEY, model="m", **options
    )


def _everything_said(span: ReadableSpan) -> str:
    """The span's name, attributes and status, as one string to search."""
    said = {"name": span.name, "attributes": dict(span.attributes or {})}
    said["status"] = span.status.description
    return json.dumps(said, default=str)


def test_a_request_is_a_client_span_with_model_tokens_attempts_and_status(
    scripted: ScriptedServer, spans: InMemorySpanExporter
) -> None:
    scripted.queue(ScriptedReply(body=completion('{"events": []}', prompt_tokens=321)))
    _extract(scripted)
    (span,) = spans.get_finished_spans()
    assert span.name == "chat m"
    assert span.kind is SpanKind.CLIENT
    assert span.status.status_code is StatusCode.UNSET
    assert dict(span.attributes or {}) == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "m",
        "gen_ai.request.max_tokens": 4096,
        "gen_ai.response.model": "scripted-capable-model",
        "gen_ai.usage.input_tokens": 321,
        "gen_ai.usage.output_tokens": 50,
        "gen_ai.response.finish_reasons": ("stop",),
        "http.response.status_code": 200,
        "dipevents.attempts": 1,
    }


def test_retries_are_attempts_of_one_span_and_a_reask_is_a_span_of_its_own(
    scripted: ScriptedServer, spans: InMemorySpanExporter, sleeps: list[float]
) -> None:
    scripted.queue(
        ScriptedReply(status=500, body=error_body("busy")),
        ScriptedReply(body=completion("not json")),
        ScriptedReply(body=completion('{"events": []}')),
    )
    _extract(scripted)
    first, second = spans.get_finished_spans()
    assert first.attributes and first.attributes["dipevents.attempts"] == 2
    assert second.attributes and second.attributes["dipevents.attempts"] == 1
    assert len(sleeps) == 1


def test_a_failure_is_named_by_its_type_and_status_not_its_message(
    scripted: ScriptedServer, spans: InMemorySpanExporter
) -> None:
    message = f"no such model; you said: {ARTICLE} with {SENTINEL_KEY}"
    scripted.queue(ScriptedReply(status=400, body=error_body(message, kind="invalid_request")))
    with pytest.raises(RequestRejectedError):
        _extract(scripted)
    (span,) = spans.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == "RequestRejectedError"
    assert span.attributes is not None
    assert span.attributes["error.type"] == "RequestRejectedError"
    assert span.attributes["http.response.status_code"] == 400
    assert span.attributes["dipevents.attempts"] == 1
    assert not span.events  # no exception event: its message quotes the endpoint


def test_neither_the_key_nor_the_article_is_on_any_span(
    scripted: ScriptedServer, spans: InMemorySpanExporter
) -> None:
    scripted.queue(
        ScriptedReply(body=completion("not json")),
        ScriptedReply(status=401, body=error_body(f"bad key {SENTINEL_KEY} for {ARTICLE}")),
    )
    with pytest.raises(RequestRejectedError):
        _extract(scripted)
    finished = spans.get_finished_spans()
    assert len(finished) == 2
    for span in finished:
        said = _everything_said(span)
        assert SENTINEL_KEY not in said
        assert "Norway" not in said and "GENEVA" not in said


def test_the_async_path_makes_the_same_span(
    scripted: ScriptedServer, spans: InMemorySpanExporter
) -> None:
    scripted.queue(ScriptedReply(body=completion('{"events": []}', completion_tokens=7)))

    async def run() -> None:
        async with AsyncExtractor(
            base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m"
        ) as extractor:
            await extractor.aextract(ARTICLE)

    asyncio.run(run())
    (span,) = spans.get_finished_spans()
    assert span.name == "chat m"
    assert span.attributes and span.attributes["gen_ai.usage.output_tokens"] == 7


def test_the_tracer_comes_from_the_opentelemetry_api_once() -> None:
    telemetry._tracer.cache_clear()
    try:
        assert telemetry._tracer() is telemetry._tracer() is not None
    finally:
        telemetry._tracer.cache_clear()


def test_without_opentelemetry_requests_go_on_without_spans(
    scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_opentelemetry(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "opentelemetry":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    telemetry._tracer.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_opentelemetry)
    try:
        scripted.queue(ScriptedReply(body=completion('{"events": []}')))
        report = _extract(scripted)
        assert telemetry._tracer() is None
    finally:
        telemetry._tracer.cache_clear()
    assert report.usage.attempts == 1
