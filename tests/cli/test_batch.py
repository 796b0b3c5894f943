"""`dipevents batch submit|status|collect` against a scripted batch server.

Every reply here is SCRIPTED test data, never a model's output (see tests/support/batch.py).
The fixtures `serve`, `replies`, `polls` and `corpus` are in tests/conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dipevents.cli import main
from dipevents.model.records import EventReport
from tests.support import SEED, SENTINEL_KEY
from tests.support.batch import ARTICLES, ECHOED, MODEL, answering, batch_extractor, direct_report


def test_submit_wait_collect_from_the_command_line(
    serve, replies, corpus, polls, scripted, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    server = serve(answering(replies))
    state_path, out = tmp_path / "run.batch.json", tmp_path / "out.jsonl"
    endpoint = ["--base-url", server.base_url]
    args = ["--state", str(state_path), *endpoint, "--model", MODEL]
    assert main(["batch", "submit", str(corpus), *args]) == 0
    assert "submitted 4 document(s) as 4 request(s) in 1 batch(es)" in capsys.readouterr().err

    state = json.loads(state_path.read_text())
    assert state["base_url"] == server.base_url + "/" and state["model"] == MODEL
    assert state["batches"] == [
        {
            "id": "batch_1",
            "input_file_id": "file-1",
            "input_path": str(tmp_path / "run.batch.1.jsonl"),
            "requests": 4,
            "bytes": (tmp_path / "run.batch.1.jsonl").stat().st_size,
            "documents": 4,
        }
    ]
    assert [(d["id"], d["pieces"], d["batch"]) for d in state["documents"]] == [
        (str(corpus / path.name), 1, 0) for path in sorted(ARTICLES, key=lambda path: path.name)
    ]
    lines = (tmp_path / "run.batch.1.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == server.inputs()
    extractor = batch_extractor(server)
    first = json.loads(lines[0])
    (request,) = extractor.plan(SEED.read_bytes()).requests
    assert first == {
        "custom_id": f"{corpus / SEED.name}#0",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": request.body,
    }
    created = server.requests[1].body
    assert created["endpoint"] == "/v1/chat/completions" and created["completion_window"] == "24h"

    assert main(["batch", "status", "--state", str(state_path)]) == 0
    assert capsys.readouterr().out == "batch 1/1 batch_1: validating, 0/0 done, 0 failed\n"
    assert main(["batch", "status", "--state", str(state_path), "--wait", "--interval", "5"]) == 0
    shown = capsys.readouterr()
    assert shown.out == "batch 1/1 batch_1: completed, 4/4 done, 0 failed\n"
    assert "waiting: batch 1/1 batch_1: in_progress" in shown.err and polls == [5.0]

    assert main(["batch", "collect", "--state", str(state_path), "-o", str(out)]) == 0
    summary = capsys.readouterr().err
    assert "4 document(s), 5 event(s), 0 failed; 600 tokens (400 prompt, 200 completion)" in summary
    assert "cost unknown (no price known for scripted-capable at http" in summary
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["source"]) for r in results] == [
        (d["id"], d["id"]) for d in state["documents"]
    ]  # named as `extract` names documents: the paths as given
    for result in results:
        path = Path(result["id"])
        assert result["report"] == direct_report(scripted, path, replies[path.stem])
    assert all(r.headers["authorization"] == f"Bearer {SENTINEL_KEY}" for r in server.requests)
    for kept in (state_path, tmp_path / "run.batch.1.jsonl", out):
        assert SENTINEL_KEY not in kept.read_text()

    rows = tmp_path / "events.csv"  # every format extract writes, the same way
    as_csv = ["batch", "collect", "--state", str(state_path), "--format", "csv", "-o", str(rows)]
    assert main(as_csv) == 0
    table = pd.read_csv(rows)
    expected = [
        row
        for r in results
        for row in EventReport.model_validate(r["report"]).to_rows(source=r["id"])
    ]
    assert len(table) == len(expected) == 5
    assert list(zip(table["source"], table["event_id"], strict=True)) == [
        (row["source"], row["event_id"]) for row in expected
    ]


@pytest.mark.parametrize("fate", ["failed", "expired", "cancelled"])
def test_a_batch_that_ended_badly_is_named(
    fate, serve, replies, polls, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    problem = {"code": "invalid_model", "line": 1, "message": ECHOED, "param": None}
    server = serve(answering(replies, **{SEED.stem: None}), fate=fate, errors=[problem])
    state, out = tmp_path / "run.batch.json", tmp_path / "out.jsonl"
    files = [str(SEED), str(ARTICLES[1])]
    endpoint = ["--base-url", server.base_url, "--model", MODEL]
    assert main(["batch", "submit", *files, "--state", str(state), *endpoint]) == 0
    assert main(["batch", "status", "--state", str(state), "--wait", "--interval", "1"]) == 1
    assert capsys.readouterr().out.startswith(f"batch 1/1 batch_1: {fate}")
    assert main(["batch", "collect", "--state", str(state), "-o", str(out)]) == 1
    stderr = capsys.readouterr().err
    why = ": line 1: Incorrect API key provided: [REDACTED]" if fate == "failed" else ""
    assert f"dipevents: batch batch_1 {fate}{why}\n" in stderr
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert results[0]["error"] == {
        "type": "BatchRequestError",
        "message": f"no result for request {SEED}#0: batch batch_1 {fate}{why}",
    }
    if fate == "failed":
        assert results[1]["error"]["type"] == "BatchRequestError"
    else:  # what ran before the batch ended is kept
        assert "report" in results[1]
    assert SENTINEL_KEY not in stderr + out.read_text()
