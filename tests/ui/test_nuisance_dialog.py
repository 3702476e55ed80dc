"""The nuisance-caller dialog (R2.18): a supervisor marks a number and lifts the mark;
a refusal names the field as the dialog labels it and keeps what was typed; the dialog
keeps its size while messages come and go."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.clock import ManualClock
from console.core.identity import Role
from console.core.settings import Settings
from console.customers import nuisance
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.customers.nuisance_dialog import NuisanceDialog


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_supervisor_marks_and_lifts_a_number(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    tmp_path: Path,
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    d = NuisanceDialog(
        rt.runner(lambda: boss),
        settings,
        ManualClock(datetime.now(UTC)),
        number="13912345678",
    )
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
    size = d.size()
    _click(qtbot, d.mark_button)  # no reason: refused in words the dialog uses
    qtbot.waitUntil(lambda: d.message.isVisible() and not d.busy, timeout=10_000)
    assert d.message.text() == "请填写原因。"
    assert d.number.text() == "13912345678" and rt.run(boss, nuisance.marks) == []
    assert d.size() == size  # a message does not shrink the dialog
    d.grab().save(str(tmp_path / "nuisance-refused.png"))

    type_text(qtbot, d.reason, "多次来电辱骂坐席")
    with qtbot.waitSignal(d.changed, timeout=10_000):
        _click(qtbot, d.mark_button)
    qtbot.waitUntil(lambda: d.list.count() == 1, timeout=10_000)
    assert "13912345678" in d.list.item(0).text() and d.message.text() == "已标记。"
    assert d.size() == size
    d.list.setFocus()
    qtbot.keyClick(d.list, Qt.Key.Key_Down)  # choose the mark
    assert d.list.currentRow() == 0
    type_text(qtbot, d.reason, "客户已致歉")
    with qtbot.waitSignal(d.changed, timeout=10_000):
        _click(qtbot, d.clear_button)
    qtbot.waitUntil(lambda: d.list.count() == 0, timeout=10_000)
    assert rt.run(boss, nuisance.marks) == []
    assert d.size() == size


def test_an_empty_number_is_refused_by_its_label(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    d = NuisanceDialog(rt.runner(lambda: boss), settings, ManualClock(datetime.now(UTC)))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
    type_text(qtbot, d.reason, "辱骂")
    _click(qtbot, d.mark_button)
    qtbot.waitUntil(lambda: d.message.isVisible() and not d.busy, timeout=10_000)
    assert d.message.text() == "请填写要标记的电话号码。"
    type_text(qtbot, d.number, "123")
    _click(qtbot, d.mark_button)
    qtbot.waitUntil(lambda: "无效" in d.message.text() and not d.busy, timeout=10_000)
    assert d.reason.text() == "辱骂" and rt.run(boss, nuisance.marks) == []
