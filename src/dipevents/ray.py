"""Ray Data support, `pip install "dipevents[ray]"`: `extract_dataset` turns a Dataset of
articles into one row of results per document (see `dipevents.runners.ray_data`)."""

from __future__ import annotations

from dipevents.runners.ray_data import RESULT_COLUMNS, extract_dataset

__all__ = ["RESULT_COLUMNS", "extract_dataset"]
