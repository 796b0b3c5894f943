"""The outcomes and disputes a sentence reports: one claim per clause that holds a cue.

Cues come from the lexicons `outcome_cues.tsv` (phrase and outcome kind) and
`dispute_cues.txt`, so the code is the same for every language. Each claim quotes the clause
around its cue, cut where a human would cut the quote: after an introductory phrase or "that",
at a semicolon or dash, before a trailing participle or relative clause.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Protocol

from dipevents.model.draft import ReplyDispute, ReplyOutcome
from dipevents.model.enums import DisputeStatus, OutcomeKind
from dipevents.rules.people import Person
from dipevents.rules.segment import Sentence
from dipevents.text.countries import find_country_mentions, organization_code
from dipevents.text.fold import APOSTROPHES, lower_words
from dipevents.text.lexicon import Cue, matcher, phrases

# Where a clause may begin: after an introductory phrase's comma, "that", "when", a semicolon.
_CLAUSE_START = re.compile(r"(?:,\s+|\bthat\s+|;\s+|\bwhile\s+|\bwhen\s+|\bHowever,\s+)")
# Words after which "that" points ("At that meeting") rather than opening a clause.
_BEFORE_POINTING_THAT = frozenset(
    {"at", "in", "on", "of", "by", "to", "for", "from", "with", "after", "before", "during"}
)
# Where it ends: a dash, semicolon, or a trailing participle or relative clause. A dispute
# runs on through "while", "but" and "which", which give the other side's position or the
# raiser's ("..., which Lithuania wants Estonia to co-finance").
_CLAUSE_ENDS = {
    "outcome": re.compile(
        r"\s*(?:[—–;]|,\s+(?:while|but|following|which|including|compounded|a key|ending)\b)"
    ),
    "dispute": re.compile(r"\s*(?:[—–;]|,\s+(?:following|including|compounded|a key)\b)"),
}
_MIN_WORDS = 4
_SUMMARY_LIMIT = 160
_MODAL = "modal"
"""The kind `outcome_cues.tsv` gives "will" and "would": a pledge when a party is the subject."""
_WORDS_AFTER_PARTY = 2  # words between a country and the modal: "South Korean companies would"
_SUBJECT_WORDS = 5  # words before the modal in which an organisation may be named
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|of|with|near|on|for|by)\s+$", re.I)
_FIRST_WORD = re.compile(r"\s*(\w+)")
_AND = re.compile(r"\s+and\s+")
# Between a country and the cue it qualifies: "Australian concerns", "Somalia's objection".
_QUALIFIES = re.compile(rf"(?:[{APOSTROPHES}]s?)?\s+")
_WHICH = re.compile(r"\b(?:which|where)\s+(?:the\s+)?")


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
    taken_until = sentence.start
    for kind, cue in _claim_cues(article, sentence):
        if cue.start < taken_until:
            continue
        start, end = _clause_around(article, sentence, kind, cue.start)
        start = max(start, taken_until)
        clause = article[start:end]
        if kind == "dispute":
            raised_by = (
                _raiser(article, start, cue, people)
                or _raiser(article, sentence.start, cue, people)
                or _raiser_after(article[cue.end : end])
            )
            event.disputes.append(_dispute(clause, raised_by, event_countries))
        else:
            event.outcomes.append(_outcome(clause, _kind(cue), event_countries))
        taken_until = end


def _claim_cues(article: str, sentence: Sentence) -> list[tuple[str, Cue]]:
    """The outcome and dispute cues of `sentence`, in text order: a modal only as a pledge,
    none that starts inside a phrase of `not_claim_cues.txt`."""
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
    return sorted(kept, key=lambda kind_cue: kind_cue[1].start)


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
    return _ends_in_party(before) or any(
        lower_words(before).endswith(subject) for subject in subjects
    )


def _ends_in_party(text: str) -> bool:
    """Whether `text` ends in a country or organisation as a subject: "Kenya", "Kenya's
    government", "South Korean companies", "the African Union"; not "talks in Nairobi"."""
    mentions = find_country_mentions(text)
    if mentions:
        last = mentions[-1]
        after = text[last.end :].split()
        if len(after) <= _WORDS_AFTER_PARTY and not _PREPOSITION_BEFORE.search(text[: last.start]):
            return True
    words = text.split()[-_SUBJECT_WORDS:]
    return any(organization_code(" ".join(words[first:])) for first in range(len(words)))


@cache
def _not_pledge_verbs() -> frozenset[str]:
    return frozenset(phrases("not_pledge_verbs.txt"))


def _raiser(article: str, start: int, cue: Cue, people: list[Person]) -> str | None:
    """The country that raised a dispute, from what `article[start:cue.start]` names before
    its cue: a country qualifying the cue ("raised Australian concerns", "Somalia's
    objection"), else the first person's or country's ("Chile raised", "Rojas also raised");
    none for all sides or two countries together ("both sides", "Niger and Chad urged")."""
    before = article[start : cue.start]
    if matcher("joint_parties.txt").first(before):
        return None
    mentions = find_country_mentions(before)
    actors = [(m.start, m.code) for m in mentions]
    actors += [
        (mention - start, person.country)
        for person in people
        if person.country
        for mention, _ in (person.evidence, *person.mentions)
        if start <= mention < cue.start
    ]
    if not actors:
        return None
    position, code = min(actors)
    if _QUALIFIES.fullmatch(before[mentions[-1].end :] if mentions else "-"):
        position, code = mentions[-1].start, mentions[-1].code
    joint = any(
        position in {first.start, second.start} and _AND.fullmatch(before[first.end : second.start])
        for first, second in pairwise(mentions)
    )
    return None if joint else code


def _raiser_after(after_cue: str) -> str | None:
    """The country whose position a relative clause after the cue gives ("..., which
    Lithuania wants Estonia to co-finance")."""
    for which in _WHICH.finditer(after_cue):
        mentions = find_country_mentions(after_cue[which.end() :])
        if mentions and mentions[0].start == 0:
            return mentions[0].code
    return None


def _dispute(clause: str, raised_by: str | None, event_countries: list[str]) -> ReplyDispute:
    """A dispute quoting `clause`, resolved when the clause says the event settled it."""
    settled = matcher("resolved_cues.txt").first(clause) is not None
    return ReplyDispute(
        issue=shortened(clause),
        raised_by=raised_by,
        parties=_parties(clause, event_countries, raised_by),
        status=DisputeStatus.RESOLVED if settled else DisputeStatus.UNRESOLVED,
        evidence=clause,
    )


def _outcome(clause: str, kind: OutcomeKind, event_countries: list[str]) -> ReplyOutcome:
    return ReplyOutcome(
        kind=kind,
        description=shortened(clause),
        parties=_parties(clause, event_countries, None),
        evidence=clause,
    )


def _clause_around(article: str, sentence: Sentence, kind: str, cue: int) -> tuple[int, int]:
    """Offsets of the clause of `sentence` that holds the `kind` cue starting at `cue`."""
    start = sentence.start
    for match in _CLAUSE_START.finditer(article, sentence.start, cue):
        if not _points(article, sentence.start, match):
            start = match.end()
    end = sentence.end
    after = _CLAUSE_ENDS[kind].search(article, cue, sentence.end)
    if after is not None and len(article[start : after.start()].split()) >= _MIN_WORDS:
        end = after.start()
    if article[end - 1 : end] in {",", " "}:
        end -= 1
    return start, end


def _points(article: str, sentence_start: int, match: re.Match[str]) -> bool:
    """Whether the clause start `match` is a pointing "that" ("At that meeting")."""
    if not match.group().startswith("that"):
        return False
    before = article[sentence_start : match.start()].split()
    return bool(before) and before[-1].lower() in _BEFORE_POINTING_THAT


def _parties(clause: str, event_countries: list[str], raised_by: str | None) -> list[str]:
    named = [m.code for m in find_country_mentions(clause)]
    return list(dict.fromkeys([*([raised_by] if raised_by else []), *named, *event_countries]))


def shortened(text: str, limit: int = _SUMMARY_LIMIT) -> str:
    """`text`, cut at a word and ended with "…" when it is longer than `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
