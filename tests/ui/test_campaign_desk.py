"""Outage notification in the console (R5.2): a supervisor creates a campaign on the
address tree; an agent takes customers one by one, reads the script and records the
result; the progress follows."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.campaigns import campaigns
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import TargetStatus
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer
from tests.ui.conftest import type_text
from ui.campaigns.campaign_desk import CampaignDesk


def _desk(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> CampaignDesk:
    desk = CampaignDesk(
        rt.runner(lambda: ctx),
        lambda: ctx,
        settings,
        ManualClock(datetime.now(UTC)),
        HolidayCalendar.load(),
    )
    qtbot.addWidget(desk)
    desk.resize(1000, 640)
    desk.show()
    return desk


def test_supervisor_creates_a_campaign_and_an_agent_notifies_its_customers(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.add(customer(1, "13912340001", id=1, building="12", unit="1"))
        s.add(customer(2, None, id=2, building="12", unit="1"))  # no phone: door to door
        s.add(customer(3, "13912340003", id=3, building="15", unit="2"))
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")

    board = _desk(qtbot, rt, boss, settings)
    qtbot.mouseClick(board.new_button, Qt.MouseButton.LeftButton)
    dialog = board.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10_000)
    community = dialog.tree.topLevelItem(0)
    assert community is not None and community.text(0) == "泰山花园"
    building_12 = community.child(0)
    assert building_12 is not None and building_12.text(0) == "12号楼"
    building_12.setCheckState(0, Qt.CheckState.Checked)
    dialog.submit()  # no title: refused, the ticks stay
    qtbot.waitUntil(lambda: dialog.message.isVisible() and not dialog.busy, timeout=10_000)
    assert dialog.area() == [campaigns.AreaNode("泰山花园", "12")]
    type_text(qtbot, dialog.title_edit, "12号楼抢修停气")
    type_text(qtbot, dialog.reason, "燃气管道抢修")
    type_text(qtbot, dialog.restore, "23:30")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        dialog.submit()
    qtbot.waitUntil(lambda: board.list.count() == 1, timeout=10_000)
    assert "0/2" in board.list.item(0).text()  # 2 customers in 12号楼, one door to door

    desk = _desk(qtbot, rt, agent, settings)
    qtbot.waitUntil(lambda: desk.list.count() == 1, timeout=10_000)
    assert not desk.new_button.isVisibleTo(desk)  # agents do not create campaigns
    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.target is not None, timeout=10_000)
    assert "13912340001" in desk.details.text()
    script = [desk.script.item(i).text() for i in range(desk.script.count())]
    assert any("燃气管道抢修" in line and "23:30" in line for line in script)
    assert any("不便之处请您见谅" in line for line in script)
    with qtbot.waitSignal(desk.recorded, timeout=10_000):
        qtbot.mouseClick(desk.result_buttons[TargetStatus.NOTIFIED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1/2" in desk.list.item(0).text(), timeout=10_000)
    qtbot.mouseClick(desk.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.message.isVisible() and not desk.busy, timeout=10_000)
    assert desk.target is None  # the other customer has no phone: door to door
