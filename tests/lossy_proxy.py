"""A TCP proxy in front of the test PostgreSQL that can lose the reply to a COMMIT.

``drop_commit_reply_after(marker)``: the next transaction whose statements contain
``marker`` is committed by the server, and then the connection is cut before the
server's answer reaches the client, as a network failure at that moment would. The
client sees its COMMIT fail although the data is in the database: the lost reply that
every unit of work must survive being repeated after.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.pgserver import free_port

COMMIT = b"Q\x00\x00\x00\x0bCOMMIT\x00"  # a simple-protocol COMMIT message


class LossyProxy:
    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self._target = target_port
        self._marker: bytes | None = None
        self._lock = threading.Lock()
        self.replies_lost = 0
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def drop_commit_reply_after(self, marker: bytes) -> None:
        with self._lock:
            self._marker = marker

    def close(self) -> None:
        # A shutdown wakes the thread blocked in accept(); a close alone does not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self._target))
            _Link(self, client, server).start()

    def _take_marker(self, seen: bytes) -> bool:
        with self._lock:
            if self._marker is not None and self._marker in seen:
                self._marker = None
                return True
            return False


class _Link:
    """One client connection and its server connection."""

    def __init__(self, proxy: LossyProxy, client: socket.socket, server: socket.socket) -> None:
        self._proxy, self._client, self._server = proxy, client, server
        self._armed = False  # the marked transaction is under way
        self._drop_reply = False  # its COMMIT went out: cut before the answer

    def start(self) -> None:
        threading.Thread(target=self._upstream, daemon=True).start()
        threading.Thread(target=self._downstream, daemon=True).start()

    def _upstream(self) -> None:
        while data := self._recv(self._client):
            if not self._armed and self._proxy._take_marker(data):
                self._armed = True
            if self._armed and COMMIT in data:
                self._drop_reply = True
            if not self._send(self._server, data):
                break
        self._close()

    def _downstream(self) -> None:
        while data := self._recv(self._server):
            if self._drop_reply:  # the server has committed: its answer never arrives
                self._proxy.replies_lost += 1
                break
            if not self._send(self._client, data):
                break
        self._close()

    @staticmethod
    def _recv(sock: socket.socket) -> bytes:
        try:
            return sock.recv(65536)
        except OSError:
            return b""

    @staticmethod
    def _send(sock: socket.socket, data: bytes) -> bool:
        try:
            sock.sendall(data)
        except OSError:
            return False
        return True

    def _close(self) -> None:
        for sock in (self._client, self._server):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
