"""One article through the Extractor: its publication date, long articles in pieces, tokens."""

from __future__ import annotations

import asyncio

import pytest

from dipevents import InputError, InvalidReplyError, extract_events
from dipevents.extractor.calls import aextract_events
from dipevents.extractor.engine import AsyncExtractor
from dipevents.text.chunks import split_article
from tests.support import SENTINEL_KEY
from tests.support.articles import long_article
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion


def test_bad_published_date_is_an_input_error(scripted: ScriptedServer) -> None:
    with pytest.raises(InputError):
        extract_events(
            "Talks.",
            published="10/04/2025",
            base_url=scripted.base_url,
            api_key=SENTINEL_KEY,
            model="m",
        )


# Regression pinned after review: a report without a publication date did not say so.
def test_a_missing_publication_date_is_said() -> None:
    report = extract_events(
        "U.S. and Russian diplomats held talks in Istanbul on Thursday.", backend="rules"
    )
    assert report.published is None and report.events[0].date is None
    assert report.warnings[0].startswith("no publication date given")
    dated = extract_events(
        "U.S. and Russian diplomats held talks in Istanbul on Thursday.",
        backend="rules",
        published="2025-04-10",
    )
    assert dated.events[0].date.isoformat() == "2025-04-10" and dated.warnings == []


def test_without_a_given_date_the_page_gives_it() -> None:
    """A date line over the body dates the report and gives a yearless dateline its year."""
    page = (
        "Ministers meet on trade\n"
        "Published October 14, 2026\n"
        "SEOUL, Oct 14 (Yonhap) -- The foreign ministers of South Korea and Japan met in Seoul "
        "on Tuesday.\n"
    )
    report = extract_events(page, backend="rules")
    assert report.published is not None and report.published.isoformat() == "2026-10-14"
    assert report.events[0].date is not None and report.events[0].date.isoformat() == "2026-10-13"


def test_a_50000_word_article_completes_with_offsets_in_the_whole_text(
    scripted: ScriptedServer,
) -> None:
    article = long_article(50_000)
    assert len(article.split()) >= 50_000
    scripted.fallback = article_echo()
    report = extract_events(
        article, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="scripted"
    )
    pieces = split_article(article)
    assert len(scripted.requests) == len(pieces) > 10
    quoted = [request.body["messages"][-1]["content"] for request in scripted.requests]
    for piece, sent in zip(pieces, quoted, strict=True):
        assert article[piece.start : piece.end] in sent
    assert len(report.events) > 1  # events alike in type, date and parties are merged
    for event in report.events:
        span = event.evidence
        assert article[span.start : span.end] == span.text
        assert span.start > 0 or event.id == "e1"
    assert report.usage.attempts == len(pieces)
    assert any("overlapping pieces" in warning for warning in report.warnings)


def test_pieces_of_one_article_are_asked_for_together_by_the_async_path(
    scripted: ScriptedServer,
) -> None:
    article = long_article(8_000)
    scripted.fallback = article_echo(delay=0.1)
    report = asyncio.run(
        aextract_events(
            article,
            base_url=scripted.base_url,
            api_key=SENTINEL_KEY,
            model="scripted",
            chunk_chars=10_000,
            chunk_overlap=500,
        )
    )
    assert len(scripted.requests) > 3
    assert scripted.max_in_flight > 1
    assert report.usage.attempts == len(scripted.requests)
    starts = [event.evidence.start for event in report.events]
    assert starts == sorted(starts)


# Regression pinned after the scale review: a failed piece on the async path reported only its
# own tokens.
def test_a_failed_piece_reports_the_tokens_of_every_piece_on_the_async_path(
    scripted: ScriptedServer,
) -> None:
    sentence = "The delegations met in Geneva on Monday and talked for hours. "
    article = sentence * 80 + "\n\n" + sentence * 80
    good = ScriptedReply(body=completion('{"events": []}', prompt_tokens=1000))
    bad = ScriptedReply(body=completion("not json", prompt_tokens=1000))
    scripted.queue(good, bad, bad, bad)
    options = {"chunk_chars": 6_000, "chunk_overlap": 500, "max_reasks": 2}
    assert len(split_article(article, budget=6_000, overlap=500)) == 2
    with pytest.raises(InvalidReplyError) as failed:
        asyncio.run(_aextract(scripted, article, options))
    assert failed.value.usage.attempts == 4
    assert failed.value.usage.prompt_tokens == 4000


async def _aextract(server: ScriptedServer, article: str, options: dict) -> object:
    async with AsyncExtractor(base_url=server.base_url, api_key="k", model="m", **options) as ex:
        return await ex.aextract(article)
