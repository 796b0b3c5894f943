"""The article: checked before anything is sent, and where its body lies.

A news page carries more than the report: a photo caption before the headline, and a tail of
reader comments, related links, share buttons and newsletter boxes that may hold anything,
prompt injections included. Claims must be grounded in the body. Both the rules coder and the
grounding of model replies take the body from `body_bounds`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from dipevents.errors import InputError
from dipevents.text.dates import CAPTION_CREDIT, date_expressions, find_dateline, resolve_date
from dipevents.text.lexicon import phrases
from dipevents.text.lines import BREAKS, LINE
from dipevents.text.page_tail import is_share_bar, is_tail_heading

DEFAULT_MAX_CHARS = 2_000_000
_CONTROL_SHARE_LIMIT = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_HEADING_MAX_WORDS = 20  # headlines in French and Spanish run long
_REPORT_MIN_LINES = 2
_REPORT_MIN_CHARS = 400
_WRAP_MIN_CHARS = 40  # agency copy is wrapped at about 70 characters; a long word wraps early
_WRAP_MAX_CHARS = 100
_SENTENCE_CLOSE = '.!?"”’)'
_BREAKS_AS_SPACES = str.maketrans(dict.fromkeys(BREAKS, " "))
_CREDIT_AT_END = re.compile(r"[.!?]\s*\([^()]{2,60}\)\s*$")  # "... in Seoul. (Yonhap)"
_PLACE_IN_PICTURE = re.compile(r"\((?:L|R|C|left|right|centre|center)\)")  # "Hung (R) shakes"
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_ONE_BREAK = frozenset([*BREAKS, "\r\n"])


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

    The tail opens at the first tail heading (`dipevents.text.page_tail`) that follows some
    prose, so that a share bar under the headline or its standfirst does not cut the report
    away.
    """
    start = _after_caption(article)
    return start, _tail_start(article, start)


def is_heading(line: str) -> bool:
    """A headline or section heading: short and without closing punctuation."""
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[-1] not in _SENTENCE_CLOSE
        and len(stripped.split()) <= _HEADING_MAX_WORDS
    )


def is_caption(line: str) -> bool:
    """A photo caption: labelled ("Caption:", "FILE PHOTO:"), credited ("REUTERS/Name",
    "... in Seoul. (Yonhap)") or placing people in the picture ("Hung (R) shakes hands")."""
    return bool(
        _caption_label().match(line)
        or CAPTION_CREDIT.search(line)
        or _CREDIT_AT_END.search(line)
        or _PLACE_IN_PICTURE.search(line)
    )


@cache
def _caption_label() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in phrases("caption_labels.txt"))
    return re.compile(rf"\s*(?:{labels})\s*:", re.I)


def _is_prose(line: str) -> bool:
    """A line of the report's text: neither blank, nor a heading, nor a caption."""
    return bool(line.strip()) and not is_heading(line) and not is_caption(line)


def publication_date(article: str) -> dt.date | None:
    """The day the article was filed: its dateline's, or that of a date line over the body
    ("Published October 14, 2026", "Posted Wed 21 Oct 2026 at 5:40am"), which also gives a
    dateline without a year ("SEOUL, Oct 29 (Yonhap) --") its year."""
    stamp = _page_stamp(article)
    dateline = find_dateline(article, published=stamp)
    return dateline.date if dateline else stamp


def _page_stamp(article: str) -> dt.date | None:
    """The first full date (with its year) on a short line before the body's first prose line."""
    for line in LINE.finditer(article):
        if _is_prose(line.group()):
            return None
        text = _TIME_OF_DAY.sub(" ", line.group())  # "15:02 October 29" is no "02 October"
        for start, end in date_expressions(text):
            date, _ = resolve_date(text[start:end], None)
            if date is not None:
                return date
    return None


def text_lines(article: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The offsets of each line of `article[start:end]`, the lines of a hard-wrapped paragraph
    (agency copy wrapped at about 70 characters) joined into one.

    A line is wrapped when it is of wrapping width, stops mid-sentence, and the next line
    follows it directly, as short as it; a headline over a paragraph of long lines is not.
    """
    lines = [line.span() for line in LINE.finditer(article, start, end)]
    joined_start: int | None = None
    for number, (line_start, line_end) in enumerate(lines):
        joined_start = line_start if joined_start is None else joined_start
        following = lines[number + 1] if number + 1 < len(lines) else None
        if following is None or not _wraps_onto(article, (line_start, line_end), following):
            yield joined_start, line_end
            joined_start = None


def flattened(text: str) -> str:
    """`text` with every line break replaced by a space, so offsets into it still hold."""
    return text.translate(_BREAKS_AS_SPACES)


def _wraps_onto(article: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    """Whether `line` is a wrapped line of a paragraph that goes on in `following`."""
    text = article[slice(*line)].strip()
    after = article[slice(*following)].strip()
    one_break = article[line[1] : following[0]] in _ONE_BREAK
    return (
        one_break
        and _WRAP_MIN_CHARS <= len(text) <= _WRAP_MAX_CHARS
        and text[-1] not in _SENTENCE_CLOSE
        and 0 < len(after) <= _WRAP_MAX_CHARS
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
    prose_lines = prose_chars = 0
    for line in LINE.finditer(article, start):
        text = line.group()
        if prose_lines and is_tail_heading(text) and _ends_report(text, prose_lines, prose_chars):
            return line.start()
        if _is_prose(text):
            prose_lines, prose_chars = prose_lines + 1, prose_chars + len(text)
    return len(article)


def _ends_report(heading: str, lines: int, chars: int) -> bool:
    """Whether a tail heading after `lines` lines (`chars` characters) of prose ends the
    report: a share bar only after more than the standfirst under the headline ("A leaders'
    call and a ministers' meeting this week produced warm words.")."""
    return not is_share_bar(heading) or lines >= _REPORT_MIN_LINES or chars >= _REPORT_MIN_CHARS
