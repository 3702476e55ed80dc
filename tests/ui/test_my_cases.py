"""My cases (R3.4): countdowns tick and the order follows urgency as time passes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from console.app.runtime import Runtime
from console.cases import cases
from console.core.clock import ManualClock
from console.core.identity import AgentContext
from console.core.settings import Settings
from db.models import CaseClock
from tests.conftest import PASSWORD, AgentFactory
from ui.cases.my_cases import COLUMNS, DUE_SOON, OVERDUE, MyCasesView
from ui.core import session


def _set_clock(admin_rt: Runtime, case_id: str, due: datetime, warn: datetime) -> None:
    """One running clock per case, at moments the test chooses."""
    with admin_rt.unit(admin="test") as s:
        s.execute(
            update(CaseClock)
            .where(CaseClock.case_id == case_id, CaseClock.name != "progress_notice")
            .values(stopped_at=due)
        )
        s.execute(
            update(CaseClock)
            .where(CaseClock.case_id == case_id, CaseClock.name == "progress_notice")
            .values(due_at=due, warn_at=warn)
        )


def _order(view: MyCasesView) -> list[str]:
    return [r.case.summary for r in view.model.rows]


def _cell(view: MyCasesView, row: int, column: str) -> object:
    return view.model.index(row, COLUMNS.index(column)).data()


def test_countdowns_tick_and_rows_resort_by_urgency(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
) -> None:
    make_agent("1001")
    ctx: AgentContext = rt.login("1001", PASSWORD, "坐席01")
    a = rt.run(ctx, cases.open_case, cases.new_case_id(), "complaint", "A 燃气费有异议")
    b = rt.run(ctx, cases.open_case, cases.new_case_id(), "complaint", "B 抄表员态度")
    now = datetime.now(UTC)
    # A is due first; B is due later but warns much earlier (a long warning window).
    _set_clock(admin_rt, a.id, now + timedelta(hours=2), now + timedelta(hours=1, minutes=50))
    _set_clock(admin_rt, b.id, now + timedelta(hours=3), now + timedelta(minutes=10))
    clock = ManualClock(datetime.now(UTC))
    view = MyCasesView(lambda: session.my_case_rows(rt, ctx), settings, clock)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.show()
    assert _order(view) == ["A 燃气费有异议", "B 抄表员态度"]
    first = str(_cell(view, 0, "remaining"))
    assert first.startswith(("01:59", "02:00")), first
    assert _cell(view, 0, "clock") == "投诉处理进度告知"
    assert {_cell(view, 0, "case_no"), _cell(view, 1, "case_no")} == {a.case_no, b.case_no}

    clock.advance(timedelta(seconds=30))
    qtbot.waitUntil(lambda: str(_cell(view, 0, "remaining")) != first, timeout=3_000)

    clock.advance(timedelta(minutes=15))  # B's warning moment has passed: B comes first
    qtbot.waitUntil(lambda: _order(view)[0] == "B 抄表员态度", timeout=3_000)
    background = view.model.index(0, 0).data(role=8)  # Qt.BackgroundRole
    assert background.color() == DUE_SOON

    clock.advance(timedelta(hours=4))  # both overdue: the longest overdue first
    qtbot.waitUntil(lambda: _order(view)[0] == "A 燃气费有异议", timeout=3_000)
    assert view.model.index(0, 0).data(role=8).color() == OVERDUE
    assert "overdue" in str(_cell(view, 0, "remaining")) or "超时" in str(
        _cell(view, 0, "remaining")
    )
