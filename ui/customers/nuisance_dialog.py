"""Nuisance callers (R2.18): a supervisor marks a number after harassment, with a
reason and how long the mark stands, and lifts a mark early; the standing marks are
listed. Thin over ``console.customers.nuisance`` (which checks the role and audits)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.core.clock import Clock
from console.core.runner import Runner
from console.core.settings import Settings
from console.customers import nuisance
from console.customers.nuisance import Mark
from ui.core.changes import Topic, changes
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, service_op


class NuisanceDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        run: Runner,
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        number: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("nuisanceDialog")
        self.setWindowTitle(self.tr("Nuisance callers"))
        self.run = run
        self.settings = settings
        self.clock = clock
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.marks: list[Mark] = []
        self.message = MessageLabel(self)
        self.number = QLineEdit(number, self)
        self.number.setAccessibleName(self.tr("Caller number"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setMaxLength(nuisance.MAX_REASON)
        self.reason.setPlaceholderText(self.tr("What happened, e.g. repeated abusive calls"))
        self.days = QSpinBox(self)
        self.days.setRange(1, 366)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" day(s)"))
        form = QFormLayout()
        form.addRow(self.tr("&Number"), self.number)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("&Stands for"), self.days)
        self.mark_button = QPushButton(self.tr("&Mark the number"), self)
        self.mark_button.clicked.connect(self.mark)
        self.clear_button = QPushButton(self.tr("&Lift the chosen mark"), self)
        self.clear_button.clicked.connect(self.clear)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Standing marks"))
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.resize(560, 420)
        changes().nuisance.connect(self.refresh)  # marked or lifted, here or in another window
        self.refresh()

    def _enable(self) -> None:
        self.mark_button.setEnabled(not self.busy)
        self.clear_button.setEnabled(not self.busy and self.list.currentRow() >= 0)

    def _submit(self, op: BackgroundOp[Any], info: str) -> None:
        def done(_r: object) -> None:
            self.message.show_info(info)
            self.reason.clear()
            self.changed.emit()

        op.busy(self.busy).changes(Topic.NUISANCE).on_success(done).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # the text stays typed
        self._enable()

    def refresh(self) -> None:
        (
            service_op(self, self.run, nuisance.marks)
            .on_success(self._show)
            .on_failure(self._fail)
            .start()
        )

    def _show(self, marks: list[Mark]) -> None:
        self.marks = marks
        self.list.clear()
        for m in marks:
            until = m.expires_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
            self.list.addItem(f"{m.number} · {until} · {m.job_no} · {m.reason}")
        self._enable()

    def mark(self) -> None:
        number, reason = self.number.text(), self.reason.text()
        until = self.clock.now() + timedelta(days=self.days.value())
        self._submit(
            service_op(self, self.run, nuisance.mark, number, reason, until), self.tr("Marked.")
        )

    def clear(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.marks):
            return
        number, reason = self.marks[row].number, self.reason.text()
        self._submit(
            service_op(self, self.run, nuisance.clear, number, reason), self.tr("Mark lifted.")
        )
