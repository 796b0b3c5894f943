"""Many documents at once against the scripted server: order, concurrency, failures alone."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openai
import pytest

from dipevents import ConfigurationError
from dipevents.runners.many import Document, aextract_many, extract_many
from tests.support import FORK_SERVER, SEED, SENTINEL_KEY
from tests.support.scripted_server import ScriptedReply, ScriptedServer, article_echo, completion

ARTICLES = [
    f"Officials from country number {n} met their neighbours in the capital on Monday. "
    "They discussed trade."
    for n in range(12)
]


def _settings(server: ScriptedServer) -> dict:
    return {"base_url": server.base_url, "api_key": SENTINEL_KEY, "model": "scripted"}


def test_results_come_back_in_input_order_with_their_own_events(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo(delay=0.02)
    results = list(extract_many(ARTICLES, concurrency=4, **_settings(scripted)))
    assert [r.id for r in results] == [str(n) for n in range(12)]
    for n, result in enumerate(results):
        assert result.ok, result.error
        (event,) = result.report.events
        assert f"country number {n} met" in event.evidence.text
        assert event.evidence.start == 0
    assert len(scripted.requests) == 12


@pytest.mark.parametrize("concurrency", [1, 4])
def test_requests_overlap_up_to_the_concurrency_limit(
    scripted: ScriptedServer, concurrency: int
) -> None:
    scripted.fallback = article_echo(delay=0.1)
    results = list(extract_many(ARTICLES, concurrency=concurrency, **_settings(scripted)))
    assert all(r.ok for r in results)
    assert scripted.max_in_flight <= concurrency
    assert scripted.max_in_flight > concurrency // 2


def test_as_completed_yields_the_fast_document_first(scripted: ScriptedServer) -> None:
    echo = article_echo()

    def slow_first(request):
        reply = echo(request)
        if "number 0 " in request.body["messages"][-1]["content"]:
            reply.delay = 0.5
        return reply

    scripted.fallback = slow_first
    results = list(extract_many(ARTICLES[:3], concurrency=3, ordered=False, **_settings(scripted)))
    assert results[-1].id == "0"
    assert sorted(r.index for r in results) == [0, 1, 2]


def test_a_failing_document_yields_an_error_record_and_the_rest_go_on(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo()
    items = [
        Document(id="good-1", text=ARTICLES[0], source_url="https://example.org/1"),
        {"id": "empty", "text": "   "},
        {"id": "refused", "text": "REFUSE " + ARTICLES[1]},
        {"id": "good-2", "text": ARTICLES[2], "metadata": {"outlet": "wire"}},
        {"text": "no id"},
    ]
    echo = scripted.fallback

    def refuse_some(request):
        if "REFUSE" in request.body["messages"][-1]["content"]:
            return ScriptedReply(body=completion(None, refusal="I cannot help with that."))
        return echo(request)

    scripted.fallback = refuse_some
    results = {r.id: r for r in extract_many(items, concurrency=2, **_settings(scripted))}
    assert results["good-1"].ok and results["good-2"].ok
    assert results["good-1"].source_url == "https://example.org/1"
    assert results["good-2"].to_json()["metadata"] == {"outlet": "wire"}
    assert results["empty"].error_type == "InputError"
    assert results["refused"].error_type == "RefusalError"
    assert results["refused"].usage.attempts == 1
    assert results["4"].ok  # a record without an id is named by its position, as a text is
    assert "error" in results["refused"].to_json()
    assert all(SENTINEL_KEY not in (r.error or "") for r in results.values())


def test_aextract_many_is_iterable_inside_a_running_loop(scripted: ScriptedServer) -> None:
    scripted.fallback = article_echo()

    async def collect() -> list[str]:
        return [r.id async for r in aextract_many(ARTICLES[:3], **_settings(scripted))]

    assert asyncio.run(collect()) == ["0", "1", "2"]


def test_the_rules_backend_runs_many_documents_offline() -> None:
    seed = SEED.read_text(encoding="utf-8")
    results = list(extract_many([seed, "   ", seed], backend="rules"))
    assert [r.ok for r in results] == [True, False, True]
    assert len(results[0].report) == len(results[2].report) > 0


# Regression pinned after the scale review: a caller's client was accepted by the sync wrapper
# and closed by aextract_many.
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


# Regression pinned after the scale review: an input iterator that raised lost documents
# already started.
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


# Regression pinned after the scale review: a bad record lost its id; failures lacked the model.
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


def test_paths_are_read_and_a_string_naming_a_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing diplomatic happened here today.")
    results = list(extract_many([SEED, str(SEED), {"path": str(empty)}], backend="rules"))
    by_path, by_string, by_record = results
    assert by_path.ok and by_path.id == str(SEED) and len(by_path.report) == 2
    assert not by_string.ok and by_string.error_type == "InputError"
    assert "is the name of a file" in by_string.error and "{'path':" in by_string.error
    assert by_record.ok and not by_record.report  # a report with no events is still ok


# Worker processes (`processes=`): the same results, order and failures as one process.


@FORK_SERVER
def test_worker_processes_give_the_results_of_one_process_in_input_order(
    scripted: ScriptedServer,
) -> None:
    scripted.fallback = article_echo(delay=0.02)
    items = [*ARTICLES[:5], {"id": "bad", "text": "x", "path": "y"}, *ARTICLES[5:]]
    results = list(extract_many(items, concurrency=4, processes=2, **_settings(scripted)))
    assert [r.id for r in results] == ["0", "1", "2", "3", "4", "bad", *map(str, range(6, 13))]
    assert [r.index for r in results] == list(range(13))
    assert results[5].error_type == "ValidationError"
    for result, article in zip(results[:5] + results[6:], ARTICLES, strict=True):
        assert result.ok, result.error
        assert result.report.events[0].evidence.text in article
        assert result.model == "scripted"
    assert len(scripted.requests) == 12
    assert scripted.max_in_flight <= 4


@FORK_SERVER
def test_worker_processes_raise_a_configuration_error_and_stop_when_the_caller_does(
    scripted: ScriptedServer,
) -> None:
    with pytest.raises(ConfigurationError):
        list(extract_many(ARTICLES, processes=2, backend="nonsense"))
    with pytest.raises(ConfigurationError, match="processes"):
        list(extract_many(ARTICLES, processes=0, **_settings(scripted)))
    scripted.fallback = article_echo(delay=0.02)
    results = extract_many(ARTICLES, concurrency=2, processes=2, **_settings(scripted))
    assert next(results).ok
    results.close()
    assert len(scripted.requests) <= 6
