"""A list of reviews (the supervisor's lists, the agent's results) as a Qt table model."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.quality.reviews import ReviewItem
from ui.core.text import sample_reason_label

COLUMNS = ("call", "agent", "reason", "auto", "score", "status")
Index = QModelIndex | QPersistentModelIndex


class ReviewListModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.rows: list[ReviewItem] = []

    def set_rows(self, rows: list[ReviewItem]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "call": self.tr("Call at"),
            "agent": self.tr("Job number"),
            "reason": self.tr("Why"),
            "auto": self.tr("Automatic"),
            "score": self.tr("Review"),
            "status": self.tr("Status"),
        }[COLUMNS[section]]

    def status(self, r: ReviewItem) -> str:
        if r.acknowledged_at is not None:
            return self.tr("Acknowledged")
        if r.waiting_for_answer:
            return self.tr("Reply waiting for an answer")
        if r.answer is not None:
            return self.tr("Answered, to acknowledge")
        if r.reviewed_at is not None:
            return self.tr("To acknowledge")
        if r.claimed_by_job_no is not None:
            return self.tr("Being reviewed by %1").replace("%1", r.claimed_by_job_no)
        return self.tr("Waiting for review")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = COLUMNS[index.column()]
        if column == "call":
            return r.call_started_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        if column == "agent":
            return r.agent_job_no
        if column == "reason":
            return sample_reason_label(r.reason)
        if column == "auto":
            return "" if r.auto_score is None else f"{r.auto_score}%"
        if column == "score":
            return "" if r.score is None else f"{r.score}%"
        return self.status(r)


def review_table(model: ReviewListModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def chosen(view: QTableView) -> ReviewItem | None:
    index = view.currentIndex()
    if not index.isValid():
        return None
    item = view.model().data(index, Qt.ItemDataRole.UserRole)
    return item if isinstance(item, ReviewItem) else None
