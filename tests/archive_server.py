"""A local HTTP server on 127.0.0.1 for the network tests, serving the synthetic archive.

The tests start it themselves (a ``ThreadingHTTPServer`` in a thread, on a free port); it
serves ``tests/data/archive`` (synthetic pages, see the README there) and records every request
it receives, so a test can say exactly what was asked for, and how often. Faults are set per
path: an HTTP status for the first N requests, a slow answer, a body cut short, a redirect, or a
request held until the test lets it go (to kill a crawl while it waits).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from cooptrack.acquire.http import HttpOptions

ARCHIVE_DATA = Path(__file__).parent / "data" / "archive"
GENERAL = "/gia/general/"
DATA = ARCHIVE_DATA / "gia" / "general"
# The client as the tests use it: no pause between requests, short time-outs, loopback allowed.
LOCAL = HttpOptions(
    rate=0, timeout=1.0, retries=2, backoff=0, allowed_hosts=("127.0.0.1",), allowed_private=frozenset({"127.0.0.1"})
)
NOV_28, NOV_29, NOV_30 = dt.date(2023, 11, 28), dt.date(2023, 11, 29), dt.date(2023, 11, 30)


@dataclass
class Fault:
    """What the server does instead of serving a path, for its first ``times`` requests (None: always)."""

    kind: str  # "status", "slow", "truncate", "redirect" or "hold"
    times: int | None = None
    status: int = 500
    delay: float = 0.0
    location: str = ""
    arrived: threading.Event = field(default_factory=threading.Event)  # "hold": the request came
    release: threading.Event = field(default_factory=threading.Event)  # "hold": answer it now

    def applies(self) -> bool:
        if self.times is None:
            return True
        if self.times <= 0:
            return False
        self.times -= 1
        return True


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class ArchiveServer:
    """The server, its address, the requests it has seen and the faults it plays."""

    def __init__(self, root: Path = ARCHIVE_DATA) -> None:
        self.root = root.resolve()
        self.seen: list[Seen] = []
        self.faults: dict[str, Fault] = {}
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.archive = self.url + GENERAL
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> ArchiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        for fault in self.faults.values():
            fault.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def page(self, relative: str) -> str:
        """The URL of a page given by its path under the archive ("202311/28.htm")."""
        return self.archive + relative

    def counts(self) -> Counter[str]:
        """Requests seen, by path under the archive."""
        with self._lock:
            return Counter(s.path.removeprefix(GENERAL) for s in self.seen)

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def fault_for(self, path: str) -> Fault | None:
        with self._lock:
            fault = self.faults.get(path.removeprefix(GENERAL))
            return fault if fault is not None and fault.applies() else None


class _QuietServer(ThreadingHTTPServer):
    """Threads that do not outlive the tests, and no traceback when a client hangs up."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out or was killed resets its connection: expected here


def fault_plan() -> dict[str, Fault]:
    """The faults of ``tests/data/archive/README.md``: every fault the crawler must survive."""
    return {
        "202311/29/P2023112900377.htm": Fault("status", times=2, status=500),
        "202311/29/P2023112900655.htm": Fault("redirect", location="http://www.example.com/gia/P2023112900655.htm"),
        "202311/30/P2023113000233.htm": Fault("slow", times=1, delay=2.5),
        "202311/30/P2023113000350.htm": Fault("truncate"),
    }


@contextmanager
def running(faults: bool = False) -> Iterator[ArchiveServer]:
    server = ArchiveServer().start()
    if faults:
        server.faults.update(fault_plan())
    try:
        yield server
    finally:
        server.stop()


def _handler(server: ArchiveServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.record(Seen(path, {k.lower(): v for k, v in self.headers.items()}))
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, or was killed
                self._answer(path)

        def _answer(self, path: str) -> None:
            fault = server.fault_for(path)
            if fault is not None and fault.kind == "status":
                return self._send(fault.status, b"<p>Server error</p>")
            if fault is not None and fault.kind == "redirect":
                return self._send(302, b"", location=fault.location)
            if fault is not None and fault.kind == "slow":
                time.sleep(fault.delay)
            if fault is not None and fault.kind == "hold":
                fault.arrived.set()
                fault.release.wait(60)
            body = self._file(path)
            if body is None:
                return self._send(404, b"<p>Not found</p>")
            if fault is not None and fault.kind == "truncate":
                return self._send(200, body, cut=len(body) // 2)
            return self._send(200, body)

        def _file(self, path: str) -> bytes | None:
            target = (server.root / path.lstrip("/")).resolve()
            if not target.is_relative_to(server.root) or not target.is_file():
                return None
            return target.read_bytes()

        def _send(self, status: int, body: bytes, *, location: str = "", cut: int | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            if cut is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body if cut is None else body[:cut])
            self.wfile.flush()
            if cut is not None:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet

    return Handler


def guard_loopback(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Make any connection to an address other than 127.0.0.1 fail the test; return those made."""
    made: list[Any] = []
    connect = socket.socket.connect

    def guarded(sock: socket.socket, address: Any) -> None:
        made.append(address)
        assert isinstance(address, tuple) and address[0] == "127.0.0.1", f"connection to {address}"
        connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return made
