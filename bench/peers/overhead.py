"""Per-call overhead: dipevents against instructor, both answered at once by the same server.

    python bench/peers/overhead.py [--calls 200] [--warmup 20]

Runs in the instructor venv. The project's scripted OpenAI-compatible server (tests/) answers
every request instantly with the same reply: the seed's capable-model reply (test data), as
message content. The article is the seed, the messages are dipevents' own, and instructor
validates into dipevents' reply model (`ExtractionReply`) in JSON_SCHEMA mode, the mode that
matches a reply in `content`. Variants:

- `openai client alone`: `chat.completions.create` with dipevents' request body, no
  validation: the floor that both libraries build on;
- `dipevents request_extraction`: the model call (request, retries, validation) on a shared
  client;
- `dipevents extract_events, shared client`: the whole pipeline (checks, prompt, call,
  grounding, dates, codes) with `client=`;
- `dipevents extract_events, base_url`: the whole pipeline as documented, building its client
  on every call;
- `instructor create`: `instructor.from_openai(client).chat.completions.create(...)`.

The variants take turns call by call (rotating the order), so drift hits all alike; the median
over `--calls` calls is reported after `--warmup` untimed rounds.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

import instructor
import openai
from common import (
    SEED,
    dipevents_messages,
    emit,
    log,
    median_ms,
    scripted_completion,
    scripted_server,
    seed_reply,
    versions,
)

from dipevents import extract_events
from dipevents.llm.conversation import ChatSettings, chat_request, request_extraction
from dipevents.model.draft import ExtractionReply
from dipevents.model.usage import Usage

MODEL = "bench-model"
API_KEY = "sk-bench"


def variants(base_url: str, article: str) -> dict[str, Callable[[], Any]]:
    """One call of each variant, ready to time; every call must validate the same reply."""
    client = openai.OpenAI(base_url=base_url, api_key=API_KEY, max_retries=0)
    patched = instructor.from_openai(client, mode=instructor.Mode.JSON_SCHEMA)
    settings = ChatSettings(model=MODEL)
    messages = dipevents_messages(article)
    body = chat_request(messages, settings)

    def instructor_call() -> ExtractionReply:
        return patched.chat.completions.create(
            model=MODEL, messages=messages, response_model=ExtractionReply, max_retries=0
        )

    return {
        "openai client alone": lambda: client.chat.completions.create(**body),
        "dipevents request_extraction": lambda: request_extraction(
            client, messages, settings, Usage()
        ),
        "dipevents extract_events, shared client": lambda: extract_events(
            article, client=client, model=MODEL, backend="openai"
        ),
        "dipevents extract_events, base_url": lambda: extract_events(
            article, base_url=base_url, api_key=API_KEY, model=MODEL, backend="openai"
        ),
        "instructor create": instructor_call,
    }


def interleaved(calls: dict[str, Callable[[], Any]], rounds: int, server: Any) -> dict:
    """Seconds per call for each variant over `rounds` rounds, one call each per round."""
    reply = json.dumps(seed_reply())
    names = list(calls)
    timings: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            server.queue(scripted_completion(reply))
            start = time.perf_counter()
            calls[name]()
            timings[name].append(time.perf_counter() - start)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    article = SEED.read_text(encoding="utf-8")
    with scripted_server() as server:
        calls = variants(server.base_url, article)
        log(f"overhead: {args.warmup} warm-up rounds, then {args.calls} timed rounds")
        interleaved(calls, args.warmup, server)
        timings = interleaved(calls, args.calls, server)
        if server.replies:
            raise RuntimeError("a variant sent fewer requests than expected")
    emit(
        {
            "versions": versions("dipevents", "instructor", "openai", "httpx2", "pydantic"),
            "calls": args.calls,
            "median_ms": {name: median_ms(seconds) for name, seconds in timings.items()},
        }
    )


if __name__ == "__main__":
    main()
