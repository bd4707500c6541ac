"""A tiny in-process HTTP server on 127.0.0.1 for tests (no real network).

Usage::

    from tests.stubserver import StubServer, StubResponse, stub_server  # fixture

    def test_x(stub_server):
        stub_server.add("/jobs", StubResponse(200, {"Content-Type": "application/json"}, b"[]"))
        stub_server.add("/flaky", [StubResponse(500), StubResponse(200, body="ok")])  # in order, last repeats
        stub_server.add("/echo", lambda req: StubResponse(200, body=req.headers["user-agent"]))
        stub_server.json("/api", {"jobs": []})
        url = stub_server.url("/jobs?page=2")
        ...
        assert stub_server.hits("/flaky") == 2
        assert stub_server.requests[-1].headers["user-agent"].startswith("CareerCoPilot")

Routes match on the path only (query ignored); unknown paths get 404. A response may be
a :class:`StubResponse`, a ``(status, headers, body)`` tuple, a ``dict``/``list``
(served as JSON), a callable taking the :class:`RecordedRequest`, or a list of those
(served in order, the last one repeating). Bodies may be ``bytes``, ``str`` or JSON-able.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

__all__ = ["RecordedRequest", "StubResponse", "StubServer", "stub_server"]


@dataclass
class StubResponse:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | str | Any = b""
    delay: float = 0.0  # seconds to wait before sending anything (tests client timeouts)
    chunked: bool = False  # Transfer-Encoding: chunked, no Content-Length
    no_content_length: bool = False  # body ends when the connection closes
    drip: float = 0.0  # seconds between body chunks of ``chunk_size``
    chunk_size: int = 16 * 1024

    def body_bytes(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass
class RecordedRequest:
    method: str
    path: str  # without query
    query: dict[str, list[str]]
    raw_path: str
    headers: dict[str, str]  # lower-cased keys
    body: bytes


Handler = Callable[[RecordedRequest], Any]


def _coerce(response: Any) -> StubResponse:
    if isinstance(response, StubResponse):
        return response
    if isinstance(response, tuple):
        return StubResponse(*response)
    if isinstance(response, (dict, list)):
        return StubResponse(200, {"Content-Type": "application/json"}, response)
    if isinstance(response, (str, bytes)):
        return StubResponse(200, {"Content-Type": "text/plain; charset=utf-8"}, response)
    raise TypeError(f"cannot serve {response!r}")


class StubServer:
    """Context manager running a ThreadingHTTPServer on 127.0.0.1 (random port); HTTPS when
    given a server-side ``tls`` context."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._tls = tls
        self._routes: dict[str, list[Any]] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- routes ---------------------------------------------------------------

    def add(self, path: str, response: Any, *, delay: float | None = None) -> StubServer:
        """Register ``path`` -> response (see module docstring). Replaces an earlier route."""
        responses = list(response) if isinstance(response, list) and _is_sequence_of_responses(response) else [response]
        if delay is not None:
            responses = [_with_delay(r, delay) for r in responses]
        with self._lock:
            self._routes[path] = responses
            self._served[path] = 0
        return self

    def json(self, path: str, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> StubServer:
        return self.add(path, StubResponse(status, {"Content-Type": "application/json", **(headers or {})}, data))

    def html(self, path: str, html: str, status: int = 200) -> StubServer:
        return self.add(path, StubResponse(status, {"Content-Type": "text/html; charset=utf-8"}, html))

    def redirect(self, path: str, location: str, status: int = 302) -> StubServer:
        return self.add(path, StubResponse(status, {"Location": location}))

    # -- inspection -----------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> StubServer:
        stub = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # silence stderr
                pass

            def _handle(self) -> None:
                stub._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

        class _Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients hanging up on slow responses is expected in tests

        self._server = _Server(("127.0.0.1", 0), _Handler)
        if self._tls is not None:
            self._server.socket = self._tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- serving --------------------------------------------------------------

    def _next_response(self, request: RecordedRequest) -> StubResponse:
        with self._lock:
            self.requests.append(request)
            responses = self._routes.get(request.path)
            if responses is None:
                return StubResponse(404, {"Content-Type": "text/plain"}, b"not found")
            index = min(self._served[request.path], len(responses) - 1)
            self._served[request.path] += 1
            response = responses[index]
        if callable(response) and not isinstance(response, StubResponse):
            response = response(request)
        return _coerce(response)

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        request = RecordedRequest(
            method=h.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            raw_path=h.path,
            headers={k.lower(): v for k, v in h.headers.items()},
            body=body,
        )
        response = self._next_response(request)
        if response.delay and self._stopping.wait(response.delay):
            return
        payload = response.body_bytes()
        h.close_connection = True
        h.send_response(response.status)
        header_names = {k.lower() for k in response.headers}
        for name, value in response.headers.items():
            h.send_header(name, value)
        if response.chunked:
            h.send_header("Transfer-Encoding", "chunked")
        elif not response.no_content_length and "content-length" not in header_names:
            h.send_header("Content-Length", str(len(payload)))
        h.send_header("Connection", "close")
        h.end_headers()
        if h.command == "HEAD":
            return
        step = max(1, response.chunk_size)
        try:
            for start in range(0, len(payload), step):
                piece = payload[start : start + step]
                if response.chunked:
                    h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                else:
                    h.wfile.write(piece)
                h.wfile.flush()
                if response.drip and self._stopping.wait(response.drip):
                    return
            if response.chunked:
                h.wfile.write(b"0\r\n\r\n")
                h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _is_sequence_of_responses(value: list[Any]) -> bool:
    """A list of StubResponse/tuples/callables is a sequence; any other list is a JSON body."""
    return bool(value) and all(isinstance(v, (StubResponse, tuple)) or callable(v) for v in value)


def _with_delay(response: Any, delay: float) -> Any:
    if callable(response) and not isinstance(response, StubResponse):
        return lambda request: _with_delay(_coerce(response(request)), delay)
    coerced = _coerce(response)
    return StubResponse(**{**coerced.__dict__, "delay": delay})


@pytest.fixture
def stub_server() -> Iterator[StubServer]:
    """A started :class:`StubServer`; import this name into a test module to use it."""
    with StubServer() as server:
        yield server
