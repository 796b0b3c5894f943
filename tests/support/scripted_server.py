"""A scripted OpenAI-compatible server on loopback, for tests that need a particular reply.

Every reply it gives is SCRIPTED test data written for the test that queues it, never a
model's output: a capable model's answer, malformed JSON, a 429, a 500, a cut-off reply, a
refusal, broken transports (a socket closed mid-body or without a reply) and hostile ones (a
body trickled a byte at a time, a chunked body that never ends, a redirect). It is a real
HTTP server, so the openai client, its parsing and our retries run exactly as they would
against a real endpoint. Requests are recorded for assertions.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ScriptedReply:
    """One scripted HTTP answer."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None
    """Written to the socket as-is instead of an HTTP answer, then the connection is closed
    (`b""`: closed without any reply)."""
    close_after: int | None = None
    """Send the status and headers (with the full content-length) but only this many bytes of
    the body, then reset the connection (RST)."""
    trickle: float | None = None
    """Send the status, headers and full content-length, then the body one byte at a time,
    this many seconds apart."""
    endless: bytes | None = None
    """Send this chunk over and over as a chunked body with no last chunk (until the client
    hangs up, or `ENDLESS_BYTES` at most, so that a test cannot run forever)."""


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    model: str = "scripted-capable-model",
) -> dict[str, Any]:
    """A chat.completion body in OpenAI's shape around scripted content."""
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def reply_event(**fields: Any) -> dict[str, Any]:
    """One event of a scripted reply: an occurred meeting with nothing but `fields` filled."""
    event = {
        "event_type": "meeting",
        "status": "occurred",
        "summary": "s",
        "date_text": None,
        "date": None,
        "location": None,
        "duration_hours": None,
        "participants": [],
        "countries": [],
        "outcomes": [],
        "disputes": [],
        "evidence": "",
    }
    return {**event, **fields}


def article_echo(delay: float = 0.0) -> Callable[[ReceivedRequest], ScriptedReply]:
    """A scripted stand-in for a model that reads the article it is sent: every request gets
    one meeting whose evidence is the article's first sentence, quoted exactly, and whose
    summary names the first 40 characters, so that each article gets a reply of its own."""

    def answer(request: ReceivedRequest) -> ScriptedReply:
        user = request.body["messages"][-1]["content"]
        article = user.split("<article>", 1)[-1].split("</article>", 1)[0].strip()
        first = _FIRST_SENTENCE.search(article)
        quote = first.group(0) if first else article[:80]
        event = reply_event(summary=f"scripted: {article[:40]}", evidence=quote)
        return ScriptedReply(body=completion(json.dumps({"events": [event]})), delay=delay)

    return answer


_FIRST_SENTENCE = re.compile(r"[^\n.]{20,}?[.]")


def error_body(message: str, *, code: str | None = None, kind: str = "server_error") -> dict:
    """An error body in OpenAI's shape."""
    return {"error": {"message": message, "type": kind, "code": code, "param": None}}


class _Listener(ThreadingHTTPServer):
    """A listen backlog large enough for a burst of concurrent clients: with the default of 5,
    extra connection attempts are dropped and retried by the kernel a second later."""

    request_queue_size = 256
    daemon_threads = True


ENDLESS_BYTES = 64 * 1024 * 1024
"""The most an `endless` body sends before the server gives up on the client."""


class ScriptedServer:
    """Serves queued replies in order on 127.0.0.1; an empty queue answers 418."""

    def __init__(self) -> None:
        self.replies: deque[ScriptedReply] = deque()
        self.requests: list[ReceivedRequest] = []
        self.fallback: Callable[[ReceivedRequest], ScriptedReply] | None = None
        """Answers every request once the queue is empty (instead of 418)."""
        self.in_flight = 0
        self.max_in_flight = 0
        """The most requests that were being answered at the same time."""
        self.cut_off = 0
        """Trickled or endless replies the client hung up on before their end."""
        self._count_lock = threading.Lock()
        self._httpd = _Listener(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def queue(self, *replies: ScriptedReply) -> None:
        self.replies.extend(replies)

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real API servers do
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall between header and body

            def handle(self) -> None:
                # The client may give up first (a timeout test): nobody is left to answer.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()

            def do_POST(self) -> None:
                with server._count_lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer()
                finally:
                    with server._count_lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                received = ReceivedRequest(
                    self.path, _lowered(self.headers), json.loads(raw or b"{}")
                )
                server.requests.append(received)
                if server.replies:
                    reply = server.replies.popleft()
                else:
                    reply = server.fallback(received) if server.fallback else _exhausted()
                time.sleep(reply.delay)
                if reply.raw is not None:
                    self.close_connection = True
                    self.wfile.write(reply.raw)
                    return
                payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                payload = payload.encode() if isinstance(payload, str) else payload
                self.send_response(reply.status)
                headers = {"content-type": "application/json", **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                if reply.endless is not None:
                    self.send_header("transfer-encoding", "chunked")
                else:
                    self.send_header("content-length", str(len(payload)))
                self.end_headers()
                if reply.trickle is not None or reply.endless is not None:
                    self._send_slowly(reply, payload)
                    return
                if reply.close_after is None:
                    self.wfile.write(payload)
                    return
                self.wfile.write(payload[: reply.close_after])
                self.wfile.flush()
                self.close_connection = True
                _reset(self.connection)

            def _send_slowly(self, reply: ScriptedReply, payload: bytes) -> None:
                """A trickled or endless body, counting a client that hangs up first."""
                if reply.endless is not None:
                    chunk = b"%x\r\n%s\r\n" % (len(reply.endless), reply.endless)
                    pieces = [chunk] * (ENDLESS_BYTES // len(reply.endless))
                else:
                    pieces = [payload[n : n + 1] for n in range(len(payload))]
                self.close_connection = True
                try:
                    for piece in pieces:
                        self.wfile.write(piece)
                        self.wfile.flush()
                        time.sleep(reply.trickle or 0.0)
                except (BrokenPipeError, ConnectionResetError):
                    server.cut_off += 1

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        return Handler


def _exhausted() -> ScriptedReply:
    return ScriptedReply(status=418, body=error_body("the script has no more replies"))


def _reset(connection: socket.socket) -> None:
    """Close abortively: SO_LINGER with a zero timeout makes close() send RST, not FIN."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def _lowered(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}
