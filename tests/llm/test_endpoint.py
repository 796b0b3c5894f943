"""Choosing the backend and building the client: unknown backends, missing models, timeouts."""

from __future__ import annotations

import openai
import pytest

from dipevents import ConfigurationError, extract_events
from dipevents.llm.endpoint import choose_backend, resolve_endpoint
from dipevents.model.enums import Backend
from tests.support import SENTINEL_KEY
from tests.support.articles import ARTICLE


def test_unknown_backend_and_missing_model_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown backend 'cloud'"):
        extract_events("Talks.", backend="cloud")
    with pytest.raises(ConfigurationError, match="no model named"):
        extract_events("Talks.", base_url="http://127.0.0.1:9/v1")


# Regression pinned after review: a client passed in lost its own timeout.
def test_a_passed_client_keeps_its_timeout() -> None:
    client = openai.OpenAI(api_key=SENTINEL_KEY, base_url="http://127.0.0.1:9/v1", timeout=5.0)
    endpoint = resolve_endpoint(Backend.OPENAI, client=client, model="m")
    assert endpoint.client.timeout == 5.0 and endpoint.client.max_retries == 0
    assert resolve_endpoint(Backend.OPENAI, client=client, model="m", timeout=9).client.timeout == 9


# Regression pinned after review: backend auto ignored a named model or GGUF (and ran the
# rules coder).
def test_auto_never_ignores_a_named_model_or_gguf() -> None:
    with pytest.raises(ConfigurationError, match=r"model 'gpt-4\.1-mini' named but no endpoint"):
        extract_events(ARTICLE, model="gpt-4.1-mini")
    assert choose_backend(None, gguf="model.gguf") is Backend.LOCAL
    assert choose_backend(None) is Backend.RULES
