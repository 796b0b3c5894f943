"""The `dipevents` command: one sub-command per module of this package.

Reports go to stdout (or `-o`), everything else to stderr. The exit code is 0 on success, 1 when
any document failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dipevents.cli import batch, evaluation, extract, review

_COMMANDS = (extract, evaluation, review, batch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipevents", description="Extract grounded diplomatic event records from articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in _COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))
