"""Inline taboo and jargon marks in a checked text field (R2.10)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from tests.ui.conftest import type_text
from ui.calls.taboo_highlighter import JARGON_COLOR, TABOO_COLOR, CheckedTextEdit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def type_into(qtbot: QtBot, widget: CheckedTextEdit, text: str) -> None:
    type_text(qtbot, widget.editor, text)


def formats(widget: CheckedTextEdit, block_number: int = 0) -> list[tuple[int, int, str]]:
    """The highlighter's marks on a paragraph: (start, length, underline colour)."""
    block = widget.editor.document().findBlockByNumber(block_number)
    return [
        (r.start, r.length, r.format.underlineColor().name())
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


@pytest.fixture
def checked(qtbot: QtBot, zh: None) -> CheckedTextEdit:
    w = CheckedTextEdit()
    qtbot.addWidget(w)
    w.resize(640, 260)
    w.show()
    qtbot.waitExposed(w)
    w.editor.setFocus()
    return w


def test_typing_a_taboo_phrase_marks_it_and_shows_the_alternative(
    qtbot: QtBot, checked: CheckedTextEdit
) -> None:
    type_into(qtbot, checked, "这个我们不管,")
    qtbot.waitUntil(lambda: formats(checked) != [])
    assert formats(checked) == [(4, 2, TABOO_COLOR.name())]
    # The cursor is past the comma, off the hit: the hint line says where to look.
    assert checked.hint.text().startswith("1 处禁忌用语,0 个")

    type_into(qtbot, checked, "你找领导去")
    qtbot.waitUntil(lambda: len(formats(checked)) == 2)
    assert formats(checked)[1] == (8, 4, TABOO_COLOR.name())  # 找领导去 after "，你"
    # The cursor sits right after the phrase just typed: its advice is shown.
    assert "找领导去" in checked.hint.text()
    assert "GS 4.5.2" in checked.hint.text()
    assert "我理解您的心情" in checked.hint.text()
    hit = checked.current_hit()
    assert hit is not None
    assert hit.entry_id == "zhao-ling-dao-qu"


def test_jargon_is_marked_in_amber_with_its_explanation(
    qtbot: QtBot, checked: CheckedTextEdit
) -> None:
    type_into(qtbot, checked, "可能是调压器故障")
    qtbot.waitUntil(lambda: formats(checked) != [])
    assert formats(checked) == [(3, 3, JARGON_COLOR.name())]
    cursor = checked.editor.textCursor()
    cursor.setPosition(4)
    checked.editor.setTextCursor(cursor)
    assert "专业术语" in checked.hint.text() and "降到" in checked.hint.text()


def test_fixing_the_phrase_removes_the_mark(qtbot: QtBot, checked: CheckedTextEdit) -> None:
    type_into(qtbot, checked, "这个我不知道")
    qtbot.waitUntil(lambda: formats(checked) != [])
    for _ in range(3):
        qtbot.keyClick(checked.editor, Qt.Key.Key_Backspace)
    type_into(qtbot, checked, "帮您查一下")
    qtbot.waitUntil(lambda: formats(checked) == [])
    assert checked.hint.text() == ""
    assert checked.current_hit() is None


def test_each_paragraph_is_marked_where_its_hit_is(qtbot: QtBot, checked: CheckedTextEdit) -> None:
    checked.setPlainText("客户来电询问气费。\n我解决不了。")
    qtbot.waitUntil(lambda: formats(checked, 1) != [])
    assert formats(checked, 0) == []
    assert formats(checked, 1) == [(0, 5, TABOO_COLOR.name())]
    hits = checked.highlighter.hits()
    assert [(pos, h.start, h.entry_id) for pos, h in hits] == [(10, 0, "jie-jue-bu-liao")]
    assert checked.highlighter.hit_at(12) is hits[0][1]
    assert checked.highlighter.hit_at(3) is None


def test_the_hit_under_the_mouse_is_found_for_the_tooltip(
    qtbot: QtBot, checked: CheckedTextEdit
) -> None:
    checked.setPlainText("您好,这个我们不管。")
    editor = checked.editor
    cursor = editor.textCursor()
    cursor.setPosition(8)  # inside 不管
    rect = editor.cursorRect(cursor)
    point = editor.viewport().mapTo(editor, rect.center())
    hit = editor.hit_at_point(point.x(), point.y())
    assert hit is not None and hit.entry_id == "bu-guan"
    corner = editor.viewport().mapTo(editor, QPoint(2, 2))  # on 您, before any hit
    assert editor.hit_at_point(corner.x(), corner.y()) is None


def test_screenshot(qtbot: QtBot, checked: CheckedTextEdit) -> None:
    """docs/screenshots/taboo_check.png: a realistic note with one taboo phrase and one
    term to explain, the cursor on the taboo phrase (set TAKE_SCREENSHOTS=1 to save)."""
    checked.setPlainText(
        "王女士来电反映燃气灶打不着火,询问是否欠费。\n"
        "已查询:IC卡表余量正常。客户问师傅几点到,我回答我也不知道,已派单。"
    )
    cursor = checked.editor.textCursor()
    text = checked.toPlainText()
    cursor.setPosition(text.index("不知道") + 1)
    checked.editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: "不知道" in checked.hint.text())
    hint = checked.hint
    qtbot.waitUntil(lambda: hint.height() >= hint.heightForWidth(hint.width()))  # all lines
    kinds = sorted(h.kind for _, h in checked.highlighter.hits())
    assert kinds == ["jargon", "taboo"]
    if os.environ.get("TAKE_SCREENSHOTS"):
        checked.grab().save(str(SCREENSHOTS / "taboo_check.png"))


def test_marks_after_an_emoji_sit_on_the_phrase(qtbot: QtBot, checked: CheckedTextEdit) -> None:
    """The checker counts an emoji as one character, Qt as two: the mark after it is
    placed in Qt's units, whole, and the hint at the cursor finds it."""
    type_into(qtbot, checked, "😀😀这个我们不管")
    qtbot.waitUntil(lambda: formats(checked) != [])
    # 不管 is characters 6-7, Qt positions 8-9 (each emoji is two UTF-16 units).
    assert formats(checked) == [(8, 2, TABOO_COLOR.name())]
    assert "不管" in checked.hint.text()  # the cursor right after it finds the hit
    cursor = checked.editor.textCursor()
    cursor.setPosition(1)  # inside the first emoji's pair: no hit there
    checked.editor.setTextCursor(cursor)
    assert checked.current_hit() is None
