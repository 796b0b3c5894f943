"""Reading a success response's body within a byte limit and a total deadline.

httpx2's timeouts bound each read, not the whole request: a server that sends a byte a second,
or a chunked body with no end, would hold a request, and fill memory, for ever. The body is
read here as it arrives, inflated when it is compressed (httpx2 inflates in pieces of at most
1 MiB), and reading stops one byte past the limit, or at the deadline. A deadline missed is a
timeout like any other (retried); a body over the limit is the caller's to reject.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import openai


class Deadline:
    """The moment by which one request must be answered in full (never, for None)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self, request: httpx2.Request) -> None:
        """Once the moment has passed, raise the openai client's timeout error, caused by a
        `TimeoutError` that says which limit was missed."""
        if self._end is not None and time.monotonic() > self._end:
            missed = TimeoutError(f"no complete reply within {self.seconds:g} s")
            raise openai.APITimeoutError(request=request) from missed


def deadline_seconds(timeout: object) -> float | None:
    """The total time a request may take, from a client's `timeout`: the number itself, or
    an `httpx2.Timeout`'s read timeout; None (no limit) when the client has none."""
    if isinstance(timeout, int | float):
        return float(timeout)
    if isinstance(timeout, httpx2.Timeout):
        return timeout.read
    return None


class _Collector:
    """The pieces of a body read so far, up to one byte past `limit`."""

    def __init__(self, http: httpx2.Response, limit: int, deadline: Deadline) -> None:
        self._request = http.request
        self._limit = limit
        self._deadline = deadline
        self._pieces: list[bytes] = []
        self._size = 0

    def full(self, piece: bytes) -> bool:
        """Keep `piece`; whether reading should stop (the body is over the limit)."""
        self._deadline.check(self._request)
        self._pieces.append(piece)
        self._size += len(piece)
        return self._size > self._limit

    def body(self) -> bytes:
        return b"".join(self._pieces)[: self._limit + 1]


def read_body(http: httpx2.Response, limit: int, deadline: Deadline) -> bytes:
    """`http`'s body, or its first `limit + 1` bytes when it is longer; the response is closed."""
    collector = _Collector(http, limit, deadline)
    try:
        with _read_errors_as_openai_does(http.request):
            for piece in http.iter_bytes():
                if collector.full(piece):
                    break
    finally:
        http.close()
    return collector.body()


async def aread_body(http: httpx2.Response, limit: int, deadline: Deadline) -> bytes:
    """`read_body` for a response of an async client."""
    collector = _Collector(http, limit, deadline)
    try:
        with _read_errors_as_openai_does(http.request):
            async for piece in http.aiter_bytes():
                if collector.full(piece):
                    break
    finally:
        await http.aclose()
    return collector.body()


@contextmanager
def _read_errors_as_openai_does(request: httpx2.Request) -> Iterator[None]:
    """httpx2's errors while the body is read, raised as the openai client raises them when it
    reads a body itself, so that they are retried and named alike."""
    try:
        yield
    except httpx2.TimeoutException as error:
        raise openai.APITimeoutError(request=request) from error
    except httpx2.RequestError as error:
        raise openai.APIConnectionError(request=request) from error
