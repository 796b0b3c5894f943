"""Running `dipevents extract` in this process against the scripted server, on a corpus.

The model is the scripted server (`article_echo`: a scripted reply quoting each article).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from dipevents.cli import main
from tests.support import SENTINEL_KEY
from tests.support.scripted_server import ScriptedServer


def write_corpus(folder: Path, count: int = 40) -> Path:
    """`count` short articles, one a file, in a new `folder`."""
    folder.mkdir()
    for n in range(count):
        (folder / f"doc{n:03}.txt").write_text(
            f"GENEVA, March 3 (Wire) - Delegation number {n} met its hosts in Geneva on Monday. "
            "Both sides said the talks were useful.\n",
            encoding="utf-8",
        )
    return folder


def scripted_env(server: ScriptedServer, cache: Path) -> dict[str, str]:
    """The environment that points the CLI at the scripted server with the sentinel key."""
    return {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": SENTINEL_KEY,
        "DIPEVENTS_MODEL": "scripted",
        "DIPEVENTS_CACHE_DIR": str(cache),
    }


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_main(args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Ran:
    """`dipevents extract ...` in this process (no interpreter start-up), with `env` set."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["extract", *args])
    return Ran(code, out.getvalue(), err.getvalue())
