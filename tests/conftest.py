"""Shared fixtures: the seed article, the scripted servers, recorded sleeps, cassette folder.

Shared constants and helpers live in `tests.support`; test modules import them from there.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dipevents.common import clock
from tests.support import ROOT, SCRIPTED, SEED
from tests.support.batch import ARTICLES, scripted_reply_from_gold
from tests.support.scripted_batch_server import ScriptedBatchServer
from tests.support.scripted_server import ScriptedServer

pytest_plugins = ["dipevents.testing", "pytester"]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    return json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def capable_seed_reply() -> dict[str, Any]:
    """The scripted reply of a capable model for the seed (see the file's `scripted` note)."""
    path = SCRIPTED / "seed_capable_reply.json"
    return json.loads(path.read_text(encoding="utf-8"))["reply"]


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff waits are recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(clock, "sleep", waited.append)
    return waited


@pytest.fixture(autouse=True)
def _no_endpoint_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests configure endpoints explicitly; the developer's own settings never leak in, and
    the CLI caches replies in the test's own folder, never in the user's cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DIPEVENTS_MODEL", "DIPEVENTS_GGUF"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(tmp_path / "dipevents-cache"))


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """Cassettes live in the top-level cassettes/ folder, one subfolder per test module,
    named after the module's file (`tests/behaviour/test_local_pipeline.py` replays from
    `cassettes/test_local_pipeline/`), whichever folder of tests/ the module is in."""
    return str(ROOT / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


# --- the Batch API path (tests/runners/test_batch.py, tests/cli/test_batch.py) ---------------


@pytest.fixture(scope="module")
def replies() -> dict[str, dict[str, Any]]:
    """The SCRIPTED reply for each article, by document id (the file name without .txt)."""
    seed = json.loads((SCRIPTED / "seed_capable_reply.json").read_text())
    found = {SEED.stem: seed["reply"]}
    for path in ARTICLES[1:]:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        found[path.stem] = scripted_reply_from_gold(gold)
    return found


@pytest.fixture
def serve() -> Iterator[Callable[..., ScriptedBatchServer]]:
    started: list[ScriptedBatchServer] = []

    def start(answer: Callable[..., Any], **options: Any) -> ScriptedBatchServer:
        started.append(ScriptedBatchServer(answer, **options).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def polls(sleeps: list[float]) -> list[float]:
    """The waits between status polls: the clock's waits, recorded instead of slept."""
    return sleeps


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Copies of the Batch API tests' articles, free to change."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in ARTICLES:
        shutil.copy(path, folder / path.name)
    return folder
