"""Documents per second: `extract_dataset` on a local Ray cluster against `extract_many` in
one process, for the rules coder and for the scripted server at a fixed latency.

The scripted server runs in a child process started before Ray (see `bench_concurrency.py`)
and answers every request after `--latency` seconds with the capable reply to the seed; the
documents are copies of the seed. `extract_many` keeps `actors x concurrency_per_actor`
requests in flight, as many as Ray's actors together. Each side is timed on a few documents
(three times) and on `--documents`; the line through the two gives a fixed cost and a cost
per document.
Ray's start-up is the cluster's start (`ray.init`) plus the first run's fixed cost (starting
the actors, importing dipevents in them); the break-even is the number of documents at which
Ray's wall time, start-up included, equals `extract_many`'s.

    python bench/bench_ray.py [--documents 2000] [--latency 0.2] [--actors 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_concurrency import SEED, serve  # noqa: E402
from dipevents.runners.many import extract_many  # noqa: E402
from dipevents.runners.ray_data import extract_dataset  # noqa: E402
from tests.support.local_ray import local_ray  # noqa: E402

FEW = 8
"""The documents of the short run that measures a fixed cost."""


def timed(run: Callable[[list[dict[str, str]]], int], documents: int) -> float:
    """Wall seconds of `run` over `documents` copies of the seed; every one must succeed."""
    text = SEED.read_text(encoding="utf-8")
    items = [{"id": str(n), "text": text} for n in range(documents)]
    started = time.perf_counter()
    failed = run(items)
    elapsed = time.perf_counter() - started
    assert failed == 0, f"{failed} document(s) failed"
    return elapsed


class Line(NamedTuple):
    """Wall seconds of a run as a line: a fixed cost plus a cost per document."""

    fixed: float
    per_document: float

    def at(self, documents: int) -> float:
        return self.fixed + self.per_document * documents


def fitted(run: Callable[[list[dict[str, str]]], int], documents: int) -> Line:
    """The line through the median of three runs of `FEW` documents (Ray's fixed cost varies
    from run to run) and one run of `documents`."""
    few = statistics.median(timed(run, FEW) for _ in range(3))
    many = timed(run, documents)
    per_document = (many - few) / (documents - FEW)
    return Line(few - per_document * FEW, per_document)


def in_one_process(concurrency: int, settings: dict[str, Any]) -> Callable[..., int]:
    def run(items: list[dict[str, str]]) -> int:
        results = extract_many(items, concurrency=concurrency, **settings)
        return sum(not result.ok for result in results)

    return run


def on_ray(ray: Any, args: argparse.Namespace, settings: dict[str, Any]) -> Callable[..., int]:
    def run(items: list[dict[str, str]]) -> int:
        dataset = extract_dataset(
            ray.data.from_items(items),
            actors=args.actors,
            concurrency_per_actor=args.concurrency_per_actor,
            **settings,
        )
        return sum(row["report"] is None for row in dataset.take_all())

    return run


def break_even(start_up: float, ray_line: Line, one: Line) -> str:
    """The documents at which Ray, `start_up` included, takes as long as one process."""
    saved_per_document = one.per_document - ray_line.per_document
    if saved_per_document <= 0:
        return "never (not faster per document)"
    return f"{(start_up + ray_line.fixed - one.fixed) / saved_per_document:,.0f}"


def row(name: str, one: Line, ray_line: Line, start_up: float) -> str:
    return (
        f"| {name} | {1 / one.per_document:.0f} | {1 / ray_line.per_document:.0f} "
        f"| {ray_line.fixed:.2f} | {break_even(start_up, ray_line, one)} "
        f"| {break_even(0.0, ray_line, one)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--actors", type=int, default=2)
    parser.add_argument("--concurrency-per-actor", type=int, default=16)
    args = parser.parse_args()
    ready: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(args.latency, ready), daemon=True)
    child.start()
    base_url = ready.get(timeout=30)
    endpoint = {"base_url": base_url, "api_key": "sk-bench", "model": "m"}
    timed(in_one_process(8, endpoint), FEW)  # warm up this process: imports, lexicons
    cores = multiprocessing.cpu_count()
    in_flight = args.actors * args.concurrency_per_actor
    rules = {"backend": "rules"}
    started = time.perf_counter()
    with local_ray(num_cpus=cores) as ray:
        cluster_start = time.perf_counter() - started
        first_run = timed(on_ray(ray, args, rules), FEW)  # the cluster's first dataset
        lines = {
            name: (
                fitted(in_one_process(in_flight, settings), args.documents),
                fitted(on_ray(ray, args, settings), args.documents),
            )
            for name, settings in (
                ("rules", rules),
                (f"scripted server, {args.latency * 1000:.0f} ms", endpoint),
            )
        }
    first_dataset = first_run - lines["rules"][1].at(FEW)
    start_up = cluster_start + first_dataset
    print(
        f"{platform.processor() or platform.machine()}, {cores} cores, Python "
        f"{platform.python_version()}, Ray {ray.__version__}; {args.documents} copies of the "
        f"seed; Ray: {args.actors} actors x {args.concurrency_per_actor} in flight; "
        f"extract_many: {in_flight} in flight in one process\n\n"
        f"Ray start-up: {start_up:.2f} s = cluster start {cluster_start:.2f} s + the first "
        f"dataset's one-time cost {first_dataset:.2f} s; every run then pays the fixed cost "
        "below (starting its actors).\n"
    )
    print(
        "| backend | extract_many (docs/s) | Ray (docs/s) | Ray fixed per run (s) "
        "| break-even from a cold start (docs) | break-even, cluster running (docs) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, (one, ray_line) in lines.items():
        print(row(name, one, ray_line, start_up))
    child.terminate()


if __name__ == "__main__":
    main()
