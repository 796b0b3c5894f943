"""The public records' invariants: span offsets and alignment, the report as a sequence."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from dipevents import EventReport, Span
from dipevents.model.enums import Support


def test_span_offsets_must_agree_with_alignment() -> None:
    with pytest.raises(ValidationError):
        Span(text="x", start=None, end=None, alignment="exact")
    with pytest.raises(ValidationError):
        Span(text="x", start=3, end=1, alignment="fuzzy")
    assert not Span(text="x").is_aligned


def test_report_iterates_events_and_round_trips_json() -> None:
    report = EventReport(backend="openai", published=dt.date(2025, 4, 10))
    assert len(report) == 0 and list(report) == []
    assert EventReport.model_validate_json(report.model_dump_json()) == report


def test_support_is_an_additive_field_that_defaults_to_unchecked() -> None:
    old = {"text": "x", "start": 0, "end": 1, "alignment": "exact"}  # a report written before it
    span = Span.model_validate(old)
    assert span.support is Support.UNCHECKED
    assert span.model_dump(mode="json") == {**old, "support": "unchecked"}
