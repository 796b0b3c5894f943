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


def without_accents(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks: "Türkiye" -> "Turkiye".

    The result stays decomposed; compose it (NFC) to match it against text as written.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def lower_words(text: str) -> str:
    """`text` in lower case, words separated by single spaces: " Last  Night" -> "last night"."""
    return " ".join(text.lower().split())
