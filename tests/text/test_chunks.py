"""Splitting long articles into overlapping pieces within a budget."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents.text.chunks import split_article
from tests.support.articles import long_article


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
    article = long_article(3_000)
    pieces = split_article(article, budget=4_000, overlap=400)
    assert len(pieces) > 3
    for before, after in itertools.pairwise(pieces):
        assert article[before.end - 1] == "\n" or re.search(r"[.!?]\s$", article[: before.end])
        assert re.search(r"(^|[.!?”’\"]\s+|\n)$", article[: after.start])


@pytest.mark.parametrize("budget, overlap", [(0, 0), (100, 50), (100, -1)])
def test_impossible_budgets_are_refused(budget: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        split_article("text", budget=budget, overlap=overlap)


# Regression pinned after the scale review: text without Latin full stops was cut mid-sentence.
def test_chinese_text_is_cut_at_its_own_full_stops() -> None:
    article = "两国外长周一在北京举行会谈。" * 3000
    pieces = split_article(article, budget=4_000, overlap=300)
    assert len(pieces) > 5
    for piece in pieces[:-1]:
        assert article[piece.end - 1] == "。"
    assert all(later.start < earlier.end for earlier, later in itertools.pairwise(pieces))
