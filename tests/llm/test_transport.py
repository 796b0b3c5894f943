"""Retries of one chat-completion request, against the scripted server on loopback.

The retry and backoff cases of every failure mode are in tests/behaviour/test_failures.py.
"""

from __future__ import annotations

from tests.support.articles import ok_reply, scripted_extract
from tests.support.scripted_server import ScriptedReply, ScriptedServer, error_body


# Regression pinned after review: an unparseable Retry-After header broke the retry wait.
def test_an_unreadable_retry_after_falls_back_to_backoff(
    scripted: ScriptedServer, sleeps: list[float]
) -> None:
    scripted.queue(
        ScriptedReply(status=429, body=error_body("x"), headers={"retry-after": "soon"}), ok_reply()
    )
    assert len(scripted_extract(scripted)) == 1 and len(sleeps) == 1 and sleeps[0] < 2
