"""Administration and supervision as a supervisor or an agent meets it (issue 16, item
13): dates in the center's time zone, an agent's own call log, the menus and tabs that
follow the role at each sign-in, and what the ended-session banner says."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core import unit
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import render
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import JobNumber
from console.people import agents, auth
from console.printing import printing
from console.shift.board import pending_delegations
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds, customer
from tests.ui.conftest import type_text
from ui.app.main_window import MainWindow
from ui.core import session
from ui.printing.reports_dialog import ReportsDialog
from ui.shift.supervisor_board import SupervisorBoard

SHIFT = Qt.KeyboardModifier.ShiftModifier
# 25 hours apart: whatever the PC's own date, it is not both of theirs.
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def _runner(rt: Runtime, ctx: AgentContext) -> Runner:
    return rt.runner(lambda: ctx)


def _idle(board: SupervisorBoard) -> Callable[[], bool]:
    return lambda: not board.busy


def test_reports_dialog_and_board_take_today_from_the_timezone_setting(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    moment = datetime(2026, 12, 7, 11, 30, tzinfo=UTC)  # 12-08 in the east, 12-07 in the west
    for zone in (EAST, WEST):
        local = dataclasses.replace(settings, timezone=zone)
        today = datetime.now(ZoneInfo(zone)).date()
        reports = ReportsDialog(_runner(rt, boss), boss, local)
        qtbot.addWidget(reports)
        reports.show()
        assert reports.date_from.date().toPython() == today
        assert reports.date_to.date().toPython() == today
        board = SupervisorBoard(
            _runner(rt, boss),
            partial(session.board, rt, boss, zone),
            local,
            ManualClock(moment),
        )
        qtbot.addWidget(board)
        board.show()
        qtbot.waitUntil(_idle(board), timeout=10_000)
        expected = moment.astimezone(ZoneInfo(zone)).date()
        assert board.date_from.date().toPython() == expected
        assert board.date_to.date().toPython() == expected


def test_an_agents_call_log_names_the_agent_not_all_agents(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    tmp_path: Path,
) -> None:
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    d = ReportsDialog(_runner(rt, agent), agent, settings)
    qtbot.addWidget(d)
    d.show()
    assert d.kind.currentData() == "call_log"
    assert d.agent.text() == "1001" and not d.agent.isEnabled()  # theirs, not changeable
    d.grab().save(str(tmp_path / "reports-agent.png"))
    # A request that names nobody (an older console, the command line) is still the
    # agent's own log, and its page says whose.
    now = rt.run(agent, lambda s, _c: unit.db_now(s))
    req = printing.ReportRequest("call_log", since=now - timedelta(days=1), until=now)
    out = tmp_path / "log.pdf"
    printing.produce(_runner(rt, agent), req, out, zone=ZoneInfo(settings.timezone))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "坐席工号:1001" in text and "全部坐席" not in text


# --- the session ended by someone else, and the role at the next sign-in --------------------


def _window(qtbot: QtBot, rt: Runtime, settings: Settings, job_no: str) -> MainWindow:
    """A signed-in main window whose heartbeat beats every second by itself."""
    beating = dataclasses.replace(settings, heartbeat_seconds=1)
    w = MainWindow(beating, rt, session.login(rt, job_no, PASSWORD, beating.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    return w


def _session_banner(w: MainWindow) -> bool:
    """The banner says the session ended (a supervisor may also be shown the calendar)."""
    return w.banner.isVisible() and w.banner.topic == "session"


def _tab_texts(w: MainWindow) -> list[str]:
    return [w.tabs.tabText(i) for i in range(w.tabs.count())]


def _menu_titles(w: MainWindow) -> list[str]:
    return [a.text() for a in w.menuBar().actions() if a.isVisible()]


def test_demoted_supervisor_is_told_by_whom_and_signs_in_again_without_the_board(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    tmp_path: Path,
) -> None:
    make_agent("9001", Role.ADMIN, name="陈静")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    admin = rt.login("9001", PASSWORD, "坐席09")
    w = _window(qtbot, rt, settings, "2001")
    assert "值班看板(&D)" in _tab_texts(w) and "监督(&S)" in _menu_titles(w)
    assert w.call_log.job_no.text() == "" and not w.call_log.job_no.isReadOnly()

    rt.run(admin, agents.edit_agent, JobNumber("2001"), "赵刚", Role.AGENT)
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)  # the next heartbeat
    assert w.banner.text() == (
        "管理员(工号 9001)已将您的角色改为“坐席员”,本坐席的会话因此结束。"
        "未保存的内容已保留;重新登录后按新角色使用。"
    )
    w.grab().save(str(tmp_path / "demoted-banner.png"))

    qtbot.mouseClick(w.banner.button, Qt.MouseButton.LeftButton)
    dialog = w.login_again_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert w.session_active and not _session_banner(w)
    assert w.supervisor_board is None and "值班看板(&D)" not in _tab_texts(w)
    assert "监督(&S)" not in _menu_titles(w)
    assert w.call_log.job_no.text() == "2001" and w.call_log.job_no.isReadOnly()
    w.grab().save(str(tmp_path / "demoted-again.png"))

    # Promoted back (a promotion keeps the session), then signed in anew: the board returns.
    rt.run(admin, agents.edit_agent, JobNumber("2001"), "赵刚", Role.SUPERVISOR)
    rt.run(admin, agents.end_agent_session, JobNumber("2001"), "重新登录以启用值班经理功能")
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)
    qtbot.mouseClick(w.banner.button, Qt.MouseButton.LeftButton)
    dialog = w.login_again_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert w.supervisor_board is not None and "值班看板(&D)" in _tab_texts(w)
    assert "监督(&S)" in _menu_titles(w) and w.call_log.job_no.text() == ""


def test_a_disabled_agent_and_an_ended_session_are_told_who_did_it(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("9001", Role.ADMIN)
    make_agent("2001", Role.SUPERVISOR)
    make_agent("1001")
    admin = rt.login("9001", PASSWORD, "坐席09")
    boss = rt.login("2001", PASSWORD, "坐席02")
    w = _window(qtbot, rt, settings, "1001")

    rt.run(admin, agents.end_agent_session, JobNumber("1001"), "坐席故障")  # from the people dialog
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)
    assert w.banner.text().startswith("管理员(工号 9001)结束了本坐席的会话。")

    w.sign_in_again()
    dialog = w.login_again_dialog
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    sid = w.ctx.session_id
    assert rt.run(boss, auth.end_session, sid, "换班")  # the duty manager, from 监督
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)
    assert w.banner.text().startswith("值班经理(工号 2001)结束了本坐席的会话。")

    w.sign_in_again()
    dialog = w.login_again_dialog
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    rt.run(admin, agents.disable_agent, JobNumber("1001"), "离职")
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)
    assert w.banner.text().startswith("管理员(工号 9001)已停用您的工号")


def test_why_ended_names_each_reason_on_both_databases(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("9001", Role.ADMIN)
    make_agent("2001", Role.SUPERVISOR)
    make_agent("1001")
    admin = rt.login("9001", PASSWORD, "坐席09")
    boss = rt.login("2001", PASSWORD, "坐席02")

    first = rt.login("1001", PASSWORD, "坐席01")
    assert rt.run(first, auth.why_ended).message_id == "session.not_active"  # still open
    rt.run(boss, auth.end_session, first.session_id, "换班")
    e = rt.run(first, auth.why_ended)
    assert (e.message_id, e.params["by"]) == ("session.ended.by_supervisor", "2001")

    second = rt.login("1001", PASSWORD, "坐席01")
    rt.run(admin, agents.end_agent_session, JobNumber("1001"), "坐席故障")
    e = rt.run(second, auth.why_ended)
    assert (e.message_id, e.params["by"]) == ("session.ended.by_admin", "9001")

    make_agent("2002", Role.SUPERVISOR)
    third = rt.login("2002", PASSWORD, "坐席03")
    # A demotion ends it.
    rt.run(admin, agents.edit_agent, JobNumber("2002"), "测试坐席", Role.AGENT)
    e = rt.run(third, auth.why_ended)
    assert e.message_id == "session.ended.role_changed"
    assert render(e.message_id, e.params, "en").count("“agent”") == 1

    fourth = rt.login("1001", PASSWORD, "坐席01")
    rt.run(admin, agents.disable_agent, JobNumber("1001"), "离职")
    assert rt.run(fourth, auth.why_ended).message_id == "session.ended.agent_disabled"


def test_a_refusal_names_the_role_in_the_users_language(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    try:
        rt.run(agent, pending_delegations)  # what the board loads beside the floor
    except UserFacingError as e:
        assert render(e.message_id, e.params) == "您的角色无权执行此操作(需要:值班经理)。"
        assert render(e.message_id, e.params, "en").endswith("(needs: supervisor).")
    else:
        raise AssertionError("an agent read the supervisor's board")


# --- 客户查询: a customer who is not on a call (R2.14) -------------------------------------------


def test_an_agent_looks_up_a_customer_outside_a_call_with_a_reason(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    tmp_path: Path,
) -> None:
    make_agent("1001", name="张敏")
    with admin_rt.unit(admin="test") as s:
        s.add_all(
            [
                customer(0, "13912341234", name="张秀英", special_group="老年独居"),
                customer(1, "15612345678", name="赵敏"),
            ]
        )
    w = _window(qtbot, rt, settings, "1001")
    agent_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "坐席(&A)")
    assert isinstance(agent_menu, QMenu)
    assert "客户查询(&F)…" in [a.text() for a in agent_menu.actions()]
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # shortcuts need it
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | SHIFT)
    qtbot.waitUntil(lambda: getattr(w, "lookup_dialog", None) is not None)
    d = w.lookup_dialog
    qtbot.waitExposed(d)
    qtbot.waitUntil(d.reason.hasFocus)  # why, before whom

    qtbot.keyClick(d.reason, Qt.Key.Key_Tab)
    type_text(qtbot, d.query, "1234")
    qtbot.keyClick(d.query, Qt.Key.Key_Return)  # no reason: refused, nothing looked up
    assert d.message.text() == "请先说明查询原因。" and d.reason.hasFocus()
    assert d.model.rowCount() == 0 and "customer.lookup" not in audit_kinds(rt)

    type_text(qtbot, d.reason, "回访工单 G2026-00123")
    with qtbot.waitSignal(d.found, timeout=10_000) as found:
        qtbot.keyClick(d.reason, Qt.Key.Key_Return)
    assert found.args == [1]
    shown = [d.model.index(0, c).data() for c in range(d.model.columnCount())]
    assert shown[:3] == ["TA1000000001", "张秀英", "139****1234"]  # the number masked
    assert "老年独居" in shown and "审计" in d.message.text()
    d.grab().save(str(tmp_path / "lookup.png"))
    [(payload,)] = admin_sql(rt, "SELECT payload FROM audit_log WHERE kind = 'customer.lookup'")
    logged = json.loads(payload)
    assert (logged["reason"], logged["query"], logged["job_no"]) == (
        "回访工单 G2026-00123",
        "1234",
        "1001",
    )

    d.query.clear()
    type_text(qtbot, d.query, "无此人")
    with qtbot.waitSignal(d.found, timeout=10_000) as found:
        qtbot.mouseClick(d.search_button, Qt.MouseButton.LeftButton)
    assert found.args == [0] and d.model.rowCount() == 0 and "查无此人" in d.message.text()
    assert audit_kinds(rt).count("customer.lookup") == 2  # a look-up that finds nobody too
    d.query.clear()
    type_text(qtbot, d.query, "12")
    qtbot.mouseClick(d.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy and d.message.kind() == "error", timeout=10_000)
    assert d.message.text() == "按电话号码查询至少需要后 4 位。"
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not d.isVisible())


def test_an_action_that_finds_the_session_ended_says_who_ended_it(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    """Not only the heartbeat: any click that meets the ended session asks the database why."""
    make_agent("2001", Role.SUPERVISOR)
    make_agent("1001")
    boss = rt.login("2001", PASSWORD, "坐席02")
    w = MainWindow(settings, rt, session.login(rt, "1001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    assert rt.run(boss, auth.end_session, w.ctx.session_id, "换班")
    ready = w.toolbar.widgetForAction(w.state_actions["ready"])
    qtbot.mouseClick(ready, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _session_banner(w), timeout=10_000)
    assert w.banner.text().startswith("值班经理(工号 2001)结束了本坐席的会话。")
    assert not w.session_active


def test_the_menu_bar_mnemonics_are_unique_for_an_administrator(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("9001", Role.ADMIN)
    w = MainWindow(settings, rt, session.login(rt, "9001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    titles = _menu_titles(w)
    assert titles == ["文件(&F)", "坐席(&A)", "监督(&S)", "管理(&M)", "视图(&V)", "帮助(&H)"]
    for menu in [a.menu() for a in w.menuBar().actions()]:
        assert isinstance(menu, QMenu)
        keys = [
            a.text().split("&")[1][0].upper()
            for a in menu.actions()
            if "&" in a.text() and a.isVisible()
        ]
        assert len(keys) == len(set(keys)), menu.title()
