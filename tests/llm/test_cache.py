"""The disk cache of validated replies: a second identical run sends nothing."""

from __future__ import annotations

import json
from pathlib import Path

import openai
import pytest

from dipevents import InvalidReplyError, extract_events
from dipevents.llm.backend import ChatBackend
from dipevents.llm.cache import ReplyCache, default_cache_dir
from dipevents.llm.conversation import ChatSettings
from dipevents.llm.endpoint import Endpoint
from dipevents.model.enums import Backend
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion


def _extract(server: ScriptedServer, text: str, cache: Path, **options) -> object:
    return extract_events(
        text,
        base_url=server.base_url,
        api_key=SENTINEL_KEY,
        model=options.pop("model", "scripted"),
        cache_dir=str(cache),
        **options,
    )


def test_the_second_identical_run_makes_no_request(
    scripted: ScriptedServer, seed_text: str, capable_seed_reply: dict, tmp_path: Path
) -> None:
    scripted.queue(ScriptedReply(body=completion(json.dumps(capable_seed_reply))))
    first = _extract(scripted, seed_text, tmp_path)
    second = _extract(scripted, seed_text, tmp_path)
    assert len(scripted.requests) == 1
    assert second.events == first.events
    assert (first.usage.attempts, first.usage.cached) == (1, 0)
    assert (second.usage.attempts, second.usage.cached, second.usage.total_tokens) == (0, 1, 0)


@pytest.mark.parametrize(
    "change",
    [{"model": "another"}, {"temperature": 0.5}, {"published": "2025-04-11"}, {"text": "!"}],
)
def test_anything_that_shapes_the_request_is_a_miss(
    scripted: ScriptedServer, seed_text: str, tmp_path: Path, change: dict
) -> None:
    scripted.fallback = article_echo()
    _extract(scripted, seed_text, tmp_path)
    text = seed_text + change.pop("text", "")
    report = _extract(scripted, text, tmp_path, **change)
    assert len(scripted.requests) == 2
    assert report.usage.cached == 0


def test_entries_hold_no_key_and_a_broken_entry_is_a_miss(
    scripted: ScriptedServer, seed_text: str, tmp_path: Path
) -> None:
    scripted.fallback = article_echo()
    _extract(scripted, seed_text, tmp_path)
    (entry,) = tmp_path.rglob("*.json")
    assert SENTINEL_KEY not in entry.read_text() and "sentinel" not in str(entry)
    entry.write_text('{"events": [')
    report = _extract(scripted, seed_text, tmp_path)
    assert len(scripted.requests) == 2 and report.usage.cached == 0
    assert json.loads(entry.read_text())["events"]  # rewritten whole


def test_an_invalid_reply_is_not_cached(
    scripted: ScriptedServer, seed_text: str, tmp_path: Path
) -> None:
    scripted.queue(ScriptedReply(body=completion("not json")))
    with pytest.raises(InvalidReplyError):
        _extract(scripted, seed_text, tmp_path, max_reasks=0)
    assert not list(tmp_path.rglob("*.json"))


def test_the_key_ignores_credentials_in_the_endpoint_url(tmp_path: Path) -> None:
    cache = ReplyCache(tmp_path)
    request = {"model": "m", "messages": []}
    plain = cache.key("https://api.example.org/v1", request)
    assert cache.key("https://user:secret@api.example.org/v1/", request) == plain
    keyed = cache.key("https://api.example.org/v1?key=secret", request)
    assert cache.key("https://user:other@api.example.org/v1?key=another", request) == keyed
    assert cache.key("https://other.example.org/v1", request) != plain


def test_the_default_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("DIPEVENTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "dipevents"


# Regression pinned after the scale review: the cache key followed the port, not the model
# that answers (the embedded server gets a new port each run).
def test_the_cache_key_follows_what_answers_not_its_port(tmp_path: Path) -> None:
    def key(url: str, identity: str | None = None) -> str:
        client = openai.OpenAI(api_key="k", base_url=url)
        endpoint = Endpoint(client, "m", Backend.OPENAI, (), identity=identity or url)
        backend = ChatBackend(
            endpoint,
            ChatSettings(model="m"),
            chunk_chars=24_000,
            chunk_overlap=1_500,
            cache=ReplyCache(tmp_path),
        )
        plan = backend.plan("Officials met in Geneva on Monday.", None)
        return plan.requests[0].cache_key

    assert key("http://127.0.0.1:1/v1") != key("http://127.0.0.1:2/v1")
    assert key("http://127.0.0.1:1/v1", "local:m.gguf") == key(
        "http://127.0.0.1:2/v1", "local:m.gguf"
    )
