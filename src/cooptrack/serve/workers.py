"""``cooptrack serve --workers N``: Uvicorn's supervisor over N worker processes.

Each worker makes its application with :func:`cooptrack.serve.app.app_from_env`. This is what
``uvicorn.run`` does for several workers, but on a listening socket that says it is TCP: Uvicorn's
own (``socket.socket(family)``, protocol 0) makes every connection a worker accepts protocol 0
too, so asyncio leaves Nagle's algorithm on, and an answer written in two parts (headers, body)
waits for the client's delayed acknowledgement: 40-50 ms more per answer on loopback. (The
configuration is pickled into each worker, hence a class of its own module.)
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

APP = "cooptrack.serve.app:app_from_env"


class TcpConfig(uvicorn.Config):
    """A Uvicorn configuration whose listening socket is made with ``IPPROTO_TCP``."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
            return sock
        tcp = socket.socket(sock.family, socket.SOCK_STREAM, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp


def run(options: dict[str, Any]) -> None:
    """Serve with ``options["workers"]`` processes until Ctrl-C (or a signal) stops them."""
    config = TcpConfig(APP, factory=True, **options)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C stops the workers, then the supervisor
        Multiprocess(config, sockets=[config.bind_socket()]).run()
