"""Validated model replies kept on disk, so that an article is paid for once.

The key is a SHA-256 of everything that shapes the answer: the endpoint (scheme, host, port and
path only), the model, the messages (prompt version and article text included), the response
format with its JSON Schema, the sampling settings, and the shape of `ExtractionReply`. The API
key is never part of a key or an entry. Entries are the validated reply alone, written
atomically, so a run killed mid-write leaves no broken entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dipevents.common.files import write_atomically
from dipevents.llm.prompts import PROMPT_VERSION
from dipevents.llm.urls import public_url
from dipevents.model.draft import ExtractionReply

_FORMAT = 1


@functools.cache
def _reply_shape() -> str:
    """A digest of the reply model's shape: a changed model is a cache miss."""
    schema = json.dumps(ExtractionReply.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()


def default_cache_dir() -> Path:
    """`DIPEVENTS_CACHE_DIR`, else `$XDG_CACHE_HOME/dipevents`, else `~/.cache/dipevents`."""
    if named := os.environ.get("DIPEVENTS_CACHE_DIR"):
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dipevents"


class ReplyCache:
    """A folder of cached replies, one JSON file per key."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def key(self, endpoint_url: str, request: dict[str, Any]) -> str:
        """The key of one extraction request sent to one endpoint."""
        identity = {
            "format": _FORMAT,
            "endpoint": public_url(endpoint_url).rstrip("/"),
            "prompt_version": PROMPT_VERSION,
            "reply_shape": _reply_shape(),
            "request": request,
        }
        canonical = json.dumps(identity, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def get(self, key: str) -> ExtractionReply | None:
        """The reply stored under `key`, or None."""
        try:
            return ExtractionReply.model_validate_json(self._path(key).read_bytes())
        except (OSError, ValidationError):
            return None

    def put(self, key: str, reply: ExtractionReply) -> None:
        """Store `reply` under `key`, replacing any earlier entry in one step."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, reply.model_dump_json().encode())

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
