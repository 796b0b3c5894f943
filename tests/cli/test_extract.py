"""`dipevents extract`: as a real subprocess and in this process, against the scripted server;
formats, folders, bad files, the cache."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from dipevents.cli import main
from dipevents.outputs.dyads import DYAD_COLUMNS
from dipevents.outputs.plover import PLOVER_FIELDS
from dipevents.outputs.rows import EVENT_COLUMNS
from tests.support import DEV, ROOT, SEED, SENTINEL_KEY
from tests.support.cli import run_main, scripted_env, write_corpus
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion

VISIT = DEV / "004_state_visit_fin_vnm.txt"
THREE_PARTIES = DEV / "014_title_patterns_nor_ken_usa_eu.txt"
CONTROL = DEV / "012_control_business_crime.txt"
CODE_COLUMNS = {c: str for c in ("EventCode", "EventBaseCode", "EventRootCode", "cameo_code")}
CODE_COLUMNS |= {"cameo_root": str}


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


# Regression pinned after review: a folder without .txt files was not a clear error.
def test_an_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["extract", str(tmp_path)]) == 1
    assert "no .txt files" in err.getvalue()


# Regression pinned after the scale review: a file named twice (or via its folder) ran twice.
def test_the_same_file_named_twice_is_extracted_once(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(
            [
                "extract",
                str(article),
                str(tmp_path / "." / "a.txt"),
                str(tmp_path),
                "--backend",
                "rules",
                "--format",
                "jsonl",
            ]
        )
    assert len(out.getvalue().splitlines()) == 1


# Regression pinned after the scale review: a configuration error ended in a traceback.
def test_configuration_errors_are_a_message_not_a_traceback(scripted: ScriptedServer) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["extract", str(SEED), "--base-url", scripted.base_url])
    assert code == 2
    assert "ConfigurationError: no model named" in err.getvalue()


def test_the_cached_second_run_makes_no_request(
    scripted: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    scripted.fallback = article_echo()
    env = scripted_env(scripted, tmp_path / "cache")
    args = [str(corpus), "--format", "jsonl", "--concurrency", "2"]
    first = run_main(args, env, monkeypatch)
    assert first.returncode == 0 and len(scripted.requests) == 5
    second = run_main(args, env, monkeypatch)
    assert second.returncode == 0 and len(scripted.requests) == 5
    events = [
        [json.loads(line)["report"]["events"] for line in run.stdout.splitlines()]
        for run in (first, second)
    ]
    assert events[0] == events[1]
    assert "in 0 request(s), 5 repl(ies) from the cache; cost $0 (no requests)" in second.stderr
    no_cache = run_main([*args, "--no-cache"], env, monkeypatch)
    assert no_cache.returncode == 0 and len(scripted.requests) == 10
    cached = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert cached and SENTINEL_KEY not in cached


# --- export formats, loaded in pandas -------------------------------------------------------------


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """The CLI run in this process (the tests at the top of this file run it as a subprocess)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["extract", "--backend", "rules", *args])
    return CliResult(code, out.getvalue(), err.getvalue())


def test_cli_csv_has_one_header_and_a_row_per_event_and_reports_failures(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "missing.txt"
    result = run_cli(str(SEED), str(VISIT), str(CONTROL), str(missing), "--format", "csv")
    assert result.returncode == 1
    assert f"{missing}: FileNotFoundError" in result.stderr
    assert result.stdout.count("source,event_id,") == 1
    frame = pd.read_csv(io.StringIO(result.stdout), dtype=CODE_COLUMNS)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == 3
    assert frame["source"].tolist() == [str(SEED), str(SEED), str(VISIT)]
    assert frame["cameo_code"].tolist() == ["044", "040", "042"]  # met in a third country
    assert frame["quad_class"].tolist() == [1, 1, 1]
    assert frame.loc[0, "duration_hours"] == 6.0


def test_cli_dyads_load_in_pandas(tmp_path: Path) -> None:
    out = tmp_path / "dyads.csv"
    result = run_cli(str(SEED), str(VISIT), str(THREE_PARTIES), "--format", "dyads", "-o", str(out))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out, dtype=CODE_COLUMNS)
    assert list(frame.columns) == list(DYAD_COLUMNS)
    assert len(frame) == 2 + 2 + 3
    visit = frame[frame["source"] == str(VISIT)]
    assert visit["SOURCEURL"].tolist() == [str(VISIT)] * 2  # no URL given: the file's name
    assert visit["EventCode"].tolist() == ["042", "043"]
    assert visit["Actor1Code"].tolist() == ["FINGOV", "VNMGOV"]
    assert frame["SQLDATE"].tolist()[:2] == [20250410, 20250227]
    assert frame["GLOBALEVENTID"].is_unique


def test_cli_plover_is_json_lines_that_load_in_pandas(tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    result = run_cli(str(SEED), str(VISIT), "--format", "plover", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    ids = [f"{SEED}:e1", f"{SEED}:e2", f"{VISIT}:e1"]
    assert [json.loads(line)["id"] for line in lines] == ids
    frame = pd.read_json(out, lines=True, dtype={"cameo_code": str})
    assert list(frame.columns) == list(PLOVER_FIELDS)
    assert len(frame) == 3
    assert frame["cameo_code"].tolist() == ["044", "040", "042"]  # met in a third country
    visit = frame.loc[2]
    assert [a["code"] for a in visit["actor"]] == ["FIN"] and visit["mode"] == "visit"
    assert [r["code"] for r in visit["recipient"]] == ["VNM"]
    assert frame.loc[0, "context"][0] == "diplomatic"


def test_cli_exports_write_a_header_even_when_every_file_failed(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "missing.txt"), "--format", "dyads")
    assert result.returncode == 1
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == list(DYAD_COLUMNS) and frame.empty
    assert run_cli(str(tmp_path / "missing.txt"), "--format", "plover").stdout == ""


def test_a_configuration_error_leaves_no_output_and_exits_2_in_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("DIPEVENTS_MODEL", "gpt-4.1-mini")  # and no endpoint
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["extract", str(SEED), "--format", "jsonl", "-o", str(out)]) == 2
        assert main(["review", str(SEED), "-o", str(tmp_path / "page.html")]) == 2
        assert main(["eval", str(ROOT / "seeds"), "-r"]) == 2
    assert not out.exists() and not (tmp_path / "page.html").exists()
    assert err.getvalue().count("ConfigurationError: model 'gpt-4.1-mini' named") == 3


def test_folders_are_read_with_their_subfolders_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_bytes(SEED.read_bytes() + b"\nA correction.")
    for flags, names in (([], ["top.txt"]), (["-r"], ["deep.txt", "top.txt"])):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["extract", str(tmp_path), *flags, "--format", "jsonl"]) == 0
        ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
        assert sorted(Path(i).name for i in ids) == names


def test_the_summary_names_no_backend_when_nothing_was_extracted(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text(" ")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["extract", str(tmp_path / "empty.txt"), "--backend", "rules"]) == 1
    summary = err.getvalue().splitlines()[-1]
    assert "1 document(s), 0 event(s), 1 failed" in summary and "backend" not in summary


def test_every_backend_option_is_explained() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["extract", "--help"])
    help_text = " ".join(out.getvalue().split())
    for option in ("--backend", "--timeout", "--max-retries", "--threads", "--recursive"):
        assert option in help_text
    assert "rules: the offline coder" in help_text


# --- source URLs and JSONL inputs ----------------------------------------------------------------


URL = "https://news.example.org/seed"


def test_source_url_of_one_article_reaches_every_export(tmp_path: Path) -> None:
    for fmt, read in (("csv", pd.read_csv), ("dyads", pd.read_csv)):
        result = run_cli(str(SEED), "--source-url", URL, "--format", fmt)
        assert result.returncode == 0, result.stderr
        frame = read(io.StringIO(result.stdout))
        column = "SOURCEURL" if fmt == "dyads" else "source_url"
        assert frame[column].tolist() == [URL, URL]
    plover = run_cli(str(SEED), "--source-url", URL, "--format", "plover").stdout.splitlines()
    assert [json.loads(line)["source_url"] for line in plover] == [URL, URL]
    assert json.loads(plover[0])["publication_date"] == "2025-04-10"
    (line,) = run_cli(str(SEED), "--source-url", URL, "--format", "jsonl").stdout.splitlines()
    assert json.loads(line)["source_url"] == URL


def test_source_url_names_one_article_only(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"path": str(SEED)}) + "\n", encoding="utf-8")
    for inputs in ([str(SEED), str(VISIT)], [str(records)]):
        result = run_cli(*inputs, "--source-url", URL)
        assert result.returncode == 2 and result.stdout == ""
        assert "--source-url is the URL of one article" in result.stderr


def test_jsonl_records_are_documents_with_their_own_id_url_and_date(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    lines = [
        {"id": "seed", "text": SEED.read_text("utf-8"), "source_url": URL, "metadata": {"k": 1}},
        {"path": str(VISIT), "published": "2026-10-13", "source_url": "https://x.org/visit"},
        {"text": "   "},
        {"text": CONTROL.read_text("utf-8")},
    ]
    records.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    result = run_cli(str(records), "--format", "jsonl")
    assert result.returncode == 1  # the empty article fails alone
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["seed", str(VISIT), f"{records}:3", f"{records}:4"]
    assert out[0]["source_url"] == URL and out[0]["metadata"] == {"k": 1}
    assert out[1]["source_url"] == "https://x.org/visit"
    assert "error" in out[2] and "report" in out[3]
    dyads = pd.read_csv(io.StringIO(run_cli(str(records), "--format", "dyads").stdout))
    assert dyads["SOURCEURL"].tolist() == [URL, URL, "https://x.org/visit", "https://x.org/visit"]
    assert dyads["DATEADDED"].tolist()[2:] == [20261013000000] * 2


def test_a_jsonl_run_resumes_by_record_id(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    lines = [{"id": f"doc{n}", "path": str(path)} for n, path in enumerate((SEED, VISIT))]
    records.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(str(records), "-o", str(out)).returncode == 0
    again = run_cli(str(records), "-o", str(out))
    assert again.returncode == 0 and "2 done before, skipped" in again.stderr
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == [
        "doc0",
        "doc1",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "records.jsonl:1: not a document record"),
        ("[1, 2]\n", "records.jsonl:1: not a document record"),
        ('{"id": "a", "text": "x", "colour": "red"}\n', "records.jsonl:1: not a document record"),
        ('{"id": "a", "text": "x"}\n\n{"id": "a", "text": "y"}\n', "'a' appears twice"),
    ],
)
def test_a_bad_jsonl_input_stops_the_run_before_it_starts(
    tmp_path: Path, content: str, message: str
) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(content, encoding="utf-8")
    result = run_cli(str(records), "--format", "csv")
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr
