"""Splitting a long article into overlapping pieces a model can read in one request.

Cuts fall on a paragraph break where one lies in the second half of the budget, else at the
end of a sentence, else at a space; a piece is never longer than the budget. Each piece after
the first starts at a sentence that began within `overlap` characters before the previous cut,
so a sentence cut off at the end of one piece is read whole at the start of the next. Pieces are
plain offsets into the article, so every quote can be placed in the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_CHUNK_CHARS = 24_000
"""About 6,000 tokens of English: room for the prompt and a full reply in an 8k context."""
DEFAULT_CHUNK_OVERLAP = 1_500

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[。！？][」』”’）]*")
"""A sentence ends at . ! ? … followed by space, or at the full-width 。！？ of Chinese and
Japanese, which need no space after them."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    """One piece of the article: `article[start:end]`."""

    start: int
    end: int


def split_article(
    article: str, *, budget: int = DEFAULT_CHUNK_CHARS, overlap: int = DEFAULT_CHUNK_OVERLAP
) -> list[Piece]:
    """The pieces of `article`, in order, covering all of it; one piece when it fits."""
    if budget <= 0 or overlap < 0 or overlap >= budget // 2:
        raise ValueError("need budget > 0 and 0 <= overlap < budget / 2")
    pieces: list[Piece] = []
    start = 0
    while len(article) - start > budget:
        cut = _cut(article, start, start + budget)
        pieces.append(Piece(start, cut))
        start = _next_start(article, start, cut, overlap)
    pieces.append(Piece(start, len(article)))
    return pieces


def _cut(article: str, start: int, limit: int) -> int:
    """The best place to end a piece that starts at `start` and may not pass `limit`."""
    half = start + (limit - start) // 2
    for boundary in (_PARAGRAPH, _LINE, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in boundary.finditer(article, half, limit)]
        if ends:
            return ends[-1]
    return limit


def _next_start(article: str, previous: int, cut: int, overlap: int) -> int:
    """The first sentence start at or after `cut - overlap` (the cut itself if none)."""
    earliest = max(cut - overlap, previous + 1)
    match = _SENTENCE_END.search(article, earliest, cut)
    return match.end() if match and match.end() < cut else cut
