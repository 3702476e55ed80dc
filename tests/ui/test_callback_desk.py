"""Callbacks (R3.7, R3.8): take the next item, read the standard's script, record the
result; an unsatisfied repair goes back to the department."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import callbacks, cases, follow_up
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from db.models import Department
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer
from ui.cases.callback_desk import CallbackDesk


def _desk(
    qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings, clock: ManualClock
) -> CallbackDesk:
    desk = CallbackDesk(
        lambda fn, *a, **k: rt.run(ctx, fn, *a, **k),
        lambda: ctx,
        settings,
        clock,
        HolidayCalendar.load(),
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
    assert not desk.result_buttons["satisfied"].isEnabled()
    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.item is not None, timeout=10_000)
    assert desk.item is not None and desk.item.case_id == case.id
    assert "13912341234" in desk.details.text()  # unmasked: this agent holds it
    about = desk.about.text()  # what the call is about, before dialling
    assert "燃气表不走字" in about and "1001" in about and "报修" in about
    script = [desk.script.item(i).text() for i in range(desk.script.count())]
    assert script[0] == "您好,安泰燃气公司为您服务!"
    assert any("抱歉,打扰了,再见!" in line for line in script)
    assert script[-1].startswith("感谢您对我们工作的支持") and "8619612" in script[-1]

    desk.reschedule.setText("明天")  # not a time: refused, nothing recorded, text kept
    qtbot.mouseClick(desk.result_buttons["inconvenient"], Qt.MouseButton.LeftButton)
    assert desk.message.isVisible() and desk.reschedule.text() == "明天"
    desk.reschedule.clear()

    with qtbot.waitSignal(desk.recorded, timeout=10_000):
        qtbot.mouseClick(desk.result_buttons["unsatisfied"], Qt.MouseButton.LeftButton)
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
