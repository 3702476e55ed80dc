"""The administrator's content editor and running consoles taking in what it
saves: checked with the place of an error, previewed, saved, rolled back, departments —
and a seat's call screen speaking the new version without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.content import content
from console.content.content import DIALOGUE, INTENTS
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from tests.helpers import admin_sql
from tests.ui import shots
from tests.ui.conftest import type_text
from tests.ui.desk import NATIONAL_DAY_MORNING, open_desk
from tests.ui.test_call_screen import _ring, _script_text
from ui.content.content_editor import ContentEditor, RollBackDialog


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def admin_console(
    test_db: TestDb, make_agent: AgentFactory
) -> Iterator[tuple[Runtime, AgentContext]]:
    """The administrator's own console, on another seat of the same database."""
    make_agent("9001", Role.ADMIN, name="管理员")
    r = open_runtime(test_db.url)
    yield r, r.login("9001", PASSWORD, "坐席09")
    r.close()


@pytest.fixture
def editor(
    qtbot: QtBot, admin_console: tuple[Runtime, AgentContext], settings: Settings, zh: None
) -> ContentEditor:
    r, ctx = admin_console
    dialog = ContentEditor(r.runner(lambda: ctx), settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.opened, timeout=10_000):
        dialog.show()
    return dialog


def _company(text: str) -> str:
    old = content.shipped().get(DIALOGUE).line("opening.company").text
    return DIALOGUE.shipped_text().replace(old, text, 1)


def test_an_invalid_edit_shows_its_place_and_keeps_the_text(
    qtbot: QtBot, editor: ContentEditor
) -> None:
    assert editor.kind_name == "dialogue"
    assert editor.editor.toPlainText() == DIALOGUE.shipped_text()
    broken = DIALOGUE.shipped_text().replace('"{job_no}号', '"{agent_number}号', 1)
    editor.editor.setPlainText(broken)
    with qtbot.waitSignal(editor.checked, timeout=10_000) as checked:
        qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert checked.args == [False]
    message = editor.message.text()
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if "{agent_number}" in t)
    assert "phrases/zh_CN/dialogue.yaml" in message and f"第 {line} 行" in message
    assert "未保存" in message
    assert editor.editor.textCursor().blockNumber() == line - 1  # the cursor is there
    editor.note.setText("改工号说法")
    with qtbot.waitSignal(editor.checked, timeout=10_000):
        editor.save_button.click()
    assert editor.editor.toPlainText() == broken  # nothing typed is lost
    assert editor.note.text() == "改工号说法"
    assert editor.history.rowCount() == 1  # only the shipped version
    shots.save(editor, "content_editor_error.png")


def test_preview_save_and_roll_back(qtbot: QtBot, editor: ContentEditor) -> None:
    editor.editor.setPlainText(_company("您好,欢迎致电{company}"))
    with qtbot.waitSignal(editor.checked, timeout=10_000) as checked:
        editor.check_button.click()
    assert checked.args == [True]
    preview = editor.preview.toPlainText()
    assert "您好,欢迎致电安泰燃气公司" in preview  # the company name filled in
    assert "王先生" in preview  # the sample caller
    type_text(qtbot, editor.note, "开场白加欢迎致电")
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        editor.save_button.click()
    assert "已保存为第 1 版" in editor.message.text()
    assert editor.draft is not None and editor.draft.version == 1
    assert _cell(editor.history, 0, 3) == "开场白加欢迎致电"
    assert _cell(editor.history, 0, 2) == "9001"
    assert "各坐席将在 15 秒内启用" in editor.message.text()  # the poller's real interval
    shots.save(editor, "content_editor.png")

    _choose_version(qtbot, editor, 1)  # the shipped version
    assert editor.rollback_button.isEnabled()
    ask = _ask_roll_back(qtbot, editor)
    type_text(qtbot, ask.note, "回到标准用语")
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert editor.draft is not None and editor.draft.version == 2
    assert editor.editor.toPlainText() == DIALOGUE.shipped_text()
    assert "回到标准用语" in _cell(editor.history, 0, 3)


def _cell(table: QTableWidget, row: int, column: int) -> str:
    """The text a cell shows (the cell must be there)."""
    item = table.item(row, column)
    assert item is not None, f"no cell at {row}, {column}"
    return item.text()


def _choose_version(qtbot: QtBot, editor: ContentEditor, row: int) -> None:
    history = editor.history
    item = history.item(row, 0)
    assert item is not None
    rect = history.visualItemRect(item)
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert history.currentRow() == row


def _ask_roll_back(qtbot: QtBot, editor: ContentEditor) -> RollBackDialog:
    qtbot.mouseClick(editor.rollback_button, Qt.MouseButton.LeftButton)
    ask = editor.roll_back_dialog
    qtbot.waitExposed(ask)
    qtbot.waitUntil(ask.note.hasFocus)
    assert ask.note.text() == ""
    return ask


def _type_at_end(qtbot: QtBot, editor: ContentEditor, text: str) -> None:
    """Click into the text, go to its end and type ``text`` (Return for a new line)."""
    qtbot.mouseClick(editor.editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
        type_text(qtbot, editor.editor, line)


def test_it_opens_wide_enough_to_edit(editor: ContentEditor) -> None:
    assert editor.width() >= 1000 and editor.height() >= 600


def test_roll_back_asks_first_with_its_own_note_and_says_unsaved_text_goes(
    qtbot: QtBot, editor: ContentEditor, admin_console: tuple[Runtime, AgentContext]
) -> None:
    r, _ctx = admin_console
    _type_at_end(qtbot, editor, "# 草稿")
    type_text(qtbot, editor.note, "上次保存没写完的说明")  # a note meant for a save
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.draft is not None and editor.draft.version == 1
    _type_at_end(qtbot, editor, "# 未保存的修改")
    type_text(qtbot, editor.note, "旧说明")
    _choose_version(qtbot, editor, 1)

    ask = _ask_roll_back(qtbot, editor)  # its own note, not the save's
    assert "第 0 版" in ask.question.text() and "未保存的修改将丢失" in ask.question.text()
    shots.save(ask, "content_roll_back.png")
    qtbot.keyClick(ask, Qt.Key.Key_Escape)  # changed their mind: nothing happens
    qtbot.waitUntil(lambda: not ask.isVisible())
    assert editor.editor.toPlainText().endswith("# 未保存的修改")
    assert admin_sql(r, "SELECT max(version) FROM content_versions") == [(1,)]

    ask = _ask_roll_back(qtbot, editor)
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)  # no reason: asked again
    assert ask.isVisible() and ask.message.kind() == "error"
    type_text(qtbot, ask.note, "回到出厂版本")
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        qtbot.keyClick(ask.note, Qt.Key.Key_Return)
    assert editor.draft is not None and editor.draft.version == 2
    assert editor.editor.toPlainText() == DIALOGUE.shipped_text()
    assert "回到出厂版本" in _cell(editor.history, 0, 3)
    assert "旧说明" not in _cell(editor.history, 0, 3)
    assert not editor.has_unsaved()


def test_escape_with_unsaved_edits_asks_before_closing(qtbot: QtBot, editor: ContentEditor) -> None:
    _type_at_end(qtbot, editor, "# 改了一半")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Escape)
    box = editor.discard_box
    qtbot.waitExposed(box)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert editor.isVisible() and editor.editor.toPlainText().endswith("# 改了一半")

    qtbot.keyClick(editor.editor, Qt.Key.Key_Escape)
    box = editor.discard_box
    qtbot.waitExposed(box)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_escape_without_edits_closes_at_once(qtbot: QtBot, editor: ContentEditor) -> None:
    qtbot.keyClick(editor.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_the_losing_administrator_sees_the_other_version_and_keeps_the_text(
    qtbot: QtBot,
    editor: ContentEditor,
    admin_console: tuple[Runtime, AgentContext],
    settings: Settings,
) -> None:
    r, ctx = admin_console
    other = ContentEditor(r.runner(lambda: ctx), settings)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.opened, timeout=10_000):
        other.show()
    _type_at_end(qtbot, other, "# 先保存的")
    type_text(qtbot, other.note, "另一位管理员的修改")
    with qtbot.waitSignal(other.opened, timeout=10_000):
        qtbot.mouseClick(other.save_button, Qt.MouseButton.LeftButton)

    _type_at_end(qtbot, editor, "# 后保存的")
    type_text(qtbot, editor.note, "我的修改")
    with qtbot.waitSignal(editor.opened, timeout=10_000):  # refused, then the history anew
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "另一位管理员已保存了第 1 版" in editor.message.text()
    assert _cell(editor.history, 0, 3) == "另一位管理员的修改"
    assert editor.editor.toPlainText().endswith("# 后保存的")  # nothing typed is lost
    assert "保留了未保存的修改" in editor.version_label.text()
    with qtbot.waitSignal(editor.opened, timeout=10_000):  # saved over the version seen
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.draft is not None and editor.draft.version == 2


def test_a_yaml_syntax_error_is_told_in_the_users_language(
    qtbot: QtBot, editor: ContentEditor
) -> None:
    _type_at_end(qtbot, editor, 'extra: "没有右引号')
    with qtbot.waitSignal(editor.checked, timeout=10_000) as checked:
        qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert checked.args == [False]
    message = editor.message.text()
    assert "引号或括号没有闭合" in message and "found" not in message and "stream" not in message


def test_an_unsaved_draft_survives_looking_at_another_kind(
    qtbot: QtBot, editor: ContentEditor
) -> None:
    typed = _company("您好,草稿{company}")
    editor.editor.setPlainText(typed)
    editor.editor.document().setModified(True)
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        editor.kinds.setCurrentRow(3)  # the taboo list
    assert editor.kind_name == "taboo"
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        editor.kinds.setCurrentRow(0)
    assert editor.editor.toPlainText() == typed


def test_departments_are_added_and_bad_input_is_kept(qtbot: QtBot, editor: ContentEditor) -> None:
    with qtbot.waitSignal(editor.departments_shown, timeout=10_000):
        editor.kinds.setCurrentRow(editor.kinds.count() - 1)
    type_text(qtbot, editor.department_code, "1X")
    type_text(qtbot, editor.department_name, "表务所")
    editor.add_department_button.click()
    qtbot.waitUntil(lambda: editor.message.kind() == "error", timeout=10_000)
    assert "1X" in editor.message.text()
    assert (editor.department_code.text(), editor.department_name.text()) == ("1X", "表务所")
    editor.department_code.setText("METER")
    with qtbot.waitSignal(editor.departments_shown, timeout=10_000):
        editor.add_department_button.click()
    codes = [_cell(editor.departments, r, 0) for r in range(editor.departments.rowCount())]
    assert "METER" in codes


def test_a_saved_edit_reaches_a_running_seat_without_a_restart(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    clock: ManualClock,
    editor: ContentEditor,
) -> None:
    make_agent("1001", name="张敏")
    seat = open_desk(qtbot, rt, settings, clock)
    seat.content_poller.timer.setInterval(100)  # the seat looks often in the test
    seat.show()
    editor.editor.setPlainText(_company("您好,欢迎致电{company}"))
    editor.note.setText("开场白加欢迎致电")
    with qtbot.waitSignal(
        seat.content_changed, timeout=10_000, check_params_cb=lambda kinds: "dialogue" in kinds
    ):
        editor.save_button.click()
    _ring(qtbot, seat, rt, settings)
    assert _script_text(seat.call_screen, "opening.company").endswith("您好,欢迎致电安泰燃气公司")


def test_a_bad_version_written_around_the_editor_leaves_the_call_screen_the_good_one(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
) -> None:
    """R2.11: a bad version never takes the script away mid-shift."""
    make_agent("1001", name="张敏")
    seat = open_desk(qtbot, rt, settings, clock)
    seat.show()
    broken = DIALOGUE.shipped_text().replace('"{job_no}号', '"{agent_number}号', 1)
    admin_sql(
        admin_rt,
        "INSERT INTO content_versions (kind, version, body, note, saved_at) "
        "VALUES ('dialogue', 1, :body, 'psql', :t)",
        body=broken,
        t=datetime.now(UTC),
    )
    with qtbot.waitSignal(seat.content_changed, timeout=10_000) as taken:
        seat.content_poller.poll_now()
    assert taken.args == [[]]  # nothing taken in
    _ring(qtbot, seat, rt, settings)
    message = seat.call_screen.message.text()
    assert "dialogue.yaml v1" in message and "agent_number" in message
    assert "1001" in _script_text(seat.call_screen, "opening.job_no")  # the good script


def test_new_intent_forms_reach_the_next_call_on_a_running_seat(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    clock: ManualClock,
    editor: ContentEditor,
) -> None:
    make_agent("1001", name="张敏")
    seat = open_desk(qtbot, rt, settings, clock)
    seat.show()
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        editor.kinds.setCurrentRow(2)  # the intent forms
    assert editor.kind_name == "intents"
    editor.editor.setPlainText(
        INTENTS.shipped_text().replace("label: 咨询类别", "label: 咨询事项", 1)
    )
    editor.note.setText("字段改名")
    with qtbot.waitSignal(editor.opened, timeout=10_000):
        editor.save_button.click()
    with qtbot.waitSignal(seat.content_changed, timeout=10_000):
        seat.content_poller.poll_now()
    _ring(qtbot, seat, rt, settings)
    form = seat.call_screen.intent
    form.set_intent("inquiry")
    assert form.widgets["topic"].accessibleName() == "咨询事项"
