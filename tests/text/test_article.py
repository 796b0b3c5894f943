"""Bad input gets a typed error before any request is sent."""

from __future__ import annotations

import pytest

from dipevents import ConfigurationError, InputError, extract_events
from tests.conftest import SENTINEL_KEY
from tests.scripted_server import ScriptedServer


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        (b"", "empty"),
        ("PK\x03\x04\x00\x00binary", "binary"),
        ("".join(chr(i % 31) for i in range(500)) + "words", "binary"),
        (b"caf\xe9 talks", "not valid UTF-8"),
        ("x" * 300_001, "over the limit"),
        (12345, "expected the article as str or bytes"),
    ],
)
def test_bad_articles_fail_before_any_request(
    scripted: ScriptedServer, text: object, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        extract_events(
            text, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m", max_chars=300_000
        )
    assert scripted.requests == []


def test_bad_published_date_is_an_input_error(scripted: ScriptedServer) -> None:
    with pytest.raises(InputError):
        extract_events(
            "Talks.",
            published="10/04/2025",
            base_url=scripted.base_url,
            api_key=SENTINEL_KEY,
            model="m",
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_reasks": -1}, "max_reasks"),
        ({"colour": "red"}, "colour"),
        ({"response_mode": "xml"}, "response_mode"),
    ],
)
def test_bad_options_are_configuration_errors(options: dict, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        extract_events("Talks were held.", base_url="http://127.0.0.1:9/v1", model="m", **options)


def test_unknown_backend_and_missing_model_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown backend 'cloud'"):
        extract_events("Talks.", backend="cloud")
    with pytest.raises(ConfigurationError, match="no model named"):
        extract_events("Talks.", base_url="http://127.0.0.1:9/v1")
