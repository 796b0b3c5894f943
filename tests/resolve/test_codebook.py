"""The codebook mapping, checked against the domain reference (shared/docs/domain.md)."""

from __future__ import annotations

import pytest

from dipevents.model.enums import QuadClass
from dipevents.model.records import DiplomaticEvent, Location, Span
from dipevents.resolve.codebook import CAMEO_GOLDSTEIN, event_codes, quad_class

# (event type, status, countries, location country) -> CAMEO, Goldstein, PLOVER type and mode.
CASES = [
    ("meeting", "occurred", ["USA", "RUS"], "RUS", "040", 1.0, "CONSULT", None),
    ("meeting", "occurred", ["USA", "RUS"], "TUR", "044", 2.5, "CONSULT", "third-party"),
    ("meeting", "occurred", ["USA", "RUS", "CHN"], "USA", "040", 1.0, "CONSULT", "multilateral"),
    ("meeting", "occurred", ["USA", "RUS", "UKR"], "SAU", "044", 2.5, "CONSULT", "multilateral"),
    ("summit", "occurred", ["TCD", "NER", "NGA"], "ETH", "044", 2.5, "CONSULT", "multilateral"),
    (
        "summit",
        "occurred",
        ["TCD", "NER", "NGA", "CMR"],
        "TCD",
        "040",
        1.0,
        "CONSULT",
        "multilateral",
    ),
    ("phone_call", "occurred", ["JPN", "AUS"], None, "041", 1.0, "CONSULT", "phone"),
    ("visit", "occurred", ["FIN", "VNM"], "VNM", "042", 1.9, "CONSULT", "visit"),
    ("negotiation", "occurred", ["THA", "KHM"], "THA", "046", 7.0, "CONSULT", None),
    ("signing", "occurred", ["BRA", "MAR"], "MAR", "057", 8.0, "SUPPORT", None),
    ("meeting", "planned", ["EGY", "ETH"], "ETH", "036", 4.0, "AGREE", None),
    ("signing", "planned", ["EGY", "ETH"], None, "030", 4.0, "AGREE", None),
    ("meeting", "postponed", ["IND", "BGD"], "BGD", "036", 4.0, "AGREE", None),
    ("meeting", "cancelled", ["SRB", "XKX"], "BEL", "125", -5.0, "REJECT", "meet"),
    ("statement", "occurred", ["USA"], None, "010", 0.0, None, None),
]


def _event(kind: str, status: str, countries: list[str], where: str | None) -> DiplomaticEvent:
    return DiplomaticEvent(
        event_type=kind,
        status=status,
        summary="Trade talks on a border crossing.",
        countries=countries,
        location=Location(country=where) if where else None,
        evidence=Span(text="They met."),
    )


@pytest.mark.parametrize(
    ("kind", "status", "countries", "where", "cameo", "goldstein", "plover", "mode"), CASES
)
def test_codes_follow_the_codebooks(
    kind: str,
    status: str,
    countries: list[str],
    where: str | None,
    cameo: str,
    goldstein: float,
    plover: str | None,
    mode: str | None,
) -> None:
    codes = event_codes(_event(kind, status, countries, where))
    assert (codes.cameo_code, codes.goldstein, codes.plover_type, codes.plover_mode) == (
        cameo,
        goldstein,
        plover,
        mode,
    )
    assert codes.cameo_root == cameo[:2]


@pytest.mark.parametrize(
    ("cameo", "quad"),
    [
        ("040", QuadClass.VERBAL_COOPERATION),
        ("057", QuadClass.VERBAL_COOPERATION),
        ("061", QuadClass.MATERIAL_COOPERATION),
        ("125", QuadClass.VERBAL_CONFLICT),
        ("163", QuadClass.MATERIAL_CONFLICT),
    ],
)
def test_quad_class_follows_the_root(cameo: str, quad: QuadClass) -> None:
    assert quad_class(cameo) is quad


def test_goldstein_scores_match_the_reference() -> None:
    reference = {
        "036": 4.0,
        "040": 1.0,
        "041": 1.0,
        "042": 1.9,
        "043": 2.8,
        "044": 2.5,
        "046": 7.0,
        "057": 8.0,
        "125": -5.0,
        "010": 0.0,
    }
    assert {code: CAMEO_GOLDSTEIN[code] for code in reference} == reference


def test_contexts_come_from_the_event_words() -> None:
    codes = event_codes(_event("meeting", "occurred", ["USA", "RUS"], None))
    assert codes.contexts == ["diplomatic", "economic", "territory"]
