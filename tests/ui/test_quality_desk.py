"""Quality inspection in the console, driven by keys and clicks: the supervisor opens the
day before's drawn call from the list with Enter, corrects a checklist item with the
arrow keys, comments and saves with Ctrl+S; the agent reads the result in 质检结果,
replies, the supervisor answers, the agent acknowledges — and the database holds each
step."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.content import content
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.people import auth
from console.quality import reviews
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds
from tests.quality_calls import stored_call
from tests.ui import shots
from tests.ui.conftest import type_text
from tests.ui.driver import Driver
from ui.app.main_window import MainWindow
from ui.core import session
from ui.quality.my_results import MyResults
from ui.quality.quality_desk import QualityDesk

ZONE = ZoneInfo("Asia/Shanghai")


def _runner(rt: Runtime, ctx: AgentContext) -> Runner:
    return rt.runner(lambda: ctx)


def test_a_review_from_the_list_to_the_agents_acknowledgment(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "值班台")
    now = datetime.now(UTC)
    yesterday = now.astimezone(ZONE).date() - timedelta(days=1)
    at = datetime.combine(yesterday, time(10, 0), ZONE)
    call = stored_call(
        rt, agent, str(uuid.uuid4()), at, intent="complaint", taboo=True, notes="我不知道表号"
    )

    desk = QualityDesk(_runner(rt, boss), settings, ManualClock(now))
    qtbot.addWidget(desk)
    desk.resize(1280, 820)
    desk.show()  # showing the tab draws yesterday's calls
    qtbot.waitUntil(lambda: desk.waiting_model.rowCount() == 1, timeout=10_000)
    desk.waiting.setFocus()
    qtbot.keyClick(desk.waiting, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.panel.detail is not None, timeout=10_000)
    shown = desk.panel.detail
    assert shown is not None and shown.review.call_id == call
    assert "不知道" in desk.panel.notes.text() and "underline" in desk.panel.notes.text()
    assert "7/8" in desk.panel.automatic.text()
    said = [desk.panel.timeline.item(i).text() for i in range(desk.panel.timeline.count())]
    assert any("“您还有其他问题吗?”" in line for line in said)  # the words, not the ids
    assert not any("closing.ask_more" in line or "opening.company" in line for line in said)
    taboo_box = desk.panel.verdict_boxes["no_taboo"]
    assert taboo_box.currentText() == "不符合"  # pre-filled from the automatic score
    assert desk.panel.verdict_boxes["wording"].currentText() == "符合"
    claimed = admin_sql(admin_rt, "SELECT claimed_by_job_no FROM quality_reviews")
    assert claimed == [("2001",)]

    # The reviewer judges "wording" not met: Tab to it, arrow down, comment, Ctrl+S.
    wording = desk.panel.verdict_boxes["wording"]
    wording.setFocus()
    qtbot.keyClick(wording, Qt.Key.Key_Down)
    assert wording.currentText() == "不符合"
    type_text(qtbot, desk.panel.comment, "打断客户两次,注意倾听")
    shots.save(desk, "quality_review.png")
    qtbot.keyClick(desk.panel.comment, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.reviewed_model.rowCount() == 1, timeout=10_000)
    [(items, score, comment, reviewer)] = admin_sql(
        admin_rt, "SELECT items, score, comment, reviewer_job_no FROM quality_reviews"
    )
    assert json.loads(items)["wording"] == "fail" and json.loads(items)["no_taboo"] == "fail"
    assert (score, comment, reviewer) == (
        83,
        "打断客户两次,注意倾听",
        "2001",
    )  # 10 of 12 (consent: not applicable)

    # The agent's side.
    results = MyResults(_runner(rt, agent), settings)
    qtbot.addWidget(results)
    results.resize(1280, 820)
    results.show()
    qtbot.waitUntil(lambda: results.model.rowCount() == 1, timeout=10_000)
    results.table.setFocus()
    qtbot.keyClick(results.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: results.panel.detail is not None, timeout=10_000)
    assert "打断客户两次" in results.panel.comment.toPlainText()
    assert not results.panel.verdict_boxes["wording"].isEnabled()  # read-only for the agent
    type_text(qtbot, results.reply_text, "客户语速快,我是确认地址")
    qtbot.mouseClick(results.reply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "确认地址" in results.panel.conversation.text(), timeout=10_000)
    assert (
        not results.reply_button.isEnabled() and not results.ack_button.isEnabled()
    )  # the answer comes first
    assert admin_sql(admin_rt, "SELECT reply FROM quality_reviews") == [
        ("客户语速快,我是确认地址",)
    ]

    # The supervisor answers from the replies list.
    desk.refresh()
    qtbot.waitUntil(lambda: desk.replies_model.rowCount() == 1, timeout=10_000)
    desk.lists.setCurrentWidget(desk.replies)
    desk.replies.setFocus()
    desk.replies.setCurrentIndex(desk.replies_model.index(0, 0))
    qtbot.keyClick(desk.replies, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.answer_button.isEnabled(), timeout=10_000)
    type_text(qtbot, desk.answer_text, "已复核录音,维持原评分")
    qtbot.mouseClick(desk.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.replies_model.rowCount() == 0, timeout=10_000)

    # The agent reads the answer and acknowledges.
    results.table.setFocus()
    qtbot.keyClick(results.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: results.ack_button.isEnabled(), timeout=10_000)
    assert "维持原评分" in results.panel.conversation.text()
    qtbot.mouseClick(results.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.model.rows[0].acknowledged_at is not None, timeout=10_000)
    assert results.model.status(results.model.rows[0]) == "已确认"
    shots.save(results, "quality_results.png")
    [(acknowledged,)] = admin_sql(admin_rt, "SELECT acknowledged_at FROM quality_reviews")
    assert acknowledged is not None
    kinds = [k for k in audit_kinds(admin_rt) if k.startswith("quality.")]
    assert kinds == [
        "quality.drawn",
        "quality.reviewed",
        "quality.replied",
        "quality.answered",
        "quality.acknowledged",
    ]


@pytest.mark.parametrize(
    ("job_no", "role", "tab", "title"),
    [
        ("1001", Role.AGENT, MyResults, "质检结果(&Q)"),
        ("2001", Role.SUPERVISOR, QualityDesk, "质检(&Q)"),
    ],
)
def test_the_main_window_has_the_tab_for_the_role(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    job_no: str,
    role: Role,
    tab: type,
    title: str,
) -> None:
    make_agent(job_no, role)
    w = MainWindow(settings, rt, session.login(rt, job_no, PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    assert isinstance(w.quality.work, tab)
    assert w.tabs.tabText(w.tabs.indexOf(w.quality)) == title
    bar = w.tabs.tabBar()
    where = bar.tabRect(w.tabs.indexOf(w.quality)).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: w.tabs.currentWidget() is w.quality)
    # The trends, made when first opened, show the agent's own or the floor's weeks.
    pages = w.quality.tabBar()
    qtbot.mouseClick(pages, Qt.MouseButton.LeftButton, pos=pages.tabRect(1).center())
    qtbot.waitUntil(lambda: w.quality.trends is not None and w.quality.trends.trends is not None)
    view = w.quality.trends
    assert view is not None and view.trends is not None
    assert view.trends.agent == (None if role is Role.SUPERVISOR else job_no)


def test_a_review_not_acknowledged_in_time_shows_on_the_board(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "值班台")
    call = stored_call(rt, agent, str(uuid.uuid4()), datetime(2026, 11, 2, 10, tzinfo=ZONE))
    item = rt.run(boss, reviews.add_call, call, ZONE)
    item = rt.run(boss, reviews.claim, item.id)
    verdicts = {i.code: "pass" for i in content.shipped().get(content.QUALITY).checklist}
    rt.run(boss, reviews.save_review, item.id, verdicts, "", item.version)
    admin_sql(  # reviewed on Monday 2026-11-02: three working days are long over
        admin_rt,
        "UPDATE quality_reviews SET reviewed_at = :t, version = version + 1",
        t=datetime(2026, 11, 2, 3, tzinfo=UTC),
    )
    rt.run(boss, auth.logout)
    # The supervisor signs in at the duty desk and opens the board by its key, Alt+D.
    w = MainWindow(settings, rt, session.login(rt, "2001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    supervisor = Driver(qtbot, w)
    supervisor.activate()
    supervisor.press("Alt+D")
    view = w.supervisor_board
    assert view is not None
    qtbot.waitUntil(lambda: w.tabs.currentWidget() is view, timeout=10_000)
    qtbot.waitUntil(lambda: view.escalations.count() == 1, timeout=10_000)
    assert "质检结果逾期未确认 · 工号 1001 · 评分 100%" in view.escalations.item(0).text()


def test_a_supervisor_sends_a_call_from_the_call_log_to_review(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    # Two days back: the 质检 tab draws yesterday's calls when it opens, and a call of
    # yesterday (two hours back, just after local midnight) was drawn as a sample first.
    call = stored_call(rt, agent, str(uuid.uuid4()), datetime.now(UTC) - timedelta(days=2))
    w = MainWindow(settings, rt, session.login(rt, "2001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    bar = w.tabs.tabBar()
    where = bar.tabRect(w.tabs.indexOf(w.call_log)).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseClick(w.call_log.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.call_log.model.rowCount() == 1, timeout=10_000)
    table = w.call_log.table
    first_row = table.visualRect(table.model().index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    qtbot.mouseClick(w.call_log.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.tabs.currentWidget() is w.quality, timeout=10_000)
    desk = w.quality.work
    assert isinstance(desk, QualityDesk)
    qtbot.waitUntil(lambda: desk.panel.detail is not None, timeout=10_000)
    assert desk.panel.detail is not None and desk.panel.detail.review.call_id == call
    rows = admin_sql(admin_rt, "SELECT reason, claimed_by_job_no FROM quality_reviews")
    assert rows == [("manual", "2001")]
