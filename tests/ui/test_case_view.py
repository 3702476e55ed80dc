"""The case view (R3.1–R3.6): the owner dispatches, records the department's reports,
and a stale save names who changed the case while keeping what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import callbacks, cases
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from db.models import Department
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.cases.case_view import CaseView


def _view(
    qtbot: QtBot, rt: Runtime, ctx: AgentContext, case_id: str, settings: Settings
) -> CaseView:
    view = CaseView(rt.runner(lambda: ctx), ctx, case_id, settings)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None and not view.busy, timeout=10_000)
    return view


def _click(qtbot: QtBot, view: CaseView, key: str) -> None:
    with qtbot.waitSignal(view.changed, timeout=10_000):
        qtbot.mouseClick(view.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)


def test_owner_dispatches_records_the_department_and_queues_the_callback(
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
    ctx = rt.login("1001", PASSWORD, "坐席01")
    case = rt.run(ctx, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    view = _view(qtbot, rt, ctx, case.id, settings)
    assert case.case_no in view.heading.text() and case.case_no in view.windowTitle()
    assert not view.buttons["done"].isEnabled()  # nothing dispatched yet
    _click(qtbot, view, "dispatch")
    assert view.detail is not None and view.detail.case.status == "dispatched"
    type_text(qtbot, view.note, "维修部已接单")
    _click(qtbot, view, "acknowledged")
    _click(qtbot, view, "done")
    assert view.detail.case.status == "awaiting_callback"
    kinds = [e.kind for e in view.detail.timeline]
    assert kinds == ["opened", "dispatched", "acknowledged", "done"]
    assert "维修部已接单" in view.timeline.item(2).text()
    assert view.clocks.count() == 2  # handle 6 h, fix 24 h
    queue = rt.run(ctx, callbacks.queue)
    assert [q.case_id for q in queue] == [case.id]  # the callback waits on the list


def test_a_stale_save_names_who_changed_the_case_and_keeps_the_text(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    ctx = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    case = rt.run(ctx, cases.open_case, cases.new_case_id(), "complaint", "态度问题")
    view = _view(qtbot, rt, ctx, case.id, settings)
    rt.run(boss, cases.save_case, case.id, "值班经理补充:客户要求书面道歉", {}, case.version)
    view.summary.setPlainText("坐席补充:已致歉")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.isVisible() and not view.busy, timeout=10_000)
    assert "2001" in view.message.text()
    assert view.summary.toPlainText() == "坐席补充:已致歉"  # nothing typed is lost
    assert rt.run(ctx, cases.get_case, case.id).summary == "值班经理补充:客户要求书面道歉"


def test_supervisor_transfers_the_owner_and_pauses_for_the_customer(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    ctx = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    # A repair: its clocks pause while waiting on the customer (a complaint's never do,
    # GS 2.2.6).
    case = rt.run(ctx, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    mine = _view(qtbot, rt, ctx, case.id, settings)
    # The owner cannot transfer the case, only ask a supervisor to.
    assert "申请" in mine.buttons["transfer"].text()
    assert not mine.buttons["review"].isVisibleTo(mine)
    type_text(qtbot, mine.new_owner, "1002")
    type_text(qtbot, mine.note, "本人下周调岗")
    _click(qtbot, mine, "transfer")
    assert mine.detail is not None and mine.detail.case.owner_job_no == "1001"
    assert rt.run(boss, cases.pending_transfers)[0].to_job_no == "1002"
    assert not mine.buttons["back"].isEnabled()
    type_text(qtbot, mine.note, "客户下周提供凭证")
    _click(qtbot, mine, "wait")
    assert mine.buttons["back"].isEnabled() and not mine.buttons["wait"].isEnabled()
    assert any("暂停" in mine.clocks.item(i).text() for i in range(mine.clocks.count()))

    view = _view(qtbot, rt, boss, case.id, settings)
    assert view.buttons["transfer"].isEnabled()
    type_text(qtbot, view.new_owner, "1002")
    qtbot.mouseClick(view.buttons["transfer"], Qt.MouseButton.LeftButton)  # no reason yet
    qtbot.waitUntil(lambda: view.message.isVisible() and not view.busy, timeout=10_000)
    assert view.new_owner.text() == "1002"  # kept for the second try
    type_text(qtbot, view.note, "1001 调岗")
    _click(qtbot, view, "transfer")
    assert view.detail is not None and view.detail.case.owner_job_no == "1002"
    assert "1002" in view.heading.text()
    assert "1001 调岗" in view.timeline.item(view.timeline.count() - 1).text()
