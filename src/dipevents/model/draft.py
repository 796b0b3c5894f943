"""The shape the model is asked to reply in: plain quotes, no offsets.

The field descriptions are the model's instructions, so they are written for it. The pipeline
turns a validated `ExtractionReply` into public records (`dipevents.model.records`), aligning every
quote to the article and resolving dates.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from dipevents.model.enums import (
    DisputeStatus,
    EventStatus,
    EventType,
    OutcomeKind,
    ParticipantRole,
)

Quote = str
"""Exact words copied from the article (the system prompt says so once, rather than the schema
at every quote field: about 150 tokens less on every request)."""
CountryCode = str
"""An ISO 3166-1 alpha-3 code (said once in the system prompt, like `Quote`)."""


class _Reply(BaseModel):
    # NaN and Infinity are not JSON: a reply holding one is re-asked, not passed on.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ReplyLocation(_Reply):
    city: str | None
    country: CountryCode | None
    venue: str | None = Field(description="Building or site, e.g. 'the Russian consulate'.")
    evidence: Quote


class ReplyParticipant(_Reply):
    name: str = Field(description="Full personal name as written in the article.")
    title: str | None = Field(
        description="Office held, e.g. 'Deputy Assistant Secretary of State'."
    )
    organization: str | None
    country: CountryCode | None = Field(description="Country the person represents.")
    role: ParticipantRole | None = Field(description="Only where the article says so.")
    evidence: Quote


class ReplyOutcome(_Reply):
    kind: OutcomeKind
    description: str
    parties: list[CountryCode]
    evidence: Quote


class ReplyDispute(_Reply):
    issue: str
    raised_by: CountryCode | None
    parties: list[CountryCode]
    status: DisputeStatus
    evidence: Quote


class ReplyEvent(_Reply):
    event_type: EventType
    status: EventStatus = Field(
        description="occurred only if the article reports it happened; planned, postponed or "
        "cancelled otherwise."
    )
    summary: str = Field(description="One sentence in your own words.")
    date_text: str | None = Field(
        description="The article's words that date the event, verbatim, e.g. 'on Thursday'."
    )
    date: str | None = Field(description="The event's date as YYYY-MM-DD if the article gives it.")
    location: ReplyLocation | None
    duration_hours: float | None
    participants: list[ReplyParticipant] = Field(max_length=30)
    countries: list[CountryCode] = Field(description="The parties' countries.", max_length=30)
    outcomes: list[ReplyOutcome] = Field(max_length=30)
    disputes: list[ReplyDispute] = Field(max_length=30)
    evidence: Quote = Field(description="The sentence that reports the event, verbatim.")


class ExtractionReply(_Reply):
    """Diplomatic events reported in the article; an empty list when there are none."""

    events: list[ReplyEvent] = Field(max_length=20)
