"""One chat-completion request with retries: tenacity owns them, the openai client makes none.

Retried: 429 (except an exhausted quota), 5xx, connection errors and timeouts (a reply not
complete within the client's timeout included), with exponential backoff and jitter, or the
server's Retry-After when it sends one. Every other HTTP error fails at once, and so does a
redirect (never followed: the article goes to the configured URL only) and a success whose body
is not a chat completion (an HTML page, bytes that are not UTF-8 or JSON, another JSON shape, or
more bytes than `max_tokens` can produce: see `response_limit`; reading stops there). Errors
come out as `dipevents.errors.TransportError` subclasses with the endpoint's secrets scrubbed
from their messages. Each request (with its retries) is an OpenTelemetry span when
opentelemetry-api is installed (`dipevents.llm.telemetry`).
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2
import openai
from openai.types.chat import ChatCompletion
from tenacity import (
    AsyncRetrying,
    BaseRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from dipevents.common import clock
from dipevents.errors import (
    RateLimitedError,
    RequestRejectedError,
    ServiceUnavailableError,
    TransportError,
    redact,
)
from dipevents.llm.body import Deadline, aread_body, deadline_seconds, read_body
from dipevents.llm.completion import checked_completion, response_limit
from dipevents.llm.telemetry import chat_span
from dipevents.llm.urls import origin

logger = logging.getLogger("dipevents")
_PATH = "/chat/completions"
_STREAMED: Any = {"headers": {"X-Stainless-Raw-Response": "stream"}, "follow_redirects": False}
"""The request body goes to the client's low-level `post` as it is, with the header its
`with_streaming_response` sets: `chat.completions.create` would first walk every message and
the 5 kB schema through its typed-dict transform, 2 to 4 ms a call (bench/bench_concurrency.py),
and `request` is already the exact JSON to send. A success's body is left unread, for
`read_body` to read within limits; a redirect is not followed, whatever the client's setting."""
_T = TypeVar("_T")


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, and how patiently, a failed request is sent again."""

    max_retries: int = 3
    initial_wait: float = 0.5
    max_wait: float = 30.0


def send_chat(
    client: openai.OpenAI,
    request: dict[str, Any],
    policy: RetryPolicy,
    *,
    secrets: tuple[str | None, ...] = (),
) -> ChatCompletion:
    """Send one chat completion request, retrying transport failures under `policy`."""
    limit, seconds = response_limit(request), deadline_seconds(client.timeout)

    def attempt() -> tuple[httpx2.Response, bytes]:
        deadline = Deadline(seconds)
        response: Any = client.post(_PATH, body=request, cast_to=ChatCompletion, options=_STREAMED)
        return response.http_response, read_body(response.http_response, limit, deadline)

    with chat_span(request) as span:
        (http, body), attempts = call_with_retries(attempt, policy, secrets=secrets)
        completion = checked_completion(http, body, limit, attempts, secrets)
        span.succeeded(completion, http.status_code, attempts)
    return completion


def call_with_retries(
    call: Callable[[], _T],
    policy: RetryPolicy,
    *,
    secrets: tuple[str | None, ...] = (),
    retryable: Callable[[BaseException], bool] | None = None,
) -> tuple[_T, int]:
    """`call()` retried under `policy` (by default on what `is_retryable` accepts), with the
    number of attempts it took; an API failure comes out as a `TransportError`."""
    rules = _retry_rules(policy)
    if retryable is not None:
        rules["retry"] = retry_if_exception(retryable)
    retrying = Retrying(sleep=lambda seconds: clock.sleep(seconds), **rules)
    try:
        result = retrying(call)
    except openai.APIError as error:
        raise _translate(error, _attempts(retrying), secrets) from None
    return result, _attempts(retrying)


async def asend_chat(
    client: openai.AsyncOpenAI,
    request: dict[str, Any],
    policy: RetryPolicy,
    *,
    secrets: tuple[str | None, ...] = (),
) -> ChatCompletion:
    """`send_chat` for an `AsyncOpenAI` client: the same limits, retries, waits and errors."""
    limit, seconds = response_limit(request), deadline_seconds(client.timeout)

    async def attempt() -> tuple[httpx2.Response, bytes]:
        deadline = Deadline(seconds)
        response: Any = await client.post(
            _PATH, body=request, cast_to=ChatCompletion, options=_STREAMED
        )
        return response.http_response, await aread_body(response.http_response, limit, deadline)

    retrying = AsyncRetrying(sleep=lambda seconds: clock.asleep(seconds), **_retry_rules(policy))
    with chat_span(request) as span:
        try:
            result: tuple[httpx2.Response, bytes] = await retrying(attempt)
        except openai.APIError as error:
            raise _translate(error, _attempts(retrying), secrets) from None
        completion = checked_completion(*result, limit, _attempts(retrying), secrets)
        span.succeeded(completion, result[0].status_code, _attempts(retrying))
    return completion


def _retry_rules(policy: RetryPolicy) -> dict[str, Any]:
    """What to retry, how often and how long to wait: shared by the sync and async paths."""
    return {
        "stop": stop_after_attempt(policy.max_retries + 1),
        "wait": _wait_strategy(policy),
        "retry": retry_if_exception(is_retryable),
        "before_sleep": _log_retry,
        "reraise": True,
    }


def _attempts(retrying: BaseRetrying) -> int:
    return int(retrying.statistics.get("attempt_number", 1))


def is_retryable(error: BaseException) -> bool:
    """Whether sending the same request again may succeed."""
    if isinstance(error, openai.RateLimitError):
        return error.code != "insufficient_quota"
    return isinstance(error, (openai.APIConnectionError, openai.InternalServerError))


def retry_after_seconds(error: BaseException) -> float | None:
    """The wait a 429 or 503 asks for in Retry-After-Ms or Retry-After, if it asks for a usable
    one: an unreadable, negative, infinite or NaN value asks for none (our backoff applies)."""
    response = getattr(error, "response", None)
    if response is None:
        return None
    headers = response.headers
    if (millis := headers.get("retry-after-ms")) is not None:
        seconds = _seconds(millis)
        return None if seconds is None else seconds / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    if (seconds := _seconds(value)) is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _seconds(text: str) -> float | None:
    """`text` as a finite, non-negative number, or None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _log_retry(state: RetryCallState) -> None:
    """One line per retry: what failed and how long we wait (no message text, no secrets)."""
    error = state.outcome.exception() if state.outcome else None
    status = getattr(error, "status_code", None)
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.info(
        "attempt %d failed (%s%s), retrying in %.2f s",
        state.attempt_number,
        type(error).__name__,
        f", HTTP {status}" if status else "",
        wait,
    )


def _wait_strategy(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(error) if error else None
        if asked is not None:
            return min(asked, policy.max_wait)
        backoff = policy.initial_wait * 2.0 ** (state.attempt_number - 1)
        return min(backoff + random.uniform(0, policy.initial_wait), policy.max_wait)

    return wait


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
        if 300 <= status < 400:
            target = error.response.url.join(error.response.headers.get("location", ""))
            return RequestRejectedError(
                f"HTTP {status} redirect to {redact(origin(str(target)), *secrets)}, not "
                "followed: the article goes to the configured base URL only; not retried",
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
        missed = error.__cause__  # a TimeoutError when the total deadline was missed
        why = f": {missed}" if isinstance(missed, TimeoutError) else ""
        return ServiceUnavailableError(
            f"timed out on all {attempts} attempt(s){why}", attempts=attempts
        )
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
