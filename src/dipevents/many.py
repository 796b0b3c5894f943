"""Many documents at once: `aextract_many` and its sync wrapper `extract_many`.

One `Extractor` (and one connection pool) serves the whole run; at most `concurrency`
documents are in flight, and the input is read lazily, so an iterator over 100,000 files is
fine. A document that fails becomes a result with an error; the others go on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dipevents.extractor import Extractor
from dipevents.schema import EventReport, Usage

_BUFFERED_PER_SLOT = 4
"""In input order, finished results may wait for a slow earlier one: at most this many per
concurrency slot, after which no new document starts."""


class Document(BaseModel):
    """One article of a run, with the id its result carries: its text, or the path of a file
    read when its turn comes (a file that cannot be read fails alone)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str | bytes | None = None
    path: str | None = None
    published: dt.date | dt.datetime | str | None = None
    source_url: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _text_or_path(self) -> Document:
        if (self.text is None) == (self.path is None):
            raise ValueError("give a document's text or its path, not both")
        return self

    def read(self) -> str | bytes:
        """The text, from the file when a path was given."""
        return Path(self.path).read_bytes() if self.path is not None else self.text or ""


class DocumentResult(BaseModel):
    """The report of one document, or why there is none."""

    id: str
    index: int
    """The document's position in the input."""
    report: EventReport | None = None
    error_type: str | None = None
    error: str | None = None
    source_url: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    """Tokens of every attempt, a failed document's too (when its error knows them)."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.report is not None

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record: id, source URL, metadata, and the report or the error."""
        record: dict[str, Any] = {"id": self.id}
        if self.source_url:
            record["source_url"] = self.source_url
        if self.metadata:
            record["metadata"] = self.metadata
        if self.report is not None:
            record["report"] = self.report.model_dump(mode="json")
        else:
            record["error"] = {"type": self.error_type, "message": self.error}
        return record


def as_document(item: str | bytes | Document | Mapping[str, Any], index: int) -> Document:
    """A text (its id is its position), a `Document`, or a mapping of `Document`'s fields."""
    if isinstance(item, Document):
        return item
    if isinstance(item, (str, bytes)):
        return Document(id=str(index), text=item)
    return Document.model_validate(dict(item))


async def aextract_many(
    items: Iterable[str | bytes | Document | Mapping[str, Any]],
    *,
    concurrency: int = 8,
    ordered: bool = True,
    extractor: Extractor | None = None,
    **settings: Any,
) -> AsyncIterator[DocumentResult]:
    """Extract every document, `concurrency` at a time; results in input order, or as they
    complete with `ordered=False`. `settings` are `aextract_events`' keywords, used to build
    an asynchronous `Extractor` unless one is passed."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    own = extractor is None
    extractor = extractor or Extractor(asynchronous=True, **settings)
    try:
        async for result in _run(extractor, items, concurrency, ordered):
            yield result
    finally:
        if own and extractor.endpoint is not None:
            await extractor.endpoint.client.close()  # type: ignore[misc]


def extract_many(
    items: Iterable[str | bytes | Document | Mapping[str, Any]],
    *,
    concurrency: int = 8,
    ordered: bool = True,
    **settings: Any,
) -> Iterator[DocumentResult]:
    """`aextract_many` for code without an event loop of its own (inside one, such as a
    notebook, iterate `aextract_many` instead)."""
    loop = asyncio.new_event_loop()
    results = aextract_many(items, concurrency=concurrency, ordered=ordered, **settings)
    try:
        while True:
            try:
                yield loop.run_until_complete(anext(results))
            except StopAsyncIteration:
                return
    finally:
        loop.run_until_complete(results.aclose())
        loop.close()


async def _run(
    extractor: Extractor,
    items: Iterable[str | bytes | Document | Mapping[str, Any]],
    concurrency: int,
    ordered: bool,
) -> AsyncIterator[DocumentResult]:
    """Keep up to `concurrency` documents in flight and hand results on as the order allows."""
    source = enumerate(items)
    running: set[asyncio.Task[DocumentResult]] = set()
    finished: dict[int, DocumentResult] = {}
    next_index = 0
    exhausted = False
    try:
        while True:
            room = concurrency - len(running)
            if ordered:
                room = min(room, concurrency * _BUFFERED_PER_SLOT - len(finished) - len(running))
            while not exhausted and room > 0:
                try:
                    index, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                running.add(asyncio.ensure_future(_one(extractor, item, index)))
                room -= 1
            if not running and (exhausted or not ordered):
                break
            if running:
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    result = task.result()
                    finished[result.index] = result
            if not ordered:
                for index in sorted(finished):
                    yield finished.pop(index)
                continue
            while next_index in finished:
                yield finished.pop(next_index)
                next_index += 1
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running)


async def _one(
    extractor: Extractor, item: str | bytes | Document | Mapping[str, Any], index: int
) -> DocumentResult:
    """One document's result; any failure of this document is caught into it."""
    started = time.perf_counter()
    try:
        document = as_document(item, index)
    except Exception as error:  # a malformed record fails alone
        return DocumentResult(
            id=str(index), index=index, error_type=type(error).__name__, error=str(error)
        )
    meta = {"source_url": document.source_url, "metadata": document.metadata}
    try:
        report = await extractor.aextract(document.read(), published=document.published)
    except Exception as error:  # every document fails alone, whatever the cause
        return DocumentResult(
            id=document.id,
            index=index,
            error_type=type(error).__name__,
            error=str(error),
            usage=getattr(error, "usage", None) or Usage(),
            seconds=time.perf_counter() - started,
            **meta,
        )
    return DocumentResult(
        id=document.id,
        index=index,
        report=report,
        usage=report.usage,
        seconds=time.perf_counter() - started,
        **meta,
    )
