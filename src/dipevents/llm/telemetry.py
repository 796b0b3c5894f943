"""An OpenTelemetry span per chat request, when `opentelemetry-api` is installed.

Requests go through the openai client's low-level `post` (`dipevents.llm.transport`), which the
OpenTelemetry OpenAI instrumentation does not see, so dipevents opens the span itself, with the
GenAI semantic conventions' name (`chat {model}`) and attributes: the model asked and answering,
tokens, finish reason, HTTP status, attempts and, for a failure, the error's type. Never the
messages, the reply, an error's message or anything of the endpoint's credentials. Without
opentelemetry, or with its API but no SDK, a span costs next to nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from openai.types.chat import ChatCompletion

_ATTEMPTS = "dipevents.attempts"
_STATUS = "http.response.status_code"


class ChatSpan:
    """What one request's span is told: its outcome (a no-op when the span records nothing)."""

    def __init__(self, span: Any = None) -> None:
        self._span = span if span is not None and span.is_recording() else None

    def succeeded(self, completion: ChatCompletion, status: int, attempts: int) -> None:
        """Record a completion received with HTTP `status` after `attempts` attempts."""
        if self._span is None:
            return
        attributes: dict[str, Any] = {_STATUS: status, _ATTEMPTS: attempts}
        if isinstance(completion.model, str):
            attributes["gen_ai.response.model"] = completion.model
        if completion.usage is not None:
            attributes["gen_ai.usage.input_tokens"] = completion.usage.prompt_tokens
            attributes["gen_ai.usage.output_tokens"] = completion.usage.completion_tokens
        reasons = [choice.finish_reason for choice in completion.choices]
        if all(isinstance(reason, str) for reason in reasons):
            attributes["gen_ai.response.finish_reasons"] = reasons
        self._span.set_attributes(attributes)

    def failed(self, error: BaseException) -> None:
        """Record a failure by its type, status and attempts (its message may quote the body)."""
        if self._span is None:
            return
        from opentelemetry.trace import StatusCode

        kind = type(error).__name__
        attributes: dict[str, Any] = {"error.type": kind}
        if isinstance(status := getattr(error, "status_code", None), int):
            attributes[_STATUS] = status
        if isinstance(attempts := getattr(error, "attempts", None), int):
            attributes[_ATTEMPTS] = attempts
        self._span.set_attributes(attributes)
        self._span.set_status(StatusCode.ERROR, kind)


@contextmanager
def chat_span(request: dict[str, Any]) -> Iterator[ChatSpan]:
    """The span of one chat request (with its retries), current while it runs; an exception
    from the block is recorded by its type and raised on."""
    tracer = _tracer()
    if tracer is None:
        yield ChatSpan()
        return
    model = str(request.get("model", ""))
    attributes: dict[str, str | int] = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": model,
    }
    if isinstance(max_tokens := request.get("max_tokens"), int):
        attributes["gen_ai.request.max_tokens"] = max_tokens
    from opentelemetry.trace import SpanKind

    with tracer.start_as_current_span(
        f"chat {model}",
        kind=SpanKind.CLIENT,
        attributes=attributes,
        record_exception=False,
        set_status_on_exception=False,
    ) as span:
        recorder = ChatSpan(span)
        try:
            yield recorder
        except BaseException as error:
            recorder.failed(error)
            raise


@functools.cache
def _tracer() -> Any:
    """dipevents' tracer, or None when opentelemetry-api is not installed (looked up once; a
    tracer provider set later is still used: the API's tracer defers to it)."""
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    return trace.get_tracer("dipevents")
