"""A JSON Lines output that a run can resume: one line per document id.

Re-opening the file reads the ids already there. Those with a report are done; those with an
error are done too, unless failed documents are to be retried, in which case their lines are
removed first. A last line cut off by a killed run is dropped. Each line is written whole and
flushed as soon as its document is finished, so a run can stop at any moment and lose only the
documents still in flight.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO


class RunLog:
    """The output file of a resumable run."""

    def __init__(self, path: str | os.PathLike[str], *, retry_failed: bool = False) -> None:
        self.path = Path(path)
        self.done: set[str] = set()
        self.dropped_failures = 0
        kept = self._kept_lines(retry_failed)
        if kept is not None:
            _rewrite(self.path, kept)
        self._out: TextIO = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (closed by close)

    def write(self, record: dict[str, Any]) -> None:
        """Append one document's record and flush it to the operating system."""
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._out.flush()
        self.done.add(record["id"])

    def close(self) -> None:
        self._out.close()

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _kept_lines(self, retry_failed: bool) -> list[str] | None:
        """Read the ids done; the lines to keep when the file must be rewritten, else None."""
        if not self.path.exists():
            return None
        content = self.path.read_text(encoding="utf-8")
        lines = content.splitlines(keepends=True)
        cut_off = bool(lines) and not lines[-1].endswith("\n")
        kept: list[str] = []
        for line in lines[:-1] if cut_off else lines:
            record = _record(line)
            if record is None:
                continue
            if "error" in record and retry_failed:
                self.dropped_failures += 1
                continue
            self.done.add(record["id"])
            kept.append(line)
        return kept if cut_off or self.dropped_failures or len(kept) != len(lines) else None


def _record(line: str) -> dict[str, Any] | None:
    """A well-formed record of this log, or None (blank or foreign lines are dropped)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record
    return None


def _rewrite(path: Path, lines: list[str]) -> None:
    """Replace the file's content in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.writelines(lines)
    os.replace(temporary, path)
