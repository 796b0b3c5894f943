"""What a run did, and what it would do: the end-of-run summary and the dry run."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dipevents.cli.common import chosen_backend, complain
from dipevents.errors import DipeventsError
from dipevents.extractor.engine import Extractor
from dipevents.llm.cost import estimate_request_tokens, format_cost, token_counter_name
from dipevents.model.enums import Backend
from dipevents.model.usage import Usage
from dipevents.runners.many import Document, DocumentResult


@dataclass
class RunSummary:
    """Counts of a run, printed on stderr when it ends."""

    skipped: int = 0
    failed_before: int = 0
    """Of the skipped documents, those recorded as failed (left alone without --retry-failed)."""
    documents: int = 0
    failed: int = 0
    events: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: Decimal | None = Decimal(0)
    """The sum of every document's own price; None once any is unknown."""
    models: set[str] = field(default_factory=set)
    backends: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.usage.include(result.usage)
        if self.cost is not None:
            self.cost = None if result.cost is None else self.cost + result.cost
        if result.model:
            self.models.add(result.model)
        if result.report is None:
            self.failed += 1
            return
        self.events += len(result.report)
        self.backends.add(f"{result.report.backend} ({result.report.model})")

    def finish(self) -> int:
        """Print the summary; the exit code is 1 when any document failed, now or before."""
        seconds = time.perf_counter() - self.started
        done_before = f" ({self.skipped} done before, skipped)" if self.skipped else ""
        if self.failed_before:
            done_before = (
                f" ({self.skipped} done before, skipped, of which {self.failed_before} failed: "
                "run again with --retry-failed)"
            )
        source = f" from backend {', '.join(sorted(self.backends))}" if self.backends else ""
        complain(
            f"{self.documents} document(s){done_before}, {self.events} event(s){source}, "
            f"{self.failed} failed; "
            f"{self._tokens()}; cost {self._cost()}; {seconds:.1f} s"
        )
        return 1 if self.failed or self.failed_before else 0

    def _tokens(self) -> str:
        usage = self.usage
        cached = f", {usage.cached} repl(ies) from the cache" if usage.cached else ""
        return (
            f"{usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion tokens "
            f"in {usage.attempts} request(s){cached}"
        )

    def _cost(self) -> str:
        if self.usage.attempts == 0:
            return "$0 (no requests)"
        models = f" ({', '.join(sorted(self.models))})" if self.models else ""
        return f"{format_cost(self.cost)}{models}"


_DRY_RUN_KEY = "dry-run-sends-nothing"
"""A dry run needs no key: nothing is sent, so a placeholder lets the requests be built."""


def dry_run(documents: Iterable[Document], settings: dict[str, Any]) -> int:
    """Print what extracting `documents` would send and cost, sending nothing; a model named
    with no endpoint configured is estimated on OpenAI, with no key needed."""
    if _endpoint_meant_without_key(settings):
        settings = {**settings, "api_key": _DRY_RUN_KEY}
    backend = chosen_backend(settings)
    if backend is Backend.RULES:
        print("dry run: the rules backend sends no requests and costs nothing")
        return 0
    if backend is Backend.LOCAL:
        print("dry run: the local backend runs the model on this machine; no API cost")
        return 0
    extractor = Extractor(**settings)
    totals = _Totals()
    for document in documents:
        try:
            plan = extractor.plan(document.read(), published=document.published)
        except (DipeventsError, OSError) as error:
            complain(f"{document.id}: {type(error).__name__}: {error}")
            totals.unreadable += 1
            continue
        totals.documents += 1
        totals.cached += len(plan.requests) - len(plan.pending)
        for request in plan.pending:
            body = request.body
            prompt = estimate_request_tokens(body["messages"], body["response_format"])
            totals.add(extractor, prompt, body["max_tokens"])
    print(totals.describe(extractor.model_name, extractor.options.max_tokens))
    return 1 if totals.unreadable else 0


def _endpoint_meant_without_key(settings: dict[str, Any]) -> bool:
    """Whether an OpenAI-compatible endpoint is meant (backend openai, or a model named with
    no GGUF) while no key is set."""
    if settings.get("api_key") or os.environ.get("OPENAI_API_KEY"):
        return False
    backend = settings.get("backend") or "auto"
    named = settings.get("model") or os.environ.get("DIPEVENTS_MODEL")
    return backend == "openai" or (backend == "auto" and bool(named) and not settings.get("gguf"))


@dataclass
class _Totals:
    """A dry run's counts; each request priced on its own (long-context tiers)."""

    documents: int = 0
    unreadable: int = 0
    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    most_completion_tokens: int = 0
    input_cost: Decimal | None = Decimal(0)
    most_cost: Decimal | None = Decimal(0)

    def add(self, extractor: Extractor, prompt_tokens: int, completion_tokens: int) -> None:
        self.requests += 1
        self.prompt_tokens += prompt_tokens
        self.most_completion_tokens += completion_tokens
        self.input_cost = _plus(self.input_cost, extractor.cost(Usage(prompt_tokens=prompt_tokens)))
        most = extractor.cost(
            Usage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        )
        self.most_cost = _plus(self.most_cost, most)

    def describe(self, model: str, max_tokens: int) -> str:
        unreadable = f", {self.unreadable} unreadable" if self.unreadable else ""
        return "\n".join(
            [
                f"dry run on {model}: {self.documents} document(s){unreadable}, "
                f"{self.requests} request(s) to send, {self.cached} answered from the cache",
                f"prompt tokens: {self.prompt_tokens:,} ({token_counter_name()}), "
                f"cost {format_cost(self.input_cost)}",
                f"replies: at most {self.most_completion_tokens:,} tokens "
                f"(max_tokens {max_tokens:,} per request)",
                f"cost: at least {format_cost(self.input_cost)}, at most "
                f"{format_cost(self.most_cost)} if every reply is valid the first time (each "
                "re-ask adds a request)" + _unpriced(self.input_cost),
            ]
        )


def _plus(total: Decimal | None, cost: Decimal | None) -> Decimal | None:
    """A running sum that stays unknown once one part is."""
    return None if total is None or cost is None else total + cost


def _unpriced(cost: Decimal | None) -> str:
    return " (no price known for this model on this endpoint)" if cost is None else ""
