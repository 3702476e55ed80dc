"""The standard, held on the call screen, by keys and clicks, on SQLite and
PostgreSQL: an inquiry not answered at once ends on the callback list with its clock; an
emergency is dispatched while the caller is still on the line; a long lookup's promised
call back and status-call clock; a walk-in visit recorded with the same forms; the
apology offered when the surname was wrong."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.cases import callbacks, cases, follow_up, sla_sweep
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.identity import Role
from console.core.settings import Settings
from console.core.vocabulary import CallId, CaseId
from console.shift import kpi
from console.telephony import telephony
from db.models import Customer, Department
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from tests.ui.driver import be_ready
from ui.app.main_window import Desk, MainWindow
from ui.calls.call_screen import CallScreen
from ui.calls.taboo_highlighter import CheckedTextEdit
from ui.core import session

ZONE = ZoneInfo("Asia/Shanghai")
NUMBER = "13912341234"
CAL = HolidayCalendar()


@pytest.fixture
def customer_id(admin_rt: Runtime) -> int:
    c = Customer(
        account_no="TA1000000001",
        name="张秀英",
        gender="F",
        phone=NUMBER,
        phone_rev=NUMBER[::-1],
        community="泰山花园",
        building="12",
        unit="3",
        room="301",
        account_type="居民",
    )
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="EMERGENCY", name="抢险中心(生产运营部)"))
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def clock() -> ManualClock:
    """The seat's clock at the real now: PostgreSQL opens cases on its own clock, and the
    promises, clocks and KPIs of one call must agree (whole minutes, for the fields)."""
    return ManualClock(datetime.now(UTC).replace(second=0, microsecond=0))


@pytest.fixture
def window(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
    customer_id: int,
) -> Iterator[MainWindow]:
    make_agent("1001", name="张敏")
    signed_in = session.login(rt, "1001", PASSWORD, settings.seat)
    desk = Desk(
        telephony.SimulatedSwitch(rt.db, settings.seat, clock), clock, HolidayCalendar.load()
    )
    w = MainWindow(settings, rt, signed_in, desk=desk)
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    be_ready(qtbot, w)  # only a ready seat is rung
    yield w


def _key(qtbot: QtBot, w: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier | None = None) -> None:
    if mods is None:
        qtbot.keyClick(w.call_screen, key)
    else:
        qtbot.keyClick(w.call_screen, key, mods)


def _ring_and_answer(qtbot: QtBot, w: MainWindow, rt: Runtime, settings: Settings) -> CallId:
    with qtbot.waitSignal(w.call_screen.card_painted, timeout=10_000):
        ref = CallId(telephony.send_ring(rt.db, settings.seat, NUMBER))
    _key(qtbot, w, Qt.Key.Key_F2)
    assert w.call_screen.active is not None and w.call_screen.active.state.value == "talking"
    return ref


def _say_quick(qtbot: QtBot, screen: CallScreen, words: str, phrase_id: str) -> None:
    """F9, type to filter the quick scripts, Enter says the first one left."""
    qtbot.keyClick(screen, Qt.Key.Key_F9)
    type_text(qtbot, screen.dialogue.quick_filter, words)
    qtbot.keyClick(screen.dialogue.quick_filter, Qt.Key.Key_Return)
    assert phrase_id in screen.dialogue._said
    screen.dialogue.quick_filter.clear()


def _type(qtbot: QtBot, screen: CallScreen, field: str, text: str) -> None:
    widget = screen.intent.widgets[field]
    if isinstance(widget, CheckedTextEdit):
        type_text(qtbot, widget.editor, text)
    else:
        assert isinstance(widget, QLineEdit)
        widget.clear()
        type_text(qtbot, widget, text)


def _choose(screen: CallScreen, field: str, choice: str) -> None:
    combo = screen.intent.widgets[field]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(choice))


def _finish(qtbot: QtBot, w: MainWindow) -> None:
    with qtbot.waitSignal(w.call_screen.call_finished, timeout=10_000):
        _key(qtbot, w, Qt.Key.Key_F10)


def test_an_inquiry_not_answered_at_once_ends_on_the_callback_list_with_its_clock(
    qtbot: QtBot,
    window: MainWindow,
    rt: Runtime,
    settings: Settings,
    make_agent: AgentFactory,
    clock: ManualClock,
) -> None:
    w, screen = window, window.call_screen
    ref = _ring_and_answer(qtbot, w, rt, settings)
    screen.intent.set_intent("inquiry")
    _choose(screen, "topic", "价格政策")
    _type(qtbot, screen, "question", "非居民用户的气价是多少")
    # GS 15.3.4: not answered on the spot — the reply is promised within two working
    # days: the field starts at the end of the second working day, shown as 23:59.
    rang = clock.now()
    limit = CAL.add_working_days(rang, 2)
    reply_by = screen.intent.widgets["reply_by"]
    assert isinstance(reply_by, QLineEdit)
    last_day = (limit.astimezone(ZONE) - timedelta(minutes=1)).strftime("%Y-%m-%d")
    assert reply_by.text() == f"{last_day} 23:59"
    assert screen.intent.current_values()["phone"] == NUMBER  # the number to call back
    promised = (rang + timedelta(hours=2)).astimezone(ZONE)
    _type(qtbot, screen, "reply_by", promised.strftime("%Y-%m-%d %H:%M"))
    _say_quick(qtbot, screen, "回复电话", "call_back_number")
    with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
        telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    _finish(qtbot, w)

    agent = w.ctx
    [case] = rt.run(agent, cases.my_cases)
    assert (case.kind, case.owner_job_no, case.call_id) == ("inquiry", "1001", ref)
    with rt.unit(admin="test") as s:
        [reply] = sla_sweep.clocks(s, case.id)
    assert reply.name == "reply"
    assert reply.due_at == CAL.add_working_days(reply.started_at, 2)
    [item] = rt.run(agent, callbacks.queue)
    assert (item.case_id, item.reason) == (case.id, "reschedule")
    assert item.due_at == promised  # the time promised to the caller

    # 咨询服务率 counts the real outcome: not served until the reply is given.
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席09")
    day = (rang - timedelta(hours=1), max(rang, case.opened_at) + timedelta(hours=1))
    assert rt.run(boss, kpi.kpis, *day).inquiry_service_rate == kpi.Ratio(0, 1)
    make_agent("1002")
    colleague = rt.login("1002", PASSWORD, "坐席02")
    taken = rt.run(colleague, callbacks.claim_next, item.due_at)
    assert taken is not None and taken.id == item.id
    rt.run(colleague, follow_up.callback_result, item.id, "satisfied", note="已答复气价")
    served = rt.run(agent, cases.get_case, case.id)
    assert (served.status, served.satisfaction) == ("closed", "satisfied")
    assert rt.run(boss, kpi.kpis, *day).inquiry_service_rate == kpi.Ratio(1, 1)
    assert rt.run(boss, kpi.kpis, *day).inquiry_reply_in_2_working_days == kpi.Ratio(1, 1)


def test_an_emergency_is_dispatched_while_the_caller_is_on_the_line(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    w, screen = window, window.call_screen
    ref = _ring_and_answer(qtbot, w, rt, settings)
    screen.intent.set_intent("emergency")
    assert screen.dialogue.script.row_of("handling.emergency.dispatched") is None  # not yet
    _type(qtbot, screen, "content", "厨房有很浓的燃气味")
    box = screen.intent.widgets["dispatched"]
    assert isinstance(box, QCheckBox)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # 已立即派单: ticked, it dispatches now
    qtbot.waitUntil(
        lambda: screen.active is not None and screen.active.flow.dispatched_case is not None,
        timeout=10_000,
    )
    assert screen.active is not None and screen.active.state.value == "talking"
    dispatched = screen.active.flow.dispatched_case
    assert dispatched is not None
    case_id = CaseId(dispatched)
    # The department's board shows it while the agent is still on the call (TN 四).
    floor = session.board(rt, None, settings.timezone)
    assert [i.case_id for i in floor.incidents] == [case_id]
    case = rt.run(w.ctx, cases.get_case, case_id)
    assert (case.status, case.department, case.call_id) == ("dispatched", "EMERGENCY", ref)
    # Only now does the script say 已派单 (GS 15.5.1), and the dispatch time is filled.
    assert screen.dialogue.script.row_of("handling.emergency.dispatched") is not None
    assert screen.intent.current_values()["dispatched_at"]

    safety = screen.intent.widgets["safety_read"]
    safety.setFocus()
    qtbot.keyClick(safety, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
        telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    _finish(qtbot, w)
    # The wrap-up handed off the same case: nothing opened twice.
    assert [c.id for c in rt.run(w.ctx, cases.my_cases)] == [case_id]
    timeline = [e.kind for e in rt.run(w.ctx, cases.timeline, case_id)]
    assert timeline == ["opened", "dispatched"]
    kinds = [e.kind for e in rt.run(w.ctx, calls.call_events, ref)]
    assert kinds.index("dispatched") < kinds.index("hang_up")


def test_a_long_lookup_promises_a_call_back_with_its_status_call_clock(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings, clock: ManualClock
) -> None:
    w, screen = window, window.call_screen
    ref = _ring_and_answer(qtbot, w, rt, settings)
    clock.advance(timedelta(minutes=2))
    # TN: 关于这个问题我需要查询一下,请您先挂机,我会尽快给您回复 (GS 15.2.9: over a minute).
    _say_quick(qtbot, screen, "需要查询一下", "long_lookup.ask_hang_up")
    said_at = clock.now()
    screen.intent.set_intent("other")
    _type(qtbot, screen, "content", "询问营业厅周末是否办理过户")
    with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
        telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    _finish(qtbot, w)

    [lookup] = rt.run(w.ctx, cases.my_cases)
    assert (lookup.kind, lookup.call_id) == ("lookup", ref)
    with rt.unit(admin="test") as s:
        [status_call] = sla_sweep.clocks(s, lookup.id)
    assert status_call.name == "status_call"  # the policy's lookup clock runs (TN 半小时)
    assert status_call.stopped_at is None
    [item] = rt.run(w.ctx, callbacks.queue)
    assert (item.case_id, item.reason) == (lookup.id, "reschedule")
    assert item.due_at == said_at + timedelta(minutes=30)


def test_a_walk_in_visit_is_recorded_with_the_same_forms(
    qtbot: QtBot, window: MainWindow, rt: Runtime, customer_id: int
) -> None:
    w, screen = window, window.call_screen
    assert w.tabs.currentWidget() is not screen  # the shift tab opens first
    with qtbot.waitSignal(screen.call_started, timeout=10_000) as started:
        qtbot.keyClick(
            w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert w.tabs.currentWidget() is screen
    visit_id = started.args[0]
    assert screen.active is not None and screen.active.state.value == "talking"
    assert screen.dialogue.current_phrase_id() == "opening.visit"  # 您好! (GS 4.1.1)
    assert screen.dialogue.script.row_of("opening.company") is None  # no phone greeting
    assert screen.dialogue.script.row_of("intent.visit_ask") is not None
    screen.intent.set_intent("suggestion")
    _type(qtbot, screen, "content", "希望营业厅周六也开门")
    _key(qtbot, w, Qt.Key.Key_F4)  # the visitor leaves
    assert screen.active is not None and screen.active.state.value == "wrap_up"
    _finish(qtbot, w)
    record = rt.run(w.ctx, calls.get_call, visit_id)
    assert (record.direction, record.channel, record.intent) == ("inbound", "visit", "suggestion")
    assert record.caller_number is None and record.state == "done"
    assert record.details["intents"]["suggestion"]["content"] == "希望营业厅周六也开门"


def test_a_wrong_surname_is_followed_by_the_apology(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    w, screen = window, window.call_screen
    _ring_and_answer(qtbot, w, rt, settings)
    form = screen.verification
    type_text(qtbot, form.edits["surname"], "章")
    form.title.setCurrentIndex(form.title.findData("女士"))
    assert not screen.dialogue.prompt.isVisible()
    form.edits["surname"].clear()
    type_text(qtbot, form.edits["surname"], "张")
    qtbot.keyClick(form.edits["surname"], Qt.Key.Key_Tab)  # done editing: the name is taken
    qtbot.waitUntil(lambda: screen.dialogue.prompt.isVisible(), timeout=5_000)
    assert "张女士,非常抱歉。" in screen.dialogue.prompt.text()  # GS 15.2.5, 4.1.9
    _key(qtbot, w, Qt.Key.Key_F8)  # says the prompted apology
    assert "surname.apology" in screen.dialogue._said
