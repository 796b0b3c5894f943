"""The command-line habits researchers expect: --version, a log on stderr, a format that follows
the output's suffix, and shards for array jobs."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest

import dipevents
from dipevents.cli import main
from dipevents.common import clock
from tests.support import FORK_SERVER, SEED
from tests.support.cli import scripted_env, write_corpus
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo


def _quiet(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_the_version_is_said_from_its_one_place() -> None:
    code, out, _ = _quiet(["--version"])
    assert code == 0 and out.strip() == f"dipevents {dipevents.__version__}"


def test_verbose_shows_the_retries_on_stderr(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def wait(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(clock, "asleep", wait)  # the CLI runs documents on an event loop
    scripted.queue(ScriptedReply(status=503, body={"error": {"message": "busy"}}))
    scripted.fallback = article_echo()
    for name, value in scripted_env(scripted, tmp_path / "cache").items():
        monkeypatch.setenv(name, value)
    quiet = _quiet(["extract", str(SEED), "--no-cache"])
    assert quiet[0] == 0 and "retry" not in quiet[2].lower()
    scripted.queue(ScriptedReply(status=503, body={"error": {"message": "busy"}}))
    code, _, err = _quiet(["-v", "extract", str(SEED), "--no-cache"])
    assert code == 0 and "dipevents: INFO dipevents:" in err and "503" in err
    assert len(waits) == 2


def test_the_format_follows_the_output_suffix(tmp_path: Path) -> None:
    lines, table = tmp_path / "events.jsonl", tmp_path / "events.csv"
    assert _quiet(["extract", str(SEED), "-o", str(lines)])[0] == 0
    (record,) = [json.loads(line) for line in lines.read_text().splitlines()]
    assert record["id"] == str(SEED) and len(record["report"]["events"]) == 2
    assert _quiet(["extract", str(SEED), "-o", str(lines)])[0] == 0  # resumed: nothing to do
    assert len(lines.read_text().splitlines()) == 1
    assert _quiet(["extract", str(SEED), "-o", str(table)])[0] == 0
    assert len(pd.read_csv(table)) == 2
    named = tmp_path / "report.txt"
    assert _quiet(["extract", str(SEED), "-o", str(named), "--format", "jsonl"])[0] == 0
    assert json.loads(named.read_text().splitlines()[0])["id"] == str(SEED)


def test_shards_cover_a_folder_exactly_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12)
    seen: list[str] = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}.jsonl"
        assert _quiet(["extract", str(corpus), "--shard", f"{k}/3", "-o", str(out)])[0] == 0
        seen += [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(seen) == sorted(str(path) for path in corpus.glob("*.txt"))
    assert len(set(seen)) == 12 and all(seen.count(i) == 1 for i in seen)
    for bad in ("0/3", "4/3", "x"):
        code, _, err = _quiet(["extract", str(corpus), "--shard", bad])
        assert code == 2 and "is not K/N" in err


@FORK_SERVER
def test_documents_can_be_spread_over_worker_processes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    out = tmp_path / "out.jsonl"
    code, _, err = _quiet(["extract", str(corpus), "--processes", "2", "-o", str(out)])
    assert code == 0, err
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == sorted(str(path) for path in corpus.glob("*.txt"))
    code, _, err = _quiet(["extract", str(corpus), "--processes", "0"])
    assert code == 2 and "processes must be at least 1" in err
