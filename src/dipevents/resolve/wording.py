"""How many of a claim's own words its evidence's sentence shares: no synonyms, no embeddings.

A content word has three letters or more and is not a stop word. Two words share a stem when
they are equal, or begin with the same letters up to all but the last three of the shorter
word and at least four ("signed", "signing"; "restore", "restoring"); "-ies" is read as "-y"
("duties", "duty"). A claim is borne out when more than one of its content words in three
shares a stem with a word of the sentence.

The stop words are English, and so are the claims a model writes: a sentence with more of the
commonest little words of Spanish, French, Portuguese, Italian or German than of English is
not compared.
"""

from __future__ import annotations

from dipevents.text.fold import folded_words

_MIN_CONTENT_WORD = 3
_MIN_STEM = 4
_LOOSE_ENDING = 3  # letters at the end of the shorter word that may differ: -ing, -ed, -ion
_ONE_IN = 3  # more than one content word in three must be shared


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_WORDS = _words(
    """
    about above after again against all also among and any are around been before being below
    between both but can could did does doing down during each either few for from further had
    has have having her here hers him his how into its itself just more most nor not now off
    once only other our ours out over own same she should some such than that the their theirs
    them then there these they this those through too under until upon very was were what when
    where which while who whom why will with within without would yet you your
    """
)
_ENGLISH = _words(
    """
    the and of to is was were with that for from by has have had on at it its their this said
    will would which be
    """
)
_OTHER_LANGUAGES = _words(
    """
    el la los las de del que y en un una por para con se le les des du et est une dans pour sur
    qui au aux der die das und ist mit den dem nicht von zu os do da dos em nao ao il di che per
    gli della nel
    """
)


def shared_words(claim: str, sentence: str) -> tuple[int, int] | None:
    """How many of the claim's content words share a stem with a word of the sentence, of how
    many; None when there is nothing to compare (no content word, or another language)."""
    content = [
        _singular(word)
        for word in folded_words(claim)
        if len(word) >= _MIN_CONTENT_WORD and word not in _STOP_WORDS
    ]
    around = folded_words(sentence)
    if not content or _in_another_language(around):
        return None
    seen = {_singular(word) for word in around}
    shared = sum(1 for w in content if w in seen or any(_same_stem(w, s) for s in seen))
    return shared, len(content)


def enough_shared(shared: int, content: int) -> bool:
    """More than one content word in three."""
    return shared * _ONE_IN > content


def _in_another_language(words: list[str]) -> bool:
    english = sum(1 for word in words if word in _ENGLISH)
    return sum(1 for word in words if word in _OTHER_LANGUAGES) > english


def _singular(word: str) -> str:
    """Read "-ies" as "-y", the one plural that a shared beginning misses."""
    return word[:-3] + "y" if word.endswith("ies") else word


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    shared = max(_MIN_STEM, min(len(a), len(b)) - _LOOSE_ENDING)
    return a[:shared] == b[:shared]
