"""Every export, written as the CLI writes it and read back with pandas, field by field against
the report: a bilateral meeting (the seed), a four-country summit, a state visit, a cancelled
meeting. Each carries its document's source URL, language and publication date."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import dipevents
from dipevents import DiplomaticEvent, DocumentResult, EventReport
from dipevents.cli.writers import write
from dipevents.outputs.dyads import DYAD_COLUMNS
from dipevents.outputs.plover import PLOVER_FIELDS
from dipevents.outputs.rows import EVENT_COLUMNS
from tests.support import DEV, SEED
from tests.support.reports import frame_records, gold_report

CODES = {
    c: str for c in ("EventCode", "EventBaseCode", "EventRootCode", "cameo_code", "cameo_root")
}
NAMES = {
    "FIN": "Finland",
    "VNM": "Viet Nam",
    "SRB": "Serbia",
    "XKX": "Kosovo",
    "USA": "United States",
    "RUS": "Russian Federation",
}

# (article, directed dyads (Actor1, Actor2, EventCode), PLOVER (actor, recipient) parties)
CASES = {
    "bilateral": (SEED, [("USA", "RUS", "044")], (["USA"], ["RUS"])),
    "summit": (
        DEV / "002_summit_lake_chad.txt",
        [
            ("TCD", "NER", "040"),
            ("TCD", "NGA", "040"),
            ("TCD", "CMR", "040"),
            ("NER", "NGA", "040"),
            ("NER", "CMR", "040"),
            ("NGA", "CMR", "040"),
        ],
        (["TCD", "NER", "NGA", "CMR"], []),
    ),
    "visit": (
        DEV / "004_state_visit_fin_vnm.txt",
        [("FIN", "VNM", "042"), ("VNM", "FIN", "043")],
        (["FIN"], ["VNM"]),
    ),
    "cancelled": (DEV / "006_cancelled_srb_xkx.txt", [("SRB", "XKX", "125")], (["SRB"], ["XKX"])),
}


def exported(case: str, fmt: str) -> tuple[EventReport, DocumentResult, str]:
    """The case's gold report (its first event only), its result, and the export as text."""
    path = CASES[case][0]
    report = gold_report(path)
    report.events = report.events[:1]
    result = DocumentResult(
        id=path.name,
        index=0,
        report=report,
        source_url=f"https://news.example.org/{path.stem}",
        metadata={"language": "en"},
    )
    out = io.StringIO()
    write([result], fmt, out)
    return report, result, out.getvalue()


def joined(values: list[str]) -> str | None:
    return "; ".join(values) or None


@pytest.mark.parametrize("case", CASES)
def test_event_rows_read_back_field_by_field(case: str) -> None:
    report, result, text = exported(case, "csv")
    frame = pd.read_csv(io.StringIO(text), dtype=CODES)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    (row,) = frame_records(frame)
    (event,) = report.events
    codes, location, people = event.codes, event.location, event.participants
    assert codes is not None and location is not None
    assert row == {
        "source": result.id,
        "event_id": "e1",
        "date": event.date.isoformat() if event.date else None,
        "event_type": event.event_type.value,
        "status": event.status.value,
        "summary": event.summary,
        "city": location.city,
        "location_country": location.country,
        "venue": location.venue,
        "duration_hours": event.duration_hours,
        "participants": joined([p.name for p in people]),
        "participant_countries": joined([p.country or p.organization or "" for p in people]),
        "countries": joined(event.countries),
        "cameo_code": codes.cameo_code,
        "cameo_root": codes.cameo_root,
        "quad_class": codes.quad_class.value,
        "goldstein": codes.goldstein,
        "plover_type": codes.plover_type,
        "plover_mode": codes.plover_mode,
        "contexts": joined(codes.contexts),
        "outcomes": joined([o.description for o in event.outcomes]),
        "outcome_kinds": joined([o.kind.value for o in event.outcomes]),
        "disputes": joined([d.issue for d in event.disputes]),
        "previous_round": event.previous_round,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "date_source": event.date_source.value,
        "published": report.published.isoformat() if report.published else None,
        "source_url": result.source_url,
        "language": "en",
        "coder": "dipevents:gold",
        "version": dipevents.__version__,
    }


@pytest.mark.parametrize("case", CASES)
def test_dyads_read_back_field_by_field(case: str) -> None:
    report, result, text = exported(case, "dyads")
    frame = pd.read_csv(io.StringIO(text), dtype=CODES)
    assert list(frame.columns) == list(DYAD_COLUMNS)
    rows = frame_records(frame)
    (event,) = report.events
    location = event.location
    assert event.date is not None and report.published is not None and location is not None
    dyads = CASES[case][1]
    assert [(r["Actor1CountryCode"], r["Actor2CountryCode"], r["EventCode"]) for r in rows] == dyads
    for n, (row, (one, two, code)) in enumerate(zip(rows, dyads, strict=True), start=1):
        assert row == {
            "GLOBALEVENTID": f"{result.id}:e1-{n}",
            "SQLDATE": int(event.date.strftime("%Y%m%d")),
            "Actor1Code": f"{one}GOV",
            "Actor1Name": actor_name(event, one),
            "Actor1CountryCode": one,
            "Actor2Code": f"{two}GOV",
            "Actor2Name": actor_name(event, two),
            "Actor2CountryCode": two,
            "IsRootEvent": 1,
            "EventCode": code,
            "EventBaseCode": code,
            "EventRootCode": code[:2],
            "QuadClass": 3 if code == "125" else 1,
            "GoldsteinScale": {"040": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "125": -5.0}[code],
            "ActionGeo_FullName": row["ActionGeo_FullName"],  # checked below
            "ActionGeo_CountryCode": location.country,
            "DATEADDED": int(report.published.strftime("%Y%m%d")) * 1_000_000,
            "SOURCEURL": result.source_url,
            "source": result.id,
            "event_id": "e1",
            "status": event.status.value,
            "date_source": event.date_source.value,
            "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end,
        }
        assert row["ActionGeo_FullName"].startswith(f"{location.city}, ")


def actor_name(event: DiplomaticEvent, party: str) -> str:
    """The names of the party's participants in the gold report, or the country's name."""
    names = [p.name for p in event.participants if p.country == party]
    return "; ".join(names) or NAMES[party]


@pytest.mark.parametrize("case", CASES)
def test_plover_reads_back_one_record_per_event_field_by_field(case: str) -> None:
    report, result, text = exported(case, "plover")
    frame = pd.read_json(io.StringIO(text), lines=True, dtype={"cameo_code": str})
    assert list(frame.columns) == list(PLOVER_FIELDS)
    (record,) = frame.to_dict("records")  # a summit of four is one record, not six
    (event,) = report.events
    codes, location = event.codes, event.location
    assert codes is not None and location is not None and report.published is not None
    actor, recipient = CASES[case][2]
    assert [e["country"] for e in record["actor"]] == actor
    assert [e["country"] for e in record["recipient"]] == recipient
    for entity in [*record["actor"], *record["recipient"]]:
        people = [p for p in event.participants if p.country == entity["code"]]
        named = {(p.name, p.title) for p in people} or {(NAMES.get(entity["code"]), None)}
        assert (entity["name"], entity["title"]) in named
        assert entity["sector"] == "GOV"
    assert record == {
        "id": f"{result.id}:e1",
        "event_id": "e1",
        "date": pd.Timestamp(event.date),  # pandas reads a column named "date" as dates
        "date_source": event.date_source.value,
        "actor": record["actor"],
        "recipient": record["recipient"],
        "event": codes.plover_type,
        "mode": codes.plover_mode,
        "context": codes.contexts,
        "quad_code": 3 if codes.plover_type == "REJECT" else 1,
        "event_intensity": record["event_intensity"],  # by type and mode, below
        "goldstein": codes.goldstein,
        "cameo_code": codes.cameo_code,
        "event_loc": {"city": location.city, "country": location.country, "venue": location.venue},
        "event_text": event.evidence.text,
        "event_start": event.evidence.start,
        "event_end": event.evidence.end,
        "status": event.status.value,
        "source": result.id,
        "source_url": result.source_url,
        "publication_date": report.published.isoformat(),
        "language": "en",
        "coder": "dipevents:gold",
        "version": dipevents.__version__,
    }
    intensity = {"bilateral": 1.0, "summit": 4.0, "visit": 4.0, "cancelled": -2.0}[case]
    assert record["event_intensity"] == intensity
