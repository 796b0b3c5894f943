"""Cue lexicons compiled into matchers."""

from __future__ import annotations

from dipevents.text.lexicon import CueMatcher


def test_cue_matcher_reads_whole_words_longest_first() -> None:
    matcher = CueMatcher({"talks": "meeting", "peace talks": "negotiation", "met": "meeting"})
    found = matcher.find("Peace  talks resumed; the metro closed; they met.")
    assert [(c.phrase, c.value) for c in found] == [
        ("Peace  talks", "negotiation"),
        ("met", "meeting"),
    ]
