"""Where an article's body is: caption, headings and comments stay out."""

from __future__ import annotations

import datetime as dt

import pytest

from dipevents.rules.segment import body_bounds, body_sentences, contact_clauses, dateline_place


def test_caption_headings_and_comments_stay_out_of_the_body(seed_text: str) -> None:
    start, end = body_bounds(seed_text)
    assert seed_text[:start].rstrip().endswith("REUTERS/Umit Bektas")
    assert seed_text[end:].strip() == "COMMENTS"
    texts = [s.text for s in body_sentences(seed_text)]
    assert texts[0].startswith("The United States and Russia stated on Thursday")
    assert not any("Constructive Dialogue" in text for text in texts)
    assert all(not text.startswith("April 10, 2025") for text in texts)


def test_a_hard_wrapped_paragraph_gives_its_sentences_with_their_offsets() -> None:
    article = (
        "Ministers meet in Kampala\n\n"
        "NAIROBI, March 3 (Reuters) - Kenyan Foreign Minister Daniel\n"
        "Mwangi met Ugandan Foreign Minister Rose Akello on Monday. They\n"
        "agreed to reopen the border crossing at Busia, officials said.\n"
    )
    first, second = body_sentences(article, dt.date(2026, 3, 3))
    assert first.text == (
        "Kenyan Foreign Minister Daniel Mwangi met Ugandan Foreign Minister Rose Akello on Monday."
    )
    assert article[first.start : first.end].replace("\n", " ") == first.text
    assert second.text.startswith("They agreed") and second.end == article.rindex(".") + 1


def test_a_dateline_without_a_year_is_no_part_of_the_first_sentence() -> None:
    article = "NAIROBI, March 3 (Reuters) - Kenyan officials met Ugandan officials on Monday."
    (sentence,) = body_sentences(article)
    assert sentence.text.startswith("Kenyan officials")


def test_two_dated_contacts_joined_by_and_are_two_clauses() -> None:
    article = (
        "Minister Ana Lima met Chile's Tomás Vidal in Santiago on Monday and held talks with "
        "Peru's Rosa Quispe in Lima on Tuesday, the ministry said."
    )
    (sentence,) = body_sentences(article)
    first, second = contact_clauses(article, sentence)
    assert first.text == "Minister Ana Lima met Chile's Tomás Vidal in Santiago on Monday"
    assert second.text.startswith("held talks with Peru's Rosa Quispe in Lima on Tuesday")
    assert article[second.start : second.end] == second.text


def test_a_contact_and_what_came_of_it_stay_one_sentence() -> None:
    article = "Minister Ana Lima met Chile's Tomás Vidal on Monday and signed a trade accord."
    (sentence,) = body_sentences(article)
    assert contact_clauses(article, sentence) == [sentence]


@pytest.mark.parametrize(
    "dateline", ["MONROVIA – ", "RIYADH: ", "THE HAGUE — ", "Nairobi (AFP) - "]
)
def test_a_dateline_without_a_date_is_no_part_of_the_first_sentence(dateline: str) -> None:
    article = f"Ministers meet\n{dateline}Kenyan officials met Ugandan officials on Monday."
    (sentence,) = body_sentences(article)
    assert sentence.text.startswith("Kenyan officials")


def test_a_first_sentence_that_opens_with_a_name_keeps_it() -> None:
    article = "Ministers meet\nForeign Minister Ana Lima - who arrived on Monday - met Tom Obo."
    (sentence,) = body_sentences(article)
    assert sentence.text.startswith("Foreign Minister Ana Lima")


@pytest.mark.parametrize(
    ("article", "place"),
    [
        ("Talks\nRIYADH: Saudi officials met Philippine officials.", "Riyadh"),
        ("Talks\nNairobi (AFP) - Kenyan officials met Ugandan officials.", "Nairobi"),
        ("Talks\nLIMA, March 3, 2026 - Officials met.", "Lima"),
        ("Talks\nKenyan officials met Ugandan officials.", None),
    ],
)
def test_the_dateline_gives_the_place_of_filing_dated_or_not(article: str, place: str) -> None:
    assert dateline_place(article) == place
