"""The last steps on grounded events, the same for every backend.

Actors are normalised to ISO alpha-3 (or an organisation's CAMEO code); a value that cannot
be resolved stays as written, with a warning, never guessed. The stated status is checked
against the cue words of the event's own evidence. Duplicate events are merged, a round is
linked to the earlier round it follows, and each event gets its id and codebook codes.
"""

from __future__ import annotations

from collections.abc import Sequence

from dipevents.model.enums import EventStatus
from dipevents.model.records import DiplomaticEvent, Dispute, Outcome, Span
from dipevents.resolve.codebook import event_codes
from dipevents.text.countries import country_code, known_organization_code, organization_code
from dipevents.text.lexicon import matcher


def refine_events(events: list[DiplomaticEvent], warnings: list[str]) -> list[DiplomaticEvent]:
    """Normalised, checked, merged, linked and coded events; problems go to `warnings`."""
    for number, event in enumerate(events, start=1):
        _normalise_actors(event, f"event {number}", warnings)
        _check_status(event, f"event {number}", warnings)
    merged = _merged(events, warnings)
    for number, event in enumerate(merged, start=1):
        event.id = f"e{number}"
    _link_rounds(merged)
    for event in merged:
        event.codes = event_codes(event)
    return merged


def actor_code(value: str) -> str | None:
    """ISO alpha-3 for a state, the CAMEO code for an international organisation, else None."""
    return country_code(value) or organization_code(value) or known_organization_code(value)


def _normalise_actors(event: DiplomaticEvent, where: str, warnings: list[str]) -> None:
    def code(value: str | None) -> str | None:
        if value is None:
            return None
        found = actor_code(value)
        if found is None:
            warnings.append(f"{where}: unknown country or organisation {value!r} kept as written")
            return value
        return found

    event.countries = list(dict.fromkeys(code(c) or c for c in event.countries))
    if event.location is not None:
        event.location.country = code(event.location.country)
    for person in event.participants:
        person.country = code(person.country)
    claims: list[Outcome | Dispute] = [*event.outcomes, *event.disputes]
    for claim in claims:
        claim.parties = list(dict.fromkeys(code(p) or p for p in claim.parties))
    for dispute in event.disputes:
        dispute.raised_by = code(dispute.raised_by)


def _check_status(event: DiplomaticEvent, where: str, warnings: list[str]) -> None:
    """Warn where the evidence's own cue words say another status than the one given."""
    cues = {cue.value for cue in matcher("status_cues.tsv").find(event.evidence.text)}
    if event.status is EventStatus.OCCURRED and cues:
        said = ", ".join(sorted(cues))
        warnings.append(f"{where}: status occurred, but its evidence reads as {said}")
    elif event.status is not EventStatus.OCCURRED and cues and event.status.value not in cues:
        said = ", ".join(sorted(cues))
        warnings.append(f"{where}: status {event.status.value}, but its evidence reads as {said}")


def _merged(events: list[DiplomaticEvent], warnings: list[str]) -> list[DiplomaticEvent]:
    """Events with duplicates folded into their first occurrence."""
    kept: list[tuple[int, DiplomaticEvent]] = []
    for number, event in enumerate(events, start=1):
        twin = next(((n, k) for n, k in kept if _same_event(k, event)), None)
        if twin is None:
            kept.append((number, event))
            continue
        warnings.append(f"event {number}: a duplicate of event {twin[0]}, merged into it")
        _absorb(twin[1], event)
    return [event for _, event in kept]


def _same_event(a: DiplomaticEvent, b: DiplomaticEvent) -> bool:
    if a.status != b.status or a.event_type != b.event_type:
        return False
    if _overlaps(a.evidence, b.evidence):
        return True
    shared_party = set(a.countries) & set(b.countries)
    shared_person = {p.name for p in a.participants} & {p.name for p in b.participants}
    if not (shared_party or shared_person):
        return False
    same_day = a.date is not None and a.date == b.date
    city_a = a.location.city if a.location else None
    city_b = b.location.city if b.location else None
    return same_day and (city_a == city_b or not city_a or not city_b)


def _absorb(into: DiplomaticEvent, other: DiplomaticEvent) -> None:
    names = {p.name for p in into.participants}
    into.participants += [p for p in other.participants if p.name not in names]
    into.countries = list(dict.fromkeys([*into.countries, *other.countries]))
    into.outcomes += [o for o in other.outcomes if not _has_span(into.outcomes, o.evidence)]
    into.disputes += [d for d in other.disputes if not _has_span(into.disputes, d.evidence)]
    into.location = into.location or other.location
    if into.date is None:
        into.date, into.date_text = other.date, other.date_text
        into.date_evidence, into.date_source = other.date_evidence, other.date_source


def _has_span(claims: Sequence[Outcome | Dispute], span: Span) -> bool:
    return any(_overlaps(claim.evidence, span) for claim in claims)


def _overlaps(a: Span, b: Span) -> bool:
    """The same evidence: overlapping offsets, or the same words where either is unaligned."""
    if a.is_aligned and b.is_aligned:
        return a.overlaps(b)
    return a.text == b.text


def _link_rounds(events: list[DiplomaticEvent]) -> None:
    """Point each occurred event at the latest earlier occurred event between the same parties."""
    dated = [(e.date, e) for e in events if e.date is not None and e.status is EventStatus.OCCURRED]
    for date, event in dated:
        earlier = [
            (d, e)
            for d, e in dated
            if d < date and len(set(e.countries) & set(event.countries)) >= 2
        ]
        if earlier:
            event.previous_round = max(earlier, key=lambda found: found[0])[1].id
