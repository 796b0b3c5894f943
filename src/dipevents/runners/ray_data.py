"""Ray Data: `extract_dataset` runs `aextract_many` in a pool of async actors.

Each actor holds one `AsyncExtractor` (one `AsyncOpenAI` client, or the rules coder) for its
whole life and keeps at most `concurrency_per_actor` documents in flight, however many batches
Ray hands it at once. Every input row becomes one output row with a fixed schema, so a failed
document is a row with its error and the others are untouched.

The settings, the API key among them, reach the actors as constructor arguments: Ray pickles
them into each actor's creation task, never into a row or a log line. Without `api_key=`, each
actor reads OPENAI_API_KEY from its own environment. Ray is imported only when called.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dipevents.errors import ConfigurationError
from dipevents.extractor.engine import AsyncExtractor, Published
from dipevents.extractor.options import parse_options
from dipevents.model.records import EventReport
from dipevents.runners.many import DocumentResult, aextract_many

if TYPE_CHECKING:
    import pyarrow
    import ray.data

RESULT_COLUMNS = {
    "id": "string",
    "report": "string",
    "error_type": "string",
    "error": "string",
    "prompt_tokens": "int64",
    "completion_tokens": "int64",
    "total_tokens": "int64",
    "cost": "string",
}
"""The output columns and their Arrow types. `report` is the report's canonical JSON (null for
a failed document, whose `error_type` and `error` say why); `cost` is USD as a decimal string,
exact, null when the price is unknown."""

_ENDPOINT_SETTINGS = frozenset({"model", "base_url", "api_key", "client", "backend"})
"""`AsyncExtractor`'s keywords that are not `ExtractOptions` fields."""


@dataclass(frozen=True)
class InputColumns:
    """Which input columns hold a document's text, id and publication date."""

    text: str = "text"
    id: str = "id"
    published: str | None = None

    def document(self, row: dict[str, Any]) -> dict[str, Any]:
        """The `Document` fields of one row; ids are made strings."""
        given = row.get(self.id)
        return {
            "id": None if given is None else str(given),
            "text": row.get(self.text),
            "published": row.get(self.published) if self.published else None,
        }

    def missing_from(self, names: list[str]) -> list[str]:
        """The named columns that are not among `names`."""
        wanted = [self.text, self.id, *([self.published] if self.published else [])]
        return [name for name in wanted if name not in names]


class ThrottledExtractor(AsyncExtractor):
    """An `AsyncExtractor` with at most `slots` articles in flight over all its callers."""

    def __init__(self, slots: int, **settings: Any) -> None:
        super().__init__(**settings)
        self._slots = asyncio.Semaphore(slots)

    async def aextract(self, text: str | bytes, *, published: Published = None) -> EventReport:
        async with self._slots:
            return await super().aextract(text, published=published)


class ExtractBatch:
    """A Ray Data actor: one extractor for its life; a batch of rows in, one row per document
    out, in the batch's order."""

    def __init__(self, columns: InputColumns, concurrency: int, settings: dict[str, Any]) -> None:
        self._columns = columns
        self._concurrency = concurrency
        self._extractor = ThrottledExtractor(concurrency, **settings)

    async def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        items = [self._columns.document(row) for row in batch.to_pylist()]
        results = aextract_many(items, concurrency=self._concurrency, extractor=self._extractor)
        return result_table([result async for result in results])


def result_table(results: list[DocumentResult]) -> pyarrow.Table:
    """The results as an Arrow table with the `RESULT_COLUMNS` schema."""
    import pyarrow

    schema = pyarrow.schema([(name, kind) for name, kind in RESULT_COLUMNS.items()])
    return pyarrow.Table.from_pylist([result_row(result) for result in results], schema=schema)


def result_row(result: DocumentResult) -> dict[str, Any]:
    """One document's output row (see `RESULT_COLUMNS`)."""
    return {
        "id": result.id,
        "report": None if result.report is None else result.report.model_dump_json(),
        "error_type": result.error_type,
        "error": result.error,
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens,
        "total_tokens": result.usage.total_tokens,
        "cost": None if result.cost is None else str(result.cost),
    }


def extract_dataset(
    dataset: ray.data.Dataset,
    *,
    text_column: str = "text",
    id_column: str = "id",
    published_column: str | None = None,
    actors: int = 1,
    concurrency_per_actor: int = 16,
    cpus_per_actor: float = 1.0,
    batch_size: int = 64,
    **options: Any,
) -> ray.data.Dataset:
    """The dataset's documents extracted by `actors` async actors, each with up to
    `concurrency_per_actor` documents in flight: one row per input row, with the columns of
    `RESULT_COLUMNS`. Lazy, like every Ray Data transform: nothing runs until the result is
    consumed (`write_parquet`, `take_all`, ...).

    `options` are `extract_events`' keywords (`backend=`, `model=`, `base_url=`, `api_key=`,
    ...), except `client=`: a client cannot travel to other processes. Bad options are a
    `ConfigurationError` here; a backend that cannot start (no model, say) fails the run with
    Ray's `ActorDiedError`, which carries the `ConfigurationError`. `cpus_per_actor` is
    the CPU each actor reserves; keep `actors * cpus_per_actor` below the cluster's CPUs so
    that reading (`read_parquet`) has some, and lower it for an endpoint, where actors wait.
    """
    import ray.data

    if options.get("client") is not None:
        raise ConfigurationError(
            "a client cannot be sent to Ray's actors; pass base_url= and api_key= instead"
        )
    if actors < 1 or concurrency_per_actor < 1:
        raise ConfigurationError("actors and concurrency_per_actor must be at least 1")
    parse_options({key: value for key, value in options.items() if key not in _ENDPOINT_SETTINGS})
    columns = InputColumns(text=text_column, id=id_column, published=published_column)
    known = dataset.columns(fetch_if_missing=False)
    missing = columns.missing_from(known) if known is not None else []
    if missing:
        raise ConfigurationError(f"the dataset has no column {missing[0]!r} (columns: {known})")
    return dataset.map_batches(
        ExtractBatch,
        fn_constructor_kwargs={
            "columns": columns,
            "concurrency": concurrency_per_actor,
            "settings": options,
        },
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=cpus_per_actor,
        batch_size=batch_size,
        batch_format="pyarrow",
    )
