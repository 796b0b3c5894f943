"""The backends an `Extractor` draws replies from, behind one small protocol.

`ReplySource` is what the extractor needs of a backend: plan an article's requests, send one,
keep a validated reply, price what was spent, close. The rules coder needs no request (its
reply is known when the plan is made); an OpenAI-compatible endpoint or the embedded
llama.cpp (`dipevents.llm.backend.ChatBackend`) is asked one request per piece of the article.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from dipevents.errors import ConfigurationError
from dipevents.extractor.options import ExtractOptions
from dipevents.model.draft import ExtractionReply
from dipevents.model.enums import Backend
from dipevents.model.plan import ExtractionPlan, PlannedRequest
from dipevents.model.usage import Usage
from dipevents.rules.coder import RULES_MODEL, code_article

DEFAULT_RETRIES = 3
"""Transport retries for an endpoint; the embedded model gets none (`ExtractOptions`)."""

if TYPE_CHECKING:  # the openai SDK is loaded only when an endpoint is used
    from dipevents.llm.batch_api import BatchAPI
    from dipevents.llm.endpoint import ChatClient


class ReplySource(Protocol):
    """Where an extractor's replies come from."""

    @property
    def kind(self) -> Backend: ...

    @property
    def model(self) -> str: ...

    @property
    def endpoint_url(self) -> str | None:
        """Where requests go, without credentials; None when nothing is sent."""

    prompt_version: str | None

    def plan(self, article: str, published: dt.date | None) -> ExtractionPlan: ...

    def send(self, request: PlannedRequest, usage: Usage) -> ExtractionReply: ...

    async def asend(self, request: PlannedRequest, usage: Usage) -> ExtractionReply: ...

    def remember(self, request: PlannedRequest, reply: ExtractionReply) -> None: ...

    def cost(self, usage: Usage) -> Decimal | None: ...

    def batch_api(self) -> BatchAPI: ...

    def close(self) -> None: ...

    async def aclose(self) -> None: ...


class RulesBackend:
    """The deterministic dictionary coder (`dipevents.rules`): its reply is made with the
    plan, so it never sends anything and costs nothing."""

    kind = Backend.RULES
    model = RULES_MODEL
    endpoint_url: str | None = None
    prompt_version: str | None = None

    def plan(self, article: str, published: dt.date | None) -> ExtractionPlan:
        coded = code_article(article, published)
        return ExtractionPlan(article, published, known=[(coded.reply, 0)], notes=coded.warnings)

    def send(self, request: PlannedRequest, usage: Usage) -> ExtractionReply:
        raise ConfigurationError("the rules coder sends no requests")

    async def asend(self, request: PlannedRequest, usage: Usage) -> ExtractionReply:
        return self.send(request, usage)

    def remember(self, request: PlannedRequest, reply: ExtractionReply) -> None:
        """Nothing to keep: the coder is fast and deterministic."""

    def cost(self, usage: Usage) -> Decimal | None:
        return Decimal(0)

    def batch_api(self) -> BatchAPI:
        raise ConfigurationError(
            "the Batch API needs an OpenAI-compatible endpoint, not backend 'rules': give a "
            "key or --base-url with backend openai"
        )

    def close(self) -> None:
        """Nothing to close."""

    async def aclose(self) -> None:
        """Nothing to close."""


def open_source(
    backend: Backend | str | None,
    options: ExtractOptions,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: ChatClient | None = None,
    asynchronous: bool = False,
) -> ReplySource:
    """The backend these settings and the environment choose (`choose_backend`), ready."""
    chosen = choose_backend(
        backend, base_url=base_url, api_key=api_key, client=client, model=model, gguf=options.gguf
    )
    if chosen is Backend.RULES:
        return RulesBackend()
    return _chat_source(chosen, options, model, base_url, api_key, client, asynchronous)


def _chat_source(
    backend: Backend,
    options: ExtractOptions,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    client: ChatClient | None,
    asynchronous: bool,
) -> ReplySource:
    """An OpenAI-compatible endpoint or the embedded model; the openai SDK loads here."""
    from dipevents.llm.backend import ChatBackend
    from dipevents.llm.cache import ReplyCache
    from dipevents.llm.conversation import ChatSettings
    from dipevents.llm.endpoint import resolve_endpoint
    from dipevents.llm.transport import RetryPolicy

    endpoint = resolve_endpoint(
        backend,
        model=model,
        base_url=base_url,
        api_key=api_key,
        client=client,
        gguf=options.gguf,
        timeout=options.timeout,
        threads=options.threads,
        asynchronous=asynchronous,
    )
    retries = options.max_retries
    if retries is None:
        retries = 0 if backend is Backend.LOCAL else DEFAULT_RETRIES
    bounded = options.bounded_schema
    chat = ChatSettings(
        model=endpoint.model,
        mode=options.response_mode,
        max_reasks=options.max_reasks,
        max_tokens=options.max_tokens,
        temperature=options.temperature,
        bounded_schema=endpoint.bounded_schema if bounded is None else bounded,
        retry=RetryPolicy(max_retries=retries),
    )
    return ChatBackend(
        endpoint,
        chat,
        chunk_chars=options.chunk_chars,
        chunk_overlap=options.chunk_overlap,
        cache=ReplyCache(options.cache_dir) if options.cache_dir else None,
    )


def choose_backend(
    backend: Backend | str | None,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    client: ChatClient | None = None,
    model: str | None = None,
    gguf: str | None = None,
) -> Backend:
    """The backend named, or for `auto` the one the settings and environment point to.

    `auto` picks an endpoint when a key, base URL or client is given (arguments or
    environment), the embedded model when a GGUF file is named, and otherwise the rules coder;
    a model named with nowhere to send it is an error rather than silently ignored.
    """
    try:
        chosen = Backend(backend or Backend.AUTO)
    except ValueError:
        names = ", ".join(b.value for b in Backend)
        raise ConfigurationError(f"unknown backend {backend!r}; choose one of {names}") from None
    if chosen is not Backend.AUTO:
        return chosen
    configured = client or base_url or api_key
    configured = configured or os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")
    if configured:
        return Backend.OPENAI
    if gguf:
        return Backend.LOCAL
    model = model or os.environ.get("DIPEVENTS_MODEL")
    if model:
        raise ConfigurationError(
            f"model {model!r} named but no endpoint configured: set OPENAI_API_KEY or "
            "OPENAI_BASE_URL, pass client=, or choose backend='local' or 'rules'"
        )
    return Backend.RULES
