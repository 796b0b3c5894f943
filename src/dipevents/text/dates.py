"""Dates: find an article's dateline and turn date expressions into calendar dates.

English, French, Spanish and German (`data/calendar.tsv`). Explicit dates ("April 10, 2025",
"10 April", "Apr. 10", "2025-04-10", "5 février 2026", "11 de marzo de 2026", "9. Mai 2026") are
read as written; a missing year is taken from the publication date. Relative expressions
(weekday names, "today", "yesterday", "mercredi", "el próximo lunes", "gestern") are counted from
the publication date. Vague expressions ("in February", "this week", "last month", "earlier this
year") give no date: a month alone names no day, and guessing one would look more precise than
the article is. A text is read with English and its own language's words (`text.language`); a
phrase too short to tell its language is read with all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from typing import Literal

from dipevents.model.enums import DateSource, EventStatus
from dipevents.text.fold import without_accents
from dipevents.text.language import ENGLISH, detect_language
from dipevents.text.lines import BREAKS, LINE, LINE_START
from dipevents.text.package_data import data_lines

Prefer = Literal["past", "future"]

HEAD_CHARS = 1000
"""How far into an article a dateline is looked for."""

YEAR_WINDOW_DAYS = 31
"""How far a year-less date may lie on the non-preferred side of the publication date."""

_GAP = r"[ \t\u00a0]+"
_ISO = r"(?<!\d)(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})(?!\d)"
_NUMERIC = r"(?<!\d)(?P<num_day>\d{1,2})[./](?P<num_month>\d{1,2})[./](?P<num_year>\d{4})(?!\d)"
"""A day, month and year in figures, day first: only on a publication line ("14/05/2026")."""
_DASH = r"(?:\u2014|\u2013|--?)"  # em dash, en dash, one or two hyphens
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'\u2019]*"
# Up to four capitalised words, optionally followed by a region: "KYIV, Ukraine", "WASHINGTON, D.C."
_PLACE = rf"{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,3}}(?:,[ \t]*{_PLACE_WORD}(?: {_PLACE_WORD})?)?"
_CLOSE = rf"[ \t]*(?:\.?{_DASH}|:)"  # what ends a dateline: "—", ":", "(EFE).-"
_ALONE = rf"(?=[ \t]*(?:[{BREAKS}]|$))"  # nothing else on the line
_NOTHING = "(?!)"
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
class _Words:
    """The calendar words of some languages (`data/calendar.tsv`), by kind, each with its value.

    Keys are folded (`_fold`); `case` holds the words that count only capitalised or only in
    lower case.
    """

    table: dict[str, dict[str, str]]
    case: dict[str, str]

    def of(self, kind: str) -> dict[str, str]:
        return self.table.get(kind, {})


@dataclass(frozen=True)
class _Calendar:
    """The date patterns of some languages, compiled once."""

    words: _Words
    explicit: re.Pattern[str]
    relative: re.Pattern[str]
    date_first: re.Pattern[str]
    place_first: re.Pattern[str]
    published_line: re.Pattern[str]


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
    when `published` is None. A dateline without a date ("ISTANBUL (AP) —") gives None. French,
    Spanish and German ones are read too ("KINSHASA, 5 février 2026 (AFP) -", "MADRID, 3 de
    abril (EFE).-", "BERLIN, 9. Mai 2026 (dpa) -"), and, after the datelines and before the
    captions, a page's publication line ("Publié le 14/05/2026 à 18h02"), which has no place.
    """
    calendar = _calendar(_languages(text[:HEAD_CHARS]))
    candidates = (
        *(
            (match, match["place"], match.span("dateline"))
            for match in _dateline_matches(text, calendar)
        ),
        *(
            (match, None, match.span("dateline"))
            for match in _line_dates(text, calendar.published_line)
        ),
        *((match, None, match.span()) for match in _caption_dates(text, calendar)),
    )
    for match, place, (start, end) in candidates:
        date = _match_date(match, published, "past", calendar.words)
        if date is not None:
            return Dateline(date, _clean_place(place), start, end)
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
    calendar = _calendar(_languages(expression))
    explicit = _resolve_explicit(expression, published, year, calendar)
    if explicit is not None:
        return explicit, DateSource.EXPLICIT
    relative = _resolve_relative(expression, published, weekday, calendar) if published else None
    if relative is not None:
        return relative, DateSource.RELATIVE
    return None, DateSource.NONE


def date_expressions(text: str) -> list[tuple[int, int]]:
    """Offsets of every explicit date and relative day expression in `text`, in order.

    Where a weekday overlaps an explicit date ("Thursday, April 10"), the explicit date is kept.
    """
    calendar = _calendar(_languages(text))
    explicit = [match.span() for match in _explicit_matches(text, calendar)]
    relative = [
        match.span()
        for match in _relative_matches(text, calendar)
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


def _dateline_matches(text: str, calendar: _Calendar) -> list[re.Match[str]]:
    """Every line-opening dateline candidate starting in the head of `text`, in text order."""
    patterns = (calendar.date_first, calendar.place_first)
    found = _line_dates(text, *patterns)
    return sorted(found, key=lambda match: match.start("dateline"))


def _line_dates(text: str, *patterns: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of `patterns` that start in the head of `text`."""
    end = _head_end(text)
    return [
        match
        for pattern in patterns
        for match in pattern.finditer(text, 0, end)
        if match.start("dateline") < HEAD_CHARS
    ]


def _caption_dates(text: str, calendar: _Calendar) -> list[re.Match[str]]:
    """Every date starting in the head of `text` inside a photo caption line, in text order."""
    return [
        date
        for line in LINE.finditer(text, 0, _head_end(text))
        if CAPTION_CREDIT.search(line[0])
        for date in takewhile(
            lambda match: match.start() < HEAD_CHARS,
            _explicit_matches(text, calendar, *line.span()),
        )
    ]


def _clean_place(place: str | None) -> str | None:
    """Title-case an all-capitals place ("ISTANBUL" -> "Istanbul")."""
    if place is None:
        return None
    return place.title() if place.isupper() else place


def _resolve_explicit(
    text: str, published: dt.date | None, prefer: Prefer, calendar: _Calendar
) -> dt.date | None:
    """The first explicit date in `text` that names a real day."""
    for match in _explicit_matches(text, calendar):
        date = _match_date(match, published, prefer, calendar.words)
        if date is not None:
            return date
    return None


def _match_date(
    match: re.Match[str], published: dt.date | None, prefer: Prefer, words: _Words
) -> dt.date | None:
    """The date a `_date_pattern` match names, taking a missing year from `published`."""
    parts = match.groupdict()
    for figures in ("iso", "num"):
        if parts.get(f"{figures}_year"):
            return _make_date(
                *(int(parts[f"{figures}_{part}"]) for part in ("year", "month", "day"))
            )
    style = "mdy" if parts["mdy_month"] else "dmy"
    month = int(words.of("month")[_fold(parts[f"{style}_month"].rstrip("."))])
    day, year = int(parts[f"{style}_day"]), parts[f"{style}_year"]
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


def _resolve_relative(
    text: str, published: dt.date, prefer: Prefer, calendar: _Calendar
) -> dt.date | None:
    """The date of the first weekday name or day word in `text`, counted from `published`."""
    match = next(_relative_matches(text, calendar), None)
    if match is None:
        return None
    words = calendar.words
    if match["words"]:
        return _shift(published, int(words.of("day")[_fold(match["words"])]))
    weekday = int(words.of("weekday")[_fold(match["weekday"])])
    direction = match["before"] or match["after"]
    if direction is None:
        return _shift(published, _weekday_offset(weekday, published, prefer, strict=False))
    toward: Prefer = "past" if words.of(_kind(match))[_fold(direction)] == "past" else "future"
    return _shift(published, _weekday_offset(weekday, published, toward))


def _kind(match: re.Match[str]) -> str:
    """Whether a relative match's direction word stands before or after its weekday."""
    return "before" if match["before"] else "after"


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


def _explicit_matches(
    text: str, calendar: _Calendar, start: int = 0, end: int | None = None
) -> list[re.Match[str]]:
    """The explicit dates in `text[start:end]` whose month is written in a case it counts in."""
    found = calendar.explicit.finditer(text, start, len(text) if end is None else end)
    return [match for match in found if _counts(calendar.words, _month_word(match))]


def _relative_matches(text: str, calendar: _Calendar) -> Iterator[re.Match[str]]:
    """The weekdays and day words in `text` written in a case they count in."""
    for match in calendar.relative.finditer(text):
        if _counts(calendar.words, match["weekday"] or match["words"]):
            yield match


def _month_word(match: re.Match[str]) -> str | None:
    return match["mdy_month"] or match["dmy_month"]


def _counts(words: _Words, word: str | None) -> bool:
    """Whether `word` is written in a case it counts in: "May" and "domingo", not "may" and
    "Domingo"."""
    if word is None:
        return True
    case = words.case.get(_fold(word.rstrip(".")))
    if case == "capitalised":
        return not word.islower()
    return case != "lower" or word.islower()


def _languages(text: str) -> tuple[str, ...]:
    """The languages whose words `text` is read with: English and the text's own; all of them
    when the text is too short to tell."""
    language = detect_language(text)
    if language is None:
        return tuple(_calendar_languages())
    return (ENGLISH,) if language == ENGLISH else (ENGLISH, language)


def _fold(word: str) -> str:
    """A calendar word as looked up: lower case, unaccented, single spaces, straight apostrophe."""
    return " ".join(without_accents(word).lower().replace("\u2019", "'").split())


@cache
def _calendar_languages() -> tuple[str, ...]:
    """The languages of `data/calendar.tsv`, English first."""
    return tuple(dict.fromkeys(line.split("\t")[0] for line in _calendar_lines()))


@cache
def _calendar_lines() -> tuple[str, ...]:
    return data_lines("dipevents.text", "data", "calendar.tsv")


@cache
def _words(languages: tuple[str, ...]) -> _Words:
    """The calendar words of `languages`, as written and unaccented."""
    table: dict[str, dict[str, str]] = {}
    case: dict[str, str] = {}
    for line in _calendar_lines():
        language, kind, word, value, written = [*line.split("\t"), "", ""][:5]
        if language not in languages:
            continue
        for spelling in {word, without_accents(word)}:
            table.setdefault(kind, {})[spelling] = value
        if written:
            case[_fold(word)] = written
    return _Words(table, case)


@cache
def _calendar(languages: tuple[str, ...]) -> _Calendar:
    """The date patterns of `languages`."""
    words = _words(languages)
    english = _words((ENGLISH,))
    date = _date_pattern(words, english)
    published = _alternatives(words.of("published"))
    relative = (
        rf"(?<!\w)(?:(?P<before>{_alternatives(words.of('before'))}){_GAP})?"
        rf"(?P<weekday>{_alternatives(words.of('weekday'))})"
        rf"(?:{_alternatives(words.of('weekday_suffix'))})?"
        rf"(?:{_GAP}(?P<after>{_alternatives(words.of('after'))}))?(?!\w)"
        rf"|(?<!\w)(?P<words>{_alternatives(words.of('day'))})(?!\w)"
    )
    return _Calendar(
        words=words,
        explicit=re.compile(date),
        relative=re.compile(relative),
        # "April 10, 2025 — ISTANBUL —", "10 April 2025, Istanbul:", "2025-04-10 —", a date on
        # its own line.
        date_first=re.compile(
            rf"{LINE_START}[ \t]*(?P<dateline>{date}"
            rf"(?:[ \t]*(?:{_DASH}|,)[ \t]*(?P<place>{_PLACE}){_CLOSE}|{_CLOSE}|{_ALONE}))",
        ),
        # "ISTANBUL, April 10 (Reuters) -", "ISTANBUL, April 10, 2025 —", "MADRID, 3 de abril
        # (EFE).-"
        place_first=re.compile(
            rf"{LINE_START}[ \t]*(?P<dateline>(?P<place>{_PLACE}),[ \t]*{date}"
            rf"(?:[ \t]*\([^(){BREAKS}]{{1,40}}\))?{_CLOSE})"
        ),
        # "Publié le 14/05/2026 à 18h02", "Veröffentlicht am 9. Mai 2026"
        published_line=re.compile(
            rf"{LINE_START}[ \t]*(?P<dateline>{published}[ \t]*(?:{date}|{_NUMERIC}))"
        ),
    )


def _date_pattern(words: _Words, english: _Words) -> str:
    """An explicit date: ISO, month first (English months only: "April 10, 2025") or day first
    ("10 April 2025", "5 février", "11 de marzo de 2026", "9. Mai 2026")."""
    month = rf"(?P<dmy_month>{_alternatives(words.of('month'))})(?!\w)\.?"
    english_month = rf"(?P<mdy_month>{_alternatives(english.of('month'))})(?!\w)\.?"
    ordinal = rf"(?:{_alternatives(english.of('day_suffix'))})?(?!\w)"
    suffix = rf"(?:(?:{_alternatives(words.of('day_suffix'))})(?![^\W\d_])|(?!\w))"
    connector = rf"(?:(?:{_alternatives(words.of('connector'))}){_GAP})?"
    mdy = (
        rf"(?<!\w){english_month}{_GAP}(?P<mdy_day>\d{{1,2}}){ordinal}"
        rf"(?:,?{_GAP}(?P<mdy_year>\d{{4}})(?!\w))?"
    )
    dmy = (
        rf"(?<!\w)(?P<dmy_day>\d{{1,2}}){suffix}{_GAP}{connector}{month}"
        rf"(?:,?{_GAP}{connector}(?P<dmy_year>\d{{4}})(?!\w))?"
    )
    return rf"(?:{_ISO}|{mdy}|{dmy})"


def _alternatives(table: dict[str, str]) -> str:
    """A regex for the words of `table` in any case, longest first, their spaces any gap and
    apostrophes either one; one that never matches for an empty table."""
    if not table:
        return _NOTHING
    spelled = (
        re.escape(word).replace(r"\ ", _GAP).replace("'", "['\u2019]")
        for word in sorted(table, key=len, reverse=True)
    )
    return "(?i:" + "|".join(spelled) + ")"
