"""Many documents at once: `aextract_many` and its sync wrapper `extract_many`.

One `AsyncExtractor` (and one connection pool) serves the whole run; at most `concurrency`
documents are in flight, and the input is read lazily, so an iterator over 100,000 files is
fine. A document that fails becomes a result with an error; the others go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import os
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dipevents.errors import ConfigurationError, InputError
from dipevents.extractor.engine import AsyncExtractor
from dipevents.model.records import EventReport
from dipevents.model.usage import Usage

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


Item: TypeAlias = str | bytes | os.PathLike[str] | Document | Mapping[str, Any]
"""What a run takes per document: a text, a path, a `Document`, or a mapping of its fields."""


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
    model: str | None = None
    """The model asked (or the rules coder's name)."""
    cost: Decimal | None = None
    """USD for this document's requests (`Extractor.cost`); None when the price is unknown."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the document has a report (which may hold no events)."""
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


def as_document(item: Item, index: int) -> Document:
    """A text (its id is its position), a path (`os.PathLike`; its id is the path as given),
    a `Document`, or a mapping of `Document`'s fields (without an id: its path, or position).

    A string that names an existing file is refused rather than extracted as an article: pass
    `{"path": ...}` or a `Path` to read the file."""
    if isinstance(item, Document):
        return item
    if isinstance(item, os.PathLike):
        return Document(id=os.fspath(item), path=os.fspath(item))
    if isinstance(item, str) and _names_a_file(item):
        raise InputError(
            f"{item!r} is the name of a file, not an article: pass {{'path': {item!r}}} or "
            "a pathlib.Path to read it"
        )
    if isinstance(item, (str, bytes)):
        return Document(id=str(index), text=item)
    record = dict(item)
    named = record.get("path")
    record.setdefault("id", str(named) if named is not None else str(index))
    return Document.model_validate(record)


def _names_a_file(text: str) -> bool:
    """Whether `text` looks like a file name and a file of that name exists."""
    if len(text) > 1024 or "\n" in text:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


async def aextract_many(
    items: Iterable[Item],
    *,
    concurrency: int = 8,
    ordered: bool = True,
    extractor: AsyncExtractor | None = None,
    **settings: Any,
) -> AsyncGenerator[DocumentResult, None]:
    """Extract every document, `concurrency` at a time; results in input order, or as they
    complete with `ordered=False`. `settings` are `aextract_events`' keywords, used to build
    an `AsyncExtractor` unless one is passed. A client or extractor passed in is left
    open; one built here is closed at the end."""
    if concurrency < 1:
        raise ConfigurationError("concurrency must be at least 1")
    own = extractor is None
    extractor = extractor or AsyncExtractor(**settings)
    try:
        async for result in _run(
            functools.partial(extract_one, extractor), items, concurrency, ordered
        ):
            yield result
    finally:
        if own:
            await extractor.aclose()  # closes only a client it built


def extract_many(
    items: Iterable[Item],
    *,
    concurrency: int = 8,
    ordered: bool = True,
    processes: int = 1,
    **settings: Any,
) -> Iterator[DocumentResult]:
    """`aextract_many` for code without an event loop of its own (inside one, such as a
    notebook, iterate `aextract_many` instead). It runs a private event loop, so it takes no
    client: connections belong to one loop (pass `client=` to `aextract_many` instead).

    With `processes` above 1, the documents are extracted by that many worker processes, each
    with its own event loop and extractor (`dipevents.runners.processes`), `concurrency` in
    flight over all of them: the client work of one process, about 5 ms a document, is then
    spread over the cores. `settings` must be picklable."""
    if settings.get("client") is not None:
        raise ConfigurationError(
            "extract_many builds its own AsyncOpenAI client on a private event loop; pass your "
            "client to aextract_many, or pass base_url= and api_key= here"
        )
    if processes < 1:
        raise ConfigurationError("processes must be at least 1")
    loop = asyncio.new_event_loop()
    if processes == 1:
        results = aextract_many(items, concurrency=concurrency, ordered=ordered, **settings)
    else:
        results = _in_processes(items, concurrency, ordered, processes, settings)
    try:
        while True:
            step: asyncio.Task[DocumentResult] = loop.create_task(_next(results))
            try:
                yield loop.run_until_complete(step)
            except StopAsyncIteration:
                return
            except BaseException:  # Ctrl-C or the consumer's own error: stop the step first
                step.cancel()
                with contextlib.suppress(BaseException):
                    loop.run_until_complete(step)
                raise
    finally:
        loop.run_until_complete(results.aclose())
        loop.close()


async def _in_processes(
    items: Iterable[Item], concurrency: int, ordered: bool, processes: int, settings: dict[str, Any]
) -> AsyncGenerator[DocumentResult, None]:
    """`aextract_many` over worker processes."""
    if concurrency < 1:
        raise ConfigurationError("concurrency must be at least 1")
    from dipevents.runners.processes import WorkerPool

    async with WorkerPool(processes, settings) as pool:
        async for result in _run(pool.extract, items, concurrency, ordered):
            yield result


async def _next(results: AsyncIterator[DocumentResult]) -> DocumentResult:
    return await anext(results)


Extract: TypeAlias = Callable[[Item, int], Awaitable[DocumentResult]]
"""How one document (with its position) becomes its result: here, or in a worker process."""


async def _run(
    extract: Extract,
    items: Iterable[Item],
    concurrency: int,
    ordered: bool,
) -> AsyncIterator[DocumentResult]:
    """Keep up to `concurrency` documents in flight and hand results on as the order allows.

    If reading the input fails, the documents already started are finished and handed on
    before the error is raised, so nothing that was paid for is lost.
    """
    source = enumerate(items)
    running: set[asyncio.Task[DocumentResult]] = set()
    finished: dict[int, DocumentResult] = {}
    next_index = 0
    exhausted = False
    input_error: Exception | None = None
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
                except Exception as error:  # the caller's iterator broke
                    exhausted, input_error = True, error
                    break
                running.add(asyncio.ensure_future(extract(item, index)))
                room -= 1
            if running:
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    result = task.result()
                    finished[result.index] = result
            ready = [] if ordered else sorted(finished)
            while ordered and next_index in finished:
                ready.append(next_index)
                next_index += 1
            for index in ready:
                yield finished.pop(index)
            if exhausted and not running and not finished:
                break
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running)
    if input_error is not None:
        raise input_error


def unreadable(item: Item, index: int, error: Exception, model: str | None) -> DocumentResult:
    """The result of a document that was never sent: under its own id if it has one."""
    given = item.get("id") if isinstance(item, Mapping) else None
    return DocumentResult(
        id=given if isinstance(given, str) else str(index),
        index=index,
        error_type=type(error).__name__,
        error=str(error),
        model=model,
        cost=Decimal(0),
    )


async def extract_one(extractor: AsyncExtractor, item: Item, index: int) -> DocumentResult:
    """One document's result; any failure of this document is caught into it."""
    started = time.perf_counter()
    model = extractor.model_name
    try:
        document = as_document(item, index)
    except Exception as error:  # a malformed record fails alone
        return unreadable(item, index, error, model)
    try:
        report = await extractor.aextract(document.read(), published=document.published)
    except Exception as error:  # every document fails alone, whatever the cause
        spent = getattr(error, "usage", None) or Usage()
        return DocumentResult(
            id=document.id,
            index=index,
            error_type=type(error).__name__,
            error=str(error),
            usage=spent,
            cost=extractor.cost(spent),
            seconds=time.perf_counter() - started,
            source_url=document.source_url,
            metadata=document.metadata,
            model=model,
        )
    return DocumentResult(
        id=document.id,
        index=index,
        report=report,
        usage=report.usage,
        cost=extractor.cost(report.usage),
        seconds=time.perf_counter() - started,
        source_url=document.source_url,
        metadata=document.metadata,
        model=model,
    )
