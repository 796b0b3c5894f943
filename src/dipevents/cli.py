"""The `dipevents` command: `dipevents extract FILE [FILE ...]`.

Reports go to stdout (or `-o`), everything else to stderr: the backend that ran, warnings and
errors. The exit code is 0 when every file was extracted, 1 when any failed, 2 on bad usage.

Formats: `json` (the report; an array for several files), `jsonl` (a line per file), `csv` (one
row per event of every file, `dipevents.export.event_rows`), `dyads` (CAMEO dyads as CSV,
`dyad_rows`) and `plover` (PLOVER records as JSON Lines, `plover_records`). The exports give
each record the file name as given on the command line as its source ("-" for stdin).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from dipevents.errors import DipeventsError
from dipevents.evaluate import evaluate_backend, gold_set
from dipevents.export import DYAD_COLUMNS, EVENT_COLUMNS
from dipevents.pipeline import extract_events
from dipevents.schema import EventReport


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipevents", description="Extract grounded diplomatic event records from articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract events from articles")
    extract.add_argument(
        "files", nargs="+", help="article text files, or folders of .txt files; - reads stdin"
    )
    _add_backend_arguments(extract)
    extract.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    extract.add_argument(
        "--format",
        choices=["json", "jsonl", "csv", "plover", "dyads"],
        default="json",
        help="json, jsonl: the reports; csv: a row per event; dyads: CAMEO dyads as CSV; "
        "plover: PLOVER records as JSON Lines",
    )
    extract.add_argument("-o", "--output", help="write here instead of stdout")
    scoring = commands.add_parser("eval", help="score a backend on a folder of gold records")
    scoring.add_argument("gold_dir", help="folder of NAME.txt articles with NAME.gold.json records")
    _add_backend_arguments(scoring)
    scoring.add_argument("--json", action="store_true", help="print the scores as JSON")
    scoring.add_argument("-v", "--verbose", action="store_true", help="scores of every article")
    return parser


def _add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["auto", "rules", "openai", "local"], default=None)
    parser.add_argument("--model", help="model name (default: DIPEVENTS_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: OPENAI_BASE_URL)")
    parser.add_argument("--gguf", help="GGUF model file for --backend local")
    parser.add_argument(
        "--response-mode",
        choices=["json_schema", "json_object"],
        default="json_schema",
        help="json_object for servers without structured outputs",
    )
    parser.add_argument(
        "--require-grounding",
        action="store_true",
        help="drop claims whose quote is not found in the article",
    )


def _backend_options(args: argparse.Namespace) -> dict[str, Any]:
    """The `extract_events` keywords the backend arguments give."""
    options: dict[str, Any] = {
        "model": args.model,
        "base_url": args.base_url,
        "backend": args.backend,
        "response_mode": args.response_mode,
    }
    if args.require_grounding:
        options["require_grounding"] = True
    if args.gguf:
        options["gguf"] = args.gguf
    return options


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "eval":
        return _evaluate(args)
    results = list(_extract_all(args))
    if not results:
        print(f"dipevents: no .txt files in {', '.join(args.files)}", file=sys.stderr)
        return 1
    with _opened(args.output) as out:
        _write(results, args.format, out)
    return 1 if any("error" in result for result in results) else 0


def _extract_all(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    options = _backend_options(args)
    for name in _sources(args.files):
        try:
            report = extract_events(
                _read(name),
                published=args.published,
                **options,
            )
        except (DipeventsError, OSError) as error:
            print(f"dipevents: {name}: {type(error).__name__}: {error}", file=sys.stderr)
            yield {"source": name, "error": {"type": type(error).__name__, "message": str(error)}}
            continue
        print(
            f"dipevents: {name}: {len(report)} event(s) from backend {report.backend} "
            f"({report.model})",
            file=sys.stderr,
        )
        for warning in report.warnings:
            print(f"dipevents: {name}: warning: {warning}", file=sys.stderr)
        yield {"source": name, "report": report}


def _evaluate(args: argparse.Namespace) -> int:
    """`dipevents eval`: extract every gold article and print the scores."""
    try:
        pairs = gold_set(Path(args.gold_dir))
        scored = evaluate_backend(pairs, **_backend_options(args))
    except (DipeventsError, OSError, ValueError) as error:
        print(f"dipevents: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(scored.as_dict(), indent=2))
    else:
        print(scored.table(verbose=args.verbose))
    return 0


def _sources(names: list[str]) -> Iterator[str]:
    """The names given, with each folder replaced by the .txt entries in it, sorted."""
    for name in names:
        folder = Path(name)
        if name != "-" and folder.is_dir():
            yield from sorted(str(entry) for entry in folder.glob("*.txt"))
        else:
            yield name


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


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


def _opened(path: str | None) -> contextlib.AbstractContextManager[TextIO]:
    """stdout, or the named file opened for writing."""
    if path is None:
        return contextlib.nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
