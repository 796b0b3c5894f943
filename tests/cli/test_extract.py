"""The `dipevents` command, run as a real subprocess against the scripted server."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from dipevents.cli import main
from tests.conftest import SEED, SENTINEL_KEY
from tests.scripted_server import ScriptedReply, ScriptedServer, completion


def _run(
    args: list[str], server: ScriptedServer, stdin: bytes = b""
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": SENTINEL_KEY,
        "DIPEVENTS_MODEL": "scripted",
    }
    return subprocess.run(
        [sys.executable, "-m", "dipevents", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


def test_extract_prints_report_json_and_says_backend_on_stderr(
    scripted: ScriptedServer, capable_seed_reply: dict
) -> None:
    scripted.queue(ScriptedReply(body=completion(json.dumps(capable_seed_reply))))
    result = _run(["extract", str(SEED)], scripted)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["events"][0]["date"] == "2025-04-10"
    assert report["events"][0]["location"]["city"] == "Istanbul"
    assert b"1 document(s), 2 event(s) from backend openai (scripted), 0 failed" in result.stderr
    assert b"100 prompt + 50 completion tokens in 1 request(s)" in result.stderr
    assert SENTINEL_KEY.encode() not in result.stdout + result.stderr


def test_jsonl_keeps_going_after_a_bad_input_and_reads_stdin(
    scripted: ScriptedServer, capable_seed_reply: dict, tmp_path: Path
) -> None:
    scripted.queue(ScriptedReply(body=completion(json.dumps(capable_seed_reply))))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = _run(
        ["extract", str(empty), "-", "--format", "jsonl"], scripted, stdin=SEED.read_bytes()
    )
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["error"]["type"] == "InputError"
    assert second["source"] == "-" and len(second["report"]["events"]) == 2
    assert b"empty.txt: InputError: the article is empty" in result.stderr


def test_a_resumable_run_refuses_stdin_an_input_as_output_and_a_foreign_file(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    rules = ["--backend", "rules", "--format", "jsonl", "-o"]
    for args, complaint in [
        ([str(article), "-", *rules, str(tmp_path / "out.jsonl")], "stdin cannot be resumed"),
        ([str(article), *rules, str(article)], "is one of the inputs"),
        ([str(article), *rules, str(notes)], "line 1 is not a dipevents record"),
    ]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            assert main(["extract", *args]) == 2
        assert complaint in err.getvalue()
    assert article.read_bytes() == SEED.read_bytes()
    assert notes.read_text() == "my notes\n"


def test_no_configuration_runs_the_rules_coder_offline() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DIPEVENTS_"))}
    result = subprocess.run(
        [sys.executable, "-m", "dipevents", "extract", str(SEED)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["backend"] == "rules" and report["events"][0]["date"] == "2025-04-10"
    assert b"from backend rules" in result.stderr


def test_bad_files_fail_alone_and_the_good_one_is_kept(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Talks were held. " * 620_000)  # about 10 MB
    binary = tmp_path / "image.gif"
    binary.write_bytes(b"GIF89a\x00\x01\x02\x03" * 1000)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Les ministres se sont réunis à Genève.".encode("latin-1"))
    broken = tmp_path / "gone.txt"
    broken.symlink_to(tmp_path / "missing.txt")
    files = [huge, binary, latin1, broken, SEED]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DIPEVENTS_"))}
    result = subprocess.run(
        [sys.executable, "-m", "dipevents", "extract", *map(str, files), "--format", "jsonl"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line["error"]["type"] for line in lines[:-1]]
    assert errors == ["InputError", "InputError", "InputError", "FileNotFoundError"]
    assert lines[-1]["report"]["events"][0]["date"] == "2025-04-10"
    stderr = result.stderr.decode()
    assert "over the limit" in stderr and "binary" in stderr and "not valid UTF-8" in stderr


def test_a_folder_is_read_file_by_file_and_unreadable_entries_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "a_seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b_link.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "c_folder.txt").mkdir()
    (tmp_path / "d_empty.txt").write_text("")
    (tmp_path / "notes.md").write_text("not an article")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["extract", str(tmp_path), "--backend", "rules", "--format", "jsonl"])
    assert code == 1
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [Path(r["source"]).name for r in results] == [
        "a_seed.txt",
        "b_link.txt",
        "c_folder.txt",
        "d_empty.txt",
    ]
    assert results[0]["report"]["events"][0]["date"] == "2025-04-10"
    assert [r["error"]["type"] for r in results[1:]] == [
        "FileNotFoundError",
        "IsADirectoryError",
        "InputError",
    ]
