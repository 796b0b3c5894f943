"""Folding text for comparison: accents, case and spacing, apostrophes, typographic marks."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'\u2019"
"""The straight and the typographic apostrophe."""

POSSESSIVE = re.compile(f"[{APOSTROPHES}]s?$")
"""A possessive ending with either apostrophe: "Russia's", "Russia\u2019s", "Brussels'"."""

TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),  # curly single quotes, prime
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),  # double, guillemets
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # hyphens, dashes
        "\u2026": "...",  # ellipsis
    }
)
"""A `str.translate` table from typographic quotes, dashes and the ellipsis to ASCII."""

MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""The blocks of combining diacritical marks, for a regex character class."""


def caseless(text: str) -> str:
    """`text` for canonical caseless comparison: typographic marks made ASCII, casefolded and
    decomposed (NFD), so that "Jos\u00e9", "JOSE\u0301" and "jos\u00e9" all give "jose\u0301"."""
    decomposed = unicodedata.normalize("NFD", text.translate(TYPOGRAPHIC))
    return unicodedata.normalize("NFD", decomposed.casefold())


def is_mark(char: str) -> bool:
    """Whether `char` is a combining mark, which belongs to the letter before it."""
    return unicodedata.category(char).startswith("M")


def without_accents(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks: "Türkiye" -> "Turkiye".

    The result stays decomposed; compose it (NFC) to match it against text as written.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_WORDS = re.compile(r"\w+")
_MARK_RUN = re.compile(f"[{MARKS}]+")
_UNDECOMPOSED = str.maketrans("\u0111\u0110\u0142\u0141\u00f8\u00d8\u0127\u0126\u0131", "dDlLoOhHi")
"""Letters with a stroke, which no normalisation takes apart: "\u0110\u1ee9c" -> "Duc"."""


def folded_words(text: str) -> list[str]:
    """The words of `text` without case, accents or punctuation, in any normalisation:
    "Jean-No\u00ebl Barrot's" -> ["jean", "noel", "barrot", "s"]."""
    if not text.isascii():
        text = _MARK_RUN.sub("", unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)))
    return _WORDS.findall(text.casefold())


def lower_words(text: str) -> str:
    """`text` in lower case, words separated by single spaces: " Last  Night" -> "last night"."""
    return " ".join(text.lower().split())
