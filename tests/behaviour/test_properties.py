"""Property-based tests (hypothesis) for grounding and dates.

Every test is derandomized (the same examples on every run) and has no deadline, so the file is
deterministic and not timing-sensitive.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from dipevents.model.enums import Alignment, DateSource
from dipevents.model.records import Span
from dipevents.resolve.align import _fold, align_quote
from dipevents.text.dates import (
    HEAD_CHARS,
    date_expressions,
    find_dateline,
    parse_published,
    resolve_date,
)
from tests.support import SEED as SEED_FILE

SEED = SEED_FILE.read_text("utf-8")

FAST = settings(derandomize=True, database=None, deadline=None, max_examples=80)
SLOW = settings(derandomize=True, database=None, deadline=None, max_examples=25)


# --- strategies: text ------------------------------------------------------------------------

# Characters that stress folding, offsets and word boundaries: emoji (with modifiers and flags),
# combining marks, CJK, whitespace of every kind, typographic quotes and dashes, and letters
# whose case mapping changes length or is not reversible.
SPECIAL = (
    "\U0001f600\U0001f44d\U0001f3fd\U0001f1fa\U0001f1e6\u200d"
    "\u0301\u0308\u0327\u20dd"
    "\u4e2d\u6587\u65e5\u672c\u8a9e\ud55c\uad6d"
    " \t\n\r\u00a0\u2003\u3000\u2028\x1c"
    "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014\u2212\u2026"
    "\u00df\u0130\u0131\u017f\ufb01\u03a3\u03c3\u03c2\u1e9e\u0149"
    "aAbBeEiIsSzZ019.,'-_"
)
CHARS = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL))
TEXT = st.text(alphabet=CHARS, max_size=80)

WORD_CHARS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "\u00e9\u00df\u0130\u0131\u03a3\u03c3\u4e2d\u6587\u0301\U0001f600\u2019\u2014"
)
WORD = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)
SEPARATOR = st.sampled_from([" ", " ", " ", "  ", "\n", ", ", ". ", " \u2014 ", "\t", "\u00a0"])


@st.composite
def wordy_texts(draw: st.DrawFn, min_words: int = 0, max_words: int = 40) -> str:
    """Words from a small alphabet joined by assorted separators, so words repeat."""
    vocabulary = draw(st.lists(WORD, min_size=1, max_size=12))
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=min_words, max_size=max_words))
    parts = [draw(st.sampled_from(["", " ", "\n  "]))]
    for word in words:
        parts += [word, draw(SEPARATOR)]
    return "".join(parts)


@st.composite
def seed_windows(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(SEED) - 1))
    return SEED[start : start + draw(st.integers(1, 600))]


SOURCE = st.one_of(TEXT, wordy_texts(), seed_windows())
NEAR = st.one_of(st.integers(-(10**6), 10**6), st.integers(-3, 700))


def mutate(draw: st.DrawFn, quote: str) -> str:
    """Small edits (typos, dropped characters or words) that send a quote down the fuzzy path."""
    for _ in range(draw(st.integers(0, 2))):
        if not quote:
            break
        at = draw(st.integers(0, len(quote) - 1))
        edit = draw(st.sampled_from(["drop", "insert", "replace", "drop-word"]))
        if edit == "drop":
            quote = quote[:at] + quote[at + 1 :]
        elif edit == "insert":
            quote = quote[:at] + draw(CHARS) + quote[at:]
        elif edit == "replace":
            quote = quote[:at] + draw(CHARS) + quote[at + 1 :]
        else:
            quote = quote[:at] + re.sub(r"\S+\s*", "", quote[at:], count=1)
    return quote


@st.composite
def sources_and_quotes(draw: st.DrawFn) -> tuple[str, str]:
    source = draw(SOURCE)
    kind = draw(st.sampled_from(["random", "slice", "mutated", "words", "near-miss"]))
    if kind == "random" or not source:
        return source, draw(TEXT)
    start = draw(st.integers(0, len(source)))
    end = draw(st.integers(start, len(source)))
    if kind == "slice":
        return source, source[start:end]
    if kind == "mutated":
        return source, mutate(draw, source[start:end])
    if kind == "words":
        return source, mutate(draw, draw(wordy_texts(min_words=1, max_words=12)))
    # Four or more of the source's words with an edit or two: the fuzzy path's home ground.
    words = list(re.finditer(r"\S+", source))
    if len(words) < 4:
        return source, mutate(draw, source[start:end])
    first = draw(st.integers(0, len(words) - 4))
    last = draw(st.integers(first + 3, min(len(words) - 1, first + 20)))
    return source, mutate(draw, source[words[first].start() : words[last].end()])


# --- grounding -------------------------------------------------------------------------------


def assert_well_formed(span: Span, source: str, quote: str) -> None:
    if span.alignment is Alignment.UNALIGNED:
        assert span.start is None and span.end is None
        assert span.text == quote
    else:
        assert span.start is not None and span.end is not None
        assert 0 <= span.start <= span.end <= len(source)
        assert source[span.start : span.end] == span.text


@FAST
@given(sources_and_quotes(), NEAR, st.sampled_from([0.0, 50.0, 90.0, 100.0]))
def test_align_quote_never_raises_and_spans_are_grounded(
    source_quote: tuple[str, str], near: int, min_score: float
) -> None:
    source, quote = source_quote
    span = align_quote(source, quote, near=near, min_score=min_score)
    event(span.alignment.value)
    assert_well_formed(span, source, quote)
    if not quote.strip():
        assert span.alignment is Alignment.UNALIGNED


@FAST
@given(SOURCE, st.data(), NEAR)
def test_verbatim_substring_is_exact_at_first_occurrence_from_near(
    source: str, data: st.DataObject, near: int
) -> None:
    assume(source.strip())
    start = data.draw(st.integers(0, len(source) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(source)), label="end")
    quote = source[start:end]
    assume(quote.strip())
    span = align_quote(source, quote, near=near)
    assert span.alignment is Alignment.EXACT
    assert span.text == quote
    assert span.start is not None and span.end is not None
    assert source[span.start : span.end] == quote
    after = source.find(quote, max(near, 0))
    assert span.start == (after if after >= 0 else source.find(quote))


def _flip_case(char: str, flip: bool) -> str:
    """The other case of `char` when that is the same letter once case-folded."""
    other = char.swapcase()
    return other if flip and other.casefold() == char.casefold() else char


@st.composite
def case_and_space_variants(draw: st.DrawFn) -> tuple[str, str]:
    """A source and a run of at least three of its words with case flips and respacing."""
    source = draw(st.one_of(wordy_texts(min_words=3), seed_windows()))
    words = list(re.finditer(r"\S+", source))
    assume(len(words) >= 3)
    first = draw(st.integers(0, len(words) - 3))
    last = draw(st.integers(first + 2, min(len(words) - 1, first + 15)))
    pieces: list[str] = []
    for number in range(first, last + 1):
        word = words[number].group()
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        pieces.append("".join(map(_flip_case, word, flips)))
        if number < last:
            gap = source[words[number].end() : words[number + 1].start()]
            pieces.append(draw(st.sampled_from([gap, " ", "  ", gap + gap, "\n", " \t "])))
    padding = st.sampled_from(["", " ", "  ", "\n"])
    return source, draw(padding) + "".join(pieces) + draw(padding)


@FAST
@given(case_and_space_variants(), NEAR)
def test_case_and_whitespace_variants_are_exact(source_quote: tuple[str, str], near: int) -> None:
    source, quote = source_quote
    span = align_quote(source, quote, near=near)
    assert span.alignment is Alignment.EXACT
    assert_well_formed(span, source, quote)
    assert _fold(quote).text.strip() in _fold(span.text).text


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


@st.composite
def typo_quotes(draw: st.DrawFn) -> tuple[str, str]:
    """A source and a run of its words (six or more, 30+ characters) with one letter changed."""
    source = draw(st.one_of(seed_windows(), wordy_texts(min_words=6)))
    words = list(re.finditer(r"\S+", source))
    assume(len(words) >= 6)
    first = draw(st.integers(0, len(words) - 6))
    last = draw(st.integers(first + 5, min(len(words) - 1, first + 25)))
    quote = source[words[first].start() : words[last].end()]
    letters = [at for at, char in enumerate(quote) if char.isascii() and char.isalpha()]
    assume(len(quote) >= 30 and len(re.findall(r"\w+", quote)) >= 6 and letters)
    at = draw(st.sampled_from(letters))
    typo = draw(st.sampled_from("etaoinshrdlu").filter(lambda c: c != quote[at].lower()))
    return source, quote[:at] + typo + quote[at + 1 :]


@FAST
@given(typo_quotes(), NEAR)
def test_long_quote_with_a_typo_still_aligns_on_word_boundaries(
    source_quote: tuple[str, str], near: int
) -> None:
    source, quote = source_quote
    span = align_quote(source, quote, near=near)
    event(span.alignment.value)
    assert span.alignment is not Alignment.UNALIGNED
    assert_well_formed(span, source, quote)
    if span.alignment is Alignment.FUZZY:
        start, end = span.start, span.end
        assert start is not None and end is not None and start < end
        assert not (start > 0 and _in_word(source[start - 1]) and _in_word(source[start]))
        assert not (end < len(source) and _in_word(source[end - 1]) and _in_word(source[end]))


# --- strategies: dates -----------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

DATEISH = st.sampled_from(
    [
        *MONTHS[:5],
        "may",
        "march",
        "Apr.",
        "Sept.",
        "sept",
        "10",
        "1",
        "29",
        "31",
        "2025",
        "0099",
        "1st",
        "th",
        "of",
        ",",
        ":",
        "\u2014",
        "-",
        "--",
        "Thursday",
        "thursday's",
        "last",
        "next",
        "coming",
        "yesterday",
        "Today",
        "last night",
        "this\u00a0morning",
        "ISTANBUL",
        "Kyiv",
        "D.C.",
        "(Reuters)",
        "REUTERS/Umit Bektas",
        "AP Photo/",
        "2025-04-10",
        "2024-02-29",
        "2023-02-29",
        "\u0661\u0660",  # Arabic-Indic "10"
        "\U0001d7cf",  # mathematical bold digit one
    ]
)
GLUE = st.sampled_from(["", " ", " ", " ", "  ", "\n", "\t", "\u00a0", ", "])


@st.composite
def dateish_texts(draw: st.DrawFn) -> str:
    """Date words, weekdays, datelines and credits glued together, with some random text."""
    pieces = draw(st.lists(st.one_of(DATEISH, DATEISH, TEXT), max_size=25))
    return "".join(piece + draw(GLUE) for piece in pieces)


DATE_TEXT = st.one_of(TEXT, dateish_texts())
PUBLISHED = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
PREFER = st.sampled_from(["past", "future"])


# --- dates -----------------------------------------------------------------------------------


@FAST
@given(
    DATE_TEXT,
    st.one_of(st.none(), PUBLISHED, st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1))),
    PREFER,
)
def test_resolve_date_never_raises(
    text: str, published: dt.date | dt.datetime | None, prefer: str
) -> None:
    date, source = resolve_date(text, published, prefer=prefer)  # type: ignore[arg-type]
    event(source.value)
    if source is DateSource.NONE:
        assert date is None
    else:
        assert source in (DateSource.EXPLICIT, DateSource.RELATIVE)
        assert isinstance(date, dt.date)
    if source is DateSource.RELATIVE:
        assert published is not None
        day = published.date() if isinstance(published, dt.datetime) else published
        assert abs((date - day).days) <= 7  # type: ignore[operator]


@FAST
@given(
    st.sampled_from(["", "on ", "talks on ", "Held "]),
    st.sampled_from([None, "last", "past", "next", "coming", "Last", "NEXT"]),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(["", "'s talks", ".", " in Kyiv"]),
    st.booleans(),
    PUBLISHED,
    PREFER,
)
def test_relative_weekday_lies_within_a_week_on_its_side(
    lead: str,
    direction: str | None,
    weekday: str,
    tail: str,
    upper: bool,
    published: dt.date,
    prefer: str,
) -> None:
    name = weekday.upper() if upper else weekday
    expression = lead + (f"{direction} " if direction else "") + name + tail
    date, source = resolve_date(expression, published, prefer=prefer)  # type: ignore[arg-type]
    assert source is DateSource.RELATIVE
    assert date is not None and date.weekday() == WEEKDAYS.index(weekday)
    days = (date - published).days
    side = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
        (direction or "").lower(), prefer
    )
    if direction:  # "last" and "next" skip the publication day
        assert (-7 <= days <= -1) if side == "past" else (1 <= days <= 7)
    else:
        assert (-6 <= days <= 0) if side == "past" else (0 <= days <= 6)


def _explicit_forms(date: dt.date) -> list[str]:
    month = MONTHS[date.month - 1]
    abbreviation = "Sept." if date.month == 9 else f"{month[:3]}."
    return [
        f"{month} {date.day}, {date.year:04d}",
        f"{abbreviation} {date.day} {date.year:04d}",
        f"{date.day} {month} {date.year:04d}",
        f"{date.day}th of {month}, {date.year:04d}",
        date.isoformat(),
    ]


@FAST
@given(
    st.dates(),
    st.integers(0, 4),
    st.sampled_from(["", "on ", "Thursday, ", "the prior "]),
    st.sampled_from(["", " consultations", ". Next Monday", ", yesterday"]),
    st.one_of(st.none(), PUBLISHED),
    PREFER,
)
def test_explicit_date_resolves_to_itself(
    date: dt.date,
    form: int,
    lead: str,
    tail: str,
    published: dt.date | None,
    prefer: str,
) -> None:
    expression = lead + _explicit_forms(date)[form] + tail
    resolved = resolve_date(expression, published, prefer=prefer)  # type: ignore[arg-type]
    assert resolved == (date, DateSource.EXPLICIT)


@FAST
@given(st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)), PUBLISHED, PREFER, st.booleans())
def test_yearless_date_lands_within_a_year_of_published(
    day: dt.date, published: dt.date, prefer: str, short: bool
) -> None:
    month = MONTHS[day.month - 1]
    expression = f"{month[:3] if short else month} {day.day}"
    date, source = resolve_date(expression, published, prefer=prefer)  # type: ignore[arg-type]
    if (day.month, day.day) == (2, 29) and date is None:
        return  # no leap day within reach of `published`
    assert source is DateSource.EXPLICIT and date is not None
    assert (date.month, date.day) == (day.month, day.day)
    days = (date - published).days
    if prefer == "past":
        assert 31 - 366 < days <= 31
    else:
        assert -31 <= days < 366 - 31


@FAST
@given(DATE_TEXT)
def test_date_expressions_are_sorted_disjoint_and_in_bounds(text: str) -> None:
    spans = date_expressions(text)
    event(f"{min(len(spans), 3)}+ expressions")
    assert spans == sorted(spans)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


def _datelines(date: dt.date) -> list[str]:
    month = MONTHS[date.month - 1]
    return [
        f"{month} {date.day}, {date.year} \u2014 ISTANBUL \u2014 ",
        f"{date.day} {month} {date.year}, Istanbul: ",
        f"{date.isoformat()} \u2014 ",
        f"{month} {date.day}, {date.year}\n",
        f"{date.day} {month}\n",
        f"ISTANBUL, {month} {date.day}, {date.year} \u2014 ",
        f"ISTANBUL, {month} {date.day} (Reuters) - ",
    ]


@st.composite
def dateline_lines(draw: st.DrawFn) -> str:
    """A well-formed dateline (possibly year-less), indented or not."""
    line = draw(st.sampled_from(_datelines(draw(st.dates(dt.date(1000, 1, 1))))))
    return draw(st.sampled_from(["", " ", "\t"])) + line + draw(TEXT)


@st.composite
def article_heads(draw: st.DrawFn) -> str:
    """Dateline-like lines among filler lines, sometimes pushed past the head."""
    lines = draw(
        st.lists(st.one_of(dateish_texts(), TEXT, dateline_lines()), min_size=1, max_size=6)
    )
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = draw(st.sampled_from(["", "x" * 400, "x" * 990 + "\n"])) + text
    return text


@FAST
@given(article_heads(), st.one_of(st.none(), PUBLISHED))
def test_find_dateline_never_raises_and_stays_in_the_head(
    text: str, published: dt.date | None
) -> None:
    dateline = find_dateline(text, published=published)
    event("no dateline" if dateline is None else "dateline")
    if dateline is None:
        return
    assert 0 <= dateline.start < dateline.end <= len(text)
    assert dateline.start < HEAD_CHARS
    # The dateline's own text names its date.
    named = resolve_date(text[dateline.start : dateline.end], published, prefer="past")
    assert named == (dateline.date, DateSource.EXPLICIT)


@SLOW
@given(
    st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)),
    st.integers(0, len(_datelines(dt.date(2000, 1, 1))) - 1),
    st.integers(0, HEAD_CHARS + 40),
    st.sampled_from([" ", "x"]),
)
def test_dateline_cut_by_the_head_is_never_misread(
    date: dt.date, form: int, offset: int, filler: str
) -> None:
    """A dateline wholly in the head is found; one cut by the head's end is never misread.

    Besides the drawn offset, the head is made to end at every character of the dateline.
    """
    line = _datelines(date)[form]
    for at in [offset, *range(HEAD_CHARS - len(line) - 1, HEAD_CHARS + 1)]:
        # One-character filler lines, then the dateline starting at `at`.
        head = (filler + "\n") * (at // 2) + (" " if at % 2 else "")
        text = head + line + "Talks resumed on Thursday in the Turkish city."
        dateline = find_dateline(text, published=date)
        assert dateline is None or dateline.date == date, (at, text[at:])
        if len(head) + len(line.rstrip()) <= HEAD_CHARS:
            assert dateline is not None and dateline.start == len(head)


@FAST
@given(st.dates())
def test_parse_published_round_trips_date_isoformat(date: dt.date) -> None:
    assert parse_published(date.isoformat()) == date
    assert parse_published(f" {date.isoformat()}\n") == date


DAY = 24 * 3600 * 10**6  # microseconds
OFFSETS = st.one_of(
    st.none(),
    st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
    # Python writes sub-minute offsets (historic local mean time) as "+00:19:32[.ffffff]".
    st.integers(-DAY + 1, DAY - 1).map(lambda us: dt.timezone(dt.timedelta(microseconds=us))),
)


@FAST
@given(
    st.datetimes(timezones=OFFSETS),
    st.sampled_from(["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]),
    st.sampled_from(["T", " "]),
)
def test_parse_published_round_trips_datetime_isoformat(
    moment: dt.datetime, timespec: str, sep: str
) -> None:
    """A date-time string keeps its calendar date as written, whatever its offset."""
    assert parse_published(moment.isoformat(sep=sep, timespec=timespec)) == moment.date()
    assert parse_published(moment) == moment.date()
