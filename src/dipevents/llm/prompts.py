"""Prompt templates: loading them from `prompts/` and rendering the messages of one request."""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

PROMPT_VERSION = "extract-v1"

_CLOSING_TAG = re.compile(r"</\s*article\s*>", re.IGNORECASE)


class ResponseMode(str, Enum):
    """How the reply's structure is requested from the server."""

    JSON_SCHEMA = "json_schema"
    """`response_format` json_schema, strict: OpenAI, Azure, vLLM, llama.cpp, Ollama."""
    JSON_OBJECT = "json_object"
    """`response_format` json_object with the schema in the prompt, for servers without it."""


def _prompt_dir() -> Path:
    """The templates shipped in the wheel, or the checkout's `prompts/` in an editable install."""
    shipped = Path(str(resources.files("dipevents"))) / "prompt_templates"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "prompts"


@cache
def load_template(name: str) -> Template:
    """The template `prompts/<PROMPT_VERSION>.<name>.txt`."""
    path = _prompt_dir() / f"{PROMPT_VERSION}.{name}.txt"
    return Template(path.read_text(encoding="utf-8"))


def extraction_messages(
    article: str, published: dt.date | None, mode: ResponseMode, schema: dict[str, Any]
) -> list[dict[str, str]]:
    """The system and user messages asking for the events of `article`.

    The article goes in the user message between <article> tags; a closing tag inside the
    article is defused so that the text cannot step out of its delimiters.
    """
    format_instructions = ""
    if mode is ResponseMode.JSON_OBJECT:
        compact = json.dumps(schema, separators=(",", ":"))
        format_instructions = load_template("json-object").substitute(schema=compact)
    system = load_template("system").substitute(
        published=published.isoformat() if published else "an unknown date",
        format_instructions=format_instructions,
    )
    user = load_template("user").substitute(article=_CLOSING_TAG.sub("</article_>", article))
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user}]


def reask_message(errors: list[str]) -> dict[str, str]:
    """The user message that quotes a failed reply's validation errors."""
    listed = "\n".join(f"- {error}" for error in errors)
    return {"role": "user", "content": load_template("reask").substitute(errors=listed).strip()}
