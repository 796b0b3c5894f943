"""The Batch API tests' articles and SCRIPTED replies, and how the scripted batch server answers.

Every reply here is SCRIPTED test data, never a model's output: the seed's capable reply
(tests/scripted/seed_capable_reply.json) and, for the development articles, replies written
from their hand-written gold records (`scripted_reply_from_gold`). Reports must equal what
`extract_events` makes of the same scripted reply (`direct_report`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dipevents.extractor.calls import extract_events
from dipevents.extractor.engine import Extractor
from dipevents.model.draft import ExtractionReply
from tests.support import DEV, SEED, SENTINEL_KEY
from tests.support.scripted_batch_server import Outcome, ScriptedBatchServer, ok
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion

ARTICLES = [
    SEED,
    DEV / "001_phone_call_jpn_aus.txt",
    DEV / "007_two_meetings_col_ven_ecu.txt",
    DEV / "011_control_sport.txt",
]
MODEL = "scripted-capable"
ECHOED = f"Incorrect API key provided: {SENTINEL_KEY}"


def scripted_reply_from_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """A SCRIPTED reply written from a gold record: its events, quoting the gold spans."""

    def quoted(claim: dict[str, Any], *keys: str) -> dict[str, Any]:
        return {**{key: claim[key] for key in keys}, "evidence": claim["evidence"]["text"]}

    events = []
    for event in gold["events"]:
        location = event["location"]
        events.append(
            {
                **{key: event[key] for key in ("event_type", "status", "summary", "date_text")},
                "date": event["date"],
                "location": location and quoted(location, "city", "country", "venue"),
                "duration_hours": event["duration_hours"],
                "participants": [
                    quoted(p, "name", "title", "organization", "country", "role")
                    for p in event["participants"]
                ],
                "countries": event["countries"],
                "outcomes": [
                    quoted(o, "kind", "description", "parties") for o in event["outcomes"]
                ],
                "disputes": [
                    quoted(d, "issue", "raised_by", "parties", "status") for d in event["disputes"]
                ],
                "evidence": event["evidence"]["text"],
            }
        )
    return ExtractionReply.model_validate({"events": events}).model_dump(mode="json")


def answering(replies: dict[str, Any], **special: Outcome | None) -> Callable[..., Any]:
    """Each request answered with its document's scripted reply, or a special outcome."""

    def answer(line: dict[str, Any]) -> Outcome | None:
        doc_id = Path(line["custom_id"].rpartition("#")[0]).stem  # ids are the paths given
        if doc_id in special:
            return special[doc_id]
        return ok(completion(json.dumps(replies[doc_id]), model=MODEL))

    return answer


def batch_extractor(server: ScriptedBatchServer, **options: Any) -> Extractor:
    return Extractor(base_url=server.base_url, api_key=SENTINEL_KEY, model=MODEL, **options)


def direct_report(
    scripted: ScriptedServer, path: Path, *replies: dict[str, Any], **options: Any
) -> Any:
    """The report `extract_events` makes of the same scripted replies."""
    for reply in replies:
        scripted.queue(ScriptedReply(body=completion(json.dumps(reply), model=MODEL)))
    text = path.read_bytes()
    report = extract_events(
        text, base_url=scripted.base_url, api_key=SENTINEL_KEY, model=MODEL, **options
    )
    return report.model_dump(mode="json")
