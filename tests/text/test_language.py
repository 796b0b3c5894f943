"""Telling English, French, Spanish and German apart by their function words."""

from __future__ import annotations

import pytest

from dipevents.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The two ministers met in Oslo and said that talks would continue.", "en"),
        ("Les deux ministres se sont rencontrés mercredi et ont signé un accord.", "fr"),
        ("Los cancilleres de los dos países firmaron el martes un acuerdo con la ONU.", "es"),
        ("Der Außenminister und die Kanzlerin trafen sich am Montag mit dem Präsidenten.", "de"),
    ],
)
def test_a_sentence_names_its_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "mercredi", "el martes", "Pieter Vandamme", "12 mars 2026"])
def test_too_few_function_words_tell_nothing(text: str) -> None:
    assert detect_language(text) is None


def test_sentence_spans_keep_ordinals_and_abbreviations() -> None:
    from dipevents.text.language import sentence_spans

    text = "Titel\nDie Minister trafen sich am 7. Mai in Berlin. Dr. Weber sprach danach."
    start = text.index("Die")
    found = [text[a:b].strip() for a, b in sentence_spans(text, start, len(text), "de")]
    assert found == ["Die Minister trafen sich am 7. Mai in Berlin.", "Dr. Weber sprach danach."]
