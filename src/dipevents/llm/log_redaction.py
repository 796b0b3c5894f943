"""Log records of the HTTP stack scrubbed of the endpoints' secrets.

httpx2 logs each request's full URL (user info and query included), and a server's text can
reach dipevents' own log lines. A filter on each logger that dipevents' requests go through
replaces every secret of every endpoint built so far with [REDACTED]. A logger's filters see
only the records made on that very logger, so each one is named.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from dipevents.errors import redact

_LOGGERS = (
    "dipevents",
    "openai._base_client",
    "httpx2",
    "httpx",
    "httpcore2.connection",
    "httpcore2.http11",
    "httpcore2.proxy",
)


class _SecretFilter(logging.Filter):
    """Rewrites a record whose text holds a secret; never drops one."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: tuple[str, ...] = ()
        """Replaced whole, never changed in place: other threads may be logging."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record: the handler reports it, as it would unfiltered
            return True
        scrubbed = redact(message, *self.secrets)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


_FILTER = _SecretFilter()


def redact_logs(secrets: Iterable[str | None]) -> None:
    """From now on, keep `secrets` out of every record of the loggers requests go through."""
    known = set(_FILTER.secrets) | {secret for secret in secrets if secret}
    _FILTER.secrets = tuple(sorted(known, key=len, reverse=True))
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
