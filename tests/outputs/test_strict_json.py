"""Every output is strict JSON: no NaN or Infinity, which `json.loads` accepts but JSON does not.

A reply with a non-finite number is re-asked (the replies are SCRIPTED, served by the
scripted server); a record cannot be built with one, so nothing can write one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from dipevents.errors import InvalidReplyError
from dipevents.model.records import DiplomaticEvent, EventReport, Span
from tests.support.articles import ARTICLE, VALID, scripted_extract
from tests.support.cli import run_main, scripted_env
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion


def strict_loads(text: str) -> Any:
    """`json.loads` that refuses NaN, Infinity and -Infinity."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _with_duration(number: str) -> str:
    """The SCRIPTED valid reply with a bare JSON-ish number as its duration."""
    return json.dumps(VALID).replace('"duration_hours": null', f'"duration_hours": {number}')


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_duration_is_reasked_and_every_output_is_strict_json(
    number: str,
    scripted: ScriptedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    scripted.queue(
        ScriptedReply(body=completion(_with_duration(number))),
        ScriptedReply(body=completion(_with_duration("6"))),
    )
    env = scripted_env(scripted, tmp_path / "cache")
    first = run_main([str(article)], env, monkeypatch)
    assert first.returncode == 0, first.stderr
    assert len(scripted.requests) == 2  # the non-finite reply was re-asked
    assert "finite number" in json.dumps(scripted.requests[1].body["messages"])
    report = strict_loads(first.stdout)
    assert report["events"][0]["duration_hours"] == 6
    assert report["usage"]["attempts"] == 2
    rerun = run_main([str(article)], env, monkeypatch)  # from the cache: the same answer
    assert len(scripted.requests) == 2
    assert strict_loads(rerun.stdout)["events"] == report["events"]
    for fmt in ("jsonl", "plover"):
        out = run_main([str(article), "--format", fmt], env, monkeypatch).stdout
        assert all(strict_loads(line) for line in out.splitlines())


@pytest.mark.parametrize("number", [float("nan"), float("inf")])
def test_a_record_cannot_hold_a_non_finite_number(number: float) -> None:
    with pytest.raises(ValidationError, match="finite number"):
        DiplomaticEvent(
            event_type="meeting",
            status="occurred",
            summary="s",
            duration_hours=number,
            evidence=Span(text="They met."),
        )


def test_report_json_is_strict() -> None:
    event = DiplomaticEvent(
        event_type="meeting", status="occurred", summary="s", evidence=Span(text="x")
    )
    report = EventReport(events=[event], backend="rules")
    assert strict_loads(report.model_dump_json())["events"][0]["duration_hours"] is None


def test_a_non_finite_duration_on_every_attempt_is_a_typed_error(scripted: ScriptedServer) -> None:
    scripted.queue(*[ScriptedReply(body=completion(_with_duration("NaN"))) for _ in range(3)])
    with pytest.raises(InvalidReplyError, match="Input should be a finite number") as caught:
        scripted_extract(scripted)
    assert len(scripted.requests) == 3 and caught.value.usage.attempts == 3
