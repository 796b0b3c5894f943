"""Grounding speed and correctness: dipevents' aligner against LangExtract's, same quotes.

    python bench/peers/grounding.py [--repeats 5] [--synthetic-repeats 3]

Runs in the LangExtract venv. Inputs: the seed and the development set with the distinct quote
texts of their gold records (all verbatim), and a synthetic article of about 50,000 characters
(development articles concatenated, cut at a line break) with 200 quotes drawn from it, a
quarter of them paraphrased by one edit (two neighbouring words swapped, one word replaced, or
one word dropped).

Each tool gets what it is built for: dipevents one `SourceIndex` per document, built inside the
timing, and `align` per quote; LangExtract one `Resolver().align` call per document with every
quote as an `Extraction`, in the order given (gold order; document order for the synthetic
article, as a model lists them), default settings (fuzzy alignment on, lesser matches
accepted).

Scoring, the same for both:
- verbatim quote: correct when `source[start:end] == quote`, incorrect when aligned elsewhere
  or to other characters (a partial match included), unaligned when no offsets come back;
- paraphrase: correct when the returned span and one occurrence of the original passage
  overlap by at least half of each (so neither a single word nor a whole paragraph counts),
  incorrect when aligned otherwise, unaligned (not wrong) when no offsets come back.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common import (
    Article,
    dev_articles,
    emit,
    log,
    median_ms,
    seed_articles,
    time_calls,
    versions,
)
from langextract import resolver as lx_resolver
from langextract.core import data as lx_data

from dipevents.resolve.align import SourceIndex

SYNTHETIC_CHARS = 50_000
SYNTHETIC_QUOTES = 200
PARAPHRASE_SHARE = 0.25
MIN_PARAPHRASE_WORDS = 6
REPLACEMENTS = ["officials", "formally", "jointly", "recently", "talks", "leaders", "plans"]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")

Offsets = tuple[int, int] | None


@dataclass(frozen=True)
class Aligned:
    """Where a tool placed a quote (None: not placed) and the label it gave."""

    offsets: Offsets
    label: str


@dataclass(frozen=True)
class Quote:
    """A quote to align, the passage it came from, and how it was changed."""

    text: str
    original: str
    edit: str  # "verbatim", "swap", "replace" or "drop"

    @property
    def verbatim(self) -> bool:
        return self.edit == "verbatim"


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    quotes: tuple[Quote, ...]


def gold_documents(articles: list[Article]) -> list[Document]:
    """The articles with gold quotes, each quoted verbatim; articles without any are left out."""
    return [
        Document(a.name, a.text, tuple(Quote(s.text, s.text, "verbatim") for s in a.spans))
        for a in articles
        if a.spans
    ]


def paraphrase(text: str, rng: random.Random) -> tuple[str, str]:
    """`text` changed by one edit in its middle words, and the edit's name."""
    words = text.split()
    at = rng.randrange(1, len(words) - 2)
    edit = rng.choice(["swap", "replace", "drop"])
    if edit == "swap":
        words[at], words[at + 1] = words[at + 1], words[at]
    elif edit == "replace":
        words[at] = rng.choice([w for w in REPLACEMENTS if w != words[at].lower()])
    else:
        del words[at]
    changed = " ".join(words)
    return (changed, edit) if changed != text else (" ".join(words[:at] + words[at + 1 :]), "drop")


def synthetic_document(articles: list[Article], seed: int = 8) -> Document:
    """Development articles concatenated (cut at the last line break before 50,000
    characters), with 200 quotes from the text.

    Quotes are drawn at random from the included articles: distinct gold quotes first, then
    whole sentences of six words or more; a quarter of all, among those of six words or more,
    are paraphrased. They are listed in the order of their first occurrence, as a model lists
    what it found.
    """
    rng = random.Random(seed)
    parts: list[Article] = []
    while sum(len(a.text) + 2 for a in parts) < SYNTHETIC_CHARS:
        parts.append(articles[len(parts) % len(articles)])
    text = "\n\n".join(a.text.strip() for a in parts)
    text = text[: text.rfind("\n", 0, SYNTHETIC_CHARS)]  # the last paragraph that fits ends it
    included = list({a.name: a for a in parts}.values())
    gold = [q for q in dict.fromkeys(s.text for a in included for s in a.spans) if q in text]
    sentences = [
        m.group().strip()
        for a in included
        for m in _SENTENCE.finditer(a.text)
        if len(m.group().split()) >= MIN_PARAPHRASE_WORDS
    ]
    sentences = [s for s in dict.fromkeys(sentences) if s not in gold and s in text]
    drawn = rng.sample(gold, min(len(gold), SYNTHETIC_QUOTES))
    drawn += rng.sample(sentences, SYNTHETIC_QUOTES - len(drawn))
    long_enough = [q for q in drawn if len(q.split()) >= MIN_PARAPHRASE_WORDS]
    changed = set(rng.sample(long_enough, round(PARAPHRASE_SHARE * len(drawn))))
    quotes = []
    for original in sorted(drawn, key=text.find):
        if original in changed:
            changed_text, edit = paraphrase(original, rng)
            quotes.append(Quote(changed_text, original, edit))
        else:
            quotes.append(Quote(original, original, "verbatim"))
    return Document("synthetic", text, tuple(quotes))


def align_dipevents(document: Document) -> list[Aligned]:
    """dipevents: index the document once, then align quote by quote."""
    index = SourceIndex(document.text)
    spans = [index.align(quote.text) for quote in document.quotes]
    return [
        Aligned(None if s.start is None else (s.start, s.end), s.alignment.value) for s in spans
    ]


def align_langextract(document: Document) -> list[Aligned]:
    """LangExtract: one `Resolver.align` call with every quote, as its annotator makes it."""
    extractions = [lx_data.Extraction("quote", quote.text) for quote in document.quotes]
    for _ in lx_resolver.Resolver().align(extractions, document.text, token_offset=0):
        pass  # the extractions are updated in place, in the order given
    found = []
    for extraction in extractions:
        where = extraction.char_interval
        offsets = None if where is None else (where.start_pos, where.end_pos)
        status = extraction.alignment_status
        found.append(Aligned(offsets, status.value if status else "unaligned"))
    return found


ALIGNERS: dict[str, Callable[[Document], list[Aligned]]] = {
    "dipevents": align_dipevents,
    "langextract": align_langextract,
}


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def verdict(document: Document, quote: Quote, offsets: Offsets) -> str:
    """correct, incorrect or unaligned, by the rules in the module docstring."""
    if offsets is None:
        return "unaligned"
    start, end = offsets
    if quote.verbatim:
        return "correct" if document.text[start:end] == quote.text else "incorrect"
    for true_start, true_end in _occurrences(document.text, quote.original):
        shared = min(end, true_end) - max(start, true_start)
        if shared >= 0.5 * (end - start) and shared >= 0.5 * (true_end - true_start):
            return "correct"
    return "incorrect"


def measure(document_set: list[Document], aligner: Callable, repeats: int) -> dict[str, Any]:
    """Median time per document (each document's median over `repeats`) and the verdicts."""
    per_document = []
    verdicts: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for document in document_set:
        results = aligner(document)
        for quote, result in zip(document.quotes, results, strict=True):
            kind = "verbatim" if quote.verbatim else "paraphrase"
            verdicts[f"{kind} {verdict(document, quote, result.offsets)}"] += 1
            labels[f"{kind} {result.label}"] += 1
        seconds = time_calls(lambda d=document: aligner(d), repeats=repeats, warmup=0)
        per_document.append(statistics.median(seconds))
    return {
        "median_ms_per_document": median_ms(per_document),
        "verdicts": dict(sorted(verdicts.items())),
        "labels": dict(sorted(labels.items())),
    }


def describe(name: str, document_set: list[Document]) -> dict[str, Any]:
    quotes = [q for d in document_set for q in d.quotes]
    return {
        "name": name,
        "documents": len(document_set),
        "mean_chars": statistics.mean(len(d.text) for d in document_set),
        "quotes": len(quotes),
        "paraphrased": sum(not q.verbatim for q in quotes),
        "edits": dict(Counter(q.edit for q in quotes)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timings per seed/dev document")
    parser.add_argument("--synthetic-repeats", type=int, default=3)
    args = parser.parse_args()
    dev = dev_articles()
    sets = [
        ("seed", gold_documents(seed_articles()), args.repeats),
        ("dev", gold_documents(dev), args.repeats),
        ("synthetic", [synthetic_document(dev)], args.synthetic_repeats),
    ]
    results = []
    for name, document_set, repeats in sets:
        entry = describe(name, document_set)
        for tool, aligner in ALIGNERS.items():
            log(f"grounding: {name} with {tool} ({repeats} repeats)")
            entry[tool] = measure(document_set, aligner, repeats)
        results.append(entry)
    emit({"versions": versions("dipevents", "langextract", "rapidfuzz"), "sets": results})


if __name__ == "__main__":
    main()
