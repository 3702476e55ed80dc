"""Callbacks (R3.7, R3.8): take the next item, read the standard's script, record the
result; an unsatisfied repair goes back to the department."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.cases import callbacks, cases, follow_up
from console.cases.callbacks import CallbackItem
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import CallbackResult, CallId
from console.telephony.telephony import SimulatedSwitch, Telephony, send_caller_hang_up
from db.models import Call, Customer, Department
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer
from ui.cases.callback_desk import CallbackDesk
from ui.telephony.switchboard import Switchboard


def _desk(
    qtbot: QtBot,
    rt: Runtime,
    ctx: AgentContext,
    settings: Settings,
    clock: ManualClock,
    telephony: Telephony | None = None,
) -> CallbackDesk:
    desk = CallbackDesk(
        rt.runner(lambda: ctx),
        lambda: ctx,
        settings,
        clock,
        HolidayCalendar.load(),
        telephony=telephony,
    )
    qtbot.addWidget(desk)
    desk.show()
    return desk


def test_taking_a_callback_and_recording_unsatisfied_sends_the_repair_back(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="REPAIR", name="维修部"))
    make_agent("1001")
    make_agent("1002")
    owner = rt.login("1001", PASSWORD, "坐席01")
    other = rt.login("1002", PASSWORD, "坐席02")
    case = rt.run(
        owner,
        cases.open_case,
        cases.new_case_id(),
        "repair",
        "燃气表不走字",
        caller_number="13912341234",
    )
    case = rt.run(owner, cases.dispatch, case.id, "REPAIR", case.version)
    rt.run(owner, follow_up.department_done, case.id, case.version)

    desk = _desk(qtbot, rt, other, settings, ManualClock(datetime.now(UTC)))
    assert not desk.result_buttons[CallbackResult.SATISFIED].isEnabled()
    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.item is not None, timeout=10_000)
    assert desk.item is not None and desk.item.case_id == case.id
    assert "13912341234" in desk.details.text()  # unmasked: this agent holds it
    about = desk.about.text()  # what the call is about, before dialling
    assert "燃气表不走字" in about and "1001" in about and "报修" in about
    script = [desk.script.item(i).text() for i in range(desk.script.count())]
    assert script[0] == "您好,安泰燃气为您服务!"  # GS 15.6.1 verbatim
    assert any("抱歉,打扰了,再见!" in line for line in script)
    assert script[-1].startswith("感谢您对我们工作的支持") and "8619612" in script[-1]

    desk.reschedule.setText("明天")  # not a time: refused, nothing recorded, text kept
    qtbot.mouseClick(desk.result_buttons[CallbackResult.INCONVENIENT], Qt.MouseButton.LeftButton)
    assert desk.message.isVisible() and desk.reschedule.text() == "明天"
    desk.reschedule.clear()

    with qtbot.waitSignal(desk.recorded, timeout=10_000):
        qtbot.mouseClick(desk.result_buttons[CallbackResult.UNSATISFIED], Qt.MouseButton.LeftButton)
    back = rt.run(owner, cases.get_case, case.id)
    assert (back.status, back.department) == ("dispatched", "REPAIR")  # R3.6
    assert rt.run(other, callbacks.held) is None

    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.message.isVisible() and not desk.busy, timeout=10_000)
    assert desk.item is None  # nothing else is due


def test_supervisor_plans_home_visits_and_the_agent_sees_who_to_visit(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.add(customer(1, "13912340001", id=1, special_group="老年独居"))
        s.add(customer(2, "13912340002", id=2))
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    now = datetime.now(UTC)

    mine = _desk(qtbot, rt, agent, settings, ManualClock(now))
    assert not mine.visits_button.isVisibleTo(mine)  # planning field work is a supervisor's
    board = _desk(qtbot, rt, boss, settings, ManualClock(now - timedelta(days=7)))  # due now
    qtbot.mouseClick(board.visits_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.message.isVisible() and not board.busy, timeout=10_000)
    assert "1" in board.message.text()
    [visit] = rt.run(boss, callbacks.queue)
    assert visit.reason == "special_visit" and visit.customer_id == 1

    qtbot.mouseClick(mine.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mine.item is not None, timeout=10_000)
    assert "上门" in mine.about.text() and "老年独居" in mine.about.text()


def test_a_callback_is_an_outbound_call_record_scored_and_hung_up_by_the_customer(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    """Issue 17, item 3: the callback is dialled through the line (the simulator here),
    recorded as an outbound call with the outbound script said line by line, scored like
    an inbound call; recording the result does not hang up on the customer, who puts the
    phone down first (GS 15.6.4)."""
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="REPAIR", name="维修部"))
        s.add(customer(7, "13912340007", id=7, name="李秀英", gender="F"))
    make_agent("1001")
    make_agent("1002")
    owner = rt.login("1001", PASSWORD, "坐席01")
    other = rt.login("1002", PASSWORD, "坐席02")
    case = rt.run(
        owner,
        cases.open_case,
        cases.new_case_id(),
        "repair",
        "燃气表不走字",
        customer_id=7,
        caller_number="13912340007",
    )
    case = rt.run(owner, cases.dispatch, case.id, "REPAIR", case.version)
    rt.run(owner, follow_up.department_done, case.id, case.version)

    clock = ManualClock(datetime.now(UTC))
    line = SimulatedSwitch(rt.db, "坐席02", clock)  # the seat 1002 works at
    desk = _desk(qtbot, rt, other, settings, clock, telephony=line)
    board = Switchboard(line)
    board.connected.connect(desk.dialler.on_connected)
    board.caller_hung_up.connect(desk.dialler.on_far_end_hung_up)
    board.start()
    try:
        qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.item is not None, timeout=10_000)
        item: CallbackItem = desk.item  # type: ignore[assignment]
        assert desk.dialler.isVisible() and desk.dialler.dial_button.isEnabled()
        desk.script.setFocus()
        qtbot.keyClick(desk.script, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: desk.dialler.state == "connected", timeout=10_000)
        assert desk.dialler.ref is not None
        ref = CallId(desk.dialler.ref)
        # The agent says the script line by line: Enter on each marks it said.
        said = []
        for row in range(desk.script.count()):
            line_id = desk.script.item(row).data(Qt.ItemDataRole.UserRole)
            if line_id == "callback.inconvenient":
                continue  # the customer has time
            desk.script.setCurrentRow(row)
            qtbot.keyClick(desk.script, Qt.Key.Key_Return)
            said.append(line_id)
        assert said == [
            "opening.outbound",
            "opening.disturb",
            "surname.outbound_identify",
            "outbound.consent",
            "handling.callback.satisfaction",
            "closing.callback",
        ]
        assert desk.script.item(2).text() == "✓ 我是安泰燃气客服中心1002号,请问您是李女士吗?"
        with qtbot.waitSignal(desk.recorded, timeout=10_000):
            qtbot.mouseClick(
                desk.result_buttons[CallbackResult.SATISFIED], Qt.MouseButton.LeftButton
            )
        # Recording the result did not hang up: the customer is still on the line.
        assert desk.dialler.ref == ref and desk.dialler.state == "connected"
        qtbot.waitUntil(lambda: desk.dialler.settled, timeout=10_000)
        record = rt.run(other, calls.get_call, ref)
        assert record.ended_at is None and record.direction == "outbound"

        send_caller_hang_up(rt.db, "坐席02", ref)  # the customer puts the phone down
        qtbot.waitUntil(lambda: desk.dialler.state == "idle", timeout=10_000)
        qtbot.waitUntil(lambda: desk.dialler.settled, timeout=10_000)
    finally:
        board.stop()

    record = rt.run(other, calls.get_call, ref)
    assert (record.direction, record.channel, record.intent) == ("outbound", "phone", "callback")
    assert (record.ended_by, record.state, record.job_no) == ("caller", "done", "1002")
    assert record.customer_id == 7 and record.caller_number == "13912340007"
    assert record.details["outbound"] == {"callback_id": item.id, "reason": "case"}
    assert rt.run(other, calls.compliance_scores, [ref]) == {ref: 100}
    events = [e.kind for e in rt.run(other, calls.call_events, ref)]
    assert events[:3] == ["ring", "answer", "surname"]
    assert events[-2:] == ["hang_up", "wrap_up_done"]
    closed = rt.run(owner, cases.get_case, case.id)
    assert (closed.status, closed.satisfaction) == ("closed", "satisfied")
    with admin_rt.unit(admin="test") as s:
        assert s.get(Call, ref) is not None and s.get(Customer, 7) is not None
