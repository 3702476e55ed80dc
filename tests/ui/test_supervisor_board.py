"""The supervisor board (R4.4): agents with their states, the KPIs as figures and bars,
and approvals — a supervisor approves a delegation request from it; an agent cannot."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import cases
from console.core import unit
from console.core.clock import SystemClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import JobNumber
from console.people import delegation
from console.shift import board, states
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.core import session
from ui.shift.supervisor_board import SupervisorBoard


def _board(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> SupervisorBoard:
    view = SupervisorBoard(
        rt.runner(lambda: ctx),
        lambda: session.board(rt, ctx, settings.timezone),
        settings,
        SystemClock(),
    )
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    return view


def test_supervisor_approves_a_delegation_from_the_board_and_an_agent_cannot(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001", name="张敏")
    make_agent("1002", name="李强")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    delegate = rt.login("1001", PASSWORD, "坐席01")
    owner = rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "坐席03")
    rt.run(delegate, states.set_state, states.AgentState.NOT_READY, "coaching")
    now = rt.run(delegate, lambda s, _c: unit.db_now(s))
    d = rt.run(delegate, delegation.request, "1002", now + timedelta(hours=2), "李强外出,代理回访")

    mine = _board(qtbot, rt, owner, settings)  # an agent: the board refuses to load
    assert mine.message.isVisible() and mine.snapshot is None
    assert mine.delegations.count() == 0 and not mine.approve_button.isEnabled()

    view = _board(qtbot, rt, boss, settings)
    assert view.snapshot is not None
    agents = [view.agents.item(i).text() for i in range(view.agents.count())]
    assert any("张敏" in a and "未就绪" in a and "值班经理辅导" in a for a in agents)
    assert view.bars.rows[0][0] == "3声内接听率"
    assert view.delegations.count() == 1 and "李强外出" in view.delegations.item(0).text()
    view.delegations.setCurrentRow(0)
    type_text(qtbot, view.password, "wrong-password")
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.isVisible() and not view.busy, timeout=10_000)
    assert rt.run(boss, board.pending_delegations)  # nothing approved
    view.password.clear()
    type_text(qtbot, view.password, PASSWORD)
    with qtbot.waitSignal(view.approved, timeout=10_000) as approved:
        qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    assert approved.args == [d]
    qtbot.waitUntil(lambda: view.delegations.count() == 0 and not view.busy, timeout=10_000)
    assert rt.run(boss, board.pending_delegations) == []


def test_supervisor_decides_a_case_transfer_request_from_the_board(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    owner = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席03")
    first = rt.run(owner, cases.open_case, cases.new_case_id(), "repair", "表不走字")
    second = rt.run(owner, cases.open_case, cases.new_case_id(), "complaint", "态度问题")
    for c in (first, second):
        rt.run(owner, cases.request_transfer, c.id, JobNumber("1002"), "本人调岗", c.version)
    view = _board(qtbot, rt, boss, settings)
    assert view.transfers.count() == 2 and "1001 → 1002" in view.transfers.item(0).text()
    view.transfers.setCurrentRow(0)
    qtbot.mouseClick(view.decline_button, Qt.MouseButton.LeftButton)  # no reason: refused
    qtbot.waitUntil(lambda: view.message.isVisible() and not view.busy, timeout=10_000)
    assert view.transfers.count() == 2
    view.transfers.setCurrentRow(0)
    qtbot.mouseClick(view.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.transfers.count() == 1 and not view.busy, timeout=10_000)
    assert rt.run(boss, cases.get_case, first.id).owner_job_no == "1002"
    view.transfers.setCurrentRow(0)
    type_text(qtbot, view.decline_note, "投诉由原责任人跟完")
    qtbot.mouseClick(view.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.transfers.count() == 0 and not view.busy, timeout=10_000)
    assert rt.run(boss, cases.get_case, second.id).owner_job_no == "1001"
