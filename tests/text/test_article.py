"""Bad article text gets a typed error before any request is sent."""

from __future__ import annotations

import pytest

from dipevents import InputError, extract_events
from dipevents.resolve import ground
from dipevents.rules import segment
from dipevents.text.article import (
    body_bounds,
    flattened,
    is_caption,
    is_heading,
    publication_date,
    text_lines,
)
from tests.support import SENTINEL_KEY
from tests.support.page_tails import LINE_ENDS, TAIL_HEADINGS
from tests.support.scripted_server import ScriptedServer


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        (b"", "empty"),
        ("PK\x03\x04\x00\x00binary", "binary"),
        ("".join(chr(i % 31) for i in range(500)) + "words", "binary"),
        (b"caf\xe9 talks", "not valid UTF-8"),
        ("x" * 300_001, "over the limit"),
        (12345, "expected the article as str or bytes"),
    ],
)
def test_bad_articles_fail_before_any_request(
    scripted: ScriptedServer, text: object, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        extract_events(
            text, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m", max_chars=300_000
        )
    assert scripted.requests == []


# A report written for these tests; the page tails that follow it are in tests.support.
HEADLINE = "Chile and Peru agree to reopen the Tacna crossing"
BODY = (
    "LIMA, March 3, 2026 - Chilean Foreign Minister Tomás Vidal and Peruvian Foreign Minister "
    "Rosa Quispe met in Lima on Tuesday and agreed to reopen the Tacna crossing to cargo trucks.",
    "Officials declined to make comments on the talks.",
    "Related talks are planned.",
)


def page(tail_heading: str, line_end: str = "\n") -> str:
    """The report, then `tail_heading` and a comment that claims something of its own."""
    lines = [HEADLINE, *BODY, tail_heading, "Bolivia and Argentina signed a gas pact in La Paz."]
    return line_end.join(lines) + line_end


@pytest.mark.parametrize("line_end", LINE_ENDS.values(), ids=LINE_ENDS.keys())
@pytest.mark.parametrize("heading", TAIL_HEADINGS)
def test_the_body_ends_at_a_tail_heading_on_any_line_end(heading: str, line_end: str) -> None:
    article = page(heading, line_end)
    start, end = body_bounds(article)
    assert start == 0 and article[end:].startswith(heading)
    assert article[:end].rstrip().endswith("Related talks are planned.")


@pytest.mark.parametrize(
    "line",
    [
        "Comments from the foreign ministry are expected on Wednesday",
        "Share prices rose after the talks.",
        "Posted by the ministry on its website, the statement said the talks went well.",
        "Related issues remain",
        "Subscribe to the view that diplomacy works?",
    ],
)
def test_a_body_line_that_merely_uses_a_tail_word_stays_body(line: str) -> None:
    article = "\n".join([HEADLINE, *BODY, line, "The ministers will meet again in May."])
    assert body_bounds(article) == (0, len(article))


def test_a_share_bar_under_the_headline_does_not_cut_the_report() -> None:
    article = "\n".join([HEADLINE, "Share this article", *BODY])
    assert body_bounds(article) == (0, len(article))


def test_the_rules_coder_and_the_grounding_share_one_guard() -> None:
    assert ground.body_bounds is segment.body_bounds is body_bounds


WRAPPED = (
    "Kenya and Uganda agree to reopen border\n"
    "\n"
    "NAIROBI, March 3 (Reuters) - Kenyan Foreign Minister Daniel\n"
    "Mwangi met Ugandan Foreign Minister Rose Akello in Kampala on\n"
    "Monday.\n"
    "\n"
    "The two ministers agreed to reopen the border crossing at Busia\n"
    "before the rainy season, officials said.\n"
)


def test_the_lines_of_a_hard_wrapped_paragraph_are_read_as_one() -> None:
    lines = [WRAPPED[start:end] for start, end in text_lines(WRAPPED, 0, len(WRAPPED))]
    assert lines == [
        "Kenya and Uganda agree to reopen border",
        "NAIROBI, March 3 (Reuters) - Kenyan Foreign Minister Daniel\n"
        "Mwangi met Ugandan Foreign Minister Rose Akello in Kampala on\nMonday.",
        "The two ministers agreed to reopen the border crossing at Busia\n"
        "before the rainy season, officials said.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ministers meet in Kampala\nKenyan Foreign Minister Daniel Mwangi met Ugandan Foreign "
        "Minister Rose Akello in Kampala on Monday, and the two agreed to reopen the border.",
        "The ministers met in Kampala on Monday and agreed to reopen it.\nThey will meet again.",
        "The two ministers agreed to reopen the border crossing at Busia\n\nbefore the rains.",
    ],
)
def test_lines_that_are_not_wrapped_stay_apart(text: str) -> None:
    assert len(list(text_lines(text, 0, len(text)))) == 2


def test_flattening_keeps_offsets() -> None:
    assert flattened("a\r\nb\nc") == "a  b c"


@pytest.mark.parametrize(
    ("head", "day"),
    [
        (
            "Ministers meet\nPublished October 14, 2026\n\nThe ministers met on Tuesday.",
            "2026-10-14",
        ),
        ("Ministers meet\n\nPosted Wed 21 Oct 2026 at 5:40am\nThey met on Monday.", "2026-10-21"),
        (
            "Talks\nAll News 15:02 October 29, 2026\n\nSEOUL, Oct 28 (Yonhap) -- They met.",
            "2026-10-28",
        ),
        ("Talks\nThe ministers met on October 9, 2026, in Lima.\nPublished October 14, 2026", None),
    ],
)
def test_the_page_gives_its_publication_date(head: str, day: str | None) -> None:
    found = publication_date(head)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize(
    "line",
    [
        "Caption: Foreign Minister Ana Lima meets her counterpart in Lima. (Agency)",
        "FILE PHOTO: Honour guards stand at attention in Hanoi. AFP/Archive",
        "Header image: Minister Ana Lima receives her counterpart in Lima on Monday.",
        "Minister Ana Lima (R) shakes hands with her Chilean counterpart in Lima.",
        "Minister Ana Lima with her counterpart in Lima. (Supplied: Foreign Ministry)",
    ],
)
def test_a_photo_caption_is_no_prose(line: str) -> None:
    article = "\n".join([HEADLINE, line, "Share", *BODY])
    assert is_caption(line) and body_bounds(article) == (0, len(article))


def test_the_coder_reads_no_caption_inside_the_page() -> None:
    article = "\n".join([HEADLINE, "Caption: Ministers Ana Lima and Tomás Vidal met. (Agency)"])
    assert extract_events(article + "\n" + BODY[2], backend="rules").events == []


def test_a_share_bar_under_the_standfirst_does_not_cut_the_report() -> None:
    standfirst = "A call and a meeting this week produced warm words. The hard part is open."
    article = "\n".join([HEADLINE, standfirst, "Share", *BODY])
    assert body_bounds(article) == (0, len(article))


def test_a_long_headline_is_a_heading() -> None:
    assert is_heading(
        "Sommet à Punta Cana : Haïti, la République dominicaine et les États-Unis s'engagent "
        "sur la sécurité frontalière"
    )
