"""`Extractor` and `AsyncExtractor`: backend, endpoint and options settled once, then any
number of articles.

Every way of running goes through one seam: `plan(text, published)` checks the article, finds
its publication date and gives the requests to send (the exact body, cache key and offsets of
each piece), and `finish(plan, replies)` grounds, dates, normalises and codes the replies into
the report. `extract` and `aextract` only send what the plan holds; the Batch API, the dry run
and the cost estimate use the same two calls.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from dipevents.errors import InputError, ModelReplyError
from dipevents.extractor.backends import ReplySource, open_source
from dipevents.extractor.options import ExtractOptions, parse_options
from dipevents.model.draft import ExtractionReply
from dipevents.model.enums import Backend
from dipevents.model.plan import ExtractionPlan
from dipevents.model.records import EventReport
from dipevents.model.usage import Usage
from dipevents.resolve.ground import assemble_pieces
from dipevents.resolve.refine import refine_events
from dipevents.text.article import checked_article, publication_date
from dipevents.text.dates import parse_published

if TYPE_CHECKING:  # the openai SDK is loaded only when an endpoint is used
    from dipevents.llm.batch_api import BatchAPI
    from dipevents.llm.endpoint import ChatClient

_NO_PUBLICATION_DATE = (
    "no publication date given or found on the page (a dateline or a date line): relative "
    "dates such as 'on Thursday' stay unresolved (pass published=)"
)
Published = dt.date | dt.datetime | str | None
BackendName = Backend | Literal["auto", "rules", "openai", "local"]


class _Configured:
    """What the sync and async extractors share: the backend, the options, the seam."""

    _asynchronous = False

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        client: ChatClient | None = None,
        backend: BackendName | None = None,
        **options: object,
    ) -> None:
        self.options: ExtractOptions = parse_options(options)
        self._source: ReplySource = open_source(
            backend,
            self.options,
            model=model,
            base_url=base_url,
            api_key=api_key,
            client=client,
            asynchronous=self._asynchronous,
        )

    @property
    def backend(self) -> Backend:
        """The backend that answers: rules, openai or local."""
        return self._source.kind

    @property
    def model_name(self) -> str:
        """The model the reports name."""
        return self._source.model

    @property
    def endpoint_url(self) -> str | None:
        """Where requests go, without credentials (the model file for the embedded model);
        None for the rules coder."""
        return self._source.endpoint_url

    def plan(self, text: str | bytes, *, published: Published = None) -> ExtractionPlan:
        """The checked article, its publication date (given, or from its dateline), and what
        must be asked for it; nothing is sent."""
        article = checked_article(text, max_chars=self.options.max_chars)
        return self._source.plan(article, _published(published, article))

    def finish(
        self,
        plan: ExtractionPlan,
        replies: Sequence[ExtractionReply],
        *,
        usage: Usage | None = None,
    ) -> EventReport:
        """The report of a plan, given one reply for each of its `pending` requests, in that
        order (each kept in the cache, if there is one). `usage` is what the replies cost,
        by default the plan's own count."""
        pending = plan.pending
        if len(replies) != len(pending):
            raise InputError(f"{len(replies)} replies for {len(pending)} pending requests")
        for request, reply in zip(pending, replies, strict=True):
            self._source.remember(request, reply)
        answered = iter(replies)
        pieces = [*plan.known]
        for request in plan.requests:
            reply = request.cached if request.cached is not None else next(answered)
            pieces.append((reply, request.start))
        return self._report(plan, pieces, plan.usage if usage is None else usage)

    def cost(self, usage: Usage) -> Decimal | None:
        """The USD price of `usage` on this backend: 0 for the rules coder and the embedded
        model, None when the price is unknown (`dipevents.llm.cost.price`)."""
        return self._source.cost(usage)

    def batch_api(self) -> BatchAPI:
        """The endpoint's Batch API calls; a `ConfigurationError` where there is none."""
        return self._source.batch_api()

    def _report(
        self, plan: ExtractionPlan, pieces: list[tuple[ExtractionReply, int]], usage: Usage
    ) -> EventReport:
        """Ground, date, normalise and code the replies into the article's report."""
        pieces.sort(key=lambda pair: pair[1])
        events, warnings = assemble_pieces(
            pieces,
            plan.article,
            plan.published,
            require_grounding=self.options.require_grounding,
        )
        warnings.extend(plan.notes)
        if plan.published is None:
            warnings.insert(0, _NO_PUBLICATION_DATE)
        if len(pieces) > 1:
            warnings.append(f"long article: read in {len(pieces)} overlapping pieces")
        return EventReport(
            events=refine_events(events, warnings),
            published=plan.published,
            backend=self.backend.value,
            model=self.model_name,
            prompt_version=self._source.prompt_version,
            usage=usage,
            warnings=warnings,
        ).attach_source_text(plan.article)


class Extractor(_Configured):
    """A configured extraction over a sync client. `extract_events` makes one per call; keep
    one to share its settings and HTTP connections across articles. `options` are the fields
    of `ExtractOptions`. Close it (or use `with`) to close a client it built."""

    def extract(self, text: str | bytes, *, published: Published = None) -> EventReport:
        """The report of one article; a long one is asked about piece by piece."""
        plan = self.plan(text, published=published)
        replies = [self._source.send(request, plan.usage) for request in plan.pending]
        return self.finish(plan, replies)

    def close(self) -> None:
        """Close the client if this extractor built it for itself (a passed one stays open)."""
        self._source.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncExtractor(_Configured):
    """`Extractor` over an `AsyncOpenAI` client; `aextract_events` and `extract_many` use
    one. Close it with `await aclose()` or `async with`."""

    _asynchronous = True

    async def aextract(self, text: str | bytes, *, published: Published = None) -> EventReport:
        """The report of one article; the pieces of a long one are asked for together."""
        plan = self.plan(text, published=published)
        pending = plan.pending
        usages = [Usage() for _ in pending]
        outcomes = await asyncio.gather(
            *(self._source.asend(r, u) for r, u in zip(pending, usages, strict=True)),
            return_exceptions=True,
        )
        for spent in usages:
            plan.usage.include(spent)
        replies: list[ExtractionReply] = []
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                if isinstance(outcome, ModelReplyError):
                    outcome.usage = plan.usage  # every piece's tokens, as the sync path counts
                raise outcome
            replies.append(outcome)
        return self.finish(plan, replies)

    async def aclose(self) -> None:
        """Close the client if this extractor built it for itself (a passed one stays open)."""
        await self._source.aclose()

    async def __aenter__(self) -> AsyncExtractor:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


def _published(value: Published, article: str) -> dt.date | None:
    try:
        given = parse_published(value)
    except (ValueError, TypeError) as error:
        raise InputError(str(error)) from None
    return given if given is not None else publication_date(article)
