"""The clauses of a sentence that give background to the contact it reports.

"..., days after the attack on Oct 7", "since the election on Oct. 12", "After stops in Vilnius
and Riga, the minister held talks in Warsaw", "Echeverría, who flew in from Jakarta, held
talks": neither the date nor the place of such a clause is the contact's, unless the contact's
own trigger stands in it. The words that open one are in `background_clauses.txt`.
"""

from __future__ import annotations

from dipevents.text.lexicon import matcher


def background_spans(text: str, trigger: int) -> list[tuple[int, int]]:
    """The offsets of the background clauses of `text` that do not hold offset `trigger`.

    A clause that opens the sentence, or follows a comma, ends at the next comma; any other
    runs to the next such clause or to the end.
    """
    openers = matcher("background_clauses.txt").find(text)
    spans = []
    for number, opener in enumerate(openers):
        following = openers[number + 1].start if number + 1 < len(openers) else len(text)
        if opener.start == 0 or text[: opener.start].rstrip().endswith(","):
            comma = text.find(",", opener.end)
            end = min(comma if comma != -1 else len(text), following)
        else:
            end = following
        if not opener.start <= trigger < end:
            spans.append((opener.start, end))
    return spans


def in_background(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of `spans`."""
    return any(start <= offset < end for start, end in spans)
