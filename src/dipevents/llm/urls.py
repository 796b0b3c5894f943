"""URLs as they may be shown, logged or kept: without the credentials they can carry.

A key can hide in a URL's user info (`https://user:KEY@host/v1`, or `https://KEY@host/v1`) and
in its query (`?api-key=KEY`, `?token=...`, `?sig=...`). `public_url` drops the first and
redacts the second; `url_secrets` lists both, for `redact` to remove wherever they appear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from dipevents.errors import redact

_CREDENTIAL_NAME = re.compile(r"key|token|sig|secret|pass|pwd|auth|credential|session", re.I)
"""Query parameter names whose values are credentials: api-key, access_token, sig, X-Amz-..."""
_REDACTED = "[REDACTED]"


def public_url(url: str, secrets: Sequence[str | None] = ()) -> str:
    """`url` without user info or fragment, with credential-like query values redacted, and
    with no secret in what is left."""
    parts = urlsplit(url)
    query = [
        (name, _REDACTED if _CREDENTIAL_NAME.search(name) else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    public = urlunsplit((parts.scheme, _host(url), parts.path, urlencode(query, safe="[]"), ""))
    return redact(public, *secrets)


def origin(url: str) -> str:
    """`url`'s scheme, host and port alone: where a request to it goes."""
    return f"{urlsplit(url).scheme}://{_host(url)}"


def url_secrets(url: str) -> tuple[str, ...]:
    """The credentials in `url`, as written and percent-decoded: its password (or its user
    name when there is no password: then that is the key), and credential-like query values."""
    parts = urlsplit(url)
    found = [parts.password if parts.password is not None else parts.username]
    found += [
        value
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if _CREDENTIAL_NAME.search(name)
    ]
    forms = {form for value in found if value for form in _spellings(value)}
    return tuple(sorted(forms, key=len, reverse=True))


def _spellings(value: str) -> tuple[str, str, str]:
    """`value` as given, percent-decoded, and percent-encoded."""
    plain = unquote(value)
    return value, plain, quote(plain, safe="")


def _host(url: str) -> str:
    """The host and port of `url`, IPv6 addresses in brackets."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{parts.port}" if parts.port else host
