"""Where an article's body is, and its sentences with their offsets.

A news page carries more than the report: a photo caption before the headline, the headline
and section headings, and a tail of comments, related links and share buttons. Only body
sentences may carry events, so neither captions nor the tail (where prompt injections live)
reach the coder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dipevents.text.article import body_bounds, flattened, is_caption, is_heading, text_lines
from dipevents.text.dates import date_expressions, find_dateline
from dipevents.text.language import LANGUAGES, detect_language, sentence_spans
from dipevents.text.lexicon import matcher

_ANY_DAY = dt.date(2000, 1, 1)
"""Finds a dateline without a year: only where it stands matters here, not its date."""
_PLACE_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3})(?:,[ \t]*[A-Z][\w.]*)?"
    r"(?P<agency>[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:[—–]|--?|:)[ \t]+"
)
_AND = re.compile(r",?\s+and\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|[.!?][\"'”’)]*\s*$")
_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "d.c",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "prof",
        "gov",
        "lt",
        "col",
        "maj",
        "capt",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "etc",
    ]
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body, with its offsets in the article."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def body_sentences(article: str, published: dt.date | None = None) -> list[Sentence]:
    """The body's sentences, without headings, captions, the comments or the dateline.

    The lines of a hard-wrapped paragraph are read as one; a sentence's text has a space for
    each line break inside it, so its offsets still hold.
    """
    start, end = body_bounds(article)
    dateline = find_dateline(article, published=published or _ANY_DAY)
    sentences: list[Sentence] = []
    for line_start, line_end in text_lines(article, start, end):
        if dateline and line_start <= dateline.start < line_end:
            line_start = dateline.end
        elif is_heading(article[line_start:line_end]) or is_caption(article[line_start:line_end]):
            continue
        elif not sentences:
            line_start = _after_place_dateline(article, line_start, line_end)
        sentences += _split(article, line_start, line_end)
    return sentences


def dateline_place(article: str, published: dt.date | None = None) -> str | None:
    """Where the report was filed: its dateline's place, dated or not ("RIYADH:")."""
    dateline = find_dateline(article, published=published or _ANY_DAY)
    if dateline is not None:
        return dateline.place
    start, end = body_bounds(article)
    for line_start, line_end in text_lines(article, start, end):
        text = article[line_start:line_end]
        if not (is_heading(text) or is_caption(text)):
            found = _place_dateline(article, line_start, line_end)
            place = found["place"] if found else None
            return place.title() if place and place.isupper() else place
    return None


def _after_place_dateline(article: str, start: int, end: int) -> int:
    """Where the first line's text starts after a dateline without a date."""
    found = _place_dateline(article, start, end)
    return found.end() if found else start


def _place_dateline(article: str, start: int, end: int) -> re.Match[str] | None:
    """A dateline without a date opening the line: a place in capitals or with an agency,
    then a dash or colon ("RIYADH:", "Nairobi (AFP) -")."""
    found = _PLACE_DATELINE.match(article, start, end)
    if found is None or not (found["place"].isupper() or found["agency"]):
        return None
    return found


def contact_clauses(article: str, sentence: Sentence) -> list[Sentence]:
    """The sentence, or its clauses when it reports two dated contacts joined by "and": "X met
    Y in Tokyo on Tuesday and held talks with Z in Beijing on Wednesday" gives two."""
    text = sentence.text
    for joint in _AND.finditer(text):
        first, second = text[: joint.start()], text[joint.end() :]
        cue = matcher("triggers.tsv").first(second)
        if (
            cue is not None
            and cue.start == 0
            and matcher("triggers.tsv").first(first) is not None
            and date_expressions(first)
            and date_expressions(second)
        ):
            return [
                _trimmed(article, sentence.start, sentence.start + joint.start()),
                *contact_clauses(
                    article, _trimmed(article, sentence.start + joint.end(), sentence.end)
                ),
            ]
    return [sentence]


def _split(article: str, start: int, end: int) -> list[Sentence]:
    language = detect_language(article)
    if language in LANGUAGES:
        spans = sentence_spans(article, start, end, language)
        return [s for s in (_trimmed(article, *span) for span in spans) if s.text]
    sentences = []
    begin = start
    for match in _SENTENCE_END.finditer(article, start, end):
        if _ends_in_abbreviation(article, begin, match.start()):
            continue
        sentences.append(_trimmed(article, begin, match.end()))
        begin = match.end()
    if article[begin:end].strip():
        sentences.append(_trimmed(article, begin, end))
    return [sentence for sentence in sentences if sentence.text]


def _ends_in_abbreviation(article: str, begin: int, dot: int) -> bool:
    if article[dot] != ".":
        return False
    word = article[begin:dot].rsplit(None, 1)[-1] if article[begin:dot].strip() else ""
    return word.lower().strip('("“') in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _trimmed(article: str, start: int, end: int) -> Sentence:
    text = flattened(article[start:end])
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return Sentence(text[left:right], start + left, start + right)
