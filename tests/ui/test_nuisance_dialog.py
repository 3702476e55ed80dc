"""The nuisance-caller dialog (R2.18): a supervisor marks a number and lifts the mark;
a refusal keeps what was typed."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.clock import ManualClock
from console.core.identity import Role
from console.core.settings import Settings
from console.customers import nuisance
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.customers.nuisance_dialog import NuisanceDialog


def test_supervisor_marks_and_lifts_a_number(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    d = NuisanceDialog(
        lambda fn, *a, **k: rt.run(boss, fn, *a, **k),
        settings,
        ManualClock(datetime.now(UTC)),
        number="13912345678",
    )
    qtbot.addWidget(d)
    d.show()
    d.mark()  # no reason: refused, the number stays
    qtbot.waitUntil(lambda: d.message.isVisible() and not d.busy, timeout=10_000)
    assert d.number.text() == "13912345678" and rt.run(boss, nuisance.marks) == []
    type_text(qtbot, d.reason, "多次来电辱骂坐席")
    with qtbot.waitSignal(d.changed, timeout=10_000):
        d.mark()
    qtbot.waitUntil(lambda: d.list.count() == 1, timeout=10_000)
    assert "13912345678" in d.list.item(0).text()
    d.list.setCurrentRow(0)
    type_text(qtbot, d.reason, "客户已致歉")
    with qtbot.waitSignal(d.changed, timeout=10_000):
        d.clear()
    qtbot.waitUntil(lambda: d.list.count() == 0, timeout=10_000)
    assert rt.run(boss, nuisance.marks) == []
