"""Administration and supervision as a supervisor or an agent meets it (issue 16, item
13): dates in the center's time zone, an agent's own call log, the menus and tabs that
follow the role at each sign-in, and what the ended-session banner says."""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core import unit
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.printing import printing
from tests.conftest import PASSWORD, AgentFactory
from ui.core import session
from ui.printing.reports_dialog import ReportsDialog
from ui.shift.supervisor_board import SupervisorBoard

# 25 hours apart: whatever the PC's own date, it is not both of theirs.
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def _runner(rt: Runtime, ctx: AgentContext):  # type: ignore[no-untyped-def]
    return lambda fn, *a, **k: rt.run(ctx, fn, *a, **k)


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
            lambda zone=zone: session.board(rt, boss, zone),
            local,
            ManualClock(moment),
        )
        qtbot.addWidget(board)
        board.show()
        qtbot.waitUntil(lambda board=board: not board.busy, timeout=10_000)
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
