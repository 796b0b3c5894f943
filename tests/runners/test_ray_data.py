"""`extract_dataset` on a real one-node Ray cluster (loopback only): the rules coder, the
scripted server reached from the actors over 127.0.0.1, and Parquet in and out."""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas
import pytest

from dipevents import ConfigurationError, EventReport
from dipevents.runners.many import extract_many
from dipevents.runners.ray_data import RESULT_COLUMNS, extract_dataset
from tests.support import DEV, SEED, SENTINEL_KEY
from tests.support.local_ray import local_ray
from tests.support.scripted_server import (
    ReceivedRequest,
    ScriptedReply,
    ScriptedServer,
    article_echo,
    error_body,
)

ARTICLES = [
    {"id": f"doc-{n}", "text": f"Envoys of country number {n} met in Geneva on Monday. Talks."}
    for n in range(24)
]
FAILING = [{"id": "empty", "text": "   "}, {"id": "rejected", "text": "REJECT this article."}]


@pytest.fixture(scope="module")
def ray() -> Iterator[ModuleType]:
    if importlib.util.find_spec("ray") is None:
        reason = 'ray is not installed (pip install -e ".[ray]")'
        if os.environ.get("CI"):
            pytest.fail(f"the Ray Data tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with local_ray(num_cpus=2) as started:
        yield started


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "an id came back twice"
    return {row["id"]: row for row in rows}


def _expected(items: list[dict[str, Any]], **settings: Any) -> dict[str, dict[str, Any]]:
    """What `extract_many` gives for the same documents, in the same row shape."""
    expected = {}
    for result in extract_many(items, **settings):
        report = None if result.report is None else result.report.model_dump(mode="json")
        expected[result.id] = {
            "report": report,
            "error_type": result.error_type,
            "tokens": result.usage.total_tokens,
        }
    return expected


def _seen(row: dict[str, Any]) -> dict[str, Any]:
    report = json.loads(row["report"]) if row["report"] is not None else None
    return {"report": report, "error_type": row["error_type"], "tokens": row["total_tokens"]}


def test_the_rules_coder_gives_every_document_once_as_extract_many_does(ray: ModuleType) -> None:
    items = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in DEV.glob("*.txt")
    ]
    items += [{"id": "seed", "text": SEED.read_text(encoding="utf-8")}, *FAILING[:1]]
    dataset = ray.data.from_items(items)
    rows = extract_dataset(
        dataset, backend="rules", actors=2, cpus_per_actor=0.5, batch_size=4
    ).take_all()
    got = _by_id(rows)
    assert set(got) == {item["id"] for item in items}
    expected = _expected(items, backend="rules")
    assert {key: _seen(row) for key, row in got.items()} == expected
    assert got["empty"]["error_type"] == "InputError" and got["empty"]["report"] is None
    assert got["seed"]["cost"] == "0"


def _echo_or_reject(request: ReceivedRequest) -> ScriptedReply:
    if "REJECT" in request.body["messages"][-1]["content"]:
        return ScriptedReply(status=400, body=error_body("rejected", kind="invalid_request_error"))
    return article_echo(delay=0.05)(request)


def test_actors_reach_the_scripted_server_and_match_extract_many(
    ray: ModuleType, scripted: ScriptedServer
) -> None:
    scripted.fallback = _echo_or_reject
    settings = {"base_url": scripted.base_url, "api_key": SENTINEL_KEY, "model": "scripted"}
    items = ARTICLES + FAILING
    rows = extract_dataset(
        ray.data.from_items(items),
        actors=1,
        concurrency_per_actor=3,
        cpus_per_actor=0.5,
        batch_size=4,
        **settings,
    ).take_all()
    # Ray runs several batches of an actor at once; the actor's limit holds over all of them.
    assert 1 < scripted.max_in_flight <= 3
    got = _by_id(rows)
    assert {key: _seen(row) for key, row in got.items()} == _expected(items, **settings)
    good = got["doc-7"]
    assert (good["prompt_tokens"], good["completion_tokens"], good["total_tokens"]) == (
        100,
        50,
        150,
    )
    assert "number 7 met" in json.loads(good["report"])["events"][0]["evidence"]["text"]
    assert got["rejected"]["error_type"] == "RequestRejectedError"
    assert all(SENTINEL_KEY not in json.dumps(row) for row in rows)


def test_the_api_key_is_in_no_log_of_the_cluster(ray: ModuleType, scripted: ScriptedServer) -> None:
    scripted.fallback = _echo_or_reject
    dataset = ray.data.from_items(ARTICLES[:2] + FAILING)
    extract_dataset(
        dataset, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m", cpus_per_actor=0.5
    ).take_all()
    logs = Path(ray._private.worker._global_node.get_logs_dir_path())
    leaked = [p for p in logs.rglob("*") if p.is_file() and SENTINEL_KEY.encode() in p.read_bytes()]
    assert leaked == []


def test_parquet_in_parquet_out_keeps_every_field(ray: ModuleType, tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    frame = pandas.DataFrame(
        {
            "doc": [1, 2, 3],
            "body": [seed, "   ", seed],
            "day": pandas.to_datetime(["2026-03-02", "2026-03-03", None]).date,
        }
    )
    frame.to_parquet(tmp_path / "articles.parquet")
    extract_dataset(
        ray.data.read_parquet(str(tmp_path / "articles.parquet")),
        text_column="body",
        id_column="doc",
        published_column="day",
        backend="rules",
    ).write_parquet(str(tmp_path / "events"))
    back = pandas.read_parquet(tmp_path / "events").set_index("id").sort_index()
    assert list(back.columns) == list(RESULT_COLUMNS)[1:]
    assert list(back.index) == ["1", "2", "3"]
    first = EventReport.model_validate_json(back.loc["1", "report"])
    assert str(first.published) == "2026-03-02" and len(first) > 0
    assert back.loc["2", "error_type"] == "InputError" and pandas.isna(back.loc["2", "report"])
    assert back.loc["2", "error"] == "the article is empty or only whitespace"
    (same,) = extract_many([seed], backend="rules")
    assert back.loc["3", "report"] == same.report.model_dump_json()
    assert (back["cost"] == "0").all() and back["total_tokens"].dtype == "int64"


def test_a_client_a_bad_option_or_a_missing_column_is_refused_before_anything_runs(
    ray: ModuleType,
) -> None:
    dataset = ray.data.from_items([{"id": "a", "text": "Talks."}])
    with pytest.raises(ConfigurationError, match="base_url"):
        extract_dataset(dataset, client=object())
    with pytest.raises(ConfigurationError, match="max_tokens"):
        extract_dataset(dataset, backend="rules", max_tokens=0)
    with pytest.raises(ConfigurationError, match="'body'"):
        extract_dataset(dataset, text_column="body")
