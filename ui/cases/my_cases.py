"""My cases (R3.4): the first-contact owner's open cases with live countdowns,
most urgent first; due-soon rows amber, overdue red.

The rows come from ``console.cases.case_board`` on the worker pool (every 30 s and when the
tab is shown); the countdowns tick every second against the database clock (the skew
is measured at each refresh), and the order follows urgency as time passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from console.cases.case_board import CaseRow, Urgency, by_urgency
from console.core.clock import Clock
from console.core.settings import Settings
from ui.core.changes import changes
from ui.core.text import case_kind_label, case_status_label, error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import run_op

COLUMNS = ("remaining", "case_no", "clock", "kind", "status", "summary", "opened")
TICK_MS = 1_000
REFRESH_MS = 30_000
OVERDUE = QColor("#fdecea")
DUE_SOON = QColor("#fff4d6")

Index = QModelIndex | QPersistentModelIndex


def countdown(left: timedelta, day: str = "d") -> str:
    """``2d 03:15`` / ``01:15:09`` left; overdue as ``-00:12:30``; ``day`` is the
    language's day mark (天)."""
    seconds = int(left.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    h, rest = divmod(rest, 3600)
    m, sec = divmod(rest, 60)
    if days:
        return f"{sign}{days}{day} {h:02d}:{m:02d}"
    return f"{sign}{h:02d}:{m:02d}:{sec:02d}"


class MyCasesModel(QAbstractTableModel):
    def __init__(self, clock: Clock, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.zone = zone
        self.skew = timedelta(0)  # database now - seat now, at the last refresh
        self.rows: list[CaseRow] = []

    def now(self) -> datetime:
        return self.clock.now() + self.skew

    def set_rows(self, rows: list[CaseRow], db_now: datetime) -> None:
        self.beginResetModel()
        self.skew = db_now - self.clock.now()
        self.rows = by_urgency(rows, self.now())
        self.endResetModel()

    def tick(self) -> None:
        """A second passed: new countdowns, and a new order if urgency changed it."""
        if not self.rows:
            return
        ordered = by_urgency(self.rows, self.now())
        if [r.case.id for r in ordered] != [r.case.id for r in self.rows]:
            self.layoutAboutToBeChanged.emit()
            self.rows = ordered
            self.layoutChanged.emit()
        else:
            col = COLUMNS.index("remaining")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.rows) - 1, col))

    # --- Qt model ----------------------------------------------------------------------

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
            "remaining": self.tr("Time left"),
            "case_no": self.tr("Case no."),
            "clock": self.tr("Deadline"),
            "kind": self.tr("Type"),
            "status": self.tr("Status"),
            "summary": self.tr("Summary"),
            "opened": self.tr("Opened"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        now = self.now()
        if role == Qt.ItemDataRole.BackgroundRole:
            urgency = row.urgency(now)
            if urgency is Urgency.OVERDUE:
                return QBrush(OVERDUE)
            if urgency is Urgency.DUE_SOON:
                return QBrush(DUE_SOON)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = COLUMNS[index.column()]
        if column == "remaining":
            left = row.remaining(now)
            if left is None:
                return "—"
            if row.clock is not None and row.clock.paused:
                return self.tr("paused")
            day = self.tr("d")  # the day mark of a countdown: 2d 03:15
            if left < timedelta(0):
                return self.tr("overdue %1").replace("%1", countdown(-left, day))
            return countdown(left, day)
        if column == "case_no":
            return row.case.case_no
        if column == "clock":
            return row.clock.title if row.clock is not None else ""
        if column == "kind":
            return case_kind_label(row.case.kind)
        if column == "status":
            return case_status_label(row.case.status)
        if column == "summary":
            return row.case.summary
        return row.case.opened_at.astimezone(self.zone).strftime("%m-%d %H:%M")


class MyCasesView(QWidget):
    refreshed = Signal()
    open_requested = Signal(str)  # case id: Enter or a double click on a row

    def __init__(
        self,
        load: Callable[[], tuple[list[CaseRow], datetime]],
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("myCases")
        self.setAccessibleName(self.tr("My cases"))
        self.settings = settings
        self._load = load
        self._loading = False
        self.model = MyCasesModel(clock, ZoneInfo(settings.timezone), self)
        self.message = MessageLabel(self)
        self.table = QTableView(self)
        self.table.setObjectName("myCasesTable")
        self.table.setAccessibleName(self.tr("My open cases, most urgent first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("summary"), QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(
            lambda index: self.open_requested.emit(self.model.rows[index.row()].case.id)
        )
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.model.tick)
        self.reloader = QTimer(self)
        self.reloader.setInterval(REFRESH_MS)
        self.reloader.timeout.connect(self.refresh)
        # A case saved anywhere in this console shows here at once, tab shown or not.
        changes().cases.connect(self.refresh)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.ticker.start()
        self.reloader.start()
        self.refresh()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.ticker.stop()
        self.reloader.stop()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        run_op(self, self._load, self._loaded, self._failed)

    def _loaded(self, result: tuple[list[CaseRow], datetime]) -> None:
        self._loading = False
        rows, db_now = result
        self.model.set_rows(rows, db_now)
        self.message.clear_message()
        now = self.model.now()
        overdue = sum(1 for r in rows if r.urgency(now) is Urgency.OVERDUE)
        self.status.setText(
            self.tr("%1 open case(s), %2 overdue")
            .replace("%1", str(len(rows)))
            .replace("%2", str(overdue))
        )
        self.refreshed.emit()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.message.show_error(error_text(error, self.settings))
