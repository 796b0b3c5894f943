"""Fixes from the review of the scale work (run log, many, pieces, cache keys, dry run), each
pinned by a test that fails without it."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import itertools
import json
import os
from pathlib import Path

import openai
import pytest

from dipevents import ConfigurationError, InvalidReplyError
from dipevents.cli import main
from dipevents.cli.runlog import RunLog
from dipevents.extractor.engine import Extractor
from dipevents.runners.many import aextract_many, extract_many
from dipevents.text.chunks import split_article
from tests.conftest import SEED, SENTINEL_KEY
from tests.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion


def test_a_record_holding_a_unicode_line_separator_survives_a_resume(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    with RunLog(path) as log:
        log.write({"id": "a", "report": {"text": "before\u2028after\u2029end\x85"}})
    os.chmod(path, 0o644)
    log = RunLog(path, retry={"a"})
    log.close()
    assert log.done == {"a"}
    assert json.loads(path.read_bytes())["report"]["text"] == "before\u2028after\u2029end\x85"


def test_undecodable_bytes_are_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    path.write_bytes(b'{"id": "a", "report": {}}\n\xff\xfe junk\n')
    with pytest.raises(ConfigurationError, match="line 2 is not a dipevents record"):
        RunLog(path)
    assert path.read_bytes().endswith(b"\xff\xfe junk\n")


def test_retrying_drops_only_the_failures_of_this_run_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    lines = [{"id": "mine", "error": {}}, {"id": "other", "error": {}}, {"id": "ok", "report": {}}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    os.chmod(path, 0o640)
    with RunLog(path, retry={"mine", "ok"}) as log:
        assert log.done == {"other", "ok"} and log.failed_before == {"other"}
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["other", "ok"]
    assert path.stat().st_mode & 0o777 == 0o640


def test_extract_many_refuses_a_client_and_aextract_many_leaves_it_open(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo()
    client = openai.AsyncOpenAI(base_url=scripted.base_url, api_key=SENTINEL_KEY)
    with pytest.raises(ConfigurationError, match="aextract_many"):
        list(extract_many(["text"], client=client, model="m"))

    async def twice() -> list[bool]:
        oks = []
        for _ in range(2):
            async for result in aextract_many(
                ["Officials met in Geneva on Monday."] * 2, client=client, model="m"
            ):
                oks.append(result.ok)
        return oks

    assert asyncio.run(twice()) == [True] * 4
    assert not client.is_closed()


def test_a_broken_input_iterator_loses_no_started_document(scripted: ScriptedServer) -> None:
    scripted.fallback = article_echo(delay=0.05)

    def items():
        for n in range(5):
            yield f"Delegation number {n} met its hosts in Geneva on Monday."
        raise OSError("the disk went away")

    seen = []
    with pytest.raises(OSError, match="disk went away"):
        for result in extract_many(
            items(), concurrency=3, base_url=scripted.base_url, api_key="k", model="m"
        ):
            seen.append(result.id)
    assert seen == ["0", "1", "2", "3", "4"]


def test_a_bad_record_fails_under_its_own_id_and_failures_name_the_model(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo()
    results = list(
        extract_many(
            [{"id": "x", "bogus": 1}, {"id": "y", "text": "  "}],
            base_url=scripted.base_url,
            api_key="k",
            model="scripted",
        )
    )
    assert [(r.id, r.error_type, r.model) for r in results] == [
        ("x", "ValidationError", "scripted"),
        ("y", "InputError", "scripted"),
    ]


def test_a_failed_piece_reports_the_tokens_of_every_piece_on_the_async_path(
    scripted: ScriptedServer,
) -> None:
    sentence = "The delegations met in Geneva on Monday and talked for hours. "
    article = sentence * 80 + "\n\n" + sentence * 80
    good = ScriptedReply(body=completion('{"events": []}', prompt_tokens=1000))
    bad = ScriptedReply(body=completion("not json", prompt_tokens=1000))
    scripted.queue(good, bad, bad, bad)
    options = {"chunk_chars": 6_000, "chunk_overlap": 500, "max_reasks": 2}
    assert len(split_article(article, budget=6_000, overlap=500)) == 2
    with pytest.raises(InvalidReplyError) as failed:
        asyncio.run(_aextract(scripted, article, options))
    assert failed.value.usage.attempts == 4
    assert failed.value.usage.prompt_tokens == 4000


async def _aextract(server: ScriptedServer, article: str, options: dict) -> object:
    extractor = Extractor(
        base_url=server.base_url, api_key="k", model="m", asynchronous=True, **options
    )
    return await extractor.aextract(article)


def test_chinese_text_is_cut_at_its_own_full_stops() -> None:
    article = "两国外长周一在北京举行会谈。" * 3000
    pieces = split_article(article, budget=4_000, overlap=300)
    assert len(pieces) > 5
    for piece in pieces[:-1]:
        assert article[piece.end - 1] == "。"
    assert all(later.start < earlier.end for earlier, later in itertools.pairwise(pieces))


def test_the_cache_key_follows_what_answers_not_its_port(tmp_path: Path) -> None:
    def key(url: str, identity: str | None = None) -> str:
        extractor = Extractor(base_url=url, api_key="k", model="m", cache_dir=str(tmp_path))
        if identity is not None:
            extractor.endpoint = dataclasses.replace(extractor.endpoint, identity=identity)
        return extractor.pieces("Officials met in Geneva on Monday.")[0].cache_key

    assert key("http://127.0.0.1:1/v1") != key("http://127.0.0.1:2/v1")
    assert key("http://127.0.0.1:1/v1", "local:m.gguf") == key(
        "http://127.0.0.1:2/v1", "local:m.gguf"
    )


def test_a_local_dry_run_starts_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from dipevents.llm import llamacpp as local

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dry run started the embedded model")

    monkeypatch.setattr(local.LocalServer, "start", refuse)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["extract", str(SEED), "--backend", "local", "--dry-run"]) == 0
    assert "no API cost" in out.getvalue()


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


def test_configuration_errors_are_a_message_not_a_traceback(scripted: ScriptedServer) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["extract", str(SEED), "--base-url", scripted.base_url])
    assert code == 2
    assert "ConfigurationError: no model named" in err.getvalue()
