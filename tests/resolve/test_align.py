"""Aligning quotes to their source: exact, normalised, fuzzy and unaligned."""

from __future__ import annotations

import random
import unicodedata

import pytest

from dipevents.model.enums import Alignment
from dipevents.model.records import Span
from dipevents.resolve.align import SourceIndex, align_quote
from tests.support import SEED as SEED_FILE

SEED = SEED_FILE.read_text("utf-8")


def assert_grounded(span: Span, source: str) -> None:
    """An aligned span points at exactly its own text inside `source`."""
    assert span.start is not None and span.end is not None
    assert 0 <= span.start <= span.end <= len(source)
    assert source[span.start : span.end] == span.text


def occurrences(source: str, needle: str) -> list[int]:
    found, at = [], source.find(needle)
    while at >= 0:
        found.append(at)
        at = source.find(needle, at + 1)
    return found


def test_verbatim_quote_is_exact() -> None:
    quote = "Russia\u2019s newly appointed ambassador to Washington, Alexander Darchiev"
    span = align_quote(SEED, quote)
    assert span.alignment is Alignment.EXACT
    assert span.text == quote
    assert span.start == SEED.index(quote)
    assert_grounded(span, SEED)


def test_repeated_quote_prefers_first_occurrence_at_or_after_near() -> None:
    starts = occurrences(SEED, "Istanbul")
    assert len(starts) >= 3
    assert align_quote(SEED, "Istanbul").start == starts[0]
    assert align_quote(SEED, "Istanbul", near=starts[1]).start == starts[1]
    assert align_quote(SEED, "Istanbul", near=starts[1] + 1).start == starts[2]
    assert align_quote(SEED, "Istanbul", near=starts[-1] + 1).start == starts[0]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("russia's newly   appointed\nAMBASSADOR", "Russia\u2019s newly appointed ambassador"),
        (
            'continued "the constructive approach"',
            "continued \u201cthe constructive approach\u201d",
        ),
        ("deterioration in U.S.-Russia relations", "deterioration in U.S.\u2013Russia relations"),
        ("  bilateral MISSIONS-a key issue ", "bilateral missions\u2014a key issue"),
    ],
)
def test_case_whitespace_and_typography_variants_are_exact_with_source_text(
    quote: str, expected: str
) -> None:
    span = align_quote(SEED, quote)
    assert span.alignment is Alignment.EXACT
    assert span.text == expected
    assert_grounded(span, SEED)


def test_normalised_match_respects_near() -> None:
    source = SEED + "\n" + SEED
    span = align_quote(source, "RUSSIA'S NEWLY APPOINTED AMBASSADOR", near=len(SEED))
    assert span.alignment is Alignment.EXACT
    assert span.start is not None and span.start > len(SEED)
    assert_grounded(span, source)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (  # typo
            "the consultations enabled progress on the goal of restoring ful diplomatic functions",
            "the consultations enabled progress on the goal of restoring full diplomatic functions",
        ),
        (  # dropped word
            "Darchiev noted that both sides had underscored the importance of resuming direct "
            "flights",
            "Darchiev noted that both sides had also underscored the importance of resuming direct "
            "flights",
        ),
        (  # inserted word
            "the consultations enabled real progress on the goal of restoring full diplomatic "
            "functions",
            "the consultations enabled progress on the goal of restoring full diplomatic functions",
        ),
    ],
)
def test_near_miss_in_long_quote_is_fuzzy_on_source_text(quote: str, expected: str) -> None:
    span = align_quote(SEED, quote)
    assert span.alignment is Alignment.FUZZY
    assert span.text == expected
    assert_grounded(span, SEED)


def test_fuzzy_match_respects_near() -> None:
    source = SEED + "\n" + SEED
    quote = (
        "Darchiev noted that both sides had underscored the importance of resuming direct flights"
    )
    first = align_quote(source, quote)
    later = align_quote(source, quote, near=len(SEED))
    assert first.alignment is later.alignment is Alignment.FUZZY
    assert first.start is not None and first.start < len(SEED)
    assert later.start is not None and later.start > len(SEED)
    assert_grounded(later, source)


def test_fuzzy_match_survives_a_decoy_sharing_more_words_in_a_row() -> None:
    source = (
        "Earlier the delegations agreed to restore direct flights in principle, officials said. "
        "Later the delegations agreed to restore the direct flights between both capitals."
    )
    quote = "the delegations agreed to restore direct flights between both capitals"
    span = align_quote(source, quote)
    assert span.alignment is Alignment.FUZZY
    assert span.text == "the delegations agreed to restore the direct flights between both capitals"
    assert_grounded(span, source)


def test_min_score_sets_how_close_a_fuzzy_match_must_be() -> None:
    quote = (
        "consultations allowed some progress toward the aim of restoring full diplomatic functions"
    )
    assert align_quote(SEED, quote).alignment is Alignment.UNALIGNED
    assert align_quote(SEED, quote, min_score=80).alignment is Alignment.FUZZY


@pytest.mark.parametrize(
    "quote",
    [
        "The talks lasted about six hours in the consulate",
        "Washington complained that Moscow bans local hires at its embassy",
        "the of and the to in a that the of",
    ],
)
def test_paraphrase_is_unaligned(quote: str) -> None:
    span = align_quote(SEED, quote)
    assert span == Span(text=quote, alignment=Alignment.UNALIGNED)


@pytest.mark.parametrize("quote", ["Sonata Coultr", "Darchiev told TAS"])
def test_short_quote_is_never_fuzzy_matched(quote: str) -> None:
    assert align_quote(SEED, quote, min_score=50).alignment is Alignment.UNALIGNED


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_empty_quote_is_unaligned(quote: str) -> None:
    assert align_quote(SEED, quote) == Span(text=quote, alignment=Alignment.UNALIGNED)


@pytest.mark.parametrize(
    ("source", "quote", "expected"),
    [
        ("会谈在伊斯坦布尔举行。双方同意继续磋商。", "双方同意继续磋商", "双方同意继续磋商"),
        (
            "Die Straße ist lang \u2014 sagte er.",
            "STRASSE IST LANG - sagte",
            "Straße ist lang \u2014 sagte",
        ),
        ("Talks 🤝🏽 in İzmir went well", "i̇zmir WENT well", "İzmir went well"),
    ],
)
def test_unicode_exact_and_normalised_offsets(source: str, quote: str, expected: str) -> None:
    span = align_quote(source, quote)
    assert span.alignment is Alignment.EXACT
    assert span.text == expected
    assert_grounded(span, source)


def test_fuzzy_span_keeps_combining_marks_of_its_last_word() -> None:
    source = "Officials said the foreign minister then flew on to Bogota\u0301 for more talks."
    span = align_quote(source, "the foreign ministr then flew on to Bogota")
    assert span.alignment is Alignment.FUZZY
    assert span.text == "the foreign minister then flew on to Bogota\u0301"
    assert_grounded(span, source)


def test_arbitrary_unicode_never_raises_and_offsets_stay_valid() -> None:
    alphabet = "ab Z\u2019\u201c\u201d\u2014\u2013\u0301\u200d\u00a0\n中文🤝🏽ßİﬁ…\ud800"
    rng = random.Random(0)
    for _ in range(300):
        source = "".join(rng.choices(alphabet, k=rng.randint(0, 60)))
        start = rng.randint(0, len(source))
        quote = source[start : start + rng.randint(0, 25)]
        if rng.random() < 0.5:
            quote = "".join(rng.choices(alphabet, k=len(quote))) or quote.upper()
        span = align_quote(source, quote, near=rng.randint(-5, 70))
        if span.is_aligned:
            assert_grounded(span, source)
        else:
            assert span.text == quote


def test_source_index_gives_the_same_spans_as_align_quote() -> None:
    quotes = [
        "Moscow",
        "RUSSIA'S NEWLY APPOINTED AMBASSADOR",
        "the consultations enabled progress on the goal of restoring ful diplomatic functions",
        "The talks lasted about six hours in the consulate",
    ]
    index = SourceIndex(SEED)
    assert [index.align(q) for q in quotes] == [align_quote(SEED, q) for q in quotes]


_NAMES_NFC = (
    "HANOI, May 4 \u2014 Vi\u1ec7t Nam's Foreign Minister B\u00f9i Thanh S\u01a1n met France's "
    "Jean-No\u00ebl Barrot and Spain's Jos\u00e9 Manuel Albares at the Ph\u1ee7 Ch\u1ee7 t\u1ecbch "
    "on Thursday. Nguy\u1ec5n Th\u1ecb Thanh H\u00e0, a deputy minister, attended, as did "
    "Mar\u00eda Pe\u00f1a and Fran\u00e7ois L\u00e9ger."
)
_NAME_QUOTES = (
    "B\u00f9i Thanh S\u01a1n",
    "Jean-No\u00ebl Barrot",
    "Jos\u00e9 Manuel Albares",
    "Ph\u1ee7 Ch\u1ee7 t\u1ecbch",
    "Nguy\u1ec5n Th\u1ecb Thanh H\u00e0",
    "Mar\u00eda Pe\u00f1a and Fran\u00e7ois L\u00e9ger",
    "Vi\u1ec7t Nam",
)


@pytest.mark.parametrize(("article_form", "quote_form"), [("NFD", "NFC"), ("NFC", "NFD")])
@pytest.mark.parametrize("quote", _NAME_QUOTES)
def test_alignment_does_not_depend_on_unicode_normalisation(
    article_form: str, quote_form: str, quote: str
) -> None:
    article = unicodedata.normalize(article_form, _NAMES_NFC)  # type: ignore[arg-type]
    written = unicodedata.normalize(quote_form, quote)  # type: ignore[arg-type]
    assert written not in article
    span = align_quote(article, written)
    assert span.alignment is Alignment.EXACT
    assert span.text == unicodedata.normalize(article_form, quote)  # type: ignore[arg-type]
    assert_grounded(span, article)


def test_combining_marks_in_any_order_are_the_same_letter() -> None:
    article = "Talks in Vie\u0302\u0323t Nam ended."  # circumflex before dot below: not canonical
    span = align_quote(article, "in Vi\u1ec7t Nam")
    assert span.alignment is Alignment.EXACT
    assert span.text == "in Vie\u0302\u0323t Nam"
    assert_grounded(span, article)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_letter_is_never_cut_from_its_accent(form: str) -> None:
    article = unicodedata.normalize(form, "Minister L\u00ea met Minister Le Van")  # type: ignore[arg-type]
    span = align_quote(article, "Minister Le")
    assert span.alignment is Alignment.EXACT
    assert span.start == article.index("Minister Le V")
    assert_grounded(span, article)


def test_fuzzy_alignment_does_not_depend_on_unicode_normalisation() -> None:
    article = unicodedata.normalize("NFD", _NAMES_NFC)
    quote = "Foreign Minister B\u00f9i Thanh S\u01a1n met Frances Jean-No\u00ebl Barrot"
    span = align_quote(article, quote)
    assert span.alignment is Alignment.FUZZY
    assert span.text == unicodedata.normalize(
        "NFD", "Foreign Minister B\u00f9i Thanh S\u01a1n met France's Jean-No\u00ebl Barrot"
    )
    assert_grounded(span, article)
