"""JSON Schemas in the strict subset that OpenAI-style structured outputs accept."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

_DROPPED_KEYWORDS = frozenset({"title", "default"})
_NAME_MAPS = frozenset({"properties", "$defs"})


def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema made strict.

    Every object lists all its properties as required and forbids others; titles and defaults
    go; a `$ref` that carries sibling keywords (pydantic puts descriptions there) is inlined,
    since strict mode rejects such siblings.
    """
    schema = model.model_json_schema()
    return _strict_object(schema, schema.get("$defs", {}))


def _strict_node(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_strict_node(item, definitions) for item in node]
    if isinstance(node, dict):
        return _strict_object(node, definitions)
    return node


def _strict_object(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node and len(node) > 1:
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        node = {**copy.deepcopy(target), **{k: v for k, v in node.items() if k != "$ref"}}
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _NAME_MAPS:
            result[key] = {name: _strict_node(sub, definitions) for name, sub in value.items()}
        elif key not in _DROPPED_KEYWORDS:
            result[key] = _strict_node(value, definitions)
    if result.get("type") == "object" and "properties" in result:
        result["required"] = list(result["properties"])
        result["additionalProperties"] = False
    return result


def bounded_json_schema(
    schema: dict[str, Any], *, max_items: int, max_length: int
) -> dict[str, Any]:
    """`schema` with every list capped at `max_items` and every free string at `max_length`.

    For servers that enforce these bounds while decoding (llama.cpp): a small model otherwise
    repeats list items or one sentence until it runs out of tokens. Not for OpenAI's strict
    mode, which rejects length keywords.
    """
    bounded = {key: _bounded(value, max_items, max_length) for key, value in schema.items()}
    if bounded.get("type") == "array":
        bounded["maxItems"] = min(bounded.get("maxItems", max_items), max_items)
    if bounded.get("type") == "string" and not {"enum", "pattern"} & bounded.keys():
        bounded["maxLength"] = max_length
    return bounded


def _bounded(node: Any, max_items: int, max_length: int) -> Any:
    if isinstance(node, list):
        return [_bounded(item, max_items, max_length) for item in node]
    if isinstance(node, dict):
        return bounded_json_schema(node, max_items=max_items, max_length=max_length)
    return node
