"""Long articles: split into overlapping pieces, asked piece by piece, offsets in the whole."""

from __future__ import annotations

import asyncio
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents import extract_events
from dipevents.extractor.calls import aextract_events
from dipevents.text.chunks import split_article
from tests.conftest import SENTINEL_KEY
from tests.scripted_server import ScriptedServer, article_echo, reply_event

DEV = Path(__file__).resolve().parents[1] / "seeds" / "dev"


def _long_article(words: int) -> str:
    """Dev articles, numbered and repeated, up to `words` words."""
    bodies = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    parts, count, n = [], 0, 0
    while count < words:
        body = f"Part {n}. " + bodies[n % len(bodies)]
        parts.append(body)
        count += len(body.split())
        n += 1
    return "\n\n".join(parts)


def test_a_short_article_is_one_piece() -> None:
    assert [(p.start, p.end) for p in split_article("One sentence. Two.")] == [(0, 18)]


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("abc .\n!?"), min_size=0, max_size=5_000),
    budget=st.integers(min_value=50, max_value=900),
)
def test_pieces_cover_the_text_in_order_within_the_budget(text: str, budget: int) -> None:
    overlap = budget // 5
    pieces = split_article(text, budget=budget, overlap=overlap)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    for piece in pieces:
        assert 0 < piece.end - piece.start <= budget or len(text) == 0
    for before, after in itertools.pairwise(pieces):
        assert before.start < after.start <= before.end
        assert before.end - after.start <= overlap


def test_cuts_fall_on_paragraphs_and_pieces_start_at_sentences() -> None:
    article = _long_article(3_000)
    pieces = split_article(article, budget=4_000, overlap=400)
    assert len(pieces) > 3
    for before, after in itertools.pairwise(pieces):
        assert article[before.end - 1] == "\n" or re.search(r"[.!?]\s$", article[: before.end])
        assert re.search(r"(^|[.!?”’\"]\s+|\n)$", article[: after.start])


@pytest.mark.parametrize("budget, overlap", [(0, 0), (100, 50), (100, -1)])
def test_impossible_budgets_are_refused(budget: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        split_article("text", budget=budget, overlap=overlap)


def test_a_50000_word_article_completes_with_offsets_in_the_whole_text(
    scripted: ScriptedServer,
) -> None:
    article = _long_article(50_000)
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
    article = _long_article(8_000)
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


def test_the_rules_coder_reads_a_50000_word_article_whole() -> None:
    article = _long_article(50_000)
    report = extract_events(article, backend="rules")
    assert len(report.events) > 5  # the repeats merge into the events of the dev set
    assert all(article[e.evidence.start : e.evidence.end] == e.evidence.text for e in report)


def test_overlap_of_half_the_budget_is_a_configuration_error() -> None:
    from dipevents import ConfigurationError

    with pytest.raises(ConfigurationError, match="chunk_overlap"):
        extract_events("text", backend="rules", chunk_chars=4_000, chunk_overlap=2_000)


def test_a_quote_is_placed_in_the_piece_whose_reply_made_it() -> None:
    from dipevents.model.draft import ExtractionReply
    from dipevents.resolve.ground import assemble_pieces

    sentence = "The ministers met in Vienna to discuss the border."
    article = f"{sentence} Other news followed.\n\n{'Filler text. ' * 40}\n\n{sentence}"
    second = article.rindex(sentence)
    reply = ExtractionReply.model_validate({"events": [reply_event(evidence=sentence)]})
    (first_piece,), _ = assemble_pieces([(reply, 0)], article, None)
    (later_piece,), _ = assemble_pieces([(reply, second - 20)], article, None)
    assert first_piece.evidence.start == 0
    assert later_piece.evidence.start == second
