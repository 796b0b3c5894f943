"""The review page in a real browser: Debian's Chromium, driven by Playwright.

The browser is the system's (`/usr/bin/chromium`, which `.ci/run` installs): Playwright's own
browser downloads are never used. Without Chromium the tests are skipped, except in CI, where
they fail. `python -m tests.behaviour.test_review_browser docs/review.png` renders the README
screenshot.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dipevents import extract_events
from dipevents.model.records import EventReport
from dipevents.outputs.review import highlights
from tests.support import SEED

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium waits on the closed network."""

HOSTILE = (
    "Foreign ministers met in Geneva on Monday <script>document.title='pwned'</script>.\r\n"
    'They <img src=x onerror="document.body.dataset.pwned=1">agreed on a ceasefire & talks.\n'
)


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'playwright is not installed (pip install -e ".[test]")'
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """Opens a page's HTML from a file, as a user would, and collects console errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    errors: list[str] = []

    def load(page_html: str) -> Any:
        path = tmp_path / "page.html"
        path.write_text(page_html, encoding="utf-8")
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.errors = errors
        return page

    yield load
    context.close()


@pytest.fixture(scope="module")
def seed_report() -> EventReport:
    return extract_events(SEED.read_bytes(), backend="rules")


def test_seed_page_renders_every_highlight_and_a_screenshot(
    open_page: Any, seed_report: EventReport, tmp_path: Path
) -> None:
    page = open_page(seed_report.to_html(source=SEED.name))
    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    claims = highlights(seed_report, seed_report.source_text or "")
    marks = page.eval_on_selector_all(
        "#article mark.hl", "ms => ms.map(m => [m.dataset.n, m.dataset.kind, m.textContent])"
    )
    counted = Counter(kind for _, kind in {(n, kind) for n, kind, _ in marks})
    assert counted == Counter(claim.kind for claim in claims)
    pieces: dict[str, str] = {}
    for n, _, text in marks:
        pieces[n] = pieces.get(n, "") + text
    assert pieces == {str(claim.number): claim.span.text for claim in claims}
    assert page.text_content("#article") == seed_report.source_text
    assert page.errors == []  # the CSP hashes let the page's own style and script run


def test_clicking_a_card_lights_its_spans_and_clicking_a_mark_selects_its_card(
    open_page: Any, seed_report: EventReport
) -> None:
    page = open_page(seed_report.to_html())
    lit = "() => [...document.querySelectorAll('#article mark.lit')].map(m => m.dataset.event)"
    assert page.evaluate(lit) == []

    page.click('.card[data-event="1"] h2')
    lit_events = page.evaluate(lit)
    assert set(lit_events) == {"1"}
    assert len(lit_events) == page.locator('#article mark[data-event="1"]').count()
    assert page.get_attribute('.card[data-event="1"]', "aria-current") == "true"
    assert page.evaluate("document.getElementById('article').classList.contains('dim')")

    page.hover('.card[data-event="0"] h2')
    assert set(page.evaluate(lit)) == {"0"}

    page.click('#article mark.k-participant[data-event="0"]')
    assert page.get_attribute('.card[data-event="0"]', "aria-current") == "true"
    assert page.get_attribute('.card[data-event="1"]', "aria-current") == "false"
    assert page.errors == []


def test_hostile_article_is_shown_as_text_and_never_run(open_page: Any) -> None:
    report = extract_events(HOSTILE, backend="rules", published="2025-03-03")
    page = open_page(report.to_html(source="<script>document.title='pwned'</script>"))
    assert page.title() != "pwned"
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    article = page.text_content("#article")
    assert article == HOSTILE  # the carriage return kept too: offsets and text agree
    assert "<script>document.title='pwned'</script>" in page.inner_text("#article")
    assert page.errors == []  # nothing was even attempted against the CSP


def _screenshot(path: str) -> None:
    """Render the seed article's page with the rules backend at 1400x900."""
    from playwright.sync_api import sync_playwright

    report = extract_events(SEED.read_bytes(), backend="rules")
    target = Path(path).resolve()
    page_file = target.with_suffix(".html")
    page_file.write_text(report.to_html(source=SEED.name), encoding="utf-8")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(target))
            browser.close()
    finally:
        page_file.unlink()


if __name__ == "__main__":
    _screenshot(sys.argv[1] if len(sys.argv) > 1 else "docs/review.png")
