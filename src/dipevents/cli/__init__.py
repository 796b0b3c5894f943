"""The `dipevents` command: one sub-command per module of this package.

Reports go to stdout (or `-o`), everything else to stderr. The exit code is 0 on success, 1 when
any document failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from dipevents import __version__
from dipevents.cli import batch, evaluation, extract, review

_COMMANDS = (extract, evaluation, review, batch)


_LEVELS = ("WARNING", "INFO", "DEBUG")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipevents", description="Extract grounded diplomatic event records from articles."
    )
    parser.add_argument("--version", action="version", version=f"dipevents {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log retries and re-asks (-v) or every request (-vv) on stderr",
    )
    parser.add_argument(
        "--log-level", choices=_LEVELS, help="the level of the log on stderr (default WARNING)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in _COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _log_to_stderr(args.log_level or _LEVELS[min(args.verbose, len(_LEVELS) - 1)])
    return int(args.run(args))


class _StderrHandler(logging.Handler):
    """Writes each record to `sys.stderr` as it is when the record comes (it may be
    redirected after the handler was made)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


_HANDLER = _StderrHandler()
_HANDLER.setFormatter(logging.Formatter("dipevents: %(levelname)s %(name)s: %(message)s"))


def _log_to_stderr(level: str) -> None:
    """dipevents' log (retries, re-asks; with DEBUG, the HTTP client's too) on stderr."""
    names = ["dipevents"] if level != "DEBUG" else ["dipevents", "openai", "httpx2", "httpx"]
    for name in names:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if _HANDLER not in logger.handlers:
            logger.addHandler(_HANDLER)
