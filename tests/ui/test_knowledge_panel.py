"""The knowledge panel (R2.17): keywords typed, the answer on screen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console import knowledge
from console.runtime import Runtime
from console.settings import Settings
from tests.conftest import PASSWORD, AgentFactory
from tests.ui.conftest import type_text
from ui.knowledge_panel import KnowledgePanel


def test_typing_keywords_shows_the_answer(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    with admin_rt.unit(admin="test") as s:
        knowledge.import_articles(s, None, knowledge.shipped_path())
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    panel = KnowledgePanel(lambda fn, *a, **k: rt.run(ctx, fn, *a, **k), settings)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.searched, timeout=10_000, check_params_cb=lambda q: q == "报装"):
        type_text(qtbot, panel.query, "报装")  # searched after a pause in the typing
    assert panel.results.count() == 2 and "报装流程" in panel.results.item(0).text()
    assert "气密性试验" in panel.answer.toPlainText() and "GS 15.3.2" in panel.source.text()
    panel.query.clear()
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, "潜水艇")
    assert panel.results.count() == 0 and panel.message.isVisible()
