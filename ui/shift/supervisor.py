"""Supervisor tools. The menu offers them by role; the services enforce the role too
(R8.2): an agent who reached this dialog would still be refused."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.settings import Settings
from ui.core import session
from ui.core.changes import Topic
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, run_op

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from console.core.identity import AgentContext
    from console.people.auth import OpenSession


class EndSessionDialog(QDialog):
    """R1.2: end another seat's session, with a reason that goes to the audit trail."""

    ended = Signal(int)

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        context: AgentContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.runtime, self.context = settings, runtime, context
        self.setObjectName("endSessionDialog")
        self.setWindowTitle(self.tr("End a session"))
        self.setModal(True)
        # Who is signed in where, loaded off the GUI thread when the dialog opens.
        self.sessions = QComboBox(self)
        self.sessions.setAccessibleName(self.tr("Session"))
        self.sessions.setMinimumContentsLength(28)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Recorded in the audit trail"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for text, field in (
            (self.tr("&Session"), self.sessions),
            (self.tr("&Reason"), self.reason),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("End session"), self)
        self.ok_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.ok_button.setEnabled(False)
        self.busy = Busy(self, self.ok_button)
        run_op(self, partial(session.open_sessions, runtime, context), self._listed, self._failed)

    def _listed(self, sessions: list[OpenSession]) -> None:
        zone = ZoneInfo(self.settings.timezone)
        now = self.runtime.db_clock.now()  # leases are on the database's clock
        for o in sessions:
            since = o.started_at.astimezone(zone).strftime("%H:%M")
            text = self.tr("%1 %2 · seat %3 · since %4").replace("%1", o.job_no)
            text = text.replace("%2", o.name).replace("%3", o.seat).replace("%4", since)
            if o.lease_until < now:
                text += " " + self.tr("(not responding)")
            self.sessions.addItem(text, o.session_id)
        if not sessions:
            self.message.show_error(self.tr("Nobody else is signed in."))
        self.ok_button.setEnabled(bool(sessions))

    def submit(self) -> None:
        if not self.reason.text().strip():
            self.message.show_error(self.tr("Please give a reason."))
            self.reason.setFocus()
            return
        sid = int(self.sessions.currentData())
        call = partial(session.end_session, self.runtime, self.context, sid, self.reason.text())
        (
            BackgroundOp(self, lambda _task: call())
            .busy(self.busy)
            .changes(Topic.PEOPLE)  # the board's agents
            .on_success(lambda ok: self._done(sid, ok))
            .on_failure(self._failed)
            .start()
        )

    def _done(self, sid: int, ok: bool) -> None:
        if not ok:
            self.message.show_error(self.tr("That session has already ended."))
            return
        self.ended.emit(sid)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
