"""Fill in the offsets of a hand-written gold record: `python seeds/fill_spans.py GOLD.json ...`.

A gold record is written with quotes only: each span needs its `text`; `start`, `end` and
`alignment` may be left out. This script finds each quote in the article beside the record
(`NNN_slug.txt` for `NNN_slug.gold.json`), writes the offsets, and checks the result with
`EventReport`. Offsets that already match their quote are kept. Otherwise a quote that occurs
more than once takes its first occurrence from its event's evidence on (the last before it if
there is none); a quote that is not in the article is an error, and nothing is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from dipevents import EventReport


def fill(gold_path: Path) -> None:
    """Write the offsets of every span in `gold_path`, found in its article."""
    article = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(
        encoding="utf-8"
    )
    record = json.loads(gold_path.read_text(encoding="utf-8"))
    for event in record["events"]:
        anchor = _place(article, event["evidence"], 0)
        for span in _spans(event):
            if span is not event["evidence"]:
                _place(article, span, anchor)
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    EventReport.model_validate_json(text)
    gold_path.write_text(text, encoding="utf-8")


def _spans(node: Any) -> list[dict[str, Any]]:
    """Every span (a dict with `text` and no other content fields) under `node`."""
    if isinstance(node, list):
        return [span for item in node for span in _spans(item)]
    if not isinstance(node, dict):
        return []
    if "text" in node and set(node) <= {"text", "start", "end", "alignment"}:
        return [node]
    return [span for value in node.values() for span in _spans(value)]


def _place(article: str, span: dict[str, Any], anchor: int) -> int:
    """Set the span's offsets to its quote's occurrence at or after `anchor`, else before it."""
    quote = span["text"]
    if isinstance(span.get("start"), int) and article[span["start"] : span.get("end")] == quote:
        return int(span["start"])
    start = article.find(quote, anchor)
    if start < 0:
        start = article.rfind(quote, 0, anchor)
    if start < 0:
        raise SystemExit(f"not in the article: {quote!r}")
    span.update(start=start, end=start + len(quote), alignment="exact")
    return start


if __name__ == "__main__":
    for name in sys.argv[1:]:
        fill(Path(name))
