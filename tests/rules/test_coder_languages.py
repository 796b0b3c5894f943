"""The rules coder on French, Spanish and German copy: the same events as in English."""

from __future__ import annotations

import datetime as dt

from dipevents.rules.coder import code_article


def test_a_french_meeting_has_its_date_and_countries() -> None:
    article = (
        "Le Sénégal et le Mali relancent leur coopération\n"
        "DAKAR, 12 mars 2026 (APS) - Les ministres sénégalais et malien des Affaires étrangères "
        "se sont rencontrés mercredi pour relancer la commission mixte.\n"
    )
    (event,) = code_article(article, dt.date(2026, 3, 12)).reply.events
    assert (event.event_type.value, event.date, event.date_text) == (
        "meeting",
        "2026-03-11",
        "mercredi",
    )
    assert event.countries == ["SEN", "MLI"]


def test_a_spanish_postponed_meeting_looks_ahead() -> None:
    article = (
        "Aplazan la reunión\n"
        "LIMA, 11 de marzo de 2026 (EFE) - La reunión de los cancilleres de Perú y Chile, "
        "prevista para el lunes, fue aplazada.\n"
    )
    (event,) = code_article(article, dt.date(2026, 3, 11)).reply.events
    assert (event.status.value, event.date) == ("postponed", "2026-03-16")


def test_receiving_a_visitor_is_a_contact_in_spanish_french_and_german() -> None:
    for sentence in (
        "El canciller de Perú fue recibido el martes por la presidenta de Chile.",
        "Le ministre malien des Affaires étrangères a été reçu mardi par le président du Sénégal.",
        "Der französische Außenminister wurde am Dienstag vom Bundeskanzler empfangen.",
    ):
        article = f"Visita\nLIMA, 11 de marzo de 2026 (EFE) - {sentence}\n"
        (event,) = code_article(article, dt.date(2026, 3, 11)).reply.events
        assert event.event_type.value == "visit", sentence
