"""A call is never lost from view: a ring reaches only a ready seat, a locked seat is
not ready, a ring that reaches a seat that is not ready or locked anyway is answered
busy and logged as missed with its customer (do not disturb), and the state the status
bar shows is the one the database holds — driven from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from console.app.runtime import Runtime
from console.calls import calls
from console.core.checks import new_call_id
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.core.vocabulary import SCREEN_LOCKED, CallId, SwitchSignalKind
from console.telephony import telephony
from db.models import AgentStateEvent, SwitchSignal
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer
from tests.ui.desk import NATIONAL_DAY_MORNING, NUMBER, shown_desk
from tests.ui.driver import Driver
from ui.app.main_window import MainWindow


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def customer_id(admin_rt: Runtime) -> int:
    """The one customer on NUMBER."""
    c = customer(0, NUMBER, name="张秀英")
    with admin_rt.unit(admin="test") as s:
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def window(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
) -> Iterator[MainWindow]:
    """Agent 1001 just signed in: 未就绪 until Ctrl+1."""
    make_agent("1001", name="张敏")
    w = shown_desk(qtbot, rt, settings, clock)
    yield w


def _states(rt: Runtime, w: MainWindow) -> list[tuple[str, str | None]]:
    """The agent's state changes in this session, as the database holds them."""
    with rt.unit(admin="test") as s:
        rows = s.execute(
            select(AgentStateEvent.state, AgentStateEvent.reason)
            .where(AgentStateEvent.session_id == w.ctx.session_id)
            .order_by(AgentStateEvent.id)
        ).all()
    return [(r.state, r.reason) for r in rows]


def _ring_anyway(rt: Runtime, seat: str) -> CallId:
    """A switch that does not ask whether the seat is ready rings it (a race, a PBX)."""
    ref = new_call_id()
    with rt.db.engine.begin() as conn:
        conn.execute(
            insert(SwitchSignal).values(
                seat_code=seat,
                kind=SwitchSignalKind.INCOMING,
                call_ref=ref,
                caller_number=NUMBER,
                created_at=datetime.now(UTC),
            )
        )
    return ref


def _call_state(rt: Runtime, w: MainWindow, ref: CallId) -> str | None:
    """The call's state as the database holds it (None: not written yet)."""
    try:
        return rt.run(w.ctx, calls.get_call, ref).state
    except UserFacingError:
        return None


def _ready(agent: Driver, rt: Runtime, w: MainWindow) -> None:
    agent.activate()
    agent.press("Ctrl+1")
    agent.wait_for(lambda: agent.status("坐席状态") == "状态:就绪")
    agent.wait_for(lambda: _states(rt, w)[-1:] == [("ready", None)])


def _unlock(agent: Driver) -> None:
    agent.type(PASSWORD)
    agent.press("Return")


def test_a_locked_seat_is_not_ready_and_gets_no_ring(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    agent = Driver(qtbot, window)
    _ready(agent, rt, window)

    agent.press("Ctrl+L")
    lock = agent.find("控制台已锁定")
    assert lock.isVisible() and agent.focus().accessibleName() == "密码"
    agent.wait_for(lambda: _states(rt, window)[-1] == ("not_ready", SCREEN_LOCKED))
    with pytest.raises(UserFacingError) as refused:
        telephony.send_ring(rt.db, settings.seat, NUMBER)
    assert refused.value.message_id == "switch.seat_locked"

    _unlock(agent)
    agent.wait_for(lambda: not lock.isVisible())
    agent.wait_for(lambda: _states(rt, window)[-1] == ("ready", None))
    agent.wait_for(lambda: agent.status("坐席状态") == "状态:就绪")
    with qtbot.waitSignal(window.call_screen.card_painted, timeout=10_000):
        telephony.send_ring(rt.db, settings.seat, NUMBER)  # ready again: rung again


def test_a_ring_that_reaches_a_locked_seat_is_let_go_and_logged_with_its_customer(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings, customer_id: int
) -> None:
    """Do not disturb: the agent is away from a locked console; a ring that reaches
    it anyway (a PBX's) is released busy and kept as a missed call of its customer."""
    agent = Driver(qtbot, window)
    _ready(agent, rt, window)
    agent.press("Ctrl+L")
    lock = agent.find("控制台已锁定")
    agent.wait_for(lambda: _states(rt, window)[-1] == ("not_ready", SCREEN_LOCKED))

    ref = _ring_anyway(rt, settings.seat)
    agent.wait_for(lambda: _call_state(rt, window, ref) == "missed")
    record = rt.run(window.ctx, calls.get_call, ref)
    assert (record.caller_number, record.customer_id) == (NUMBER, customer_id)
    assert lock.isVisible() and window.call_screen.active is None  # nothing rings
    assert "未就绪" in window.statusBar().currentMessage()  # seen on unlocking
    _unlock(agent)
    agent.wait_for(lambda: not lock.isVisible())
    agent.wait_for(lambda: _states(rt, window)[-1] == ("ready", None))  # as before the lock
    assert window.call_screen.active is None


def test_ctrl_1_during_a_call_records_nothing_and_the_status_bar_says_on_call(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    agent = Driver(qtbot, window)
    _ready(agent, rt, window)
    with qtbot.waitSignal(window.call_screen.card_painted, timeout=10_000):
        telephony.send_ring(rt.db, settings.seat, NUMBER)
    agent.wait_for(lambda: agent.status("坐席状态") == "状态:通话中")
    agent.press("Ctrl+1")
    agent.press("Ctrl+3")
    agent.press("F2")
    agent.wait_for(lambda: agent.text_of("通话状态") == "通话中")
    assert agent.status("坐席状态") == "状态:通话中"
    agent.wait_for(lambda: window.call_screen.settled)
    assert _states(rt, window) == [("ready", None), ("on_call", None)]


def test_a_ring_at_a_seat_that_is_not_ready_is_let_go_and_logged_as_missed(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings, customer_id: int
) -> None:
    """A ring queued for the seat (the console was restarted) or a PBX's ring does
    not pop at a 未就绪 seat: the line lets it go, the log keeps it."""
    agent = Driver(qtbot, window)
    agent.activate()
    assert agent.status("坐席状态") == "状态:未就绪"
    ref = _ring_anyway(rt, settings.seat)
    agent.wait_for(lambda: _call_state(rt, window, ref) == "missed")
    # The number names one customer: the missed call is theirs (the callback list).
    assert rt.run(window.ctx, calls.get_call, ref).customer_id == customer_id
    assert "未就绪" in window.statusBar().currentMessage()  # said wherever the agent is
    assert window.tabs.currentWidget() is not window.call_screen  # nothing popped
    assert _states(rt, window) == []  # and the agent's state untouched
