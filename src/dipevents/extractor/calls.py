"""`extract_events` and `aextract_events`: article in, grounded `EventReport` out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dipevents.extractor.engine import AsyncExtractor, BackendName, Extractor, Published
from dipevents.model.records import EventReport

if TYPE_CHECKING:  # the openai SDK is loaded only when an endpoint is used
    from dipevents.llm.endpoint import ChatClient


def extract_events(
    text: str | bytes,
    *,
    published: Published = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: ChatClient | None = None,
    backend: BackendName | None = None,
    **options: object,
) -> EventReport:
    """Extract the diplomatic events of one news article.

    `published` is the article's date; without it the dateline is read, if there is one.
    Endpoint settings fall back to OPENAI_API_KEY, OPENAI_BASE_URL and DIPEVENTS_MODEL.
    `options` are the fields of `ExtractOptions`.
    """
    extractor = Extractor(
        model=model, base_url=base_url, api_key=api_key, client=client, backend=backend, **options
    )
    with extractor:
        return extractor.extract(text, published=published)


async def aextract_events(
    text: str | bytes,
    *,
    published: Published = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: ChatClient | None = None,
    backend: BackendName | None = None,
    **options: object,
) -> EventReport:
    """`extract_events` over an `AsyncOpenAI` client (pass one as `client`, or let it be built);
    the pieces of a long article are asked for together."""
    extractor = AsyncExtractor(
        model=model, base_url=base_url, api_key=api_key, client=client, backend=backend, **options
    )
    async with extractor:
        return await extractor.aextract(text, published=published)
