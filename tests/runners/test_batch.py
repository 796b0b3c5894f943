"""The Batch API path against a scripted batch server: plan, submit, wait, collect.

Every reply here is SCRIPTED test data, never a model's output (see tests/support/batch.py).
The fixtures `serve`, `replies`, `polls` and `corpus` are in tests/conftest.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dipevents import ConfigurationError, RequestRejectedError, ServiceUnavailableError
from dipevents.cli import main
from dipevents.extractor.engine import Extractor
from dipevents.llm.cost import price
from dipevents.model.usage import Usage
from dipevents.runners import batch as batches
from dipevents.runners.batch import (
    ArticleChangedError,
    BatchError,
    BatchLimits,
    BatchRequestError,
    BatchState,
    batch_cost,
    collect,
    prepare_batch,
    read_documents,
    submit,
)
from tests.support import DEV, SEED, SENTINEL_KEY
from tests.support.batch import ARTICLES, ECHOED, MODEL, answering, batch_extractor, direct_report
from tests.support.scripted_batch_server import Outcome, ScriptedBatchServer, failed, never_ran, ok
from tests.support.scripted_server import ScriptedReply, completion, error_body


def _run(server: ScriptedBatchServer, paths: list[Path], **options: Any) -> list[Any]:
    """Submit through the library, let the batches end, and collect."""
    extractor = batch_extractor(server, **options)
    parts, state = prepare_batch(read_documents(map(str, paths)), extractor)
    submit(parts, state, extractor)
    batches.wait(state, extractor, interval=0)
    return collect(state, extractor).results


def test_a_long_article_is_sent_in_pieces_and_merged_back(
    serve, replies, polls, scripted, seed_text
) -> None:
    chunks = {"chunk_chars": 2_000, "chunk_overlap": 200}
    seed = replies[SEED.stem]
    per_piece = [{"events": seed["events"][:1]}, {"events": seed["events"][1:]}, {"events": []}]
    sent: list[str] = []

    def answer(line: dict[str, Any]) -> Outcome:
        sent.append(line["custom_id"])
        piece = int(line["custom_id"].rpartition("#")[2])
        return ok(completion(json.dumps(per_piece[piece]), model=MODEL))

    server = serve(answer)
    pieces = len(batch_extractor(server, **chunks).plan(seed_text).requests)
    (result,) = _run(server, [SEED], **chunks)
    assert pieces > 1 and sent == [f"{SEED}#{n}" for n in range(pieces)]
    report = result.report.model_dump(mode="json")
    assert report == direct_report(scripted, SEED, *per_piece[:pieces], **chunks)
    assert len(report["events"]) == 2
    assert f"long article: read in {pieces} overlapping pieces" in report["warnings"]
    assert report["usage"]["attempts"] == pieces


def test_bad_results_are_errors_of_their_own_document(serve, replies, polls, tmp_path) -> None:
    paths = [*ARTICLES, DEV / "003_signing_bra_mar.txt", DEV / "004_state_visit_fin_vnm.txt"]
    special = {
        "001_phone_call_jpn_aus": ok(completion('{"events": [oops')),
        "007_two_meetings_col_ven_ecu": ok(completion(None, refusal="I can't help with that.")),
        "011_control_sport": ok(completion('{"events": [', finish_reason="length")),
        "003_signing_bra_mar": failed(500, ECHOED, code="server_error"),
        "004_state_visit_fin_vnm": None,
    }
    results = _run(serve(answering(replies, **special)), paths)
    found = {Path(r.id).stem: (type(r.error).__name__, str(r.error)) for r in results if r.error}
    assert found == {
        "001_phone_call_jpn_aus": ("InvalidReplyError", found["001_phone_call_jpn_aus"][1]),
        "007_two_meetings_col_ven_ecu": (
            "RefusalError",
            "the model refused: I can't help with that.",
        ),
        "011_control_sport": ("TruncatedReplyError", found["011_control_sport"][1]),
        "003_signing_bra_mar": (
            "BatchRequestError",
            f"request {DEV / '003_signing_bra_mar.txt'}#0 failed with HTTP 500: server_error: "
            "Incorrect API key provided: [REDACTED]",
        ),
        "004_state_visit_fin_vnm": (
            "BatchRequestError",
            f"no result for request {DEV / '004_state_visit_fin_vnm.txt'}#0",
        ),
    }
    assert found["001_phone_call_jpn_aus"][1].startswith("the reply did not validate")
    assert "cut off at the token limit" in found["011_control_sport"][1]
    (server_failed,) = [r.error for r in results if Path(r.id).stem == "003_signing_bra_mar"]
    assert isinstance(server_failed, BatchRequestError) and server_failed.status_code == 500
    (good,) = [r for r in results if r.report]
    assert good.id == str(SEED) and len(good.report) == 2
    assert [r.usage.total_tokens for r in results] == [150, 150, 150, 150, 0, 0]
    assert all(SENTINEL_KEY not in json.dumps(r.to_json()) for r in results)


def test_an_article_changed_since_submit_is_an_error(serve, replies, corpus, polls) -> None:
    server = serve(answering(replies))
    extractor = batch_extractor(server)
    paths = sorted(corpus.glob("*.txt"))
    parts, state = prepare_batch(read_documents(map(str, paths)), extractor)
    submit(parts, state, extractor)
    edited, removed = paths[0], paths[1]
    edited.write_text(edited.read_text() + "\nA late correction.\n")
    removed.unlink()
    batches.wait(state, extractor, interval=0)
    results = collect(state, extractor).results
    assert [type(r.error) for r in results[:2]] == [ArticleChangedError, ArticleChangedError]
    assert "changed since it was submitted (sha256 differs)" in str(results[0].error)
    assert "cannot read it again" in str(results[1].error)
    assert all(r.report is not None for r in results[2:])


def test_requests_that_never_ran_are_named(serve, replies, polls) -> None:
    server = serve(answering(replies, **{SEED.stem: never_ran()}), fate="expired")
    results = _run(server, ARTICLES[:2])
    assert str(results[0].error) == (
        f"request {SEED}#0 failed: batch_expired: This request could not be executed "
        "before the completion window expired."
    )
    assert results[1].report is not None


def test_a_corpus_is_split_to_respect_the_limits(serve, replies, polls, scripted) -> None:
    server = serve(answering(replies))
    extractor = batch_extractor(server)
    documents = read_documents(map(str, ARTICLES))
    parts, state = prepare_batch(documents, extractor, limits=BatchLimits(max_requests=3))
    assert [len(lines) for lines in parts] == [3, 1]
    assert state.note == "split into 2 batches: at most 3 requests and 200,000,000 bytes per batch"
    assert [d.batch for d in state.documents] == [0, 0, 0, 1]
    submit(parts, state, extractor)
    assert [b.id for b in state.batches] == ["batch_1", "batch_2"]
    created = [r.body for r in server.requests if r.path == "POST /v1/batches"]
    assert [body["metadata"]["part"] for body in created] == ["1/2", "2/2"]
    batches.wait(state, extractor, interval=0)
    results = collect(state, extractor).results
    assert [r.report.model_dump(mode="json") for r in results] == [
        direct_report(scripted, path, replies[path.stem]) for path in ARTICLES
    ]
    one_per_batch = BatchLimits(max_bytes=max(len(line.encode()) + 1 for line in parts[0][:2]))
    assert len(prepare_batch(documents[:2], extractor, limits=one_per_batch)[0]) == 2
    with pytest.raises(BatchError, match="exceed one batch"):
        prepare_batch(documents, extractor, limits=BatchLimits(max_bytes=1_000))


def test_collect_before_the_batches_end_is_refused(serve, replies, polls) -> None:
    server = serve(answering(replies), steps=("validating",) * 5)
    extractor = batch_extractor(server)
    parts, state = prepare_batch(read_documents([str(SEED)]), extractor)
    submit(parts, state, extractor)
    with pytest.raises(BatchError, match="batch batch_1 is still validating: wait until"):
        collect(state, extractor)
    with pytest.raises(BatchError, match="had not ended after 2 s"):
        batches.wait(state, extractor, interval=1, timeout=2)
    assert polls == [1, 1]


def test_transient_errors_are_retried_but_batch_creation_is_not(
    serve, replies, sleeps, tmp_path, monkeypatch, capsys
) -> None:
    server = serve(answering(replies))
    server.queue(ScriptedReply(status=500, body=error_body(ECHOED)))
    extractor = batch_extractor(server)
    parts, state = prepare_batch(read_documents([str(SEED)]), extractor)
    submit(parts, state, extractor)
    assert len(sleeps) == 1 and state.batches[0].id == "batch_1"

    server.route_replies["POST /v1/batches"] = [ScriptedReply(status=500, body=error_body(ECHOED))]
    with pytest.raises(ServiceUnavailableError) as caught:
        submit(parts, state, extractor)
    assert str(caught.value) == (
        "creating batch 1/1: HTTP 500 after 1 attempt(s): Error code: 500 - "
        "Incorrect API key provided: [REDACTED]"
    )
    server.queue(ScriptedReply(status=401, body=error_body(ECHOED)))
    with pytest.raises(RequestRejectedError, match=r"^uploading input 1/1: HTTP 401, not retried"):
        submit(parts, state, extractor)

    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    server.route_replies["POST /v1/batches"] = [None, ScriptedReply(status=400, body={})]
    state_path = tmp_path / "run.batch.json"
    args = ["--state", str(state_path), "--base-url", server.base_url, "--model", MODEL]
    assert main(["batch", "submit", str(SEED), str(ARTICLES[1]), *args, "--max-requests", "1"]) == 1
    stderr = capsys.readouterr().err
    assert "creating batch 2/2: HTTP 400, not retried" in stderr
    assert f"the batches created before this are listed in {state_path}" in stderr
    saved = BatchState.load(state_path)
    assert [b.id for b in saved.batches] == ["batch_2", None]
    assert SENTINEL_KEY not in stderr + state_path.read_text()


def test_what_the_batch_path_refuses(serve, replies, tmp_path, monkeypatch, capsys) -> None:
    with pytest.raises(BatchError, match="needs files, not stdin"):
        read_documents(["-"])
    assert [d.id for d in read_documents([str(SEED)] * 3)] == [
        str(SEED),
        f"{SEED}-2",
        f"{SEED}-3",
    ]
    with pytest.raises(SystemExit):  # submit offers no --backend: it only takes an endpoint
        main(["batch", "submit", str(SEED), "--state", "x.json", "--backend", "local"])
    assert "unrecognized arguments: --backend local" in capsys.readouterr().err
    with pytest.raises(ConfigurationError, match="not backend 'rules'"):
        prepare_batch(read_documents([str(SEED)]), Extractor(backend="rules"))
    (tmp_path / "other.json").write_text('{"events": []}')
    with pytest.raises(BatchError, match="not a dipevents batch state file"):
        BatchState.load(tmp_path / "other.json")
    assert main(["batch", "status", "--state", str(tmp_path / "missing.json")]) == 1
    assert "cannot read the state file" in capsys.readouterr().err
    state_path = tmp_path / "run.batch.json"
    state_path.write_text("{}")
    assert main(["batch", "submit", str(SEED), "--state", str(state_path)]) == 1
    assert "exists: it may track batches already paid for" in capsys.readouterr().err

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    server = serve(answering(replies))
    extractor = batch_extractor(server)
    parts, state = prepare_batch(read_documents([str(empty), str(SEED)]), extractor)
    assert state.documents[0].error == {
        "type": "InputError",
        "message": "the article is empty or only whitespace",
    }
    assert len(parts) == 1 and len(parts[0]) == 1


def test_cost_is_half_the_list_price_on_openai_only() -> None:
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=100_000, total_tokens=1_100_000)
    listed = price(usage, "gpt-4.1-mini")
    assert listed is not None and listed > 0

    def state(base_url: str, model: str = "gpt-4.1-mini") -> BatchState:
        return BatchState(
            created_at="", base_url=base_url, model=model, options={}, limits=BatchLimits()
        )

    assert batch_cost([usage, usage], state("https://api.openai.com/v1/")) == (
        2 * listed * Decimal("0.5"),
        "Batch API: half the list price on api.openai.com",
    )
    azure = state("https://mine.openai.azure.com/openai/v1/")
    assert batch_cost([usage], azure) == (
        listed,
        "list price; this endpoint's batch discount is not known",
    )
    assert batch_cost([usage], state("https://llm.example.org/v1/"))[0] is None
    assert batch_cost([usage], state("http://127.0.0.1/v1", "mine"))[0] is None
