"""Keeping the coder's reply within the limits of the reply shape (`dipevents.model.draft`).

The limits are set for model replies, but a long article can report more meetings, or more
outcomes of one meeting, than they allow. The coder keeps the first ones in article order (a
news report leads with what matters most) and says how many it left out.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel

T = TypeVar("T")


@cache
def list_limit(model: type[BaseModel], name: str) -> int:
    """The most items the list field `name` of `model` may hold."""
    limits = [getattr(m, "max_length", None) for m in model.model_fields[name].metadata]
    return min(limit for limit in limits if isinstance(limit, int))


def first_within(
    items: list[T], limit: int, what: str, warnings: list[str], where: str = ""
) -> list[T]:
    """The first `limit` of `items`, with a warning when the rest (`what`) is left out."""
    if len(items) > limit:
        warnings.append(
            f"{where}the rules coder found {len(items)} {what}, over the reply's limit of "
            f"{limit}: kept the first {limit} in article order, left out {len(items) - limit}"
        )
    return items[:limit]
