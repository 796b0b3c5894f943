"""The public records: what `extract_events` returns, whatever backend produced it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from dipevents.model.enums import (
    Alignment,
    DateSource,
    DisputeStatus,
    EventStatus,
    EventType,
    OutcomeKind,
    ParticipantRole,
    QuadClass,
    Support,
)
from dipevents.model.usage import Usage


class _Record(BaseModel):
    # Every output is strict JSON: no record holds NaN or Infinity.
    model_config = ConfigDict(extra="forbid", use_enum_values=False, allow_inf_nan=False)


class Span(_Record):
    """One piece of evidence: a quote, where it stands in the source text, and whether it bears
    out the claim it is evidence for.

    For exact and fuzzy alignments `start`/`end` are character offsets into the text that was
    passed in, and `text` is `source[start:end]`; an unaligned quote has null offsets and keeps
    the words the backend claimed. Every claim has exactly one evidence span, so `support`
    judges the claim beside `alignment`, which places its quote.
    """

    text: str
    start: int | None = None
    end: int | None = None
    alignment: Alignment = Alignment.UNALIGNED
    support: Support = Support.UNCHECKED

    @model_validator(mode="after")
    def _offsets_match_alignment(self) -> Span:
        aligned = self.alignment is not Alignment.UNALIGNED
        has_offsets = self.start is not None and self.end is not None
        if aligned != has_offsets:
            raise ValueError("aligned spans need start and end; unaligned spans have neither")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ValueError("span offsets must satisfy 0 <= start <= end")
        return self

    @property
    def is_aligned(self) -> bool:
        return self.alignment is not Alignment.UNALIGNED

    def overlaps(self, other: Span) -> bool:
        """Whether both spans are aligned and share at least one character of the source."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start < other.end and other.start < self.end


class Location(_Record):
    city: str | None = None
    country: str | None = None
    venue: str | None = None
    evidence: Span | None = None


class Participant(_Record):
    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    role: ParticipantRole | None = None
    evidence: Span


class Outcome(_Record):
    kind: OutcomeKind
    description: str
    parties: list[str] = Field(default_factory=list)
    evidence: Span


class Dispute(_Record):
    issue: str
    raised_by: str | None = None
    parties: list[str] = Field(default_factory=list)
    status: DisputeStatus = DisputeStatus.UNKNOWN
    evidence: Span


Claim = Participant | Outcome | Dispute
"""A claim about an event that carries its own evidence: a participant, outcome or dispute."""


class EventCodes(_Record):
    """The event in the field's codebooks: CAMEO (with GDELT's quad class and Goldstein
    score) and PLOVER. Derived by dipevents from the event's type and status, never by a model.
    """

    cameo_code: str
    cameo_root: str
    quad_class: QuadClass
    goldstein: float
    plover_type: str | None = None
    plover_mode: str | None = None
    contexts: list[str] = Field(default_factory=list)


class DiplomaticEvent(_Record):
    """One meeting, call, visit, signing or statement, with its grounded details."""

    id: str = ""
    """Unique within its report: "e1", "e2", ... in the order of the article."""
    event_type: EventType
    status: EventStatus
    summary: str
    date: dt.date | None = None
    date_text: str | None = None
    date_evidence: Span | None = None
    date_source: DateSource = DateSource.NONE
    location: Location | None = None
    duration_hours: float | None = None
    participants: list[Participant] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    evidence: Span
    codes: EventCodes | None = None
    previous_round: str | None = None
    """The id of the earlier round this event follows, when the article reports one."""

    def spans(self) -> Iterator[Span]:
        """Every piece of evidence this event carries."""
        yield self.evidence
        if self.date_evidence:
            yield self.date_evidence
        if self.location and self.location.evidence:
            yield self.location.evidence
        claims: list[Claim] = [*self.participants, *self.outcomes, *self.disputes]
        for claim in claims:
            yield claim.evidence


class EventReport(_Record):
    """Everything extracted from one article; iterate it for the events."""

    events: list[DiplomaticEvent] = Field(default_factory=list)
    published: dt.date | None = None
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    warnings: list[str] = Field(default_factory=list)
    _source_text: str | None = PrivateAttr(default=None)

    def __len__(self) -> int:
        return len(self.events)

    @property
    def source_text(self) -> str | None:
        """The article text the offsets refer to, when the report was made in this process
        (it is not serialised: a report loaded from JSON has none)."""
        return self._source_text

    def attach_source_text(self, text: str) -> EventReport:
        """Remember the article the offsets refer to; returns the report."""
        self._source_text = text
        return self

    # BaseModel iterates (field, value) pairs; a report iterates its events instead.
    def __iter__(self) -> Iterator[DiplomaticEvent]:  # type: ignore[override]
        return iter(self.events)

    def to_html(self, *, text: str | None = None, source: str | None = None) -> str:
        """A self-contained HTML review page: the article with every evidence span highlighted
        and the events as cards (see `dipevents.outputs.review`). `text` defaults to `source_text`;
        ValueError when there is neither. `source` names the article in the page's title."""
        from dipevents.outputs.review import review_page

        return review_page(self, text, source=source)

    def to_plover(self, **origin: str | None) -> list[dict[str, Any]]:
        """PLOVER records, one per event (see `dipevents.outputs.plover`). Every export takes
        `source=`, `source_url=` and `language=` (see `dipevents.outputs.provenance`)."""
        from dipevents.outputs.plover import plover_records

        return plover_records(self, **origin)

    def to_dyads(self, **origin: str | None) -> list[dict[str, Any]]:
        """CAMEO dyad rows with GDELT's column names (see `dipevents.outputs.dyads`)."""
        from dipevents.outputs.dyads import dyad_rows

        return dyad_rows(self, **origin)

    def to_rows(self, **origin: str | None) -> list[dict[str, Any]]:
        """One flat row per event, lists joined, for CSV (see `dipevents.outputs.rows`)."""
        from dipevents.outputs.rows import event_rows

        return event_rows(self, **origin)

    def to_pandas(self, **origin: str | None) -> Any:
        """`to_rows()` as a pandas DataFrame (see `dipevents.outputs.frame`); ConfigurationError
        when pandas is not installed."""
        from dipevents.outputs.frame import rows_frame

        return rows_frame(self.to_rows(**origin))
