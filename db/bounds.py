"""A bound on every round trip a seat makes to PostgreSQL, kept by the client.

The server bounds a statement itself (``statement_timeout``), and TCP keepalives find a
dead network. Neither helps when the seat's backend process is stopped (SIGSTOP, a
frozen VM, a debugger): the server's timer runs inside the stopped process, and the
server's kernel still acknowledges every packet, so keepalives and
``tcp_user_timeout`` see a live socket. A call on that connection would wait until the
backend resumes — a minute, or forever. Cancelling does not help either: a cancel
request goes through the postmaster, which only signals the stopped backend.

So the client gives the connection up: a watchdog thread shuts the socket down when a
round trip (a statement with its rows, a COMMIT, a ROLLBACK, the pool's ping) has not
come back within its bound. The waiting call then fails at once as a lost connection
(libpq reads the end of the stream), the pool invalidates that connection rather than
handing it out again, and the user's action is reported as not done — the
"database unavailable, retry" path. Whether a COMMIT given up this way still happens
when the backend resumes is unknown, exactly as for any COMMIT whose reply was lost:
every unit of work is safe to repeat (client-made ids, versions, fencing by the
session token), so repeating it finds out and never doubles it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from typing import Any

import psycopg

log = logging.getLogger(__name__)


class Watchdog:
    """One thread for the whole process that hangs up on the round trips that outlived
    their deadline. Arming and disarming cost a lock and a dict entry: no thread per
    call."""

    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._armed: dict[int, tuple[float, int, float]] = {}  # deadline, socket, bound
        self._keys = count()
        self._thread: threading.Thread | None = None

    def arm(self, fileno: int, seconds: float) -> int:
        with self._cv:
            key = next(self._keys)
            self._armed[key] = (time.monotonic() + seconds, fileno, seconds)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="db-watchdog", daemon=True)
                self._thread.start()
            self._cv.notify()
        return key

    def disarm(self, key: int) -> None:
        with self._cv:
            self._armed.pop(key, None)

    def _watch(self) -> None:
        with self._cv:
            while True:
                now = time.monotonic()
                for key, (deadline, fileno, seconds) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[key]
                        _hang_up(fileno, seconds)
                deadlines = [d for d, _, _ in self._armed.values()]
                self._cv.wait(min(deadlines) - now if deadlines else None)


def _hang_up(fileno: int, seconds: float) -> None:
    """Shut the socket down under the waiting call. Only shut down, never closed here:
    the descriptor stays libpq's, and closing it from this thread could let the number
    be reused while libpq still polls it."""
    log.warning("no answer from the database within %g s: connection given up", seconds)
    try:
        with socket.socket(fileno=os.dup(fileno)) as s:
            s.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed by the other side: the call is failing anyway
        pass


WATCHDOG = Watchdog()


class _Bounded:
    """Arms the watchdog around one round trip on ``conn``."""

    def __init__(self, conn: BoundedConnection) -> None:
        self._conn = conn
        self._key: int | None = None

    def __enter__(self) -> None:
        if self._conn.bound is not None and not self._conn.closed:
            self._key = WATCHDOG.arm(self._conn.fileno(), self._conn.bound)

    def __exit__(self, *_exc: object) -> None:
        if self._key is not None:
            WATCHDOG.disarm(self._key)


class BoundedCursor(psycopg.Cursor[Any]):
    """A cursor whose statements are bounded (the pool's ping is one of them)."""

    connection: BoundedConnection

    def execute(self, *args: Any, **kwargs: Any) -> BoundedCursor:
        with _Bounded(self.connection):
            return super().execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> None:
        with _Bounded(self.connection):
            super().executemany(*args, **kwargs)


class BoundedConnection(psycopg.Connection[Any]):
    """A connection whose every round trip waits at most ``bound`` seconds."""

    bound: float | None = 20.0  # None: the owner's bulk work, unbounded on purpose

    def commit(self) -> None:
        with _Bounded(self):
            super().commit()

    def rollback(self) -> None:
        with _Bounded(self):
            super().rollback()


@contextmanager
def unbounded(raw: object) -> Iterator[None]:
    """Lift the bound on ``raw`` (a driver connection) for the block: the owner's bulk
    loads and index builds run long on purpose (they lift ``statement_timeout`` too).
    Nothing to lift on SQLite."""
    if not isinstance(raw, BoundedConnection):
        yield
        return
    bound, raw.bound = raw.bound, None
    try:
        yield
    finally:
        raw.bound = bound


def connect(bound: float, *args: Any, **kwargs: Any) -> BoundedConnection:
    conn = BoundedConnection.connect(*args, cursor_factory=BoundedCursor, **kwargs)
    conn.bound = bound
    return conn
