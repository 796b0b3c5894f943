"""Bad article text gets a typed error before any request is sent."""

from __future__ import annotations

import pytest

from dipevents import InputError, extract_events
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedServer


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
