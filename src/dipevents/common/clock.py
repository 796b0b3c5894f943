"""The one place dipevents waits: backoff between retries, polls of a batch. Tests replace
`sleep` (and `asleep`) to record the waits instead of sleeping them."""

from __future__ import annotations

import asyncio
import time


def sleep(seconds: float) -> None:
    """Wait `seconds`."""
    time.sleep(seconds)


async def asleep(seconds: float) -> None:
    """Wait `seconds` without blocking the event loop."""
    await asyncio.sleep(seconds)
