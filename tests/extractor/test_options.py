"""Extraction options are checked before anything is sent."""

from __future__ import annotations

import pytest

from dipevents import ConfigurationError, extract_events


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


def test_overlap_of_half_the_budget_is_a_configuration_error() -> None:
    from dipevents import ConfigurationError

    with pytest.raises(ConfigurationError, match="chunk_overlap"):
        extract_events("text", backend="rules", chunk_chars=4_000, chunk_overlap=2_000)
