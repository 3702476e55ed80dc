"""The supervisor's 质检 tab: the calls drawn for review, the review form, the agents'
replies to answer and the reviews made (console/quality/reviews.py).

Opening a call from the list (Enter or a double click) claims it for this session: two
supervisors never review the same call at once. "Review next" (Ctrl+N) takes the next
call nobody holds. Showing the tab draws the day before's calls (the draw is
reproducible and adds nothing the second time), so each day's calls reach the list
without anyone having to remember it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.content.content import Library
from console.core.clock import Clock
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import CallId
from console.quality import reviews
from console.quality.reviews import DrawResult, ReviewDetail, ReviewItem
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, Task
from ui.quality.review_list import ReviewListModel, chosen, review_table
from ui.quality.review_panel import ReviewPanel

T = TypeVar("T")


class QualityDesk(QWidget):
    saved = Signal(str)  # review id, after a save, an answer or a release

    def __init__(
        self,
        run: Runner,
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualityDesk")
        self.setAccessibleName(self.tr("Quality inspection"))
        self.run = run
        self.settings = settings
        self.clock = clock
        self.zone = ZoneInfo(settings.timezone)
        self.message = MessageLabel(self)
        self.panel = ReviewPanel(self.zone, editable=True, parent=self, library=library)
        self.panel.clear()
        top = self._build_top()
        lists = self._build_lists()
        actions = self._build_actions()
        right = QWidget(self)
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.panel, 1)
        r.addLayout(actions)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(lists)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([460, 820])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.busy = Busy(
            self, self.next_button, self.draw_button, self.add_button, self.save_button
        )
        self._enable()

    def _build_top(self) -> QHBoxLayout:
        self.next_button = QPushButton(self.tr("Review the next call (Ctrl+N)"), self)
        self.next_button.setObjectName("reviewNext")
        self.next_button.clicked.connect(self.review_next)
        self.next_key = QShortcut(QKeySequence("Ctrl+N"), self)
        self.next_key.activated.connect(self.review_next)
        self.draw_button = QPushButton(self.tr("Draw yesterday's calls"), self)
        self.draw_button.setObjectName("drawCalls")
        self.draw_button.clicked.connect(self.draw)
        self.call_id = QLineEdit(self)
        self.call_id.setObjectName("addCallId")
        self.call_id.setAccessibleName(self.tr("Call id to add"))
        self.call_id.setPlaceholderText(self.tr("Call id (from the call log)"))
        self.call_id.returnPressed.connect(self.add_call)
        self.add_button = QPushButton(self.tr("Add to the list"), self)
        self.add_button.setObjectName("addCall")
        self.add_button.clicked.connect(self.add_call)
        top = QHBoxLayout()
        top.addWidget(self.next_button)
        top.addWidget(self.draw_button)
        top.addStretch(1)
        top.addWidget(self.call_id, 1)
        top.addWidget(self.add_button)
        return top

    def _build_lists(self) -> QTabWidget:
        self.lists = QTabWidget(self)
        self.lists.setObjectName("qualityLists")
        self.waiting_model = ReviewListModel(self.zone, self)
        self.replies_model = ReviewListModel(self.zone, self)
        self.reviewed_model = ReviewListModel(self.zone, self)
        self.waiting = review_table(self.waiting_model, "reviewsWaiting", self)
        self.replies = review_table(self.replies_model, "reviewsReplies", self)
        self.reviewed = review_table(self.reviewed_model, "reviewsDone", self)
        self.waiting.activated.connect(lambda _i: self.open_chosen(self.waiting, claim=True))
        self.replies.activated.connect(lambda _i: self.open_chosen(self.replies, claim=False))
        self.reviewed.activated.connect(lambda _i: self.open_chosen(self.reviewed, claim=False))
        self.lists.addTab(self.waiting, self.tr("Waiti&ng"))
        self.lists.addTab(self.replies, self.tr("Re&plies to answer"))
        self.lists.addTab(self.reviewed, self.tr("Revie&wed"))
        return self.lists

    def _build_actions(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("Save review (Ctrl+S)"), self)
        self.save_button.setObjectName("saveReview")
        self.save_button.clicked.connect(self.save)
        self.save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_key.activated.connect(self.save)
        self.release_button = QPushButton(self.tr("Release"), self)
        self.release_button.setObjectName("releaseReview")
        self.release_button.clicked.connect(self.release)
        self.answer_text = QLineEdit(self)
        self.answer_text.setObjectName("answerText")
        self.answer_text.setAccessibleName(self.tr("Answer to the agent's reply"))
        self.answer_text.setPlaceholderText(self.tr("Answer to the agent's reply"))
        self.answer_button = QPushButton(self.tr("Answer"), self)
        self.answer_button.setObjectName("answerReply")
        self.answer_button.clicked.connect(self.answer)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.release_button)
        row.addWidget(self.answer_text, 1)
        row.addWidget(self.answer_button)
        return row

    # --- loading -----------------------------------------------------------------------

    def _start(self, op: BackgroundOp[T], done: Callable[[T], object]) -> None:
        op.busy(self.busy).on_success(done).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
        self._enable()

    def refresh(self) -> None:
        """The three lists, after the day before's calls are drawn."""
        run, zone = self.run, self.zone
        yesterday = self.clock.now().astimezone(zone).date() - timedelta(days=1)

        def load(_task: Task) -> tuple[list[ReviewItem], list[ReviewItem], list[ReviewItem]]:
            run(reviews.draw, yesterday, zone)
            return (
                run(reviews.review_list),
                run(reviews.replies_waiting),
                run(reviews.review_list, reviewed=True),
            )

        self._start(BackgroundOp(self, load), self._show_lists)

    def _show_lists(self, lists: tuple[list[ReviewItem], ...]) -> None:
        waiting, replies, reviewed = lists
        self.waiting_model.set_rows(waiting)
        self.replies_model.set_rows(replies)
        self.reviewed_model.set_rows(reviewed)
        self.lists.setTabText(
            1, self.tr("Re&plies to answer (%1)").replace("%1", str(len(replies)))
        )
        if self.waiting_model.rowCount() and not self.waiting.currentIndex().isValid():
            self.waiting.setCurrentIndex(self.waiting_model.index(0, 0))
        self._enable()

    def draw(self) -> None:
        run, zone = self.run, self.zone
        yesterday = self.clock.now().astimezone(zone).date() - timedelta(days=1)
        op = BackgroundOp(self, lambda _t: run(reviews.draw, yesterday, zone))
        self._start(op, self._drawn)

    def _drawn(self, result: DrawResult) -> None:
        self.message.show_info(
            self.tr("%1 calls of %2 drawn for review.")
            .replace("%1", str(len(result.added)))
            .replace("%2", result.day.isoformat())
        )
        self.refresh()

    def add_call_id(self, call_id: str) -> None:
        """Put this call on the list and open it (from the call log)."""
        self.call_id.setText(call_id)
        self.add_call()

    def add_call(self) -> None:
        call_id, run, zone = CallId(self.call_id.text().strip()), self.run, self.zone
        if not call_id:
            self.call_id.setFocus()
            return

        def add(_task: Task) -> ReviewDetail:
            item = run(reviews.add_call, call_id, zone)
            if item.reviewed_at is None:
                run(reviews.claim, item.id)
            return run(reviews.detail, item.id)

        # Not held back while the lists load: a call sent from the call log opens anyway.
        BackgroundOp(self, add).on_success(self._opened).on_failure(self._fail).start()

    # --- one review ------------------------------------------------------------------------

    def review_next(self) -> None:
        run = self.run

        def take(_task: Task) -> ReviewDetail | None:
            item = run(reviews.claim_next)
            return None if item is None else run(reviews.detail, item.id)

        self._start(BackgroundOp(self, take), self._opened)

    def open_chosen(self, view: QTableView, *, claim: bool) -> None:
        item = chosen(view)
        if item is None:
            return
        run = self.run

        def open_it(_task: Task) -> ReviewDetail:
            if claim and item.reviewed_at is None:
                run(reviews.claim, item.id)
            return run(reviews.detail, item.id)

        self._start(BackgroundOp(self, open_it), self._opened)

    def _opened(self, d: ReviewDetail | None) -> None:
        if d is None:
            self.panel.clear()
            self.message.show_info(self.tr("No call is waiting for review."))
        else:
            self.message.clear_message()
            self.panel.show_detail(d)
            self.answer_text.clear()
            first = next(iter(self.panel.verdict_boxes.values()), None)
            if first is not None:
                first.setFocus()
        self._enable()
        self.refresh_lists_only()

    def refresh_lists_only(self) -> None:
        run = self.run

        def load(_task: Task) -> tuple[list[ReviewItem], list[ReviewItem], list[ReviewItem]]:
            return (
                run(reviews.review_list),
                run(reviews.replies_waiting),
                run(reviews.review_list, reviewed=True),
            )

        BackgroundOp(self, load).on_success(self._show_lists).on_failure(self._fail).start()

    def save(self) -> None:
        d = self.panel.detail
        if d is None or not self.isVisible():
            return
        verdicts, comment, run = self.panel.verdicts(), self.panel.comment.toPlainText(), self.run
        review = d.review

        def save(_task: Task) -> ReviewDetail:
            run(reviews.save_review, review.id, verdicts, comment, review.version)
            return run(reviews.detail, review.id)

        self._start(BackgroundOp(self, save), self._saved)

    def _saved(self, d: ReviewDetail) -> None:
        self.panel.show_detail(d)
        self.message.show_info(
            self.tr("Review saved: %1%.").replace("%1", str(d.review.score or 0))
        )
        self.saved.emit(d.review.id)
        self._enable()
        self.refresh_lists_only()

    def release(self) -> None:
        d = self.panel.detail
        if d is None:
            return
        run, review_id = self.run, d.review.id

        def release(_task: Task) -> None:
            run(reviews.release, review_id)

        self._start(BackgroundOp(self, release), lambda _none: self._released())

    def _released(self) -> None:
        self.panel.clear()
        self._enable()
        self.refresh_lists_only()

    def answer(self) -> None:
        d, text, run = self.panel.detail, self.answer_text.text(), self.run
        if d is None:
            return
        review_id = d.review.id

        def answer(_task: Task) -> ReviewDetail:
            run(reviews.answer, review_id, text)
            return run(reviews.detail, review_id)

        self._start(BackgroundOp(self, answer), self._saved)

    def _enable(self) -> None:
        d = self.panel.detail
        open_review = d is not None and d.review.acknowledged_at is None
        self.save_button.setEnabled(open_review)
        self.release_button.setEnabled(d is not None and d.review.reviewed_at is None)
        waiting = d is not None and d.review.waiting_for_answer
        self.answer_button.setEnabled(waiting)
        self.answer_text.setEnabled(waiting)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


__all__ = ["QualityDesk"]
