"""Checking a success response before it is used: size, encoding, JSON, completion shape.

A 2xx whose body is not a chat completion (an HTML page from a proxy or captive portal, bytes
that are not UTF-8 or JSON, another JSON shape, or more bytes than `max_tokens` can produce)
is nothing the model said, so there is nothing to re-ask or retry: it ends as an
`UnexpectedResponseError` naming the fault.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field, ValidationError

from dipevents.errors import UnexpectedResponseError, redact

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
"""The largest chat completion body ever accepted, whatever `max_tokens` allows."""
RESPONSE_BYTES_PER_TOKEN = 64
"""Body bytes allowed per `max_tokens` token. An English token is 4 to 5 characters and JSON
escaping takes at most 6 bytes a character (\\uXXXX), so 64 leaves room for long tokens."""
RESPONSE_OVERHEAD_BYTES = 64 * 1024
"""Body bytes allowed besides the content: ids, usage, the envelope."""
_QUOTED_BODY_CHARS = 200


def response_limit(request: dict[str, Any]) -> int:
    """The largest body, in bytes, that an honest reply to `request` can have.

    A bigger one means the server ignored `max_tokens` (or is not a model): reading stops one
    byte past the limit (`dipevents.llm.body`) and the body is rejected unparsed, so it is never
    validated, sent back in a re-ask or grounded, which keeps time and memory proportional to
    `max_tokens` (4096 tokens: 320 KiB), on the inflated size when the body is compressed.
    """
    max_tokens = request.get("max_tokens")
    if not isinstance(max_tokens, int) or max_tokens <= 0:
        return MAX_RESPONSE_BYTES
    allowed = RESPONSE_OVERHEAD_BYTES + max_tokens * RESPONSE_BYTES_PER_TOKEN
    return min(allowed, MAX_RESPONSE_BYTES)


class _Message(BaseModel):
    content: str | None = None
    refusal: str | None = None


class _Choice(BaseModel):
    message: _Message
    finish_reason: str | None = None


class _Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class _CompletionShape(BaseModel):
    """The parts of a chat completion that dipevents reads, with the types it reads them as."""

    choices: list[_Choice] = Field(min_length=1)
    usage: _Usage | None = None


def checked_completion(
    http: httpx2.Response, body: bytes, limit: int, attempts: int, secrets: tuple[str | None, ...]
) -> ChatCompletion:
    """The chat completion in a success response's `body` (as `read_body` read it, stopping
    past `limit`), or UnexpectedResponseError naming the fault."""
    kind = http.headers.get("content-type") or "no content-type"

    def unexpected(problem: str, hint: str = "") -> UnexpectedResponseError:
        head = body[:_QUOTED_BODY_CHARS].decode("utf-8", "replace")
        head = redact(" ".join(head.split()), *secrets)
        return UnexpectedResponseError(
            f"HTTP {http.status_code} ({kind}) is not a usable chat completion: {problem}"
            f"{hint}; not retried. The body starts: {head!r}",
            status_code=http.status_code,
            attempts=attempts,
        )

    not_an_api = " (is the base URL an OpenAI-compatible API, with its /v1?)"
    if len(body) > limit:
        raise unexpected(
            f"the body is over the {limit:,}-byte limit for this request; reading stopped there"
        )
    try:
        data = json.loads(body)
    except UnicodeDecodeError as error:
        raise unexpected(f"the body is not UTF-8 ({error.reason} at byte {error.start})") from None
    except ValueError as error:
        raise unexpected(f"the body is not JSON ({error})", not_an_api) from None
    except RecursionError:
        raise unexpected("the body is JSON nested too deeply to read") from None
    try:
        _CompletionShape.model_validate(data)
    except ValidationError as error:
        problem, top_level = _shape_problem(error)
        raise unexpected(problem, not_an_api if top_level else "") from None
    return ChatCompletion.model_construct(**data)


_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}


def _shape_problem(error: ValidationError) -> tuple[str, bool]:
    """The first way a JSON body differs from a chat completion, in JSON's words, and whether
    it is at the top level (no chat completion at all, rather than a broken one)."""
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "the body"
    top_level = len(first["loc"]) <= 1
    if first["type"] == "model_type":
        found = first.get("input")
        name = "null" if found is None else _JSON_TYPES.get(type(found), "a number")
        return f"{where} is {name}, not an object", top_level
    return f"{where}: {first['msg']}", top_level
