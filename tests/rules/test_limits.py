"""A long read comes out with a report: the coder keeps within the reply shape's limits.

The articles are generated here: one meeting with 40 outcome sentences, a month of 25 dated
meetings, a summit of 35 named countries.
"""

from __future__ import annotations

from dipevents import extract_events
from dipevents.model.draft import ExtractionReply, ReplyEvent
from dipevents.rules.limits import list_limit

MAX_EVENTS = list_limit(ExtractionReply, "events")
MAX_OUTCOMES = list_limit(ReplyEvent, "outcomes")
MAX_COUNTRIES = list_limit(ReplyEvent, "countries")
MEETING = (
    "LIMA, March 3, 2026 - Chilean Foreign Minister Tomás Vidal met Peruvian Foreign Minister "
    "Rosa Quispe in Lima on Tuesday."
)


def test_the_limits_are_read_from_the_reply_shape() -> None:
    assert (MAX_EVENTS, MAX_OUTCOMES, MAX_COUNTRIES) == (20, 30, 30)


def test_an_event_with_40_outcomes_keeps_the_first_30_and_says_so() -> None:
    outcomes = [
        f"The two ministers agreed to open customs post number {n} on the border."
        for n in range(1, 41)
    ]
    article = "\n".join(["Chile and Peru open forty customs posts", MEETING, *outcomes])
    report = extract_events(article, backend="rules")
    (event,) = report.events
    assert len(event.outcomes) == MAX_OUTCOMES
    assert event.outcomes[-1].evidence.text.endswith(f"number {MAX_OUTCOMES} on the border.")
    assert any(
        "event 1: the rules coder found 40 outcomes" in w and "left out 10" in w
        for w in report.warnings
    )


def test_25_dated_meetings_give_20_events_and_a_warning() -> None:
    meetings = [
        f"On May {day}, 2026, Chilean Foreign Minister Tomás Vidal met Peruvian Foreign "
        "Minister Rosa Quispe in Lima."
        for day in range(1, 26)
    ]
    article = "\n".join(["Chile and Peru hold a month of talks", *meetings])
    report = extract_events(article, backend="rules", published="2026-06-01")
    assert len(report.events) == MAX_EVENTS
    assert [e.date.day for e in report.events] == list(range(1, MAX_EVENTS + 1))
    assert any("found 25 events" in w and "left out 5" in w for w in report.warnings)


def test_a_summit_naming_35_countries_keeps_30() -> None:
    names = (
        "Angola, Benin, Botswana, Burundi, Cameroon, Chad, Comoros, Djibouti, Egypt, Eritrea, "
        "Ethiopia, Gabon, Gambia, Ghana, Guinea, Kenya, Lesotho, Liberia, Libya, Madagascar, "
        "Malawi, Mali, Mauritania, Morocco, Mozambique, Namibia, Niger, Nigeria, Rwanda, "
        "Senegal, Somalia, Sudan, Tanzania, Togo and Uganda"
    )
    article = f"ADDIS ABABA, March 3, 2026 - The leaders of {names} met at a summit on Tuesday."
    report = extract_events(article, backend="rules")
    (summit,) = report.events
    assert len(summit.countries) == MAX_COUNTRIES
    assert any("found 35 countries" in w for w in report.warnings)
