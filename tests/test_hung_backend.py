"""A hung backend never hangs the seat (issue 20 item 11): with the seat's PostgreSQL
backend stopped (SIGSTOP) — the server's statement timeout runs inside the stopped
process and its kernel still acknowledges every packet — each call of the seat comes
back within its client-side bound (db/bounds.py), the heartbeat on its own connection
is not held up by a hung save, and after SIGCONT nothing is lost or doubled.

The bounds are shortened for the test; the production ones are in ``db.engine.Bounds``.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import TypeVar

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from console.app.runtime import Runtime
from console.cases import cases
from console.core.errors import DatabaseUnavailable
from console.core.identity import AgentContext
from console.core.vocabulary import CaseId
from db.engine import Bounds
from db.models import Case
from tests.conftest import PASSWORD, TestDb, open_runtime

pytestmark = pytest.mark.pg

QUICK = Bounds(statement=3.0, call=4.0, heartbeat_statement=1.5, heartbeat=2.0)
# What a loaded test machine may add to a bound. Without the bounds a call waits until
# the backend resumes: here, until the test's ``finally``.
SLACK = 10.0

T = TypeVar("T")


class Stopped:
    """The backends a test stopped; every one is resumed at the end, whatever happens —
    and after ``SAFETY`` seconds at the latest, so that a seat that does hang fails the
    test (its call takes longer than the bound) instead of hanging the test run."""

    SAFETY = 60.0

    def __init__(self) -> None:
        self.pids: list[int] = []
        self._lock = threading.Lock()
        self._safety = threading.Timer(self.SAFETY, self.resume)
        self._safety.daemon = True
        self._safety.start()

    def stop(self, pid: int) -> None:
        with self._lock:
            self.pids.append(pid)
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        with self._lock:
            for pid in self.pids:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)
            self.pids.clear()

    def close(self) -> None:
        self._safety.cancel()
        self.resume()


@pytest.fixture
def stopped() -> Iterator[Stopped]:
    backends = Stopped()
    try:
        yield backends
    finally:
        backends.close()


@pytest.fixture
def seat(pg_db: TestDb, pg_admin: Runtime) -> Iterator[tuple[Runtime, AgentContext]]:
    from datetime import UTC, datetime

    from console.core.identity import Role
    from console.people import agents

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试坐席", Role.AGENT, PASSWORD, datetime.now(UTC))
    rt = open_runtime(pg_db.url, bounds=QUICK)
    try:
        yield rt, rt.login("1001", PASSWORD, "坐席01")
    finally:
        rt.close()


def _pooled_backends(engine: Engine, size: int) -> list[int]:
    """The backends of the connections ``engine``'s pool holds: all checked out at once,
    so each is a different one, then given back."""
    connections = [engine.connect() for _ in range(size)]
    try:
        return [c.execute(text("SELECT pg_backend_pid()")).scalar_one() for c in connections]
    finally:
        for c in connections:
            c.close()


def _within(bound: float, call: Callable[[], T]) -> T:
    started = time.monotonic()
    try:
        return call()
    finally:
        took = time.monotonic() - started
        assert took < bound + SLACK, f"the call took {took:.1f} s (bound {bound} s)"


def _wait_until_gone(admin: Runtime, pid: int) -> None:
    """The resumed backend has read the end of its connection and exited (after its
    COMMIT, if that had reached it): a user retrying later finds its outcome."""
    deadline = time.monotonic() + SLACK
    while time.monotonic() < deadline:
        with admin.unit(admin="test") as s:
            if not s.execute(
                text("SELECT 1 FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
            ).first():
                return
        time.sleep(0.05)  # a condition polled, not a pause in place of one
    raise AssertionError(f"backend {pid} still there {SLACK} s after SIGCONT")


def _cases(admin: Runtime, case_id: str) -> int:
    with admin.unit(admin="test") as s:
        return s.execute(select(func.count()).where(Case.id == case_id)).scalar_one()


def test_a_save_whose_backend_stops_before_commit_comes_back_and_is_saved_once(
    seat: tuple[Runtime, AgentContext], pg_admin: Runtime, stopped: Stopped
) -> None:
    rt, ctx = seat
    case_id = cases.new_case_id()

    def open_then_stop(s: Session, c: AgentContext) -> object:
        record = cases.open_case(s, c, case_id, "inquiry", "咨询燃气表读数")
        stopped.stop(s.execute(text("SELECT pg_backend_pid()")).scalar_one())
        return record  # its COMMIT now goes to a stopped backend

    with pytest.raises(DatabaseUnavailable) as lost:
        _within(QUICK.call, lambda: rt.run(ctx, open_then_stop))
    assert lost.value.message_id == "db.unavailable"  # the "not saved, retry" message
    # Meanwhile the heartbeat renews the lease on its own connection.
    assert _within(QUICK.heartbeat, lambda: rt.heartbeat(ctx)) is not None
    # A retry meets the stopped transaction's row: the server's own statement timeout
    # ends it (that backend is running) and the seat says "not saved, retry".
    with pytest.raises(DatabaseUnavailable):
        _within(QUICK.call, lambda: rt.run(ctx, cases.open_case, case_id, "inquiry", "咨询"))

    [pid] = stopped.pids
    stopped.resume()  # the stopped backend commits what it had, or not: either way…
    _wait_until_gone(pg_admin, pid)
    record = rt.run(ctx, cases.open_case, case_id, "inquiry", "咨询燃气表读数")
    assert record.id == case_id
    assert _cases(pg_admin, case_id) == 1  # …saved once, neither lost nor doubled


def test_with_every_backend_of_the_seat_stopped_its_calls_come_back_within_their_bound(
    seat: tuple[Runtime, AgentContext], pg_admin: Runtime, stopped: Stopped
) -> None:
    rt, ctx = seat
    rt.heartbeat(ctx)  # the heartbeat's connection exists
    for pid in [
        *_pooled_backends(rt.db.engine, 2),
        *_pooled_backends(rt.db.heartbeat_engine, 1),
    ]:
        stopped.stop(pid)
    # Each pooled connection is given up at its check and replaced by a new one.
    assert _within(QUICK.heartbeat, lambda: rt.heartbeat(ctx)) is not None
    case_id = cases.new_case_id()
    _within(QUICK.call, lambda: rt.run(ctx, cases.open_case, case_id, "inquiry", "咨询"))
    stopped.resume()
    assert _cases(pg_admin, case_id) == 1


def test_a_heartbeat_does_not_wait_for_a_free_connection_behind_hung_saves(
    seat: tuple[Runtime, AgentContext], stopped: Stopped
) -> None:
    """Every connection a save may take is busy: the heartbeat still beats (it has its
    own), and a save that finds none free says so within its bound, in words."""
    rt, ctx = seat
    held = [rt.db.engine.connect() for _ in range(6)]  # pool_size 2 + max_overflow 4
    try:
        assert _within(QUICK.heartbeat, lambda: rt.heartbeat(ctx)) is not None
        with pytest.raises(DatabaseUnavailable) as exhausted:
            _within(
                QUICK.call, lambda: rt.run(ctx, cases.open_case, CaseId("x"), "inquiry", "咨询")
            )
        assert exhausted.value.message_id == "db.pool_exhausted"
    finally:
        for c in held:
            c.close()
