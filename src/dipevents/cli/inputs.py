"""The documents an `extract` run names: article files, stdin, and the records of JSONL files.

A `.jsonl` (or `.ndjson`) input holds a document per line, `{"id", "text" or "path",
"published", "source_url", "metadata"}`: the fields of `extract_many`'s records. A record's id
is its `id`, else its `path` (as written, relative to the working directory), else `FILE:LINE`;
its own `published` and `source_url` outrank the command line's. Any other name is an article,
read when its turn comes ("-" is stdin).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dipevents.cli.common import read_source
from dipevents.errors import ConfigurationError
from dipevents.runners.many import Document

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_jsonl(name: str) -> bool:
    """Whether the name is a JSONL file of records rather than an article."""
    return Path(name).suffix.lower() in JSONL_SUFFIXES


def document_ids(names: list[str]) -> list[str]:
    """The id of every document the names stand for, in order. ConfigurationError for a JSONL
    file that cannot be read, a bad record, or an id that appears twice."""
    ids = [
        found
        for name in names
        for found in ([doc.id for doc in _records(name, {})] if is_jsonl(name) else [name])
    ]
    repeated = [found for found, count in Counter(ids).items() if count > 1]
    if repeated:
        raise ConfigurationError(f"document id {repeated[0]!r} appears twice: ids must be unique")
    return ids


def documents(
    names: list[str],
    wanted: Collection[str],
    *,
    published: str | None = None,
    source_url: str | None = None,
) -> Iterator[Document]:
    """The documents whose id is in `wanted`, in input order; `published` and `source_url`
    apply where a record has none."""
    defaults = {"published": published, "source_url": source_url}
    for name in names:
        yield from (doc for doc in _named(name, defaults) if doc.id in wanted)


def _named(name: str, defaults: dict[str, Any]) -> Iterator[Document]:
    """The documents a name stands for: a JSONL file's records, else the article itself (an
    article's text is read here for stdin only)."""
    given = {key: value for key, value in defaults.items() if value is not None}
    if is_jsonl(name):
        yield from _records(name, given)
    elif name == "-":
        yield Document(id=name, text=read_source(name), **given)
    else:
        yield Document(id=name, path=name, **given)


def _records(name: str, defaults: dict[str, Any]) -> Iterator[Document]:
    """The documents of a JSONL file, one per non-blank line, read as they are needed."""
    try:
        handle = open(name, "rb")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise ConfigurationError(f"{name}: cannot read the records: {error}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _record(line, f"{name}:{number}", defaults)


def _record(line: bytes, where: str, defaults: dict[str, Any]) -> Document:
    """One line's document; its id is its `id`, else its `path`, else `where`."""
    try:
        record = json.loads(line.decode("utf-8"))
        if not isinstance(record, dict):
            raise ValueError("a record is a JSON object")
        named = record.get("id")
        record["id"] = str(named) if named not in (None, "") else record.get("path") or where
        return Document.model_validate({**defaults, **record})
    except (ValueError, ValidationError) as error:
        raise ConfigurationError(f"{where}: not a document record: {error}") from None
