"""The review page: a report over its article, as one self-contained HTML file.

The article is shown with every aligned evidence span highlighted by kind, and the events as
cards beside it; hovering or clicking a card lights up its spans. Claims whose quote has no
place in the article (unaligned, empty, or offsets past its end) are flagged on their card.

Overlapping spans are drawn as nested `<mark>` elements. Spans that cross (each begins inside
the other) cannot nest, so the later one is split into pieces that do; every piece carries the
span's number (`data-n`), so a span is one number however many elements draw it.

The page loads nothing: CSS and JS are inline and allowed by their SHA-256 in a
Content-Security-Policy that forbids everything else. Every string from the article or the
report is escaped, and the report's JSON is embedded as inert data with `<`, `>` and `&`
written as JSON escapes, so no text can close its script element.
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

from dipevents.model.enums import Alignment
from dipevents.model.records import (
    DiplomaticEvent,
    Dispute,
    EventReport,
    Outcome,
    Participant,
    Span,
)

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

    `source` names the article in the page's title. Raises ValueError when there is no text.
    """
    if text is None:
        text = report.source_text
    if text is None:
        raise ValueError(
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
    """A flag for a claim that cannot be highlighted (with the quote it claimed), or a fuzzy
    one."""
    if claim.problem is None:
        fuzzy = claim.span.alignment is Alignment.FUZZY
        return ' <span class="badge fuzzy">fuzzy match</span>' if fuzzy else ""
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


_CSS = """
:root{--event:#64748b;--event-bg:#f1f5f9;--participant:#2563eb;--participant-bg:#dbeafe;
--date:#d97706;--date-bg:#fef3c7;--place:#059669;--place-bg:#d1fae5;--outcome:#9333ea;
--outcome-bg:#ede4ff;--dispute:#dc2626;--dispute-bg:#fee2e2;--ink:#1e293b;--muted:#64748b;
--line:#e2e8f0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);
background:#f8fafc}
header{padding:14px 24px 10px;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0 0 6px}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 8px;font-size:13px}
.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;list-style:none;margin:0;padding:0;font-size:13px}
.legend li{display:flex;align-items:center;gap:5px}
.chip{background:var(--bg);border-bottom:2px solid var(--fg);padding:0 5px;border-radius:2px}
.chip.k-event{border-bottom-style:dashed}
.count{color:var(--muted);font-variant-numeric:tabular-nums}
.warnings{margin:8px 0 0;padding:6px 10px 6px 28px;background:#fffbeb;border:1px solid #fcd34d;
border-radius:6px;font-size:13px}
main{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(340px,1fr);gap:20px;
padding:16px 24px;align-items:start}
.article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 22px;
white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.95;font-size:15px}
.events{display:flex;flex-direction:column;gap:12px;position:sticky;top:12px;
max-height:calc(100vh - 24px);overflow:auto;padding-right:4px}
mark.hl{color:inherit;background:var(--bg);border-bottom:2px solid var(--fg);padding:1px 0;
border-radius:2px;cursor:pointer;transition:background-color .15s,opacity .15s}
mark.d0{padding-bottom:7px}mark.d1{padding-bottom:4px}mark.d2{padding-bottom:2px}
.k-event{--fg:var(--event);--bg:var(--event-bg)}
mark.k-event{border-bottom-style:dashed}
.k-participant{--fg:var(--participant);--bg:var(--participant-bg)}
.k-date{--fg:var(--date);--bg:var(--date-bg)}
.k-place{--fg:var(--place);--bg:var(--place-bg)}
.k-outcome{--fg:var(--outcome);--bg:var(--outcome-bg)}
.k-dispute{--fg:var(--dispute);--bg:var(--dispute-bg)}
.article.dim mark.hl{background:transparent;border-bottom-color:var(--line)}
.article.dim mark.hl.lit{background:var(--bg);border-bottom-color:var(--fg)}
.article.dim mark.hl.lit:not(.k-event){box-shadow:0 0 0 1px var(--fg)}
mark.hl.flash{outline:2px solid var(--fg);outline-offset:1px}
.sw{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--fg);
border:2px solid var(--bg);margin-right:6px;vertical-align:-1px;flex:none}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;
cursor:pointer;outline:none;transition:border-color .15s,box-shadow .15s}
.card:hover,.card:focus-visible{border-color:#94a3b8}
.card.selected{border-color:var(--participant);box-shadow:0 0 0 2px var(--participant-bg)}
.card h2{font-size:15px;margin:0 0 4px;display:flex;gap:8px;align-items:baseline}
.card h3{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
margin:8px 0 2px}
.id{color:var(--muted);font-weight:500}.type{text-transform:capitalize}
.status{font-size:12px;font-weight:600;padding:0 7px;border-radius:9px;background:#e2e8f0}
.s-occurred{background:#dcfce7;color:#166534}.s-planned{background:#dbeafe;color:#1e40af}
.s-postponed{background:#fef3c7;color:#92400e}.s-cancelled{background:#fee2e2;color:#991b1b}
.summary{margin:0 0 6px;font-size:13px;color:#334155}
.fields{margin:0;font-size:13px;display:grid;grid-template-columns:auto 1fr;gap:2px 10px}
.fields div{display:contents}.fields dt{color:var(--muted)}.fields dd{margin:0}
.claims{list-style:none;margin:0;padding:0;font-size:13px}
.claims li{padding:3px 0;border-top:1px solid #f1f5f9}
[data-n]:hover>.sw,[data-n]:hover>dd>.sw{box-shadow:0 0 0 2px var(--bg)}
.code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f5f9;padding:0 4px;
border-radius:3px}
.tag{font-size:11px;font-weight:600;text-transform:uppercase;color:var(--muted);margin-right:4px}
.muted{color:var(--muted)}
.badge{display:inline-block;font-size:11px;font-weight:700;padding:0 6px;border-radius:9px;
margin-left:4px}
.badge.missing{background:#fee2e2;color:#991b1b;border:1px solid #fca5a5}
.badge.fuzzy{background:#fef9c3;color:#854d0e}
.claimed{display:block;margin:2px 0 0 17px;color:var(--muted);font-style:italic}
.none{color:var(--muted)}
@media (max-width:900px){main{grid-template-columns:1fr}.events{position:static;max-height:none}}
"""

_JS = """
"use strict";
(() => {
  const article = document.getElementById("article");
  const cards = [...document.querySelectorAll(".card")];
  const marks = [...article.querySelectorAll("mark.hl")];
  let hovered = null, selected = null;
  const paint = () => {
    const active = hovered ?? selected;
    article.classList.toggle("dim", active !== null);
    for (const m of marks) m.classList.toggle("lit", m.dataset.event === active);
    for (const c of cards) {
      const on = c.dataset.event === selected;
      c.classList.toggle("selected", on);
      c.setAttribute("aria-current", String(on));
    }
  };
  const reveal = (selector) => {
    const first = article.querySelector(selector);
    if (!first) return;
    first.scrollIntoView({block: "center"});
    for (const m of article.querySelectorAll(selector)) {
      m.classList.add("flash");
      setTimeout(() => m.classList.remove("flash"), 1200);
    }
  };
  const choose = (card, n) => {
    const event = card.dataset.event;
    selected = (selected === event && n === undefined) ? null : event;
    paint();
    if (selected !== null) {
      reveal(n === undefined ? `mark[data-event="${event}"]` : `mark[data-n="${n}"]`);
    }
  };
  for (const card of cards) {
    // pointermove, not mouseenter: scrolling the article moves cards under a still pointer,
    // and that must not take the highlight away from the card just clicked.
    card.addEventListener("pointermove", () => {
      if (hovered !== card.dataset.event) { hovered = card.dataset.event; paint(); }
    });
    card.addEventListener("mouseleave", () => { hovered = null; paint(); });
    card.addEventListener("click", (e) => {
      const row = e.target.closest("[data-n]");
      hovered = null;
      choose(card, row && card.contains(row) ? row.dataset.n : undefined);
    });
    card.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(card); }
    });
  }
  article.addEventListener("click", (e) => {
    const mark = e.target.closest("mark.hl");
    if (!mark) return;
    selected = mark.dataset.event;
    paint();
    const card = cards.find((c) => c.dataset.event === selected);
    if (card) card.scrollIntoView({block: "nearest"});
  });
})();
"""


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_sha256(_CSS)}; script-src {_sha256(_JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
"""The page's Content-Security-Policy: its own style and script, and nothing else."""
