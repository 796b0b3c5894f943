"""`ChatBackend`: an OpenAI-compatible endpoint (or the embedded llama.cpp) as a reply source.

It plans the requests of an article (one per piece of a long one, with the cached reply where
the cache holds it), sends them with re-asking and retries, stores what validated, and prices
what was spent. The sync and async sending share everything but the client.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

import openai

from dipevents.errors import ConfigurationError
from dipevents.llm.batch_api import BatchAPI
from dipevents.llm.cache import ReplyCache
from dipevents.llm.conversation import (
    ChatSettings,
    arequest_extraction,
    chat_request,
    reply_schema,
    request_extraction,
)
from dipevents.llm.cost import price
from dipevents.llm.endpoint import Endpoint
from dipevents.llm.prompts import PROMPT_VERSION, extraction_messages
from dipevents.llm.urls import public_url
from dipevents.model.draft import ExtractionReply
from dipevents.model.enums import Backend
from dipevents.model.plan import ExtractionPlan, PlannedRequest
from dipevents.model.usage import Usage
from dipevents.text.chunks import split_article


class ChatBackend:
    """Replies from a chat completion endpoint; `chunk_chars` and `chunk_overlap` cut long
    articles into pieces, and `cache` (if any) keeps validated replies."""

    prompt_version: str | None = PROMPT_VERSION

    def __init__(
        self,
        endpoint: Endpoint,
        chat: ChatSettings,
        *,
        chunk_chars: int,
        chunk_overlap: int,
        cache: ReplyCache | None = None,
    ) -> None:
        self._endpoint = endpoint
        self._chat = chat
        self._chunk_chars = chunk_chars
        self._chunk_overlap = chunk_overlap
        self._cache = cache

    @property
    def kind(self) -> Backend:
        return self._endpoint.backend

    @property
    def model(self) -> str:
        return self._endpoint.model

    @property
    def endpoint_url(self) -> str | None:
        """The endpoint's URL without credentials (for the embedded model, its model file)."""
        if self.kind is Backend.LOCAL:
            return self._endpoint.identity
        return public_url(self._endpoint.identity, self._endpoint.secrets)

    def plan(self, article: str, published: dt.date | None) -> ExtractionPlan:
        """A request per piece of the article, each with its cached reply if there is one."""
        plan = ExtractionPlan(article, published)
        schema = reply_schema(bounded=self._chat.bounded_schema)
        mode = self._chat.mode
        for part in split_article(article, budget=self._chunk_chars, overlap=self._chunk_overlap):
            messages = extraction_messages(article[part.start : part.end], published, mode, schema)
            body = chat_request(messages, self._chat)
            request = PlannedRequest(part.start, part.end, body)
            if self._cache is not None:
                request.cache_key = self._cache.key(self._endpoint.identity, body)
                request.cached = self._cache.get(request.cache_key)
                plan.usage.cached += request.cached is not None
            plan.requests.append(request)
        return plan

    def send(self, request: PlannedRequest, usage: Usage) -> ExtractionReply:
        """Ask until a reply validates (`dipevents.llm.conversation`), over a sync client."""
        client = self._client(openai.OpenAI)
        secrets = self._endpoint.secrets
        return request_extraction(client, request.messages, self._chat, usage, secrets=secrets)

    async def asend(self, request: PlannedRequest, usage: Usage) -> ExtractionReply:
        """`send` over an `AsyncOpenAI` client."""
        client = self._client(openai.AsyncOpenAI)
        secrets = self._endpoint.secrets
        return await arequest_extraction(
            client, request.messages, self._chat, usage, secrets=secrets
        )

    def remember(self, request: PlannedRequest, reply: ExtractionReply) -> None:
        """Keep a validated reply in the cache, if there is one."""
        if self._cache is not None and request.cache_key:
            self._cache.put(request.cache_key, reply)

    def cost(self, usage: Usage) -> Decimal | None:
        """The USD price of `usage`: 0 on the embedded model, None when unknown."""
        if self.kind is Backend.LOCAL:
            return Decimal(0)
        return price(usage, self.model, base_url=self._endpoint.identity)

    def batch_api(self) -> BatchAPI:
        """The endpoint's files and batches calls, retried under this backend's policy."""
        client = self._endpoint.client
        if self.kind is not Backend.OPENAI or not isinstance(client, openai.OpenAI):
            raise ConfigurationError(
                f"the Batch API needs a sync OpenAI-compatible endpoint, not backend "
                f"{self.kind.value!r}: give a key or --base-url with backend openai"
            )
        return BatchAPI(client, self._chat.retry, self._endpoint.secrets)

    def close(self) -> None:
        """Close the client if dipevents built it for this backend alone."""
        client = self._endpoint.client
        if self._endpoint.owns_client and isinstance(client, openai.OpenAI):
            client.close()

    async def aclose(self) -> None:
        """`close` for an async client."""
        client = self._endpoint.client
        if self._endpoint.owns_client and isinstance(client, openai.AsyncOpenAI):
            await client.close()
        else:
            self.close()

    def _client(self, kind: type[_ClientT]) -> _ClientT:
        client = self._endpoint.client
        if not isinstance(client, kind):
            wanted = "an AsyncExtractor" if kind is openai.AsyncOpenAI else "an Extractor"
            raise ConfigurationError(
                f"this backend has no {kind.__name__} client: use {wanted} for this call"
            )
        return client


_ClientT = TypeVar("_ClientT", openai.OpenAI, openai.AsyncOpenAI)
