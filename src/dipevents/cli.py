"""The `dipevents` command: `dipevents extract FILE [FILE ...]`.

Reports go to stdout (or `-o`), everything else to stderr: the backend that ran, warnings and
errors. The exit code is 0 when every file was extracted, 1 when any failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from dipevents.errors import DipeventsError
from dipevents.pipeline import extract_events


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipevents", description="Extract grounded diplomatic event records from articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract events from articles")
    extract.add_argument("files", nargs="+", help="article text files; - reads stdin")
    extract.add_argument("--backend", choices=["auto", "rules", "openai", "local"], default=None)
    extract.add_argument("--model", help="model name (default: DIPEVENTS_MODEL)")
    extract.add_argument("--base-url", help="OpenAI-compatible endpoint (default: OPENAI_BASE_URL)")
    extract.add_argument("--gguf", help="GGUF model file for --backend local")
    extract.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    extract.add_argument(
        "--response-mode",
        choices=["json_schema", "json_object"],
        default="json_schema",
        help="json_object for servers without structured outputs",
    )
    extract.add_argument(
        "--require-grounding",
        action="store_true",
        help="drop claims whose quote is not found in the article",
    )
    extract.add_argument("--format", choices=["json", "jsonl"], default="json")
    extract.add_argument("-o", "--output", help="write here instead of stdout")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = list(_extract_all(args))
    with _opened(args.output) as out:
        _write(results, args.format, out)
    return 1 if any("error" in result for result in results) else 0


def _extract_all(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    options: dict[str, Any] = {"response_mode": args.response_mode}
    if args.require_grounding:
        options["require_grounding"] = True
    if args.gguf:
        options["gguf"] = args.gguf
    for name in args.files:
        try:
            report = extract_events(
                _read(name),
                published=args.published,
                model=args.model,
                base_url=args.base_url,
                backend=args.backend,
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
        yield {"source": name, "report": report.model_dump(mode="json")}


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def _write(results: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """jsonl: a line per file; json: the report of a single file, or an array for several."""
    if fmt == "jsonl":
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    elif len(results) > 1:
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    elif "report" in results[0]:
        out.write(json.dumps(results[0]["report"], ensure_ascii=False, indent=2) + "\n")


def _opened(path: str | None) -> contextlib.AbstractContextManager[TextIO]:
    """stdout, or the named file opened for writing."""
    if path is None:
        return contextlib.nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
