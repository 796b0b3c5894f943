"""Choosing a backend, and the seam every way of running goes through: plan, then finish."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openai
import pytest

from dipevents import (
    AsyncExtractor,
    Backend,
    ConfigurationError,
    Extractor,
    InputError,
    extract_events,
)
from dipevents.extractor.backends import choose_backend
from dipevents.llm import llamacpp
from dipevents.model.draft import ExtractionReply
from tests.support import SEED, SENTINEL_KEY
from tests.support.articles import ARTICLE
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion


def test_unknown_backend_and_missing_model_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown backend 'cloud'"):
        extract_events("Talks.", backend="cloud")
    with pytest.raises(ConfigurationError, match="no model named"):
        extract_events("Talks.", base_url="http://127.0.0.1:9/v1")


# Regression pinned after review: backend auto ignored a named model or GGUF (and ran the
# rules coder).
def test_auto_never_ignores_a_named_model_or_gguf() -> None:
    with pytest.raises(ConfigurationError, match=r"model 'gpt-4\.1-mini' named but no endpoint"):
        extract_events(ARTICLE, model="gpt-4.1-mini")
    assert choose_backend(None, gguf="model.gguf") is Backend.LOCAL
    assert choose_backend(None) is Backend.RULES


def test_the_rules_coder_plans_no_request_and_finishes_as_extract_does() -> None:
    extractor = Extractor()
    plan = extractor.plan(SEED.read_bytes())
    assert extractor.backend is Backend.RULES and extractor.endpoint_url is None
    assert plan.requests == [] and plan.pending == [] and len(plan.known) == 1
    assert plan.published is not None  # from the seed's dateline
    finished = extractor.finish(plan, [])
    assert finished.model_dump() == extractor.extract(SEED.read_bytes()).model_dump()


def test_a_plan_holds_the_exact_bodies_and_finish_takes_one_reply_per_pending_request(
    scripted: ScriptedServer,
) -> None:
    extractor = Extractor(base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    plan = extractor.plan(ARTICLE)
    (request,) = plan.pending
    assert request.body["model"] == "m" and request.messages == request.body["messages"]
    assert (request.start, request.end) == (0, len(ARTICLE))
    assert SENTINEL_KEY not in str(request.body) and SENTINEL_KEY not in str(extractor.endpoint_url)
    assert scripted.requests == []  # planning sends nothing
    with pytest.raises(InputError, match="0 replies for 1 pending requests") as wrong:
        extractor.finish(plan, [])
    assert isinstance(wrong.value, ValueError)
    report = extractor.finish(plan, [ExtractionReply(events=[])])
    assert report.events == [] and report.backend == "openai" and report.model == "m"
    assert report.prompt_version is not None


def test_a_plan_is_what_extract_sends(scripted: ScriptedServer) -> None:
    scripted.queue(ScriptedReply(body=completion('{"events": []}')))
    extractor = Extractor(base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    (request,) = extractor.plan(ARTICLE).requests
    extractor.extract(ARTICLE)
    assert scripted.requests[0].body == request.body


def test_an_async_extractor_closes_the_client_it_built_and_leaves_a_passed_one_open(
    scripted: ScriptedServer,
) -> None:
    async def run(client: openai.AsyncOpenAI | None) -> openai.AsyncOpenAI:
        async with AsyncExtractor(
            base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m", client=client
        ) as extractor:
            used = extractor._source._endpoint.client  # the client it holds, built or passed
            await extractor.aextract(ARTICLE)
        return used

    scripted.queue(*[ScriptedReply(body=completion('{"events": []}'))] * 2)
    built = asyncio.run(run(None))
    assert built.is_closed()
    passed = openai.AsyncOpenAI(api_key=SENTINEL_KEY, base_url=scripted.base_url)
    asyncio.run(run(passed))
    assert not passed.is_closed()


def test_each_extractor_refuses_the_other_kind_of_call(scripted: ScriptedServer) -> None:
    sync = Extractor(base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    assert not hasattr(sync, "aextract") and not hasattr(AsyncExtractor, "extract")
    with pytest.raises(ConfigurationError, match="AsyncOpenAI"):
        AsyncExtractor(client=openai.OpenAI(api_key="k", base_url=scripted.base_url), model="m")


def test_a_model_named_in_the_environment_with_no_endpoint_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DIPEVENTS_MODEL", "gpt-4.1-mini")
    with pytest.raises(ConfigurationError, match=r"model 'gpt-4\.1-mini' named but no endpoint"):
        extract_events(ARTICLE)
    assert extract_events(ARTICLE, backend="rules").backend == "rules"  # chosen, not silent


class _LoopbackModel:
    """Where the embedded model would listen, for checking how its client is configured."""

    base_url = "http://127.0.0.1:9/v1"
    model_alias = "m"

    def __init__(self, gguf: Path) -> None:
        self.gguf_path = gguf


def test_the_embedded_model_gets_no_retries_no_time_limit_and_its_threads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[int | None] = []

    def shared_server(gguf: str | None, *, threads: int | None = None) -> _LoopbackModel:
        started.append(threads)
        return _LoopbackModel(tmp_path / "m.gguf")

    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    monkeypatch.setattr(llamacpp, "shared_server", shared_server)
    local = Extractor(backend="local", threads=2)
    chat = local._source._chat  # the settings each request is sent with
    assert chat.retry.max_retries == 0 and started == [2]
    assert local._source._endpoint.client.timeout is None
    chosen = Extractor(backend="local", max_retries=2, timeout=30)
    assert chosen._source._chat.retry.max_retries == 2
    assert chosen._source._endpoint.client.timeout == 30
    remote = Extractor(base_url="http://127.0.0.1:9/v1", api_key=SENTINEL_KEY, model="m")
    assert remote._source._chat.retry.max_retries == 3
