"""Nothing after the report counts: comments, related links, share and newsletter boxes.

The article is written for these tests. Its tail carries a claim of its own (a gas pact that
Bolivia and Argentina signed) under each kind of tail heading real news pages carry, on every
line ending. The reply the scripted server gives is SCRIPTED test data: what a model that
took the tail for the report would answer. Both paths must drop the tail's claims.
"""

from __future__ import annotations

import json

import pytest

from dipevents import extract_events
from tests.support import SENTINEL_KEY
from tests.support.page_tails import LINE_ENDS, TAIL_HEADINGS
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion, reply_event

REPORT = [
    "Kenya and Uganda agree to share Lake Victoria patrol data",
    "NAIROBI, June 9, 2026 - Kenyan Foreign Minister Daniel Mwangi and Ugandan Foreign Minister "
    "Grace Nakato met in Nairobi on Monday.",
    "The two ministers agreed to share patrol data on Lake Victoria.",
    "Officials declined to make comments on the talks.",
    "Related talks are planned.",
]
TAIL_CLAIM = (
    "Bolivian Foreign Minister Ana Rojas met Argentine Foreign Minister Luis Pereyra in La Paz "
    "on Monday and agreed to sign a gas pact."
)


def page(heading: str, line_end: str) -> str:
    return line_end.join([*REPORT, heading, TAIL_CLAIM]) + line_end


def reply_quoting_the_tail() -> dict[str, object]:
    """SCRIPTED: the body's meeting with an outcome from the body and one quoted from the
    tail, and the tail's meeting as an event of its own."""
    outcome = {"kind": "follow_up", "description": "more talks", "parties": ["KEN", "UGA"]}
    body_meeting = reply_event(
        evidence=REPORT[2],
        countries=["KEN", "UGA"],
        outcomes=[
            {**outcome, "evidence": "Related talks are planned."},
            {**outcome, "evidence": "agreed to sign a gas pact"},
        ],
    )
    tail_meeting = reply_event(evidence=TAIL_CLAIM, countries=["BOL", "ARG"])
    return {"events": [body_meeting, tail_meeting]}


@pytest.mark.parametrize("line_end", LINE_ENDS.values(), ids=LINE_ENDS.keys())
@pytest.mark.parametrize("heading", TAIL_HEADINGS)
def test_the_llm_path_drops_claims_quoted_only_from_the_tail(
    scripted: ScriptedServer, heading: str, line_end: str
) -> None:
    scripted.queue(ScriptedReply(body=completion(json.dumps(reply_quoting_the_tail()))))
    article = page(heading, line_end)
    report = extract_events(article, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m")
    (event,) = report.events
    assert event.countries == ["KEN", "UGA"]
    assert [o.evidence.text for o in event.outcomes] == ["Related talks are planned."]
    outside = [w for w in report.warnings if "only outside the article body" in w]
    assert len(outside) == 2 and any("gas pact" in w for w in outside)


@pytest.mark.parametrize("line_end", LINE_ENDS.values(), ids=LINE_ENDS.keys())
@pytest.mark.parametrize("heading", TAIL_HEADINGS)
def test_the_rules_coder_takes_nothing_from_the_tail(heading: str, line_end: str) -> None:
    article = page(heading, line_end)
    tail = article.index(heading)
    report = extract_events(article, backend="rules")
    (event,) = report.events
    assert event.countries == ["KEN", "UGA"]
    assert all(span.end <= tail for span in event.spans())
