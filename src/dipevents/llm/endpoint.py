"""Choosing the backend and building the OpenAI client for it.

Settings come from the arguments first, then the environment (`OPENAI_API_KEY`,
`OPENAI_BASE_URL`, `DIPEVENTS_MODEL`, `DIPEVENTS_GGUF`).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import openai

from dipevents.errors import ConfigurationError
from dipevents.llm.log_redaction import redact_logs
from dipevents.llm.urls import public_url, url_secrets
from dipevents.model.enums import Backend

ChatClient = openai.OpenAI | openai.AsyncOpenAI
"""A client of the openai SDK, sync or async, that a caller may pass in."""
DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"
DEFAULT_TIMEOUT = 120.0
"""Seconds a request may take, for clients dipevents builds itself: each read, and the whole
request until its reply is complete (`dipevents.llm.body`)."""
_LOCAL_API_KEY = "no-key-needed"


@dataclass(frozen=True)
class Endpoint:
    """A ready client, the model to ask, and the secrets to keep out of messages: the API key
    and any credentials in the base URL."""

    client: openai.OpenAI | openai.AsyncOpenAI
    model: str
    backend: Backend
    secrets: tuple[str | None, ...]
    bounded_schema: bool = False
    """The server enforces size caps in the schema (the embedded llama.cpp does)."""
    identity: str = ""
    """What answers, for cache keys: the base URL, or the embedded model's file (its loopback
    port changes from run to run)."""
    owns_client: bool = False
    """The client was built for this endpoint alone, so closing the endpoint closes it (a
    client passed in, or a shared sync client, is left open)."""


def resolve_endpoint(
    backend: Backend,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | openai.AsyncOpenAI | None = None,
    gguf: str | None = None,
    timeout: float | None = None,
    threads: int | None = None,
    asynchronous: bool = False,
) -> Endpoint:
    """The endpoint that these settings and the environment describe.

    A client passed in keeps its own configuration (its timeout too, unless `timeout` is
    given), but its retries are switched off: `dipevents.llm.transport` owns them, so that
    requests are never multiplied. Clients built here time out after `DEFAULT_TIMEOUT` seconds;
    with `asynchronous` they are `AsyncOpenAI` clients, and a passed client must be one. Every
    client's chat requests get the same total deadline (its timeout), size cap and refusal of
    redirects: `dipevents.llm.transport` applies them per request, not through the transport.
    """
    client_class = openai.AsyncOpenAI if asynchronous else openai.OpenAI
    owned = False
    if backend is Backend.LOCAL:
        gguf = gguf or os.environ.get("DIPEVENTS_GGUF")
        return _local_endpoint(model, gguf, timeout, threads, client_class)
    if client is not None and not isinstance(client, client_class):
        raise ConfigurationError(
            f"a {type(client).__name__} client was passed where {client_class.__name__} is "
            "needed: aextract_events and extract_many take an AsyncOpenAI client"
        )
    if client is None:
        key = api_key or os.environ.get("OPENAI_API_KEY")
        url = base_url or os.environ.get("OPENAI_BASE_URL")
        if not key and not url:
            raise ConfigurationError(
                "no endpoint configured: set OPENAI_API_KEY or OPENAI_BASE_URL, or pass client="
            )
        if asynchronous:
            client = openai.AsyncOpenAI(
                api_key=key or _LOCAL_API_KEY, base_url=url, timeout=DEFAULT_TIMEOUT
            )
            owned = True
        else:
            client = _shared_client(key or _LOCAL_API_KEY, url)
    if timeout is None:
        client = client.with_options(max_retries=0)
    else:
        client = client.with_options(max_retries=0, timeout=timeout)
    secrets = (api_key, client.api_key, *url_secrets(str(client.base_url)))
    redact_logs(secrets)
    chosen_model = model or os.environ.get("DIPEVENTS_MODEL") or _default_model(client)
    return Endpoint(
        client,
        chosen_model,
        Backend.OPENAI,
        secrets,
        identity=str(client.base_url),
        owns_client=owned,
    )


@functools.lru_cache(maxsize=8)
def _shared_client(api_key: str, base_url: str | None) -> openai.OpenAI:
    """One sync client per key and endpoint, reused across calls: building one costs 50 to
    80 ms (its TLS context), more than a whole extraction's own work. Async clients are not
    shared, since their connections belong to one event loop."""
    return openai.OpenAI(api_key=api_key, base_url=base_url, timeout=DEFAULT_TIMEOUT)


def _default_model(client: openai.OpenAI | openai.AsyncOpenAI) -> str:
    if "api.openai.com" in str(client.base_url):
        return DEFAULT_OPENAI_MODEL
    url = public_url(str(client.base_url))
    raise ConfigurationError(f"no model named for {url}: pass model= or set DIPEVENTS_MODEL")


def _local_endpoint(
    model: str | None,
    gguf: str | None,
    timeout: float | None,
    threads: int | None,
    client_class: type[openai.OpenAI] | type[openai.AsyncOpenAI],
) -> Endpoint:
    from dipevents.llm.llamacpp import shared_server

    server = shared_server(gguf, threads=threads)
    client = client_class(
        api_key=_LOCAL_API_KEY, base_url=server.base_url, max_retries=0, timeout=timeout
    )
    model_file = server.gguf_path.stat()
    identity = f"local:{server.gguf_path.resolve()}:{model_file.st_size}:{model_file.st_mtime_ns}"
    alias = model or server.model_alias
    return Endpoint(
        client, alias, Backend.LOCAL, (), bounded_schema=True, identity=identity, owns_client=True
    )
