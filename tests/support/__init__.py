"""Helpers the test modules share: paths, the sentinel key, scripted servers and builders.

Test modules import from here, never from one another or from `tests.conftest`; the pytest
fixtures stay in `tests/conftest.py`.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_2ef40a972b9403a2.txt"
DEV = SEEDS / "dev"
SCRIPTED = ROOT / "tests" / "scripted"
"""Scripted replies: test data written for the tests, never a model's output."""
SENTINEL_KEY = "sk-sentinel-0123456789abcdefSECRET"


FORK_SERVER = pytest.mark.block_network(
    allowed_hosts=["127.0.0.1", "localhost", re.escape(tempfile.gettempdir()) + "/pymp-"]
)
"""For tests of worker processes (`processes=`): multiprocessing's fork server talks to them
over a Unix socket in the temporary folder, which the network block must let through."""
