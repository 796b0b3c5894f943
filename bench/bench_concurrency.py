"""Throughput of `extract_many` against a scripted server with a fixed latency per request.

The scripted OpenAI-compatible server runs in a child process (so its CPU time is not
counted as ours) and answers every request after `--latency` seconds with the same scripted
capable reply to the seed article (11 quotes to ground). For each concurrency the wall time of
`--documents` documents is reported against the ideal, documents x latency / concurrency.

Library CPU per document (reply validation, grounding, dates, merging, codes) is measured
apart, without HTTP, by building reports from the same reply in a loop; the CPU of the whole
client side (that plus the openai client and HTTP) is this process's CPU time during the run.

    python bench/bench_concurrency.py [--documents 200] [--latency 0.1] [--concurrency 1 8 32]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dipevents.extractor.engine import Extractor  # noqa: E402
from dipevents.model.draft import ExtractionReply  # noqa: E402
from dipevents.runners.many import extract_many  # noqa: E402
from tests.support.scripted_server import ScriptedReply, ScriptedServer, completion  # noqa: E402

SEED = ROOT / "seeds" / "000_2ef40a972b9403a2.txt"
REPLY = ROOT / "tests" / "scripted" / "seed_capable_reply.json"


def serve(latency: float, ready: multiprocessing.Queue) -> None:
    """The child process: a scripted server answering every request after `latency` s."""
    body = completion(json.dumps(json.loads(REPLY.read_text())["reply"]))
    server = ScriptedServer()
    server.fallback = lambda request: ScriptedReply(body=body, delay=latency)
    server.start()
    ready.put(server.base_url)
    while True:
        time.sleep(3600)


def run_once(base_url: str, documents: int, concurrency: int) -> tuple[float, float, int]:
    """Wall seconds, this process's CPU seconds, and failures for one run."""
    text = SEED.read_text(encoding="utf-8")
    items = [{"id": str(n), "text": text} for n in range(documents)]
    wall, cpu = time.perf_counter(), time.process_time()
    results = list(
        extract_many(
            items, concurrency=concurrency, base_url=base_url, api_key="sk-bench", model="m"
        )
    )
    failures = sum(1 for result in results if not result.ok)
    return time.perf_counter() - wall, time.process_time() - cpu, failures


def library_cpu_per_document(repeats: int = 200) -> float:
    """CPU seconds to turn the scripted reply into a report, HTTP left out."""
    text = SEED.read_text(encoding="utf-8")
    raw = json.dumps(json.loads(REPLY.read_text())["reply"])
    extractor = Extractor(
        backend="openai", base_url="http://127.0.0.1:9/v1", api_key="x", model="m"
    )
    started = time.process_time()
    for _ in range(repeats):
        reply = ExtractionReply.model_validate_json(raw)
        extractor.finish(extractor.plan(text), [reply])
    return (time.process_time() - started) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    ready: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(args.latency, ready), daemon=True)
    child.start()
    base_url = ready.get(timeout=30)
    run_once(base_url, 8, 8)  # warm up: imports, connections
    print(
        f"{platform.processor() or platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.documents} documents, "
        f"{args.latency * 1000:.0f} ms per request\n"
    )
    print(
        "| concurrency | wall (s) | ideal (s) | wall / ideal | client CPU per doc (ms) | failed |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for concurrency in args.concurrency:
        wall, cpu, failed = run_once(base_url, args.documents, concurrency)
        ideal = args.documents * args.latency / concurrency
        print(
            f"| {concurrency} | {wall:.2f} | {ideal:.2f} | {wall / ideal:.2f}x "
            f"| {cpu / args.documents * 1000:.2f} | {failed} |"
        )
    per_document = library_cpu_per_document()
    print(
        f"\nLibrary CPU per document (validation, grounding, dates, merging, codes; no HTTP): "
        f"{per_document * 1000:.2f} ms"
    )
    child.terminate()


if __name__ == "__main__":
    main()
