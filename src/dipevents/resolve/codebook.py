"""CAMEO and PLOVER codes for events, from one table keyed on our own enums.

The model or rules coder chooses an event type and status; this module maps them. Facts from
the CAMEO codebook (codes, Goldstein scores) and the PLOVER ontology, with their coding rules:
a planned meeting is intent to meet (CAMEO 036, PLOVER AGREE); a promise to sign is AGREE
(030); signing is SUPPORT (057); a cancelled meeting is REJECT, mode meet (125). A postponed
meeting keeps its intent to meet (036, AGREE): it was put off, not refused. A visit is coded
from the visitor (042); the host's side (043) appears in the dyads. A meeting or summit in a
country none of its parties is from is a meeting at a third location (044): PLOVER mode
third-party for two parties, multilateral for three or more and for a summit.
"""

from __future__ import annotations

import re

from dipevents.model.enums import EventStatus, EventType, QuadClass
from dipevents.model.records import DiplomaticEvent, EventCodes

CAMEO_GOLDSTEIN: dict[str, float] = {
    "010": 0.0,  # make statement
    "030": 4.0,  # express intent to cooperate
    "036": 4.0,  # express intent to meet or negotiate
    "040": 1.0,  # consult
    "041": 1.0,  # discuss by telephone
    "042": 1.9,  # make a visit
    "043": 2.8,  # host a visit
    "044": 2.5,  # meet at a "third" location
    "046": 7.0,  # engage in negotiation
    "057": 8.0,  # sign formal agreement
    "125": -5.0,  # reject proposal to meet, discuss, or negotiate
}
"""The CAMEO codes dipevents assigns, with their Goldstein scores."""

# (event type, status) -> (CAMEO code, PLOVER type, PLOVER mode). Status "occurred" unless said.
_TABLE: dict[tuple[EventType, EventStatus], tuple[str, str | None, str | None]] = {
    (EventType.MEETING, EventStatus.OCCURRED): ("040", "CONSULT", None),
    (EventType.SUMMIT, EventStatus.OCCURRED): ("040", "CONSULT", "multilateral"),
    (EventType.VISIT, EventStatus.OCCURRED): ("042", "CONSULT", "visit"),
    (EventType.PHONE_CALL, EventStatus.OCCURRED): ("041", "CONSULT", "phone"),
    (EventType.NEGOTIATION, EventStatus.OCCURRED): ("046", "CONSULT", None),
    (EventType.SIGNING, EventStatus.OCCURRED): ("057", "SUPPORT", None),
    (EventType.STATEMENT, EventStatus.OCCURRED): ("010", None, None),
    (EventType.OTHER, EventStatus.OCCURRED): ("040", "CONSULT", None),
}
_PLANNED = ("036", "AGREE", None)
_PLANNED_SIGNING = ("030", "AGREE", None)
_CANCELLED = ("125", "REJECT", "meet")

_CONTEXT_WORDS: dict[str, tuple[str, ...]] = {
    "economic": (
        "trade",
        "tariff",
        "economic",
        "investment",
        "bank",
        "banking",
        "fund",
        "energy",
        "oil",
        "gas",
        "export",
        "import",
        "currency",
        "financial",
        "loan",
    ),
    "military": ("military", "defence", "defense", "troops", "weapons", "security", "army"),
    "territory": ("border", "boundary", "territory", "island", "maritime", "crossing"),
    "human_rights": ("human rights", "detained", "prisoners", "refugees", "migrants"),
    "environment": ("climate", "water", "river", "fisheries", "solar", "geothermal"),
}
_CONTEXT_PATTERNS = {
    context: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")s?\b", re.IGNORECASE)
    for context, words in _CONTEXT_WORDS.items()
}


def event_codes(event: DiplomaticEvent) -> EventCodes | None:
    """The codes of an event, or None for a type and status no codebook entry fits."""
    chosen = _choose(event)
    if chosen is None:
        return None
    cameo, plover_type, plover_mode = chosen
    return EventCodes(
        cameo_code=cameo,
        cameo_root=cameo[:2],
        quad_class=quad_class(cameo),
        goldstein=CAMEO_GOLDSTEIN[cameo],
        plover_type=plover_type,
        plover_mode=plover_mode,
        contexts=contexts(event),
    )


def quad_class(cameo: str) -> QuadClass:
    """GDELT's quad class of a CAMEO code, from its root."""
    root = int(cameo[:2])
    if root <= 5:
        return QuadClass.VERBAL_COOPERATION
    if root <= 8:
        return QuadClass.MATERIAL_COOPERATION
    if root <= 13:
        return QuadClass.VERBAL_CONFLICT
    return QuadClass.MATERIAL_CONFLICT


def contexts(event: DiplomaticEvent) -> list[str]:
    """PLOVER contexts: always diplomatic, plus those the event's words point to."""
    text = " ".join(
        [event.summary, event.evidence.text]
        + [o.description for o in event.outcomes]
        + [d.issue for d in event.disputes]
    )
    return ["diplomatic"] + [
        name for name, pattern in _CONTEXT_PATTERNS.items() if pattern.search(text)
    ]


def _choose(event: DiplomaticEvent) -> tuple[str, str | None, str | None] | None:
    if event.status is EventStatus.CANCELLED:
        return _CANCELLED
    if event.status in (EventStatus.PLANNED, EventStatus.POSTPONED):
        return _PLANNED_SIGNING if event.event_type is EventType.SIGNING else _PLANNED
    chosen = _TABLE.get((event.event_type, event.status))
    if chosen is None or event.event_type not in (EventType.MEETING, EventType.SUMMIT):
        return chosen
    cameo, plover_type, mode = chosen
    if len(event.countries) >= 3:
        mode = "multilateral"
    if _at_third_location(event):
        return "044", plover_type, mode or "third-party"
    return cameo, plover_type, mode


def _at_third_location(event: DiplomaticEvent) -> bool:
    """Two or more parties meeting in a country that is none of theirs."""
    country = event.location.country if event.location else None
    return bool(country) and len(event.countries) >= 2 and country not in event.countries
