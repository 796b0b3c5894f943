"""URLs as they are shown, logged and kept: without the credentials they can carry."""

from __future__ import annotations

from dipevents.llm.urls import public_url
from tests.support import SENTINEL_KEY


def test_a_public_url_drops_credentials_query_and_fragment() -> None:
    url = f"https://user:{SENTINEL_KEY}@example.org:8443/v1/?api-key={SENTINEL_KEY}#x"
    assert public_url(url) == "https://example.org:8443/v1/"
    assert public_url("http://[::1]:8080/v1") == "http://[::1]:8080/v1"
    assert public_url(f"https://example.org/{SENTINEL_KEY}/v1", [SENTINEL_KEY]) == (
        "https://example.org/[REDACTED]/v1"
    )
