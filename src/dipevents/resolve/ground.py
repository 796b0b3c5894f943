"""Turning a validated model reply into grounded public records.

Every quote is aligned to the article; quotes that cannot be found are kept as unaligned
spans and named in the warnings, or dropped with their claim when grounding is required.
Dates are resolved from the article's own words against the publication date; a place the
reply gives no country gets it from the article ("Istanbul, Turkey") or the city lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from dipevents.model.draft import (
    ExtractionReply,
    ReplyDispute,
    ReplyEvent,
    ReplyLocation,
    ReplyOutcome,
    ReplyParticipant,
)
from dipevents.model.enums import DateSource
from dipevents.model.records import DiplomaticEvent, Dispute, Location, Outcome, Participant, Span
from dipevents.resolve.align import SourceIndex
from dipevents.text.article import body_bounds
from dipevents.text.dates import resolve_event_date
from dipevents.text.places import place_country

_QUOTE_PREVIEW = 60


@dataclass
class _Grounder:
    """Aligns quotes to one article's body and notes those it cannot find there.

    A quote found only in the photo caption or the comments tail grounds nothing: such claims
    are dropped whatever `require_grounding` says, since comments are where injected
    instructions live.
    """

    article: str
    index: SourceIndex
    require_grounding: bool
    warnings: list[str] = field(default_factory=list)
    body: tuple[int, int] = (0, 0)
    outside_body: list[Span] = field(default_factory=list)

    def span(self, quote: str, where: str, near: int = 0) -> Span:
        span = self._in_body(self.index.align(quote, near=max(near, self.body[0])))
        preview = quote if len(quote) <= _QUOTE_PREVIEW else quote[:_QUOTE_PREVIEW] + "…"
        if self._is_outside(span):
            self.warnings.append(
                f"{where}: quote found only outside the article body (caption or comments), "
                f"dropped: {preview!r}"
            )
        elif not span.is_aligned:
            action = "dropped" if self.require_grounding else "kept unaligned"
            self.warnings.append(f"{where}: quote not found in the article, {action}: {preview!r}")
        return span

    def keep(self, span: Span) -> bool:
        if self._is_outside(span):
            return False
        return span.is_aligned or not self.require_grounding

    def _is_outside(self, span: Span) -> bool:
        return any(span is outside for outside in self.outside_body)

    def _in_body(self, span: Span) -> Span:
        """The span, moved into the body when its words also stand there."""
        start, end = self.body
        if span.start is None or span.end is None or (start <= span.start and span.end <= end):
            return span
        found = self.article.find(span.text, start, end)
        if found >= 0:
            return span.model_copy(update={"start": found, "end": found + len(span.text)})
        self.outside_body.append(span)
        return span


def assemble_events(
    reply: ExtractionReply,
    article: str,
    published: dt.date | None,
    *,
    require_grounding: bool = False,
) -> tuple[list[DiplomaticEvent], list[str]]:
    """The reply's events, grounded in `article`, and the warnings raised on the way."""
    return assemble_pieces([(reply, 0)], article, published, require_grounding=require_grounding)


def assemble_pieces(
    replies: Sequence[tuple[ExtractionReply, int]],
    article: str,
    published: dt.date | None,
    *,
    require_grounding: bool = False,
) -> tuple[list[DiplomaticEvent], list[str]]:
    """The events of the replies to the pieces of a long article, grounded in the whole of it.

    Each reply comes with the offset where its piece starts, so that a quote is looked for
    from there first: a phrase that also stands earlier in the article is placed in the piece
    the model read.
    """
    grounder = _Grounder(
        article, SourceIndex(article), require_grounding, body=body_bounds(article)
    )
    events = []
    drafts = [(drafted, start) for reply, start in replies for drafted in reply.events]
    for number, (drafted, start) in enumerate(drafts, start=1):
        event = _event(drafted, f"event {number}", grounder, published, start)
        if event is not None:
            events.append(event)
    return events, grounder.warnings


def _event(
    drafted: ReplyEvent, where: str, grounder: _Grounder, published: dt.date | None, piece: int
) -> DiplomaticEvent | None:
    evidence = grounder.span(drafted.evidence, where, near=piece)
    if not grounder.keep(evidence):
        return None
    near = evidence.start or 0
    date, source, date_evidence = _date(drafted, where, grounder, published, near)
    participants = [
        _participant(p, f"{where} participant {p.name!r}", grounder, near)
        for p in drafted.participants
    ]
    outcomes = [_outcome(o, f"{where} outcome", grounder, near) for o in drafted.outcomes]
    disputes = [_dispute(d, f"{where} dispute", grounder, near) for d in drafted.disputes]
    return DiplomaticEvent(
        event_type=drafted.event_type,
        status=drafted.status,
        summary=drafted.summary,
        date=date,
        date_text=drafted.date_text,
        date_evidence=date_evidence,
        date_source=source,
        location=_location(drafted.location, where, grounder, near),
        duration_hours=drafted.duration_hours,
        participants=[p for p in participants if grounder.keep(p.evidence)],
        countries=list(dict.fromkeys(drafted.countries)),
        outcomes=[o for o in outcomes if grounder.keep(o.evidence)],
        disputes=[d for d in disputes if grounder.keep(d.evidence)],
        evidence=evidence,
    )


def _date(
    drafted: ReplyEvent, where: str, grounder: _Grounder, published: dt.date | None, near: int
) -> tuple[dt.date | None, DateSource, Span | None]:
    """The event's date: our own resolution of its words first, the model's ISO date second."""
    model_date = _model_date(drafted.date, where, grounder)
    fallback_source = DateSource.MODEL if model_date else DateSource.NONE
    if not drafted.date_text:
        return model_date, fallback_source, None
    evidence = grounder.span(drafted.date_text, f"{where} date", near)
    if not grounder.keep(evidence):
        return None, DateSource.NONE, None
    resolved, source = resolve_event_date(drafted.date_text, published, drafted.status)
    if resolved is None:
        return model_date, fallback_source, evidence
    if model_date is not None and model_date != resolved:
        grounder.warnings.append(
            f"{where} date: the reply said {model_date.isoformat()}, but "
            f"{drafted.date_text!r} resolves to {resolved.isoformat()}; kept the latter"
        )
    return resolved, source, evidence


def _model_date(value: str | None, where: str, grounder: _Grounder) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        grounder.warnings.append(f"{where} date: the model's date {value!r} is not YYYY-MM-DD")
        return None


def _location(
    drafted: ReplyLocation | None, where: str, grounder: _Grounder, near: int
) -> Location | None:
    if drafted is None:
        return None
    evidence = grounder.span(drafted.evidence, f"{where} location", near)
    if not grounder.keep(evidence):
        return None
    country = drafted.country
    if not country and drafted.city:
        # Caption, dateline and body may say "Istanbul, Turkey"; the comments tail may not.
        country = place_country(drafted.city, grounder.article[: grounder.body[1]])
    return Location(city=drafted.city, country=country, venue=drafted.venue, evidence=evidence)


def _participant(
    drafted: ReplyParticipant, where: str, grounder: _Grounder, near: int
) -> Participant:
    return Participant(
        name=drafted.name,
        title=drafted.title,
        organization=drafted.organization,
        country=drafted.country,
        role=drafted.role,
        evidence=grounder.span(drafted.evidence, where, near),
    )


def _outcome(drafted: ReplyOutcome, where: str, grounder: _Grounder, near: int) -> Outcome:
    return Outcome(
        kind=drafted.kind,
        description=drafted.description,
        parties=list(dict.fromkeys(drafted.parties)),
        evidence=grounder.span(drafted.evidence, where, near),
    )


def _dispute(drafted: ReplyDispute, where: str, grounder: _Grounder, near: int) -> Dispute:
    return Dispute(
        issue=drafted.issue,
        raised_by=drafted.raised_by,
        parties=list(dict.fromkeys(drafted.parties)),
        status=drafted.status,
        evidence=grounder.span(drafted.evidence, where, near),
    )
