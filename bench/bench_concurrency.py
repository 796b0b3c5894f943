"""Throughput of `extract_many` against a scripted server with a fixed latency per request.

The scripted OpenAI-compatible server runs in a child process (so its CPU time is not
counted as ours) and answers every request after `--latency` seconds with the same scripted
capable reply to the seed article (11 quotes to ground). For each concurrency the wall time of
`--documents` documents is reported against the ideal, documents x latency / concurrency.

Library CPU per document (reply validation, grounding, dates, merging, codes) is measured
apart, without HTTP, by building reports from the same reply in a loop; the CPU of the whole
client side (that plus the openai client and HTTP) is this process's CPU time during the run.

    python bench/bench_concurrency.py [--documents 200] [--latency 0.1] [--concurrency 1 8 32]
        [--processes 1] [--spans off|api|sdk]

`--processes 2` runs `extract_many(..., processes=2)`; `--spans` measures the OpenTelemetry span
of each request: `off` as if opentelemetry were not installed, `api` with the API alone (the
default, no SDK: spans record nothing), `sdk` with the SDK recording every span in memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import multiprocessing.forkserver
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dipevents.extractor.engine import Extractor  # noqa: E402
from dipevents.llm import telemetry  # noqa: E402
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


def run_once(
    base_url: str, documents: int, concurrency: int, processes: int = 1
) -> tuple[float, float, int]:
    """Wall seconds, client CPU seconds (this process's and its workers'), and failures."""
    text = SEED.read_text(encoding="utf-8")
    items = [{"id": str(n), "text": text} for n in range(documents)]
    wall, cpu = time.perf_counter(), client_cpu()
    results = list(
        extract_many(
            items,
            concurrency=concurrency,
            processes=processes,
            base_url=base_url,
            api_key="sk-bench",
            model="m",
        )
    )
    failures = sum(1 for result in results if not result.ok)
    return time.perf_counter() - wall, client_cpu() - cpu, failures


def client_cpu() -> float:
    """CPU seconds of this process, its threads and the worker processes it ran (reaped by
    the fork server, a child of ours), the scripted server's left out."""
    cpu = time.process_time()
    server = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    if server is not None:
        fields = Path(f"/proc/{server}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        cpu += ticks / os.sysconf("SC_CLK_TCK")
    return cpu


def use_spans(mode: str) -> None:
    """No spans (`off`), the API's non-recording ones (`api`), or the SDK's, kept in memory."""
    if mode == "off":
        telemetry._tracer = lambda: None  # type: ignore[assignment]
    elif mode == "sdk":
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(InMemorySpanExporter()))
        trace.set_tracer_provider(provider)


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
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--spans", choices=["off", "api", "sdk"], default="api")
    args = parser.parse_args()
    use_spans(args.spans)
    ready: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(args.latency, ready), daemon=True)
    child.start()
    base_url = ready.get(timeout=30)
    run_once(base_url, 8, 8, args.processes)  # warm up: imports, connections, fork server
    print(
        f"{platform.processor() or platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.documents} documents, "
        f"{args.latency * 1000:.0f} ms per request, {args.processes} process(es), "
        f"spans {args.spans}\n"
    )
    print(
        "| concurrency | wall (s) | ideal (s) | wall / ideal | client CPU per doc (ms) | failed |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for concurrency in args.concurrency:
        wall, cpu, failed = run_once(base_url, args.documents, concurrency, args.processes)
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
