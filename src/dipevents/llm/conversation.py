"""Asking an OpenAI-compatible model for an `ExtractionReply`, re-asking on invalid replies.

A reply that is not valid JSON for the schema is sent back with its validation errors, up to
`max_reasks` times. A reply cut off by the token limit or refused ends at once with a typed
error: re-asking would only pay for the same failure again.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from dipevents.common.validation import error_lines
from dipevents.errors import InvalidReplyError, RefusalError, TruncatedReplyError
from dipevents.llm.json_schema import bounded_json_schema, strict_json_schema
from dipevents.llm.prompts import ResponseMode, reask_message
from dipevents.llm.transport import RetryPolicy, asend_chat, send_chat
from dipevents.model.draft import ExtractionReply
from dipevents.model.usage import Usage

logger = logging.getLogger("dipevents")
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_ERRORS_QUOTED = 20


@dataclass(frozen=True)
class ChatSettings:
    """Everything about the request that is not the messages."""

    model: str
    mode: ResponseMode = ResponseMode.JSON_SCHEMA
    max_reasks: int = 2
    max_tokens: int = 4096
    temperature: float = 0.0
    bounded_schema: bool = False
    """Cap list and string sizes in the schema, for servers that enforce them (llama.cpp)."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)


_BOUNDED_ITEMS = 2
_BOUNDED_LENGTH = 100


def reply_schema(*, bounded: bool = False) -> dict[str, Any]:
    """The strict JSON Schema of `ExtractionReply`, size-capped when `bounded` (a fresh copy:
    pydantic takes about 15 ms to generate it, so it is generated once)."""
    schema: dict[str, Any] = json.loads(_reply_schema_json(bounded))
    return schema


@functools.cache
def _reply_schema_json(bounded: bool) -> str:
    schema = strict_json_schema(ExtractionReply)
    if bounded:
        schema = bounded_json_schema(schema, max_items=_BOUNDED_ITEMS, max_length=_BOUNDED_LENGTH)
    return json.dumps(schema)


def request_extraction(
    client: openai.OpenAI,
    messages: list[dict[str, str]],
    settings: ChatSettings,
    usage: Usage,
    *,
    secrets: tuple[str | None, ...] = (),
) -> ExtractionReply:
    """Ask until a reply validates, counting every attempt's tokens in `usage`."""
    turns = extraction_turns(messages, settings, usage)
    step: dict[str, Any] | ExtractionReply = next(turns)
    while isinstance(step, dict):
        step = _answer(turns, send_chat(client, step, settings.retry, secrets=secrets))
    return step


async def arequest_extraction(
    client: openai.AsyncOpenAI,
    messages: list[dict[str, str]],
    settings: ChatSettings,
    usage: Usage,
    *,
    secrets: tuple[str | None, ...] = (),
) -> ExtractionReply:
    """`request_extraction` for an `AsyncOpenAI` client."""
    turns = extraction_turns(messages, settings, usage)
    step: dict[str, Any] | ExtractionReply = next(turns)
    while isinstance(step, dict):
        step = _answer(turns, await asend_chat(client, step, settings.retry, secrets=secrets))
    return step


_Turns = Generator[dict[str, Any], ChatCompletion, ExtractionReply]


def _answer(turns: _Turns, completion: ChatCompletion) -> dict[str, Any] | ExtractionReply:
    """Hand a completion to the conversation: the next request to send, or the final reply."""
    try:
        return turns.send(completion)
    except StopIteration as done:
        return cast(ExtractionReply, done.value)


def extraction_turns(
    messages: list[dict[str, str]], settings: ChatSettings, usage: Usage
) -> _Turns:
    """The re-ask conversation without any I/O: yields each request to send, receives its
    completion, and returns the first reply that validates (or raises a typed error).

    The sync and async callers differ only in how they send; the logic lives here once.
    """
    conversation = list(messages)
    raw: str | None = None
    errors: list[str] = []
    for _ in range(settings.max_reasks + 1):
        completion = yield chat_request(conversation, settings)
        _count(completion, usage)
        raw = _checked_content(completion, usage)
        try:
            return parse_reply(raw)
        except ValidationError as error:
            errors = validation_messages(error)
        raw = _encodable(raw)
        logger.info(
            "reply %d did not validate (%d error(s)), re-asking", usage.attempts, len(errors)
        )
        conversation += [{"role": "assistant", "content": raw}, reask_message(errors)]
    raise InvalidReplyError(
        f"no valid reply after {usage.attempts} attempt(s): {'; '.join(errors[:3])}",
        raw_reply=raw,
        usage=usage,
        errors=errors,
    )


def reply_from_completion(completion: ChatCompletion, usage: Usage) -> ExtractionReply:
    """The validated reply of one completion, with no chance to re-ask (the Batch API):
    a refusal, a truncation or an invalid reply raises its typed error."""
    _count(completion, usage)
    raw = _checked_content(completion, usage)
    try:
        return parse_reply(raw)
    except ValidationError as error:
        errors = validation_messages(error)
        raise InvalidReplyError(
            f"the reply did not validate: {'; '.join(errors[:3])}",
            raw_reply=_encodable(raw),
            usage=usage,
            errors=errors,
        ) from None


def parse_reply(raw: str) -> ExtractionReply:
    """The reply's JSON (inside a Markdown fence or not) validated as an `ExtractionReply`.

    Text that is not Unicode (a lone surrogate, which the JSON escape \\ud800 makes) and JSON
    nested past pydantic's depth limit fail validation like any other invalid reply.
    """
    return ExtractionReply.model_validate_json(_unfenced(raw))


def _encodable(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so that it can be encoded: sent
    back in a re-ask, kept in an error, written out."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def validation_messages(error: ValidationError) -> list[str]:
    """Pydantic's errors as short lines the model can act on (input values left out)."""
    return error_lines(error, root="reply", limit=_MAX_ERRORS_QUOTED)


def chat_request(messages: list[dict[str, str]], settings: ChatSettings) -> dict[str, Any]:
    """The body of one chat completion request (the OpenAI Batch API sends the same)."""
    if settings.mode is ResponseMode.JSON_SCHEMA:
        response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {
                "name": "extraction_reply",
                "schema": reply_schema(bounded=settings.bounded_schema),
                "strict": True,
            },
        }
    else:
        response_format = {"type": "json_object"}
    return {
        "model": settings.model,
        "messages": messages,
        "response_format": response_format,
        "temperature": settings.temperature,
        "max_tokens": settings.max_tokens,
    }


def _count(completion: ChatCompletion, usage: Usage) -> None:
    counted = completion.usage
    if counted is None:
        usage.add(0, 0, 0)
    else:
        usage.add(counted.prompt_tokens, counted.completion_tokens, counted.total_tokens)


def _checked_content(completion: ChatCompletion, usage: Usage) -> str:
    """The reply's text, or a typed error for a refusal or a truncated reply."""
    choice = completion.choices[0]
    content = choice.message.content or ""
    refusal = _encodable(getattr(choice.message, "refusal", None) or "")
    if refusal or choice.finish_reason == "content_filter":
        raise RefusalError(
            f"the model refused: {refusal or 'stopped by a content filter'}",
            raw_reply=refusal or _encodable(content),
            usage=usage,
        )
    if choice.finish_reason == "length":
        raise TruncatedReplyError(
            f"the reply was cut off at the token limit after {len(content)} characters; "
            "raise max_tokens or shorten the article",
            raw_reply=_encodable(content),
            usage=usage,
        )
    return content


def _unfenced(raw: str) -> str:
    """The JSON inside a Markdown code fence, which some servers add in json_object mode."""
    match = _FENCE.match(raw)
    return match.group(1) if match else raw
