"""Shared fixtures: the seed article, the scripted server, recorded sleeps, cassette folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dipevents.llm import transport
from tests.scripted_server import ScriptedServer

pytest_plugins = ["dipevents.testing"]

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2ef40a972b9403a2.txt"
SENTINEL_KEY = "sk-sentinel-0123456789abcdefSECRET"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    return json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def capable_seed_reply() -> dict[str, Any]:
    """The scripted reply of a capable model for the seed (see the file's `scripted` note)."""
    path = Path(__file__).parent / "scripted" / "seed_capable_reply.json"
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
    monkeypatch.setattr(transport, "_sleep", waited.append)
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
    """Cassettes live in the top-level cassettes/ folder, one subfolder per test module."""
    return str(ROOT / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])
