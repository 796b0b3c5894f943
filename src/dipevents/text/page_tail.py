"""Recognising the heading that opens a news page's tail (`lexicons/page_tails.txt`).

After the report, a page carries reader comments, related links, share buttons and newsletter
boxes. Each opens with a short line of its own ("Comments (42)", "Related articles", "Share on
Facebook"); a sentence that merely uses such a word ("Related talks are planned.") is not one.
"""

from __future__ import annotations

import re
from functools import cache

from dipevents.text.lexicon import phrases

_COUNT = r"(?:\d+(?:[.,]\d)?k|\d{1,3}(?:[,. ]\d{3})+|\d+)"
_REST = r"\S.*"
_MAX_CHARS = 120
_MAX_WORDS = 12
# Unicode white space (U+00A0, U+2009, U+3000 ...) and the invisible characters pages put in.
_ODD_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_BULLETS = "•·▪▶►»›>*#-–— "
_DECORATION = ":|»›>→…- "


def is_tail_heading(line: str) -> bool:
    """Whether `line` (one line, without its line break) is a tail heading."""
    return _is_heading_of(line, "page_tails.txt") or is_share_bar(line)


def is_share_bar(line: str) -> bool:
    """Whether `line` is a share or sign-up bar (`share_bars.txt`), which a page may also put
    under the headline or its standfirst."""
    return _is_heading_of(line, "share_bars.txt")


def _is_heading_of(line: str, lexicon: str) -> bool:
    """Whether `line` is one of the headings of `lexicon`."""
    if len(line) > _MAX_CHARS:
        return False
    text = _ODD_SPACE.sub(" ", line).strip(_BULLETS)
    text = text.removesuffix("...").rstrip(_DECORATION)
    if not text or text[-1] in ".!?" or len(text.split()) > _MAX_WORDS:
        return False
    return _heading_pattern(lexicon).fullmatch(text.casefold()) is not None


@cache
def _heading_pattern(lexicon: str) -> re.Pattern[str]:
    alternatives = "|".join(_as_pattern(heading) for heading in phrases(lexicon))
    return re.compile(f"(?:{alternatives})")


def _as_pattern(heading: str) -> str:
    escaped = re.escape(" ".join(heading.casefold().split()))
    return escaped.replace("<n>", _COUNT).replace(r"\.\.\.", _REST)
