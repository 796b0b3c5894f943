"""Endpoints that misbehave on purpose, against scripted servers on loopback.

A body trickled a byte at a time or never ending, a gzip bomb, a redirect to another server,
Retry-After values that are not a wait, replies holding lone surrogates or JSON nested
thousands deep, and a base URL carrying credentials. Each ends in a typed error or in recovery
within the retry budget, with the number of requests counted. Every reply here is scripted
test data, never a model's output.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import math
import socket
import tracemalloc
from pathlib import Path

import openai
import pytest

from dipevents import (
    DipeventsError,
    InvalidReplyError,
    RequestRejectedError,
    ServiceUnavailableError,
    extract_events,
)
from dipevents.errors import UnexpectedResponseError
from dipevents.extractor.calls import aextract_events
from dipevents.extractor.engine import Extractor
from dipevents.runners.batch import prepare_batch, read_documents
from tests.support import SENTINEL_KEY
from tests.support.articles import ARTICLE, VALID, ok_reply, scripted_extract
from tests.support.cli import run_main, write_corpus
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, error_body

# --- 1. a total deadline and a byte cap while the body is read --------------------------------


def test_a_trickled_body_ends_at_the_deadline_and_is_retried(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    trickled = json.dumps(completion(json.dumps(VALID))).encode()
    scripted.queue(*[ScriptedReply(body=trickled, trickle=0.02) for _ in range(2)], ok_reply())
    with pytest.raises(ServiceUnavailableError, match="timed out on all 2 attempt") as caught:
        scripted_extract(scripted, timeout=0.5, max_retries=1)
    assert "no complete reply within 0.5 s" in str(caught.value)
    assert caught.value.attempts == 2 and caught.value.status_code is None
    assert len(scripted.requests) == 2 and len(sleeps) == 1


def test_an_endless_chunked_body_is_cut_off_at_the_size_limit(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(ScriptedReply(endless=b"x" * 65_536), ok_reply())
    with pytest.raises(UnexpectedResponseError, match="over the 327,680-byte limit") as caught:
        scripted_extract(scripted)
    assert "reading stopped there" in str(caught.value) and caught.value.attempts == 1
    assert len(scripted.requests) == 1 and sleeps == []


def test_a_gzip_bomb_is_capped_on_its_inflated_size(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    bomb = gzip.compress(json.dumps(completion("0" * 200_000_000)).encode(), compresslevel=9)
    scripted.queue(ScriptedReply(body=bomb, headers={"content-encoding": "gzip"}), ok_reply())
    tracemalloc.start()
    try:
        with pytest.raises(UnexpectedResponseError, match="over the 327,680-byte limit"):
            scripted_extract(scripted)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(bomb) < 1_000_000 and peak < 32_000_000
    assert len(scripted.requests) == 1 and sleeps == []


# --- 2. redirects ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [307, 308])
def test_a_redirect_to_another_origin_is_not_followed(
    scripted: ScriptedServer, sleeps: list[float], status: int
) -> None:
    other = ScriptedServer().start()
    try:
        other.queue(ok_reply())
        target = other.base_url.replace("http://", f"http://user:{SENTINEL_KEY}@")
        scripted.queue(ScriptedReply(status, b"", {"location": f"{target}/chat/completions"}))
        with pytest.raises(RequestRejectedError, match=f"HTTP {status} redirect to ") as caught:
            scripted_extract(scripted)
        assert other.requests == []
    finally:
        other.stop()
    message = str(caught.value)
    assert other.base_url.removesuffix("/v1") in message and "not followed" in message
    assert SENTINEL_KEY not in message and "user" not in message
    assert caught.value.status_code == status and caught.value.attempts == 1 and sleeps == []


def test_a_redirect_within_the_same_origin_is_not_followed_either(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(ScriptedReply(308, b"", {"location": "/v2/chat/completions"}), ok_reply())
    with pytest.raises(RequestRejectedError, match=r"HTTP 308 redirect to http://127\.0\.0\.1:"):
        scripted_extract(scripted)
    assert len(scripted.requests) == 1 and sleeps == []


HOSTILE = {
    "trickled body": (
        lambda: ScriptedReply(body=json.dumps(completion(json.dumps(VALID))), trickle=0.02),
        ServiceUnavailableError,
        r"timed out on all 1 attempt\(s\): no complete reply within 0\.5 s",
    ),
    "endless body": (
        lambda: ScriptedReply(endless=b"x" * 65_536),
        UnexpectedResponseError,
        "over the 327,680-byte limit",
    ),
    "redirect": (
        lambda: ScriptedReply(307, b"", {"location": "http://127.0.0.1:9/v1/chat/completions"}),
        RequestRejectedError,
        r"HTTP 307 redirect to http://127\.0\.0\.1:9, not followed",
    ),
}


@pytest.mark.parametrize("fault", HOSTILE)
def test_an_async_client_passed_in_gets_the_same_deadline_cap_and_redirect_rule(
    scripted: ScriptedServer, fault: str
) -> None:
    reply, error, message = HOSTILE[fault]
    scripted.queue(reply(), ok_reply())
    client = openai.AsyncOpenAI(base_url=scripted.base_url, api_key=SENTINEL_KEY, timeout=0.5)
    with pytest.raises(error, match=message):
        asyncio.run(aextract_events(ARTICLE, client=client, model="m", max_retries=0))
    assert len(scripted.requests) == 1


# --- 3. Retry-After values that are not a wait ------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        {"retry-after": "nan"},
        {"retry-after": "inf"},
        {"retry-after": "-5"},
        {"retry-after-ms": "nan"},
        {"retry-after-ms": "-1"},
        {"retry-after-ms": "1e400"},
    ],
)
def test_a_retry_after_that_is_not_a_wait_falls_back_to_backoff(
    scripted: ScriptedServer, sleeps: list[float], header: dict[str, str]
) -> None:
    scripted.queue(ScriptedReply(status=429, body=error_body("slow down"), headers=header))
    scripted.queue(ok_reply())
    assert len(scripted_extract(scripted)) == 1
    assert len(sleeps) == 1 and math.isfinite(sleeps[0]) and 0.5 <= sleeps[0] <= 1.0
    assert len(scripted.requests) == 2


# --- 4. text Python cannot encode, JSON nested too deep ---------------------------------------

LONE_SURROGATE = json.dumps(
    {"events": [{**VALID["events"][0], "summary": "\ud800"}]}, ensure_ascii=False
)
"""Content holding a lone surrogate: the body carries it as the JSON escape \\ud800."""


def test_a_lone_surrogate_in_the_content_is_an_invalid_reply(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(*[ScriptedReply(body=completion(LONE_SURROGATE)) for _ in range(3)])
    with pytest.raises(InvalidReplyError, match="no valid reply after 3 attempt") as caught:
        scripted_extract(scripted)
    assert "unicode" in " ".join(caught.value.errors)
    assert caught.value.raw_reply is not None and "\ud800" not in caught.value.raw_reply
    caught.value.raw_reply.encode("utf-8")
    assert "\ufffd" in scripted.requests[1].body["messages"][-2]["content"]
    assert len(scripted.requests) == 3 and sleeps == []


def test_json_nested_thousands_deep_is_typed_in_the_body_and_in_the_content(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    envelope = json.dumps(completion("{}")).replace('"usage"', f'"deep": {deep}, "usage"')
    scripted.queue(ScriptedReply(body=envelope.encode()))
    with pytest.raises(UnexpectedResponseError, match="nested too deeply"):
        scripted_extract(scripted)
    scripted.queue(*[ScriptedReply(body=completion(deep)) for _ in range(3)])
    with pytest.raises(InvalidReplyError, match="recursion limit"):
        scripted_extract(scripted)
    assert len(scripted.requests) == 4 and sleeps == []


# --- 5. credentials inside the base URL -------------------------------------------------------

URL_KEY = "url-sentinel-0123456789SECRET"
QUERY_KEY = "query-sentinel-9876543210SECRET"


def _keyed(base_url: str) -> str:
    """`base_url` with a key in its user info and another in its query."""
    with_user = base_url.replace("http://", f"http://user:{URL_KEY}@")
    return f"{with_user}?api-version=2024-10-21&api-key={QUERY_KEY}"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_credentials_in_the_base_url_are_nowhere_to_be_seen(
    scripted: ScriptedServer,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    keyed = _keyed(scripted.base_url)
    seen: dict[str, str] = {}
    echo = f"Incorrect API key provided: {URL_KEY} {QUERY_KEY} {SENTINEL_KEY}"
    scripted.queue(ScriptedReply(status=401, body=error_body(echo)), ok_reply())
    refused = _keyed(f"http://127.0.0.1:{_closed_port()}/v1")
    for where, url in {"401": keyed, "refused": refused}.items():
        with pytest.raises(DipeventsError) as caught:
            extract_events(ARTICLE, base_url=url, api_key=SENTINEL_KEY, model="m", max_retries=0)
        seen[where] = f"{caught.value!s} {caught.value!r}"
    assert "Connection refused" in seen["refused"] and "HTTP 401" in seen["401"]
    with pytest.raises(DipeventsError) as caught:
        extract_events(ARTICLE, base_url=keyed, api_key=SENTINEL_KEY)
    seen["no model"] = str(caught.value)

    report = extract_events(
        ARTICLE, base_url=keyed, api_key=SENTINEL_KEY, model="m", cache_dir=str(tmp_path / "cache")
    )
    seen["report"] = report.model_dump_json()
    seen["review page"] = report.to_html()
    seen["cache"] = " ".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert seen["cache"]

    corpus = write_corpus(tmp_path / "corpus", 1)
    scripted.queue(ok_reply())
    env = {"OPENAI_BASE_URL": keyed, "OPENAI_API_KEY": SENTINEL_KEY, "DIPEVENTS_MODEL": "m"}
    out = tmp_path / "run.jsonl"
    ran = run_main([str(corpus), "--format", "jsonl", "-o", str(out)], env, monkeypatch)
    seen["run log"] = out.read_text() + ran.stdout + ran.stderr

    extractor = Extractor(base_url=keyed, api_key=SENTINEL_KEY, model="m")
    _, state = prepare_batch(read_documents([str(corpus / "doc000.txt")]), extractor)
    state.save(tmp_path / "state.json")
    seen["batch state"] = (tmp_path / "state.json").read_text()
    seen["logs"] = caplog.text

    assert len(scripted.requests) == 3  # the 401, the report, the CLI run
    for where, text in seen.items():
        for secret in (URL_KEY, QUERY_KEY, SENTINEL_KEY):
            assert secret not in text, (where, secret)
    assert "api-version=2024-10-21" in seen["batch state"]
