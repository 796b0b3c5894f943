"""Turning a validated model reply into grounded public records.

Every quote is aligned to the article; quotes that cannot be found are kept as unaligned
spans and named in the warnings, or dropped with their claim when grounding is required.
Each claim whose quote is found is then checked against it and the article (`support`): an
unsupported claim is kept, flagged and named in the warnings, or dropped when grounding is
required (an event's unsupported countries go, not the event). Dates are resolved from the
article's own words against the publication date; a place the reply gives no country gets it
from the article ("Istanbul, Turkey") or the city lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dipevents.model.draft import (
    ExtractionReply,
    ReplyDispute,
    ReplyEvent,
    ReplyLocation,
    ReplyOutcome,
    ReplyParticipant,
)
from dipevents.model.enums import DateSource, Support
from dipevents.model.records import DiplomaticEvent, Dispute, Location, Outcome, Participant, Span
from dipevents.resolve.align import SourceIndex
from dipevents.resolve.support import (
    ArticleBody,
    Verdict,
    countries_support,
    date_verdict,
    name_verdict,
    place_verdict,
    unsupported_countries,
    wording_verdict,
)
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
    body: ArticleBody
    warnings: list[str] = field(default_factory=list)
    outside_body: list[Span] = field(default_factory=list)

    def span(self, quote: str, where: str, near: int = 0) -> Span:
        span = self._in_body(self.index.align(quote, near=max(near, self.body.start)))
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

    def judge(self, span: Span, where: str, check: Callable[[], Verdict]) -> Span:
        """`span` with the support `check` finds for its claim, once its quote is placed in the
        body (an unaligned quote is flagged already and stays unchecked)."""
        if not span.is_aligned or self._is_outside(span):
            return span
        verdict = check()
        if verdict.support is Support.UNSUPPORTED:
            self.flag(where, verdict.reason)
        return span.model_copy(update={"support": verdict.support})

    def flag(self, where: str, reason: str) -> None:
        action = "dropped" if self.require_grounding else "kept, flagged unsupported"
        self.warnings.append(f"{where}: {reason}; {action}")

    def keep(self, span: Span) -> bool:
        if self._is_outside(span):
            return False
        grounded = span.is_aligned and span.support is not Support.UNSUPPORTED
        return grounded or not self.require_grounding

    def _is_outside(self, span: Span) -> bool:
        return any(span is outside for outside in self.outside_body)

    def _in_body(self, span: Span) -> Span:
        """The span, moved into the body when its words also stand there."""
        start, end = self.body.start, self.body.end
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
        article, SourceIndex(article), require_grounding, ArticleBody(article, body_bounds(article))
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
    kept = [p for p in participants if grounder.keep(p.evidence)]
    countries, evidence = _countries(drafted.countries, kept, evidence, where, grounder)
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
        participants=kept,
        countries=countries,
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
    words = drafted.date_text
    resolved, source = resolve_event_date(words, published, drafted.status)
    evidence = grounder.judge(
        grounder.span(words, f"{where} date", near),
        f"{where} date",
        lambda: date_verdict(model_date, resolved, words),
    )
    if not grounder.keep(evidence):
        return None, DateSource.NONE, None
    if resolved is None:
        return model_date, fallback_source, evidence
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
    placed = grounder.span(drafted.evidence, f"{where} location", near)
    evidence = grounder.judge(
        placed,
        f"{where} location",
        lambda: place_verdict(drafted.city, drafted.venue, placed.text, grounder.body),
    )
    if not grounder.keep(evidence):
        return None
    country = drafted.country
    if not country and drafted.city:
        # Caption, dateline and body may say "Istanbul, Turkey"; the comments tail may not.
        country = place_country(drafted.city, grounder.article[: grounder.body.end])
    return Location(city=drafted.city, country=country, venue=drafted.venue, evidence=evidence)


def _countries(
    drafted: list[str],
    participants: list[Participant],
    evidence: Span,
    where: str,
    grounder: _Grounder,
) -> tuple[list[str], Span]:
    """The event's countries, and its evidence judged by them; an unsupported country is
    dropped when grounding is required, the event kept."""
    countries = list(dict.fromkeys(drafted))
    if not evidence.is_aligned:
        return countries, evidence
    owners = [p.country for p in participants]
    missing = unsupported_countries(countries, owners, evidence.text, grounder.body)
    if missing:
        reason = f"{', '.join(missing)} neither a participant's country nor named in the body"
        grounder.flag(where, reason)
    if missing and grounder.require_grounding:
        countries, missing = [c for c in countries if c not in missing], []
    support = countries_support(countries, missing)
    return countries, evidence.model_copy(update={"support": support})


def _participant(
    drafted: ReplyParticipant, where: str, grounder: _Grounder, near: int
) -> Participant:
    evidence = grounder.span(drafted.evidence, where, near)
    return Participant(
        name=drafted.name,
        title=drafted.title,
        organization=drafted.organization,
        country=drafted.country,
        role=drafted.role,
        evidence=grounder.judge(
            evidence, where, lambda: name_verdict(drafted.name, evidence.text, grounder.body)
        ),
    )


def _outcome(drafted: ReplyOutcome, where: str, grounder: _Grounder, near: int) -> Outcome:
    return Outcome(
        kind=drafted.kind,
        description=drafted.description,
        parties=list(dict.fromkeys(drafted.parties)),
        evidence=_worded(
            drafted.evidence, "description", drafted.description, where, grounder, near
        ),
    )


def _dispute(drafted: ReplyDispute, where: str, grounder: _Grounder, near: int) -> Dispute:
    return Dispute(
        issue=drafted.issue,
        raised_by=drafted.raised_by,
        parties=list(dict.fromkeys(drafted.parties)),
        status=drafted.status,
        evidence=_worded(drafted.evidence, "issue", drafted.issue, where, grounder, near),
    )


def _worded(quote: str, what: str, claim: str, where: str, grounder: _Grounder, near: int) -> Span:
    """The evidence of a claim in words of the model's own, judged by the words it shares."""
    span = grounder.span(quote, where, near)
    return grounder.judge(
        span, where, lambda: wording_verdict(what, claim, grounder.body.sentence_around(span))
    )
