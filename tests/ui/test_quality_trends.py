"""The quality trend charts, driven by keys and clicks: a supervisor types a job number,
chooses the weeks and a clause, and the charts show the hand-computed figures of
tests/test_quality_trends.py."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.content import content
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import CallId
from console.quality import reviews
from tests.conftest import PASSWORD, AgentFactory
from tests.quality_calls import stored_call
from tests.ui import shots
from ui.quality.trends_view import TrendsView

ZONE = ZoneInfo("Asia/Shanghai")


def _review(rt: Runtime, boss: AgentContext, call: CallId, fail: tuple[str, ...] = ()) -> None:
    item = rt.run(boss, reviews.add_call, call, ZONE)
    item = rt.run(boss, reviews.claim, item.id)
    codes = [i.code for i in content.shipped().get(content.QUALITY).checklist]
    verdicts = {c: "fail" if c in fail else "pass" for c in codes}
    rt.run(boss, reviews.save_review, item.id, verdicts, "", item.version)


def test_the_charts_show_the_weeks_of_the_agent_and_the_clause_chosen(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    a1, a2 = rt.login("1001", PASSWORD, "坐席01"), rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "值班台")

    def at(d: int) -> datetime:
        return datetime(2026, 11, d, 10, tzinfo=ZONE)

    a = stored_call(rt, a1, str(uuid.uuid4()), at(10))  # week of 11-09: 100
    b = stored_call(rt, a1, str(uuid.uuid4()), at(11), taboo=True)  # 88
    stored_call(rt, a1, str(uuid.uuid4()), at(17), greeting=False, rings=5)  # 11-16: 71
    stored_call(rt, a2, str(uuid.uuid4()), at(10))
    _review(rt, boss, a)
    _review(rt, boss, b, fail=("no_taboo", "wording"))

    view = TrendsView(
        rt.runner(lambda: boss),
        settings,
        ManualClock(datetime(2026, 11, 20, 9, tzinfo=ZONE)),
        supervisor=True,
    )
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.keyClicks(view.agent, "1001")
    view.weeks.setFocus()
    qtbot.keyClick(view.weeks, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.weeks, "2")
    assert view.weeks.value() == 2
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.trends is not None, timeout=10_000)
    assert view.plotted(view.score_plot) == {
        "自动评分(全部通话)": [94.0, 75.0],
        "质检评分": [92.5, None],
    }
    # The clause: 不使用禁忌用语 (GS 4.5), chosen with the keyboard.
    view.clause.setFocus()
    while view.clause.currentData() != "no_taboo":
        qtbot.keyClick(view.clause, Qt.Key.Key_Down)
    assert view.clause.currentText() == "GS 4.5 不使用禁忌用语"
    assert view.plotted(view.clause_plot) == {
        "自动评分(全部通话)": [50.0, 100.0],
        "质检评分": [50.0, None],
    }
    shots.save(view, "quality_trends.png")
    # Every agent: 1002's call joins the first week.
    view.agent.clear()
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.trends is not None and view.trends.agent is None, timeout=10_000)
    assert view.plotted(view.score_plot)["自动评分(全部通话)"] == [96.0, 75.0]
