"""What a run did and what it would do: the end-of-run summary, progress, and the dry run.

The model is the scripted server (`article_echo`: a scripted reply quoting each article)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from dipevents.cli import main
from tests.support import SEED, SENTINEL_KEY
from tests.support.cli import run_main, scripted_env, write_corpus
from tests.support.scripted_server import ScriptedServer, article_echo


def test_a_dry_run_estimates_without_sending_anything(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    local = {**scripted_env(scripted, tmp_path / "cache"), "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    on_localhost = run_main([str(corpus), "--dry-run"], local, monkeypatch).stdout
    assert "cost: at least unknown" in on_localhost and "no price known" in on_localhost
    monkeypatch.delenv("OPENAI_BASE_URL")  # OpenAI itself; a dry run sends nothing
    env = {"OPENAI_API_KEY": SENTINEL_KEY, "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    result = run_main([str(corpus), str(SEED), "--dry-run"], env, monkeypatch)
    assert result.returncode == 0, result.stderr
    assert scripted.requests == []
    text = result.stdout
    assert "5 document(s), 5 request(s) to send, 0 answered from the cache" in text
    prompt_tokens = int(text.split("prompt tokens: ")[1].split(" ")[0].replace(",", ""))
    assert 5 * 1_000 < prompt_tokens < 5 * 4_000
    low, high = map(float, re.search(r"at least \$([\d.]+), at most \$([\d.]+)", text).groups())
    assert 0 < low < high


def test_the_rules_backend_dry_run_costs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    env: dict[str, str] = {}
    result = run_main([str(SEED), "--dry-run"], env, monkeypatch)
    assert result.returncode == 0 and "sends no requests" in result.stdout


def test_a_dry_run_of_a_resumed_run_counts_only_what_is_left(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    out = tmp_path / "out.jsonl"
    done = [
        {"id": str(corpus / "doc000.txt"), "report": {}},
        {"id": str(corpus / "doc001.txt"), "error": {}},
    ]
    out.write_text("".join(json.dumps(record) + "\n" for record in done))
    env = {**scripted_env(scripted, tmp_path / "cache"), "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--dry-run"]
    assert "2 document(s), 2 request(s)" in run_main(args, env, monkeypatch).stdout
    retry = run_main([*args, "--retry-failed"], env, monkeypatch).stdout
    assert "3 document(s), 3 request(s)" in retry
    assert scripted.requests == [] and len(out.read_text().splitlines()) == 2


def test_the_progress_bar_and_summary_go_to_stderr(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    scripted.fallback = article_echo()
    result = run_main(
        [str(corpus), "--format", "jsonl", "--progress"],
        scripted_env(scripted, tmp_path / "cache"),
        monkeypatch,
    )
    assert result.returncode == 0
    assert "3/3" in result.stderr and "3 document(s), 3 event(s)" in result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert SENTINEL_KEY not in result.stdout + result.stderr


# Regression pinned after the scale review: a dry run of the local backend loaded the model.
def test_a_local_dry_run_starts_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from dipevents.llm import llamacpp as local

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dry run started the embedded model")

    monkeypatch.setattr(local.LocalServer, "start", refuse)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["extract", str(SEED), "--backend", "local", "--dry-run"]) == 0
    assert "no API cost" in out.getvalue()


def test_a_dry_run_with_a_model_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_main([str(SEED), "--dry-run", "--model", "gpt-4.1-mini"], {}, monkeypatch)
    assert result.returncode == 0, result.stderr
    assert "dry run on gpt-4.1-mini: 1 document(s), 1 request(s) to send" in result.stdout
    assert re.search(r"cost: at least \$0\.\d+", result.stdout)
    openai_named = run_main([str(SEED), "--dry-run", "--backend", "openai"], {}, monkeypatch)
    assert "dry run on gpt-4.1-mini" in openai_named.stdout  # OpenAI's default model
