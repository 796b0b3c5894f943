"""The API key never leaves the request header: not in logs, errors, reports or cassettes.

Every test here uses the suite's sentinel key and scans what a user could see or keep.
"""

from __future__ import annotations

import json
import logging

import pytest

from dipevents import DipeventsError, extract_events
from tests.support import ROOT, SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, error_body

ARTICLE = "April 10, 2025 — ISTANBUL — Russian and U.S. diplomats met on Thursday in Istanbul."
ECHOING_ERROR = error_body(f"Incorrect API key provided: {SENTINEL_KEY}", kind="invalid_request")


def test_key_stays_out_of_debug_logs_errors_and_reports(
    scripted: ScriptedServer,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
    capable_seed_reply: dict,
) -> None:
    caplog.set_level(logging.DEBUG)
    scripted.queue(
        ScriptedReply(status=500, body=ECHOING_ERROR),
        ScriptedReply(body=completion(json.dumps(capable_seed_reply))),
        ScriptedReply(status=401, body=ECHOING_ERROR),
    )
    report = extract_events(ARTICLE, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    with pytest.raises(DipeventsError) as caught:
        extract_events(ARTICLE, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    assert scripted.requests[0].headers["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert len(caplog.records) > 0
    seen = {
        "logs": caplog.text,
        "error": f"{caught.value!s} {caught.value!r}",
        "report": report.model_dump_json(),
        "warnings": " ".join(report.warnings),
    }
    for where, text in seen.items():
        assert SENTINEL_KEY not in text, where


def test_no_cassette_holds_a_key_or_a_machine_path() -> None:
    cassettes = list((ROOT / "cassettes").rglob("*.yaml"))
    assert cassettes
    for cassette in cassettes:
        text = cassette.read_text(encoding="utf-8")
        assert "authorization" not in text.lower()
        assert SENTINEL_KEY not in text and "sk-" not in text
        assert ".gguf" not in text and "/root/" not in text and "/work/" not in text
