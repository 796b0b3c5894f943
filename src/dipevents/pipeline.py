"""`extract_events`: article in, grounded `EventReport` out, composing the other modules."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dipevents.article import DEFAULT_MAX_CHARS, checked_article
from dipevents.assemble import assemble_events
from dipevents.dates import find_dateline, parse_published
from dipevents.endpoint import Backend, Endpoint, choose_backend, resolve_endpoint
from dipevents.errors import ConfigurationError, InputError
from dipevents.llm import ChatSettings, reply_schema, request_extraction
from dipevents.prompts import PROMPT_VERSION, ResponseMode, extraction_messages
from dipevents.refine import refine_events
from dipevents.reply import ExtractionReply
from dipevents.rules.coder import RULES_MODEL, code_article
from dipevents.schema import EventReport, Usage
from dipevents.transport import RetryPolicy

_NO_PUBLICATION_DATE = (
    "no publication date given or found in a dateline: relative dates such as 'on Thursday' "
    "stay unresolved (pass published=)"
)


class ExtractOptions(BaseModel):
    """The keyword options of `extract_events`, checked before anything is sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    response_mode: ResponseMode = ResponseMode.JSON_SCHEMA
    max_reasks: int = Field(2, ge=0, le=10)
    max_retries: int = Field(3, ge=0, le=10)
    max_tokens: int = Field(4096, gt=0)
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    timeout: float | None = Field(None, gt=0)
    """Seconds per request; default 120, or a passed client's own timeout."""
    require_grounding: bool = False
    max_chars: int = Field(DEFAULT_MAX_CHARS, gt=0)
    gguf: str | None = None
    bounded_schema: bool | None = None
    """Cap list and string sizes in the schema; by default only for the embedded model."""


def extract_events(
    text: str | bytes,
    *,
    published: dt.date | dt.datetime | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | None = None,
    backend: Backend | Literal["auto", "rules", "openai", "local"] | None = None,
    **options: Any,
) -> EventReport:
    """Extract the diplomatic events of one news article.

    `published` is the article's date; without it the dateline is read, if there is one.
    Endpoint settings fall back to OPENAI_API_KEY, OPENAI_BASE_URL and DIPEVENTS_MODEL.
    `options` are the fields of `ExtractOptions`.
    """
    settings = _options(options)
    article = checked_article(text, max_chars=settings.max_chars)
    published_date = _published(published, article)
    chosen = choose_backend(
        backend, base_url=base_url, api_key=api_key, client=client, model=model, gguf=settings.gguf
    )
    usage = Usage()
    if chosen is Backend.RULES:
        reply = code_article(article, published_date)
        model_name, prompt_version = RULES_MODEL, None
    else:
        endpoint = resolve_endpoint(
            chosen,
            model=model,
            base_url=base_url,
            api_key=api_key,
            client=client,
            gguf=settings.gguf,
            timeout=settings.timeout,
        )
        reply = _ask_model(endpoint, article, published_date, settings, usage)
        model_name, prompt_version = endpoint.model, PROMPT_VERSION
    events, warnings = assemble_events(
        reply, article, published_date, require_grounding=settings.require_grounding
    )
    if published_date is None:
        warnings.insert(0, _NO_PUBLICATION_DATE)
    events = refine_events(events, warnings)
    return EventReport(
        events=events,
        published=published_date,
        backend=chosen.value,
        model=model_name,
        prompt_version=prompt_version,
        usage=usage,
        warnings=warnings,
    ).attach_source_text(article)


def _ask_model(
    endpoint: Endpoint,
    article: str,
    published: dt.date | None,
    settings: ExtractOptions,
    usage: Usage,
) -> ExtractionReply:
    bounded = (
        endpoint.bounded_schema if settings.bounded_schema is None else settings.bounded_schema
    )
    chat = ChatSettings(
        model=endpoint.model,
        mode=settings.response_mode,
        max_reasks=settings.max_reasks,
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        bounded_schema=bounded,
        retry=RetryPolicy(max_retries=settings.max_retries),
    )
    schema = reply_schema(bounded=bounded)
    messages = extraction_messages(article, published, settings.response_mode, schema)
    return request_extraction(endpoint.client, messages, chat, usage, secrets=endpoint.secrets)


def _options(options: dict[str, Any]) -> ExtractOptions:
    try:
        return ExtractOptions(**options)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors(include_url=False)
        )
        raise ConfigurationError(f"invalid options: {problems}") from None


def _published(value: dt.date | dt.datetime | str | None, article: str) -> dt.date | None:
    try:
        given = parse_published(value)
    except (ValueError, TypeError) as error:
        raise InputError(str(error)) from None
    if given is not None:
        return given
    dateline = find_dateline(article)
    return dateline.date if dateline else None
