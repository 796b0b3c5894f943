"""The article: checked before anything is sent, and where its body lies.

A news page carries more than the report: a photo caption before the headline, and a
reader-comments tail that may hold anything, prompt injections included. Claims must be
grounded in the body.
"""

from __future__ import annotations

import re

from dipevents.errors import InputError
from dipevents.text.dates import CAPTION_CREDIT

DEFAULT_MAX_CHARS = 2_000_000
_CONTROL_SHARE_LIMIT = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_COMMENTS = re.compile(
    r"^[ \t]*(?:comments|reader comments|\d+ comments)[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_LINE = re.compile(r"[^\n]+")


def checked_article(text: str | bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The article as text, or an `InputError` saying why it cannot be used.

    Bytes must be UTF-8. Text with NUL bytes or many control characters is taken for binary
    data. Offsets in the report refer to the returned string, which equals `text` when a
    string was passed in.
    """
    if isinstance(text, bytes):
        text = _decoded(text)
    if not isinstance(text, str):
        raise InputError(f"expected the article as str or bytes, got {type(text).__name__}")
    if not text.strip():
        raise InputError("the article is empty or only whitespace")
    if _looks_binary(text):
        raise InputError("the article looks like binary data, not text")
    if len(text) > max_chars:
        raise InputError(
            f"the article has {len(text):,} characters, over the limit of {max_chars:,} "
            "(raise max_chars to send it whole)"
        )
    return text


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"the article is not valid UTF-8 (byte {error.start}): decode it first"
        ) from None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:10_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls > _CONTROL_SHARE_LIMIT * len(sample)


def body_bounds(article: str) -> tuple[int, int]:
    """The report itself: after any photo caption, before any comments tail."""
    comments = _COMMENTS.search(article)
    end = comments.start() if comments else len(article)
    start = 0
    for line in _LINE.finditer(article, 0, end):
        if CAPTION_CREDIT.search(line.group()):
            start = line.end()
        elif line.group().strip():
            break
    return start, end
