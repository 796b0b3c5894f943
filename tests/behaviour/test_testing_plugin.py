"""The scrubbing settings our users get from `dipevents.testing`."""

from __future__ import annotations

import pytest

from dipevents.testing import scrub_response, scrub_text, scrubbing_vcr_config, skip_probes


def test_config_filters_credentials_and_ignores_host_and_port() -> None:
    config = scrubbing_vcr_config()
    assert {"authorization", "api-key", "openai-organization"} <= set(config["filter_headers"])
    assert "body" in config["match_on"]
    assert "host" not in config["match_on"] and "port" not in config["match_on"]


def test_model_paths_and_keys_are_scrubbed_from_bodies_and_headers() -> None:
    response = {
        "headers": {"Set-Cookie": ["a=b"], "Content-Type": ["application/json"]},
        "body": {
            "string": b'{"model": "/root/models/SmolLM2.Q4_1.gguf", "k": "sk-abcdef1234567890"}'
        },
    }
    scrubbed = scrub_response(response)
    assert scrubbed["headers"] == {"Content-Type": ["application/json"]}
    assert scrubbed["body"]["string"] == b'{"model": "SmolLM2.Q4_1.gguf", "k": "sk-REDACTED"}'
    assert scrub_text(r"C:\Users\me\m.gguf loaded") == "m.gguf loaded"


def test_llama_cpp_probes_are_not_recorded() -> None:
    class Request:
        def __init__(self, uri: str) -> None:
            self.uri = uri

    assert skip_probes(Request("http://127.0.0.1:5/props")) is None
    assert skip_probes(Request("http://127.0.0.1:5/health")) is None
    kept = Request("http://127.0.0.1:5/v1/chat/completions")
    assert skip_probes(kept) is kept


def test_a_replayed_test_needs_no_api_key(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's CI replays cassettes with no secret: `vcr` tests get a placeholder key, and
    other tests see the environment as it is."""
    pytester.makeconftest('pytest_plugins = ["dipevents.testing"]')
    pytester.makepyfile(
        test_user="""
        import os
        import openai
        import pytest

        @pytest.mark.vcr
        def test_replayed():
            assert openai.OpenAI(max_retries=0).api_key == os.environ["OPENAI_API_KEY"]

        def test_plain():
            assert "OPENAI_API_KEY" not in os.environ
        """
    )
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--record-mode=none")
    result.assert_outcomes(passed=2)
    recording = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--record-mode=once")
    recording.assert_outcomes(passed=1, failed=1)  # recording needs a real key
