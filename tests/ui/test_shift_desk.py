"""The shift tab (R1.6, R4.1, R4.2) as agents use it: the check at sign-in, the handover
at the end, the incoming agent's acknowledgment — and then the record stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.identity import AgentContext
from console.core.settings import Settings
from console.shift import shift, states
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import save_file_as, type_text
from ui.shift.shift_desk import ShiftDesk


def _desk(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> ShiftDesk:
    desk = ShiftDesk(rt.runner(lambda: ctx), ctx, settings)
    qtbot.addWidget(desk)
    desk.resize(1200, 700)
    desk.show()
    return desk


def _click(qtbot: QtBot, desk: ShiftDesk, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not desk.busy, timeout=10_000)


@pytest.mark.usefixtures("zh")
def test_a_shift_from_the_check_to_the_acknowledged_handover(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, tmp_path: Path
) -> None:
    make_agent("1001")
    make_agent("1002")
    out = rt.login("1001", PASSWORD, "坐席01")
    desk = _desk(qtbot, rt, out, settings)

    # Every item answered: one left unticked without a word is refused, nothing lost.
    for code, (ok, _note) in desk.items.items():
        ok.setChecked(code != "headset")
    _click(qtbot, desk, desk.sign_in_button)
    assert desk.message.isVisible() and "耳机" in desk.message.text()
    type_text(qtbot, desk.items["headset"][1], "右耳有杂音")
    with qtbot.waitSignal(desk.signed_in, timeout=10_000) as signed:
        qtbot.mouseClick(desk.sign_in_button, Qt.MouseButton.LeftButton)
    assert signed.args == ["not_ready"]  # a problem found: not ready, reason equipment
    assert "1" in desk.check_result.text()
    assert rt.run(out, states.current_state) is states.AgentState.NOT_READY

    _click(qtbot, desk, desk.compile_button)
    assert "右耳有杂音" in desk.summary.toPlainText()  # the seat problem is handed over
    type_text(qtbot, desk.notes, "阳光小区停气通知已发,注意回访")
    with qtbot.waitSignal(desk.handed_over, timeout=10_000):
        qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
    assert desk.mine is not None and desk.mine.acknowledged_by is None
    assert not desk.compile_button.isEnabled()

    incoming = rt.login("1002", PASSWORD, "坐席02")
    theirs = _desk(qtbot, rt, incoming, settings)
    theirs.refresh()
    qtbot.waitUntil(lambda: theirs.pending_list.count() == 1 and not theirs.busy, timeout=10_000)
    assert "阳光小区停气通知已发" in theirs.pending_text.toPlainText()
    assert "右耳有杂音" in theirs.pending_text.toPlainText()
    type_text(qtbot, theirs.ack_note, "已核对")
    with qtbot.waitSignal(theirs.acknowledged, timeout=10_000):
        qtbot.mouseClick(theirs.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: theirs.pending_list.count() == 0 and not theirs.busy, timeout=10_000)

    # The outgoing agent's correction now comes too late: refused, the text kept.
    desk.notes.setPlainText("补充:另有一户未通知")
    _click(qtbot, desk, desk.hand_over_button)
    assert desk.message.isVisible() and "1002" in desk.message.text()
    assert desk.notes.toPlainText() == "补充:另有一户未通知"
    stored = rt.run(incoming, shift.get, desk.mine.id)
    assert stored.notes == "阳光小区停气通知已发,注意回访" and stored.acknowledged_by == "1002"
    # The handover prints from the tab, as a registered report.
    qtbot.mouseClick(desk.print_mine_button, Qt.MouseButton.LeftButton)
    dialog = desk.reports_dialog
    assert dialog.kind.currentData() == "handover"
    assert dialog.handover_id.text() == desk.mine.id
    pdf = tmp_path / "handover.pdf"
    save_file_as(qtbot, pdf)
    with qtbot.waitSignal(dialog.job_done, timeout=60_000) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert done.args[0].kind == "handover" and pdf.exists()
