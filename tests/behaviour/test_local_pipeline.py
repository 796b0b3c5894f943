"""The seed article through the embedded llama.cpp model: replayed from a cassette, and live.

The cassette is a genuine recording of the embedded server (SmolLM2-135M). Re-record with
`python -m pytest --record-mode=rewrite tests/behaviour/test_local_pipeline.py` (the cassette
folder is named after the module: cassettes/test_local_pipeline/). The small model's records
are not useful; what these tests show is the whole path: prompt, size-capped strict schema,
real HTTP, validation, grounding of whatever it quoted.
"""

from __future__ import annotations

import json
from pathlib import Path

import openai
import pytest

from dipevents import EventReport, extract_events
from dipevents.cli import main
from dipevents.llm.llamacpp import DEFAULT_MODEL_ALIAS, shared_server
from dipevents.model.enums import Alignment
from tests.support import SEED


def _check(report: EventReport, seed_text: str) -> None:
    assert report.model == DEFAULT_MODEL_ALIAS and report.prompt_version == "extract-v1"
    assert report.usage.attempts >= 1 and report.usage.prompt_tokens > 500
    for event in report:
        for span in event.spans():
            if span.alignment is not Alignment.UNALIGNED:
                assert seed_text[span.start : span.end] == span.text
    unaligned = sum(not s.is_aligned for event in report for s in event.spans())
    assert len([w for w in report.warnings if "quote not found" in w]) == unaligned


@pytest.mark.vcr
def test_seed_replays_from_the_recorded_embedded_model(
    request: pytest.FixtureRequest, seed_text: str
) -> None:
    recording = request.config.getoption("--record-mode") not in (None, "none")
    base_url = shared_server().base_url if recording else "http://127.0.0.1:9/v1"
    client = openai.OpenAI(base_url=base_url, api_key="no-key-needed", max_retries=0)
    report = extract_events(
        seed_text,
        client=client,
        model=DEFAULT_MODEL_ALIAS,
        bounded_schema=True,
        max_reasks=1,
        timeout=600,
        max_retries=0,
    )
    assert report.backend == "openai"
    _check(report, seed_text)


@pytest.mark.live
def test_embedded_backend_end_to_end(seed_text: str) -> None:
    pytest.importorskip("xllamacpp")
    report = extract_events(seed_text, backend="local", max_reasks=1, timeout=600, max_retries=0)
    assert report.backend == "local"
    _check(report, seed_text)


@pytest.mark.live
def test_the_embedded_model_completes_the_seed_from_the_cli_with_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("xllamacpp")
    out = tmp_path / "seed.json"
    args = ["extract", str(SEED), "--backend", "local", "--no-cache", "-o", str(out)]
    assert main(args) == 0
    report = json.loads(out.read_text())
    assert report["backend"] == "local" and report["usage"]["attempts"] >= 1
    err = capsys.readouterr().err
    assert "no time limit per request" in err and "1 document(s)" in err and "0 failed" in err
