"""Where a claim's quote begins and ends, on invented sentences."""

from __future__ import annotations

from dipevents.rules.claim_clauses import clause_around
from dipevents.rules.segment import Sentence


def quote(text: str, cue: str, kind: str = "outcome") -> str:
    start, end = clause_around(text, Sentence(text, 0, len(text)), kind, text.index(cue))
    return text[start:end]


def test_a_clause_begins_after_that_or_a_comma() -> None:
    text = "Officials said that the two sides agreed to reopen the border."
    assert quote(text, "agreed") == "the two sides agreed to reopen the border."


def test_a_pointing_that_begins_no_clause() -> None:
    text = "At that meeting Chile raised concerns about the wall."
    assert quote(text, "raised", "dispute") == text


def test_an_outcome_stops_before_which_and_a_dispute_runs_on() -> None:
    text = "Chile wants a treaty on the river, which Peru rejects."
    assert quote(text, "wants") == "Chile wants a treaty on the river"
    assert quote(text, "wants", "dispute") == text


def test_a_semicolon_ends_every_clause() -> None:
    text = "They agreed to open a hotline; they also agreed to hold a drill."
    assert quote(text, "agreed", "dispute") == "They agreed to open a hotline"
