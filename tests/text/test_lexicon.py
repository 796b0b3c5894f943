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


def test_french_spanish_and_german_cues_share_the_english_matchers() -> None:
    from dipevents.text.lexicon import matcher

    triggers = matcher("triggers.tsv")
    found = [
        (cue.phrase, cue.value)
        for text in (
            "Les ministres se sont entretenus au téléphone.",
            "Los cancilleres se reunieron en Lima.",
            "Die Minister trafen sich in Bonn.",
            "El canciller viajará a Lima para reunirse con su homólogo.",
            "Die geplante Reise des Kanzlers nach Rom wurde abgesagt.",
        )
        for cue in triggers.find(text)
    ]
    assert found == [
        ("entretenus", "meeting"),
        ("au téléphone", "phone_call"),
        ("se reunieron", "meeting"),
        ("trafen", "meeting"),
        ("reunirse", "meeting"),
        ("Reise", "visit"),
    ]
    status = matcher("status_cues.tsv").first("La visite a été reportée.")
    assert status is not None and status.value == "postponed"


def test_a_text_is_read_with_english_and_its_own_language() -> None:
    matcher = CueMatcher({"met": "meeting"}, {"fr": {"rencontre": "meeting"}})
    english = "They met at the Rencontre hall, and the ministers said that it was good."
    french = "Les ministres ont tenu une rencontre et ils sont partis pour le sommet."
    assert [cue.phrase for cue in matcher.find(english)] == ["met"]
    assert [cue.phrase for cue in matcher.find(french)] == ["rencontre"]
    assert [cue.phrase for cue in matcher.find("met, rencontre")] == ["met", "rencontre"]


def test_the_longest_phrase_wins_and_a_shorter_one_is_found_alone() -> None:
    found = CueMatcher({"meet": "a", "meeting": "b", "meeting of": "c", "meets": "d"}).find(
        "They meet; the meeting ended; a meeting\nof minds; meetings; she meets."
    )
    assert [(cue.phrase, cue.value) for cue in found] == [
        ("meet", "a"),
        ("meeting", "b"),
        ("meeting\nof", "c"),
        ("meets", "d"),
    ]
