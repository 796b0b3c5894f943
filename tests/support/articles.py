"""Articles and scripted replies the tests share.

`ARTICLE` and `VALID` are the short Istanbul article and a SCRIPTED valid reply for it (test
data, never a model's output), asked of the scripted server by the model-call tests.
`long_article` builds long texts from the development articles.
"""

from __future__ import annotations

import json
from typing import Any

from dipevents import EventReport, extract_events
from tests.support import DEV, SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion

ARTICLE = "April 10, 2025 — ISTANBUL — Russian and U.S. diplomats met on Thursday in Istanbul."
VALID = {
    "events": [
        {
            "event_type": "meeting",
            "status": "occurred",
            "summary": "Diplomats met in Istanbul.",
            "date_text": "on Thursday",
            "date": None,
            "location": None,
            "duration_hours": None,
            "participants": [],
            "countries": ["RUS", "USA"],
            "outcomes": [],
            "disputes": [],
            "evidence": "Russian and U.S. diplomats met on Thursday in Istanbul.",
        }
    ]
}


def scripted_extract(server: ScriptedServer, **options: Any) -> EventReport:
    """`ARTICLE` extracted through the scripted server with the sentinel key."""
    return extract_events(
        ARTICLE, base_url=server.base_url, api_key=SENTINEL_KEY, model="scripted", **options
    )


def ok_reply() -> ScriptedReply:
    """The scripted server's reply carrying `VALID`."""
    return ScriptedReply(body=completion(json.dumps(VALID)))


def long_article(words: int) -> str:
    """Dev articles, numbered and repeated, up to `words` words."""
    bodies = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    parts, count, n = [], 0, 0
    while count < words:
        body = f"Part {n}. " + bodies[n % len(bodies)]
        parts.append(body)
        count += len(body.split())
        n += 1
    return "\n\n".join(parts)
