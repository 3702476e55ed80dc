"""The switchboard brings a ring sent by another process to the running console, a lost
database is reported while polling goes on, and a switchboard dropped while its line is
busy never takes the console down."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.clock import ManualClock
from console.core.identity import Role
from console.people import agents
from console.telephony.telephony import (
    CallerHungUp,
    IncomingCall,
    SimulatedSwitch,
    send_caller_hang_up,
    send_ring,
)
from db import migrate
from db.engine import make_engine
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime, register_seats
from tests.helpers import ready_at
from ui.telephony.switchboard import Switchboard

REPO = Path(__file__).resolve().parents[2]
SEAT = "坐席07"


def simulator(db_url: str, *args: str) -> str:
    """Run ``python main.py …`` as a trainer would; returns what it printed (the ref)."""
    out = subprocess.run(
        [sys.executable, "main.py", "--db", db_url, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.fixture
def board(
    qtbot: QtBot, rt: Runtime, clock: ManualClock, make_agent: AgentFactory
) -> Iterator[Switchboard]:
    make_agent("1007")
    ready_at(rt, "1007", SEAT)  # only a ready seat is rung
    sb = Switchboard(SimulatedSwitch(rt.db, SEAT, clock))
    sb.start()
    yield sb
    sb.stop()
    qtbot.waitUntil(lambda: not sb.running, timeout=10_000)


def test_a_ring_from_another_process_reaches_the_console(
    qtbot: QtBot, board: Switchboard, test_db: TestDb, clock: ManualClock
) -> None:
    with qtbot.waitSignal(board.incoming, timeout=10_000) as rang:
        ref = simulator(test_db.url, "ring", "--seat", SEAT, "--from", "13800138000")
    assert rang.args == [IncomingCall(ref, "13800138000", clock.now())]

    with qtbot.waitSignal(board.caller_hung_up, timeout=10_000) as hung:
        assert simulator(test_db.url, "hang-up", "--seat", SEAT) == ref
    assert hung.args == [CallerHungUp(ref, clock.now())]


def test_each_ring_pops_once_and_in_order(
    qtbot: QtBot, board: Switchboard, rt: Runtime, clock: ManualClock
) -> None:
    popped: list[str] = []
    board.incoming.connect(lambda call: popped.append(call.ref))
    refs = [send_ring(rt.db, SEAT, f"13900{n:06d}") for n in range(5)]
    qtbot.waitUntil(lambda: len(popped) >= 5, timeout=10_000)
    assert popped == refs
    with qtbot.waitSignal(board.caller_hung_up, timeout=10_000) as hung:
        send_caller_hang_up(rt.db, SEAT)
    assert hung.args == [CallerHungUp(refs[-1], clock.now())]


def test_a_lost_database_is_reported_and_polling_goes_on(
    qtbot: QtBot, tmp_path: Path, clock: ManualClock
) -> None:
    url = f"sqlite:///{tmp_path}/not-yet.db"
    seat_rt = open_runtime(url, clock)  # a file without the schema: every poll fails
    board = Switchboard(SimulatedSwitch(seat_rt.db, SEAT, clock), language="en")
    troubles: list[str] = []
    board.trouble.connect(troubles.append)
    try:
        with qtbot.waitSignal(board.trouble, timeout=10_000) as trouble:
            board.start()
        # Said in words with the database's error code, never the server's own text.
        assert "The database refused this (SQLITE_ERROR)" in trouble.args[0]
        assert "switch_signals" not in trouble.args[0]

        # The administrator fixes the database; the next poll works again, unprompted.
        with qtbot.waitSignal(board.recovered, timeout=10_000):
            admin = make_engine(url)
            migrate.upgrade(admin)
            admin.dispose()
            register_seats(url, (SEAT,))
        with seat_rt.unit(admin="test") as s:
            agents.add_agent(s, None, "1007", "测试坐席", Role.AGENT, PASSWORD, clock.now())
        agent_rt = open_runtime(url)  # the seat's own clock for its lease
        ready_at(agent_rt, "1007", SEAT)
        agent_rt.close()
        with qtbot.waitSignal(board.incoming, timeout=10_000) as rang:
            ref = send_ring(seat_rt.db, SEAT, "110")
        assert rang.args[0].ref == ref
        assert len(troubles) == 1, "one outage is reported once, not every 300 ms"
    finally:
        board.stop()
        qtbot.waitUntil(lambda: not board.running, timeout=10_000)
        seat_rt.close()


def test_switchboards_dropped_while_the_line_rings_never_crash_the_console() -> None:
    """An agent signing out and in while calls keep coming: each sign-out drops a
    switchboard whose reader is still posting rings. The reader once deleted its Qt relay
    on its own thread, which crashed the console (a segmentation fault, 4 runs in 5 at
    150 cycles); the relays must also all be deleted once their readers stop."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.ui.switchboard_churn", "500"],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == "0", "relays left alive after every reader stopped"
