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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from dipevents.errors import InputError
from dipevents.model.records import DiplomaticEvent, EventReport, Span
from dipevents.text.article import checked_article
from dipevents.text.fold import lower_words, without_accents

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
TEXT_MATCH_MIN_SHARED_CHARACTERS = 8
"""The same guard for scripts written without spaces between words (Chinese, Japanese, Thai),
compared character by character."""
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


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
    """The one-to-one pairing with the greatest total similarity (ties to the earlier events);
    returns pairs, unpaired predicted, unpaired gold."""
    weights = [[_similarity(got, want) for want in gold] for got in predicted]
    matched = best_matching(weights)
    pairs = [(predicted[i], gold[j]) for i, j in matched]
    paired_predicted = {i for i, _ in matched}
    paired_gold = {j for _, j in matched}
    extra = [e for i, e in enumerate(predicted) if i not in paired_predicted]
    missed = [e for j, e in enumerate(gold) if j not in paired_gold]
    return pairs, extra, missed


def best_matching(weights: list[list[float]]) -> list[tuple[int, int]]:
    """The (row, column) pairs, each row and column at most once, that maximise the sum of
    their weights, keeping only pairs of positive weight (the Hungarian algorithm on the
    square matrix padded with zeros; articles hold tens of claims at most)."""
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    size = max(rows, columns)
    if size == 0:
        return []
    top = max((w for row in weights for w in row), default=0.0)
    cost = [
        [top - (weights[i][j] if i < rows and j < columns else 0.0) for j in range(size)]
        for i in range(size)
    ]
    owner = _hungarian(cost)
    return sorted(
        (i, j) for j, i in enumerate(owner) if i < rows and j < columns and weights[i][j] > 0
    )


def _hungarian(cost: list[list[float]]) -> list[int]:
    """For each column of a square cost matrix, the row assigned to it in a minimum-cost
    assignment (potentials and augmenting paths, O(n^3))."""
    size = len(cost)
    infinity = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    owner = [0] * (size + 1)  # owner[j]: the row (1-based) holding column j; 0 is the free slot
    for row in range(1, size + 1):
        owner[0] = row
        column = 0
        slack = [infinity] * (size + 1)
        previous = [0] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[column] = True
            current, delta, chosen = owner[column], infinity, 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                reduced = cost[current - 1][j - 1] - u[current] - v[j]
                if reduced < slack[j]:
                    slack[j], previous[j] = reduced, column
                if slack[j] < delta:
                    delta, chosen = slack[j], j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = chosen
            if owner[column] == 0:
                break
        while column:
            owner[column] = owner[previous[column]]
            column = previous[column]
    return [owner[j] - 1 for j in range(1, size + 1)]


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
    """Pair claims one to one by overlapping evidence, as many as can be; `by_text` then pairs
    what is left by similar quotes."""
    overlapping = [[1.0 if span.overlaps(gold) else 0.0 for gold in want] for span in got]
    matched = best_matching(overlapping)
    unmatched = [span for i, span in enumerate(got) if i not in {i for i, _ in matched}]
    missed = [gold for j, gold in enumerate(want) if j not in {j for _, j in matched}]
    counts.tp += len(matched)
    if by_text:
        alike = [[_text_weight(span.text, gold.text) for gold in missed] for span in unmatched]
        found = best_matching(alike)
        counts.tp += len(found)
        unmatched = [span for i, span in enumerate(unmatched) if i not in {i for i, _ in found}]
        missed = [gold for j, gold in enumerate(missed) if j not in {j for _, j in found}]
    counts.fn += len(missed)
    counts.fp += len(unmatched)


def _text_weight(a: str, b: str) -> float:
    """A quote pair's similarity when it reaches `TEXT_MATCH_THRESHOLD`, else 0."""
    similarity = quote_similarity(a, b)
    return similarity if similarity >= TEXT_MATCH_THRESHOLD else 0.0


def quote_similarity(a: str, b: str) -> float:
    """How alike two quotes read, 0 to 100: rapidfuzz `token_set_ratio` of the texts without
    accents, case or punctuation; 100 when they are the same; 0 when they share fewer than
    `TEXT_MATCH_MIN_SHARED_WORDS` words (for text written without spaces, such as Chinese,
    fewer than `TEXT_MATCH_MIN_SHARED_CHARACTERS` characters)."""
    a, b = _words(a), _words(b)
    if a and a == b:
        return 100.0
    if _UNSPACED.search(a) and _UNSPACED.search(b):
        if len(set(a) & set(b)) < TEXT_MATCH_MIN_SHARED_CHARACTERS:
            return 0.0
        return fuzz.ratio(a, b)
    if len(set(a.split()) & set(b.split())) < TEXT_MATCH_MIN_SHARED_WORDS:
        return 0.0
    return fuzz.token_set_ratio(a, b)


def _words(text: str) -> str:
    return utils.default_process(_normalised(text))


def _normalised(name: str) -> str:
    return lower_words(without_accents(name))


@dataclass(frozen=True)
class GoldArticle:
    """An article and its hand-written gold record."""

    name: str
    text: str
    gold: EventReport


def gold_set(folder: Path, *, recursive: bool = False) -> list[GoldArticle]:
    """Every `NAME.gold.json` in `folder` (with `recursive`, in its subfolders too) with its
    `NAME.txt`, sorted by path; an article's name is its path under `folder` without the suffix
    ("dev/001_x"). The text is read as extraction reads it (line ends kept), so gold offsets
    mean the same."""
    articles = [
        GoldArticle(
            path.relative_to(folder).as_posix().removesuffix(".gold.json"),
            checked_article(path.with_name(path.name.replace(".gold.json", ".txt")).read_bytes()),
            EventReport.model_validate_json(path.read_text(encoding="utf-8")),
        )
        for path in sorted(folder.rglob("*.gold.json") if recursive else folder.glob("*.gold.json"))
    ]
    if not articles:
        raise InputError(f"no NAME.gold.json records in {folder}")
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
    named. Each article is extracted with its record's `published` date, as a caller passes the
    page's date: an agency dateline often has no year ("DAKAR, 24 mars (APS)")."""
    from dipevents.runners.many import extract_many

    items = [
        {"id": article.name, "text": article.text, "published": article.gold.published}
        for article in articles
    ]
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


def evaluate(gold_dir: str | Path, *, recursive: bool = False, **options: Any) -> Evaluation:
    """Score a backend on a folder of gold records (with `recursive`, its subfolders too):
    `gold_set` and `evaluate_backend` in one call. `options` are `extract_events` keywords
    (backend=, model=, base_url= ...), e.g.
    `evaluate("seeds", recursive=True, backend="rules").total.fields["events"].f1`.
    """
    return evaluate_backend(gold_set(Path(gold_dir), recursive=recursive), **options)


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
