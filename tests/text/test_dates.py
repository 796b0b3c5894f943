"""Datelines, date expressions and publication dates."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dipevents.model.enums import DateSource, EventStatus
from dipevents.text.dates import (
    HEAD_CHARS,
    Dateline,
    find_dateline,
    parse_published,
    resolve_date,
    resolve_event_date,
)
from tests.support import SEED

D = dt.date
THU = D(2025, 4, 10)  # the seed's dateline, a Thursday
WED = D(2026, 5, 20)  # the domain doc's Wednesday
MON = D(2026, 5, 18)


# --- find_dateline ---------------------------------------------------------------------------


def test_seed_dateline_is_the_line_not_the_caption() -> None:
    text = SEED.read_text(encoding="utf-8")
    caption_date = text.index("April 10, 2025")

    dateline = find_dateline(text)

    assert dateline is not None
    assert (dateline.date, dateline.place) == (THU, "Istanbul")
    assert text[dateline.start : dateline.end] == "April 10, 2025 — ISTANBUL —"
    assert dateline.start > caption_date


@pytest.mark.parametrize(
    ("text", "date", "place", "span"),
    [
        (
            "April 10, 2025 — ISTANBUL — Talks ended.",
            THU,
            "Istanbul",
            "April 10, 2025 — ISTANBUL —",
        ),
        (
            "April 10, 2025 \u2013 NEW YORK: Talks.",
            THU,
            "New York",
            "April 10, 2025 \u2013 NEW YORK:",
        ),
        (
            "ISTANBUL, April 10, 2025 (Reuters) - Russia said",
            THU,
            "Istanbul",
            "ISTANBUL, April 10, 2025 (Reuters) -",
        ),
        (
            "WASHINGTON, D.C., April 10, 2025 (AP) — Officials",
            THU,
            "Washington, D.C.",
            "WASHINGTON, D.C., April 10, 2025 (AP) —",
        ),
        ("10 April 2025, Istanbul: Talks resumed.", THU, "Istanbul", "10 April 2025, Istanbul:"),
        ("2025-04-10 — ISTANBUL — Talks.", THU, "Istanbul", "2025-04-10 — ISTANBUL —"),
        ("Headline\n  2025-04-10\r\nBody text.", THU, None, "2025-04-10"),
        ("April 10, 2025 — The United States said", THU, None, "April 10, 2025 —"),
        ("April 10, 2025 — Talks Ended\nBody.", THU, None, "April 10, 2025 —"),
    ],
)
def test_dateline_styles(text: str, date: D, place: str | None, span: str) -> None:
    dateline = find_dateline(text)

    assert dateline is not None
    assert (dateline.date, dateline.place) == (date, place)
    assert text[dateline.start : dateline.end] == span


def test_yearless_dateline_needs_published() -> None:
    text = "ISTANBUL, April 10 (Reuters) - Russia and the United States said"

    assert find_dateline(text) is None
    assert find_dateline(text, published=D(2025, 4, 11)) == Dateline(THU, "Istanbul", 0, 30)


def test_yearless_dateline_in_january_takes_last_december() -> None:
    dateline = find_dateline("KYIV, Dec. 31 (Reuters) - ", published=D(2026, 1, 2))

    assert dateline is not None
    assert dateline.date == D(2025, 12, 31)


def test_caption_date_is_a_fallback() -> None:
    text = "Delegates meet in Istanbul, Turkey, April 9, 2025. REUTERS/Umit Bektas\nHeadline\nBody"

    dateline = find_dateline(text)

    assert dateline == Dateline(D(2025, 4, 9), None, 36, 49)
    assert text[dateline.start : dateline.end] == "April 9, 2025"


def test_dateline_beats_an_earlier_caption_with_another_date() -> None:
    text = "Delegates in Istanbul, April 9, 2025. REUTERS/Name\nApril 10, 2025 — ISTANBUL — Talks."

    dateline = find_dateline(text)

    assert dateline is not None
    assert (dateline.date, dateline.place) == (THU, "Istanbul")


def test_first_dateline_wins_whatever_its_style() -> None:
    text = "ISTANBUL, April 10, 2025 (Reuters) - Talks.\nApril 12, 2025\nMore."

    dateline = find_dateline(text)

    assert dateline is not None
    assert dateline.date == THU


@pytest.mark.parametrize(
    "text",
    [
        "ISTANBUL (AP) — Talks resumed on April 10, 2025.",
        "Talks were held on April 10, 2025 in Istanbul.",
        "April 31, 2025 — ISTANBUL — No such day.",
        "x" * HEAD_CHARS + "\nApril 10, 2025 — ISTANBUL — Too late.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


# --- resolve_date: explicit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("April 10, 2025", None, THU),
        ("10 April 2025", None, THU),
        ("2025-04-10", None, THU),
        ("2025-04-10T08:00:00Z", None, THU),
        ("Thursday, April 10, 2025", D(2026, 1, 1), THU),
        ("Apr. 10", D(2025, 4, 12), THU),
        ("Sept. 3rd", D(2025, 9, 30), D(2025, 9, 3)),
        ("on the 10th of April", D(2025, 4, 12), THU),
        ("February 27", THU, D(2025, 2, 27)),
        ("the prior February 27 consultations", THU, D(2025, 2, 27)),
        ("December 30", D(2026, 1, 3), D(2025, 12, 30)),
        ("May 2", THU, D(2025, 5, 2)),  # within a month ahead: this year
        ("June 20", THU, D(2024, 6, 20)),  # further ahead: last year
        ("February 29", THU, D(2024, 2, 29)),
        ("MAY 5", THU, D(2025, 5, 5)),
        ("they may 5 times, then on May 6", THU, D(2025, 5, 6)),
        ("February 30, 2025, then March 3, 2025", None, D(2025, 3, 3)),
    ],
)
def test_explicit_dates(expression: str, published: D | None, expected: D) -> None:
    assert resolve_date(expression, published) == (expected, DateSource.EXPLICIT)


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("January 5", D(2025, 12, 20), D(2026, 1, 5)),
        ("February 27", THU, D(2026, 2, 27)),
        ("March 20", THU, D(2025, 3, 20)),  # within a month back: this year
    ],
)
def test_explicit_dates_prefer_future(expression: str, published: D, expected: D) -> None:
    assert resolve_date(expression, published, prefer="future") == (expected, DateSource.EXPLICIT)


# --- resolve_date: relative ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "prefer", "expected"),
    [
        ("on Thursday", THU, "past", THU),
        ("Thursday\u2019s discussions", THU, "past", THU),
        ("on Tuesday", WED, "past", D(2026, 5, 19)),
        ("on Tuesday", WED, "future", D(2026, 5, 26)),
        ("on Friday", MON, "past", D(2026, 5, 15)),
        ("on Friday", MON, "future", D(2026, 5, 22)),
        ("on Monday", MON, "future", MON),
        ("next Friday", MON, "past", D(2026, 5, 22)),
        ("LAST Friday", MON, "future", D(2026, 5, 15)),
        ("last Monday", MON, "past", D(2026, 5, 11)),
        ("next Monday", MON, "past", D(2026, 5, 25)),
        ("this past Monday", MON, "future", D(2026, 5, 11)),
        ("this coming Wednesday", WED, "past", D(2026, 5, 27)),
        ("today", WED, "past", WED),
        ("tonight", WED, "past", WED),
        ("earlier this morning", WED, "past", WED),
        ("yesterday", WED, "future", D(2026, 5, 19)),
        ("last night", WED, "past", D(2026, 5, 19)),
        ("tomorrow", WED, "past", D(2026, 5, 21)),
        ("yesterday, not Friday", WED, "past", D(2026, 5, 19)),
    ],
)
def test_relative_dates(expression: str, published: D, prefer: str, expected: D) -> None:
    assert resolve_date(expression, published, prefer=prefer) == (expected, DateSource.RELATIVE)


@pytest.mark.parametrize(
    ("expression", "published", "status", "expected"),
    [
        # 006: cancelled on Tuesday 17 November, the meeting had been due "on Thursday".
        ("on Thursday", D(2026, 11, 17), EventStatus.OCCURRED, D(2026, 11, 12)),
        ("on Thursday", D(2026, 11, 17), EventStatus.PLANNED, D(2026, 11, 19)),
        ("on Thursday", D(2026, 11, 17), EventStatus.POSTPONED, D(2026, 11, 19)),
        ("on Thursday", D(2026, 11, 17), EventStatus.CANCELLED, D(2026, 11, 19)),
        # 026: a December long-read; the May round was called off, the January signing is ahead.
        ("on May 5", D(2026, 12, 3), EventStatus.CANCELLED, D(2026, 5, 5)),
        ("on January 15", D(2026, 12, 3), EventStatus.PLANNED, D(2027, 1, 15)),
        ("on January 15", D(2026, 12, 3), EventStatus.OCCURRED, D(2026, 1, 15)),
        # 022: a visit due five days after the report, cancelled.
        ("January 27", D(2026, 1, 22), EventStatus.CANCELLED, D(2026, 1, 27)),
    ],
)
def test_an_events_status_sets_the_direction(
    expression: str, published: D, status: EventStatus, expected: D
) -> None:
    assert resolve_event_date(expression, published, status)[0] == expected


def test_published_datetime_counts_as_its_date() -> None:
    published = dt.datetime(2026, 5, 20, 23, 30)

    assert resolve_date("on Tuesday", published) == (D(2026, 5, 19), DateSource.RELATIVE)


# --- resolve_date: no date -------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "in February",
        "earlier this year",
        "this week",
        "last week",
        "last month",
        "next year",
        "in 2024",
        "on Mondays",
        "recently",
        "",
    ],
)
def test_vague_expressions_give_none(expression: str) -> None:
    assert resolve_date(expression, WED) == (None, DateSource.NONE)


@pytest.mark.parametrize("expression", ["on Thursday", "yesterday", "February 27"])
def test_needs_published_when_incomplete(expression: str) -> None:
    assert resolve_date(expression, None) == (None, DateSource.NONE)


@pytest.mark.parametrize(
    ("expression", "published", "prefer"),
    [
        ("tomorrow", D.max, "past"),
        ("yesterday", D.min, "past"),
        ("next Monday", D.max, "past"),
        ("January 5", D(9999, 12, 20), "future"),
        ("December 30", D(1, 1, 3), "past"),
    ],
)
def test_ends_of_the_calendar_give_none(expression: str, published: D, prefer: str) -> None:
    assert resolve_date(expression, published, prefer=prefer) == (None, DateSource.NONE)


def test_unknown_prefer_is_an_error() -> None:
    with pytest.raises(ValueError, match="prefer"):
        resolve_date("on Tuesday", WED, prefer="Future")  # type: ignore[arg-type]


WEIRD = [
    "\x00\ufeff\u200b",
    "Augu\u017ft 5, thur\u017fday",  # long s matches "s" under Unicode case-insensitivity
    "\u212a",  # Kelvin sign
    "\u0662\u0660\u0662\u0665-\u0660\u0664-\u0661\u0660 — ISTANBUL —",  # Arabic-Indic
    "April 99, 99999 — X —",
    "0000-00-00",
    "".join(chr(0x1D7D8 + int(c)) if c.isdigit() else c for c in "2025-04-10"),
    "May " * 5000,
    "(" * 2000 + "ISTANBUL, April 10",
    "🇹🇷 İSTANBUL, 10 Nisan 2025 —",
]


def _fuzz_strings(count: int) -> list[str]:
    pieces = ["April", "may", "Sept.", "10", "2025", "-", "—", ",", " ", "\n", "last", "Thursday"]
    pieces += ["(Reuters)", "ISTANBUL", "REUTERS/", "\u017f", "é", "\x00", "0", "31", "of", "th"]
    rng = random.Random(20250410)
    return ["".join(rng.choices(pieces, k=rng.randint(0, 20))) for _ in range(count)]


@pytest.mark.parametrize("text", WEIRD + _fuzz_strings(300))
def test_any_string_is_safe(text: str) -> None:
    for prefer in ("past", "future"):
        date, source = resolve_date(text, WED, prefer=prefer)
        assert (date is None) == (source is DateSource.NONE)
        if source is DateSource.RELATIVE:
            assert abs((date - WED).days) <= 7
    find_dateline(text)
    find_dateline(text, published=WED)


# --- parse_published -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (THU, THU),
        (dt.datetime(2025, 4, 10, 8, 0), THU),
        ("2025-04-10", THU),
        (" 2025-04-10\n", THU),
        ("2025-04-10T08:00:00Z", THU),
        ("2025-04-10T23:30:00.123-05:00", THU),
        ("2025-04-10 08:00", THU),
    ],
)
def test_parse_published(value: object, expected: D | None) -> None:
    assert parse_published(value) == expected  # type: ignore[arg-type]


def test_parse_published_returns_a_plain_date() -> None:
    assert type(parse_published(dt.datetime(2025, 4, 10, 8, 0))) is D


@pytest.mark.parametrize(
    "value", ["", "April 10, 2025", "2025-13-01", "2025-02-30", "2025-04-10T", "10/04/2025"]
)
def test_parse_published_rejects_bad_strings(value: str) -> None:
    with pytest.raises(ValueError, match="ISO date"):
        parse_published(value)


def test_parse_published_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        parse_published(20250410)  # type: ignore[arg-type]


def test_date_expressions_are_found_with_offsets() -> None:
    from dipevents.text.dates import date_expressions

    text = "Talks on Thursday, April 10, 2025 followed the February 27 round; more next Monday."
    found = [text[start:end] for start, end in date_expressions(text)]
    assert found == ["Thursday", "April 10, 2025", "February 27", "next Monday"]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r", "\u2028"])
def test_a_dateline_opens_a_line_whatever_ends_the_line_before(line_end: str) -> None:
    text = f"Ministers meet{line_end}GENEVA, March 3, 2026 (Reuters) - The ministers met."
    found = find_dateline(text)
    assert found is not None and found.date == dt.date(2026, 3, 3) and found.place == "Geneva"
    assert text[found.start : found.end].startswith("GENEVA, March 3, 2026")


# --- French, Spanish and German ----------------------------------------------------------------

FR_THU = D(2026, 2, 5)  # 015's dateline, a Thursday
ES_WED = D(2026, 3, 11)  # 016's dateline, a Wednesday


@pytest.mark.parametrize(
    ("text", "date", "place", "span"),
    [
        (
            "KINSHASA, 5 février 2026 (AFP) - Les deux ministres se sont rencontrés.",
            FR_THU,
            "Kinshasa",
            "KINSHASA, 5 février 2026 (AFP) -",
        ),
        (
            "DAKAR, 12 mars (APS) - Le président a reçu son homologue.",
            D(2026, 3, 12),
            "Dakar",
            "DAKAR, 12 mars (APS) -",
        ),
        (
            "MADRID, 3 de abril (EFE).- Los cancilleres de los dos países se reunieron.",
            D(2026, 4, 3),
            "Madrid",
            "MADRID, 3 de abril (EFE).-",
        ),
        (
            "SANTIAGO, 11 de marzo de 2026 (EFE) - Los cancilleres acordaron el martes.",
            ES_WED,
            "Santiago",
            "SANTIAGO, 11 de marzo de 2026 (EFE) -",
        ),
        (
            "BERLIN, 9. Mai 2026 (dpa) - Der Außenminister und die Kanzlerin trafen sich.",
            D(2026, 5, 9),
            "Berlin",
            "BERLIN, 9. Mai 2026 (dpa) -",
        ),
        (
            "Par Nadia Nom\nPublié le 14/05/2026 à 18h02\nLa visite du ministre est reportée.",
            D(2026, 5, 14),
            None,
            "Publié le 14/05/2026",
        ),
    ],
)
def test_other_languages_datelines(text: str, date: D, place: str | None, span: str) -> None:
    dateline = find_dateline(text, published=D(2026, 5, 20))

    assert dateline is not None
    assert (dateline.date, dateline.place) == (date, place)
    assert text[dateline.start : dateline.end] == span


def test_a_dateline_with_a_place_beats_an_earlier_publication_line() -> None:
    text = "Publié le 13/02/2026\nKINSHASA, 5 février 2026 (AFP) - Les ministres se sont vus."
    dateline = find_dateline(text)
    assert dateline is not None and (dateline.date, dateline.place) == (FR_THU, "Kinshasa")


@pytest.mark.parametrize(
    ("expression", "published", "status", "expected"),
    [
        ("mercredi", FR_THU, EventStatus.OCCURRED, D(2026, 2, 4)),
        ("le 12 mars", FR_THU, EventStatus.PLANNED, D(2026, 3, 12)),
        ("le 1er avril", FR_THU, EventStatus.PLANNED, D(2026, 4, 1)),
        ("lundi 18 mai", D(2026, 5, 14), EventStatus.POSTPONED, D(2026, 5, 18)),
        ("mardi dernier", FR_THU, EventStatus.PLANNED, D(2026, 2, 3)),
        ("jeudi prochain", FR_THU, EventStatus.OCCURRED, D(2026, 2, 12)),
        ("hier", FR_THU, EventStatus.OCCURRED, D(2026, 2, 4)),
        ("aujourd’hui", FR_THU, EventStatus.OCCURRED, FR_THU),
        ("el martes", ES_WED, EventStatus.OCCURRED, D(2026, 3, 10)),
        ("el martes", ES_WED, EventStatus.PLANNED, D(2026, 3, 17)),
        ("el próximo lunes", ES_WED, EventStatus.OCCURRED, D(2026, 3, 16)),
        ("el lunes pasado", ES_WED, EventStatus.PLANNED, D(2026, 3, 9)),
        ("el sabado", ES_WED, EventStatus.OCCURRED, D(2026, 3, 7)),
        ("ayer", ES_WED, EventStatus.OCCURRED, D(2026, 3, 10)),
        ("el 3 de abril", ES_WED, EventStatus.PLANNED, D(2026, 4, 3)),
        ("am Donnerstag", ES_WED, EventStatus.OCCURRED, D(2026, 3, 5)),
        ("am Donnerstagabend", ES_WED, EventStatus.PLANNED, D(2026, 3, 12)),
        ("am kommenden Montag", ES_WED, EventStatus.OCCURRED, D(2026, 3, 16)),
        ("gestern", ES_WED, EventStatus.OCCURRED, D(2026, 3, 10)),
        ("morgen", ES_WED, EventStatus.PLANNED, D(2026, 3, 12)),
        ("am 9. Mai", ES_WED, EventStatus.PLANNED, D(2026, 5, 9)),
    ],
)
def test_other_languages_dates(
    expression: str, published: D, status: EventStatus, expected: D
) -> None:
    assert resolve_event_date(expression, published, status)[0] == expected


@pytest.mark.parametrize("expression", ["Santo Domingo", "am Morgen", "they may 5 ways"])
def test_words_count_only_in_their_case(expression: str) -> None:
    assert resolve_date(expression, ES_WED) == (None, DateSource.NONE)


def test_date_expressions_in_a_french_sentence() -> None:
    from dipevents.text.dates import date_expressions

    text = "Les ministres se sont rencontrés mercredi et doivent se revoir le 12 mars à Dakar."
    found = [text[start:end] for start, end in date_expressions(text)]
    assert found == ["mercredi", "12 mars"]


def test_an_english_sentence_reads_no_other_language() -> None:
    from dipevents.text.dates import date_expressions

    text = "The ministers said hier was the word of the day, and they met on Monday in Lyon."
    found = [text[start:end] for start, end in date_expressions(text)]
    assert found == ["Monday"]


def test_a_models_french_date_text_resolves_against_the_dateline() -> None:
    """The LLM path grounds a model's `date_text` with these dates too (`resolve.ground`)."""
    from dipevents.model.draft import ExtractionReply
    from dipevents.resolve.ground import assemble_events

    article = (
        "KINSHASA, 5 février 2026 (AFP) - Les ministres belge et congolais se sont rencontrés "
        "mercredi à Kinshasa."
    )
    reply = ExtractionReply.model_validate(
        {
            "events": [
                {
                    "event_type": "meeting",
                    "status": "occurred",
                    "summary": "The Belgian and Congolese ministers met.",
                    "date_text": "mercredi",
                    "date": None,
                    "location": None,
                    "duration_hours": None,
                    "participants": [],
                    "countries": ["BEL", "COD"],
                    "outcomes": [],
                    "disputes": [],
                    "evidence": "Les ministres belge et congolais se sont rencontrés mercredi",
                }
            ]
        }
    )
    dateline = find_dateline(article)
    assert dateline is not None

    (event,), _ = assemble_events(reply, article, dateline.date)

    assert event.date == D(2026, 2, 4) and event.date_source is DateSource.RELATIVE
