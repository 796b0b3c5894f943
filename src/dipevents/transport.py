"""One chat-completion request with retries: tenacity owns them, the openai client makes none.

Retried: 429 (except an exhausted quota), 5xx, connection errors and timeouts, with exponential
backoff and jitter, or the server's Retry-After when it sends one. Every other HTTP error fails
at once, and so does a success whose body is not a chat completion (an HTML page, bytes that are
not UTF-8 or JSON, another JSON shape, or more bytes than `max_tokens` can produce: see
`response_limit`). Errors come out as `dipevents.errors.TransportError` subclasses with the API
key scrubbed from their messages.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openai
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from dipevents.errors import (
    RateLimitedError,
    RequestRejectedError,
    ServiceUnavailableError,
    TransportError,
    UnexpectedResponseError,
    redact,
)

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
"""The largest chat completion body ever accepted, whatever `max_tokens` allows."""
RESPONSE_BYTES_PER_TOKEN = 64
"""Body bytes allowed per `max_tokens` token. An English token is 4 to 5 characters and JSON
escaping takes at most 6 bytes a character (\\uXXXX), so 64 leaves room for long tokens."""
RESPONSE_OVERHEAD_BYTES = 64 * 1024
"""Body bytes allowed besides the content: ids, usage, the envelope."""
_QUOTED_BODY_CHARS = 200


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, and how patiently, a failed request is sent again."""

    max_retries: int = 3
    initial_wait: float = 0.5
    max_wait: float = 30.0


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def send_chat(
    client: openai.OpenAI,
    request: dict[str, Any],
    policy: RetryPolicy,
    *,
    secrets: tuple[str | None, ...] = (),
) -> ChatCompletion:
    """Send one chat completion request, retrying transport failures under `policy`."""
    retrying = Retrying(
        stop=stop_after_attempt(policy.max_retries + 1),
        wait=_wait_strategy(policy),
        retry=retry_if_exception(is_retryable),
        sleep=lambda seconds: _sleep(seconds),
        reraise=True,
    )
    try:
        response = retrying(client.chat.completions.with_raw_response.create, **request)
    except openai.APIError as error:
        attempts = retrying.statistics.get("attempt_number", 1)
        raise _translate(error, attempts, secrets) from None
    attempts = retrying.statistics.get("attempt_number", 1)
    return _completion(response, response_limit(request), attempts, secrets)


def response_limit(request: dict[str, Any]) -> int:
    """The largest body, in bytes, that an honest reply to `request` can have.

    A bigger one means the server ignored `max_tokens` (or is not a model): it is rejected
    before it is parsed, so it is never validated, sent back in a re-ask or grounded, which
    keeps time and memory proportional to `max_tokens` (4096 tokens: 320 KiB). The openai
    client has already read the body by then: the limit bounds the work done on a reply.
    """
    max_tokens = request.get("max_tokens")
    if not isinstance(max_tokens, int) or max_tokens <= 0:
        return MAX_RESPONSE_BYTES
    allowed = RESPONSE_OVERHEAD_BYTES + max_tokens * RESPONSE_BYTES_PER_TOKEN
    return min(allowed, MAX_RESPONSE_BYTES)


def is_retryable(error: BaseException) -> bool:
    """Whether sending the same request again may succeed."""
    if isinstance(error, openai.RateLimitError):
        return error.code != "insufficient_quota"
    return isinstance(error, (openai.APIConnectionError, openai.InternalServerError))


def retry_after_seconds(error: BaseException) -> float | None:
    """The wait a 429 or 503 asks for in Retry-After-Ms or Retry-After, if any."""
    response = getattr(error, "response", None)
    if response is None:
        return None
    headers = response.headers
    if (millis := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            return None
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value.strip() else None
        return max(when.timestamp() - time.time(), 0.0) if when else None


def _wait_strategy(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(error) if error else None
        if asked is not None:
            return min(asked, policy.max_wait)
        backoff = policy.initial_wait * 2 ** (state.attempt_number - 1)
        return min(backoff + random.uniform(0, policy.initial_wait), policy.max_wait)

    return wait


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


def _completion(
    response: Any, limit: int, attempts: int, secrets: tuple[str | None, ...]
) -> ChatCompletion:
    """The chat completion in a success response, or UnexpectedResponseError naming the fault."""
    http = response.http_response
    body: bytes = http.content
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
        raise unexpected(f"{len(body):,} bytes, over the {limit:,}-byte limit for this request")
    try:
        data = json.loads(body)
    except UnicodeDecodeError as error:
        raise unexpected(f"the body is not UTF-8 ({error.reason} at byte {error.start})") from None
    except ValueError as error:
        raise unexpected(f"the body is not JSON ({error})", not_an_api) from None
    try:
        _CompletionShape.model_validate(data)
        return response.parse()
    except ValidationError as error:
        problem, top_level = _shape_problem(error)
        raise unexpected(problem, not_an_api if top_level else "") from None
    except openai.APIResponseValidationError as error:
        raise unexpected(redact(error.message, *secrets)) from None


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


def _translate(
    error: openai.APIError, attempts: int, secrets: tuple[str | None, ...]
) -> TransportError:
    detail = redact(str(error.message), *secrets)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        if isinstance(error, openai.RateLimitError):
            kind = "quota exhausted" if error.code == "insufficient_quota" else "rate limited"
            return RateLimitedError(
                f"HTTP 429 ({kind}) after {attempts} attempt(s): {detail}",
                status_code=status,
                attempts=attempts,
            )
        if status >= 500:
            return ServiceUnavailableError(
                f"HTTP {status} after {attempts} attempt(s): {detail}",
                status_code=status,
                attempts=attempts,
            )
        return RequestRejectedError(
            f"HTTP {status}, not retried: {detail}", status_code=status, attempts=attempts
        )
    if isinstance(error, openai.APITimeoutError):
        return ServiceUnavailableError(f"timed out on all {attempts} attempt(s)", attempts=attempts)
    if isinstance(error, openai.APIConnectionError):
        cause = error.__cause__
        if cause is not None:
            detail = redact(f"{type(cause).__name__}: {cause}", *secrets)
        failed = "could not connect" if _is_connect_error(cause) else "connection lost"
        return ServiceUnavailableError(
            f"{failed} after {attempts} attempt(s): {detail}", attempts=attempts
        )
    return TransportError(f"unexpected reply from the endpoint: {detail}", attempts=attempts)


def _is_connect_error(cause: BaseException | None) -> bool:
    """No connection was made (httpx2's or httpx's ConnectError, or no cause known), as
    opposed to one that broke: reset, closed without a reply, or cut off mid-body."""
    return cause is None or any(kind.__name__ == "ConnectError" for kind in type(cause).__mro__)
