"""Choosing the backend and building the client: unknown backends, missing models, timeouts."""

from __future__ import annotations

import openai

from dipevents.llm.endpoint import resolve_endpoint
from dipevents.model.enums import Backend
from tests.support import SENTINEL_KEY


# Regression pinned after review: a client passed in lost its own timeout.
def test_a_passed_client_keeps_its_timeout() -> None:
    client = openai.OpenAI(api_key=SENTINEL_KEY, base_url="http://127.0.0.1:9/v1", timeout=5.0)
    endpoint = resolve_endpoint(Backend.OPENAI, client=client, model="m")
    assert endpoint.client.timeout == 5.0 and endpoint.client.max_retries == 0
    assert resolve_endpoint(Backend.OPENAI, client=client, model="m", timeout=9).client.timeout == 9
