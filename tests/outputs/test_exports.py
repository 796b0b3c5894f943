"""Exports: event rows, CAMEO dyads and PLOVER records, from Python: who is paired with whom,
codes, ids and provenance. Reading them back with pandas is `test_read_back`."""

from __future__ import annotations

import json

import pytest

import dipevents
from dipevents import DiplomaticEvent, EventReport, Location, Participant, Span
from dipevents.model.enums import EventStatus, EventType, ParticipantRole
from dipevents.outputs.dyads import DYAD_COLUMNS, dyad_rows
from dipevents.outputs.parties import event_dyads
from dipevents.outputs.plover import ENTITY_FIELDS, PLOVER_FIELDS, plover_records
from dipevents.outputs.rows import EVENT_COLUMNS, event_rows
from dipevents.resolve.refine import refine_events
from tests.support import DEV, SEED
from tests.support.reports import gold_report as gold
from tests.support.reports import rules_report as rules

VISIT = DEV / "004_state_visit_fin_vnm.txt"


THREE_PARTIES = DEV / "014_title_patterns_nor_ken_usa_eu.txt"


CANCELLED = DEV / "006_cancelled_srb_xkx.txt"


CONTROL = DEV / "012_control_business_crime.txt"


PLAIN = (str, int, float, type(None))


def span(text: str) -> Span:
    return Span(text=text)


def event(
    countries: list[str],
    *,
    event_type: EventType = EventType.MEETING,
    status: EventStatus = EventStatus.OCCURRED,
    location: Location | None = None,
    roles: dict[str, ParticipantRole] | None = None,
) -> DiplomaticEvent:
    """A coded event between `countries`; `roles` maps a country to its participant's role."""
    participants = [
        Participant(name=f"Envoy of {c}", country=c, role=role, evidence=span(c))
        for c, role in (roles or {}).items()
    ]
    made = DiplomaticEvent(
        event_type=event_type,
        status=status,
        summary="Talks.",
        countries=countries,
        location=location,
        participants=participants,
        evidence=span("They met."),
    )
    return refine_events([made], [])[0]


def report_of(*events: DiplomaticEvent) -> EventReport:
    return EventReport(events=list(events), backend="test")


def directions(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["Actor1Code"], r["Actor2Code"], r["EventCode"]) for r in rows]


def codes(entities: list[dict]) -> list[str]:
    return [entity["code"] for entity in entities]


# --- event rows ------------------------------------------------------------------------------


def test_event_rows_of_the_seed_field_by_field(seed_text: str) -> None:
    report = rules(SEED)
    main, prior = event_rows(report, source="seed.txt")
    assert list(main) == list(EVENT_COLUMNS)
    assert all(isinstance(value, PLAIN) for row in (main, prior) for value in row.values())
    assert main["source"] == "seed.txt" and main["event_id"] == "e1"
    assert (main["date"], main["event_type"], main["status"]) == (
        "2025-04-10",
        "meeting",
        "occurred",
    )
    assert (main["city"], main["location_country"], main["venue"]) == (
        "Istanbul",
        "TUR",
        "Russian consulate building",
    )
    assert main["duration_hours"] == 6.0
    assert main["participants"] == "Sonata Coulter; Alexander Darchiev"
    assert main["participant_countries"] == "USA; RUS"
    assert main["countries"] == "USA; RUS"
    assert (main["cameo_code"], main["cameo_root"], main["goldstein"]) == ("044", "04", 2.5)
    assert main["quad_class"] == 1 and type(main["quad_class"]) is int
    assert (main["plover_type"], main["plover_mode"]) == ("CONSULT", "third-party")
    assert main["contexts"].split("; ")[0] == "diplomatic"
    first = report.events[0]
    assert main["outcomes"].split("; ")[0] == first.outcomes[0].description
    assert main["outcome_kinds"].split("; ") == [o.kind.value for o in first.outcomes]
    assert main["disputes"].startswith(first.disputes[0].issue)
    assert main["previous_round"] == "e2"
    start, end = main["evidence_start"], main["evidence_end"]
    assert seed_text[start:end] == main["evidence_text"]
    assert (main["date_source"], main["published"]) == ("relative", "2025-04-10")
    assert main["source_url"] is None and main["language"] is None
    assert (main["coder"], main["version"]) == ("dipevents:rules:rules-v1", dipevents.__version__)
    assert prior["event_id"] == "e2" and prior["date"] == "2025-02-27"
    assert prior["city"] is None and prior["participants"] == "" and prior["outcomes"] == ""


def test_participant_countries_line_up_with_participants() -> None:
    made = event(["SRB", "XKX"])
    made.participants = [
        Participant(name="A", country="SRB", evidence=span("A")),
        Participant(name="B", organization="European Union", evidence=span("B")),
        Participant(name="C", evidence=span("C")),
    ]
    (row,) = event_rows(report_of(made))
    assert row["participants"] == "A; B; C"
    assert row["participant_countries"].split("; ") == ["SRB", "European Union", ""]
    assert row["source"] is None


def test_an_event_without_codes_has_empty_code_columns() -> None:
    made = event(["USA", "RUS"])
    made.codes = None
    (row,) = event_rows(report_of(made))
    assert row["cameo_code"] is None and row["quad_class"] is None and row["contexts"] == ""


# --- dyads -----------------------------------------------------------------------------------


def test_a_visit_is_coded_both_ways_from_the_roles() -> None:
    rows = dyad_rows(gold(VISIT), source="004.txt")
    assert [list(row) for row in rows] == [list(DYAD_COLUMNS)] * 2
    visit, hosted = rows
    assert directions(rows) == [("FINGOV", "VNMGOV", "042"), ("VNMGOV", "FINGOV", "043")]
    assert (visit["Actor1CountryCode"], visit["Actor2CountryCode"]) == ("FIN", "VNM")
    assert (hosted["Actor1CountryCode"], hosted["Actor2CountryCode"]) == ("VNM", "FIN")
    assert (visit["GoldsteinScale"], hosted["GoldsteinScale"]) == (1.9, 2.8)
    assert (visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "04")
    assert (hosted["EventBaseCode"], hosted["EventRootCode"]) == ("043", "04")
    assert visit["QuadClass"] == hosted["QuadClass"] == 1
    assert visit["SQLDATE"] == 20261013 and visit["date_source"] == "relative"
    assert visit["DATEADDED"] == 20261013000000  # the publication date, not the time of coding
    assert (visit["Actor1Name"], visit["Actor2Name"]) == ("Elina Lehtonen", "Tran Van Quang")
    assert (hosted["Actor1Name"], hosted["Actor2Name"]) == ("Tran Van Quang", "Elina Lehtonen")
    assert visit["IsRootEvent"] == 1
    assert visit["ActionGeo_FullName"] == "Hanoi, Vietnam"
    assert visit["ActionGeo_CountryCode"] == "VNM"
    assert visit["SOURCEURL"] == visit["source"] == "004.txt"  # no URL: the source's name
    assert (visit["GLOBALEVENTID"], hosted["GLOBALEVENTID"]) == ("004.txt:e1-1", "004.txt:e1-2")
    assert (visit["event_id"], visit["status"]) == ("e1", "occurred")
    assert (visit["evidence_start"], visit["evidence_end"]) == (102, 245)


def test_a_stated_role_outranks_the_order_of_the_parties() -> None:
    made = event(
        ["VNM", "FIN"],
        event_type=EventType.VISIT,
        roles={"FIN": ParticipantRole.VISITOR},
    )
    assert directions(dyad_rows(report_of(made))) == [
        ("FINGOV", "VNMGOV", "042"),
        ("VNMGOV", "FINGOV", "043"),
    ]


def test_without_roles_the_location_country_is_the_host() -> None:
    report = rules(VISIT)
    for person in report.events[0].participants:
        person.role = None
    assert report.events[0].location.country == "VNM"
    assert directions(dyad_rows(report)) == [
        ("FINGOV", "VNMGOV", "042"),
        ("VNMGOV", "FINGOV", "043"),
    ]
    made = event(["VNM", "FIN"], event_type=EventType.VISIT, location=Location(country="FIN"))
    assert directions(dyad_rows(report_of(made)))[0] == ("VNMGOV", "FINGOV", "042")


@pytest.mark.parametrize("location", [None, Location(city="Geneva", country="CHE")])
def test_a_visit_with_no_known_host_gives_one_042_row_per_pair(
    location: Location | None,
) -> None:
    made = event(["FIN", "VNM"], event_type=EventType.VISIT, location=location)
    assert directions(dyad_rows(report_of(made))) == [("FINGOV", "VNMGOV", "042")]
    (record,) = plover_records(report_of(made))
    assert (codes(record["actor"]), codes(record["recipient"])) == (["FIN"], ["VNM"])
    assert record["mode"] == "visit"


def test_a_three_party_meeting_gives_three_pairs_in_listed_order() -> None:
    report = rules(THREE_PARTIES)
    assert report.events[0].countries == ["NOR", "KEN", "USA"]
    rows = dyad_rows(report, source="014")
    assert directions(rows) == [
        ("NORGOV", "KENGOV", "040"),
        ("NORGOV", "USAGOV", "040"),
        ("KENGOV", "USAGOV", "040"),
    ]
    assert [r["GLOBALEVENTID"] for r in rows] == ["014:e1-1", "014:e1-2", "014:e1-3"]
    (record,) = plover_records(report)  # PLOVER's compound actor: one record, no recipient
    assert [entity["country"] for entity in record["actor"]] == ["NOR", "KEN", "USA"]
    assert record["recipient"] == [] and record["mode"] == "multilateral"


def test_a_summit_of_four_gives_six_dyads_and_one_plover_record() -> None:
    made = event(["TCD", "NER", "NGA", "CMR"], event_type=EventType.SUMMIT)
    assert len(dyad_rows(report_of(made))) == 6
    (record,) = plover_records(report_of(made))
    assert codes(record["actor"]) == ["TCD", "NER", "NGA", "CMR"] and record["recipient"] == []


def test_a_summit_of_two_is_one_compound_actor() -> None:
    (record,) = plover_records(report_of(event(["FJI", "TON"], event_type=EventType.SUMMIT)))
    assert codes(record["actor"]) == ["FJI", "TON"] and record["recipient"] == []


def test_a_visit_of_several_parties_is_one_record_visitors_to_hosts() -> None:
    made = event(
        ["FIN", "SWE", "VNM"],
        event_type=EventType.VISIT,
        roles={"FIN": ParticipantRole.VISITOR, "VNM": ParticipantRole.HOST},
    )
    (record,) = plover_records(report_of(made))
    assert (codes(record["actor"]), codes(record["recipient"])) == (["FIN", "SWE"], ["VNM"])
    assert len(dyad_rows(report_of(made))) == 4  # each visitor -> host 042 and back 043


def test_no_codes_or_fewer_than_two_parties_give_no_dyads() -> None:
    uncoded = event(["USA", "RUS"])
    uncoded.codes = None
    alone = event(["GHA"])
    report = report_of(uncoded, alone)
    assert event_dyads(uncoded) == [] and event_dyads(alone) == []
    assert dyad_rows(report) == [] and plover_records(report) == []
    assert len(event_rows(report)) == 2


def test_organisations_keep_their_code_and_have_no_country() -> None:
    report = report_of(event(["SRB", "IGOEUREEC"]))
    (row,) = dyad_rows(report)
    assert (row["Actor1Code"], row["Actor1CountryCode"]) == ("SRBGOV", "SRB")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("IGOEUREEC", None)
    assert (row["Actor1Name"], row["Actor2Name"]) == ("Serbia", "IGOEUREEC")
    (record,) = plover_records(report)
    assert record["recipient"] == [
        {"code": "IGOEUREEC", "name": "IGOEUREEC", "title": None, "country": None, "sector": None}
    ]


def test_an_unresolved_party_has_no_actor_code() -> None:
    report = report_of(event(["USA", "Northern Alliance"]))
    (row,) = dyad_rows(report)
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == (None, None)
    assert row["Actor2Name"] == "Northern Alliance"
    (record,) = plover_records(report)
    assert record["recipient"][0]["code"] is None
    assert record["recipient"][0]["name"] == "Northern Alliance"


def test_a_cancelled_meeting_follows_its_codes() -> None:
    report = rules(CANCELLED)
    (row,) = dyad_rows(report)
    assert (row["EventCode"], row["QuadClass"], row["GoldsteinScale"]) == ("125", 3, -5.0)
    assert directions([row]) == [("SRBGOV", "XKXGOV", "125")]
    assert row["status"] == "cancelled"
    (record,) = plover_records(report)
    assert (record["event"], record["mode"], record["quad_code"]) == ("REJECT", "meet", 3)
    assert (record["event_intensity"], record["goldstein"]) == (-2.0, -5.0)


def test_only_the_first_event_is_the_root_event() -> None:
    rows = dyad_rows(rules(SEED))
    assert [(r["event_id"], r["IsRootEvent"]) for r in rows] == [("e1", 1), ("e2", 0)]
    assert rows[1]["ActionGeo_FullName"] is None and rows[1]["SQLDATE"] == 20250227


# --- PLOVER ----------------------------------------------------------------------------------


def test_plover_record_of_a_visit_field_by_field() -> None:
    report = gold(VISIT)
    (record,) = plover_records(
        report, source="004.txt", source_url="https://example.org/004", language="en"
    )
    assert list(record) == list(PLOVER_FIELDS)
    assert record == {
        "id": "004.txt:e1",
        "event_id": "e1",
        "date": "2026-10-13",
        "date_source": "relative",
        "actor": [
            {
                "code": "FIN",
                "name": "Elina Lehtonen",
                "title": "President",
                "country": "FIN",
                "sector": "GOV",
            }
        ],
        "recipient": [
            {
                "code": "VNM",
                "name": "Tran Van Quang",
                "title": "President",
                "country": "VNM",
                "sector": "GOV",
            }
        ],
        "event": "CONSULT",
        "mode": "visit",
        "context": report.events[0].codes.contexts,
        "quad_code": 1,
        "event_intensity": 4.0,
        "goldstein": 1.9,
        "cameo_code": "042",
        "event_loc": {"city": "Hanoi", "country": "VNM", "venue": "Presidential Palace"},
        "event_text": report.events[0].evidence.text,
        "event_start": 102,
        "event_end": 245,
        "status": "occurred",
        "source": "004.txt",
        "source_url": "https://example.org/004",
        "publication_date": "2026-10-13",
        "language": "en",
        "coder": "dipevents:gold",
        "version": dipevents.__version__,
    }
    assert all(list(entity) == list(ENTITY_FIELDS) for entity in record["actor"])
    assert record["context"][0] == "diplomatic"
    json.dumps(record)


def test_a_party_without_a_named_participant_is_the_state_itself() -> None:
    made = event(["USA", "RUS"], roles={"USA": ParticipantRole.PARTICIPANT})
    (record,) = plover_records(report_of(made))
    assert record["actor"][0]["name"] == "Envoy of USA"
    assert record["recipient"] == [
        {
            "code": "RUS",
            "name": "Russian Federation",
            "title": None,
            "country": "RUS",
            "sector": "GOV",
        }
    ]


def test_each_named_participant_of_a_party_is_an_entity() -> None:
    made = event(["USA", "RUS"])
    made.participants = [
        Participant(name=name, country="USA", evidence=span(name)) for name in ("A", "B")
    ]
    (record,) = plover_records(report_of(made))
    assert [(e["code"], e["name"]) for e in record["actor"]] == [("USA", "A"), ("USA", "B")]
    (row,) = dyad_rows(report_of(made))
    assert (row["Actor1Name"], row["Actor2Name"]) == ("A; B", "Russian Federation")


@pytest.mark.parametrize(
    ("event_type", "status", "countries", "intensity"),
    [
        (EventType.MEETING, EventStatus.OCCURRED, ["USA", "RUS"], 2.5),
        (EventType.MEETING, EventStatus.OCCURRED, ["NOR", "KEN", "USA"], 4.0),
        (EventType.PHONE_CALL, EventStatus.OCCURRED, ["JPN", "AUS"], 1.5),
        (EventType.SIGNING, EventStatus.OCCURRED, ["KAZ", "UZB"], 5.0),
        (EventType.MEETING, EventStatus.PLANNED, ["EGY", "ETH"], 2.5),
    ],
)
def test_plover_intensity_follows_the_type_and_mode(
    event_type: EventType, status: EventStatus, countries: list[str], intensity: float
) -> None:
    made = event(countries, event_type=event_type, status=status)
    (record,) = plover_records(report_of(made))
    assert record["event_intensity"] == intensity


def test_a_meeting_in_a_third_country_is_third_party_consult() -> None:
    (record,) = plover_records(rules(SEED))[:1]
    assert (record["mode"], record["event_intensity"], record["cameo_code"]) == (
        "third-party",
        1.0,
        "044",
    )
    assert record["event_loc"]["country"] == "TUR"


def test_an_undated_event_says_so() -> None:
    made = event(["USA", "RUS"])
    report = report_of(made)
    assert made.date is None
    (row,) = dyad_rows(report)
    assert row["SQLDATE"] is None and row["date_source"] == "none"
    assert row["DATEADDED"] is None  # no publication date either
    (record,) = plover_records(report)
    assert record["date"] is None and record["date_source"] == "none"
    assert event_rows(report)[0]["date_source"] == "none"


def test_an_event_without_a_plover_type_gives_no_record() -> None:
    statement = event(["USA", "RUS"], event_type=EventType.STATEMENT)
    assert statement.codes is not None and statement.codes.plover_type is None
    assert plover_records(report_of(statement)) == []
    assert len(dyad_rows(report_of(statement))) == 1


def test_a_planned_meeting_is_agree() -> None:
    (record,) = plover_records(report_of(event(["EGY", "ETH"], status=EventStatus.PLANNED)))
    assert (record["event"], record["cameo_code"], record["quad_code"]) == ("AGREE", "036", 1)


# --- ids and report methods ------------------------------------------------------------------


def test_ids_are_stable_and_unique() -> None:
    first, second = rules(SEED), rules(SEED)
    assert dyad_rows(first, source="s") == dyad_rows(second, source="s")
    assert plover_records(first) == plover_records(second)
    ids = [r["GLOBALEVENTID"] for r in dyad_rows(gold(VISIT))]
    assert ids == ["doc:e1-1", "doc:e1-2"]
    assert [r["id"] for r in plover_records(first)] == ["doc:e1", "doc:e2"]
    records = plover_records(first)
    assert len({r["id"] for r in records}) == len(records)


def test_report_methods_are_the_export_functions() -> None:
    report = rules(SEED)
    origin = {"source": "x", "source_url": "https://example.org/x", "language": "en"}
    assert report.to_rows(**origin) == event_rows(report, **origin)
    assert report.to_dyads(**origin) == dyad_rows(report, **origin)
    assert report.to_plover(**origin) == plover_records(report, **origin)
