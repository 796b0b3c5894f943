"""`extract_events` and `aextract_events`: article in, grounded `EventReport` out."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import openai

from dipevents.extractor.engine import Extractor
from dipevents.extractor.options import ExtractOptions
from dipevents.model.enums import Backend
from dipevents.model.records import EventReport

__all__ = ["ExtractOptions", "aextract_events", "extract_events"]

BackendName = Backend | Literal["auto", "rules", "openai", "local"]


def extract_events(
    text: str | bytes,
    *,
    published: dt.date | dt.datetime | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | None = None,
    backend: BackendName | None = None,
    **options: Any,
) -> EventReport:
    """Extract the diplomatic events of one news article.

    `published` is the article's date; without it the dateline is read, if there is one.
    Endpoint settings fall back to OPENAI_API_KEY, OPENAI_BASE_URL and DIPEVENTS_MODEL.
    `options` are the fields of `ExtractOptions`.
    """
    extractor = Extractor(
        model=model, base_url=base_url, api_key=api_key, client=client, backend=backend, **options
    )
    return extractor.extract(text, published=published)


async def aextract_events(
    text: str | bytes,
    *,
    published: dt.date | dt.datetime | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.AsyncOpenAI | None = None,
    backend: BackendName | None = None,
    **options: Any,
) -> EventReport:
    """`extract_events` over an `AsyncOpenAI` client (pass one as `client`, or let it be built);
    the pieces of a long article are asked for together."""
    extractor = Extractor(
        model=model,
        base_url=base_url,
        api_key=api_key,
        client=client,
        backend=backend,
        asynchronous=True,
        **options,
    )
    try:
        return await extractor.aextract(text, published=published)
    finally:
        if client is None and extractor.endpoint is not None:
            await extractor.endpoint.client.close()  # type: ignore[misc]
