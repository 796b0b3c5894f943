"""The OpenAI Batch API for large corpora: plan the requests, submit, watch, collect.

`prepare_batch` turns articles into Batch API input lines holding the request bodies of
`Extractor.plan`, the ones `Extractor.extract` would send, one per piece of a long article, with the
custom_id `<document id>#<piece>`. Documents are packed into as few batches as the API's
limits allow (`BatchLimits`), a document never spread over two. `submit` uploads each input
file and creates its batch; `status` and `wait` read their progress; `collect` downloads the
results and builds each document's report with `Extractor.finish`, after the checks of a
direct call but with no re-asking (`dipevents.llm.batch_api.reply_from_result`): an invalid,
refused or cut-off reply is that document's error.

The state (`BatchState`, a JSON file) records what was sent: the endpoint without credentials,
the model and options, and for each document its path and the sha256 of its bytes, so that
`collect` re-reads the article and refuses one that changed. It never holds the API key.
The files and batches calls themselves are `dipevents.llm.batch_api`'s.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dipevents.common import clock
from dipevents.common.files import write_atomically
from dipevents.common.validation import error_lines
from dipevents.errors import (
    ArticleChangedError,
    BatchError,
    BatchRequestError,
    DipeventsError,
    InputError,
)
from dipevents.extractor.engine import Extractor
from dipevents.model.draft import ExtractionReply
from dipevents.model.records import EventReport
from dipevents.model.usage import Usage
from dipevents.text.dates import parse_published

if TYPE_CHECKING:  # the openai SDK is loaded only when a batch call is made
    from dipevents.llm.batch_api import BatchStatus
    from dipevents.llm.endpoint import ChatClient

BATCH_URL: Literal["/v1/chat/completions"] = "/v1/chat/completions"
"""Where every request of a batch goes."""
TERMINAL_STATUSES = frozenset({"completed", "failed", "expired", "cancelled"})
OPENAI_BATCH_DISCOUNT = Decimal("0.5")
"""The Batch API costs half the list price on api.openai.com."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BatchLimits(_Model):
    """The most one batch may take: OpenAI's limits by default, lower for a smaller quota."""

    max_requests: int = Field(50_000, gt=0, le=50_000)
    max_bytes: int = Field(200_000_000, gt=0, le=200_000_000)
    """Bytes of the input file (the API's 200 MB)."""


class DocumentEntry(_Model):
    """One article of the run."""

    id: str
    path: str
    sha256: str
    """Of the file's bytes at submit time."""
    published: str | None
    """The publication date given at submit time; None when its dateline decides."""
    pieces: int
    """Requests sent for it: `<id>#0` to `<id>#<pieces - 1>`."""
    batch: int | None
    """Index of its batch in `BatchState.batches`; None when nothing was sent."""
    error: dict[str, str] | None = None
    """Why nothing was sent (`type`, `message`): the article could not be used."""


class BatchEntry(_Model):
    """One batch: its input file, and its id once created."""

    id: str | None = None
    input_file_id: str | None = None
    input_path: str | None = None
    requests: int = 0
    bytes: int = 0
    documents: int = 0


class BatchState(_Model):
    """What a run sent, for `status` and `collect`; saved as JSON, never with a key."""

    format: Literal["dipevents-batch/1"] = "dipevents-batch/1"
    created_at: str
    base_url: str
    model: str
    options: dict[str, Any]
    """The `ExtractOptions` the requests were built with; collect rebuilds the same."""
    limits: BatchLimits
    note: str | None = None
    batches: list[BatchEntry] = Field(default_factory=list)
    documents: list[DocumentEntry] = Field(default_factory=list)

    def save(self, path: str | Path) -> None:
        """Write the state to `path`, replacing it in one step."""
        write_atomically(Path(path), (self.model_dump_json(indent=2) + "\n").encode())

    @classmethod
    def load(cls, path: str | Path) -> BatchState:
        """The state saved at `path`, or a BatchError saying why it cannot be used."""
        try:
            return cls.model_validate_json(Path(path).read_bytes())
        except OSError as error:
            raise BatchError(f"{path}: cannot read the state file: {error.strerror}") from None
        except ValidationError as error:
            (first,) = error_lines(error, root="the file", limit=1)
            raise BatchError(f"{path}: not a dipevents batch state file ({first})") from None


@dataclass(frozen=True)
class BatchDocument:
    """An article to send: an id unique in the run, its path and its bytes."""

    id: str
    path: str
    data: bytes


@dataclass
class BatchResult:
    """One document's report, or the error that stands in its place; `id` is the document's
    path as it was given, as `extract` names its documents."""

    id: str
    report: EventReport | None = None
    error: DipeventsError | None = None
    usage: Usage = field(default_factory=Usage)
    """Tokens of its results, failed ones included."""

    def to_json(self) -> dict[str, Any]:
        """`{"id", "report"}` or `{"id", "error"}`, as `DocumentResult.to_json` gives them."""
        if self.report is not None:
            return {"id": self.id, "report": self.report.model_dump(mode="json")}
        return {
            "id": self.id,
            "error": {"type": type(self.error).__name__, "message": str(self.error)},
        }


@dataclass
class Collected:
    """The results of a run, a line per batch that did not complete, and the tokens used."""

    results: list[BatchResult]
    problems: list[str]
    usage: Usage

    @property
    def events(self) -> int:
        return sum(len(result.report) for result in self.results if result.report)

    @property
    def failures(self) -> int:
        return sum(result.error is not None for result in self.results)


def read_documents(paths: Iterable[str]) -> list[BatchDocument]:
    """The named files, each with an id unique in the run (its path as given, as `extract`
    names documents) and its absolute path."""
    documents: list[BatchDocument] = []
    taken: set[str] = set()
    for path in paths:
        if path == "-":
            raise BatchError("the Batch API needs files, not stdin: collect reads them again")
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise BatchError(f"{path}: cannot read: {error.strerror}") from None
        resolved = str(Path(path).resolve())  # collect may run from another folder
        documents.append(BatchDocument(_unique(path, taken), resolved, data))
    return documents


def prepare_batch(
    documents: Sequence[BatchDocument],
    extractor: Extractor,
    *,
    published: dt.date | str | None = None,
    limits: BatchLimits | None = None,
) -> tuple[list[list[str]], BatchState]:
    """The input lines of each batch, and the state describing them (no ids until `submit`).

    An article that cannot be used (empty, binary) gets no request: its entry keeps the error.
    """
    extractor.batch_api()  # only an endpoint with the Batch API will do
    limits = limits or BatchLimits()
    given = _given_date(published)
    state = BatchState(
        created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        base_url=extractor.endpoint_url or "",
        model=extractor.model_name,
        options=extractor.options.model_dump(mode="json", exclude={"gguf", "cache_dir"}),
        limits=limits,
    )
    parts: list[list[str]] = []
    for document in documents:
        entry = DocumentEntry(
            id=document.id,
            path=document.path,
            sha256=hashlib.sha256(document.data).hexdigest(),
            published=given,
            pieces=0,
            batch=None,
        )
        state.documents.append(entry)
        try:
            plan = extractor.plan(document.data, published=given)
        except InputError as error:
            entry.error = {"type": type(error).__name__, "message": str(error)}
            continue
        lines = [
            _input_line(f"{document.id}#{number}", request.body)
            for number, request in enumerate(plan.requests)
        ]
        size = sum(len(line.encode()) + 1 for line in lines)
        if len(lines) > limits.max_requests or size > limits.max_bytes:
            raise BatchError(
                f"{document.path}: {len(lines)} request(s) of {size:,} bytes exceed one batch"
            )
        current = state.batches[-1] if state.batches else None
        if current is None or (
            current.requests + len(lines) > limits.max_requests
            or current.bytes + size > limits.max_bytes
        ):
            current = BatchEntry()
            state.batches.append(current)
            parts.append([])
        parts[-1].extend(lines)
        current.requests += len(lines)
        current.bytes += size
        current.documents += 1
        entry.pieces, entry.batch = len(lines), len(parts) - 1
    if not parts:
        raise BatchError("no article could be used: nothing to submit")
    if len(parts) > 1:
        state.note = (
            f"split into {len(parts)} batches: at most {limits.max_requests:,} requests and "
            f"{limits.max_bytes:,} bytes per batch"
        )
    return parts, state


def write_inputs(parts: Sequence[Sequence[str]], state: BatchState, state_path: Path) -> None:
    """Keep each batch's input next to the state file: `run.batch.json` gives
    `run.batch.1.jsonl`, `run.batch.2.jsonl`, ..."""
    stem = state_path.name.removesuffix(".json")
    for number, (lines, entry) in enumerate(zip(parts, state.batches, strict=True), start=1):
        path = state_path.with_name(f"{stem}.{number}.jsonl")
        path.write_bytes(_jsonl(lines))
        entry.input_path = str(path)


def submit(
    parts: Sequence[Sequence[str]],
    state: BatchState,
    extractor: Extractor,
    *,
    save: Callable[[BatchState], None] | None = None,
) -> BatchState:
    """Upload each input file and create its batch, calling `save` after each batch is created,
    so that the saved state names every batch that may be billed."""
    api = extractor.batch_api()
    total = len(parts)
    for number, (lines, entry) in enumerate(zip(parts, state.batches, strict=True), start=1):
        entry.input_file_id = api.upload(
            f"dipevents-batch-{number}.jsonl", _jsonl(lines), f"uploading input {number}/{total}"
        )
        entry.id = api.create(
            entry.input_file_id,
            BATCH_URL,
            {"source": "dipevents", "part": f"{number}/{total}"},
            f"creating batch {number}/{total}",
        )
        if save:
            save(state)
    return state


def status(state: BatchState, extractor: Extractor) -> list[BatchStatus | None]:
    """Each batch as the server reports it now; None for one that was never created."""
    api = extractor.batch_api()
    return [api.retrieve(entry.id) if entry.id else None for entry in state.batches]


def wait(
    state: BatchState,
    extractor: Extractor,
    *,
    interval: float = 60.0,
    timeout: float | None = None,
    on_poll: Callable[[list[BatchStatus | None]], None] | None = None,
) -> list[BatchStatus | None]:
    """Poll `status` every `interval` seconds until every batch has ended (completed, failed,
    expired or cancelled); a BatchError once `timeout` seconds of waiting have passed."""
    waited = 0.0
    while True:
        batches = status(state, extractor)
        if on_poll:
            on_poll(batches)
        if all(batch is None or batch.status in TERMINAL_STATUSES for batch in batches):
            return batches
        if timeout is not None and waited >= timeout:
            raise BatchError(f"the batches had not ended after {waited:g} s of waiting")
        clock.sleep(interval)
        waited += interval


def describe(state: BatchState, batches: Sequence[BatchStatus | None]) -> list[str]:
    """A line per batch: its id, status and request counts."""
    lines = []
    for number, (entry, batch) in enumerate(zip(state.batches, batches, strict=True), start=1):
        name = f"batch {number}/{len(batches)}"
        if batch is None:
            lines.append(f"{name}: never created ({entry.requests} request(s) not sent)")
            continue
        counted = batch.total is not None
        done = f"{batch.completed}/{batch.total} done, {batch.failed} failed" if counted else ""
        lines.append(f"{name} {batch.id}: {batch.status}" + (f", {done}" if done else ""))
    return lines


def collect(state: BatchState, extractor: Extractor) -> Collected:
    """Every document's report, or its error, from the results of the run's batches."""
    batches = status(state, extractor)
    running = [batch for batch in batches if batch and batch.status not in TERMINAL_STATUSES]
    if running:
        raise BatchError(
            f"batch {running[0].id} is still {running[0].status}: wait until every batch has "
            "ended (dipevents batch status --wait)"
        )
    api = extractor.batch_api()
    notes = [_unfinished(number, batch) for number, batch in enumerate(batches, 1)]
    found: dict[str, _ResultLine] = {}
    problems = [note for note in notes if note]
    for batch in batches:
        for file_id in (batch.output_file_id, batch.error_file_id) if batch else ():
            if file_id:
                problems += _read_results(api.download(file_id), file_id, found)
    results = [_result(document, notes, found, extractor) for document in state.documents]
    usage = Usage()
    for result in results:
        usage.include(result.usage)
    return Collected(results, problems, usage)


def extractor_for(
    state: BatchState,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    client: ChatClient | None = None,
) -> Extractor:
    """The Extractor a run was prepared with, on the state's endpoint unless another is given
    (the key comes from `api_key` or OPENAI_API_KEY)."""
    return Extractor(
        backend="openai",
        model=state.model,
        base_url=base_url or state.base_url,
        api_key=api_key,
        client=client,
        **state.options,
    )


def batch_cost(usages: Iterable[Usage], state: BatchState) -> tuple[Decimal | None, str]:
    """The USD price of the documents' `usages` (each priced on its own, since long-context
    tiers go by request size; None when unknown), and what the figure is: half the list price
    on api.openai.com; elsewhere the list price, since the endpoint's discount is unknown."""
    from dipevents.llm.cost import price

    listed = Decimal(0)
    for usage in usages:
        one = price(usage, state.model, base_url=state.base_url)
        if one is None:
            return None, f"no price known for {state.model} at {state.base_url}"
        listed += one
    if urlsplit(state.base_url).hostname == "api.openai.com":
        return listed * OPENAI_BATCH_DISCOUNT, "Batch API: half the list price on api.openai.com"
    return listed, "list price; this endpoint's batch discount is not known"


class _Response(BaseModel):
    status_code: int
    body: Any = None


class _ErrorDetail(BaseModel):
    code: str | int | None = None
    message: str | None = None


class _ResultLine(BaseModel):
    """A line of a batch's output or error file."""

    custom_id: str
    response: _Response | None = None
    error: _ErrorDetail | None = None


def _result(
    document: DocumentEntry, notes: list[str], found: dict[str, _ResultLine], extractor: Extractor
) -> BatchResult:
    result = BatchResult(document.id)
    try:
        result.report = _report(document, notes, found, extractor, result.usage)
    except DipeventsError as error:
        result.error = error
    return result


def _report(
    document: DocumentEntry,
    notes: list[str],
    found: dict[str, _ResultLine],
    extractor: Extractor,
    usage: Usage,
) -> EventReport:
    """The document's report from its results: every piece's, or the first error."""
    if document.error or document.batch is None:
        raise InputError((document.error or {}).get("message", "not submitted"))
    data = _reread(document)
    plan = extractor.plan(data, published=document.published)
    if len(plan.requests) != document.pieces:
        raise BatchError(
            f"{document.path}: {document.pieces} piece(s) were sent but {len(plan.requests)} "
            "are planned now: were the options changed?"
        )
    from dipevents.llm.batch_api import reply_from_result
    from dipevents.llm.completion import response_limit

    replies: list[ExtractionReply] = []
    errors: list[DipeventsError] = []
    for number, request in enumerate(plan.requests):
        if request.cached is not None:
            continue
        custom_id = f"{document.id}#{number}"
        try:
            body = _result_body(found.get(custom_id), custom_id, notes[document.batch])
            replies.append(reply_from_result(body, custom_id, response_limit(request.body), usage))
        except DipeventsError as error:
            errors.append(error)
    if errors:
        raise errors[0]
    return extractor.finish(plan, replies, usage=usage)


def _result_body(line: _ResultLine | None, custom_id: str, note: str) -> Any:
    """The response body of a successful result, or the error that stands in its place."""
    if line is None:
        because = f": {note}" if note else ""
        raise BatchRequestError(f"no result for request {custom_id}{because}")
    response = line.response
    if line.error or response is None or response.status_code != 200:
        status = response.status_code if response else None
        http = f" with HTTP {status}" if status else ""
        raise BatchRequestError(
            f"request {custom_id} failed{http}: {_failure(line)}", status_code=status
        )
    return response.body


def _failure(line: _ResultLine) -> str:
    """The code and message of a failed request, from its error or its response body."""
    detail = line.error
    body = line.response.body if line.response else None
    if detail is None and isinstance(body, dict) and isinstance(body.get("error"), dict):
        with contextlib.suppress(ValidationError):
            detail = _ErrorDetail.model_validate(body["error"])
    parts = (detail.code, detail.message) if detail else ()
    return ": ".join(str(part) for part in parts if part) or "no details"


def _read_results(text: str, file_id: str, found: dict[str, _ResultLine]) -> list[str]:
    """Add the file's results to `found`; a problem line when some lines are unreadable."""
    unreadable = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            result = _ResultLine.model_validate_json(line)
        except ValidationError:
            unreadable += 1
            continue
        found.setdefault(result.custom_id, result)
    if unreadable:
        return [f"file {file_id}: {unreadable} line(s) that are not Batch API results skipped"]
    return []


def _unfinished(number: int, batch: BatchStatus | None) -> str:
    """Why a batch has no results for some requests, or "" when it completed."""
    if batch is None:
        return f"batch {number} was never created (submit stopped before it)"
    if batch.status == "completed":
        return ""
    why = f": {'; '.join(batch.errors[:3])}" if batch.errors else ""
    return f"batch {batch.id} {batch.status}{why}"


def _reread(document: DocumentEntry) -> bytes:
    try:
        data = Path(document.path).read_bytes()
    except OSError as error:
        raise ArticleChangedError(
            f"{document.path}: cannot read it again: {error.strerror}"
        ) from None
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise ArticleChangedError(
            f"{document.path} changed since it was submitted (sha256 differs): the replies may "
            "quote text that is gone; submit it again"
        )
    return data


def _given_date(published: dt.date | str | None) -> str | None:
    try:
        date = parse_published(published)
    except (TypeError, ValueError) as error:
        raise InputError(str(error)) from None
    return date.isoformat() if date else None


def _input_line(custom_id: str, body: dict[str, Any]) -> str:
    line = {"custom_id": custom_id, "method": "POST", "url": BATCH_URL, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def _jsonl(lines: Sequence[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def _unique(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return candidate
