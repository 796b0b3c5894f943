"""`aextract_events`: an async client, the same report as `extract_events`."""

from __future__ import annotations

import asyncio

import openai
import pytest

from dipevents import ConfigurationError
from dipevents.extractor.calls import aextract_events
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion


def _settings(server: ScriptedServer) -> dict:
    return {"base_url": server.base_url, "api_key": SENTINEL_KEY, "model": "scripted"}


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
