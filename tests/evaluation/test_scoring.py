"""Scoring: event pairing, per-field counts, lenient claim matching, grounding, `evaluate`."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import shutil

from dipevents import evaluate, extract_events
from dipevents.evaluation.scoring import (
    Evaluation,
    evaluate_backend,
    gold_set,
    quote_similarity,
    score,
)
from dipevents.model.records import (
    DiplomaticEvent,
    EventReport,
    Location,
    Outcome,
    Participant,
    Span,
)
from tests.support import DEV


def _span(start: int, end: int) -> Span:
    return Span(text="x" * (end - start), start=start, end=end, alignment="exact")


def _event(day: int, city: str, names: list[str], start: int) -> DiplomaticEvent:
    return DiplomaticEvent(
        event_type="meeting",
        status="occurred",
        summary="s",
        date=dt.date(2026, 5, day),
        location=Location(city=city),
        participants=[Participant(name=n, evidence=_span(start, start + 5)) for n in names],
        countries=["NOR"],
        evidence=_span(start, start + 10),
    )


def test_events_pair_one_to_one_and_fields_count_both_ways() -> None:
    gold = EventReport(
        backend="gold",
        events=[_event(4, "Oslo", ["Ana Ruiz"], 0), _event(6, "Bergen", ["Li Wei"], 100)],
    )
    predicted = EventReport(
        backend="rules",
        events=[_event(6, "Bergen", ["Li Wei"], 100), _event(9, "Paris", ["Bo Ek"], 300)],
    )
    scores = score([(predicted, gold)])
    events = scores.fields["events"]
    assert (events.tp, events.fp, events.fn) == (1, 1, 1)
    city = scores.fields["city"]
    assert (city.tp, city.fp, city.fn) == (1, 1, 1)
    assert scores.fields["participants"].precision == 0.5
    assert scores.grounding_rate == 1.0


def test_names_compare_without_accents_or_case() -> None:
    gold = EventReport(backend="gold", events=[_event(4, "Bogotá", ["Héctor Salazar"], 0)])
    predicted = EventReport(backend="rules", events=[_event(4, "bogota", ["hector salazar"], 0)])
    fields = score([(predicted, gold)]).fields
    assert fields["participants"].f1 == 1.0 and fields["city"].f1 == 1.0


GOLD_QUOTE = "agreed on Monday to expand joint maritime surveillance in the South Pacific"


def _with_outcomes(event: DiplomaticEvent, *quotes: Span) -> DiplomaticEvent:
    outcomes = [Outcome(kind="agreement", description="d", evidence=quote) for quote in quotes]
    return event.model_copy(update={"outcomes": outcomes})


def _unaligned(text: str) -> Span:
    return Span(text=text, alignment="unaligned")


def _gold_and(*predicted_quotes: Span) -> tuple[EventReport, EventReport]:
    gold = EventReport(
        backend="gold",
        events=[
            _with_outcomes(
                _event(4, "Oslo", ["Ana Ruiz"], 0),
                Span(text=GOLD_QUOTE, start=20, end=20 + len(GOLD_QUOTE), alignment="exact"),
            )
        ],
    )
    predicted = EventReport(
        backend="openai",
        events=[_with_outcomes(_event(4, "Oslo", ["Ana Ruiz"], 0), *predicted_quotes)],
    )
    return predicted, gold


def test_lenient_rows_accept_a_close_quote_that_did_not_align() -> None:
    predicted, gold = _gold_and(
        _unaligned("The leaders agreed to expand joint maritime surveillance in the South Pacific.")
    )
    fields = score([(predicted, gold)]).fields
    strict, lenient = fields["outcomes"], fields["outcomes_lenient"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)
    assert (lenient.tp, lenient.fp, lenient.fn) == (1, 0, 0)
    assert (fields["disputes_lenient"].tp, fields["disputes_lenient"].fp) == (0, 0)


def test_lenient_rows_reject_other_claims_and_bare_fragments() -> None:
    predicted, gold = _gold_and(
        _unaligned("Japan would contribute two additional patrol aircraft to the programme"),
        _unaligned("agreed on Monday"),
    )
    lenient = score([(predicted, gold)]).fields["outcomes_lenient"]
    assert (lenient.tp, lenient.fp, lenient.fn) == (0, 2, 1)
    assert quote_similarity("agreed on Monday", GOLD_QUOTE) == 0.0


def test_lenient_matching_is_one_to_one_and_never_below_strict() -> None:
    overlapping = Span(text="x" * 30, start=25, end=55, alignment="exact")
    predicted, gold = _gold_and(overlapping, _unaligned(GOLD_QUOTE))
    fields = score([(predicted, gold)]).fields
    strict, lenient = fields["outcomes"], fields["outcomes_lenient"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 0)
    assert (lenient.tp, lenient.fp, lenient.fn) == (1, 1, 0)


def test_unaligned_claims_are_counted_in_the_table_and_the_dict() -> None:
    predicted, gold = _gold_and(_unaligned(GOLD_QUOTE))
    scores = score([(predicted, gold)])
    assert (scores.claims, scores.aligned_claims, scores.unaligned_claims) == (1, 0, 1)
    assert scores.claim_grounding_rate == 0.0
    assert scores.unaligned_spans == 1 and scores.grounding_rate < 1.0
    evaluation = Evaluation(scores, [("one", scores)])
    table = evaluation.table(verbose=True)
    assert "outcomes_lenient" in table and "disputes_lenient" in table
    assert "claim grounding rate 0.00 (1 unaligned of 1 outcomes and disputes)" in table
    total = evaluation.as_dict()["total"]
    assert total["unaligned_claims"] == 1 and total["claim_grounding_rate"] == 0.0
    assert total["unaligned_spans"] == 1 and total["fields"]["outcomes_lenient"]["tp"] == 1
    assert evaluation.as_dict()["articles"]["one"]["unaligned_claims"] == 1


def test_evaluate_is_the_package_function_and_reads_subfolders(tmp_path) -> None:
    import dipevents
    import dipevents.evaluation.scoring
    from dipevents import evaluate
    from tests.support import ROOT

    assert (
        inspect.isfunction(evaluate) and dipevents.evaluate is dipevents.evaluation.scoring.evaluate
    )
    assert "evaluate" in dipevents.__all__
    for name in ("000_2ef40a972b9403a2", "dev/001_phone_call_jpn_aus"):
        source = ROOT / "seeds" / name
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        for suffix in (".txt", ".gold.json"):
            shutil.copy(source.with_name(source.name + suffix), tmp_path / (name + suffix))
    assert len(gold_set(tmp_path)) == 1  # the top level alone, unless recursive
    evaluation = evaluate(tmp_path, recursive=True, backend="rules")
    assert [name for name, _ in evaluation.articles] == [
        "000_2ef40a972b9403a2",
        "dev/001_phone_call_jpn_aus",
    ]
    same = evaluate_backend(gold_set(tmp_path, recursive=True), backend="rules")
    assert evaluation.as_dict() == same.as_dict()
    assert evaluation.total.fields["events"].tp == 3


def test_an_article_that_fails_counts_as_finding_nothing_and_is_named(
    tmp_path, scripted, capable_seed_reply
) -> None:
    from tests.support import SEED, SENTINEL_KEY
    from tests.support.scripted_server import ScriptedReply, completion

    for name in ("a_seed", "b_seed"):
        shutil.copy(SEED, tmp_path / f"{name}.txt")
        shutil.copy(SEED.with_suffix(".gold.json"), tmp_path / f"{name}.gold.json")
    scripted.queue(
        ScriptedReply(body=completion(json.dumps(capable_seed_reply))),
        ScriptedReply(body=completion(None, refusal="no")),
    )
    evaluation = evaluate_backend(
        gold_set(tmp_path),
        concurrency=1,
        base_url=scripted.base_url,
        api_key=SENTINEL_KEY,
        model="scripted",
    )
    assert list(evaluation.failures) == ["b_seed"]
    assert "RefusalError" in evaluation.failures["b_seed"]
    events = evaluation.total.fields["events"]
    assert (events.tp, events.fn) == (2, 2)
    assert "1 article(s) failed" in evaluation.table()
    assert evaluation.as_dict()["failures"] == evaluation.failures


def test_eval_extracts_several_articles_at_once(scripted) -> None:
    from tests.support import SENTINEL_KEY
    from tests.support.scripted_server import article_echo

    scripted.fallback = article_echo(delay=0.1)
    articles = gold_set(DEV)[:6]
    evaluation = evaluate_backend(
        articles, concurrency=3, base_url=scripted.base_url, api_key=SENTINEL_KEY, model="m"
    )
    assert len(evaluation.articles) == 6 and not evaluation.failures
    assert 1 < scripted.max_in_flight <= 3


def _exact(start: int, end: int) -> Span:
    return Span(text="x" * (end - start), start=start, end=end, alignment="exact")


def _placed_event(day: int, city: str | None, people: list[str], evidence: tuple[int, int]):
    return DiplomaticEvent(
        event_type="meeting",
        status="occurred",
        summary="s",
        date=dt.date(2026, 3, day),
        location=Location(city=city) if city else None,
        participants=[
            Participant(
                name=name, evidence=Span(text=name, start=0, end=len(name), alignment="exact")
            )
            for name in people
        ],
        evidence=_exact(*evidence),
    )


def test_events_pair_for_the_greatest_total_not_greedily() -> None:
    from dipevents.evaluation.scoring import pair_events

    gold_x = _placed_event(2, "Rome", [], (0, 10))
    gold_y = _placed_event(9, None, ["Ana Ruiz", "Li Wei"], (50, 60))
    got_a = _placed_event(2, "Rome", ["Ana Ruiz", "Li Wei"], (100, 110))  # X: 3, Y: 2
    got_b = _placed_event(2, None, [], (200, 210))  # X: 2 only
    pairs, extra, missed = pair_events([got_a, got_b], [gold_x, gold_y])
    assert pairs == [(got_a, gold_y), (got_b, gold_x)] and not extra and not missed


def test_claims_pair_by_overlap_as_many_as_can_be() -> None:
    from dipevents.evaluation.scoring import Counts, _count_claims

    counts = Counts()
    got = [
        Span(text="x" * 20, start=0, end=20, alignment="exact"),
        Span(text="x" * 5, start=10, end=15, alignment="exact"),
    ]
    want = [
        Span(text="xx", start=10, end=12, alignment="exact"),
        Span(text="x" * 5, start=0, end=5, alignment="exact"),
    ]
    _count_claims(counts, got, want)
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)


def test_identical_or_unspaced_quotes_can_match_by_text() -> None:
    chinese = "中国外交部长王毅与俄罗斯外长拉夫罗夫在北京举行会谈"
    assert quote_similarity(chinese, chinese) == 100
    assert quote_similarity(chinese, chinese[:-2]) > 85
    assert quote_similarity("talks", "talks") == 100
    assert quote_similarity("中国外交部长", "俄罗斯外长举行会谈") == 0


def test_gold_text_keeps_its_line_ends(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Line one.\r\nThe ministers met.\r\n")
    report = EventReport(backend="gold")
    (tmp_path / "a.gold.json").write_text(report.model_dump_json())
    (article,) = gold_set(tmp_path)
    assert article.text == "Line one.\r\nThe ministers met.\r\n"


def test_each_article_is_extracted_with_its_records_publication_date(tmp_path) -> None:
    """A dateline with no year dates nothing by itself; the record's `published` gives the year."""
    article = (
        "NAIROBI, March 4 (Reuters) - Kenyan Foreign Minister Daniel Mwangi met Norwegian "
        "Foreign Minister Ingrid Solberg in Nairobi on Tuesday, the two governments said.\n"
    )
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    coded = extract_events(article, backend="rules", published=dt.date(2026, 3, 4))
    gold = coded.model_copy(update={"backend": "gold"})
    (tmp_path / "a.gold.json").write_text(gold.model_dump_json(), encoding="utf-8")
    assert coded.events[0].date == dt.date(2026, 3, 3)
    date = evaluate(tmp_path, backend="rules").total.fields["date"]
    assert (date.tp, date.fp, date.fn) == (1, 0, 0)
