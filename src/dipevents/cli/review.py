"""`dipevents review FILE`: extract the article's events and write its HTML review page.

The page is one self-contained file (`dipevents.outputs.review`): the article with every
evidence span highlighted, and the events as cards beside it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dipevents.cli.common import (
    add_backend_arguments,
    backend_options,
    complain,
    failure,
    read_source,
)
from dipevents.errors import DipeventsError
from dipevents.extractor.calls import extract_events


def register(commands: Any) -> None:
    """Add the `review` sub-command."""
    parser = commands.add_parser("review", help="write an HTML page to review one article's events")
    parser.add_argument("file", help="article text file; - reads stdin")
    add_backend_arguments(parser)
    parser.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    parser.add_argument("-o", "--output", help="write the page here instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        report = extract_events(
            read_source(args.file), published=args.published, **backend_options(args)
        )
    except (DipeventsError, OSError) as error:
        return failure(error, args.file)
    print(
        f"dipevents: {args.file}: {len(report)} event(s) from backend {report.backend} "
        f"({report.model})",
        file=sys.stderr,
    )
    for warning in report.warnings:
        complain(f"{args.file}: warning: {warning}")
    page = report.to_html(source=args.file).encode("utf-8")  # as its <meta charset> says
    try:
        if args.output is None:
            sys.stdout.buffer.write(page)
        else:
            Path(args.output).write_bytes(page)
    except OSError as error:
        complain(f"{args.output}: {type(error).__name__}: {error}")
        return 1
    return 0
