"""Where an article's body is: caption, headings and comments stay out."""

from __future__ import annotations

from dipevents.rules.segment import body_bounds, body_sentences


def test_caption_headings_and_comments_stay_out_of_the_body(seed_text: str) -> None:
    start, end = body_bounds(seed_text)
    assert seed_text[:start].rstrip().endswith("REUTERS/Umit Bektas")
    assert seed_text[end:].strip() == "COMMENTS"
    texts = [s.text for s in body_sentences(seed_text)]
    assert texts[0].startswith("The United States and Russia stated on Thursday")
    assert not any("Constructive Dialogue" in text for text in texts)
    assert all(not text.startswith("April 10, 2025") for text in texts)
