"""The HTML review page: highlights, overlaps, escaping, badges, CSP."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents import InputError, extract_events
from dipevents.model.enums import Alignment, EventStatus, EventType, OutcomeKind, Support
from dipevents.model.records import (
    DiplomaticEvent,
    Dispute,
    EventReport,
    Location,
    Outcome,
    Participant,
    Span,
)
from dipevents.outputs.review import KINDS, highlights, script_json
from tests.support import SEED
from tests.support.review_page import Page

HOSTILE = (
    "Ministers met in Geneva <script>document.title='pwned'</script> on Monday.\n"
    '<img src=x onerror="document.body.dataset.pwned=1"> They agreed on a ceasefire & more.'
)


def _span(text: str, quote: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Span(text=quote, start=start, end=start + len(quote), alignment=Alignment.EXACT)


def _event(text: str, **fields: object) -> DiplomaticEvent:
    base: dict[str, object] = {
        "id": "e1",
        "event_type": EventType.MEETING,
        "status": EventStatus.OCCURRED,
        "summary": "A meeting.",
        "evidence": Span(text=text, start=0, end=len(text), alignment=Alignment.EXACT),
    }
    return DiplomaticEvent(**{**base, **fields})


def _report(*events: DiplomaticEvent, **fields: object) -> EventReport:
    return EventReport(
        **{"events": list(events), "backend": "rules", "model": "rules-v1", **fields}
    )


@pytest.fixture(scope="module")
def seed_report() -> EventReport:
    return extract_events(SEED.read_bytes(), backend="rules")


@pytest.fixture(scope="module")
def seed_page(seed_report: EventReport) -> str:
    return seed_report.to_html(source="seed.txt")


def test_seed_page_highlights_every_aligned_span_at_its_offsets(
    seed_report: EventReport, seed_page: str
) -> None:
    page = Page(seed_page)
    text = seed_report.source_text
    assert page.article == text
    claims = highlights(seed_report, text)  # type: ignore[arg-type]
    assert claims and all(claim.problem is None for claim in claims)
    ranges = page.ranges()
    for claim in claims:
        assert ranges[str(claim.number)] == [(claim.span.start, claim.span.end)], claim
        assert text[claim.span.start : claim.span.end] == claim.span.text  # type: ignore[index]
    assert page.kinds() == Counter(claim.kind for claim in claims)
    assert set(page.kinds()) == set(KINDS)


def test_legend_counts_and_card_rows_match_the_report(
    seed_report: EventReport, seed_page: str
) -> None:
    legend = re.findall(r'<span class="count" data-kind="(\w+)">(\d+)</span>', seed_page)
    assert {kind: int(count) for kind, count in legend} == dict(Page(seed_page).kinds())
    rows = [a["data-n"] for tag, a in Page(seed_page).tags if tag != "mark" and "data-n" in a]
    numbers = [str(claim.number) for claim in highlights(seed_report, "")]
    assert sorted(rows, key=int) == numbers  # type: ignore[arg-type]


def test_overlapping_spans_nest_and_crossing_spans_split() -> None:
    text = "Alpha Beta Gamma Delta"
    event = _event(
        text,
        participants=[
            Participant(name="Alpha", evidence=_span(text, "Alpha")),
            Participant(name="Alpha", evidence=_span(text, "Alpha")),  # identical span twice
        ],
        outcomes=[
            Outcome(kind=OutcomeKind.AGREEMENT, description="b", evidence=_span(text, "Beta Gamma"))
        ],
        disputes=[Dispute(issue="g", evidence=_span(text, "Gamma Delta"))],  # crosses the outcome
    )
    page = Page(_report(event).to_html(text=text))
    assert page.article == text
    assert page.ranges() == {
        "0": [(0, 22)],
        "1": [(0, 5)],
        "2": [(0, 5)],
        "3": [(6, 16)],
        "4": [(11, 22)],
    }
    dispute_pieces = [(start, end, cont) for n, _, start, end, cont in page.pieces if n == "4"]
    assert sorted(dispute_pieces) == [(11, 16, False), (16, 22, True)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(KINDS[1:])),
        max_size=12,
    )
)
def test_any_set_of_spans_renders_well_formed_and_exact(
    bounds: list[tuple[int, int, str]],
) -> None:
    text = "abcdefghij klmnopqrst uvwxyz ABC"
    spans = [
        Span(text=text[a:b], start=a, end=b, alignment=Alignment.EXACT)
        for a, b in (sorted(pair[:2]) for pair in bounds)
    ]
    event = _event(text, disputes=[Dispute(issue="x", evidence=span) for span in spans])
    page = Page(_report(event).to_html(text=text))  # Page asserts every mark is closed
    assert page.article == text
    ranges = page.ranges()
    for number, span in enumerate(spans, start=1):
        expected = [(span.start, span.end)] if span.start != span.end else None
        assert ranges.get(str(number)) == expected


def test_hostile_article_and_report_are_shown_as_text() -> None:
    evil = '</script><script>alert(1)</script>"><b onmouseover="alert(2)">&amp;'
    event = _event(
        HOSTILE,
        summary=evil,
        participants=[
            Participant(name=evil, country="X\"'<>", evidence=_span(HOSTILE, "<script>"))
        ],
        location=Location(city=evil, evidence=_span(HOSTILE, "Geneva")),
    )
    report = _report(event, warnings=[evil], model=evil)
    source = 'a"><script>alert(3)</script>.txt'
    page_html = report.to_html(text=HOSTILE, source=source)
    page = Page(page_html)
    assert page.article == HOSTILE
    assert [tag for tag, _ in page.tags].count("script") == 2
    assert not {"img", "b"} & {tag for tag, _ in page.tags}
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "<script>alert" not in page_html and "<script>document" not in page_html
    assert html.escape(evil) in page_html
    data = json.loads(page.scripts[0])
    assert EventReport.model_validate(data) == report
    assert not re.search(r"[<>&]", page.scripts[0])


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"a": "</script><!-- & \u2028"})
    assert not re.search("[<>&\u2028]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_names_codes_backend_and_warnings_are_on_the_page(
    seed_report: EventReport, seed_page: str
) -> None:
    for event in seed_report:
        for participant in event.participants:
            assert html.escape(participant.name) in seed_page
            assert f'<span class="code">{participant.country}</span>' in seed_page
        assert event.codes and event.codes.cameo_code in seed_page
    assert '<dd class="backend">rules</dd>' in seed_page
    assert '<dd class="model">rules-v1</dd>' in seed_page
    report = _report(_event("Text."), warnings=["no publication date <found>"])
    assert "<li>no publication date &lt;found&gt;</li>" in report.to_html(text="Text.")


def test_claims_without_a_place_in_the_article_get_a_badge_and_no_mark() -> None:
    text = "The ministers met in Oslo."
    event = _event(
        text,
        participants=[
            Participant(name="Ingrid Solberg", evidence=Span(text="Foreign Minister Solberg")),
            Participant(name="Far", evidence=Span(text="x", start=40, end=41, alignment="exact")),
        ],
        location=Location(city="Oslo", evidence=_span(text, "Oslo")),
    )
    page_html = _report(event).to_html(text=text)
    page = Page(page_html)
    assert page.ranges() == {"0": [(0, len(text))], "1": [(21, 25)]}
    unaligned = re.search(r'<li data-n="2">.*?</li>', page_html)
    assert unaligned and "not found in the article" in unaligned.group()
    assert "Foreign Minister Solberg" in unaligned.group()
    outside = re.search(r'<li data-n="3">.*?</li>', page_html)
    assert outside and "offsets past the end of the article" in outside.group()
    assert "2 quote(s) could not be highlighted" in page_html


def test_an_unsupported_claim_is_highlighted_and_flagged_on_its_card() -> None:
    text = "The ministers met in Oslo."
    quote = _span(text, "The ministers").model_copy(update={"support": Support.UNSUPPORTED})
    supported = _span(text, "Oslo").model_copy(update={"support": Support.SUPPORTED})
    event = _event(
        text,
        participants=[Participant(name="Kim Jong Un", evidence=quote)],
        location=Location(city="Oslo", evidence=supported),
    )
    page_html = _report(event).to_html(text=text)
    assert Page(page_html).ranges() == {"0": [(0, len(text))], "1": [(21, 25)], "2": [(0, 13)]}
    flagged = re.search(r'<li data-n="2">.*?</li>', page_html)
    assert flagged and 'class="badge unsupported"' in flagged.group()
    assert page_html.count('class="badge unsupported"') == 1
    assert "1 claim(s) not supported by their quote" in page_html


def test_a_text_that_does_not_match_the_offsets_is_flagged(seed_report: EventReport) -> None:
    other = "x" * len(seed_report.source_text or "")
    assert "differ from the article at their offsets" in seed_report.to_html(text=other)
    assert "differ from the article" not in seed_report.to_html()


def test_page_loads_nothing_and_its_csp_allows_only_its_own_style_and_script(
    seed_page: str,
) -> None:
    assert not re.search(r"https?:|//[a-z]", seed_page, re.IGNORECASE)
    page = Page(seed_page)
    assert not {"src", "href", "srcset", "action", "style"} & {
        name for _, attrs in page.tags for name in attrs
    }
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp and "unsafe" not in csp
    for directive, source in (("style-src", page.styles[0]), ("script-src", page.scripts[1])):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_carriage_returns_survive_the_html_parser() -> None:
    text = "Talks in Oslo.\r\nThey agreed.\r\n"
    page_html = _report(_event(text)).to_html(text=text)
    assert "\r" not in page_html and "&#13;" in page_html


def test_a_report_without_its_text_needs_text(seed_report: EventReport) -> None:
    loaded = EventReport.model_validate_json(seed_report.model_dump_json())
    with pytest.raises(InputError, match="pass text="):
        loaded.to_html()
    assert Page(loaded.to_html(text=seed_report.source_text)).article == seed_report.source_text


def test_a_report_with_no_events_says_so() -> None:
    assert "No events were found" in _report().to_html(text="Football results.")
