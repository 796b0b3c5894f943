"""Tests of the embedded llama.cpp server in `dipevents.llm.llamacpp`.

The `live` tests load SmolLM2-135M and run it on this machine (a few seconds):
`pytest -m live tests/llm/test_llamacpp.py`. The others need neither model nor xllamacpp.
"""

from __future__ import annotations

import json
import pathlib
import socket
import sys
import urllib.parse

import pytest
from openai import OpenAI
from pydantic import BaseModel, ConfigDict, Field

from dipevents.errors import ConfigurationError, ServiceUnavailableError
from dipevents.llm.llamacpp import (
    DEFAULT_MODEL_ALIAS,
    LocalServer,
    default_gguf_path,
    shared_server,
)


class Treaty(BaseModel):
    """A tiny strict schema for the structured-output check."""

    model_config = ConfigDict(extra="forbid")

    country: str = Field(max_length=40)
    year: int


def _fake_gguf(tmp_path: pathlib.Path, name: str = "my-model.Q4_K_M.gguf") -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(b"GGUF" + bytes(60))
    return path


def _port_open(base_url: str) -> bool:
    port = urllib.parse.urlsplit(base_url).port
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _client(server: LocalServer) -> OpenAI:
    return OpenAI(base_url=server.base_url, api_key="local", max_retries=0, timeout=120)


@pytest.fixture(scope="module")
def server() -> LocalServer:
    """The shared default server, started once for the module (stopped at exit)."""
    pytest.importorskip("xllamacpp", reason='needs pip install "dipevents[local]"')
    try:
        default_gguf_path()
    except ConfigurationError as exc:
        pytest.skip(str(exc))
    return shared_server()


def test_default_gguf_path_rejects_missing_env_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPEVENTS_GGUF", str(tmp_path / "missing.gguf"))
    with pytest.raises(ConfigurationError, match="DIPEVENTS_GGUF"):
        default_gguf_path()


def test_default_gguf_path_prefers_env_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gguf = _fake_gguf(tmp_path)
    monkeypatch.setenv("DIPEVENTS_GGUF", str(gguf))
    assert default_gguf_path() == gguf.resolve()


def test_alias_is_file_stem_and_unstarted_server_has_no_url(tmp_path: pathlib.Path) -> None:
    server = LocalServer(_fake_gguf(tmp_path))
    assert server.model_alias == "my-model.Q4_K_M"
    assert LocalServer(_fake_gguf(tmp_path), alias="mine").model_alias == "mine"
    assert not server.running
    with pytest.raises(ServiceUnavailableError):
        _ = server.base_url
    server.stop()  # stopping a server that never started is a no-op


def test_start_without_xllamacpp_explains_install(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # makes `import xllamacpp` fail
    with pytest.raises(ConfigurationError, match=r"dipevents\[local\]"):
        LocalServer(_fake_gguf(tmp_path)).start()


@pytest.mark.live
def test_models_endpoint_serves_alias_not_path(server: LocalServer) -> None:
    models = _client(server).models.list()
    assert [model.id for model in models.data] == [DEFAULT_MODEL_ALIAS]
    assert str(server.gguf_path.parent) not in json.dumps(models.model_dump())


@pytest.mark.live
def test_structured_completion_is_schema_valid(server: LocalServer) -> None:
    completion = _client(server).chat.completions.create(
        model=server.model_alias,
        messages=[
            {"role": "system", "content": "Answer in JSON."},
            {"role": "user", "content": "France signed a treaty in 1998. Which country, year?"},
        ],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "treaty", "schema": Treaty.model_json_schema(), "strict": True},
        },
        max_tokens=100,
        temperature=0,
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "stop"
    Treaty.model_validate_json(choice.message.content or "")
    assert completion.model == DEFAULT_MODEL_ALIAS
    assert str(server.gguf_path.parent) not in completion.model_dump_json()


@pytest.mark.live
def test_shared_server_is_reused(server: LocalServer) -> None:
    assert shared_server() is server
    assert shared_server(server.gguf_path) is server
    assert server.running


@pytest.mark.live
def test_stop_is_idempotent_and_closes_port(server: LocalServer) -> None:
    with LocalServer(server.gguf_path, n_ctx=512) as own:
        base_url = own.base_url
        assert _port_open(base_url)
    assert not own.running
    assert not _port_open(base_url)
    own.stop()
    assert server.running  # the shared server is untouched
