"""Ground quotes in their source text: verbatim, then normalised, then fuzzy.

Every result is a `Span`: aligned spans carry offsets with `text == source[start:end]`, and a
quote that cannot be placed comes back UNALIGNED with null offsets instead of being dropped.

A quote that differs from the source only in case, whitespace, typographic quotes and dashes, or
Unicode normalisation (an accent precomposed or combining: NFC or NFD) is the same words, so it
is labelled EXACT; its `text` is the source's own characters, which may differ from the quote in
those respects. No match cuts a letter from the combining accents that follow it. FUZZY is kept
for real differences (typos, dropped or added words), and is only tried for quotes of at least
four words, so a paraphrase cannot be pinned to a single word.

Fuzzy search does not scan the text per quote: the quote's rarest words vote for where it could
start, and only word-aligned windows around the best-voted places are scored (rapidfuzz's
`fuzz.ratio`, in C).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat

from rapidfuzz import fuzz, process

from dipevents.model.enums import Alignment
from dipevents.model.records import Span
from dipevents.text.fold import MARKS, caseless, is_mark

__all__ = ["SourceIndex", "align_quote"]

_SPACES = re.compile(r"\s+")
_LONG_SPACES = re.compile(r"\s{2,}")
_WORD = re.compile(f"[\\w{MARKS}]+")  # a decomposed accent stays in its word
_EDGE = re.compile(f"^[^\\w{MARKS}]+|[^\\w{MARKS}]+$")

_MIN_FUZZY_WORDS = 4
_MIN_FUZZY_CHARS = 15
_MAX_ANCHORS = 8  # rarest quote words that vote for a position
_MAX_CANDIDATES = 3  # best-voted positions whose windows are scored
_CHUNK = 256  # folding works chunk by chunk, character by character only where lengths change


@dataclass(frozen=True)
class _Folded:
    """A normalised text and, for each of its characters, the offset it came from."""

    text: str
    offsets: list[int]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the folded range `[start, end)` (non-empty) back to source offsets."""
        return self.offsets[start], max(self.offsets[start:end]) + 1  # marks may be reordered

    def position(self, source_offset: int) -> int:
        """The folded position of a source offset."""
        return bisect_left(self.offsets, source_offset)


@dataclass(frozen=True)
class _Words:
    """The word tokens of a folded text, with an index from word to token numbers."""

    starts: list[int]
    ends: list[int]
    where: dict[str, list[int]]


def _collapsed_offsets(text: str) -> list[int]:
    """For each character of `text` with whitespace runs collapsed, its offset in `text`."""
    offsets: list[int] = []
    after = 0
    for run in _LONG_SPACES.finditer(text):  # a collapsed run keeps its first offset
        offsets.extend(range(after, run.start() + 1))
        after = run.end()
    offsets.extend(range(after, len(text)))
    return offsets


def _fold(text: str) -> _Folded:
    """Collapse whitespace runs, then `caseless` each character, keeping where it came from."""
    spaced, offsets = _SPACES.sub(" ", text), _collapsed_offsets(text)
    parts: list[str] = []
    folded_offsets: list[int] = []
    for at, stop in _chunks(spaced):
        chunk, chunk_offsets = spaced[at:stop], offsets[at:stop]
        folded = caseless(chunk)
        if len(folded) == len(chunk) and unicodedata.is_normalized("NFD", chunk):
            parts.append(folded)  # nothing expanded, composed or reordered: one for one
            folded_offsets.extend(chunk_offsets)
            continue
        pieces = [
            (piece, offset)
            for char, offset in zip(chunk, chunk_offsets, strict=True)
            for piece in _caseless_char(char)
        ]
        folded = "".join(piece for piece, _ in pieces)
        if not unicodedata.is_normalized("NFD", folded):  # marks of two characters meet
            pieces = _canonical_order(pieces)
            folded = "".join(piece for piece, _ in pieces)
        parts.append(folded)
        folded_offsets.extend(offset for _, offset in pieces)
    return _Folded("".join(parts), folded_offsets)


_caseless_char = lru_cache(maxsize=4096)(caseless)


def _chunks(text: str) -> list[tuple[int, int]]:
    """`[start, stop)` ranges of about `_CHUNK` characters that never split a run of marks."""
    ranges = []
    start = 0
    while start < len(text):
        stop = min(start + _CHUNK, len(text))
        while stop < len(text) and unicodedata.combining(text[stop]):
            stop += 1
        ranges.append((start, stop))
        start = stop
    return ranges


def _canonical_order(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Characters in NFD's canonical order: each run of combining marks sorted (stably) by
    combining class, each mark keeping the offset it came from."""
    ordered: list[tuple[str, int]] = []
    run: list[tuple[str, int]] = []
    for piece in pieces:
        if unicodedata.combining(piece[0]):
            run.append(piece)
            continue
        ordered += sorted(run, key=lambda mark: unicodedata.combining(mark[0]))
        ordered.append(piece)
        run = []
    return ordered + sorted(run, key=lambda mark: unicodedata.combining(mark[0]))


def _index_words(text: str) -> _Words:
    starts: list[int] = []
    ends: list[int] = []
    where: defaultdict[str, list[int]] = defaultdict(list)
    for number, match in enumerate(_WORD.finditer(text)):
        starts.append(match.start())
        ends.append(match.end())
        where[match.group()].append(number)
    return _Words(starts, ends, dict(where))


def _find(text: str, needle: str, near: int) -> int:
    """First whole occurrence at or after `near`, else the first one, else -1.

    An occurrence is whole when it neither starts on a combining mark nor stops before one:
    "Le" is not found in a decomposed "Le\u0302".
    """
    for start in (near, 0):
        hit = text.find(needle, start)
        while hit >= 0 and _cuts_a_letter(text, hit, hit + len(needle)):
            hit = text.find(needle, hit + 1)
        if hit >= 0:
            return hit
    return -1


def _cuts_a_letter(text: str, start: int, end: int) -> bool:
    return (start < len(text) and is_mark(text[start])) or (end < len(text) and is_mark(text[end]))


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_" or is_mark(char)


def _snap(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen `[start, end)` so it neither starts nor ends inside a word (or before its marks)."""
    while 0 < start < len(source) and _in_word(source[start - 1]) and _in_word(source[start]):
        start -= 1
    while 0 < end < len(source) and _in_word(source[end - 1]) and _in_word(source[end]):
        end += 1
    return start, end


def _aligned(source: str, start: int, end: int, alignment: Alignment) -> Span:
    return Span(text=source[start:end], start=start, end=end, alignment=alignment)


class SourceIndex:
    """A source text prepared once (lazily) for aligning many quotes against it."""

    def __init__(self, source: str) -> None:
        self.source = source

    @cached_property
    def _folded(self) -> _Folded:
        return _fold(self.source)

    @cached_property
    def _words(self) -> _Words:
        return _index_words(self._folded.text)

    def align(self, quote: str, *, near: int = 0, min_score: float = 90.0) -> Span:
        """Locate `quote`; prefer the first match at or after the source offset `near`."""
        if not quote.strip():
            return Span(text=quote, alignment=Alignment.UNALIGNED)
        near = max(near, 0)
        hit = _find(self.source, quote, near)
        if hit >= 0:
            return _aligned(self.source, hit, hit + len(quote), Alignment.EXACT)
        folded_quote = _fold(quote).text.strip()
        folded_near = self._folded.position(near)
        hit = _find(self._folded.text, folded_quote, folded_near)
        if hit >= 0:
            start, end = self._folded.to_source(hit, hit + len(folded_quote))
            return _aligned(self.source, start, end, Alignment.EXACT)
        return self._fuzzy(quote, folded_quote, folded_near, min_score)

    def _fuzzy(self, quote: str, folded_quote: str, folded_near: int, min_score: float) -> Span:
        core = _EDGE.sub("", folded_quote)
        words = _WORD.findall(core)
        if len(words) < _MIN_FUZZY_WORDS or len(core) < _MIN_FUZZY_CHARS:
            return Span(text=quote, alignment=Alignment.UNALIGNED)
        windows = self._windows(words, folded_near)
        texts = [
            self._folded.text[self._words.starts[s] : self._words.ends[e - 1]] for s, e in windows
        ]
        best = process.extractOne(core, texts, scorer=fuzz.ratio, score_cutoff=min_score)
        if best is None:
            return Span(text=quote, alignment=Alignment.UNALIGNED)
        first, stop = windows[best[2]]
        start, end = self._folded.to_source(self._words.starts[first], self._words.ends[stop - 1])
        return _aligned(self.source, *_snap(self.source, start, end), Alignment.FUZZY)

    def _windows(self, words: list[str], folded_near: int) -> list[tuple[int, int]]:
        """Word ranges `(first, stop)` worth scoring, best-voted and nearest first."""
        slack = 2 + len(words) // 8
        total = len(self._words.starts)
        windows: list[tuple[int, int]] = []
        for diagonal in self._diagonals(words, folded_near, slack):
            for first in range(max(0, diagonal - slack), min(total, diagonal + slack + 1)):
                low = max(first + 1, diagonal + len(words) - slack)
                high = min(total, diagonal + len(words) + slack)
                windows.extend((first, stop) for stop in range(low, high + 1))
        return windows

    def _diagonals(self, words: list[str], folded_near: int, slack: int) -> list[int]:
        """Word numbers where the quote may start, voted for by its rarest words."""
        where = self._words.where
        known = dict.fromkeys(w for w in words if w in where)  # in quote order: deterministic
        anchors = set(sorted(known, key=lambda w: len(where[w]))[:_MAX_ANCHORS])
        votes: Counter[int] = Counter()
        for position, word in enumerate(words):
            if word in anchors:
                votes.update(map(operator.sub, where[word], repeat(position)))
        if not votes:
            return []
        enough = max(votes.values()) / 2  # a dropped word splits the votes over two diagonals
        near_word = bisect_left(self._words.starts, folded_near)
        pool = [diagonal for diagonal, count in votes.items() if count >= enough]
        ranked = sorted(pool, key=lambda d: (-votes[d], d < near_word, d))
        chosen: list[int] = []
        for diagonal in ranked:
            if all(abs(diagonal - other) > slack for other in chosen):
                chosen.append(diagonal)
                if len(chosen) == _MAX_CANDIDATES:
                    break
        return chosen


@lru_cache(maxsize=4)
def _index_of(source: str) -> SourceIndex:
    """Recent sources stay indexed, so calling `align_quote` claim by claim stays fast."""
    return SourceIndex(source)


def align_quote(source: str, quote: str, *, near: int = 0, min_score: float = 90.0) -> Span:
    """Align one quote in `source` (see `SourceIndex.align`)."""
    return _index_of(source).align(quote, near=near, min_score=min_score)
