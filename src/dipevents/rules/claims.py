"""The outcomes and disputes a sentence reports: one claim per clause that holds a cue.

Cues come from the lexicons `outcome_cues.tsv` (phrase and outcome kind) and
`dispute_cues.txt`, so the code is the same for every language; `not_claim_cues.txt` holds
phrases that contain a cue but report nothing. Each claim quotes the clause around its cue
(`claim_clauses`), and `claim_parties` says whose claim it is.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from dipevents.model.draft import ReplyDispute, ReplyOutcome
from dipevents.model.enums import DisputeStatus, OutcomeKind
from dipevents.rules.claim_clauses import clause_around, last_join
from dipevents.rules.claim_parties import (
    dispute_parties,
    ends_in_party,
    outcome_parties,
    qualified_raiser,
    raiser_after,
    subject,
)
from dipevents.rules.people import Person
from dipevents.rules.segment import Sentence
from dipevents.text.fold import lower_words
from dipevents.text.lexicon import Cue, matcher, phrases

_SUMMARY_LIMIT = 160
_MODAL = "modal"
"""The kind `outcome_cues.tsv` gives "will" and "would": a pledge when a party is the subject."""
_FIRST_WORD = re.compile(r"[\s\"“‘']*(\w+)")  # the verb after a modal, past a quote mark


class ClaimHolder(Protocol):
    """What claims are added to: an event's outcomes and disputes."""

    outcomes: list[ReplyOutcome]
    disputes: list[ReplyDispute]


def add_claims(
    article: str,
    sentence: Sentence,
    event: ClaimHolder,
    event_countries: list[str],
    people: list[Person],
) -> None:
    """Add to `event` the outcomes and disputes reported in `sentence`, one per clause with a
    cue; `event_countries` are the event's countries, the default parties of each claim, and
    `people` those the article names, whose countries may raise a dispute."""
    cues = _claim_cues(article, sentence)
    taken_until = sentence.start
    for index, (kind, cue) in enumerate(cues):
        if cue.start < taken_until:
            continue
        start, end, taken_until = _claim_span(
            article, sentence, (kind, cue), cues[index + 1 :], taken_until
        )
        owner = _subject(article, (start, sentence.start), cue, people)
        if kind == "dispute":
            event.disputes.append(_dispute(article, (start, end), cue, owner, event_countries))
        else:
            event.outcomes.append(_outcome(article[start:end], _kind(cue), owner, event_countries))


def _claim_span(
    article: str,
    sentence: Sentence,
    claim: tuple[str, Cue],
    later: list[tuple[str, Cue]],
    taken_until: int,
) -> tuple[int, int, int]:
    """The offsets of a claim's clause, not before `taken_until`, and where the next claim may
    begin: the clause's end, or for an outcome that gives way to a later one, after the join."""
    kind, cue = claim
    start, end = clause_around(article, sentence, kind, cue.start)
    start = max(start, taken_until)
    join = _join_before_next(article, cue, later, end) if kind == "outcome" else None
    return (start, *join) if join is not None else (start, end, end)


def _join_before_next(
    article: str, cue: Cue, later: list[tuple[str, Cue]], end: int
) -> tuple[int, int] | None:
    """Where an outcome's clause gives way to the next claim before `end`: the join ("and")
    before the first later cue that has one."""
    for _, following in later:
        if not cue.end < following.start < end:
            break
        join = last_join(article, cue.end, following.start)
        if join is not None:
            return join
    return None


def _claim_cues(article: str, sentence: Sentence) -> list[tuple[str, Cue]]:
    """The outcome and dispute cues of `sentence`, in text order (the longer first where two
    start together): a modal only as a pledge, none inside a phrase of `not_claim_cues.txt`."""
    outcomes = [
        cue
        for cue in matcher("outcome_cues.tsv").find(article, *sentence.span)
        if cue.value != _MODAL or _modal_pledges(article, sentence.start, cue)
    ]
    disputes = matcher("dispute_cues.txt").find(article, *sentence.span)
    vetoes = matcher("not_claim_cues.txt").find(article, *sentence.span)
    found = [*(("outcome", cue) for cue in outcomes), *(("dispute", cue) for cue in disputes)]
    kept = [
        (kind, cue)
        for kind, cue in found
        if not any(veto.start <= cue.start < veto.end for veto in vetoes)
    ]
    return sorted(kept, key=lambda kind_cue: (kind_cue[1].start, -kind_cue[1].end))


def _kind(cue: Cue) -> OutcomeKind:
    return OutcomeKind.PLEDGE if cue.value == _MODAL else OutcomeKind(cue.value)


def _modal_pledges(article: str, sentence_start: int, modal: Cue) -> bool:
    """Whether "will" or "would" reports a party's pledge: a party is its subject ("Tokyo
    would", "Fiji said it would") and the verb after it is no negation, state or trip."""
    verb = _FIRST_WORD.match(article, modal.end)
    if verb is not None and verb.group(1).lower() in _not_pledge_verbs():
        return False
    before = article[sentence_start : modal.start].rstrip()
    subjects = (*phrases("pledge_subjects.txt"), *phrases("joint_parties.txt"))
    return ends_in_party(before) or any(
        lower_words(before).endswith(subject) for subject in subjects
    )


@cache
def _not_pledge_verbs() -> frozenset[str]:
    return frozenset(phrases("not_pledge_verbs.txt"))


def _subject(
    article: str, starts: tuple[int, int], cue: Cue, people: list[Person]
) -> tuple[str, ...] | None:
    """The claim's subject (`claim_parties.subject`) named in its clause before the cue, else
    in its sentence before the cue; `starts` are the clause's and the sentence's offsets."""
    for start in starts:
        found = subject(article[start : cue.start], start, people)
        if found is not None:
            return found
    return None


def _dispute(
    article: str,
    span: tuple[int, int],
    cue: Cue,
    owner: tuple[str, ...] | None,
    event_countries: list[str],
) -> ReplyDispute:
    """A dispute quoting `article[slice(*span)]`: raised by a country qualifying a second cue,
    else by its subject alone, else by the country a trailing "which" clause names; resolved
    when the clause says the event settled it."""
    clause = article[slice(*span)]
    after = article[cue.end : span[1]]
    alone = owner[0] if owner and len(owner) == 1 else None
    raised_by = qualified_raiser(after) or alone or raiser_after(after)
    settled = matcher("resolved_cues.txt").first(clause) is not None
    return ReplyDispute(
        issue=shortened(clause),
        raised_by=raised_by,
        parties=dispute_parties(clause, raised_by, event_countries),
        status=DisputeStatus.RESOLVED if settled else DisputeStatus.UNRESOLVED,
        evidence=clause,
    )


def _outcome(
    clause: str, kind: OutcomeKind, owner: tuple[str, ...] | None, event_countries: list[str]
) -> ReplyOutcome:
    return ReplyOutcome(
        kind=kind,
        description=shortened(clause),
        parties=outcome_parties(clause, kind, owner, event_countries),
        evidence=clause,
    )


def shortened(text: str, limit: int = _SUMMARY_LIMIT) -> str:
    """`text`, cut at a word and ended with "…" when it is longer than `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
