"""The rules coder's scores and time per article, this checkout against a reference commit.

    python bench/bench_coder_quality.py [--ref COMMIT] [--repeats 3]

Both coders read the same gold records of this checkout: everything under
`seeds`, the real-style wire subset (`seeds/dev/wire`) and the held-out set. The reference
commit (by default 257288c, the coder before the wire set) is checked out as a temporary git
worktree and run in its own interpreter. Prints, as Markdown, the F1 of every field (recall too
for outcomes and disputes), the events found in the controls (gold with no event), and the
median time per article on one core by language, for both coders. Each article is coded
with its record's publication date, as `evaluate` does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from reference import reference_tree

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "whole dev set": (ROOT / "seeds", True),
    "wire subset": (ROOT / "seeds/dev/wire", False),
    "held-out set": (ROOT / "seeds/heldout", False),
}
Measurement = dict[str, Any]
RECALL_FIELDS = ("outcomes", "disputes")

# Runs inside the coder's own interpreter: prints scores and timings as JSON.
MEASURE = """
import json, sys, time
from pathlib import Path
from dipevents import extract_events
from dipevents.evaluation.scoring import Scores, gold_set, score

folder, recursive, repeats = Path(sys.argv[1]), sys.argv[2] == "1", int(sys.argv[3])
total, times, control_events = Scores(), {}, {}
for article in gold_set(folder, recursive=recursive):
    code = lambda: extract_events(article.text, backend="rules", published=article.gold.published)
    report = code()
    total.merge(score([(report, article.gold)]))
    if not article.gold.events:
        control_events[article.name] = len(report.events)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        code()
        best = min(best, time.perf_counter() - start)
    times[article.name] = best * 1000
fields = {name: {"f1": c.f1, "recall": c.recall} for name, c in total.fields.items()}
print(json.dumps({"scores": fields, "times": times, "control_events": control_events}))
"""


def measure(src: Path, folder: Path, recursive: bool, repeats: int) -> Measurement:
    """Scores and per-article times of the coder importing from `src` on `folder`'s gold."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DIPEVENTS_MODEL"):
        env.pop(name, None)
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), "1" if recursive else "0", str(repeats)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: Measurement = json.loads(output)
    return result


def language_of(folder: Path, name: str) -> str:
    """The language of article `name` in `folder`, as this checkout detects it."""
    from dipevents.text.language import detect_language

    return detect_language((folder / f"{name}.txt").read_text(encoding="utf-8")) or "unknown"


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def report(label: str, folder: Path, before: Measurement, after: Measurement) -> None:
    print(f"\n### {label} ({len(after['times'])} articles)\n")
    print("| field | before | after |")
    print("| --- | ---: | ---: |")
    for name, now in after["scores"].items():
        was = before["scores"][name]
        print(f"| {name} F1 | {was['f1']:.2f} | {now['f1']:.2f} |")
        if name in RECALL_FIELDS:
            print(f"| {name} recall | {was['recall']:.2f} | {now['recall']:.2f} |")
    print(
        f"| events in controls | {sum(before['control_events'].values())} "
        f"| {sum(after['control_events'].values())} |"
    )
    languages: dict[str, list[str]] = {}
    for name in after["times"]:
        languages.setdefault(language_of(folder, name), []).append(name)
    for language, names in sorted(languages.items()):
        was = median([before["times"][n] for n in names])
        now = median([after["times"][n] for n in names])
        print(
            f"| median ms per article, {language} ({len(names)}) | {was:.2f} | {now:.2f} "
            f"({now / was:.2f}x) |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="257288c", help="reference commit (before)")
    parser.add_argument("--repeats", type=int, default=3, help="timings per article (best)")
    args = parser.parse_args()
    with reference_tree(args.ref) as reference:
        print(f"before: {args.ref}; after: this checkout; one core, best of {args.repeats}")
        for label, (folder, recursive) in SETS.items():
            before = measure(reference / "src", folder, recursive, args.repeats)
            after = measure(ROOT / "src", folder, recursive, args.repeats)
            report(label, folder, before, after)


if __name__ == "__main__":
    main()
