"""`event_rows`: one flat row per event, lists joined with "; ", for a spreadsheet or CSV.

Every value is a str, int, float or None, so the rows go straight into `csv.DictWriter`,
`json.dumps` or a DataFrame.
"""

from __future__ import annotations

from typing import Any

from dipevents.model.records import DiplomaticEvent, EventReport
from dipevents.outputs.provenance import Provenance, date_source, iso_date, provenance

EVENT_COLUMNS: tuple[str, ...] = (
    "source",
    "event_id",
    "date",
    "event_type",
    "status",
    "summary",
    "city",
    "location_country",
    "venue",
    "duration_hours",
    "participants",
    "participant_countries",
    "countries",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "contexts",
    "outcomes",
    "outcome_kinds",
    "disputes",
    "previous_round",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "date_source",
    "published",
    "source_url",
    "language",
    "coder",
    "version",
)
"""The columns of `event_rows`, in order."""

JOIN = "; "
"""The separator of list values in `event_rows`."""


def event_rows(
    report: EventReport,
    *,
    source: str | None = None,
    source_url: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """One flat row per event (columns `EVENT_COLUMNS`); list values are joined with "; ".

    `participant_countries` is aligned with `participants`: each participant's country, or
    their organisation when they have none, or "" when neither is known. `date_source` is
    "none" for an undated event; `published` is the article's date (ISO).
    """
    origin = provenance(report, source, source_url, language)
    return [_event_row(event, origin) for event in report.events]


def _event_row(event: DiplomaticEvent, origin: Provenance) -> dict[str, Any]:
    location, codes = event.location, event.codes
    people = event.participants
    return {
        "source": origin.source,
        "event_id": event.id,
        "date": iso_date(event.date),
        "event_type": event.event_type.value,
        "status": event.status.value,
        "summary": event.summary,
        "city": location.city if location else None,
        "location_country": location.country if location else None,
        "venue": location.venue if location else None,
        "duration_hours": event.duration_hours,
        "participants": JOIN.join(p.name for p in people),
        "participant_countries": JOIN.join(p.country or p.organization or "" for p in people),
        "countries": JOIN.join(event.countries),
        "cameo_code": codes.cameo_code if codes else None,
        "cameo_root": codes.cameo_root if codes else None,
        "quad_class": codes.quad_class.value if codes else None,
        "goldstein": codes.goldstein if codes else None,
        "plover_type": codes.plover_type if codes else None,
        "plover_mode": codes.plover_mode if codes else None,
        "contexts": JOIN.join(codes.contexts) if codes else "",
        "outcomes": JOIN.join(o.description for o in event.outcomes),
        "outcome_kinds": JOIN.join(o.kind.value for o in event.outcomes),
        "disputes": JOIN.join(d.issue for d in event.disputes),
        "previous_round": event.previous_round,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "date_source": date_source(event),
        "published": iso_date(origin.published),
        "source_url": origin.source_url,
        "language": origin.language,
        "coder": origin.coder,
        "version": origin.version,
    }
