"""A hung database never hangs the console (issue 20 item 11): with the server and the
seat's backends stopped (SIGSTOP), the heartbeat's call is given up at its bound and
the banner says the database is unavailable although a beat is still on its way (it
waits for a connection the stopped server cannot make); after SIGCONT the banner goes,
the session is still this seat's and what was typed is still there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from console.app.runtime import Runtime
from console.core.identity import Role
from console.core.settings import Settings
from console.people import agents
from tests.conftest import PASSWORD, TestDb, open_runtime
from tests.pgserver import SEAT_USER, PgServer
from tests.test_hung_backend import QUICK, SLACK, Stopped
from tests.ui.conftest import settle, type_text
from ui.app.main_window import MainWindow
from ui.core import session

pytestmark = pytest.mark.pg


@pytest.fixture
def seat_rt(pg_db: TestDb, pg_admin: Runtime) -> Iterator[Runtime]:
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "张敏", Role.AGENT, PASSWORD, datetime.now(UTC))
    rt = open_runtime(pg_db.url, bounds=QUICK)
    yield rt
    settle()
    rt.close()


@pytest.fixture
def window(qtbot: QtBot, seat_rt: Runtime, zh: None) -> Iterator[MainWindow]:
    # The heartbeat's own timer beats every second, as a seat's does every five.
    settings = Settings(seat="seat-A", language="zh_CN", idle_lock_minutes=10, heartbeat_seconds=1)
    w = MainWindow(settings, seat_rt, session.login(seat_rt, "1001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    yield w


def _seat_backends(admin: Runtime) -> list[int]:
    with admin.unit(admin="test") as s:
        return list(
            s.execute(
                text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND usename = :seat"
                ),
                {"seat": SEAT_USER},
            ).scalars()
        )


def _postmaster(server: PgServer) -> int:
    return int(Path(server.dir, "data", "postmaster.pid").read_text().split()[0])


def _lease_left(admin: Runtime) -> float:
    with admin.unit(admin="test") as s:
        return float(
            s.execute(
                text(
                    "SELECT extract(epoch FROM lease_until - clock_timestamp()) "
                    "FROM agent_sessions WHERE job_no = '1001' AND ended_at IS NULL"
                )
            ).scalar_one()
        )


def test_a_stopped_database_shows_the_banner_in_time_and_loses_nothing(
    qtbot: QtBot, window: MainWindow, pg_admin: Runtime, pg_server: PgServer
) -> None:
    with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000) as beat:
        pass
    assert beat.args == [True]
    type_text(qtbot, window.note, "正在核对地址")
    stopped = Stopped()
    try:
        stopped.stop(_postmaster(pg_server))  # first: no new connection gets through
        for pid in _seat_backends(pg_admin):
            stopped.stop(pid)
        # The next beat is given up at its bound; its new connection then waits for the
        # stopped server: the banner must not wait for it.
        shown_within = 1 + QUICK.heartbeat + 1 + SLACK  # interval, bound, margin, load
        qtbot.waitUntil(
            lambda: window.banner.isVisible() and window.banner.topic == "db",
            timeout=int(shown_within * 1000),
        )
        assert "数据库连接中断" in window.banner.text()
        assert window.db_label.property("ok") is False
        assert window.session_active
    finally:
        stopped.close()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=int(SLACK * 3 * 1000))
    assert window.db_label.property("ok") is True and window.session_active
    assert window.note.text() == "正在核对地址"
    assert _lease_left(pg_admin) > 0  # the heartbeat renews the same session again
