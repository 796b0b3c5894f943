"""The output formats `extract` and `batch collect` share.

`json` (the report; an array of records for several files), `jsonl` (a record per file), `csv`
(one row per event of every file, `dipevents.outputs.rows.event_rows`), `dyads` (CAMEO dyads as
CSV, `dipevents.outputs.dyads.dyad_rows`) and `plover` (PLOVER records as JSON Lines,
`dipevents.outputs.plover.plover_records`). A record is `{"id", "source", "report"}` or
`{"id", "source", "error"}` (with the document's `source_url` and `metadata` when it has them);
the id and the source are the document's id: the file name as given on the command line ("-" for
stdin), or a JSONL input record's. The exports give each row that id as its source, the
document's URL and language, and leave failed documents out (their errors are on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from dipevents.model.records import EventReport
from dipevents.outputs.dyads import DYAD_COLUMNS
from dipevents.outputs.provenance import Extracted, document_keywords
from dipevents.outputs.rows import EVENT_COLUMNS

FORMATS = ("json", "jsonl", "csv", "plover", "dyads")


class Result(Extracted, Protocol):
    """One document's outcome, as `extract_many` and `batch.collect` give it."""

    def to_json(self) -> dict[str, Any]: ...


_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json"}


def add_format_argument(parser: argparse.ArgumentParser, fallback: str) -> None:
    """`--format`, one of `FORMATS`; without it, `chosen_format` decides."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="json, jsonl: the reports; csv: a row per event; dyads: CAMEO dyads as CSV; "
        "plover: PLOVER records as JSON Lines (default: from the -o suffix, .jsonl, .csv or "
        f".json; else {fallback})",
    )


def chosen_format(args: argparse.Namespace, fallback: str) -> str:
    """`--format` if given, else the one the output's suffix names, else `fallback`."""
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    return _BY_SUFFIX.get(suffix, fallback)


def record(result: Result) -> dict[str, Any]:
    """The JSON record of a file: its id and source (the name given), then the report or the
    error."""
    return {"id": result.id, "source": result.id, **result.to_json()}


def write(results: Sequence[Result], fmt: str, out: TextIO) -> None:
    """Every file's record, or its exports, in the format `fmt`."""
    if fmt == "csv":
        _write_csv(out, EVENT_COLUMNS, _exported(results, EventReport.to_rows))
    elif fmt == "dyads":
        _write_csv(out, DYAD_COLUMNS, _exported(results, EventReport.to_dyads))
    elif fmt == "plover":
        for row in _exported(results, EventReport.to_plover):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "jsonl":
        for result in results:
            out.write(json.dumps(record(result), ensure_ascii=False) + "\n")
    elif len(results) > 1:
        records = [record(result) for result in results]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif results and (report := results[0].report) is not None:
        out.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")


def _exported(
    results: Iterable[Result], export: Callable[..., list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """The rows of every extracted document, each with the document's id as its source."""
    for result in results:
        if result.report is not None:
            yield from export(result.report, **document_keywords(result))


def _write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header, then the rows; the header alone when there are none."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
