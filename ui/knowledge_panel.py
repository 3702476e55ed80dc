"""The knowledge panel (R2.17): type Chinese keywords, read the answer to the caller.
Search runs on the worker as the agent types (after a short pause), over the
database's own text search (``console.knowledge``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console import knowledge
from console.knowledge import Article
from console.settings import Settings
from ui.text import error_text
from ui.widgets import MessageLabel
from ui.worker import run_op

Runner = Callable[..., Any]
TYPING_PAUSE_MS = 250


class KnowledgePanel(QWidget):
    searched = Signal(str)  # the query whose results are on screen
    answer_used = Signal(object)  # the Article the agent gave the caller on the call

    def __init__(self, run: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.run = run
        self.settings = settings
        self.articles: list[Article] = []
        self.message = MessageLabel(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("knowledgeQuery")
        self.query.setAccessibleName(self.tr("Search the answers"))
        self.query.setPlaceholderText(self.tr("Keywords, e.g. 报装 证件 · 安全用气 · IC卡 · 电池"))
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Answers found"))
        self.results.currentRowChanged.connect(self._show)
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("knowledgeAnswer")
        self.answer.setReadOnly(True)
        self.answer.setAccessibleName(self.tr("Answer"))
        self.source = QLabel(self)
        self.source.setObjectName("hint")
        self.source.setWordWrap(True)
        # R2.17: the answer given becomes part of the call: said, and in its notes.
        self.use_button = QPushButton(self.tr("&Tell the caller (Ctrl+Enter)"), self)
        self.use_button.setObjectName("knowledgeUse")
        self.use_button.setToolTip(
            self.tr("Record on the current call that this answer was given, in its notes")
        )
        self.use_button.clicked.connect(self.use_answer)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.use_answer)
        self.on_call = False
        split = QSplitter(self)
        split.addWidget(self.results)
        right = QWidget(split)
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.answer, 1)
        r.addWidget(self.source)
        r.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignRight)
        split.addWidget(right)
        split.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.query)
        layout.addWidget(split, 1)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self.pause.start())
        self.query.returnPressed.connect(self.search)
        self._enable()

    def set_on_call(self, on_call: bool) -> None:
        """Whether a call is on the desk that an answer can be given on."""
        self.on_call = on_call
        self._enable()

    @property
    def current(self) -> Article | None:
        row = self.results.currentRow()
        return self.articles[row] if 0 <= row < len(self.articles) else None

    def _enable(self) -> None:
        self.use_button.setEnabled(self.on_call and self.current is not None)

    def use_answer(self) -> None:
        article = self.current
        if article is None or not self.on_call:
            return
        self.answer_used.emit(article)
        self.message.show_info(self.tr("Recorded on the call: %1").replace("%1", article.title))

    def search(self) -> None:
        self.pause.stop()
        text = self.query.text()
        run_op(
            self,
            lambda: self.run(knowledge.search, text),
            lambda found: self._found(text, found),
            lambda e: self.message.show_error(error_text(e, self.settings)),
        )

    def _found(self, text: str, found: list[Article]) -> None:
        if text != self.query.text():
            return  # typed on meanwhile: the next search answers
        self.message.clear_message()
        self.articles = found
        self.results.clear()
        for a in found:
            self.results.addItem(f"{a.category} · {a.title}")
        if found:
            self.results.setCurrentRow(0)
        else:
            self.answer.clear()
            self.source.clear()
            if text.strip():
                self.message.show_info(self.tr("No answer has these words."))
        self.searched.emit(text)

    def _show(self, row: int) -> None:
        self._enable()
        if 0 <= row < len(self.articles):
            a = self.articles[row]
            self.answer.setPlainText(a.body)
            self.source.setText(a.clause)
