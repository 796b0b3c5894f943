"""Dates and places the rules coder reads must survive grounding, refinement and coding."""

from __future__ import annotations

import datetime as dt

from dipevents import EventStatus, extract_events
from tests.support import DEV, SEED


def test_a_cancelled_meetings_weekday_resolves_forward() -> None:
    """006: cancelled on Tuesday 17 November, the meeting had been due "on Thursday", the 19th."""
    article = (DEV / "006_cancelled_srb_xkx.txt").read_text(encoding="utf-8")
    (event,) = extract_events(article, backend="rules").events
    assert event.status is EventStatus.CANCELLED
    assert event.date == dt.date(2026, 11, 19)


def test_the_seed_meeting_in_istanbul_is_at_a_third_location() -> None:
    """US and Russian delegations in Istanbul: the caption's "Istanbul, Turkey" gives TUR, and
    two parties meeting in a third country are coded 044."""
    main, prior = extract_events(SEED.read_text(encoding="utf-8"), backend="rules").events
    assert main.location is not None
    assert (main.location.city, main.location.country) == ("Istanbul", "TUR")
    assert main.codes is not None and main.countries == ["USA", "RUS"]
    assert (main.codes.cameo_code, main.codes.goldstein) == ("044", 2.5)
    assert (main.codes.plover_type, main.codes.plover_mode) == ("CONSULT", "third-party")
    assert prior.codes is not None and prior.codes.cameo_code == "040"  # no place stated
