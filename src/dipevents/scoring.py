"""Scoring extracted reports against hand-written gold records, field by field.

Events are paired one-to-one (date, place, participants and evidence agreeing); each field is
then counted as true positives, false positives and false negatives, summed over all articles
(micro-averaged). Fields of unpaired events count against precision or recall, so a spurious
or missed event costs every field it has. Outcomes and disputes match when their evidence
spans overlap the gold evidence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dipevents.schema import DiplomaticEvent, EventReport, Span

SINGLE_FIELDS = ("event_type", "status", "date", "city")
SET_FIELDS = ("participants", "countries")
CLAIM_FIELDS = ("outcomes", "disputes")
FIELDS = ("events", *SINGLE_FIELDS, *SET_FIELDS, *CLAIM_FIELDS)


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
    """Counts per field, plus how many claims carried aligned evidence."""

    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    aligned_spans: int = 0
    spans: int = 0

    @property
    def grounding_rate(self) -> float:
        return self.aligned_spans / self.spans if self.spans else 1.0

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

    def _count_pair(self, got: DiplomaticEvent | None, want: DiplomaticEvent | None) -> None:
        for name in SINGLE_FIELDS:
            _count_value(self.fields[name], _single(got, name), _single(want, name))
        for name in SET_FIELDS:
            _count_sets(self.fields[name], _set(got, name), _set(want, name))
        for name in CLAIM_FIELDS:
            _count_claims(self.fields[name], _claims(got, name), _claims(want, name))


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


def _count_claims(counts: Counts, got: list[Span], want: list[Span]) -> None:
    unmatched = list(got)
    for gold_span in want:
        match = next((span for span in unmatched if span.overlaps(gold_span)), None)
        if match is None:
            counts.fn += 1
        else:
            counts.tp += 1
            unmatched.remove(match)
    counts.fp += len(unmatched)


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
    """Every `NAME.gold.json` in `folder` with its `NAME.txt`, sorted by name."""
    articles = [
        GoldArticle(
            path.name.removesuffix(".gold.json"),
            path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8"),
            EventReport.model_validate_json(path.read_text(encoding="utf-8")),
        )
        for path in sorted(folder.glob("*.gold.json"))
    ]
    if not articles:
        raise ValueError(f"no NAME.gold.json records in {folder}")
    return articles


@dataclass
class Evaluation:
    """Scores over a gold set, and per article."""

    total: Scores
    articles: list[tuple[str, Scores]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": _as_dict(self.total),
            "articles": {n: _as_dict(s) for n, s in self.articles},
        }

    def table(self, *, verbose: bool = False) -> str:
        """A plain-text table of precision, recall and F1 per field."""
        lines = [f"{'field':<14}{'precision':>10}{'recall':>8}{'F1':>7}   tp/fp/fn"]
        for name, counts in self.total.fields.items():
            lines.append(
                f"{name:<14}{counts.precision:>10.2f}{counts.recall:>8.2f}{counts.f1:>7.2f}"
                f"   {counts.tp}/{counts.fp}/{counts.fn}"
            )
        unaligned = self.total.spans - self.total.aligned_spans
        lines.append(
            f"grounding rate {self.total.grounding_rate:.2f} ({unaligned} unaligned of "
            f"{self.total.spans} spans), {len(self.articles)} articles"
        )
        if verbose:
            for name, scores in self.articles:
                f1 = "  ".join(f"{field}={c.f1:.2f}" for field, c in scores.fields.items())
                lines.append(f"{name}: {f1}")
        return "\n".join(lines)


def evaluate_backend(articles: list[GoldArticle], **options: Any) -> Evaluation:
    """Extract every article with `extract_events(**options)` and score it against its gold."""
    from dipevents.pipeline import extract_events

    per_article = []
    for article in articles:
        predicted = extract_events(article.text, **options)
        per_article.append((article.name, score([(predicted, article.gold)])))
    total = Scores()
    for _, scores in per_article:
        total.merge(scores)
    return Evaluation(total, per_article)


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
    }
