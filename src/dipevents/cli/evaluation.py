"""`dipevents eval GOLD_DIR`: extract every gold article and print the scores."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dipevents.cli.common import (
    add_backend_arguments,
    add_recursive_argument,
    backend_options,
    failure,
)
from dipevents.errors import DipeventsError


def register(commands: Any) -> None:
    """Add the `eval` sub-command."""
    parser = commands.add_parser("eval", help="score a backend on a folder of gold records")
    parser.add_argument("gold_dir", help="folder of NAME.txt articles with NAME.gold.json records")
    add_backend_arguments(parser)
    add_recursive_argument(parser)
    parser.add_argument(
        "--concurrency", type=int, default=4, help="articles in flight at once (default 4)"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="scores of every article")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dipevents.evaluation.scoring import evaluate_backend, gold_set  # only when it runs

    try:
        pairs = gold_set(Path(args.gold_dir), recursive=args.recursive)
        scored = evaluate_backend(pairs, concurrency=args.concurrency, **backend_options(args))
    except (DipeventsError, OSError, ValueError) as error:
        return failure(error)
    if args.json:
        print(json.dumps(scored.as_dict(), indent=2))
    else:
        print(scored.table(verbose=args.verbose))
    return 0
