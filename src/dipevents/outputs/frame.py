"""`events_frame`: the events of many documents as one pandas DataFrame, a row per event.

The rows are `event_rows`' (columns `EVENT_COLUMNS`), each with its document's id as `source`
and its `source_url`. pandas is imported when called: it is not one of dipevents' dependencies
(nor are its type stubs, so the frames are typed `Any`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from dipevents.errors import ConfigurationError
from dipevents.outputs.provenance import Extracted, document_keywords
from dipevents.outputs.rows import EVENT_COLUMNS, event_rows


def events_frame(results: Iterable[Extracted]) -> Any:
    """One row per event of every document (`DocumentResult`s, as `extract_many` gives them);
    documents that failed are left out."""
    return rows_frame(
        row
        for result in results
        if result.report is not None
        for row in event_rows(result.report, **document_keywords(result))
    )


def rows_frame(rows: Iterable[dict[str, Any]]) -> Any:
    """`event_rows` as a DataFrame: dates are pandas timestamps (NaT when unknown), the CAMEO
    codes stay strings ("040")."""
    pandas = _pandas()
    frame = pandas.DataFrame(list(rows), columns=list(EVENT_COLUMNS))
    for column in ("date", "published"):
        frame[column] = pandas.to_datetime(frame[column])
    return frame


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ConfigurationError(
            "a DataFrame needs pandas, which dipevents does not install: pip install pandas"
        ) from None
