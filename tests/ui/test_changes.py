"""The change broadcast: a write on one screen refreshes the lists of the others that show
what it changed, whether their tab is shown or not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import cases
from console.core.clock import SystemClock
from console.core.settings import Settings
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.cases.case_view import CaseView
from ui.cases.my_cases import MyCasesView
from ui.core import session
from ui.core.changes import Topic, changes


def test_a_case_saved_in_its_window_shows_at_once_in_my_cases_never_shown(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    case = rt.run(ctx, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    mine = MyCasesView(lambda: session.my_case_rows(rt, ctx), settings, SystemClock())
    qtbot.addWidget(mine)  # a tab not shown: nothing reads it but the broadcast

    view = CaseView(rt.runner(lambda: ctx), ctx, case.id, settings)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None and not view.busy, timeout=10_000)
    view.summary.clear()
    type_text(qtbot, view.summary, "燃气表不走字,已约周三上门")
    with qtbot.waitSignal(mine.refreshed, timeout=10_000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert not mine.isVisible()
    assert [r.case.summary for r in mine.model.rows] == ["燃气表不走字,已约周三上门"]


def test_every_topic_has_its_signal(qtbot: QtBot) -> None:
    heard: list[str] = []
    for topic in Topic:
        changes().signal(topic).connect(lambda t=topic.value: heard.append(t))
    changes().announce(*Topic, Topic.CASES)  # each once
    assert heard == [t.value for t in Topic]
