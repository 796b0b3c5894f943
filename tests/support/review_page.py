"""A parser for the HTML review page, for the tests that read one."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class Page(HTMLParser):
    """The parts of a review page the tests look at: the article's text, where each mark
    piece lies in it, the cards' claim rows, and every tag and attribute."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.article = ""
        self.pieces: list[tuple[str, str, int, int, bool]] = []  # n, kind, start, end, continued
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in_article = False
        self._marks: list[tuple[str, str, int, bool]] = []
        self._raw: list[str] | None = None
        self.feed(page)
        self.close()
        assert not self._marks, "unclosed mark"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "article":
            self._in_article = True
        elif tag == "mark":
            assert self._in_article
            piece = (found["data-n"], found["data-kind"], len(self.article))
            self._marks.append((*piece, "data-continued" in found))  # type: ignore[arg-type]
        elif tag in ("script", "style"):
            self._raw = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == "mark":
            n, kind, start, continued = self._marks.pop()
            self.pieces.append((n, kind, start, len(self.article), continued))
        elif tag in ("script", "style") and self._raw is not None:
            (self.scripts if tag == "script" else self.styles).append("".join(self._raw))
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.append(data)
        elif self._in_article:
            self.article += data

    def ranges(self) -> dict[str, list[tuple[int, int]]]:
        """Each highlight's pieces, merged where they touch."""
        merged: dict[str, list[tuple[int, int]]] = {}
        for n, _, start, end, _ in sorted(self.pieces, key=lambda p: p[2]):
            spans = merged.setdefault(n, [])
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return merged

    def kinds(self) -> Counter[str]:
        """The number of distinct highlights of each kind."""
        return Counter(kind for _, kind in {(n, kind) for n, kind, *_ in self.pieces})
