"""Where an exported record comes from: the document, its URL and language, and the coder.

Every export takes the same three keywords: `source` (the document's name or id), `source_url`
and `language` (ISO 639-1, as the caller knows it: dipevents does not detect it). The rest comes
from the report: its publication date, and the coder, "dipevents:{backend}:{model}".
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Any, Protocol

from dipevents.model.enums import DateSource
from dipevents.model.records import DiplomaticEvent, EventReport


@dataclass(frozen=True)
class Provenance:
    """What every record of one report says about where it comes from."""

    source: str | None
    source_url: str | None
    language: str | None
    published: dt.date | None
    coder: str
    version: str


def provenance(
    report: EventReport,
    source: str | None = None,
    source_url: str | None = None,
    language: str | None = None,
) -> Provenance:
    """The provenance of a report's records."""
    coder = ":".join(part for part in ("dipevents", report.backend, report.model) if part)
    return Provenance(source, source_url, language, report.published, coder, _version())


def _version() -> str:
    """`dipevents.__version__`, looked up, not imported: the package's `__init__` names every
    layer, so a static import from here would run against the layering."""
    return str(importlib.import_module("dipevents").__version__)


class Extracted(Protocol):
    """One document's outcome as `extract_many` (and, without URL or metadata, the Batch API)
    gives it: an id, a report or None, and perhaps `source_url` and `metadata`."""

    @property
    def id(self) -> str: ...

    @property
    def report(self) -> EventReport | None: ...


def document_keywords(result: Extracted) -> dict[str, Any]:
    """The export keywords of a document's result: its id as `source`, its `source_url`, and the
    `language` of its metadata, where it has them."""
    metadata = getattr(result, "metadata", None) or {}
    return {
        "source": result.id,
        "source_url": getattr(result, "source_url", None),
        "language": metadata.get("language"),
    }


def date_source(event: DiplomaticEvent) -> str:
    """How the event's date was found (explicit, relative, model), or "none" when undated."""
    return event.date_source.value if event.date is not None else DateSource.NONE.value


def iso_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
