"""`events_frame` and `EventReport.to_pandas`: a DataFrame of events, pandas loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import dipevents
from dipevents import ConfigurationError, DocumentResult, events_frame
from dipevents.outputs.rows import EVENT_COLUMNS
from tests.support import DEV, SEED
from tests.support.reports import frame_records, gold_report, rules_report

VISIT = DEV / "004_state_visit_fin_vnm.txt"


def results() -> list[DocumentResult]:
    return [
        DocumentResult(
            id="seed", index=0, report=rules_report(SEED), source_url="https://example.org/seed"
        ),
        DocumentResult(id="broken", index=1, error_type="InputError", error="empty"),
        DocumentResult(id="visit", index=2, report=gold_report(VISIT), metadata={"language": "fi"}),
    ]


def test_a_row_per_event_of_every_document_with_its_id_and_url() -> None:
    frame = events_frame(results())
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert frame["source"].tolist() == ["seed", "seed", "visit"]  # the failed one left out
    records = frame_records(frame)
    assert [r["source_url"] for r in records] == ["https://example.org/seed"] * 2 + [None]
    assert [r["language"] for r in records] == [None, None, "fi"]
    assert frame["cameo_code"].tolist() == ["044", "040", "042"]
    assert frame["date"].tolist() == [
        pd.Timestamp(d) for d in ("2025-04-10", "2025-02-27", "2026-10-13")
    ]
    assert frame["published"].iloc[2] == pd.Timestamp("2026-10-13")


def test_a_report_to_pandas_is_its_rows() -> None:
    report = rules_report(SEED)
    frame = report.to_pandas(source="seed", source_url="https://example.org/seed")
    rows = report.to_rows(source="seed", source_url="https://example.org/seed")
    dates = ["date", "published"]
    assert frame_records(frame.drop(columns=dates)) == [
        {k: v for k, v in row.items() if k not in dates} for row in rows
    ]
    assert events_frame([]).empty and list(events_frame([]).columns) == list(EVENT_COLUMNS)


def test_without_pandas_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ConfigurationError, match="pip install pandas"):
        events_frame(results())
    with pytest.raises(ConfigurationError, match="pip install pandas"):
        rules_report(SEED).to_pandas()


def test_events_frame_is_exported_and_imports_no_pandas_until_called() -> None:
    assert "events_frame" in dipevents.__all__
    assert dipevents.events_frame is events_frame
    code = (
        "import sys, dipevents\n"
        "dipevents.events_frame\n"
        f"dipevents.extract_events(open({str(SEED)!r}).read(), backend='rules').to_plover()\n"
        "assert 'pandas' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
