"""Correcting a finished call's notes (更正备注), from the call log.

A finished call is not saved over: the agent who took it, or a supervisor, corrects its
notes here with a reason. The database keeps the text it replaces and audits the
correction (``console.calls.calls.correct_notes``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.calls import calls
from console.calls.calls import CallRecord
from console.core.runner import Runner
from console.core.settings import Settings
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import service_op


class CorrectNotesDialog(QDialog):
    """The call's notes as they are, to be corrected, and the reason why."""

    corrected = Signal(object)  # the CallRecord as corrected

    def __init__(
        self, run: Runner, settings: Settings, record: CallRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._run, self._settings, self._record = run, settings, record
        self.setObjectName("correctNotesDialog")
        self.setWindowTitle(self.tr("Correct the notes of a finished call"))
        self.setModal(True)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("correctedNotes")
        self.notes.setAccessibleName(self.tr("Corrected notes"))
        self.notes.setPlainText(record.notes)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("correctionReason")
        self.reason.setAccessibleName(self.tr("Reason for the correction"))
        self.reason.setMaxLength(calls.MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Recorded with the correction"))
        form = QFormLayout()
        for text, field in ((self.tr("&Notes"), self.notes), (self.tr("&Reason"), self.reason)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        hint = QLabel(self.tr("The earlier text is kept and the correction is audited."), self)
        hint.setObjectName("hint")
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Save correction"), self)
        self.ok_button.setObjectName("saveCorrection")
        self.ok_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        if not self.reason.text().strip():
            self.message.show_error(self.tr("Please give a reason."))
            self.reason.setFocus()
            return
        self.ok_button.setEnabled(False)
        r, notes, reason = self._record, self.notes.toPlainText(), self.reason.text()
        op = service_op(self, self._run, calls.correct_notes, r.id, notes, r.version, reason)
        op.on_success(self._done).on_failure(self._failed).start()

    def _done(self, record: CallRecord) -> None:
        self.corrected.emit(record)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_error(error_text(error, self._settings))
