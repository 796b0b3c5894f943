"""Dates and places the rules coder gets right must survive grounding and refinement."""

from __future__ import annotations

import datetime as dt

from dipevents import EventStatus, extract_events
from tests.support import DEV


def test_a_cancelled_meetings_weekday_resolves_forward() -> None:
    """006: cancelled on Tuesday 17 November, the meeting had been due "on Thursday", the 19th."""
    article = (DEV / "006_cancelled_srb_xkx.txt").read_text(encoding="utf-8")
    (event,) = extract_events(article, backend="rules").events
    assert event.status is EventStatus.CANCELLED
    assert event.date == dt.date(2026, 11, 19)
