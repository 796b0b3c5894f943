"""Scoring extracted reports against hand-written gold records, field by field.

Events are paired one-to-one (date, place, participants and evidence agreeing); each field is
then counted as true positives, false positives and false negatives, summed over all articles
(micro-averaged). Fields of unpaired events count against precision or recall, so a spurious
or missed event costs every field it has. Outcomes and disputes match when their evidence
spans overlap the gold evidence. The lenient rows (`outcomes_lenient`, `disputes_lenient`) also
accept a claim whose quote reads like a gold claim's quote, for backends whose quotes did not
align; the grounding rate says how many quotes that concerns.

`evaluate(gold_dir, backend=...)` does it all: read the gold set, extract, score.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from dipevents.schema import DiplomaticEvent, EventReport, Span

SINGLE_FIELDS = ("event_type", "status", "date", "city")
SET_FIELDS = ("participants", "countries")
CLAIM_FIELDS = ("outcomes", "disputes")
LENIENT_FIELDS = tuple(f"{name}_lenient" for name in CLAIM_FIELDS)
FIELDS = ("events", *SINGLE_FIELDS, *SET_FIELDS, *CLAIM_FIELDS, *LENIENT_FIELDS)

TEXT_MATCH_THRESHOLD = 85.0
"""rapidfuzz `token_set_ratio` (0-100) at or above which two normalised quotes count as the
same claim in the lenient rows. Two different claims of one gold event score at most 62 on
the development set; a quote that drops or adds a few words of the gold clause ("agreed to
expand" for "agreed on Monday to expand") still scores over 90."""
TEXT_MATCH_MIN_SHARED_WORDS = 4
"""Words two quotes must share for a text match, so that a fragment such as "agreed to"
cannot match every agreement (token_set_ratio gives 100 to any subset)."""


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Counts per field, plus how much of the predicted evidence was found in the article.

    `spans` counts every evidence span of the predicted events (event, date, place and claim
    evidence); `claims` counts the predicted outcomes and disputes alone, the claims the
    lenient rows are about.
    """

    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    aligned_spans: int = 0
    spans: int = 0
    aligned_claims: int = 0
    claims: int = 0

    @property
    def grounding_rate(self) -> float:
        """Share of predicted evidence spans aligned to the article (1.0 when there are none)."""
        return self.aligned_spans / self.spans if self.spans else 1.0

    @property
    def unaligned_spans(self) -> int:
        return self.spans - self.aligned_spans

    @property
    def claim_grounding_rate(self) -> float:
        """Share of predicted outcomes and disputes whose quote aligned (1.0 when none)."""
        return self.aligned_claims / self.claims if self.claims else 1.0

    @property
    def unaligned_claims(self) -> int:
        return self.claims - self.aligned_claims

    def merge(self, other: Scores) -> None:
        """Add another set of counts to these."""
        for name, counts in other.fields.items():
            mine = self.fields[name]
            mine.tp, mine.fp, mine.fn = (
                mine.tp + counts.tp,
                mine.fp + counts.fp,
                mine.fn + counts.fn,
            )
        self.spans += other.spans
        self.aligned_spans += other.aligned_spans
        self.claims += other.claims
        self.aligned_claims += other.aligned_claims

    def add(self, predicted: EventReport, gold: EventReport) -> None:
        """Count one article."""
        pairs, extra, missed = pair_events(predicted.events, gold.events)
        events = self.fields["events"]
        events.tp += len(pairs)
        events.fp += len(extra)
        events.fn += len(missed)
        for got, want in pairs:
            self._count_pair(got, want)
        for got in extra:
            self._count_pair(got, None)
        for want in missed:
            self._count_pair(None, want)
        for event in predicted.events:
            spans = list(event.spans())
            self.spans += len(spans)
            self.aligned_spans += sum(span.is_aligned for span in spans)
            claims = [span for name in CLAIM_FIELDS for span in _claims(event, name)]
            self.claims += len(claims)
            self.aligned_claims += sum(span.is_aligned for span in claims)

    def _count_pair(self, got: DiplomaticEvent | None, want: DiplomaticEvent | None) -> None:
        for name in SINGLE_FIELDS:
            _count_value(self.fields[name], _single(got, name), _single(want, name))
        for name in SET_FIELDS:
            _count_sets(self.fields[name], _set(got, name), _set(want, name))
        for name, lenient in zip(CLAIM_FIELDS, LENIENT_FIELDS, strict=True):
            predicted, gold = _claims(got, name), _claims(want, name)
            _count_claims(self.fields[name], predicted, gold)
            _count_claims(self.fields[lenient], predicted, gold, by_text=True)


def score(pairs: Iterable[tuple[EventReport, EventReport]]) -> Scores:
    """Micro-averaged scores of (predicted, gold) report pairs."""
    scores = Scores()
    for predicted, gold in pairs:
        scores.add(predicted, gold)
    return scores


def pair_events(
    predicted: list[DiplomaticEvent], gold: list[DiplomaticEvent]
) -> tuple[
    list[tuple[DiplomaticEvent, DiplomaticEvent]], list[DiplomaticEvent], list[DiplomaticEvent]
]:
    """Greedy one-to-one pairing by similarity; returns pairs, unpaired predicted, unpaired gold."""
    candidates = sorted(
        (
            (similarity, i, j)
            for i, got in enumerate(predicted)
            for j, want in enumerate(gold)
            if (similarity := _similarity(got, want)) > 0
        ),
        reverse=True,
    )
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_predicted and j not in used_gold:
            used_predicted.add(i)
            used_gold.add(j)
            pairs.append((predicted[i], gold[j]))
    extra = [e for i, e in enumerate(predicted) if i not in used_predicted]
    missed = [e for j, e in enumerate(gold) if j not in used_gold]
    return pairs, extra, missed


def _similarity(got: DiplomaticEvent, want: DiplomaticEvent) -> float:
    score = 0.0
    if got.date is not None and got.date == want.date:
        score += 2
    if _single(got, "city") is not None and _single(got, "city") == _single(want, "city"):
        score += 1
    shared = _set(got, "participants") & _set(want, "participants")
    score += len(shared)
    if got.evidence.overlaps(want.evidence):
        score += 1
    return score


def _single(event: DiplomaticEvent | None, name: str) -> str | None:
    if event is None:
        return None
    if name == "city":
        return _normalised(event.location.city) if event.location and event.location.city else None
    value = getattr(event, name)
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _set(event: DiplomaticEvent | None, name: str) -> set[str]:
    if event is None:
        return set()
    if name == "participants":
        return {_normalised(p.name) for p in event.participants}
    return set(event.countries)


def _claims(event: DiplomaticEvent | None, name: str) -> list[Span]:
    return [claim.evidence for claim in getattr(event, name)] if event else []


def _count_value(counts: Counts, got: str | None, want: str | None) -> None:
    if got is not None and got == want:
        counts.tp += 1
        return
    counts.fp += got is not None
    counts.fn += want is not None


def _count_sets(counts: Counts, got: set[str], want: set[str]) -> None:
    counts.tp += len(got & want)
    counts.fp += len(got - want)
    counts.fn += len(want - got)


def _count_claims(
    counts: Counts, got: list[Span], want: list[Span], *, by_text: bool = False
) -> None:
    """Pair claims one to one by overlapping evidence; `by_text` then pairs what is left by
    similar quotes (best first)."""
    unmatched = list(got)
    missed = []
    for gold_span in want:
        match = next((span for span in unmatched if span.overlaps(gold_span)), None)
        if match is None:
            missed.append(gold_span)
        else:
            counts.tp += 1
            unmatched.remove(match)
    if by_text:
        for span, gold_span in _text_matches(unmatched, missed):
            counts.tp += 1
            unmatched.remove(span)
            missed.remove(gold_span)
    counts.fn += len(missed)
    counts.fp += len(unmatched)


def _text_matches(got: list[Span], want: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of quotes that read alike (see `TEXT_MATCH_THRESHOLD`), best first."""
    candidates = sorted(
        (
            (similarity, i, j)
            for i, span in enumerate(got)
            for j, gold_span in enumerate(want)
            if (similarity := quote_similarity(span.text, gold_span.text)) >= TEXT_MATCH_THRESHOLD
        ),
        reverse=True,
    )
    used_got: set[int] = set()
    used_want: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_got and j not in used_want:
            used_got.add(i)
            used_want.add(j)
            pairs.append((got[i], want[j]))
    return pairs


def quote_similarity(a: str, b: str) -> float:
    """How alike two quotes read, 0 to 100: rapidfuzz `token_set_ratio` of the texts without
    accents, case or punctuation; 0 when they share fewer than `TEXT_MATCH_MIN_SHARED_WORDS`
    words."""
    a, b = _words(a), _words(b)
    if len(set(a.split()) & set(b.split())) < TEXT_MATCH_MIN_SHARED_WORDS:
        return 0.0
    return fuzz.token_set_ratio(a, b)


def _words(text: str) -> str:
    return utils.default_process(_normalised(text))


def _normalised(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class GoldArticle:
    """An article and its hand-written gold record."""

    name: str
    text: str
    gold: EventReport


def gold_set(folder: Path) -> list[GoldArticle]:
    """Every `NAME.gold.json` in `folder` or its subfolders with its `NAME.txt`, sorted by
    path; an article's name is its path under `folder` without the suffix ("dev/001_x")."""
    articles = [
        GoldArticle(
            path.relative_to(folder).as_posix().removesuffix(".gold.json"),
            path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8"),
            EventReport.model_validate_json(path.read_text(encoding="utf-8")),
        )
        for path in sorted(folder.rglob("*.gold.json"))
    ]
    if not articles:
        raise ValueError(f"no NAME.gold.json records in {folder}")
    return articles


@dataclass
class Evaluation:
    """Scores over a gold set, and per article."""

    total: Scores
    articles: list[tuple[str, Scores]]
    failures: dict[str, str] = field(default_factory=dict)
    """Articles whose extraction failed (scored as finding nothing), with the error."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": _as_dict(self.total),
            "articles": {n: _as_dict(s) for n, s in self.articles},
            "failures": self.failures,
        }

    def table(self, *, verbose: bool = False) -> str:
        """A plain-text table of precision, recall and F1 per field, then the grounding rates
        (`verbose`: and a line of F1 scores per article)."""
        total = self.total
        lines = [f"{'field':<18}{'precision':>10}{'recall':>8}{'F1':>7}   tp/fp/fn"]
        for name, counts in total.fields.items():
            lines.append(
                f"{name:<18}{counts.precision:>10.2f}{counts.recall:>8.2f}{counts.f1:>7.2f}"
                f"   {counts.tp}/{counts.fp}/{counts.fn}"
            )
        lines.append(
            f"grounding rate {total.grounding_rate:.2f} ({total.unaligned_spans} unaligned of "
            f"{total.spans} spans), {len(self.articles)} articles"
        )
        lines.append(
            f"claim grounding rate {total.claim_grounding_rate:.2f} ({total.unaligned_claims} "
            f"unaligned of {total.claims} outcomes and disputes)"
        )
        if self.failures:
            lines.append(f"{len(self.failures)} article(s) failed, scored as finding nothing:")
            lines.extend(f"  {name}: {error}" for name, error in self.failures.items())
        if verbose:
            for name, scores in self.articles:
                f1 = "  ".join(f"{field}={c.f1:.2f}" for field, c in scores.fields.items())
                lines.append(f"{name}: {f1}  grounding={scores.grounding_rate:.2f}")
        return "\n".join(lines)


def evaluate_backend(
    articles: list[GoldArticle], *, concurrency: int = 4, **options: Any
) -> Evaluation:
    """Extract every article (`extract_many`, `concurrency` at a time, with `options`) and score
    it against its gold; an article whose extraction fails counts as finding nothing, and is
    named."""
    from dipevents.many import extract_many

    items = [{"id": article.name, "text": article.text} for article in articles]
    results = extract_many(items, concurrency=concurrency, **options)
    per_article, failures = [], {}
    for article, result in zip(articles, results, strict=True):
        predicted = result.report
        if predicted is None:
            failures[article.name] = f"{result.error_type}: {result.error}"
            predicted = EventReport(backend="none")
        per_article.append((article.name, score([(predicted, article.gold)])))
    total = Scores()
    for _, scores in per_article:
        total.merge(scores)
    return Evaluation(total, per_article, failures)


def evaluate(gold_dir: str | Path, **options: Any) -> Evaluation:
    """Score a backend on a folder of gold records: `gold_set` and `evaluate_backend` in one
    call. `options` are `extract_events` keywords (backend=, model=, base_url= ...), e.g.
    `evaluate("seeds", backend="rules").total.fields["events"].f1`.
    """
    return evaluate_backend(gold_set(Path(gold_dir)), **options)


def _as_dict(scores: Scores) -> dict[str, Any]:
    fields = {
        name: {
            "precision": c.precision,
            "recall": c.recall,
            "f1": c.f1,
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
        }
        for name, c in scores.fields.items()
    }
    return {
        "fields": fields,
        "grounding_rate": scores.grounding_rate,
        "spans": scores.spans,
        "aligned_spans": scores.aligned_spans,
        "unaligned_spans": scores.unaligned_spans,
        "claim_grounding_rate": scores.claim_grounding_rate,
        "claims": scores.claims,
        "aligned_claims": scores.aligned_claims,
        "unaligned_claims": scores.unaligned_claims,
    }
