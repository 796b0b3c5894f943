"""Sentences of French, Spanish and German articles (sentencex), not cut at "am 7. Mai"."""

from __future__ import annotations

from dipevents.rules.segment import body_sentences


def test_a_german_ordinal_date_does_not_end_a_sentence() -> None:
    article = (
        "Minister treffen sich\n"
        "BERLIN, 9. Mai 2026 (dpa) - Die Außenminister trafen sich am 7. Mai in Berlin zu "
        "Beratungen. Sie sprachen über die Ukraine und die Verteidigung.\n"
    )
    assert [s.text for s in body_sentences(article)] == [
        "Die Außenminister trafen sich am 7. Mai in Berlin zu Beratungen.",
        "Sie sprachen über die Ukraine und die Verteidigung.",
    ]


def test_an_english_article_keeps_its_own_splitter() -> None:
    article = "Talks\nOSLO, May 9, 2026 (Reuters) - The U.S. envoy met Norway's minister.\n"
    assert [s.text for s in body_sentences(article)] == ["The U.S. envoy met Norway's minister."]
