"""A seat's connection is tried again, a bounded number of times with random pauses,
when the server is there but does not answer in time (a shift's 200 seats signing in at
once, issue 19 item 7 a); a server that is not there fails at once."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import OperationalError

from db import engine as db_engine
from tests.pgserver import PgServer, free_port

pytestmark = pytest.mark.pg


class SlowDoor:
    """A TCP door in front of the server that answers nobody for ``hold`` seconds (the
    connections it takes meanwhile hang, as on an overwhelmed server), then lets
    connections through."""

    def __init__(self, target_port: int, hold: float) -> None:
        self.port = free_port()
        self.opens_at = time.monotonic() + hold
        self.attempts = 0
        self._target = target_port
        self._held: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.attempts += 1
            if time.monotonic() < self.opens_at:
                self._held.append(client)  # silent: the client's connect_timeout runs out
                continue
            server = socket.create_connection(("127.0.0.1", self._target))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()

    def close(self) -> None:
        # A shutdown wakes the thread blocked in accept(); a close alone does not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for c in self._held:
            c.close()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _url(server: PgServer, port: int) -> str:
    return make_url(server.url()).set(port=port).render_as_string(hide_password=False)


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_engine, "CONNECT_TIMEOUT", 2)  # libpq's least


def test_a_connect_that_times_out_is_tried_again_and_succeeds(
    pg_server: PgServer, short_timeout: None
) -> None:
    door = SlowDoor(pg_server.port, hold=1.0)
    engine = db_engine.make_engine(_url(pg_server, door.port), use_keyring=False)
    try:
        with engine.connect() as c:
            assert c.execute(text("SELECT 1")).scalar_one() == 1
        assert door.attempts >= 2  # the first one timed out, a later one got through
    finally:
        engine.dispose()
        door.close()


def test_retrying_is_bounded(pg_server: PgServer, short_timeout: None) -> None:
    door = SlowDoor(pg_server.port, hold=3600)
    engine = db_engine.make_engine(_url(pg_server, door.port), use_keyring=False)
    t = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="timeout"):
            engine.connect()
        assert door.attempts == db_engine.CONNECT_ATTEMPTS
        # Three two-second attempts and two pauses of at most 0.5 and 1 s (and slack).
        assert time.monotonic() - t < 3 * 2 + 1.5 + 1.0
    finally:
        engine.dispose()
        door.close()


def test_a_server_that_is_not_there_fails_at_once(short_timeout: None) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/postgres"
    engine = db_engine.make_engine(url, use_keyring=False)
    t = time.monotonic()
    with pytest.raises(OperationalError):
        engine.connect()
    assert time.monotonic() - t < 0.5
    engine.dispose()
