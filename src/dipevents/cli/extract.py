"""`dipevents extract FILE|DIR ...`: a report per article, many articles at a time.

Formats: `json` (the report; an array for several files), `jsonl` (a line per file), `csv` (one
row per event of every file, `dipevents.outputs.tables.event_rows`), `dyads` (CAMEO dyads as CSV,
`dyad_rows`) and `plover` (PLOVER records as JSON Lines, `plover_records`). The exports give
each record the file name as given on the command line as its source ("-" for stdin).

`--format jsonl -o FILE` makes a resumable run: each document's line is written as soon as it
is done, and running the same command again skips the documents already in the file
(`--retry-failed` runs the failed ones again). Model replies are cached on disk unless
`--no-cache`. A progress bar and, at the end, a summary go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from dipevents.cli.common import (
    add_backend_arguments,
    backend_options,
    complain,
    failure,
    opened,
    read_source,
    sources,
)
from dipevents.cli.runlog import RunLog, pending_ids
from dipevents.cli.summary import RunSummary, dry_run
from dipevents.errors import ConfigurationError, DipeventsError
from dipevents.llm.cache import default_cache_dir
from dipevents.model.records import EventReport
from dipevents.outputs.tables import DYAD_COLUMNS, EVENT_COLUMNS
from dipevents.runners.many import Document, DocumentResult, extract_many


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
    parser.add_argument(
        "--concurrency", type=int, default=4, help="documents in flight at once (default 4)"
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="with --format jsonl -o FILE: run the documents that failed last time again",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument(
        "--cache-dir",
        help="where model replies are cached (default: DIPEVENTS_CACHE_DIR or ~/.cache/dipevents)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="estimate requests, tokens and cost without sending anything",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.concurrency < 1:
        complain("--concurrency must be at least 1")
        return 2
    names = _unique(sources(args.files))
    if not names:
        complain(f"no .txt files in {', '.join(args.files)}")
        return 1
    settings = _settings(args)
    try:
        if args.dry_run:
            if args.format == "jsonl" and args.output:  # what a resumed run would still do
                names = pending_ids(args.output, names, retry=args.retry_failed)
            return dry_run(_documents(names, args.published), settings)
        if args.format == "jsonl" and args.output:
            return _resumable_run(names, args, settings)
        summary = RunSummary()
        results = list(_extract(names, args, settings, summary, ordered=True))
    except DipeventsError as error:
        return failure(error)
    with opened(args.output) as out:
        _write(results, args.format, out)
    return summary.finish()


def _resumable_run(names: list[str], args: argparse.Namespace, settings: dict[str, Any]) -> int:
    """Append each document's line to the output as it finishes, skipping those done before."""
    if "-" in names:
        raise ConfigurationError("stdin cannot be resumed: save it to a file, or drop -o")
    output = Path(args.output)
    if output.exists() and any(output.samefile(name) for name in names):
        raise ConfigurationError(f"{output} is one of the inputs: choose another output file")
    with RunLog(output, retry=names if args.retry_failed else ()) as log:
        pending = [name for name in names if name not in log.done]
        summary = RunSummary(skipped=len(names) - len(pending))
        summary.failed_before = len(log.failed_before.intersection(names))
        for result in _extract(pending, args, settings, summary, ordered=False):
            log.write(_record(result))
    return summary.finish()


def _unique(names: Iterable[str]) -> list[str]:
    """The names, each file once (the same file under two names counts once)."""
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name if name == "-" else str(Path(name).resolve())
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """The `Extractor` keywords the arguments give."""
    settings = backend_options(args)
    if not args.no_cache:
        settings["cache_dir"] = str(args.cache_dir or default_cache_dir())
    return settings


def _documents(names: list[str], published: str | None) -> Iterator[Document]:
    """A document per name, read when its turn comes; stdin at once."""
    for name in names:
        if name == "-":
            yield Document(id=name, text=read_source(name), published=published)
        else:
            yield Document(id=name, path=name, published=published)


def _extract(
    names: list[str],
    args: argparse.Namespace,
    settings: dict[str, Any],
    summary: RunSummary,
    *,
    ordered: bool,
) -> Iterator[DocumentResult]:
    """Every document's result (in input order if `ordered`, else as they finish), with a
    progress bar and the summary kept."""
    documents = _documents(names, args.published)
    results = extract_many(documents, concurrency=args.concurrency, ordered=ordered, **settings)
    disable = None if args.progress is None else not args.progress
    with tqdm(total=len(names), unit="doc", disable=disable, dynamic_ncols=True) as bar:
        for result in results:
            summary.add(result)
            _tell(result, bar)
            bar.update()
            yield result


def _tell(result: DocumentResult, bar: tqdm[Any]) -> None:
    """The document's errors and warnings on stderr, above the progress bar."""
    if result.report is None:
        bar.write(f"dipevents: {result.id}: {result.error_type}: {result.error}", sys.stderr)
        return
    for warning in result.report.warnings:
        bar.write(f"dipevents: {result.id}: warning: {warning}", sys.stderr)


def _record(result: DocumentResult) -> dict[str, Any]:
    """The JSON record of a document: its id (the name given), its source, then the report or
    the error."""
    return {"id": result.id, "source": result.id, **result.to_json()}


def _write(results: list[DocumentResult], fmt: str, out: TextIO) -> None:
    """Every file's record, or its exports, in the chosen format; failed files are left out
    of the exports (their errors are on stderr)."""
    if fmt == "csv":
        _write_csv(out, EVENT_COLUMNS, _exported(results, EventReport.to_rows))
    elif fmt == "dyads":
        _write_csv(out, DYAD_COLUMNS, _exported(results, EventReport.to_dyads))
    elif fmt == "plover":
        for record in _exported(results, EventReport.to_plover):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "jsonl":
        for result in results:
            out.write(json.dumps(_record(result), ensure_ascii=False) + "\n")
    elif len(results) > 1:
        records = [_record(result) for result in results]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif results[0].report is not None:
        report = results[0].report.model_dump(mode="json")
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def _exported(
    results: list[DocumentResult], export: Callable[..., list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """The records of every extracted file, each with the file's name as its source."""
    for result in results:
        if result.report is not None:
            yield from export(result.report, source=result.id)


def _write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header, then the rows; the header alone when there are none."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
