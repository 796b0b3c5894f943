"""Resumable runs: killed and resumed, failures retried, cut-off lines redone; the run log.

The model is the scripted server (`article_echo`: a scripted reply quoting each article)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from dipevents import ConfigurationError
from dipevents.cli.runlog import RunLog
from tests.support.cli import run_main, scripted_env, write_corpus
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo

DOCUMENTS = 40


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "dipevents", "extract", *args]


def _complete_lines(out: Path) -> int:
    return out.read_bytes().count(b"\n") if out.exists() else 0


def _ids(out: Path) -> list[str]:
    return [json.loads(line)["id"] for line in out.read_text().splitlines()]


def test_a_killed_run_resumes_and_every_document_lands_exactly_once(
    scripted: ScriptedServer, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out.jsonl"
    scripted.fallback = article_echo(delay=0.05)
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--concurrency", "4", "--no-cache"]
    env = {**os.environ, **scripted_env(scripted, tmp_path / "cache")}
    first = subprocess.Popen(_command(args), env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _complete_lines(out) < 10:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    written_before = _complete_lines(out)  # a line cut off by the kill is redone
    assert 10 <= written_before < DOCUMENTS, "the run was not stopped halfway"
    requests_before = _settled_requests(scripted)  # the killed run's last requests arrive late

    second = subprocess.run(_command(args), env=env, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr
    ids = _ids(out)
    assert Counter(ids) == Counter(str(corpus / f"doc{n:03}.txt") for n in range(DOCUMENTS))
    assert all("report" in json.loads(line) for line in out.read_text().splitlines())
    resent = len(scripted.requests) - requests_before
    done_before = len(set(ids[:written_before]))
    assert resent == DOCUMENTS - done_before
    assert f"({done_before} done before, skipped)".encode() in second.stderr


def _settled_requests(server: ScriptedServer) -> int:
    """The number of requests the server received, once nothing more has come for 0.3 s."""
    count, quiet_since, deadline = -1, time.monotonic(), time.monotonic() + 10
    while time.monotonic() < deadline:
        now = len(server.requests)
        if now != count or server.in_flight:
            count, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since > 0.3:
            break
        time.sleep(0.02)
    return count


def test_failed_documents_are_skipped_unless_retried(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out.jsonl"
    scripted.queue(ScriptedReply(status=400, body={"error": {"message": "bad", "type": "x"}}))
    scripted.fallback = article_echo()
    args = [str(corpus), "--format", "jsonl", "-o", str(out), "--concurrency", "1"]
    env = scripted_env(scripted, tmp_path / "cache")
    first = run_main(args, env, monkeypatch)
    assert first.returncode == 1
    failed = [json.loads(line)["id"] for line in out.read_text().splitlines() if "error" in line]
    assert len(failed) == 1

    again = run_main(args, env, monkeypatch)
    assert again.returncode == 1 and len(scripted.requests) == 3
    assert "0 document(s) (3 done before, skipped, of which 1 failed: run again with --retry" in (
        again.stderr
    )

    retried = run_main([*args, "--retry-failed"], env, monkeypatch)
    assert retried.returncode == 0, retried.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(map(str, corpus.glob("*.txt")))
    assert all("report" in r for r in records)
    assert len(scripted.requests) == 4


def test_a_cut_off_last_line_is_dropped_and_its_document_run_again(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2)
    out = tmp_path / "out.jsonl"
    first_id = str(corpus / "doc000.txt")
    out.write_text(json.dumps({"id": first_id, "report": {}}) + '\n{"id": "cut off')
    scripted.fallback = article_echo()
    args = [str(corpus), "--format", "jsonl", "-o", str(out)]
    result = run_main(args, scripted_env(scripted, tmp_path / "cache"), monkeypatch)
    assert result.returncode == 0
    assert _ids(out) == [first_id, str(corpus / "doc001.txt")]
    assert len(scripted.requests) == 1


# Regression pinned after the scale review: U+2028/U+2029/NEL inside a record split its line
# on resume; the file's mode must survive the rewrite.
def test_a_record_holding_a_unicode_line_separator_survives_a_resume(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    with RunLog(path) as log:
        log.write({"id": "a", "report": {"text": "before\u2028after\u2029end\x85"}})
    os.chmod(path, 0o644)
    log = RunLog(path, retry={"a"})
    log.close()
    assert log.done == {"a"}
    assert json.loads(path.read_bytes())["report"]["text"] == "before\u2028after\u2029end\x85"


# Regression pinned after the scale review: undecodable bytes crashed the resume.
def test_undecodable_bytes_are_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    path.write_bytes(b'{"id": "a", "report": {}}\n\xff\xfe junk\n')
    with pytest.raises(ConfigurationError, match="line 2 is not a dipevents record"):
        RunLog(path)
    assert path.read_bytes().endswith(b"\xff\xfe junk\n")


# Regression pinned after the scale review: --retry-failed dropped other runs' failures and
# reset the file's mode.
def test_retrying_drops_only_the_failures_of_this_run_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    lines = [{"id": "mine", "error": {}}, {"id": "other", "error": {}}, {"id": "ok", "report": {}}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    os.chmod(path, 0o640)
    with RunLog(path, retry={"mine", "ok"}) as log:
        assert log.done == {"other", "ok"} and log.failed_before == {"other"}
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["other", "ok"]
    assert path.stat().st_mode & 0o777 == 0o640
