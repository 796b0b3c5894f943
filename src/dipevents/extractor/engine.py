"""`Extractor`: backend, endpoint and options settled once, then any number of articles.

One article goes: checked text and publication date, then the rules coder's reply, or one
model reply per piece of the article (`dipevents.text.chunks`) taken from the cache or asked for,
then grounding, dates, normalisation and codes. The sync and async paths share all of it but
the sending.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

import openai

from dipevents.errors import ConfigurationError, InputError
from dipevents.extractor.options import ExtractOptions, parse_options
from dipevents.llm.cache import ReplyCache
from dipevents.llm.conversation import (
    ChatSettings,
    arequest_extraction,
    chat_request,
    reply_schema,
    request_extraction,
)
from dipevents.llm.cost import price
from dipevents.llm.endpoint import Endpoint, choose_backend, resolve_endpoint
from dipevents.llm.prompts import PROMPT_VERSION, extraction_messages
from dipevents.llm.transport import RetryPolicy
from dipevents.model.draft import ExtractionReply
from dipevents.model.enums import Backend
from dipevents.model.records import EventReport
from dipevents.model.usage import Usage
from dipevents.resolve.ground import assemble_pieces
from dipevents.resolve.refine import refine_events
from dipevents.rules.coder import RULES_MODEL, code_article
from dipevents.text.article import checked_article
from dipevents.text.chunks import split_article
from dipevents.text.dates import find_dateline, parse_published

_NO_PUBLICATION_DATE = (
    "no publication date given or found in a dateline: relative dates such as 'on Thursday' "
    "stay unresolved (pass published=)"
)
_ClientT = TypeVar("_ClientT", openai.OpenAI, openai.AsyncOpenAI)
Published = dt.date | dt.datetime | str | None


class Extractor:
    """A configured extraction. `extract_events` and `aextract_events` make one per call;
    `extract_many` shares one, and its HTTP connections, across a whole run.

    With `asynchronous=True` the endpoint gets an `AsyncOpenAI` client and `aextract` is the
    method to call; otherwise `extract`. `options` are the fields of `ExtractOptions`.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        client: openai.OpenAI | openai.AsyncOpenAI | None = None,
        backend: Backend | Literal["auto", "rules", "openai", "local"] | None = None,
        asynchronous: bool = False,
        **options: Any,
    ) -> None:
        self.settings: ExtractOptions = parse_options(options)
        self.backend = choose_backend(
            backend,
            base_url=base_url,
            api_key=api_key,
            client=client,
            model=model,
            gguf=self.settings.gguf,
        )
        self.endpoint: Endpoint | None = None
        if self.backend is not Backend.RULES:
            self.endpoint = resolve_endpoint(
                self.backend,
                model=model,
                base_url=base_url,
                api_key=api_key,
                client=client,
                gguf=self.settings.gguf,
                timeout=self.settings.timeout,
                asynchronous=asynchronous,
            )
        cache_dir = self.settings.cache_dir
        self._cache = ReplyCache(cache_dir) if cache_dir and self.endpoint else None
        self.chat = self._chat_settings()

    @property
    def model_name(self) -> str:
        """The model the reports name."""
        return self.endpoint.model if self.endpoint else RULES_MODEL

    def cost(self, usage: Usage) -> Decimal | None:
        """The USD price of `usage` on this endpoint (`dipevents.llm.cost.price`): 0 for the rules
        coder and the embedded model, None when the price is unknown."""
        if self.endpoint is None or self.backend is Backend.LOCAL:
            return Decimal(0)
        return price(usage, self.model_name, base_url=self.endpoint.identity)

    def extract(self, text: str | bytes, *, published: Published = None) -> EventReport:
        """The report of one article; a long one is asked about piece by piece."""
        job = self._job(text, published)
        for piece in job.pending:
            reply = request_extraction(
                self._client(openai.OpenAI),
                piece.messages,
                self.chat,
                job.usage,
                secrets=self._secrets,
            )
            self._remember(job, piece, reply)
        return self._report(job)

    async def aextract(self, text: str | bytes, *, published: Published = None) -> EventReport:
        """`extract` over an `AsyncOpenAI` client; the pieces of a long article go together."""
        job = self._job(text, published)
        if not job.pending:
            return self._report(job)
        client = self._client(openai.AsyncOpenAI)

        async def ask(piece: PlannedRequest) -> None:
            usage = Usage()
            try:
                reply = await arequest_extraction(
                    client, piece.messages, self.chat, usage, secrets=self._secrets
                )
            finally:
                job.usage.include(usage)
            self._remember(job, piece, reply)

        outcomes = await asyncio.gather(*map(ask, job.pending), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                if isinstance(getattr(outcome, "usage", None), Usage):
                    outcome.usage = job.usage  # every piece's tokens, as the sync path counts
                raise outcome
        return self._report(job)

    def pieces(self, text: str | bytes, *, published: Published = None) -> list[PlannedRequest]:
        """What would be sent for this article, without sending it: one entry per request
        (none for the rules coder), each marked when the cache already holds its reply."""
        return self._job(text, published).pieces

    def report_from_replies(
        self,
        text: str | bytes,
        replies: list[ExtractionReply],
        *,
        published: Published = None,
        usage: Usage | None = None,
    ) -> EventReport:
        """The report built from replies obtained elsewhere (the OpenAI Batch API), one per
        entry of `pieces(text)`, in that order; validated, grounded and coded as usual."""
        job = self._job(text, published)
        if len(replies) != len(job.pieces):
            raise ValueError(f"{len(replies)} replies for {len(job.pieces)} pieces")
        job.replies = [
            (reply, piece.start) for reply, piece in zip(replies, job.pieces, strict=True)
        ]
        job.usage = usage or Usage()
        return self._report(job)

    @property
    def _secrets(self) -> tuple[str | None, ...]:
        """The values to scrub from error messages (the API key)."""
        return self.endpoint.secrets if self.endpoint else ()

    def _client(self, kind: type[_ClientT]) -> _ClientT:
        client = self.endpoint.client if self.endpoint else None
        if not isinstance(client, kind):
            wanted = "asynchronous=True" if kind is openai.AsyncOpenAI else "a sync client"
            raise ConfigurationError(
                f"this Extractor has no {kind.__name__}: build it with {wanted}"
            )
        return client

    def _job(self, text: str | bytes, published: Published) -> _Job:
        """The checked article and its date, and the replies known or still to ask for."""
        article = checked_article(text, max_chars=self.settings.max_chars)
        job = _Job(article, _published(published, article))
        if self.endpoint is None:
            job.replies.append((code_article(article, job.published), 0))
            return job
        schema = reply_schema(bounded=self.chat.bounded_schema)
        for part in split_article(
            article, budget=self.settings.chunk_chars, overlap=self.settings.chunk_overlap
        ):
            messages = extraction_messages(
                article[part.start : part.end], job.published, self.settings.response_mode, schema
            )
            piece = PlannedRequest(part.start, messages, self._cache_key(messages))
            job.pieces.append(piece)
            if self._cache and (cached := self._cache.get(piece.cache_key)) is not None:
                piece.cached = True
                job.usage.cached += 1
                job.replies.append((cached, piece.start))
            else:
                job.pending.append(piece)
        return job

    def _chat_settings(self) -> ChatSettings:
        settings, endpoint = self.settings, self.endpoint
        bounded = settings.bounded_schema
        if bounded is None:
            bounded = endpoint.bounded_schema if endpoint else False
        return ChatSettings(
            model=self.model_name,
            mode=settings.response_mode,
            max_reasks=settings.max_reasks,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            bounded_schema=bounded,
            retry=RetryPolicy(max_retries=settings.max_retries),
        )

    def _cache_key(self, messages: list[dict[str, str]]) -> str:
        if self._cache is None or self.endpoint is None:
            return ""
        request = chat_request(messages, self.chat)
        return self._cache.key(self.endpoint.identity, request)

    def _remember(self, job: _Job, piece: PlannedRequest, reply: ExtractionReply) -> None:
        job.replies.append((reply, piece.start))
        if self._cache:
            self._cache.put(piece.cache_key, reply)

    def _report(self, job: _Job) -> EventReport:
        """Ground, date, normalise and code the replies into the article's report."""
        replies = sorted(job.replies, key=lambda pair: pair[1])
        events, warnings = assemble_pieces(
            replies, job.article, job.published, require_grounding=self.settings.require_grounding
        )
        if job.published is None:
            warnings.insert(0, _NO_PUBLICATION_DATE)
        if len(replies) > 1:
            warnings.append(f"long article: read in {len(replies)} overlapping pieces")
        return EventReport(
            events=refine_events(events, warnings),
            published=job.published,
            backend=self.backend.value,
            model=self.model_name,
            prompt_version=PROMPT_VERSION if self.endpoint else None,
            usage=job.usage,
            warnings=warnings,
        ).attach_source_text(job.article)


@dataclass
class PlannedRequest:
    """One request for a piece of an article: where the piece starts, the messages sent, and
    whether the cache holds the reply."""

    start: int
    messages: list[dict[str, str]]
    cache_key: str
    cached: bool = False


@dataclass
class _Job:
    """One article on its way through an `Extractor`."""

    article: str
    published: dt.date | None
    usage: Usage = field(default_factory=Usage)
    replies: list[tuple[ExtractionReply, int]] = field(default_factory=list)
    """Replies known so far, each with the offset where its piece starts."""
    pieces: list[PlannedRequest] = field(default_factory=list)
    pending: list[PlannedRequest] = field(default_factory=list)
    """The pieces whose reply is not cached."""


def _published(value: Published, article: str) -> dt.date | None:
    try:
        given = parse_published(value)
    except (ValueError, TypeError) as error:
        raise InputError(str(error)) from None
    if given is not None:
        return given
    dateline = find_dateline(article)
    return dateline.date if dateline else None
