"""Long CLI runs: killed and resumed, failures retried, cached, estimated, summarised.

The model is the scripted server (`article_echo`: a scripted reply quoting each article)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from dipevents.cli import main
from tests.conftest import SEED, SENTINEL_KEY
from tests.scripted_server import ScriptedReply, ScriptedServer, article_echo

DOCUMENTS = 40


def _corpus(folder: Path, count: int = DOCUMENTS) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"doc{n:03}.txt").write_text(
            f"GENEVA, March 3 (Wire) - Delegation number {n} met its hosts in Geneva on Monday. "
            "Both sides said the talks were useful.\n",
            encoding="utf-8",
        )
    return folder


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "dipevents", "extract", *args]


def _env(server: ScriptedServer, cache: Path) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": SENTINEL_KEY,
        "DIPEVENTS_MODEL": "scripted",
        "DIPEVENTS_CACHE_DIR": str(cache),
    }


@dataclass
class _Ran:
    returncode: int
    stdout: str
    stderr: str


def _main(args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> _Ran:
    """`dipevents extract ...` in this process (no interpreter start-up), with `env` set."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["extract", *args])
    return _Ran(code, out.getvalue(), err.getvalue())


def _complete_lines(out: Path) -> int:
    return out.read_bytes().count(b"\n") if out.exists() else 0


def _ids(out: Path) -> list[str]:
    return [json.loads(line)["id"] for line in out.read_text().splitlines()]


def test_a_killed_run_resumes_and_every_document_lands_exactly_once(
    scripted: ScriptedServer, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "out.jsonl"
    scripted.fallback = article_echo(delay=0.05)
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--concurrency", "4", "--no-cache"]
    env = {**os.environ, **_env(scripted, tmp_path / "cache")}
    first = subprocess.Popen(_command(args), env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _complete_lines(out) < 10:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    written_before = _complete_lines(out)  # a line cut off by the kill is redone
    assert 10 <= written_before < DOCUMENTS, "the run was not stopped halfway"
    requests_before = len(scripted.requests)

    second = subprocess.run(_command(args), env=env, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr
    ids = _ids(out)
    assert Counter(ids) == Counter(str(corpus / f"doc{n:03}.txt") for n in range(DOCUMENTS))
    assert all("report" in json.loads(line) for line in out.read_text().splitlines())
    resent = len(scripted.requests) - requests_before
    done_before = len(set(ids[:written_before]))
    assert resent == DOCUMENTS - done_before
    assert f"({done_before} done before, skipped)".encode() in second.stderr


def test_failed_documents_are_skipped_unless_retried(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out.jsonl"
    scripted.queue(ScriptedReply(status=400, body={"error": {"message": "bad", "type": "x"}}))
    scripted.fallback = article_echo()
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--concurrency", "1"]
    env = _env(scripted, tmp_path / "cache")
    first = _main(args, env, monkeypatch)
    assert first.returncode == 1
    failed = [json.loads(line)["id"] for line in out.read_text().splitlines() if "error" in line]
    assert len(failed) == 1

    again = _main(args, env, monkeypatch)
    assert again.returncode == 1 and len(scripted.requests) == 3
    assert "0 document(s) (3 done before, skipped, of which 1 failed: run again with --retry" in (
        again.stderr
    )

    retried = _main([*args, "--retry-failed"], env, monkeypatch)
    assert retried.returncode == 0, retried.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(map(str, corpus.glob("*.txt")))
    assert all("report" in r for r in records)
    assert len(scripted.requests) == 4


def test_the_cached_second_run_makes_no_request(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 5)
    scripted.fallback = article_echo()
    env = _env(scripted, tmp_path / "cache")
    args = [str(corpus), "--format", "jsonl", "--concurrency", "2"]
    first = _main(args, env, monkeypatch)
    assert first.returncode == 0 and len(scripted.requests) == 5
    second = _main(args, env, monkeypatch)
    assert second.returncode == 0 and len(scripted.requests) == 5
    events = [
        [json.loads(line)["report"]["events"] for line in run.stdout.splitlines()]
        for run in (first, second)
    ]
    assert events[0] == events[1]
    assert "in 0 request(s), 5 repl(ies) from the cache; cost $0 (no requests)" in second.stderr
    no_cache = _main([*args, "--no-cache"], env, monkeypatch)
    assert no_cache.returncode == 0 and len(scripted.requests) == 10
    cached = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert cached and SENTINEL_KEY not in cached


def test_a_dry_run_estimates_without_sending_anything(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 4)
    local = {**_env(scripted, tmp_path / "cache"), "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    on_localhost = _main([str(corpus), "--dry-run"], local, monkeypatch).stdout
    assert "cost: at least unknown" in on_localhost and "no price known" in on_localhost
    monkeypatch.delenv("OPENAI_BASE_URL")  # OpenAI itself; a dry run sends nothing
    env = {"OPENAI_API_KEY": SENTINEL_KEY, "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    result = _main([str(corpus), str(SEED), "--dry-run"], env, monkeypatch)
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
    result = _main([str(SEED), "--dry-run"], env, monkeypatch)
    assert result.returncode == 0 and "sends no requests" in result.stdout


def test_the_progress_bar_and_summary_go_to_stderr(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 3)
    scripted.fallback = article_echo()
    result = _main(
        [str(corpus), "--format", "jsonl", "--progress"],
        _env(scripted, tmp_path / "cache"),
        monkeypatch,
    )
    assert result.returncode == 0
    assert "3/3" in result.stderr and "3 document(s), 3 event(s)" in result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert SENTINEL_KEY not in result.stdout + result.stderr


def test_a_cut_off_last_line_is_dropped_and_its_document_run_again(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 2)
    out = tmp_path / "out.jsonl"
    first_id = str(corpus / "doc000.txt")
    out.write_text(json.dumps({"id": first_id, "report": {}}) + '\n{"id": "cut off')
    scripted.fallback = article_echo()
    args = [str(corpus), "--format", "jsonl", "-o", str(out)]
    result = _main(args, _env(scripted, tmp_path / "cache"), monkeypatch)
    assert result.returncode == 0
    assert _ids(out) == [first_id, str(corpus / "doc001.txt")]
    assert len(scripted.requests) == 1


def test_a_dry_run_of_a_resumed_run_counts_only_what_is_left(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", 4)
    out = tmp_path / "out.jsonl"
    done = [
        {"id": str(corpus / "doc000.txt"), "report": {}},
        {"id": str(corpus / "doc001.txt"), "error": {}},
    ]
    out.write_text("".join(json.dumps(record) + "\n" for record in done))
    env = {**_env(scripted, tmp_path / "cache"), "DIPEVENTS_MODEL": "gpt-4.1-mini"}
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--dry-run"]
    assert "2 document(s), 2 request(s)" in _main(args, env, monkeypatch).stdout
    retry = _main([*args, "--retry-failed"], env, monkeypatch).stdout
    assert "3 document(s), 3 request(s)" in retry
    assert scripted.requests == [] and len(out.read_text().splitlines()) == 2
