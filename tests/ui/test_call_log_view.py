"""The call log view: a lazily loaded table the database sorts and filters."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cli import demo
from console.app.runtime import Runtime
from console.calls import call_log
from console.core.identity import AgentContext
from console.core.settings import Settings
from tests.conftest import PASSWORD
from tests.helpers import admin_sql
from tests.ui.conftest import type_text
from ui.calls.call_log import COLUMNS, CallLogModel, CallLogView
from ui.core import worker
from ui.core.text import intent_label

CALLS = 450
PAGE = 50


@dataclass
class Center:
    rt: Runtime
    supervisor: AgentContext
    agent: AgentContext

    def run_as(self, ctx: AgentContext) -> Callable[..., Any]:
        return partial(self.rt.run, ctx)


@pytest.fixture
def center(rt: Runtime, admin_rt: Runtime) -> Center:
    demo.load(admin_rt, customers=60, calls=CALLS)
    return Center(rt, rt.login("2001", PASSWORD, "坐席03"), rt.login("1001", PASSWORD, "坐席01"))


@pytest.fixture
def view(qtbot: QtBot, center: Center, settings: Settings) -> CallLogView:
    v = CallLogView(center.run_as(center.supervisor), settings, page_size=PAGE)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def search(qtbot: QtBot, view: CallLogView) -> None:
    with qtbot.waitSignal(view.model.page_loaded, timeout=20_000):
        view.search()


def column(view: CallLogView, name: str) -> list[str]:
    m = view.model
    return [m.data(m.index(r, COLUMNS.index(name))) for r in range(m.rowCount())]


def test_the_model_is_a_correct_qt_model_while_it_loads_pages(
    qtbot: QtBot, qtmodeltester: Any, center: Center, settings: Settings
) -> None:
    model = CallLogModel(center.run_as(center.supervisor), settings, page_size=PAGE)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.page_loaded, timeout=20_000):
        model.set_filter(call_log.CallFilter())
    # The tester itself asks for more rows as it checks: load to the end either way.
    while model.canFetchMore() or model.loading:
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
    assert model.rowCount() == CALLS
    with qtbot.waitSignal(model.page_loaded, timeout=20_000):
        model.sort(COLUMNS.index("duration"), Qt.SortOrder.AscendingOrder)
    assert model.rowCount() >= PAGE and model.sort_key == "duration"


def test_scrolling_to_the_end_loads_the_next_page_until_all_are_there(
    qtbot: QtBot, view: CallLogView
) -> None:
    search(qtbot, view)
    assert view.model.rowCount() == PAGE
    # The count comes in its own query: until it arrives the status says what is shown.
    assert view.status.text() in (f"{CALLS} call(s)", "Loading…", f"{PAGE} calls shown")
    qtbot.waitUntil(lambda: view.status.text() == f"{CALLS} call(s)", timeout=20_000)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 * PAGE, timeout=20_000)
    while view.model.canFetchMore() or view.model.loading:
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: not view.model.loading, timeout=20_000)
    rows = [view.model.row(i) for i in range(view.model.rowCount())]
    assert len(rows) == len({r.id for r in rows}) == CALLS
    times = [r.started_at for r in rows]
    assert times == sorted(times, reverse=True)  # newest first, across every page


def test_a_header_click_sorts_in_the_database(qtbot: QtBot, view: CallLogView) -> None:
    search(qtbot, view)
    header = view.table.horizontalHeader()
    col = COLUMNS.index("duration")
    at = QPoint(header.sectionViewportPosition(col) + 8, header.height() // 2)
    with qtbot.waitSignal(view.model.page_loaded, timeout=20_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    first = view.model.sort_key, view.model.descending
    durations = [view.model.row(i).duration_s or 0 for i in range(view.model.rowCount())]
    with qtbot.waitSignal(view.model.page_loaded, timeout=20_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    again = [view.model.row(i).duration_s or 0 for i in range(view.model.rowCount())]
    assert first[0] == "duration" and view.model.descending != first[1]
    # Each page is the database's order over all calls: the extremes, not a page re-sorted.
    ascending, descending = (durations, again) if not first[1] else (again, durations)
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    assert max(ascending) < min(descending)
    # A column the database cannot sort by changes nothing.
    notes = COLUMNS.index("notes")
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(notes) + 8, header.height() // 2),
    )
    assert view.model.sort_key == "duration" and header.sortIndicatorSection() == col


def test_filters_narrow_the_rows_shown(qtbot: QtBot, view: CallLogView) -> None:
    search(qtbot, view)
    name = next(
        view.model.row(i).customer_name
        for i in range(view.model.rowCount())
        if view.model.row(i).customer_name
    )
    assert name is not None
    type_text(qtbot, view.text, name)
    with qtbot.waitSignal(view.model.page_loaded, timeout=20_000):
        qtbot.keyClick(view.text, Qt.Key.Key_Return)
    assert 0 < view.model.rowCount() < PAGE
    assert set(column(view, "customer")) == {name}
    view.text.clear()
    view.intent.setCurrentIndex(view.intent.findData("emergency"))
    search(qtbot, view)
    assert view.model.rowCount() > 0
    assert set(column(view, "intent")) == {intent_label("emergency")}
    qtbot.waitUntil(
        lambda: view.status.text() == f"{view.model.rowCount()} call(s)", timeout=20_000
    )


def test_a_refused_filter_shows_why_and_keeps_what_was_typed(
    qtbot: QtBot, view: CallLogView
) -> None:
    view.since.setDate(QDate(2026, 11, 20))
    view.until.setDate(QDate(2026, 11, 1))
    type_text(qtbot, view.text, "泰山")
    with qtbot.waitSignal(view.model.failed, timeout=20_000):
        view.search()
    assert view.message.isVisible() and view.message.kind() == "error"
    assert "2026-11-20" in view.message.text()
    assert view.text.text() == "泰山" and view.since.date() == QDate(2026, 11, 20)
    assert view.model.rowCount() == 0 and not view.model.canFetchMore()
    view.until.setDate(QDate(2026, 11, 30))
    view.text.clear()
    search(qtbot, view)
    assert not view.message.isVisible()


def test_ctrl_f_goes_to_the_text_filter_and_every_control_has_a_name(
    qtbot: QtBot, view: CallLogView
) -> None:
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.text)
    for w in (view.since, view.until, view.job_no, view.intent, view.text, view.search_button):
        assert w.accessibleName()
    assert view.table.accessibleName()
    assert view.since.nextInFocusChain() is not None


def test_an_agent_sees_their_own_job_number_fixed_and_only_their_calls(
    qtbot: QtBot, center: Center, settings: Settings
) -> None:
    v = CallLogView(center.run_as(center.agent), settings, own_job_no="1001", page_size=PAGE)
    qtbot.addWidget(v)
    assert v.job_no.text() == "1001" and v.job_no.isReadOnly()
    search(qtbot, v)
    assert v.model.rowCount() > 0 and set(column(v, "job_no")) == {"1001"}
    numbers = [n for n in column(v, "caller_number") if any(ch.isdigit() for ch in n)]
    assert numbers and all("*" in n for n in numbers)  # masked (R2.14)


def _choose_first_row(qtbot: QtBot, view: CallLogView) -> None:
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_agent_corrects_a_finished_calls_notes_and_the_old_text_is_kept(
    qtbot: QtBot, center: Center, settings: Settings, admin_rt: Runtime
) -> None:
    """Issue 20: a finished call is not saved over; its notes are corrected with a
    reason, from the call log, by the agent who took it (or a supervisor)."""
    v = CallLogView(center.run_as(center.agent), settings, own_job_no="1001", page_size=PAGE)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    qtbot.waitExposed(v)
    search(qtbot, v)
    assert not v.correct_button.isEnabled()  # nothing chosen yet
    _choose_first_row(qtbot, v)
    qtbot.waitUntil(v.correct_button.isEnabled)
    call_id = v.model.row(0).id
    qtbot.mouseClick(v.correct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(v, "correction", None) is not None, timeout=20_000)
    dialog = v.correction
    qtbot.waitUntil(dialog.isVisible)
    old = dialog.notes.toPlainText()
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, dialog.notes, "(补充:客户要求明早回电)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.kind() == "error"  # a reason is needed
    type_text(qtbot, dialog.reason, "漏记回电要求")
    if shots := os.environ.get("AGENT_CONSOLE_SHOTS"):  # a screenshot to look at
        dialog.grab().save(os.path.join(shots, "correct-notes.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: v.message.kind() == "info", timeout=20_000)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)  # the log's refresh is done
    rows = admin_sql(
        admin_rt,
        "SELECT previous_notes, notes, reason, job_no FROM call_corrections WHERE call_id = :i",
        i=call_id,
    )
    assert rows == [(old, old + "(补充:客户要求明早回电)", "漏记回电要求", "1001")]
    assert admin_sql(admin_rt, "SELECT notes FROM calls WHERE id = :i", i=call_id) == [
        (old + "(补充:客户要求明早回电)",)
    ]


def test_a_call_the_line_lost_reads_dropped(
    qtbot: QtBot, center: Center, admin_rt: Runtime, settings: Settings, zh: None
) -> None:
    """An answered call ended by the system (the softphone or the line lost it) shows
    掉线 in the state column; a ring let go stays 未接."""
    (dropped,) = admin_sql(
        admin_rt,
        "SELECT id FROM calls WHERE answered_at IS NOT NULL AND state = 'done' "
        "ORDER BY started_at DESC LIMIT 1",
    )[0:1]
    admin_sql(
        admin_rt,
        "UPDATE calls SET ended_by = 'system', version = version + 1 WHERE id = :i",
        i=dropped.id,
    )
    view = CallLogView(center.run_as(center.supervisor), settings, page_size=PAGE)
    qtbot.addWidget(view)
    view.show()
    search(qtbot, view)
    states = dict(
        zip(
            [view.model.row(i).id for i in range(view.model.rowCount())],
            column(view, "state"),
            strict=True,
        )
    )
    assert states[dropped.id] == "掉线"
    assert "掉线" not in [s for i, s in states.items() if i != dropped.id]
