"""Claims are checked for what they say, not only for where their quote is.

The replies are SCRIPTED test data (the capable seed reply, with one claim changed per test),
served by the scripted OpenAI-compatible server on loopback; none is a model's output.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dipevents import EventReport, extract_events
from dipevents.model.enums import Alignment, Support
from dipevents.model.records import DiplomaticEvent, Span
from tests.support import DEV, SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, reply_event

Edit = Callable[[dict[str, Any]], None]


def _extract(
    server: ScriptedServer, seed_text: str, reply: dict[str, Any], **options: Any
) -> EventReport:
    server.queue(ScriptedReply(body=completion(json.dumps(reply))))
    return extract_events(
        seed_text, base_url=server.base_url, api_key=SENTINEL_KEY, model="scripted", **options
    )


def _edited(capable_seed_reply: dict[str, Any], edit: Edit) -> dict[str, Any]:
    reply = copy.deepcopy(capable_seed_reply)
    edit(reply["events"][0])
    return reply


def _kim(event: dict[str, Any]) -> None:
    event["participants"][1]["name"] = "Kim Jong Un"  # quote stays "... Alexander Darchiev"


def _treaty(event: dict[str, Any]) -> None:
    event["outcomes"][1]["description"] = "Peace treaty signed."
    event["outcomes"][1]["evidence"] = "both delegations exchanged notes"


def _paris(event: dict[str, Any]) -> None:
    event["location"]["city"] = "Paris"
    event["location"]["venue"] = "Élysée Palace"


def _wrong_date(event: dict[str, Any]) -> None:
    event["date"] = "2025-04-03"  # "on Thursday" in an article of Thursday 10 April


def _north_korea(event: dict[str, Any]) -> None:
    event["countries"] = ["USA", "RUS", "PRK"]


@dataclass(frozen=True)
class Case:
    """One claim made wrong: the edit, its evidence, its warning, and the event without it."""

    edit: Edit
    evidence: Callable[[DiplomaticEvent], Span | None]
    warning: str
    without: Callable[[DiplomaticEvent], bool]


CASES = {
    "name": Case(
        _kim,
        lambda e: e.participants[1].evidence,
        "participant 'Kim Jong Un': the name",
        lambda e: [p.name for p in e.participants] == ["Sonata Coulter"],
    ),
    "outcome": Case(
        _treaty,
        lambda e: e.outcomes[1].evidence,
        "outcome: the description 'Peace treaty",
        lambda e: "Peace treaty signed." not in [o.description for o in e.outcomes],
    ),
    "place": Case(
        _paris,
        lambda e: e.location.evidence if e.location else None,
        "location: the city 'Paris' and the venue",
        lambda e: e.location is None,
    ),
    "date": Case(
        _wrong_date,
        lambda e: e.date_evidence,
        "date: the reply said 2025-04-03",
        lambda e: e.date is None and e.date_evidence is None,
    ),
    "country": Case(
        _north_korea,
        lambda e: e.evidence,
        "event 1: PRK neither a participant's country",
        lambda e: e.countries == ["USA", "RUS"],
    ),
}


def test_the_capable_seed_reply_is_fully_supported(
    scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict[str, Any]
) -> None:
    report = _extract(scripted, seed_text, capable_seed_reply)
    spans = [span for event in report for span in event.spans()]
    assert len(spans) == 17 and {span.support for span in spans} == {Support.SUPPORTED}
    assert not any("unsupported" in warning for warning in report.warnings)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_unsupported_claim_is_kept_flagged_and_named(
    scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict[str, Any], case: Case
) -> None:
    report = _extract(scripted, seed_text, _edited(capable_seed_reply, case.edit))
    span = case.evidence(report.events[0])
    assert span is not None and span.alignment in (Alignment.EXACT, Alignment.FUZZY)
    assert span.support is Support.UNSUPPORTED
    assert seed_text[span.start : span.end] == span.text
    flagged = [w for w in report.warnings if "kept, flagged unsupported" in w]
    assert len(flagged) == 1 and case.warning in flagged[0]
    assert '"support":"unsupported"' in report.model_dump_json()
    assert "badge unsupported" in report.to_html()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_required_grounding_drops_an_unsupported_claim(
    scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict[str, Any], case: Case
) -> None:
    reply = _edited(capable_seed_reply, case.edit)
    report = _extract(scripted, seed_text, reply, require_grounding=True)
    assert len(report.events) == 2 and case.without(report.events[0])
    spans = [span for event in report for span in event.spans()]
    assert {span.support for span in spans} == {Support.SUPPORTED}
    assert sum("; dropped" in warning for warning in report.warnings) == 1


@pytest.mark.parametrize("article", sorted(DEV.rglob("*.txt")), ids=lambda path: path.stem)
def test_the_rules_coder_makes_no_unsupported_claim(article: Path) -> None:
    report = extract_events(article.read_text(encoding="utf-8"), backend="rules")
    assert not [s.text for e in report for s in e.spans() if s.support is Support.UNSUPPORTED]


def test_nearly_every_rules_claim_is_checked_and_supported() -> None:
    """Left unchecked: a French or Spanish claim's wording (the check compares English words)
    and an event with no state to check."""
    supports = [
        span.support
        for article in sorted(DEV.rglob("*.txt"))
        for event in extract_events(article.read_text(encoding="utf-8"), backend="rules")
        for span in event.spans()
    ]
    assert len(supports) > 500
    assert supports.count(Support.SUPPORTED) / len(supports) >= 0.92


@pytest.mark.parametrize(("article_form", "reply_form"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_names_with_accents_ground_and_check_in_either_normalisation(
    scripted: ScriptedServer, article_form: str, reply_form: str
) -> None:
    spanish = (DEV / "016_meeting_es_chl_arg.txt").read_text(encoding="utf-8")
    article = unicodedata.normalize(article_form, spanish)  # type: ignore[arg-type]
    person = {"title": None, "organization": None, "role": None}
    event = {
        **reply_event(
            summary="Chile and Argentina's foreign ministers met in Santiago.",
            evidence="Los cancilleres de Chile y Argentina acordaron el martes",
            countries=["CHL", "ARG"],
        ),
        "location": {
            "city": "Santiago",
            "country": "CHL",
            "venue": "la sede de la Cancillería chilena",
            "evidence": "en la sede de la Cancillería chilena, en Santiago",
        },
        "participants": [
            {
                **person,
                "name": "Tomás Irarrázaval",
                "country": "CHL",
                "evidence": "Tomás Irarrázaval",
            },
            {
                **person,
                "name": "Valeria Ostrowski",
                "country": "ARG",
                "evidence": "su par argentina",
            },
        ],
    }
    reply = json.loads(
        unicodedata.normalize(reply_form, json.dumps({"events": [event]}, ensure_ascii=False))
    )  # type: ignore[arg-type]
    report = _extract(scripted, article, reply)
    spans = list(report.events[0].spans())
    assert len(spans) == 4
    for span in spans:
        assert span.alignment is Alignment.EXACT and span.support is Support.SUPPORTED
        assert article[span.start : span.end] == span.text
    assert not [w for w in report.warnings if "quote" in w or "unsupported" in w]
