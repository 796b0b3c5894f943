"""Start-up of the rules coder from the command line, before and after the lazy package.

Runs `dipevents extract seeds/000_2ef40a972b9403a2.txt` (the rules coder: no key, no model)
in fresh interpreters, alternating between this checkout and a reference commit (by default
73d9405, the last commit of the flat layout) checked out as a temporary git worktree, and
reports the median wall time of each and their ratio, measured in one run. It also reports
`python -X importtime -c "import dipevents"` for both.

    python bench/bench_startup.py [--ref COMMIT] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reference import reference_tree

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2ef40a972b9403a2.txt"
CLI = "import sys; from dipevents.cli import main; sys.exit(main(sys.argv[1:]))"


def run_cli(src: Path) -> float:
    """Seconds for one `dipevents extract SEED` in a fresh interpreter importing from `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CLI, "extract", "--no-cache", str(SEED)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def import_ms(src: Path) -> float:
    """`import dipevents` in microseconds as `-X importtime` reports it (cumulative), in ms."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import dipevents"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(row for row in done.stderr.splitlines() if re.search(r"\|\s+dipevents$", row))
    return int(line.split("|")[1]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="73d9405", help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with reference_tree(args.ref) as before:
        trees = {"before": before / "src", "now": ROOT / "src"}
        for src in trees.values():  # warm the file cache and the bytecode
            run_cli(src)
        times: dict[str, list[float]] = {name: [] for name in trees}
        imports: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, src in trees.items():
                times[name].append(run_cli(src))
                imports[name].append(import_ms(src))
    wall = {name: statistics.median(values) for name, values in times.items()}
    imported = {name: statistics.median(values) for name, values in imports.items()}
    print(f"dipevents extract SEED (rules coder), median of {args.runs} runs each, one run:")
    print("| tree | CLI wall (ms) | `import dipevents` (ms) |")
    print("| --- | ---: | ---: |")
    for name in trees:
        print(f"| {name} | {wall[name] * 1000:.0f} | {imported[name]:.0f} |")
    print(
        f"ratio now/before: CLI {wall['now'] / wall['before']:.2f}x, "
        f"import {imported['now'] / imported['before']:.2f}x"
    )


if __name__ == "__main__":
    main()
