"""The strict reply schema: the subset OpenAI-style structured outputs accept."""

from __future__ import annotations

from typing import Any

from dipevents.llm.conversation import reply_schema


def _objects(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _objects(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("type") == "object" else []
    return own + [found for value in node.values() for found in _objects(value)]


def _keys(node: Any) -> set[str]:
    if isinstance(node, list):
        return {key for item in node for key in _keys(item)}
    if not isinstance(node, dict):
        return set()
    nested = {
        key
        for name, value in node.items()
        if name not in ("properties", "$defs")
        for key in _keys(value)
    }
    maps = [value for name, value in node.items() if name in ("properties", "$defs")]
    return set(node) | nested | {key for m in maps for value in m.values() for key in _keys(value)}


def test_reply_schema_is_in_the_strict_subset() -> None:
    schema = reply_schema()
    objects = _objects(schema)
    assert len(objects) >= 6
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])
    assert not _keys(schema) & {"default", "title", "allOf", "not", "if", "minLength"}
    participant = schema["$defs"]["ReplyParticipant"]["properties"]
    assert "title" in participant, "a field named title must survive the keyword clean-up"


def test_refs_with_siblings_are_inlined() -> None:
    status = reply_schema()["$defs"]["ReplyEvent"]["properties"]["status"]
    assert "$ref" not in status and status["enum"][0] == "occurred" and "description" in status
