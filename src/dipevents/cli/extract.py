"""`dipevents extract FILE [FILE ...]`: a report per article.

Formats: `json` (the report; an array for several files), `jsonl` (a line per file), `csv` (one
row per event of every file, `dipevents.export.event_rows`), `dyads` (CAMEO dyads as CSV,
`dyad_rows`) and `plover` (PLOVER records as JSON Lines, `plover_records`). The exports give
each record the file name as given on the command line as its source ("-" for stdin).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from dipevents.cli.common import (
    add_backend_arguments,
    backend_options,
    complain,
    opened,
    read_source,
    sources,
)
from dipevents.errors import DipeventsError
from dipevents.export import DYAD_COLUMNS, EVENT_COLUMNS
from dipevents.pipeline import extract_events
from dipevents.schema import EventReport


def register(commands: Any) -> None:
    """Add the `extract` sub-command."""
    parser = commands.add_parser("extract", help="extract events from articles")
    parser.add_argument(
        "files", nargs="+", help="article text files, or folders of .txt files; - reads stdin"
    )
    add_backend_arguments(parser)
    parser.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    parser.add_argument(
        "--format",
        choices=["json", "jsonl", "csv", "plover", "dyads"],
        default="json",
        help="json, jsonl: the reports; csv: a row per event; dyads: CAMEO dyads as CSV; "
        "plover: PLOVER records as JSON Lines",
    )
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    results = list(_extract_all(args))
    if not results:
        complain(f"no .txt files in {', '.join(args.files)}")
        return 1
    with opened(args.output) as out:
        _write(results, args.format, out)
    return 1 if any("error" in result for result in results) else 0


def _extract_all(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    options = backend_options(args)
    for name in sources(args.files):
        try:
            report = extract_events(
                read_source(name),
                published=args.published,
                **options,
            )
        except (DipeventsError, OSError) as error:
            complain(f"{name}: {type(error).__name__}: {error}")
            yield {"source": name, "error": {"type": type(error).__name__, "message": str(error)}}
            continue
        print(
            f"dipevents: {name}: {len(report)} event(s) from backend {report.backend} "
            f"({report.model})",
            file=sys.stderr,
        )
        for warning in report.warnings:
            complain(f"{name}: warning: {warning}")
        yield {"source": name, "report": report}


def _write(results: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Every file's report, or its records, in the chosen format; failed files are left out
    of the exports (their errors are on stderr)."""
    if fmt == "csv":
        _write_csv(out, EVENT_COLUMNS, _exported(results, EventReport.to_rows))
    elif fmt == "dyads":
        _write_csv(out, DYAD_COLUMNS, _exported(results, EventReport.to_dyads))
    elif fmt == "plover":
        for record in _exported(results, EventReport.to_plover):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _write_reports([_as_json(result) for result in results], fmt, out)


def _write_reports(results: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """jsonl: a line per file; json: the report of a single file, or an array for several."""
    if fmt == "jsonl":
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    elif len(results) > 1:
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    elif "report" in results[0]:
        out.write(json.dumps(results[0]["report"], ensure_ascii=False, indent=2) + "\n")


def _as_json(result: dict[str, Any]) -> dict[str, Any]:
    """A result with its report dumped to JSON-ready values."""
    if "report" not in result:
        return result
    return {**result, "report": result["report"].model_dump(mode="json")}


def _exported(
    results: list[dict[str, Any]], export: Callable[..., list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """The records of every extracted file, each with the file's name as its source."""
    for result in results:
        if "report" in result:
            yield from export(result["report"], source=result["source"])


def _write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header, then the rows; the header alone when there are none."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
