"""The review page: a report over its article, as one self-contained HTML file.

The article is shown with every aligned evidence span highlighted by kind, and the events as
cards beside it; hovering or clicking a card lights up its spans. Claims whose quote has no
place in the article (unaligned, empty, or offsets past its end) are flagged on their card, and
so are claims their quote does not support (still highlighted: the quote is there).

Overlapping spans are drawn as nested `<mark>` elements. Spans that cross (each begins inside
the other) cannot nest, so the later one is split into pieces that do; every piece carries the
span's number (`data-n`), so a span is one number however many elements draw it.

The page loads nothing: CSS and JS (package data in `review_assets/`, read once) are inline
and allowed by their SHA-256 in a Content-Security-Policy that forbids everything else. Every
string from the article or the report is escaped, and the report's JSON is embedded as inert
data with `<`, `>` and `&` written as JSON escapes, so no text can close its script element.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from dipevents.errors import InputError
from dipevents.model.enums import Alignment, Support
from dipevents.model.records import (
    DiplomaticEvent,
    Dispute,
    EventReport,
    Outcome,
    Participant,
    Span,
)
from dipevents.text.package_data import package_text

Kind = Literal["event", "participant", "date", "place", "outcome", "dispute"]
KINDS: tuple[Kind, ...] = ("event", "participant", "date", "place", "outcome", "dispute")
"""The kinds of evidence, outermost first when two spans cover the same text."""

_LABELS: dict[Kind, str] = {
    "event": "event evidence",
    "participant": "participant",
    "date": "date",
    "place": "place",
    "outcome": "outcome",
    "dispute": "dispute",
}
_NOT_FOUND = "not found in the article"
_UNSUPPORTED = "unsupported: its quote and the article do not say this (see the warnings)"


@dataclass(frozen=True)
class Highlight:
    """One claim's evidence on the page: its span, kind, and the event it belongs to."""

    number: int
    """Unique on the page, in the order of the report."""
    event: int
    """The index of the event in the report."""
    kind: Kind
    span: Span
    problem: str | None
    """Why the span cannot be highlighted, or None when it can."""

    @property
    def start(self) -> int:
        return self.span.start or 0

    @property
    def end(self) -> int:
        return self.span.end or 0


def highlights(report: EventReport, text: str) -> list[Highlight]:
    """Every piece of evidence in the report, numbered, each checked against the text."""
    found: list[Highlight] = []
    for index, event in enumerate(report.events):
        for kind, span in _evidence(event):
            found.append(Highlight(len(found), index, kind, span, _problem(span, text)))
    return found


def review_page(report: EventReport, text: str | None = None, *, source: str | None = None) -> str:
    """The HTML page of `report` over `text` (default: the report's own source text).

    `source` names the article in the page's title. Raises `InputError` when there is no text.
    """
    if text is None:
        text = report.source_text
    if text is None:
        raise InputError(
            "no article text to show: the report has none attached (a report loaded from JSON "
            "has none), so pass text= the article the report was made from"
        )
    claims = highlights(report, text)
    title = f"dipevents review: {source}" if source else "dipevents review"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            _header(report, title, claims, text),
            '<main>\n<article id="article" class="article" aria-label="article">',
            _marked_text(text, [claim for claim in claims if claim.problem is None]),
            '</article>\n<aside class="events" aria-label="events">\n',
            "".join(_card(report.events[i], i, claims) for i in range(len(report.events)))
            or '<p class="none">No events were found in this article.</p>\n',
            "</aside>\n</main>\n",
            '<script type="application/json" id="report-data">',
            script_json(report.model_dump(mode="json")),
            "</script>\n",
            f"<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )


def script_json(value: object) -> str:
    """JSON that is safe inside a `<script>` element: no `<`, `>` or `&` appear literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _evidence(event: DiplomaticEvent) -> Iterator[tuple[Kind, Span]]:
    """The event's spans with their kinds, in the order its card lists them."""
    yield "event", event.evidence
    if event.date_evidence:
        yield "date", event.date_evidence
    if event.location and event.location.evidence:
        yield "place", event.location.evidence
    for participant in event.participants:
        yield "participant", participant.evidence
    for outcome in event.outcomes:
        yield "outcome", outcome.evidence
    for dispute in event.disputes:
        yield "dispute", dispute.evidence


def _problem(span: Span, text: str) -> str | None:
    if span.start is None or span.end is None:
        return _NOT_FOUND
    if span.end > len(text):
        return "offsets past the end of the article"
    if span.start == span.end:
        return "empty quote"
    return None


def _marked_text(text: str, shown: list[Highlight]) -> str:
    """The text, escaped, with each highlight drawn as `<mark>` elements.

    At every boundary the marks that should be open (outermost first: earlier start, then later
    end, then kind) are compared with those that are; the open ones past the common prefix are
    closed and the missing ones opened. Nested spans stay one element each; a span that crosses
    another is closed and reopened around the crossing, so the elements always nest.
    """
    order = {
        claim.number: (claim.start, -claim.end, KINDS.index(claim.kind), claim.number)
        for claim in shown
    }
    cuts = sorted({0, len(text), *(c.start for c in shown), *(c.end for c in shown)})
    starting: dict[int, list[Highlight]] = {}
    for claim in shown:
        starting.setdefault(claim.start, []).append(claim)
    active: list[Highlight] = []
    opened: list[Highlight] = []
    out: list[str] = []
    for left, right in pairwise(cuts):
        active = [c for c in active if c.end > left] + starting.get(left, [])
        wanted = sorted(active, key=lambda claim: order[claim.number])
        keep = 0
        while keep < min(len(opened), len(wanted)) and opened[keep] is wanted[keep]:
            keep += 1
        out.append("</mark>" * (len(opened) - keep))
        for depth, claim in enumerate(wanted[keep:], start=keep):
            out.append(_open_mark(claim, depth, piece=claim.start < left))
        opened = wanted
        out.append(_article_text(text[left:right]))
    out.append("</mark>" * len(opened))
    return "".join(out)


def _open_mark(claim: Highlight, depth: int, *, piece: bool) -> str:
    continued = ' data-continued=""' if piece else ""
    return (
        f'<mark class="hl k-{claim.kind} d{min(depth, 3)}" data-n="{claim.number}" '
        f'data-event="{claim.event}" data-kind="{claim.kind}"{continued} '
        f'title="{_esc(_LABELS[claim.kind])}">'
    )


def _header(report: EventReport, title: str, claims: list[Highlight], text: str) -> str:
    shown = [claim for claim in claims if claim.problem is None]
    legend = "".join(
        f'<li><span class="chip k-{kind}">{_esc(_LABELS[kind])}</span> '
        f'<span class="count" data-kind="{kind}">'
        f"{sum(1 for claim in shown if claim.kind == kind)}</span></li>"
        for kind in KINDS
    )
    missing = len(claims) - len(shown)
    unsupported = sum(1 for claim in claims if claim.span.support is Support.UNSUPPORTED)
    facts = [
        ("backend", report.backend),
        ("model", report.model or "none"),
        ("prompt", report.prompt_version),
        ("published", report.published and report.published.isoformat()),
        ("events", str(len(report.events))),
        ("highlighted", f"{len(shown)} of {len(claims)} quotes"),
    ]
    notes = list(report.warnings)
    mismatched = sum(1 for claim in shown if text[claim.start : claim.end] != claim.span.text)
    if mismatched:
        notes.insert(
            0,
            f"{mismatched} quote(s) differ from the article at their offsets: is this the "
            "article the report was made from?",
        )
    if unsupported:
        notes.insert(0, f"{unsupported} claim(s) not supported by their quote: see the flags")
    if missing:
        notes.insert(0, f"{missing} quote(s) could not be highlighted: see the marked claims")
    warnings = "".join(f"<li>{_esc(note)}</li>" for note in notes)
    return (
        f'<header>\n<h1>{_esc(title)}</h1>\n<dl class="facts">'
        + "".join(
            f'<div><dt>{name}</dt><dd class="{name}">{_esc(value)}</dd></div>'
            for name, value in facts
            if value
        )
        + f'</dl>\n<ul class="legend" aria-label="legend">{legend}</ul>\n'
        + (f'<ul class="warnings" aria-label="warnings">{warnings}</ul>\n' if notes else "")
        + "</header>\n"
    )


def _card(event: DiplomaticEvent, index: int, claims: list[Highlight]) -> str:
    """One event as a card; each claim line names its highlight by `data-n`."""
    mine = iter(claim for claim in claims if claim.event == index)  # in `_evidence`'s order
    own = next(mine)
    date_claim = next(mine) if event.date_evidence else None
    place_claim = next(mine) if event.location and event.location.evidence else None
    rows: list[str] = []
    if event.date or event.date_text or date_claim:
        date = " ".join(
            part
            for part in (
                _esc(event.date.isoformat()) if event.date else "",
                f"“{_esc(event.date_text)}”" if event.date_text else "",
                f'<span class="muted">({_esc(event.date_source.value)})</span>',
            )
            if part
        )
        rows.append(_field("date", date, date_claim))
    if event.location:
        place = event.location
        where = ", ".join(_esc(part) for part in (place.venue, place.city, place.country) if part)
        rows.append(_field("place", where or "(unnamed)", place_claim))
    if event.duration_hours is not None:
        rows.append(_field("duration", f"{event.duration_hours:g} h", None))
    if event.countries:
        rows.append(_field("countries", _esc(", ".join(event.countries)), None))
    if event.codes:
        rows.append(_field("codes", _codes(event), None))
    if event.previous_round:
        rows.append(_field("follows", _esc(event.previous_round), None))
    groups = [
        ("participants", [(_participant(p), next(mine)) for p in event.participants]),
        ("outcomes", [(_outcome(o), next(mine)) for o in event.outcomes]),
        ("disputes", [(_dispute(d), next(mine)) for d in event.disputes]),
    ]
    lists = "".join(
        f'<h3>{name}</h3>\n<ul class="claims">{"".join(_claim(*item) for item in items)}</ul>\n'
        for name, items in groups
        if items
    )
    heading = (
        f'<span class="id">{_esc(event.id)}</span> '
        f'<span class="type">{_esc(event.event_type.value.replace("_", " "))}</span> '
        f'<span class="status s-{_esc(event.status.value)}">{_esc(event.status.value)}</span>'
    )
    return (
        f'<section class="card" data-event="{index}" tabindex="0" aria-current="false">\n'
        f"<h2>{heading}</h2>\n"
        f'<p class="summary" data-n="{own.number}">'
        f'<span class="sw k-event"></span>{_esc(event.summary)}{_badge(own)}</p>\n'
        f'<dl class="fields">{"".join(rows)}</dl>\n{lists}</section>\n'
    )


def _field(name: str, value: str, claim: Highlight | None) -> str:
    """A row of the card; `value` is already escaped."""
    linked = f' data-n="{claim.number}"' if claim else ""
    swatch = f'<span class="sw k-{claim.kind}"></span>' if claim else ""
    badge = _badge(claim) if claim else ""
    return f"<div{linked}><dt>{name}</dt><dd>{swatch}{value}{badge}</dd></div>"


def _claim(body: str, claim: Highlight) -> str:
    """A list item of the card; `body` is already escaped."""
    return (
        f'<li data-n="{claim.number}"><span class="sw k-{claim.kind}"></span>'
        f"{body}{_badge(claim)}</li>"
    )


def _badge(claim: Highlight) -> str:
    """A flag for a claim that cannot be highlighted (with the quote it claimed), or is not
    supported by its quote, or was matched fuzzily."""
    if claim.problem is None:
        fuzzy = claim.span.alignment is Alignment.FUZZY
        badge = ' <span class="badge fuzzy">fuzzy match</span>' if fuzzy else ""
        if claim.span.support is Support.UNSUPPORTED:
            badge += f' <span class="badge unsupported">{_esc(_UNSUPPORTED)}</span>'
        return badge
    return (
        f' <span class="badge missing">{_esc(claim.problem)}</span>'
        f'<q class="claimed">{_esc(claim.span.text)}</q>'
    )


def _participant(p: Participant) -> str:
    country = f' <span class="code">{_esc(p.country)}</span>' if p.country else ""
    role = f' <span class="muted">{_esc(p.role.value)}</span>' if p.role else ""
    extra = _joined((p.title, p.organization))
    below = f'<br><span class="muted">{extra}</span>' if extra else ""
    return f"<strong>{_esc(p.name)}</strong>{country}{role}{below}"


def _outcome(o: Outcome) -> str:
    parties = f' <span class="code">{_esc(", ".join(o.parties))}</span>' if o.parties else ""
    kind = _esc(o.kind.value.replace("_", " "))
    return f'<span class="tag">{kind}</span>{parties} {_esc(o.description)}'


def _dispute(d: Dispute) -> str:
    by = ""
    if d.raised_by:
        by = f' <span class="muted">raised by</span> <span class="code">{_esc(d.raised_by)}</span>'
    return f'<span class="tag">{_esc(d.status.value)}</span>{by} {_esc(d.issue)}'


def _codes(event: DiplomaticEvent) -> str:
    codes = event.codes
    assert codes is not None
    cameo = (
        f'CAMEO <span class="code">{_esc(codes.cameo_code)}</span> '
        f'<span class="muted">(root {_esc(codes.cameo_root)}, quad class '
        f"{codes.quad_class.value}, Goldstein {codes.goldstein:+g})</span>"
    )
    plover = _joined((codes.plover_type, codes.plover_mode), " / ")
    contexts = _joined(codes.contexts)
    return (
        cameo
        + (f'<br>PLOVER <span class="code">{plover}</span>' if plover else "")
        + (f' <span class="muted">{contexts}</span>' if contexts else "")
    )


def _joined(parts: Iterable[str | None], separator: str = ", ") -> str:
    return _esc(separator.join(part for part in parts if part))


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _article_text(text: str) -> str:
    """Escaped article text; a carriage return is written as a reference, which the HTML parser
    keeps, so the page's text and the report's offsets agree."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


_CSS = package_text("dipevents.outputs", "review_assets", "review.css")
_JS = package_text("dipevents.outputs", "review_assets", "review.js")


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_sha256(_CSS)}; script-src {_sha256(_JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
"""The page's Content-Security-Policy: its own style and script, and nothing else."""
