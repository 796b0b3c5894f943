"""`dipevents extract FILE|DIR ...`: a report per article, many articles at a time.

The formats are `dipevents.cli.writers`'. A folder stands for its `.txt` files (`-r`: in its
subfolders too); a `.jsonl` file for its records (`dipevents.cli.inputs`).

`--format jsonl -o FILE` makes a resumable run: each document's line is written as soon as it
is done, and running the same command again skips the documents already in the file
(`--retry-failed` runs the failed ones again). Model replies are cached on disk unless
`--no-cache`. A progress bar and, at the end, a summary go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from dipevents.cli.common import (
    add_backend_arguments,
    add_recursive_argument,
    backend_options,
    chosen_backend,
    complain,
    failure,
    opened,
    sources,
)
from dipevents.cli.inputs import document_ids, documents, is_jsonl
from dipevents.cli.runlog import RunLog, pending_ids
from dipevents.cli.shards import in_shard, shard
from dipevents.cli.summary import RunSummary, dry_run
from dipevents.cli.writers import add_format_argument, chosen_format, record, write
from dipevents.errors import ConfigurationError, DipeventsError
from dipevents.llm.cache import default_cache_dir
from dipevents.model.enums import Backend
from dipevents.runners.many import Document, DocumentResult, extract_many


def register(commands: Any) -> None:
    """Add the `extract` sub-command."""
    parser = commands.add_parser("extract", help="extract events from articles")
    parser.add_argument(
        "files",
        nargs="+",
        help="article text files, folders of .txt files, or .jsonl files of records "
        '({"id", "text" or "path", "published", "source_url", "metadata"} a line); - reads stdin',
    )
    add_backend_arguments(parser)
    add_recursive_argument(parser)
    parser.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    parser.add_argument(
        "--source-url",
        metavar="URL",
        help="the article's URL, carried into every export (one file or stdin; JSONL records "
        "give their own source_url)",
    )
    add_format_argument(parser, fallback="json")
    parser.add_argument(
        "--shard",
        type=shard,
        metavar="K/N",
        help="extract only the K-th of N shares of the files (split by name: N jobs of an "
        "array cover a folder exactly once)",
    )
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument(
        "--concurrency", type=int, default=4, help="documents in flight at once (default 4)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes, each with --concurrency documents in flight (default 1)",
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
    names = _unique(sources(args.files, recursive=args.recursive))
    if not names:
        complain(f"no .txt files in {', '.join(args.files)}")
        return 1
    if args.source_url and (len(names) != 1 or is_jsonl(names[0])):
        complain("--source-url is the URL of one article: give one text file or -")
        return 2
    settings = _settings(args)
    fmt = chosen_format(args, fallback="json")
    resumable = fmt == "jsonl" and args.output is not None
    try:
        ids = document_ids(names)
        if args.shard:
            ids = in_shard(ids, *args.shard)
        if args.dry_run:
            if resumable:  # what a resumed run would still do
                ids = pending_ids(args.output, ids, retry=args.retry_failed)
            return dry_run(_documents(names, ids, args), settings)
        _say_if_local(settings)
        if resumable:
            return _resumable_run(names, ids, args, settings)
        summary = RunSummary()
        results = list(_extract(names, ids, args, settings, summary, ordered=True))
    except DipeventsError as error:
        return failure(error)
    with opened(args.output) as out:
        write(results, fmt, out)
    return summary.finish()


def _resumable_run(
    names: list[str], ids: list[str], args: argparse.Namespace, settings: dict[str, Any]
) -> int:
    """Append each document's line to the output as it finishes, skipping those done before."""
    if "-" in names:
        raise ConfigurationError("stdin cannot be resumed: save it to a file, or drop -o")
    output = Path(args.output)
    if output.exists() and any(output.samefile(name) for name in names):
        raise ConfigurationError(f"{output} is one of the inputs: choose another output file")
    with RunLog(output, retry=ids if args.retry_failed else ()) as log:
        pending = [found for found in ids if found not in log.done]
        summary = RunSummary(skipped=len(ids) - len(pending))
        summary.failed_before = len(log.failed_before.intersection(ids))
        for result in _extract(names, pending, args, settings, summary, ordered=False):
            log.write(record(result))
    return summary.finish()


def _say_if_local(settings: dict[str, Any]) -> None:
    """A line on what to expect from the embedded model, which takes minutes, not seconds."""
    if chosen_backend(settings) is Backend.LOCAL:
        limit = settings.get("timeout")
        complain(
            "the embedded model runs on this machine's CPU: about a minute per article for the "
            f"default model, more for a larger one; {f'{limit:g} s' if limit else 'no'} time "
            "limit per request (--timeout)"
        )


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


def _documents(names: list[str], ids: list[str], args: argparse.Namespace) -> Iterator[Document]:
    """The documents of the names whose id is among `ids`, in input order."""
    return documents(names, set(ids), published=args.published, source_url=args.source_url)


def _extract(
    names: list[str],
    ids: list[str],
    args: argparse.Namespace,
    settings: dict[str, Any],
    summary: RunSummary,
    *,
    ordered: bool,
) -> Iterator[DocumentResult]:
    """Every document's result (in input order if `ordered`, else as they finish), with a
    progress bar and the summary kept."""
    results = extract_many(
        _documents(names, ids, args),
        concurrency=args.concurrency,
        ordered=ordered,
        processes=args.processes,
        **settings,
    )
    disable = None if args.progress is None else not args.progress
    with tqdm(total=len(ids), unit="doc", disable=disable, dynamic_ncols=True) as bar:
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
