"""Pydantic's validation errors as short lines: where, then what, never the input value."""

from __future__ import annotations

from pydantic import ValidationError


def error_lines(error: ValidationError, *, root: str = "", limit: int | None = None) -> list[str]:
    """One `where: what` line per error (at most `limit`); `root` names an error of the
    whole value, which has no location."""
    found = error.errors(include_url=False, include_input=False)
    return [
        f"{'.'.join(str(part) for part in item['loc']) or root}: {item['msg']}"
        for item in found[:limit]
    ]
