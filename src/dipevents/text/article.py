"""The article: checked before anything is sent, and where its body lies.

A news page carries more than the report: a photo caption before the headline, and a tail of
reader comments, related links, share buttons and newsletter boxes that may hold anything,
prompt injections included. Claims must be grounded in the body. Both the rules coder and the
grounding of model replies take the body from `body_bounds`.
"""

from __future__ import annotations

from dipevents.errors import InputError
from dipevents.text.dates import CAPTION_CREDIT
from dipevents.text.lines import LINE
from dipevents.text.page_tail import is_tail_heading

DEFAULT_MAX_CHARS = 2_000_000
_CONTROL_SHARE_LIMIT = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_HEADING_MAX_WORDS = 14


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
    """The report itself: after any photo caption, before the page's tail.

    The tail opens at the first tail heading (`dipevents.text.page_tail`) that follows a line
    of prose, so that a share bar under the headline does not cut the report away.
    """
    start = _after_caption(article)
    return start, _tail_start(article, start)


def is_heading(line: str) -> bool:
    """A headline or section heading: short and without closing punctuation."""
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[-1] not in '.!?"”’)'
        and len(stripped.split()) <= _HEADING_MAX_WORDS
    )


def _after_caption(article: str) -> int:
    start = 0
    for line in LINE.finditer(article):
        if CAPTION_CREDIT.search(line.group()):
            start = line.end()
        elif line.group().strip():
            break
    return start


def _tail_start(article: str, start: int) -> int:
    after_prose = False
    for line in LINE.finditer(article, start):
        text = line.group()
        if after_prose and is_tail_heading(text):
            return line.start()
        after_prose = after_prose or (bool(text.strip()) and not is_heading(text))
    return len(article)
