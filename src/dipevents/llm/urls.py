"""URLs as they may be shown, logged or kept: without the credentials they can carry."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from dipevents.errors import redact


def public_url(url: str, secrets: Sequence[str | None] = ()) -> str:
    """`url` without user info, query or fragment, where a key could hide, and with no
    secret in what is left."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    if parts.port:
        host += f":{parts.port}"
    return redact(urlunsplit((parts.scheme, host, parts.path, "", "")), *secrets)
