"""Every error dipevents raises, under one base class.

Messages never carry an API key: `redact` scrubs any text that came from a server
before it reaches an error, a log line or a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dipevents.model.usage import Usage


class DipeventsError(Exception):
    """Base class of every error raised by dipevents."""


class ConfigurationError(DipeventsError, ValueError):
    """The endpoint, model or options are missing or inconsistent."""


class InputError(DipeventsError, ValueError):
    """The article cannot be processed: empty, binary, badly encoded or too large; or a
    value given with it (a publication date, replies for a plan) is unusable."""


class ModelReplyError(DipeventsError):
    """The model answered, but not with a usable record.

    `raw_reply` is the last reply's text and `usage` counts every attempt, so nothing
    that was paid for is lost.
    """

    def __init__(self, message: str, *, raw_reply: str | None, usage: Usage) -> None:
        super().__init__(message)
        self.raw_reply = raw_reply
        self.usage = usage


class InvalidReplyError(ModelReplyError):
    """Every attempt returned JSON that did not validate, re-asks included."""

    def __init__(
        self, message: str, *, raw_reply: str | None, usage: Usage, errors: list[str]
    ) -> None:
        super().__init__(message, raw_reply=raw_reply, usage=usage)
        self.errors = errors


class TruncatedReplyError(ModelReplyError):
    """The reply was cut off by the token limit (finish_reason "length")."""


class RefusalError(ModelReplyError):
    """The model refused, or a content filter stopped the reply."""


class TransportError(DipeventsError):
    """The endpoint could not be reached, answered with an HTTP error, or not with a completion.

    `status_code` is None when no HTTP answer arrived; `attempts` counts the requests made.
    """

    def __init__(self, message: str, *, status_code: int | None = None, attempts: int = 1) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.attempts = attempts


class RateLimitedError(TransportError):
    """429 on every attempt, or a quota that retrying cannot fix."""


class ServiceUnavailableError(TransportError):
    """Connection refused or reset, a timeout (or a reply not complete within it), or a 5xx
    on every attempt."""


class RequestRejectedError(TransportError):
    """400, 401, 403, 404 or 422, or a redirect (never followed): retrying the same request
    cannot help."""


class UnexpectedResponseError(TransportError):
    """A success status, but the body is not a chat completion; not retried.

    An HTML page, a body that is not UTF-8 or not JSON, JSON of another shape, or a body
    larger than `max_tokens` can produce (`dipevents.llm.completion.response_limit`). Usually a
    wrong base URL, or a proxy, captive portal or gateway answering in the model's place:
    nothing the model said, so nothing to re-ask about.
    """


class BatchError(DipeventsError):
    """A Batch API run cannot go on: an unusable state file or input, a batch still running,
    or an answer of the files or batches endpoint that is not what the Batch API gives."""


class BatchRequestError(BatchError):
    """One request of a batch has no usable result: the server failed it, or it never ran."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class ArticleChangedError(BatchError):
    """The article's file cannot be read again, or is not what was submitted."""


def redact(text: str, *secrets: str | None) -> str:
    """Replace every occurrence of each non-trivial secret in `text`."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[REDACTED]")
    return text
