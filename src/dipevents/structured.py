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
    return _strict_node(schema, schema.get("$defs", {}))


def _strict_node(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_strict_node(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
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
