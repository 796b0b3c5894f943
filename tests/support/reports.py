"""Reports to export in the tests: the rules coder's, and the dev set's gold files as the
pipeline would finish them (ids and codes); and exports read back with pandas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dipevents import EventReport, extract_events
from dipevents.resolve.refine import refine_events


def rules_report(path: Path) -> EventReport:
    return extract_events(path.read_text(encoding="utf-8"), backend="rules")


def gold_report(path: Path) -> EventReport:
    """The gold report beside an article, with ids and codes, as the pipeline would give it."""
    report = EventReport.model_validate_json(path.with_suffix(".gold.json").read_text("utf-8"))
    report.events = refine_events(report.events, [])
    return report


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows with every missing value (NaN, NaT, None) as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")
