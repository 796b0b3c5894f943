"""The reply shape: what validation refuses, so that the model is asked again."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from dipevents.model.draft import ExtractionReply
from tests.support.scripted_server import reply_event


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_duration_is_refused(number: str) -> None:
    scripted = json.dumps({"events": [reply_event(evidence="They met.")]})  # SCRIPTED reply
    raw = scripted.replace('"duration_hours": null', f'"duration_hours": {number}')
    with pytest.raises(ValidationError, match="finite number"):
        ExtractionReply.model_validate_json(raw)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_duration_is_refused_from_python_too(number: float) -> None:
    with pytest.raises(ValidationError, match="finite number"):
        ExtractionReply.model_validate(
            {"events": [reply_event(evidence="They met.", duration_hours=number)]}
        )
