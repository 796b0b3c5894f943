"""A JSON Lines output that a run can resume: one line per document id.

Re-opening the file reads the ids already there. Those with a report are done; those with an
error are done too, unless they are to be retried, in which case their lines are removed first.
A last line cut off by a killed run is dropped. Each line is written whole and flushed as soon as
its document is finished, so a run can stop at any moment and lose only the documents still in
flight. A file holding anything but such records is never rewritten: it is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any, BinaryIO

from dipevents.common.files import write_atomically
from dipevents.errors import ConfigurationError


class RunLog:
    """The output file of a resumable run."""

    def __init__(
        self, path: str | os.PathLike[str], *, retry: Collection[str] = frozenset()
    ) -> None:
        """Open `path`, dropping the error lines of the ids in `retry` (and a cut-off end)."""
        self.path = Path(path)
        self.done: set[str] = set()
        self.failed_before: set[str] = set()
        kept = self._kept_lines(set(retry))
        if kept is not None:
            _rewrite(self.path, kept)
        self._out: BinaryIO | None = None
        """Opened with the first record, so a run that fails before any leaves no file."""

    def write(self, record: dict[str, Any]) -> None:
        """Append one document's record and flush it to the operating system."""
        if self._out is None:
            self._out = open(self.path, "ab")  # noqa: SIM115 (closed by close)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        self._out.write(line.encode("utf-8"))
        self._out.flush()
        self.done.add(record["id"])

    def close(self) -> None:
        if self._out is not None:
            self._out.close()

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _kept_lines(self, retry: set[str]) -> list[bytes] | None:
        """Read the ids done; the lines to keep when the file must be rewritten, else None."""
        if not self.path.exists():
            return None
        lines = self.path.read_bytes().split(b"\n")
        cut_off = lines.pop() != b""  # the text after the last newline
        kept: list[bytes] = []
        for number, line in enumerate(lines, start=1):
            record = _record(line)
            if record is None:
                raise ConfigurationError(
                    f"{self.path} line {number} is not a dipevents record: choose another "
                    "output file (an existing one is only ever appended to)"
                )
            failed = "error" in record
            if failed and record["id"] in retry:
                continue
            (self.failed_before if failed else self.done).add(record["id"])
            self.done.add(record["id"])
            kept.append(line + b"\n")
        return kept if cut_off or len(kept) != len(lines) else None


def pending_ids(path: str | os.PathLike[str], ids: list[str], *, retry: bool) -> list[str]:
    """Of `ids`, those a run with this output would extract (reading the file, changing
    nothing): not recorded yet, or recorded as failed when `retry`."""
    target = Path(path)
    if not target.exists():
        return list(ids)
    recorded: dict[str, bool] = {}
    for line in target.read_bytes().split(b"\n"):
        record = _record(line)
        if record is not None:
            recorded[record["id"]] = "error" in record
    return [i for i in ids if i not in recorded or (retry and recorded[i])]


def _record(line: bytes) -> dict[str, Any] | None:
    """A record of this log (an object with a string id and a report or an error), or None."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None
    return record if "report" in record or "error" in record else None


def _rewrite(path: Path, lines: list[bytes]) -> None:
    """Replace the file's content in one step, keeping its permissions."""
    write_atomically(path, b"".join(lines), keep_mode=True)
