"""URLs as they are shown, logged and kept: without the credentials they can carry."""

from __future__ import annotations

from dipevents.llm.urls import origin, public_url, url_secrets
from tests.support import SENTINEL_KEY


def test_a_public_url_drops_user_info_and_fragment_and_redacts_credential_parameters() -> None:
    url = f"https://user:{SENTINEL_KEY}@example.org:8443/v1/?api-key={SENTINEL_KEY}#x"
    assert public_url(url) == "https://example.org:8443/v1/?api-key=[REDACTED]"
    assert public_url("http://[::1]:8080/v1") == "http://[::1]:8080/v1"
    assert public_url(f"https://example.org/{SENTINEL_KEY}/v1", [SENTINEL_KEY]) == (
        "https://example.org/[REDACTED]/v1"
    )


def test_harmless_query_parameters_are_kept() -> None:
    url = "https://h/v1?api-version=2024-10-21&token=t0k3n&sig=abcd&access_token=xyz1&key=k3y1"
    assert public_url(url) == (
        "https://h/v1?api-version=2024-10-21&token=[REDACTED]&sig=[REDACTED]"
        "&access_token=[REDACTED]&key=[REDACTED]"
    )


def test_the_secrets_of_a_url_are_its_password_and_its_credential_parameters() -> None:
    url = "https://user:p%40ss-word@h/v1?api-version=1&api-key=KEYKEY&X-Amz-Signature=s1g"
    assert set(url_secrets(url)) == {"p%40ss-word", "p@ss-word", "KEYKEY", "s1g"}
    assert url_secrets(f"https://{SENTINEL_KEY}@h/v1") == (SENTINEL_KEY,)
    assert url_secrets("https://h/v1?api-version=1") == ()


def test_an_origin_is_scheme_host_and_port_without_user_info() -> None:
    assert origin(f"http://user:{SENTINEL_KEY}@127.0.0.1:8080/v1?x=1") == "http://127.0.0.1:8080"
    assert origin("https://example.org/v1") == "https://example.org"
