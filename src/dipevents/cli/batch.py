"""`dipevents batch submit|status|collect`: a large corpus through the OpenAI Batch API.

`submit` keeps each batch's input JSONL next to the state file (`run.batch.1.jsonl`, ...),
uploads it and starts the batch; `status` prints each batch's progress, and with `--wait` polls
until they have all ended; `collect` writes a JSON line per document, its report or its error,
as `extract --format jsonl` does, and a summary on stderr (`dipevents.runners.batch`).
"""

from __future__ import annotations

# The Batch API's modules are imported by the action that runs, not to build the parser:
# `dipevents --help` and `dipevents extract` stay quick.
import argparse
import sys
from pathlib import Path
from typing import Any

from dipevents.cli.common import (
    add_backend_arguments,
    add_recursive_argument,
    backend_options,
    complain,
    failure,
    opened,
    sources,
)
from dipevents.cli.writers import add_format_argument, chosen_format, write
from dipevents.errors import DipeventsError
from dipevents.llm.cost import format_cost

_ENDED_BADLY = frozenset({"failed", "expired", "cancelled"})


def register(commands: Any) -> None:
    """Add the `batch` sub-command and its `submit`, `status` and `collect` actions."""
    parser = commands.add_parser(
        "batch", help="extract a large corpus through the OpenAI Batch API (results within 24 h)"
    )
    actions = parser.add_subparsers(dest="action", required=True)
    start = actions.add_parser("submit", help="send the articles as one or more batches")
    start.add_argument("files", nargs="+", help="article text files, or folders of .txt files")
    add_backend_arguments(start, endpoint_only=True)
    add_recursive_argument(start)
    start.add_argument("--published", help="publication date, YYYY-MM-DD (default: dateline)")
    start.add_argument("--state", required=True, help="the run's state file, written here")
    start.add_argument(
        "--max-requests",
        type=int,
        default=50_000,
        help="requests per batch at most (default and API limit: 50000)",
    )
    start.set_defaults(run=_submit)
    check = actions.add_parser("status", help="print each batch's status and request counts")
    check.add_argument("--wait", action="store_true", help="poll until every batch has ended")
    check.add_argument("--interval", type=float, default=60.0, help="seconds between polls")
    finish = actions.add_parser("collect", help="turn the results into reports")
    add_format_argument(finish, fallback="jsonl")
    finish.add_argument("-o", "--output", help="write here instead of stdout")
    for action, run in ((check, _status), (finish, _collect)):
        action.add_argument("--state", required=True, help="the state file submit wrote")
        action.add_argument("--base-url", help="the endpoint, if not the state file's")
        action.set_defaults(run=run)


def _submit(args: argparse.Namespace) -> int:
    from dipevents.extractor.engine import Extractor
    from dipevents.runners.batch import (
        BatchLimits,
        prepare_batch,
        read_documents,
        submit,
        write_inputs,
    )

    state_path = Path(args.state)
    if state_path.exists():
        complain(f"{state_path} exists: it may track batches already paid for; choose another")
        return 1
    try:
        extractor = Extractor(**{**backend_options(args), "backend": "openai"})
        documents = read_documents(sources(args.files, recursive=args.recursive))
        limits = BatchLimits(max_requests=args.max_requests)
        parts, state = prepare_batch(documents, extractor, published=args.published, limits=limits)
        write_inputs(parts, state, state_path)
        submit(parts, state, extractor, save=lambda saved: saved.save(state_path))
    except (DipeventsError, OSError, ValueError) as error:
        code = failure(error)
        if state_path.exists():
            complain(f"the batches created before this are listed in {state_path}")
        return code
    for document in state.documents:
        if document.error:
            complain(f"{document.path}: not sent: {document.error['message']}")
    requests = sum(batch.requests for batch in state.batches)
    complain(
        f"submitted {len(state.documents)} document(s) as {requests} request(s) in "
        f"{len(state.batches)} batch(es) to {state.model}; state in {state_path}"
    )
    if state.note:
        complain(state.note)
    return 0


def _status(args: argparse.Namespace) -> int:
    from dipevents.runners.batch import BatchState, describe, extractor_for, status, wait

    def progress(batches: list[Any]) -> None:
        complain("waiting: " + "; ".join(describe(state, batches)))

    try:
        state = BatchState.load(args.state)
        extractor = extractor_for(state, base_url=args.base_url)
        if args.wait:
            batches = wait(state, extractor, interval=args.interval, on_poll=progress)
        else:
            batches = status(state, extractor)
    except DipeventsError as error:
        return failure(error)
    for line in describe(state, batches):
        print(line)
    return 1 if any(batch is None or batch.status in _ENDED_BADLY for batch in batches) else 0


def _collect(args: argparse.Namespace) -> int:
    from dipevents.runners.batch import BatchState, batch_cost, collect, extractor_for

    try:
        state = BatchState.load(args.state)
        collected = collect(state, extractor_for(state, base_url=args.base_url))
        with opened(args.output) as out:
            write(collected.results, chosen_format(args, fallback="jsonl"), out)
    except (DipeventsError, OSError) as error:
        return failure(error)
    for problem in collected.problems:
        complain(problem)
    for result in collected.results:
        if result.error is not None:
            complain(f"{result.id}: {type(result.error).__name__}: {result.error}")
    usage = collected.usage
    cost, basis = batch_cost((result.usage for result in collected.results), state)
    print(
        f"dipevents: batch collect: {len(collected.results)} document(s), {collected.events} "
        f"event(s), {collected.failures} failed; {usage.total_tokens:,} tokens "
        f"({usage.prompt_tokens:,} prompt, {usage.completion_tokens:,} completion); "
        f"cost {format_cost(cost)} ({basis})",
        file=sys.stderr,
    )
    return 1 if collected.failures else 0
