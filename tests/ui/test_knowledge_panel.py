"""The knowledge panel (R2.17): keywords typed, the answer on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls.call_flow import EventKind
from console.content import knowledge
from console.core.clock import ManualClock
from console.core.identity import Role
from console.core.settings import Settings
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from tests.ui.desk import NATIONAL_DAY_MORNING, open_desk
from tests.ui.test_call_screen import _key, _ring
from ui.content.knowledge_panel import ArticleDialog, KnowledgePanel


@pytest.fixture
def answers(admin_rt: Runtime) -> None:
    """The shipped answers in the database, as the demo loads them."""
    with admin_rt.unit(admin="test") as s:
        knowledge.import_articles(s, None, knowledge.shipped_path())


def _panel(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    role: Role = Role.AGENT,
) -> KnowledgePanel:
    """The panel of a signed-in agent (an administrator may edit the answers)."""
    job_no = "9001" if role is Role.ADMIN else "1001"
    make_agent(job_no, role)
    ctx = rt.login(job_no, PASSWORD, "坐席01")
    panel = KnowledgePanel(rt.runner(lambda: ctx), settings, can_edit=role is Role.ADMIN)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_typing_keywords_shows_the_answer(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    answers: None,
) -> None:
    panel = _panel(qtbot, rt, make_agent, settings)
    with qtbot.waitSignal(panel.searched, timeout=10_000, check_params_cb=lambda q: q == "报装"):
        type_text(qtbot, panel.query, "报装")  # searched after a pause in the typing
    assert panel.results.count() == 2 and "报装流程" in panel.results.item(0).text()
    assert "气密性试验" in panel.answer.toPlainText() and "GS 15.3.2" in panel.source.text()
    panel.query.clear()
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, "潜水艇")
    assert panel.results.count() == 0 and panel.message.isVisible()


def test_an_answer_given_on_a_call_is_recorded_on_it(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    answers: None,
) -> None:
    """R2.17: the answer is linked to the call — said, and named in its notes."""
    make_agent("1001", name="张敏")
    w = open_desk(qtbot, rt, settings, ManualClock(NATIONAL_DAY_MORNING))
    w.show()
    panel = w.knowledge
    assert not panel.use_button.isEnabled()  # no call on the desk
    _ring(qtbot, w, rt, settings)
    _key(qtbot, w, Qt.Key.Key_F2)  # answered
    w.tabs.setCurrentWidget(panel)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, "报装")
    article = panel.current
    assert article is not None and panel.use_button.isEnabled()
    qtbot.keyClick(panel.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = w.call_screen
    assert screen.active is not None
    said = [e.data["phrase_id"] for e in screen.active.flow.events if e.kind is EventKind.PHRASE]
    assert f"kb.{article.slug}" in said
    assert f"[知识库] {article.title}" in screen.notes.editor.toPlainText()
    assert article.title in panel.message.text()
    panel.use_answer()  # given twice: named once in the notes
    assert screen.notes.editor.toPlainText().count(article.title) == 1


def test_an_administrator_writes_an_answer_in_the_panel(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    answers: None,
) -> None:
    panel = _panel(qtbot, rt, make_agent, settings, Role.ADMIN)
    panel.new_button.click()
    dialog = panel.article_dialog
    assert isinstance(dialog, ArticleDialog)
    type_text(qtbot, dialog.slug, "IC Card")  # not a valid id
    type_text(qtbot, dialog.category, "IC卡")
    type_text(qtbot, dialog.title, "IC卡丢失补办")
    type_text(qtbot, dialog.keywords, "补卡 丢失")
    dialog.body.setPlainText("携带身份证到营业厅补卡。")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.kind() == "error", timeout=10_000)
    assert "IC Card" in dialog.message.text()
    assert dialog.title.text() == "IC卡丢失补办" and dialog.isVisible()  # nothing lost
    dialog.slug.setText("ic-card-lost")
    with qtbot.waitSignal(panel.searched, timeout=10_000):  # the list shows it, by title
        dialog.save()
    assert panel.query.text() == "IC卡丢失补办"
    panel.query.clear()
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, "补卡")
    assert panel.current is not None and panel.current.title == "IC卡丢失补办"
    panel.edit_button.click()
    editing = panel.article_dialog
    qtbot.waitUntil(lambda: editing.body.toPlainText() != "", timeout=10_000)
    assert editing.slug.isReadOnly() and editing.keywords.text() == "补卡 丢失"


def test_agents_do_not_see_the_editing_buttons(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings
) -> None:
    panel = _panel(qtbot, rt, make_agent, settings)
    assert not panel.new_button.isVisible() and not panel.edit_button.isVisible()


def test_a_saved_answer_is_confirmed_and_shown_in_the_list(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    answers: None,
    tmp_path: Path,
) -> None:
    panel = _panel(qtbot, rt, make_agent, settings, Role.ADMIN)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.article_dialog
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.slug, "meter-battery")
    type_text(qtbot, dialog.category, "表具")
    type_text(qtbot, dialog.title, "燃气表电池更换")
    type_text(qtbot, dialog.keywords, "电池 没电 换电池")
    type_text(qtbot, dialog.body, "表具显示电量低时,请更换两节五号碱性电池。")
    with qtbot.waitSignal(panel.searched, timeout=10_000):  # the list shows it at once
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert panel.message.text() == "已保存:燃气表电池更换"  # the dialog closed itself
    assert panel.current is not None and panel.current.slug == "meter-battery"
    assert "五号碱性电池" in panel.answer.toPlainText()
    panel.grab().save(str(tmp_path / "knowledge-saved.png"))

    # Changing the answer shown: confirmed, and the list shows the new text.
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editing = panel.article_dialog
    qtbot.waitUntil(lambda: editing.body.toPlainText() != "", timeout=10_000)
    editing.body.selectAll()
    type_text(qtbot, editing.body, "请更换两节五号电池,或致电热线上门更换。")
    qtbot.mouseClick(
        editing.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: "上门更换" in panel.answer.toPlainText(), timeout=10_000)
    assert panel.message.text() == "已保存:燃气表电池更换"
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, "报装")  # a new search: the confirmation has done its job
    assert panel.message.text() != "已保存:燃气表电池更换"
