"""Record-then-replay helpers for tests that call dipevents, ours and our users'.

Load it as a pytest plugin (``pytest_plugins = ["dipevents.testing"]``) to get a ``vcr_config``
fixture for pytest-recording that scrubs credentials and machine paths from cassettes and
matches requests on method, scheme, path, query and JSON body, so a changed prompt or article is
a cassette miss, not a silent replay of a stale answer; `scrubbing_vcr_config()` returns the
same settings as a dict. A `vcr` test that replays with no OPENAI_API_KEY gets a placeholder key,
so a CI without secrets replays as it is.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from dipevents.errors import redact

SCRUBBED_REQUEST_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
)
SCRUBBED_RESPONSE_HEADERS = frozenset({"set-cookie", "openai-organization", "openai-project"})
# llama.cpp's readiness and status probes: not model traffic, and /props shows the model's path.
UNRECORDED_PATHS = frozenset({"/health", "/slots", "/props"})
_MODEL_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\"'\s]*[\\/]([^\\/\"'\s]+\.gguf)")
_SECRET_KEY = re.compile(r"sk-[A-Za-z0-9_-]{8,}")


def scrub_text(text: str) -> str:
    """`text` without API keys (sk-... and the OPENAI_API_KEY in use) or model file paths."""
    text = redact(text, os.environ.get("OPENAI_API_KEY"))
    return _SECRET_KEY.sub("sk-REDACTED", _MODEL_PATH.sub(r"\1", text))


def skip_probes(request: Any) -> Any:
    """The request, or None (not recorded) for a llama.cpp readiness or status probe."""
    path = urlsplit(request.uri).path
    return None if path in UNRECORDED_PATHS else request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """A recorded response without cookies, organisation ids, keys or model paths."""
    response["headers"] = {
        name: value
        for name, value in response.get("headers", {}).items()
        if name.lower() not in SCRUBBED_RESPONSE_HEADERS
    }
    body = response.get("body", {})
    if isinstance(body.get("string"), bytes):
        body["string"] = scrub_text(body["string"].decode("utf-8", "replace")).encode()
    elif isinstance(body.get("string"), str):
        body["string"] = scrub_text(body["string"])
    return response


def scrubbing_vcr_config() -> dict[str, Any]:
    """VCR.py settings: scrubbed credentials, decoded bodies, requests matched on the body.

    Host and port are not matched, so a cassette recorded from a server on one loopback
    port replays against any other.
    """
    return {
        "filter_headers": list(SCRUBBED_REQUEST_HEADERS),
        "decode_compressed_response": True,
        "before_record_request": skip_probes,
        "before_record_response": scrub_response,
        "match_on": ["method", "scheme", "path", "query", "body"],
    }


REPLAY_API_KEY = "sk-replaying-cassettes-no-key-needed"
"""The placeholder key a replayed test gets: the openai client refuses to start without one,
and nothing is sent anywhere while replaying (the `authorization` header is never recorded)."""


@pytest.fixture(autouse=True)
def _key_for_replay(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test marked `vcr` that replays (`--record-mode=none`, the default) with no
    OPENAI_API_KEY set gets `REPLAY_API_KEY`, so that CI needs no secret. Other tests, and
    recording runs, see the environment as it is."""
    replaying = request.config.getoption("--record-mode", default="none") == "none"
    if (
        replaying
        and request.node.get_closest_marker("vcr")
        and not os.environ.get("OPENAI_API_KEY")
    ):
        monkeypatch.setenv("OPENAI_API_KEY", REPLAY_API_KEY)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    """pytest-recording's settings fixture, scrubbing as `scrubbing_vcr_config` does."""
    return scrubbing_vcr_config()
