"""`ExtractionPlan`: what one article needs before its report can be built.

A plan is pure data, made by a backend and consumed by `Extractor.finish`: the checked article
and its publication date, the requests a model must answer (each with its exact body and cache
key), and the replies already known (the rules coder's, or ones read from the cache).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dipevents.model.draft import ExtractionReply
from dipevents.model.usage import Usage


@dataclass
class PlannedRequest:
    """One chat completion request for a piece of an article.

    `body` is the exact JSON sent (also what the OpenAI Batch API takes), `start` and `end`
    the piece's offsets in the article, and `cached` the reply the cache already holds.
    """

    start: int
    end: int
    body: dict[str, Any]
    cache_key: str = ""
    cached: ExtractionReply | None = None

    @property
    def messages(self) -> list[dict[str, str]]:
        """The chat messages of the request."""
        messages: list[dict[str, str]] = self.body["messages"]
        return messages


@dataclass
class ExtractionPlan:
    """The requests and known replies of one article, in article order."""

    article: str
    published: dt.date | None
    requests: list[PlannedRequest] = field(default_factory=list)
    """Every request for the article, one per piece; empty for the rules coder."""
    known: list[tuple[ExtractionReply, int]] = field(default_factory=list)
    """Replies in hand before anything is sent, each with the offset where its piece starts."""
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)
    """Warnings from making the plan (what the rules coder left out), for the report."""

    @property
    def pending(self) -> list[PlannedRequest]:
        """The requests whose reply must still be asked for."""
        return [request for request in self.requests if request.cached is None]
