"""Dates: find an article's dateline and turn date expressions into calendar dates.

English only. Explicit dates ("April 10, 2025", "10 April", "Apr. 10", "2025-04-10") are read as
written; a missing year is taken from the publication date. Relative expressions (weekday names,
"today", "yesterday", "tomorrow") are counted from the publication date. Vague expressions
("in February", "this week", "last month", "earlier this year") give no date: a month alone names
no day, and guessing one would look more precise than the article is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import takewhile
from typing import Literal

from dipevents.model.enums import DateSource, EventStatus
from dipevents.text.fold import lower_words
from dipevents.text.lines import BREAKS, LINE, LINE_START

Prefer = Literal["past", "future"]

HEAD_CHARS = 1000
"""How far into an article a dateline is looked for."""

YEAR_WINDOW_DAYS = 31
"""How far a year-less date may lie on the non-preferred side of the publication date."""

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Full names, three-letter abbreviations and "sept".
_MONTHS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
# Month names that are also common lowercase words ("they may 5 ...", "march 10 miles").
_LOWERCASE_WORDS = frozenset({"may", "mar", "march"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A modifier before a weekday fixes the direction and excludes the publication day itself.
_DIRECTIONS: dict[str, Prefer] = {
    "last": "past",
    "past": "past",
    "next": "future",
    "coming": "future",
}
# Day offsets from the publication date.
_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}

_GAP = r"[ \t\u00a0]+"
_MONTH = "(?ai:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_ORDINAL = r"(?ai:st|nd|rd|th)?\b"
_ISO = r"(?<!\d)(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})(?!\d)"
_MDY = (
    rf"\b(?P<mdy_month>{_MONTH}){_GAP}(?P<mdy_day>\d{{1,2}}){_ORDINAL}"
    rf"(?:,?{_GAP}(?P<mdy_year>\d{{4}})\b)?"
)
_DMY = (
    rf"\b(?P<dmy_day>\d{{1,2}}){_ORDINAL}{_GAP}(?:of{_GAP})?(?P<dmy_month>{_MONTH})"
    rf"(?:,?{_GAP}(?P<dmy_year>\d{{4}})\b)?"
)
_DATE = rf"(?:{_ISO}|{_MDY}|{_DMY})"
_EXPLICIT = re.compile(_DATE)

_RELATIVE = re.compile(
    rf"\b(?:(?P<direction>{'|'.join(_DIRECTIONS)}){_GAP})?(?P<weekday>{'|'.join(_WEEKDAYS)})\b"
    rf"|\b(?P<words>{'|'.join(_GAP.join(words.split()) for words in _DAY_WORDS)})\b",
    re.IGNORECASE | re.ASCII,
)

_DASH = r"(?:\u2014|\u2013|--?)"  # em dash, en dash, one or two hyphens
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'\u2019]*"
# Up to four capitalised words, optionally followed by a region: "KYIV, Ukraine", "WASHINGTON, D.C."
_PLACE = rf"{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,3}}(?:,[ \t]*{_PLACE_WORD}(?: {_PLACE_WORD})?)?"
_CLOSE = rf"[ \t]*(?:{_DASH}|:)"  # the dash or colon that ends a dateline
# "April 10, 2025 — ISTANBUL —", "10 April 2025, Istanbul:", "2025-04-10 —", a date on its own line.
_ALONE = rf"(?=[ \t]*(?:[{BREAKS}]|$))"  # nothing else on the line
_DATE_FIRST = re.compile(
    rf"{LINE_START}[ \t]*(?P<dateline>{_DATE}"
    rf"(?:[ \t]*(?:{_DASH}|,)[ \t]*(?P<place>{_PLACE}){_CLOSE}|{_CLOSE}|{_ALONE}))",
)
# "ISTANBUL, April 10 (Reuters) -", "ISTANBUL, April 10, 2025 —"
_PLACE_FIRST = re.compile(
    rf"{LINE_START}[ \t]*(?P<dateline>(?P<place>{_PLACE}),[ \t]*{_DATE}"
    rf"(?:[ \t]*\([^(){BREAKS}]{{1,40}}\))?{_CLOSE})",
)
# Photo credits such as "REUTERS/Umit Bektas", "AP Photo/Name", "Name/AFP".
CAPTION_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|EPA|AP Photo|Photo)/|/(?:AFP|AP|EPA|Getty Images|Reuters)\b"
)
_PUBLISHED = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2}(?::\d{2}(?:\.\d+)?)?)?)?",
    re.ASCII,
)


@dataclass(frozen=True)
class Dateline:
    """An article's dateline: its date, its place if given, and where it stands in the text."""

    date: dt.date
    place: str | None
    start: int
    end: int


def find_dateline(text: str, *, published: dt.date | None = None) -> Dateline | None:
    """Find the dateline in the first `HEAD_CHARS` characters of an article.

    A dateline opening a line ("April 10, 2025 — ISTANBUL —", "ISTANBUL, April 10 (Reuters) -",
    "10 April 2025, Istanbul:", "2025-04-10") wins over a date inside a photo caption (a line with
    a credit such as "REUTERS/Name"); a caption date has no place and its offsets cover the date
    only. A dateline without a year takes it from `published` (preferring the past) and is skipped
    when `published` is None. A dateline without a date ("ISTANBUL (AP) —") gives None.
    """
    for match in _dateline_matches(text):
        date = _match_date(match, published, "past")
        if date is not None:
            return Dateline(date, _clean_place(match["place"]), *match.span("dateline"))
    for match in _caption_dates(text):
        date = _match_date(match, published, "past")
        if date is not None:
            return Dateline(date, None, *match.span())
    return None


def resolve_date(
    expression: str, published: dt.date | None, *, prefer: Prefer = "past"
) -> tuple[dt.date | None, DateSource]:
    """Turn a date expression into a date and say how it was obtained.

    The first explicit date in the expression wins ("the prior February 27 consultations");
    otherwise the first weekday name or day word ("on Thursday", "Thursday's talks", "last
    Tuesday", "yesterday") is counted from `published`. A bare weekday may be the publication day
    itself and otherwise lies within the six days before it (`prefer="past"`) or after it
    (`prefer="future"`); "last" and "next" fix the direction and skip the publication day. Anything
    else, or a relative expression without `published`, gives `(None, DateSource.NONE)`.
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    return _resolve(expression, published, weekday=prefer, year=prefer)


def resolve_event_date(
    expression: str, published: dt.date | None, status: EventStatus
) -> tuple[dt.date | None, DateSource]:
    """`resolve_date` for the date of an event with `status`.

    A weekday lies behind an event that occurred and ahead of one that was due (planned,
    postponed, cancelled: "had been due to take place on Thursday"). A month and day without a
    year lie ahead only for a planned event; a postponed or cancelled one may have been due long
    before the report ("a round due on May 5 was called off", in a December long-read), so it
    takes the year an occurred event would, up to `YEAR_WINDOW_DAYS` ahead.
    """
    weekday: Prefer = "past" if status is EventStatus.OCCURRED else "future"
    year: Prefer = "future" if status is EventStatus.PLANNED else "past"
    return _resolve(expression, published, weekday=weekday, year=year)


def _resolve(
    expression: str, published: dt.date | None, *, weekday: Prefer, year: Prefer
) -> tuple[dt.date | None, DateSource]:
    """`resolve_date` with its own direction for weekdays and for year-less dates."""
    if isinstance(published, dt.datetime):
        published = published.date()
    explicit = _resolve_explicit(expression, published, year)
    if explicit is not None:
        return explicit, DateSource.EXPLICIT
    relative = _resolve_relative(expression, published, weekday) if published else None
    if relative is not None:
        return relative, DateSource.RELATIVE
    return None, DateSource.NONE


def date_expressions(text: str) -> list[tuple[int, int]]:
    """Offsets of every explicit date and relative day expression in `text`, in order.

    Where a weekday overlaps an explicit date ("Thursday, April 10"), the explicit date is kept.
    """
    explicit = [match.span() for match in _EXPLICIT.finditer(text)]
    relative = [
        match.span()
        for match in _RELATIVE.finditer(text)
        if not any(start < match.end() and match.start() < end for start, end in explicit)
    ]
    return sorted(explicit + relative)


def parse_published(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """Read a publication date: a date, a datetime, or an ISO 8601 date or date-time string.

    A date-time string keeps the calendar date as written, whatever its UTC offset.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, datetime or ISO string, not {type(value)}")
    match = _PUBLISHED.fullmatch(value.strip())
    date = _make_date(int(match["year"]), int(match["month"]), int(match["day"])) if match else None
    if date is None:
        raise ValueError(f"published must be an ISO date such as '2025-04-10', not {value!r}")
    return date


def _head_end(text: str) -> int:
    """Where the search for a dateline stops: the end of the line that holds the head's last
    character, so a date the head's end cuts ("April 10" as "April 1") is read whole."""
    line = LINE.match(text, HEAD_CHARS - 1)
    return line.end() if line else min(len(text), HEAD_CHARS - 1)


def _dateline_matches(text: str) -> list[re.Match[str]]:
    """Every line-opening dateline candidate starting in the head of `text`, in text order."""
    end = _head_end(text)
    found = [
        match
        for match in (*_DATE_FIRST.finditer(text, 0, end), *_PLACE_FIRST.finditer(text, 0, end))
        if match.start("dateline") < HEAD_CHARS
    ]
    return sorted(found, key=lambda match: match.start("dateline"))


def _caption_dates(text: str) -> list[re.Match[str]]:
    """Every date starting in the head of `text` inside a photo caption line, in text order."""
    return [
        date
        for line in LINE.finditer(text, 0, _head_end(text))
        if CAPTION_CREDIT.search(line[0])
        for date in takewhile(
            lambda match: match.start() < HEAD_CHARS, _EXPLICIT.finditer(text, *line.span())
        )
    ]


def _clean_place(place: str | None) -> str | None:
    """Title-case an all-capitals place ("ISTANBUL" -> "Istanbul")."""
    if place is None:
        return None
    return place.title() if place.isupper() else place


def _resolve_explicit(text: str, published: dt.date | None, prefer: Prefer) -> dt.date | None:
    """The first explicit date in `text` that names a real day."""
    for match in _EXPLICIT.finditer(text):
        date = _match_date(match, published, prefer)
        if date is not None:
            return date
    return None


def _match_date(match: re.Match[str], published: dt.date | None, prefer: Prefer) -> dt.date | None:
    """The date a `_DATE` match names, taking a missing year from `published`."""
    parts = match.groupdict()
    if parts["iso_year"]:
        return _make_date(int(parts["iso_year"]), int(parts["iso_month"]), int(parts["iso_day"]))
    style = "mdy" if parts["mdy_month"] else "dmy"
    word = parts[f"{style}_month"].rstrip(".")
    if word.islower() and word in _LOWERCASE_WORDS:
        return None
    month, day, year = _MONTHS[word.lower()], int(parts[f"{style}_day"]), parts[f"{style}_year"]
    if year:
        return _make_date(int(year), month, day)
    return _infer_year(month, day, published, prefer) if published else None


def _infer_year(month: int, day: int, published: dt.date, prefer: Prefer) -> dt.date | None:
    """Place a year-less day in the year that puts it on the preferred side of `published`.

    It may lie up to `YEAR_WINDOW_DAYS` on the other side: "May 2" in an article of April 10 is
    this year's, even when preferring the past.
    """
    candidates = [
        date
        for year in (published.year - 1, published.year, published.year + 1)
        if (date := _make_date(year, month, day))
    ]
    limit = published.toordinal()
    if prefer == "past":
        fitting = [date for date in candidates if date.toordinal() <= limit + YEAR_WINDOW_DAYS]
        return max(fitting, default=None)
    fitting = [date for date in candidates if date.toordinal() >= limit - YEAR_WINDOW_DAYS]
    return min(fitting, default=None)


def _resolve_relative(text: str, published: dt.date, prefer: Prefer) -> dt.date | None:
    """The date of the first weekday name or day word in `text`, counted from `published`."""
    match = _RELATIVE.search(text)
    if match is None:
        return None
    if match["words"]:
        return _shift(published, _DAY_WORDS[lower_words(match["words"])])
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    direction = match["direction"]
    if direction is None:
        return _shift(published, _weekday_offset(weekday, published, prefer, strict=False))
    return _shift(published, _weekday_offset(weekday, published, _DIRECTIONS[direction.lower()]))


def _weekday_offset(
    weekday: int, published: dt.date, toward: Prefer, *, strict: bool = True
) -> int:
    """Days from `published` to the nearest `weekday` toward the past or future.

    With `strict`, the publication day itself does not count: "last Thursday" on a Thursday is a
    week earlier.
    """
    if toward == "past":
        back = (published.weekday() - weekday) % 7
        return -(back or 7) if strict else -back
    ahead = (weekday - published.weekday()) % 7
    return (ahead or 7) if strict else ahead


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None if it does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(date: dt.date, days: int) -> dt.date | None:
    """`date` moved by `days`, or None past the ends of the calendar."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None
