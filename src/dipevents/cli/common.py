"""Arguments and file handling shared by the sub-commands."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from dipevents.errors import ConfigurationError
from dipevents.extractor.backends import choose_backend
from dipevents.model.enums import Backend


def add_backend_arguments(parser: argparse.ArgumentParser, *, endpoint_only: bool = False) -> None:
    """The options that choose and configure the backend, as `extract` takes them; with
    `endpoint_only`, those of an OpenAI-compatible endpoint alone (the Batch API)."""
    if not endpoint_only:
        parser.add_argument(
            "--backend",
            choices=["auto", "rules", "openai", "local"],
            default=None,
            help="rules: the offline coder; openai: an OpenAI-compatible endpoint; local: the "
            "embedded llama.cpp; auto (default): openai when a key or base URL is set, local "
            "for a --gguf, else rules",
        )
    parser.add_argument("--model", help="model name (default: DIPEVENTS_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: OPENAI_BASE_URL)")
    if not endpoint_only:
        parser.add_argument("--gguf", help="GGUF model file for --backend local")
        parser.add_argument(
            "--threads", type=int, help="CPU threads of the embedded model (default: all cores)"
        )
    parser.add_argument(
        "--timeout",
        type=float,
        help="seconds a request may take (default 120; no limit for the embedded model)",
    )
    parser.add_argument(
        "--max-retries",
        type=int,
        help="transport retries of a request (default 3; none for the embedded model)",
    )
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


def backend_options(args: argparse.Namespace) -> dict[str, Any]:
    """The `extract_events` keywords the backend arguments give."""
    options: dict[str, Any] = {
        "model": args.model,
        "base_url": args.base_url,
        "backend": getattr(args, "backend", None),
        "response_mode": args.response_mode,
    }
    if args.require_grounding:
        options["require_grounding"] = True
    for name in ("gguf", "threads", "timeout", "max_retries"):
        if getattr(args, name, None) is not None:
            options[name] = getattr(args, name)
    return options


def add_recursive_argument(parser: argparse.ArgumentParser) -> None:
    """`-r`: read folders with their subfolders."""
    parser.add_argument(
        "-r", "--recursive", action="store_true", help="read folders with their subfolders"
    )


def chosen_backend(settings: dict[str, Any]) -> Backend:
    """The backend the settings and the environment choose, without building it."""
    return choose_backend(
        settings.get("backend"),
        api_key=settings.get("api_key"),
        base_url=settings.get("base_url"),
        model=settings.get("model"),
        gguf=settings.get("gguf"),
    )


def sources(names: list[str], *, recursive: bool = False) -> Iterator[str]:
    """The names given, with each folder replaced by the .txt entries in it (with
    `recursive`, in its subfolders too), sorted."""
    for name in names:
        folder = Path(name)
        if name != "-" and folder.is_dir():
            found = folder.rglob("*.txt") if recursive else folder.glob("*.txt")
            yield from sorted(map(str, found))
        else:
            yield name


def read_source(name: str) -> bytes:
    """The bytes of a file, or of stdin for "-"."""
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def opened(path: str | None) -> contextlib.AbstractContextManager[TextIO]:
    """stdout, or the named file opened for writing."""
    if path is None:
        return contextlib.nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")


def failure(error: BaseException, where: str | None = None) -> int:
    """Say what went wrong (and `where`); the exit code: 2 for a configuration error (bad
    usage, as for a bad argument), 1 for anything else."""
    complain(f"{where + ': ' if where else ''}{type(error).__name__}: {error}")
    return 2 if isinstance(error, ConfigurationError) else 1


def complain(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"dipevents: {message}", file=sys.stderr)
