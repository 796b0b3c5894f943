"""Documents spread over worker processes: `extract_many(..., processes=N)`.

One process runs about 200 documents a second of client work (reply validation, grounding,
the openai client, HTTP), whatever the endpoint; more processes use more cores. Each worker
runs its own event loop and `AsyncExtractor` built from the run's settings; the caller's
process reads the input, keeps at most `concurrency` documents in flight over all workers
(each document goes to the least busy one) and hands the results on in order, as with one
process. Workers are forked from a fork server that has dipevents and the openai SDK loaded,
so they start in tens of milliseconds, and they ignore Ctrl-C: the caller stops them.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Mapping
from typing import Any

import dipevents.llm.backend  # noqa: F401  (loaded once in the fork server, for the workers)
from dipevents.extractor.engine import AsyncExtractor
from dipevents.runners.many import DocumentResult, Item, extract_one, unreadable

_READY, _FAILED, _DONE = "ready", "failed", "done"
_POLL_SECONDS = 0.5
"""How often the result reader looks for a worker that died without a word."""
_STOP_SECONDS = 5.0


class WorkerPool:
    """`processes` workers extracting with `AsyncExtractor(**settings)`; use `async with`."""

    def __init__(self, processes: int, settings: dict[str, Any]) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", __name__])
        self._results: multiprocessing.Queue[tuple[str, int, bytes]] = context.Queue()
        self._inboxes: list[multiprocessing.Queue[bytes | None]] = []
        self._workers: list[multiprocessing.process.BaseProcess] = []
        for _ in range(processes):
            inbox: multiprocessing.Queue[bytes | None] = context.Queue()
            worker = context.Process(
                target=_serve, args=(inbox, self._results, settings), daemon=True
            )
            self._inboxes.append(inbox)
            self._workers.append(worker)
        self._load = [0] * processes
        self._waiting: dict[int, tuple[int, asyncio.Future[DocumentResult]]] = {}
        self._reader = threading.Thread(target=self._read_results, daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __aenter__(self) -> WorkerPool:
        """Start the workers and wait until each has built its extractor (or raise the error
        that building one raised, as `aextract_many` would)."""
        self._loop = asyncio.get_running_loop()
        for worker in self._workers:
            worker.start()
        try:
            await self._loop.run_in_executor(None, self._await_workers)
        except BaseException:
            self._stop()
            raise
        self._reader.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        self._stop()

    async def extract(self, item: Item, index: int) -> DocumentResult:
        """The result of one document, from the least busy worker."""
        try:
            job = pickle.dumps((index, dict(item) if isinstance(item, Mapping) else item))
        except Exception as error:  # a record that cannot be sent fails alone
            return unreadable(item, index, error, None)
        assert self._loop is not None
        alive = [number for number, worker in enumerate(self._workers) if worker.is_alive()]
        if not alive:
            return unreadable(item, index, RuntimeError("every worker process exited"), None)
        worker = min(alive, key=self._load.__getitem__)
        done: asyncio.Future[DocumentResult] = self._loop.create_future()
        self._waiting[index] = (worker, done)
        self._load[worker] += 1
        self._inboxes[worker].put(job)
        try:
            return await done
        finally:
            self._load[worker] -= 1
            self._waiting.pop(index, None)

    def _await_workers(self) -> None:
        for _ in self._workers:
            kind, _index, payload = self._results.get()
            if kind == _FAILED:
                raise pickle.loads(payload)

    def _read_results(self) -> None:
        """Hand each result to the event loop; fail the documents of a worker that died."""
        while any(worker.is_alive() for worker in self._workers):
            try:
                kind, index, payload = self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                self._fail_the_dead()
                continue
            if kind == _DONE:
                self._settle(index, functools.partial(pickle.loads, payload))

    def _fail_the_dead(self) -> None:
        for number, worker in enumerate(self._workers):
            if worker.exitcode is None:
                continue
            lost = [index for index, (owner, _) in list(self._waiting.items()) if owner == number]
            error = RuntimeError(f"worker process {number} exited with code {worker.exitcode}")
            for index in lost:
                self._settle(index, functools.partial(unreadable, {}, index, error, None))

    def _settle(self, index: int, result: Callable[[], DocumentResult]) -> None:
        """Resolve document `index` with `result()`, on the event loop's thread."""
        assert self._loop is not None

        def settle() -> None:
            waiting = self._waiting.pop(index, None)
            if waiting is not None and not waiting[1].done():
                waiting[1].set_result(result())

        self._loop.call_soon_threadsafe(settle)

    def _stop(self) -> None:
        """Ask every worker to stop (cancelling what it has in flight), then make sure."""
        for inbox, worker in zip(self._inboxes, self._workers, strict=True):
            if worker.is_alive():
                inbox.put(None)
        for worker in self._workers:
            if worker.pid is not None:
                worker.join(_STOP_SECONDS)
                if worker.is_alive():
                    worker.kill()
                    worker.join()


def _serve(
    inbox: multiprocessing.Queue[bytes | None],
    results: multiprocessing.Queue[tuple[str, int, bytes]],
    settings: dict[str, Any],
) -> None:
    """A worker: extract each document sent until told to stop (by None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.run(_aserve(inbox, results, settings))


async def _aserve(
    inbox: multiprocessing.Queue[bytes | None],
    results: multiprocessing.Queue[tuple[str, int, bytes]],
    settings: dict[str, Any],
) -> None:
    try:
        extractor = AsyncExtractor(**settings)
    except Exception as error:
        results.put((_FAILED, -1, pickle.dumps(error)))
        return
    results.put((_READY, -1, b""))
    loop = asyncio.get_running_loop()
    running: set[asyncio.Task[None]] = set()

    async def answer(index: int, item: Item) -> None:
        result = await extract_one(extractor, item, index)
        results.put((_DONE, index, pickle.dumps(result)))

    async with extractor:
        while (job := await loop.run_in_executor(None, inbox.get)) is not None:
            task = asyncio.create_task(answer(*pickle.loads(job)))
            running.add(task)
            task.add_done_callback(running.discard)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
