"""The OpenAI Batch API's files and batches calls, and reading one result into a reply.

Every call is retried like a chat request (`dipevents.llm.transport`), except batch creation,
retried only on 429: a retry after a lost answer could start the same batch twice, and bill it
twice. What the server says is scrubbed of the key before it reaches an error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, TypeVar

import openai
from openai.types import Batch
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from dipevents.errors import BatchError, TransportError, UnexpectedResponseError, redact
from dipevents.llm import transport
from dipevents.llm.conversation import reply_from_completion
from dipevents.model.draft import ExtractionReply
from dipevents.model.usage import Usage

_T = TypeVar("_T")


@dataclass(frozen=True)
class BatchStatus:
    """A batch as the server reports it."""

    id: str
    status: str
    completed: int | None = None
    total: int | None = None
    failed: int | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: tuple[str, ...] = ()
    """Why the batch failed, a line each (already scrubbed of secrets)."""


class BatchAPI:
    """The files and batches endpoints of one OpenAI-compatible server."""

    def __init__(
        self,
        client: openai.OpenAI,
        retry: transport.RetryPolicy,
        secrets: tuple[str | None, ...],
    ) -> None:
        self._client = client
        self._retry = retry
        self._secrets = secrets

    def upload(self, name: str, data: bytes, action: str) -> str:
        """Upload a JSONL input file; its file id."""
        call = partial(
            self._client.files.create, file=(name, data, "application/jsonl"), purpose="batch"
        )
        return _id_of(self._call(action, call))

    def create(
        self,
        input_file_id: str,
        endpoint: Literal["/v1/chat/completions"],
        metadata: dict[str, str],
        action: str,
    ) -> str:
        """Start a batch of requests to `endpoint` over an uploaded file; its batch id."""
        call = partial(
            self._client.batches.create,
            input_file_id=input_file_id,
            endpoint=endpoint,
            completion_window="24h",
            metadata=metadata,
        )
        return _id_of(self._call(action, call, retryable=_rate_limited))

    def retrieve(self, batch_id: str) -> BatchStatus:
        """The batch's status now."""
        call = partial(self._client.batches.retrieve, batch_id)
        return self._status(self._call(f"reading batch {batch_id}", call))

    def download(self, file_id: str) -> str:
        """The text of an output or error file, scrubbed of secrets."""
        call = partial(self._client.files.content, file_id)
        content = self._call(f"downloading {file_id}", call)
        return self.scrubbed(content.content.decode("utf-8", "replace"))

    def scrubbed(self, text: str) -> str:
        """`text` without the endpoint's secrets."""
        return redact(text, *self._secrets)

    def _status(self, batch: Batch) -> BatchStatus:
        counts = batch.request_counts
        listed = (batch.errors.data if batch.errors else None) or []
        errors = tuple(
            self.scrubbed(f"line {e.line}: {e.message}" if e.line else str(e.message))
            for e in listed
        )
        return BatchStatus(
            id=batch.id,
            status=batch.status,
            completed=counts.completed if counts else None,
            total=counts.total if counts else None,
            failed=counts.failed if counts else None,
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
            errors=errors,
        )

    def _call(
        self,
        action: str,
        call: Callable[[], _T],
        *,
        retryable: Callable[[BaseException], bool] = transport.is_retryable,
    ) -> _T:
        """`call()` retried as chat requests are; a failure is the `TransportError` that a
        chat request would raise, naming the action."""
        try:
            result, _ = transport.call_with_retries(
                call, self._retry, secrets=self._secrets, retryable=retryable
            )
        except TransportError as failed:
            hint = " (does this endpoint offer the Batch API?)" if failed.status_code == 404 else ""
            raise type(failed)(
                f"{action}: {failed}{hint}",
                status_code=failed.status_code,
                attempts=failed.attempts,
            ) from None
        return result


def reply_from_result(body: Any, custom_id: str, limit: int, usage: Usage) -> ExtractionReply:
    """The validated reply in one successful result's body, with no re-asking: a body that
    is too large or not a chat completion, a refusal, a cut-off or an invalid reply raises its
    typed error. `usage` counts the result's tokens."""
    size = len(json.dumps(body, ensure_ascii=False).encode())
    if size > limit:
        raise UnexpectedResponseError(
            f"request {custom_id}: a {size:,}-byte result, over the {limit:,}-byte limit",
            status_code=200,
        )
    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError:
        completion = None
    if completion is None or not completion.choices:
        raise UnexpectedResponseError(
            f"request {custom_id}: the result is not a chat completion", status_code=200
        )
    return reply_from_completion(completion, usage)


def _rate_limited(error: BaseException) -> bool:
    return isinstance(error, openai.RateLimitError) and transport.is_retryable(error)


def _id_of(answer: object) -> str:
    found = getattr(answer, "id", None)
    if not isinstance(found, str) or not found:
        raise BatchError("the endpoint's answer has no id: is it an OpenAI-compatible Batch API?")
    return found
