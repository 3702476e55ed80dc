"""The agent's 质检结果 tab: their reviewed calls, newest first. Enter opens one (the
call, the checklist as the supervisor judged it, the comment); the agent may write one
reply (申诉), which a supervisor answers, and acknowledges the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.content.content import Library
from console.core.runner import Runner
from console.core.settings import Settings
from console.quality import reviews
from console.quality.reviews import ReviewDetail, ReviewItem
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, Task
from ui.quality.review_list import ReviewListModel, chosen, review_table
from ui.quality.review_panel import ReviewPanel

T = TypeVar("T")


class MyResults(QWidget):
    def __init__(
        self,
        run: Runner,
        settings: Settings,
        parent: QWidget | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("myQualityResults")
        self.setAccessibleName(self.tr("My quality results"))
        self.run = run
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.message = MessageLabel(self)
        self.model = ReviewListModel(self.zone, self)
        self.table = review_table(self.model, "myResults", self)
        self.table.activated.connect(lambda _i: self.open_chosen())
        self.panel = ReviewPanel(self.zone, editable=False, parent=self, library=library)
        self.panel.clear()
        self.reply_text = QPlainTextEdit(self)
        self.reply_text.setObjectName("replyText")
        self.reply_text.setAccessibleName(self.tr("Your reply (appeal)"))
        self.reply_text.setPlaceholderText(
            self.tr("If you disagree, say why (one reply; a supervisor answers it)")
        )
        self.reply_text.setTabChangesFocus(True)
        self.reply_text.setMaximumHeight(70)
        self.reply_button = QPushButton(self.tr("Send re&ply"), self)
        self.reply_button.setObjectName("sendReply")
        self.reply_button.clicked.connect(self.reply)
        self.ack_button = QPushButton(self.tr("Ackno&wledge"), self)
        self.ack_button.setObjectName("acknowledgeReview")
        self.ack_button.clicked.connect(self.acknowledge)
        row = QHBoxLayout()
        row.addWidget(self.reply_text, 1)
        row.addWidget(self.reply_button)
        row.addWidget(self.ack_button)
        right = QWidget(self)
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.panel, 1)
        r.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([460, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.busy = Busy(self, self.reply_button, self.ack_button)
        self._enable()

    def _start(self, op: BackgroundOp[T], done: Callable[[T], object]) -> None:
        op.busy(self.busy).on_success(done).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
        self._enable()

    def refresh(self) -> None:
        run = self.run
        op = BackgroundOp(self, lambda _t: run(reviews.my_results))
        op.on_success(self._show_rows).on_failure(self._fail).start()

    def _show_rows(self, rows: list[ReviewItem]) -> None:
        self.model.set_rows(rows)
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def open_chosen(self) -> None:
        item, run = chosen(self.table), self.run
        if item is None:
            return
        self._start(BackgroundOp(self, lambda _t: run(reviews.detail, item.id)), self._opened)

    def _opened(self, d: ReviewDetail) -> None:
        self.message.clear_message()
        self.panel.show_detail(d)
        self.reply_text.clear()
        self._enable()
        self.refresh()

    def reply(self) -> None:
        d, text, run = self.panel.detail, self.reply_text.toPlainText(), self.run
        if d is None:
            return
        review_id = d.review.id

        def send(_task: Task) -> ReviewDetail:
            run(reviews.reply, review_id, text)
            return run(reviews.detail, review_id)

        self._start(BackgroundOp(self, send), self._done)

    def acknowledge(self) -> None:
        d, run = self.panel.detail, self.run
        if d is None:
            return
        review_id = d.review.id

        def ack(_task: Task) -> ReviewDetail:
            run(reviews.acknowledge, review_id)
            return run(reviews.detail, review_id)

        self._start(BackgroundOp(self, ack), self._done)

    def _done(self, d: ReviewDetail) -> None:
        self._opened(d)
        self.message.show_info(self.tr("Saved."))

    def _enable(self) -> None:
        d = self.panel.detail
        open_result = d is not None and d.review.acknowledged_at is None
        can_reply = open_result and d is not None and d.review.reply is None
        self.reply_text.setEnabled(can_reply)
        self.reply_button.setEnabled(can_reply)
        self.ack_button.setEnabled(
            open_result and d is not None and not d.review.waiting_for_answer
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


__all__ = ["MyResults"]
