"""Endpoint faults beyond HTTP errors, against the scripted server on loopback.

Broken connections (reset mid-body, closed without a reply), success statuses whose body is not
a chat completion (an HTML page, bytes that are not UTF-8, JSON of another shape), a reply far
larger than `max_tokens` allows, gateway errors with Retry-After, and a server slower than the
timeout on every attempt. Each ends in recovery within the retry budget or in a typed error that
names the cause, and every test counts the requests the server received, so a fault can neither
hang nor multiply requests. Every reply here is scripted test data, never a model's output.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from dipevents import InvalidReplyError, ServiceUnavailableError, TransportError
from dipevents.errors import UnexpectedResponseError
from tests.support import SENTINEL_KEY
from tests.support.articles import VALID, ok_reply, scripted_extract
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, error_body


def _reset_mid_body() -> ScriptedReply:
    """Status, headers and 40 bytes of a valid completion, then RST."""
    return ScriptedReply(body=completion(json.dumps(VALID)), close_after=40)


def _closed_mid_body() -> ScriptedReply:
    """Headers promising 500 bytes, 6 of them, then an orderly close (FIN)."""
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n"
    return ScriptedReply(raw=head + b'{"id":')


def _closed_without_reply() -> ScriptedReply:
    return ScriptedReply(raw=b"")


BROKEN = {
    "reset mid-body": (_reset_mid_body, r"(ReadError|RemoteProtocolError): "),
    "closed mid-body": (_closed_mid_body, "peer closed connection without sending complete"),
    "closed without a reply": (_closed_without_reply, "disconnected without sending a response"),
}


@pytest.mark.parametrize("fault", BROKEN)
def test_broken_connection_is_retried_then_recovers(
    scripted: ScriptedServer, sleeps: list[float], fault: str
) -> None:
    broken, _ = BROKEN[fault]
    scripted.queue(broken(), ok_reply())
    report = scripted_extract(scripted)
    assert len(report) == 1 and report.usage.attempts == 1
    assert len(scripted.requests) == 2 and len(sleeps) == 1


@pytest.mark.parametrize("fault", BROKEN)
def test_broken_connection_on_every_attempt_names_the_cause(
    scripted: ScriptedServer, sleeps: list[float], fault: str
) -> None:
    broken, cause = BROKEN[fault]
    scripted.queue(*[broken() for _ in range(3)], ok_reply())
    with pytest.raises(ServiceUnavailableError, match="connection lost after 3 attempt") as caught:
        scripted_extract(scripted, max_retries=2)
    assert caught.value.attempts == 3 and caught.value.status_code is None
    assert len(scripted.requests) == 3 and len(sleeps) == 2
    assert caught.value.__cause__ is None and re.search(cause, str(caught.value))


def test_html_page_with_200_is_a_typed_error_not_retried(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    page = f"<html><body><h1>Sign in</h1><p>token {SENTINEL_KEY}</p></body></html>"
    scripted.queue(
        ScriptedReply(body=page.encode(), headers={"content-type": "text/html; charset=utf-8"}),
        ok_reply(),
    )
    with pytest.raises(UnexpectedResponseError) as caught:
        scripted_extract(scripted)
    message = str(caught.value)
    assert "HTTP 200 (text/html; charset=utf-8)" in message and "not JSON" in message
    assert "<html><body><h1>Sign in</h1>" in message and "base URL" in message
    assert SENTINEL_KEY not in message and "[REDACTED]" in message
    assert isinstance(caught.value, TransportError) and caught.value.status_code == 200
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert len(scripted.requests) == 1 and sleeps == []


NOT_A_COMPLETION = {
    "invalid UTF-8 in the envelope": (b'{"id": "\xff\xfe", "choices": []}', "not UTF-8"),
    "invalid UTF-8 in the content": (
        json.dumps(completion("\x00")).encode().replace(b"\\u0000", b"\xc3\x28"),
        "not UTF-8 (invalid continuation byte",
    ),
    "HTML labelled as JSON": (b"<html>502 Bad Gateway</html>", "not JSON"),
    "empty body": (b"", "not JSON"),
    "another object": (b'{"foo": 1}', "choices: Field required"),
    "an array": (b"[]", "the body is an array, not an object"),
    "null": (b"null", "the body is null, not an object"),
    "no choices": (json.dumps({**completion("{}"), "choices": []}).encode(), "at least 1 item"),
    "content not a string": (
        json.dumps(completion(None)).replace('"content": null', '"content": 5').encode(),
        "choices.0.message.content: Input should be a valid string",
    ),
    "usage not an object": (
        json.dumps({**completion("{}"), "usage": "lots"}).encode(),
        "usage is a string, not an object",
    ),
}


@pytest.mark.parametrize("case", NOT_A_COMPLETION)
def test_body_that_is_not_a_chat_completion_is_a_typed_error(
    scripted: ScriptedServer, sleeps: list[float], case: str
) -> None:
    body, problem = NOT_A_COMPLETION[case]
    scripted.queue(ScriptedReply(body=body), ok_reply())
    with pytest.raises(UnexpectedResponseError, match="is not a usable chat completion") as caught:
        scripted_extract(scripted)
    assert problem in str(caught.value)
    assert caught.value.status_code == 200 and caught.value.attempts == 1
    assert len(scripted.requests) == 1 and sleeps == []


def test_huge_reply_is_rejected_unparsed_in_one_request(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(ScriptedReply(body=completion("x" * 20_000_000)), ok_reply())
    started = time.monotonic()
    with pytest.raises(UnexpectedResponseError, match="over the 327,680-byte limit"):
        scripted_extract(scripted)
    assert time.monotonic() - started < 5
    assert len(scripted.requests) == 1 and sleeps == []


def test_the_size_limit_follows_max_tokens(scripted: ScriptedServer) -> None:
    big = {"events": [{**VALID["events"][0], "summary": "x" * 400_000}]}
    scripted.queue(ScriptedReply(body=completion(json.dumps(big))))
    with pytest.raises(UnexpectedResponseError, match="over the 327,680-byte limit"):
        scripted_extract(scripted)
    scripted.queue(ScriptedReply(body=completion(json.dumps(big))))
    report = scripted_extract(scripted, max_tokens=8192)
    assert len(report.events[0].summary) == 400_000
    assert len(scripted.requests) == 2


def test_large_reply_under_the_limit_fails_validation_normally(scripted: ScriptedServer) -> None:
    scripted.queue(*[ScriptedReply(body=completion("y" * 200_000)) for _ in range(3)], ok_reply())
    with pytest.raises(InvalidReplyError, match="no valid reply after 3 attempt"):
        scripted_extract(scripted, max_reasks=2)
    assert len(scripted.requests) == 3


def test_gateway_errors_wait_as_told_then_recover(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(
        ScriptedReply(
            status=502,
            body=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            headers={"content-type": "text/html", "retry-after": "2"},
        ),
        ScriptedReply(status=503, body=error_body("overloaded"), headers={"retry-after": "1"}),
        ok_reply(),
    )
    report = scripted_extract(scripted)
    assert len(report) == 1 and report.usage.attempts == 1
    assert sleeps == [2.0, 1.0] and len(scripted.requests) == 3


def test_gateway_html_on_every_attempt_is_service_unavailable(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    page = ScriptedReply(status=502, body=b"<html>bad gateway</html>", headers={"retry-after": "1"})
    scripted.queue(*[page for _ in range(3)], ok_reply())
    with pytest.raises(ServiceUnavailableError, match="HTTP 502 after 3 attempt") as caught:
        scripted_extract(scripted, max_retries=2)
    assert caught.value.status_code == 502
    assert sleeps == [1.0, 1.0] and len(scripted.requests) == 3


def test_server_slower_than_the_timeout_on_every_attempt(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(*[ScriptedReply(body=completion("{}"), delay=0.4) for _ in range(4)], ok_reply())
    started = time.monotonic()
    with pytest.raises(ServiceUnavailableError, match="timed out on all 4 attempt") as caught:
        scripted_extract(scripted, timeout=0.1, max_retries=3)
    assert time.monotonic() - started < 3
    assert caught.value.attempts == 4 and caught.value.status_code is None
    assert len(scripted.requests) == 4 and len(sleeps) == 3
