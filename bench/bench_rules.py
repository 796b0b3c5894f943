"""Benchmark the rules coder: time per article on one core, and throughput over a directory.

    python bench/bench_rules.py [--articles 300] [--workers 1 2]

Articles: the seed, the development set, and generated wire reports built from templates (a
dateline, a meeting of two ministers, an outcome, a dispute, background). Prints a Markdown
table; the target is under 5 ms per article on one core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dipevents import extract_events

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 5.0

COUNTRIES = [
    ("Norway", "Norwegian", "Oslo"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasília"),
    ("Poland", "Polish", "Warsaw"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Chile", "Chilean", "Santiago"),
    ("Vietnam", "Vietnamese", "Hanoi"),
]
NAMES = [
    "Ingrid Solberg",
    "Daniel Mwangi",
    "Kenji Araki",
    "Lucia Ferreira",
    "Tomasz Nowak",
    "Omar Haddad",
    "Rosa Quispe",
    "Linh Tran",
    "Anna Berg",
    "Samuel Okoro",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated_article(rng: random.Random) -> str:
    """A wire report of one ministerial meeting, with an outcome, a dispute and background."""
    (a, a_adj, _), (b, b_adj, city) = rng.sample(COUNTRIES, 2)
    first, second = rng.sample(NAMES, 2)
    day = rng.choice(WEEKDAYS)
    return (
        f"{a} and {b} agree to expand trade\n"
        f"May {rng.randint(10, 28)}, 2026 — {city.upper()} — {a_adj} Foreign Minister {first} "
        f"met {b_adj} Foreign Minister {second} in {city} on {day}, the two governments said.\n"
        f"The ministers agreed to set up a joint commission on trade and investment. "
        f"{first.split()[-1]} said {a} would open a consulate in {city} next year.\n"
        f"{b} raised concerns about tariffs on its farm exports, which {a} has not lifted.\n"
        f"Trade between the two countries reached ${rng.randint(2, 40)} billion last year, "
        f"according to official figures. Both sides described the talks as constructive.\n"
    )


def corpus(count: int, seed: int = 7) -> list[str]:
    real = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/**/*.txt"))]
    rng = random.Random(seed)
    return real + [generated_article(rng) for _ in range(count)]


def per_article_ms(articles: list[str], repeats: int = 3) -> list[float]:
    """The best of `repeats` timings of each article, in milliseconds, in this process."""
    for text in articles[:5]:
        extract_events(text, backend="rules")  # warm the lexicons and country tables
    timings = []
    for text in articles:
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            extract_events(text, backend="rules")
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1000)
    return timings


def _code_file(path: str) -> int:
    return len(extract_events(Path(path).read_text(encoding="utf-8"), backend="rules"))


def directory_throughput(articles: list[str], workers: int) -> float:
    """Articles per second over a directory of files, with `workers` processes."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(articles):
            path = Path(folder) / f"{number:05}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_code_file, paths[:workers]))  # start and warm every worker
            start = time.perf_counter()
            list(pool.map(_code_file, paths, chunksize=16))
            elapsed = time.perf_counter() - start
    return len(paths) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    articles = corpus(args.articles)
    timings = per_article_ms(articles)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"articles: {len(articles)} (seed, development set, {args.articles} generated)\n")
    print("| measure | value |")
    print("| --- | --- |")
    print(
        f"| median time per article, one core | {median:.2f} ms ({median / TARGET_MS:.2f}x "
        f"the {TARGET_MS:.0f} ms target) |"
    )
    print(f"| 95th percentile per article | {p95:.2f} ms |")
    for workers in args.workers:
        rate = directory_throughput(articles, workers)
        print(f"| directory throughput, {workers} worker(s) | {rate:.0f} articles/s |")


if __name__ == "__main__":
    main()
