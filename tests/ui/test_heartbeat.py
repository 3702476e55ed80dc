"""The heartbeat on its own (no window): it renews the lease, says when the session was
ended elsewhere and stops, and rides out a lost database with growing pauses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.people import auth
from tests.conftest import PASSWORD, AgentFactory
from tests.conftest import open_runtime as open_test_runtime
from tests.pgserver import free_port
from ui.app.heartbeat import Heartbeat


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "seat-A")


@pytest.fixture
def heartbeat(rt: Runtime, agent: AgentContext) -> Iterator[Heartbeat]:
    beat = Heartbeat(rt, lambda: agent, interval_ms=3_600_000)
    yield beat
    beat.stop()
    beat.deleteLater()


def _lease(rt: Runtime, who: AgentContext, boss: AgentContext) -> object:
    return next(o.lease_until for o in rt.run(boss, auth.open_sessions) if o.job_no == who.job_no)


def test_it_beats_on_its_own_and_renews_the_lease(
    qtbot: QtBot, rt: Runtime, agent: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "seat-S")
    before = _lease(rt, agent, boss)
    beat = Heartbeat(rt, lambda: agent, interval_ms=50)
    try:
        beat.start()
        for _ in range(2):  # the timer, not the test, makes each beat
            with qtbot.waitSignal(beat.finished, timeout=10_000) as answered:
                pass
            assert answered.args == [True]
        assert beat.timer.isActive() and beat.db_ok
        assert _lease(rt, agent, boss) > before  # type: ignore[operator]
    finally:
        beat.stop()


def test_a_session_ended_elsewhere_is_reported_and_the_beating_stops(
    qtbot: QtBot,
    rt: Runtime,
    agent: AgentContext,
    heartbeat: Heartbeat,
    make_agent: AgentFactory,
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "seat-S")
    assert rt.run(boss, auth.end_session, agent.session_id, "换班测试")
    heartbeat.start()
    with qtbot.waitSignal(heartbeat.session_lost, timeout=10_000) as lost:
        heartbeat.beat_now()
    assert isinstance(lost.args[0], UserFacingError)
    # What ended it, as the database recorded it (not the plain "no longer active").
    assert lost.args[0].message_id == "session.ended.by_supervisor"
    assert lost.args[0].params["by"] == "2001"
    assert not heartbeat.active and not heartbeat.timer.isActive()
    heartbeat.beat_now()  # stopped: nothing runs until resume
    assert not heartbeat._running


def test_a_lost_database_is_retried_with_pauses_until_it_answers(
    qtbot: QtBot, rt: Runtime, heartbeat: Heartbeat
) -> None:
    # A real failure: the runtime now talks to a PostgreSQL port nobody listens on.
    dead = open_test_runtime(f"postgresql://nobody@127.0.0.1:{free_port()}/nowhere")
    live_db, rt.db = rt.db, dead.db
    heartbeat.retry_delays_ms = (50, 100)
    lost: list[object] = []
    heartbeat.db_lost.connect(lost.append)
    heartbeat.start()
    try:
        with qtbot.waitSignal(heartbeat.finished, timeout=10_000) as first:
            heartbeat.beat_now()
        assert first.args == [False] and not heartbeat.db_ok
        assert heartbeat.timer.interval() == 50  # the first pause, not the usual interval
        with qtbot.waitSignal(heartbeat.finished, timeout=10_000):
            pass  # it tries again by itself
        assert len(lost) == 2 and heartbeat.timer.interval() == 100  # a longer one
    finally:
        rt.db = live_db
        dead.close()
    with qtbot.waitSignal(heartbeat.db_restored, timeout=10_000):
        pass
    assert heartbeat.db_ok and heartbeat.timer.interval() == 3_600_000  # the usual pace


def test_other_errors_are_not_its_business(heartbeat: Heartbeat) -> None:
    assert not heartbeat.take(UserFacingError("case.stale", job_no="1002"))
    assert not heartbeat.take(ValueError("a bug"))
    assert heartbeat.db_ok
