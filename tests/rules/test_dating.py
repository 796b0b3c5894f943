"""An event's date comes from its own clause, not from what else the sentence dates."""

from __future__ import annotations

import datetime as dt

import pytest

from dipevents.model.enums import EventStatus
from dipevents.rules.dating import event_date
from dipevents.rules.segment import Sentence

PUBLISHED = dt.date(2026, 3, 4)  # a Wednesday


def _date(text: str, status: EventStatus = EventStatus.OCCURRED) -> str | None:
    trigger = min(text.find(word) for word in ("met", "talks", "call", "meeting") if word in text)
    _, date = event_date(Sentence(text, 0, len(text)), PUBLISHED, status, trigger, prior=False)
    return date.isoformat() if date else None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The ministers met on Monday to prepare the March 21 referendum.", "2026-03-02"),
        ("The ministers met to prepare the March 21 referendum.", None),
        ("The talks came ten days after rebels attacked a border post on Feb 12.", None),
        ("The ministers met in Lima, days after the attack on Feb 12.", None),
        ("The call was the first since the election on Feb 12, officials said.", None),
        ("The call lasted an hour, the spokeswoman told reporters on Tuesday.", None),
        ("The ministers met on Monday, the ministry said on Tuesday.", "2026-03-02"),
        ("Officials said on Tuesday that the ministers met in Lima.", "2026-03-03"),
        (
            "After stops in Quito on Monday, the minister held talks in Lima on Tuesday.",
            "2026-03-03",
        ),
        ("The March 2 talks ended without a deal.", "2026-03-02"),
        ("Ana Lima, who is due in Quito on Friday, held talks in Lima.", None),
    ],
)
def test_only_the_events_own_clause_dates_it(text: str, day: str | None) -> None:
    assert _date(text) == day


def test_a_relative_clause_about_the_meeting_dates_it() -> None:
    text = "The meeting, which had been scheduled for March 9, has been postponed."
    assert _date(text, EventStatus.POSTPONED) == "2026-03-09"
