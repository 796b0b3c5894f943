"""The offline rules coder's speed, measured by `bench/bench_rules.py` and reported as JSON.

    python bench/peers/rules.py [--articles 300]

Reuses bench_rules' corpus (seed, development set, generated wire reports) and its timings:
the median time per article in one process, and directory throughput with one worker and
with one worker per core, divided by the workers for articles per second per core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from common import ROOT, emit, log, versions

sys.path.insert(0, str(ROOT / "bench"))  # bench_rules is a script beside this folder
import bench_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles")
    args = parser.parse_args()
    articles = bench_rules.corpus(args.articles)
    log(f"rules: {len(articles)} articles, one process")
    median = statistics.median(bench_rules.per_article_ms(articles))
    per_core = {}
    for workers in sorted({1, os.cpu_count() or 1}):
        log(f"rules: directory throughput with {workers} worker(s)")
        rate = bench_rules.directory_throughput(articles, workers)
        per_core[str(workers)] = rate / workers
    emit(
        {
            "versions": versions("dipevents"),
            "articles": len(articles),
            "median_ms_per_article": median,
            "articles_per_second_per_core": per_core,
        }
    )


if __name__ == "__main__":
    main()
