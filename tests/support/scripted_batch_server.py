"""A scripted OpenAI Batch API on loopback: file uploads, batches and their result files.

Every result it serves is SCRIPTED test data: the test's `answer` maps each request line of an
uploaded input file to a scripted outcome (`ok`, `failed`, `never_ran`, or None for no line at
all), and the chat completions in them are `scripted_server.completion` bodies around replies
written for the tests, never a model's output. A batch goes through `steps`, one status per
retrieve (validating, in_progress), to its `fate` (completed, failed, expired or cancelled),
when its output and error files appear. A reply queued with `queue` is served first, whatever
the route, then those in `route_replies` for their route (a 500, a 429 or a 401). Requests are
recorded for assertions.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.scripted_server import ReceivedRequest, ScriptedReply, ScriptedServer, error_body

Outcome = dict[str, Any]
"""The `response` and `error` fields of one result line."""


def ok(body: dict[str, Any]) -> Outcome:
    """A request that ran: `body` is its scripted chat completion."""
    return {"response": {"status_code": 200, "request_id": "req-scripted", "body": body}}


def failed(status: int, message: str, *, code: str | None = None) -> Outcome:
    """A request the server answered with an HTTP error (it goes to the error file)."""
    body = error_body(message, code=code, kind="invalid_request_error")
    return {"response": {"status_code": status, "request_id": "req-scripted", "body": body}}


def never_ran(code: str = "batch_expired") -> Outcome:
    """A request that never ran (it goes to the error file, with no response)."""
    message = "This request could not be executed before the completion window expired."
    return {"response": None, "error": {"code": code, "message": message}}


class ScriptedBatchServer(ScriptedServer):
    """Files and batches on 127.0.0.1, answering each request line with `answer(line)`."""

    def __init__(
        self,
        answer: Callable[[dict[str, Any]], Outcome | None],
        *,
        fate: str = "completed",
        errors: list[dict[str, Any]] | None = None,
        steps: tuple[str, ...] = ("validating", "in_progress"),
    ) -> None:
        self.answer = answer
        self.fate = fate
        self.batch_errors = errors or []
        self.steps = steps
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self._polls: dict[str, int] = {}
        self.route_replies: dict[str, list[ScriptedReply | None]] = {}
        """Replies for one route ("POST /v1/batches"), in order; None answers as usual."""
        super().__init__()

    def inputs(self) -> list[dict[str, Any]]:
        """Every request line of every uploaded input file."""
        return [json.loads(line) for data in self.files.values() for line in data.splitlines()]

    def _upload(self, handler: BaseHTTPRequestHandler, raw: bytes) -> tuple[int, Any]:
        fields = _multipart(handler.headers["content-type"], raw)
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = fields["file"]
        size = len(fields["file"])
        return 200, {"id": file_id, "object": "file", "bytes": size, "purpose": "batch"}

    def _create(self, request: dict[str, Any]) -> tuple[int, Any]:
        if request.get("input_file_id") not in self.files:
            return 404, error_body("No such file", kind="invalid_request_error")
        batch_id = f"batch_{len(self.batches) + 1}"
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": request["endpoint"],
            "input_file_id": request["input_file_id"],
            "completion_window": request["completion_window"],
            "metadata": request.get("metadata"),
            "status": "validating",
            "created_at": 1_700_000_000,
            "output_file_id": None,
            "error_file_id": None,
            "errors": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
        }
        self._polls[batch_id] = 0
        return 200, self.batches[batch_id]

    def _retrieve(self, batch_id: str) -> tuple[int, Any]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return 404, error_body("No such batch", kind="invalid_request_error")
        poll = self._polls[batch_id]
        self._polls[batch_id] = poll + 1
        if poll < len(self.steps):
            batch["status"] = self.steps[poll]
        elif batch["status"] != self.fate:
            self._finish(batch)
        return 200, batch

    def _finish(self, batch: dict[str, Any]) -> None:
        """The batch reaches its fate: the answers are written to its result files."""
        batch["status"] = self.fate
        lines = self.files[batch["input_file_id"]].splitlines()
        batch["request_counts"]["total"] = len(lines)
        if self.fate == "failed":
            batch["errors"] = {"object": "list", "data": self.batch_errors}
            return
        outputs, errors = [], []
        for number, line in enumerate(lines, start=1):
            request = json.loads(line)
            outcome = self.answer(request)
            if outcome is None:
                continue
            result = {"id": f"batch_req_{number}", "custom_id": request["custom_id"]}
            result.update({"response": None, "error": None, **outcome})
            ran = result["response"] and result["response"]["status_code"] == 200
            (outputs if ran else errors).append(json.dumps(result))
        batch["request_counts"].update(completed=len(outputs), failed=len(errors))
        for key, found in (("output_file_id", outputs), ("error_file_id", errors)):
            if found:
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = ("\n".join(found) + "\n").encode()
                batch[key] = file_id

    def _route(self, method: str, path: str, raw: bytes, handler: Any) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if method == "POST" and parts == ["v1", "files"]:
            return self._upload(handler, raw)
        if method == "POST" and parts == ["v1", "batches"]:
            return self._create(json.loads(raw))
        if method == "GET" and parts[:2] == ["v1", "batches"] and len(parts) == 3:
            return self._retrieve(parts[2])
        if method == "GET" and parts[:2] == ["v1", "files"] and parts[3:] == ["content"]:
            data = self.files.get(parts[2])
            return (200, data) if data is not None else (404, error_body("No such file"))
        return 404, error_body(f"no route {method} {path}", kind="invalid_request_error")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(super()._handler_class()):  # type: ignore[misc]
            def do_POST(self) -> None:
                self._serve("POST")

            def do_GET(self) -> None:
                self._serve("GET")

            def _serve(self, method: str) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {name.lower(): value for name, value in self.headers.items()}
                body = json.loads(raw) if raw and "json" in headers.get("content-type", "") else {}
                server.requests.append(ReceivedRequest(f"{method} {self.path}", headers, body))
                route = server.route_replies.get(f"{method} {self.path}")
                queued = server.replies.popleft() if server.replies else None
                if queued is None and route:
                    queued = route.pop(0)
                if queued is not None:
                    status, payload = queued.status, queued.body
                else:
                    status, payload = server._route(method, self.path, raw, self)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                binary = isinstance(payload, bytes)
                kind = "application/octet-stream" if binary else "application/json"
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _multipart(content_type: str, raw: bytes) -> dict[str, bytes]:
    """The fields of a multipart/form-data body, by name."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    fields = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = part.get_payload(decode=True) or b""
    return fields
