"""Every failure mode of the model call, against the scripted server on loopback.

Each test would fail if its handling were removed: re-asking with errors, typed errors for
truncation and refusal without re-asking, retries with Retry-After, no retries for client
errors or an exhausted quota, and no API key in any message.
"""

from __future__ import annotations

import json
import logging
import socket

import pytest

from dipevents import (
    InvalidReplyError,
    RateLimitedError,
    RefusalError,
    RequestRejectedError,
    ServiceUnavailableError,
    TruncatedReplyError,
    extract_events,
)
from tests.support import SENTINEL_KEY
from tests.support.articles import ARTICLE, VALID, ok_reply, scripted_extract
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, error_body


def test_invalid_reply_is_reasked_with_its_errors(scripted: ScriptedServer) -> None:
    broken = '{"events": [{"event_type": "brunch"}]}'
    scripted.queue(ScriptedReply(body=completion(broken)), ok_reply())
    report = scripted_extract(scripted)
    assert len(report) == 1 and report.usage.attempts == 2
    assert report.usage.total_tokens == 300
    reask = scripted.requests[1].body["messages"]
    assert reask[-2] == {"role": "assistant", "content": broken}
    assert reask[-1]["role"] == "user"
    assert "events.0.event_type" in reask[-1]["content"]
    assert "events.0.evidence: Field required" in reask[-1]["content"]


def test_malformed_json_is_reasked(scripted: ScriptedServer) -> None:
    scripted.queue(ScriptedReply(body=completion('{"events": [')), ok_reply())
    assert len(scripted_extract(scripted)) == 1
    assert "Invalid JSON" in scripted.requests[1].body["messages"][-1]["content"]


def test_reasks_are_bounded(scripted: ScriptedServer) -> None:
    scripted.queue(*[ScriptedReply(body=completion("not json")) for _ in range(3)])
    with pytest.raises(InvalidReplyError) as caught:
        scripted_extract(scripted, max_reasks=2)
    assert len(scripted.requests) == 3
    assert caught.value.usage.attempts == 3 and caught.value.usage.prompt_tokens == 300
    assert caught.value.raw_reply == "not json" and caught.value.errors


def test_fenced_json_is_accepted(scripted: ScriptedServer) -> None:
    scripted.queue(ScriptedReply(body=completion(f"```json\n{json.dumps(VALID)}\n```")))
    assert len(scripted_extract(scripted, response_mode="json_object")) == 1
    body = scripted.requests[0].body
    assert body["response_format"] == {"type": "json_object"}
    assert '"additionalProperties":false' in body["messages"][0]["content"]


def test_truncated_reply_is_not_reasked(scripted: ScriptedServer) -> None:
    cut = json.dumps(VALID)[:40]
    scripted.queue(ScriptedReply(body=completion(cut, finish_reason="length")))
    with pytest.raises(TruncatedReplyError) as caught:
        scripted_extract(scripted)
    assert len(scripted.requests) == 1
    assert caught.value.raw_reply == cut and caught.value.usage.completion_tokens == 50


def test_refusal_is_typed_and_not_reasked(scripted: ScriptedServer) -> None:
    scripted.queue(ScriptedReply(body=completion(None, refusal="I can't help with that.")))
    with pytest.raises(RefusalError, match="can't help") as caught:
        scripted_extract(scripted)
    assert len(scripted.requests) == 1 and caught.value.usage.attempts == 1


def test_rate_limit_waits_as_told_then_recovers(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    limited = ScriptedReply(
        status=429, body=error_body("slow down", kind="requests"), headers={"retry-after": "7"}
    )
    scripted.queue(limited, ok_reply())
    assert len(scripted_extract(scripted)) == 1
    assert sleeps == [7.0] and len(scripted.requests) == 2


def test_retry_after_ms_wins_and_waits_are_capped(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(
        ScriptedReply(status=429, body=error_body("x"), headers={"retry-after-ms": "250"}),
        ScriptedReply(status=429, body=error_body("x"), headers={"retry-after": "3600"}),
        ok_reply(),
    )
    assert len(scripted_extract(scripted)) == 1
    assert sleeps == [0.25, 30.0]


def test_server_errors_retry_with_backoff_up_to_the_budget(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(*[ScriptedReply(status=503, body=error_body("busy")) for _ in range(4)])
    with pytest.raises(ServiceUnavailableError, match="HTTP 503 after 4 attempt") as caught:
        scripted_extract(scripted, max_retries=3)
    assert caught.value.attempts == 4 and caught.value.status_code == 503
    assert len(scripted.requests) == 4
    assert len(sleeps) == 3 and sleeps[0] < sleeps[1] < sleeps[2]


def test_500_then_success(scripted: ScriptedServer, sleeps: list[float]) -> None:
    scripted.queue(ScriptedReply(status=500, body=error_body("oops")), ok_reply())
    assert len(scripted_extract(scripted)) == 1 and len(sleeps) == 1


def test_exhausted_quota_is_not_retried(scripted: ScriptedServer, sleeps: list[float]) -> None:
    body = error_body("You exceeded your current quota", code="insufficient_quota")
    scripted.queue(ScriptedReply(status=429, body=body))
    with pytest.raises(RateLimitedError, match="quota exhausted"):
        scripted_extract(scripted)
    assert len(scripted.requests) == 1 and sleeps == []


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_fail_at_once(
    scripted: ScriptedServer, sleeps: list[float], status: int
) -> None:
    echo = error_body(f"Incorrect API key provided: {SENTINEL_KEY}", kind="invalid_request")
    scripted.queue(ScriptedReply(status=status, body=echo))
    with pytest.raises(RequestRejectedError, match=f"HTTP {status}") as caught:
        scripted_extract(scripted)
    assert len(scripted.requests) == 1 and sleeps == []
    assert SENTINEL_KEY not in str(caught.value) and "[REDACTED]" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_connection_refused_is_retried_then_typed(sleeps: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ServiceUnavailableError, match="could not connect after 3 attempt"):
        extract_events(
            ARTICLE,
            base_url=f"http://127.0.0.1:{port}/v1",
            api_key=SENTINEL_KEY,
            model="m",
            max_retries=2,
        )
    assert len(sleeps) == 2


def test_slow_server_times_out(scripted: ScriptedServer, sleeps: list[float]) -> None:
    scripted.queue(ScriptedReply(body=completion("{}"), delay=1.0))
    with pytest.raises(ServiceUnavailableError, match="timed out on all 1 attempt"):
        scripted_extract(scripted, timeout=0.2, max_retries=0)


def test_retries_and_reasks_are_logged(
    scripted: ScriptedServer, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="dipevents")
    scripted.queue(
        ScriptedReply(status=503, body=error_body("busy")),
        ScriptedReply(body=completion("not json")),
        ok_reply(),
    )
    scripted_extract(scripted)
    messages = [r.getMessage() for r in caplog.records if r.name == "dipevents"]
    assert messages[0].startswith("attempt 1 failed (InternalServerError, HTTP 503), retrying in")
    assert messages[1] == "reply 1 did not validate (1 error(s)), re-asking"
