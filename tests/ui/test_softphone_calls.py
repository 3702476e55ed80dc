"""The seat's softphone driven from the running console (R2.16): sipp is the
customer, baresip the seat's SIP user agent, the console (real window, offscreen) the
agent's screen. Everything on loopback, on free ports.

The database side of a call is tested on both engines by the call-screen tests; these
tests are about the line, so they run on the embedded SQLite file only.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.call_flow import TRANSFER_LINE
from console.cases import cases, follow_up
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.core.vocabulary import CallbackResult, CallId
from console.telephony.softphone import BaresipLine
from console.telephony.telephony import CallConnected
from db.models import Department
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import customer
from tests.sip.peers import (
    Sipp,
    answer_calls,
    call_seat,
    connected_line,
    free_port,
    needs_sip_peers,
    seat_config,
)
from tests.ui import shots
from tests.ui.desk import NATIONAL_DAY_MORNING, NUMBER
from tests.ui.driver import Driver, be_ready
from ui.app.main_window import Desk, MainWindow
from ui.calls.call_screen import CallScreen
from ui.core import session
from ui.telephony.dial_bar import CONNECTED

pytestmark = [needs_sip_peers, pytest.mark.slow]


@pytest.fixture
def test_db(sqlite_db: TestDb) -> TestDb:
    return sqlite_db


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def customer_id(admin_rt: Runtime) -> int:
    c = customer(0, NUMBER, name="张秀英")
    with admin_rt.unit(admin="test") as s:
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def line(tmp_path: Path, clock: ManualClock) -> Iterator[BaresipLine]:
    """The seat's baresip, started by the line. A restart waits a second, so the
    banner of an outage stays up long enough to be seen."""
    line = connected_line(seat_config(), clock, tmp_path / "baresip", retry_delays=(1.0,))
    yield line
    line.close()


@pytest.fixture
def window(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
    line: BaresipLine,
) -> MainWindow:
    """Agent 1001 signed in at a console whose line is the seat's baresip."""
    make_agent("1001", name="张敏")
    signed_in = session.login(rt, "1001", PASSWORD, settings.seat)
    w = MainWindow(settings, rt, signed_in, desk=Desk(line, clock, HolidayCalendar.load()))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    be_ready(qtbot, w)  # a seat that is not ready lets a call go (missed)
    return w


def _say(qtbot: QtBot, screen: CallScreen, phrase_id: str) -> None:
    row = screen.dialogue.script.row_of(phrase_id)
    assert row is not None, phrase_id
    screen.dialogue.script.setCurrentRow(row)
    screen.dialogue.script.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert phrase_id in screen.dialogue._said


def _transfer_by_keys(qtbot: QtBot, w: MainWindow, number: str, key: str) -> Driver:
    """F7, then ``number`` typed into the transfer dialog (Alt+U) and ``key`` pressed:
    Return transfers, Alt+C consults first. The agent's keyboard, for what follows."""
    screen = w.call_screen
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: getattr(screen, "transfer_dialog", None) is not None)
    dialog = screen.transfer_dialog
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.loaded, timeout=10_000)
    agent = Driver(qtbot, w)
    agent.press("Alt+U")
    agent.type(number)
    agent.press(key)
    return agent


def _ring(
    qtbot: QtBot,
    w: MainWindow,
    line: BaresipLine,
    tmp: Path,
    scenario: str = "caller.xml",
    talk_ms: int = 1000,
) -> Sipp:
    """sipp calls the seat from NUMBER; returns sipp once the card is on screen."""
    with qtbot.waitSignal(w.call_screen.card_painted, timeout=15_000):
        sipp = call_seat(line.config, NUMBER, tmp, scenario=scenario, talk_ms=talk_ms)
    return sipp


def _answer(qtbot: QtBot, w: MainWindow) -> CallId:
    screen = w.call_screen
    assert screen.active is not None
    ref = screen.active.call_id
    with qtbot.waitSignal(
        w.switchboard.connected,
        timeout=10_000,
        check_params_cb=lambda e: isinstance(e, CallConnected) and e.ref == ref,
    ):
        qtbot.keyClick(screen, Qt.Key.Key_F2)  # baresip accepts: 200 OK, sipp ACKs
    assert screen.active.state.value == "talking"
    return ref


def test_a_sipp_call_pops_the_card_and_is_answered_and_ended_from_the_console(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    customer_id: int,
    tmp_path: Path,
) -> None:
    w = window
    screen = w.call_screen
    sipp = _ring(qtbot, w, line, tmp_path)
    try:
        assert screen.number_label.text() == NUMBER
        assert screen.card.heading.text() == "张秀英女士"
        assert w.tabs.currentWidget() is screen
        clock.advance(timedelta(seconds=6))  # answered on ring 2 (5 s rings, company.yaml)
        qtbot.waitUntil(lambda: "2" in screen.timer_label.text())
        ref = _answer(qtbot, w)

        with qtbot.waitSignal(w.switchboard.caller_hung_up, timeout=1_000, raising=False) as hung:
            qtbot.keyClick(screen, Qt.Key.Key_F3)  # hold: a re-INVITE sipp answers
            qtbot.keyClick(screen, Qt.Key.Key_F3)  # resume
        assert not hung.signal_triggered  # the caller is still there
        assert not screen.message.isVisible()  # and the softphone refused nothing

        _say(qtbot, screen, "opening.company")
        _say(qtbot, screen, "closing.ask_more")
        _say(qtbot, screen, "closing.holiday")
        clock.advance(timedelta(seconds=30))
        with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
            qtbot.keyClick(screen, Qt.Key.Key_F4)
        assert sipp.wait() == 0, sipp.log()
        assert sipp.saw("ACK ") and sipp.saw("BYE ")

        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert record.caller_number == NUMBER and record.customer_id == customer_id
        assert record.started_at == NATIONAL_DAY_MORNING
        assert record.answered_at == NATIONAL_DAY_MORNING + timedelta(seconds=6)
        assert record.ring_count == 2 and record.state == "wrap_up"
        events = rt.run(w.ctx, calls.call_events, ref)
        assert [e.kind for e in events][:2] == ["ring", "answer"]
        assert "hold" in [e.kind for e in events] and "resume" in [e.kind for e in events]
        (hang_up,) = [e for e in events if e.kind == "hang_up"]
        assert hang_up.at == NATIONAL_DAY_MORNING + timedelta(seconds=36)
        assert hang_up.data["by"] == "agent"
    finally:
        sipp.stop()


def test_the_caller_hangs_up_first_and_the_console_records_it(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    w = window
    screen = w.call_screen
    sipp = _ring(qtbot, w, line, tmp_path, scenario="caller_hangs_up.xml", talk_ms=1000)
    try:
        clock.advance(timedelta(seconds=2))
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")
        with qtbot.waitSignal(screen.wrap_up_started, timeout=15_000):
            pass  # sipp sends BYE a second after the answer
        assert sipp.wait() == 0, sipp.log()
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert record.ring_count == 1 and record.state == "wrap_up"
        (hang_up,) = [e for e in rt.run(w.ctx, calls.call_events, ref) if e.kind == "hang_up"]
        assert hang_up.data["by"] == "caller"  # R2.9: the console records who ended it
        assert screen.active is not None
        verdicts = {c.criterion.value: c.verdict.value for c in screen.active.compliance().criteria}
        assert verdicts["caller_hung_up_first"] == "pass"
    finally:
        sipp.stop()


def test_killing_baresip_mid_call_shows_a_banner_keeps_the_record_and_reconnects(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    w = window
    screen = w.call_screen
    sipp = _ring(qtbot, w, line, tmp_path)
    try:
        ref = _answer(qtbot, w)
        notes = "燃气表漏气,客户在线"
        screen.notes.setPlainText(notes)
        first_pid = line.pid
        assert first_pid is not None
        with qtbot.waitSignal(screen.line_changed, timeout=10_000) as down:
            os.kill(first_pid, signal.SIGKILL)
        assert down.args == [False]
        assert screen.line_banner.isVisible()
        assert "软电话" in screen.line_banner.text()
        assert screen.active is not None and screen.active.call_id == ref  # still on the desk

        # The line restarts baresip and reconnects; the call died with the old process.
        with qtbot.waitSignal(screen.line_changed, timeout=20_000) as up:
            pass
        assert up.args == [True]
        qtbot.waitUntil(lambda: not screen.line_banner.isVisible(), timeout=5_000)
        qtbot.waitUntil(
            lambda: screen.active is not None and screen.active.state.value == "wrap_up",
            timeout=10_000,
        )
        assert line.restarts == 1 and line.pid not in (None, first_pid)
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert record.answered_at is not None and record.state == "wrap_up"
        assert record.notes == notes  # what the agent typed is kept
        (hang_up,) = [e for e in rt.run(w.ctx, calls.call_events, ref) if e.kind == "hang_up"]
        assert hang_up.data["by"] == "system"  # nobody hung up: the line lost it

        # The new baresip takes the next call; the seat is busy with the wrap-up, so the
        # console logs it as missed and the line turns it away (486) for another seat.
        sipp.stop()
        with qtbot.waitSignal(w.switchboard.incoming, timeout=15_000) as rang:
            sipp = call_seat(line.config, "13900000002", tmp_path)
        assert rang.args[0].number == "13900000002"
        assert sipp.wait() != 0 and sipp.saw("SIP/2.0 486")
        assert screen.active is not None and screen.active.call_id == ref
    finally:
        sipp.stop()


def test_a_callback_is_dialled_from_the_console_and_reaches_the_customer(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    tmp_path: Path,
) -> None:
    # A repair the department reports done: its callback (回访) is due (R3.6).
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="REPAIR", name="维修部"))
    make_agent("1002")
    owner = rt.login("1002", PASSWORD, "坐席02")
    case = rt.run(
        owner, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字", caller_number=NUMBER
    )
    case = rt.run(owner, cases.dispatch, case.id, "REPAIR", case.version)
    rt.run(owner, follow_up.department_done, case.id, case.version)

    w = window
    desk = w.callbacks
    w.tabs.setCurrentWidget(desk)
    bar = desk.dialler
    assert bar.isVisible() and not bar.dial_button.isEnabled()  # nobody taken yet
    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.item is not None, timeout=10_000)
    assert bar.number == NUMBER and bar.dial_button.isEnabled()

    # The customer's phone on a port free right now; the line reads where to dial
    # from its config at each dial.
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    callee = answer_calls(tmp_path, port)
    try:
        callee.wait_listening(port)
        with qtbot.waitSignal(bar.state_changed, timeout=15_000, check_params_cb=CONNECTED.__eq__):
            qtbot.keyClick(desk, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        assert callee.saw(f"INVITE sip:{NUMBER}@127.0.0.1")
        assert bar.ref is not None
        ref = CallId(bar.ref)
        with qtbot.waitSignal(desk.recorded, timeout=10_000):
            qtbot.mouseClick(
                desk.result_buttons[CallbackResult.SATISFIED], Qt.MouseButton.LeftButton
            )
        # Recording the result moved the desk on but never hangs up on the customer
        # (GS 15.6.4): the call is still up until a party ends it.
        assert bar.ref == ref and bar.hang_up_button.isEnabled()
        assert not callee.saw("BYE ")
        # This customer lingers: the agent ends the call (TN ④).
        qtbot.mouseClick(bar.hang_up_button, Qt.MouseButton.LeftButton)
        assert callee.wait() == 0, callee.log()
        assert callee.saw("BYE ")
        assert bar.ref is None and not bar.hang_up_button.isEnabled()
        qtbot.waitUntil(lambda: bar.settled, timeout=10_000)
        record = rt.run(owner, calls.get_call, ref)
        assert (record.direction, record.intent, record.ended_by) == (
            "outbound",
            "callback",
            "agent",
        )
    finally:
        callee.stop()


def test_f7_transfers_the_sipp_caller_through_baresip_to_a_sipp_desk_phone(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    """F7, a number typed, Enter: 请稍等 marked said, baresip REFERs the caller, and the
    customer's phone (sipp) calls the desk phone (a second sipp) itself; the console
    goes to wrap-up with the record naming the number, and no error is shown."""
    w = window
    screen = w.call_screen
    desk = "8619612"
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    target = answer_calls(tmp_path, port)
    sipp: Sipp | None = None
    try:
        target.wait_listening(port)
        sipp = _ring(qtbot, w, line, tmp_path, scenario="caller_transferred.xml")
        clock.advance(timedelta(seconds=2))
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")

        qtbot.keyClick(screen, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: getattr(screen, "transfer_dialog", None) is not None)
        dialog = screen.transfer_dialog
        qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.loaded, timeout=10_000)
        # The softphone dials numbers: no list of seats it could not reach.
        assert not dialog.seat.isVisible()
        agent = Driver(qtbot, w)
        assert dialog.number.hasFocus()  # the number is asked for at once
        agent.press("Return")  # nothing typed yet
        assert dialog.message.text() == "请输入要转接的号码。" and dialog.isVisible()
        shots.save(dialog, "transfer-dialog-softphone.png")
        agent.press("Alt+U")  # the number field
        agent.type(desk)
        agent.press("Return")
        qtbot.waitUntil(
            lambda: screen.active is not None and screen.active.state.value == "wrap_up",
            timeout=10_000,
        )
        assert TRANSFER_LINE in screen.dialogue._said
        assert desk in screen.message.text()

        assert sipp.wait() == 0, sipp.log()
        assert target.wait() == 0, target.log()
        assert target.saw(f"INVITE sip:{desk}@127.0.0.1:{port} ")
        assert f"From: <sip:{NUMBER}@" in target.messages.read_text(errors="replace")
        assert desk in screen.message.text()  # no refusal or failed transfer replaced it

        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert (record.job_no, record.transferred_to, record.state) == ("1001", desk, "wrap_up")
        kinds = [e.kind for e in rt.run(w.ctx, calls.call_events, ref)]
        assert kinds[-3:] == ["phrase", "transfer", "hang_up"]
    finally:
        if sipp is not None:
            sipp.stop()
        target.stop()


def test_f7_consults_the_desk_phone_through_baresip_then_f7_hands_the_caller_over(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    """Attended transfer with baresip 1.0 (no Replaces): F7, a number, 先咨询 — the sipp
    caller is put on hold (caller_consulted.xml answers the re-INVITE) and the desk
    phone (a second sipp) is called and answers; F7 again — the consultation is hung
    up and the caller REFERred to the same number, calls it, and the call goes to
    wrap-up once the line confirms, the record with its consultation and transfer."""
    w = window
    screen = w.call_screen
    desk = "8619612"
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    target = answer_calls(tmp_path, port, calls=2)  # the consultation, then the caller
    sipp: Sipp | None = None
    try:
        target.wait_listening(port)
        sipp = _ring(qtbot, w, line, tmp_path, scenario="caller_consulted.xml")
        clock.advance(timedelta(seconds=2))
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")

        agent = _transfer_by_keys(qtbot, w, desk, "Alt+C")  # 先咨询: consult first
        qtbot.waitUntil(lambda: screen.active is not None and screen.active.flow.consulting == desk)
        assert screen.active is not None and screen.active.state.value == "on_hold"
        assert "F7" in screen.message.text()
        qtbot.waitUntil(lambda: target.saw("ACK "), timeout=10_000)  # the desk answered
        assert screen.transfer_button.isEnabled()
        shots.save(w, "transfer-consulting-softphone.png")

        agent.activate()  # offscreen, nothing gives the window back its focus by itself
        qtbot.keyClick(screen, Qt.Key.Key_F7)
        qtbot.waitUntil(
            lambda: screen.active is not None and screen.active.state.value == "wrap_up",
            timeout=10_000,
        )
        assert desk in screen.message.text()
        assert sipp.wait() == 0, sipp.log()
        assert target.wait() == 0, target.log()
        invites = [
            x
            for x in target.messages.read_text(errors="replace").splitlines()
            if x.startswith("INVITE ")
        ]
        assert len(invites) == 2, target.log()  # the seat's consultation, then the caller

        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert (record.transferred_to, record.state) == (desk, "wrap_up")
        kinds = [e.kind for e in rt.run(w.ctx, calls.call_events, ref)]
        assert kinds[-4:] == ["hold", "consult", "transfer", "hang_up"]
    finally:
        if sipp is not None:
            sipp.stop()
        target.stop()


def test_f3_during_a_consultation_through_baresip_returns_to_the_caller(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    """F7, a number, 先咨询, then F3: the desk phone (sipp) gets the consultation's BYE,
    the caller (caller.xml, which answers every re-INVITE) is taken off hold with no
    refusal shown, and F4 later hangs up on the caller; nothing recorded as
    transferred."""
    w = window
    screen = w.call_screen
    desk = "8619612"
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    target = answer_calls(tmp_path, port)
    sipp: Sipp | None = None
    try:
        target.wait_listening(port)
        sipp = _ring(qtbot, w, line, tmp_path)
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")
        agent = _transfer_by_keys(qtbot, w, desk, "Alt+C")  # 先咨询: consult first
        qtbot.waitUntil(lambda: screen.active is not None and screen.active.flow.consulting == desk)
        qtbot.waitUntil(lambda: target.saw("ACK "), timeout=10_000)

        agent.activate()
        qtbot.keyClick(screen, Qt.Key.Key_F3)
        active = screen.active
        assert active is not None
        qtbot.waitUntil(lambda: active.state.value == "talking")
        assert target.wait() == 0, target.log()  # the consultation's BYE
        with qtbot.waitSignal(w.switchboard.command_failed, timeout=1_000, raising=False) as failed:
            pass
        assert not failed.signal_triggered, failed.args
        assert screen.state_label.text() == "通话中"

        with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
            qtbot.keyClick(screen, Qt.Key.Key_F4)
        assert sipp.wait() == 0, sipp.log()
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert record.transferred_to is None
        kinds = [e.kind for e in rt.run(w.ctx, calls.call_events, ref)]
        assert kinds[-4:] == ["hold", "consult", "resume", "hang_up"]
    finally:
        if sipp is not None:
            sipp.stop()
        target.stop()


def test_a_busy_consultation_is_said_and_the_agent_is_back_with_the_caller(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    tmp_path: Path,
) -> None:
    """先咨询 to a desk phone that answers 486 (callee_busy.xml): baresip takes the
    caller off hold by itself, and the console goes back to the caller with it — the
    agent reads that the call to the desk ended, with the reason, and is talking to the
    caller (caller.xml answers the re-INVITEs); F4 hangs up on them."""
    w = window
    screen = w.call_screen
    desk = "8619612"
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    target = answer_calls(tmp_path, port, scenario="callee_busy.xml")
    sipp: Sipp | None = None
    try:
        target.wait_listening(port)
        sipp = _ring(qtbot, w, line, tmp_path)
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")
        agent = _transfer_by_keys(qtbot, w, desk, "Alt+C")  # 先咨询: consult first
        qtbot.waitUntil(lambda: f"与 {desk} 的通话已结束" in screen.message.text(), timeout=10_000)
        assert "486" in screen.message.text() and "回到来电" in screen.message.text()
        assert target.wait() == 0, target.log()
        active = screen.active
        assert active is not None and active.state.value == "talking"
        assert active.flow.consulting is None and screen.state_label.text() == "通话中"
        shots.save(w, "transfer-consultation-busy.png")

        agent.activate()
        with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
            qtbot.keyClick(screen, Qt.Key.Key_F4)
        assert sipp.wait() == 0, sipp.log()
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        assert rt.run(w.ctx, calls.get_call, ref).transferred_to is None
    finally:
        if sipp is not None:
            sipp.stop()
        target.stop()


def test_a_transfer_the_target_turns_down_leaves_the_agent_talking_to_the_caller(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    """F7 to a number whose phone is busy: the customer's phone (sipp,
    caller_transfer_busy.xml) accepts baresip's REFER, tries a second, then reports 486.
    Meanwhile the call stays on screen as 正在转接 (the caller is still on the line: no
    hold, no second transfer, no wrap-up); then the console says in words that the
    transfer failed and the caller is still there, the call is talking again with
    nothing recorded as transferred, and F4 hangs up on the customer (BYE)."""
    w = window
    screen = w.call_screen
    desk = "8619612"
    sipp = _ring(qtbot, w, line, tmp_path, scenario="caller_transfer_busy.xml")
    try:
        clock.advance(timedelta(seconds=2))
        ref = _answer(qtbot, w)
        _say(qtbot, screen, "opening.company")

        agent = _transfer_by_keys(qtbot, w, desk, "Return")
        dialog = screen.transfer_dialog

        # While the customer's phone tries the desk: transferring, the caller on the line.
        qtbot.waitUntil(lambda: screen.state_label.text() == f"正在转接到 {desk}……")
        assert screen.active is not None and screen.active.state.value == "talking"
        assert "客户仍在线上" in screen.message.text()
        assert not screen.transfer_button.isEnabled() and not screen.hold_button.isEnabled()
        assert not screen.finish_button.isEnabled() and screen.hang_up_button.isEnabled()
        qtbot.keyClick(screen, Qt.Key.Key_F7)  # not a second transfer
        assert getattr(screen, "transfer_dialog", None) is dialog and not dialog.isVisible()
        label = screen.state_label
        qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())  # laid out
        shots.save(w, "transfer-pending.png")

        # The 486: said in words, and the call goes on.
        qtbot.waitUntil(lambda: f"未能转接到 {desk}" in screen.message.text(), timeout=10_000)
        text = screen.message.text()
        assert "客户仍在线上" in text and "486" in text, text
        assert screen.active.state.value == "talking"
        assert screen.state_label.text() == "通话中"
        assert screen.transfer_button.isEnabled() and screen.hold_button.isEnabled()
        shots.save(w, "transfer-failed.png")
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert (record.state, record.transferred_to) == ("talking", None)

        agent.activate()  # offscreen, nothing gives the window back its focus by itself
        with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
            qtbot.keyClick(screen, Qt.Key.Key_F4)
        assert sipp.wait() == 0, sipp.log()
        assert sipp.saw("BYE ")
        qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert (record.state, record.transferred_to) == ("wrap_up", None)
        events = rt.run(w.ctx, calls.call_events, ref)
        assert "transfer" not in [e.kind for e in events]
        assert events[-1].kind == "hang_up" and events[-1].data["by"] == "agent"
    finally:
        sipp.stop()


def _invite_sent_at(sipp: Sipp) -> datetime:
    """When sipp put the INVITE on the wire: the timestamp its message trace gives the
    message (``----… 2026-12-07\t05:02:03.123456`` above ``UDP message sent``)."""
    stamp = None
    for line in sipp.messages.read_text(errors="replace").splitlines():
        if line.startswith("-----"):
            stamp = line.strip("- ").replace("\t", " ")
        elif line.startswith("INVITE ") and stamp is not None:
            return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").astimezone()
    raise AssertionError(f"no INVITE in the trace:\n{sipp.log()}")


def test_the_card_shows_the_number_at_once_and_the_customer_before_the_second_ring(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    customer_id: int,
    tmp_path: Path,
) -> None:
    """From the wire: sipp's INVITE → baresip → the console. The card is never blank
    while the call rings — the number and 查找中 first, never 无通话 — and the customer
    is painted before the second ring (rings are 5 s apart)."""
    card = window.call_screen.card
    painted: list[str] = []  # the heading as each paint of it put it on screen

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                lookup = card.recent.item(0).text() if card.recent.count() else ""
                painted.append(f"{card.heading.text()} | {lookup}")
            return False

    watch = Watch()
    card.heading.installEventFilter(watch)
    window.tabs.setCurrentWidget(window.call_screen)  # the card on screen before the ring
    qtbot.waitUntil(card.heading.isVisible)
    window.switchboard.incoming.connect(lambda _call: painted.append("RING"))
    with qtbot.waitSignal(window.call_screen.card_painted, timeout=15_000):
        sipp = call_seat(line.config, NUMBER, tmp_path)
    try:
        card.heading.repaint()  # what the screen shows now, painted
        on_screen = datetime.now().astimezone()
        rang_at = _invite_sent_at(sipp)
        assert timedelta(0) < on_screen - rang_at < timedelta(seconds=5), (rang_at, on_screen)
        ringing = painted[painted.index("RING") + 1 :]
        assert ringing[0] == f"{NUMBER} | 正在查找来电客户…", painted  # at once
        assert ringing[-1].startswith("张秀英女士")
        assert not [p for p in ringing if p.startswith("无通话")], painted  # never blank
    finally:
        card.heading.removeEventFilter(watch)
        sipp.stop()


def test_a_seat_that_is_not_ready_answers_busy_and_logs_the_call_missed(
    qtbot: QtBot,
    window: MainWindow,
    line: BaresipLine,
    rt: Runtime,
    customer_id: int,
    tmp_path: Path,
) -> None:
    """Do not disturb: 未就绪 (Ctrl+2 and a reason), the INVITE gets 486 Busy Here — the
    PBX routes it to another seat — and the call is logged missed, with its customer."""
    w = window
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.reason_menu.isVisible)
    qtbot.keyClick(w.reason_menu, Qt.Key.Key_Down)
    qtbot.keyClick(w.reason_menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.state_label.text().startswith("状态:未就绪"), timeout=10_000)

    with qtbot.waitSignal(w.switchboard.incoming, timeout=15_000) as rang:
        sipp = call_seat(line.config, NUMBER, tmp_path)
    try:
        assert sipp.wait() != 0 and sipp.saw("SIP/2.0 486"), sipp.log()
        ref = rang.args[0].ref
        qtbot.waitUntil(lambda: _missed(rt, w, ref), timeout=10_000)
        record = rt.run(w.ctx, calls.get_call, ref)
        assert (record.caller_number, record.customer_id) == (NUMBER, customer_id)
        assert w.call_screen.active is None  # nothing rang on the screen
        assert "未就绪" in w.statusBar().currentMessage()
    finally:
        sipp.stop()


def _missed(rt: Runtime, w: MainWindow, ref: CallId) -> bool:
    try:
        return rt.run(w.ctx, calls.get_call, ref).state == "missed"
    except UserFacingError:
        return False
