"""Which date of a sentence is its event's: only a date of the event's own clause counts.

A sentence that reports a meeting often dates other things too: when it was reported ("said
on Tuesday", `report_cues.txt`), what it is about ("the March 3 referendum"), and background
in a clause of its own ("..., days after the attack on Oct 7", `rules.clauses`). None of
these dates the meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dipevents.model.enums import EventStatus
from dipevents.rules.clauses import background_spans, in_background
from dipevents.rules.segment import Sentence
from dipevents.text.dates import date_expressions, resolve_event_date
from dipevents.text.lexicon import matcher

_REPORT_GAP_WORDS = 3  # "told reporters late on Wednesday": words from the cue to the date
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|[’']s)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?P<word>[a-z][\w-]*)")


@dataclass(frozen=True)
class _Found:
    start: int
    """Offset in the article."""
    text: str
    date: dt.date


def event_date(
    sentence: Sentence,
    published: dt.date | None,
    status: EventStatus,
    trigger: int,
    *,
    prior: bool,
) -> tuple[str | None, dt.date | None]:
    """The words and date the sentence gives the event whose trigger starts at `trigger`.

    An occurred event takes the first date of its own; a prior round the last one ("followed
    the prior February 27 consultations"); a plan, postponement or cancellation the first
    after the trigger ("cancelled on Tuesday a meeting due on Thursday").
    """
    found = _event_dates(sentence, published, status, trigger - sentence.start)
    if not found:
        return None, None
    if prior:
        chosen = found[-1]
    elif status is not EventStatus.OCCURRED:
        chosen = next((date for date in found if date.start > trigger), found[0])
    else:
        chosen = found[0]
    return chosen.text, chosen.date


def _event_dates(
    sentence: Sentence, published: dt.date | None, status: EventStatus, trigger: int
) -> list[_Found]:
    """The sentence's dates that may be its event's (`trigger` is an offset in the text)."""
    text = sentence.text
    background = background_spans(text, trigger)
    reports = [cue.end for cue in matcher("report_cues.txt").find(text) if cue.start > trigger]
    found = []
    for start, end in date_expressions(text):
        if (
            in_background(background, start)
            or _reported(text, reports, start)
            or _modifies_noun(text, start, end)
        ):
            continue
        date, _ = resolve_event_date(text[start:end], published, status)
        if date is not None:
            begin = start - 3 if text[max(0, start - 3) : start] == "on " else start
            found.append(_Found(sentence.start + start, text[begin:end], date))
    return found


def _reported(text: str, report_ends: list[int], start: int) -> bool:
    """Whether the date at `start` is when the contact was reported: "the call ..., the
    spokeswoman said on Tuesday" (`report_ends` end the cues after the trigger)."""
    return any(
        end <= start
        and len(text[end:start].split()) <= _REPORT_GAP_WORDS
        and matcher("triggers.tsv").first(text, end, start) is None
        for end in report_ends
    )


def _modifies_noun(text: str, start: int, end: int) -> bool:
    """Whether the date qualifies a noun that is no contact: "the March 3 referendum", not
    "the March 3 talks"."""
    after = _NOUN_AFTER.match(text, end)
    if after is None or not _DETERMINER.search(text[:start]):
        return False
    return matcher("triggers.tsv").first(text, after.start("word"), after.end("word")) is None
