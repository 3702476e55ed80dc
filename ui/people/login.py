"""The login dialog (R1.1): job number (工号) and password, at this seat.

The login itself runs off the GUI thread (argon2 and a possibly remote database). The
dialog can be shown before the database is open: a login submitted meanwhile waits for
it. In "sign in again" mode (after the session was ended elsewhere) the job number is
fixed and the window behind keeps everything typed in it.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.errors import UserFacingError
from console.core.settings import Settings
from ui.core import session
from ui.core.text import error_text, message_id
from ui.core.widgets import MessageLabel, StatusLabel, fit_dialog
from ui.core.worker import run_op

if TYPE_CHECKING:  # QKeyEvent: its QEvent.Type (179 members) costs the first show ~2 ms
    from PySide6.QtGui import QKeyEvent

    from console.app.runtime import Runtime
    from console.core.identity import AgentContext

HOTLINE = "8619612"
# Refusals after which the password is wrong or unusable: clear it and ask again.
_CLEAR_PASSWORD = {"login.bad", "login.locked", "password.wrong"}


class LoginDialog(QDialog):
    signed_in = Signal(object)  # session.SignedIn
    quit_requested = Signal()
    retry_requested = Signal()  # a login waits for a database that failed to open

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime | None = None,
        parent: QWidget | None = None,
        *,
        again_for: AgentContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runtime = runtime
        self.again_for = again_for
        self.busy = False
        self._pending = False  # submitted before the database was open
        self._startup_error: str | None = None  # why the database did not open
        self._retried = False  # opening it was tried again after that
        # After a crash at this seat: the moment the old session's lease runs out, when
        # this dialog signs in by itself.
        self._free_at: datetime | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown)

        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Agent Console — Sign in"))
        self.setModal(again_for is not None)

        title = QLabel(self.tr("Agent Console"), self)
        title.setObjectName("title")
        subtitle = QLabel(
            self.tr("Tai'an Antai Gas Co., Ltd. · Customer service hotline %1").replace(
                "%1", HOTLINE
            ),
            self,
        )
        subtitle.setObjectName("subtitle")

        form = self._build_form(settings.seat)
        self.message = MessageLabel(self)
        self.status = StatusLabel(self)
        buttons = self._build_buttons(again_for is not None)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 26, 32, 22)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        self._notices = QVBoxLayout()
        layout.addLayout(self._notices)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.setTabOrder(self.job_no, self.password)
        self.setTabOrder(self.password, self.login_button)
        self.setTabOrder(self.login_button, self.quit_button)
        self.setMinimumWidth(440)

        if again_for is not None:
            self.setWindowTitle(self.tr("Sign in again"))
            self.job_no.setText(again_for.job_no)
            self.job_no.setReadOnly(True)
            self.password.setFocus()
        else:
            self.job_no.setFocus()

    def add_notice(self, widget: QWidget) -> None:
        """Something to tell before signing in (what is wrong in the settings, a crash
        last time), under the title."""
        self._notices.addWidget(widget)
        fit_dialog(widget)

    def _build_form(self, seat: str) -> QFormLayout:
        """Job number and password; the seat, as the settings name it."""
        self.job_no = QLineEdit(self)
        self.job_no.setObjectName("jobNo")
        self.job_no.setMaxLength(16)
        self.job_no.setPlaceholderText(self.tr("e.g. 1001"))
        self.job_no.setAccessibleName(self.tr("Job number"))
        self.job_no.textEdited.connect(lambda _t: self._stop_countdown())
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.textEdited.connect(lambda _t: self._stop_countdown())
        self.seat = QLabel(seat, self)
        self.seat.setObjectName("seat")
        self.seat.setAccessibleName(self.tr("Seat"))
        self.seat.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        job_label = QLabel(self.tr("&Job number"), self)
        job_label.setBuddy(self.job_no)
        pw_label = QLabel(self.tr("&Password"), self)
        pw_label.setBuddy(self.password)
        form.addRow(job_label, self.job_no)
        form.addRow(pw_label, self.password)
        form.addRow(QLabel(self.tr("Seat"), self), self.seat)
        return form

    def _build_buttons(self, again: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.login_button = QPushButton(self.tr("Log in"), self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.login_button.setAccessibleName(self.tr("Log in"))
        self.quit_button = QPushButton(self.tr("Cancel") if again else self.tr("Quit"), self)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAutoDefault(False)
        # Only while the database failed to open (a submit tries again too).
        self.retry_button = QPushButton(self.tr("&Retry connecting"), self)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setAutoDefault(False)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.retry_button.hide()  # after addButton, which shows it
        self.login_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)
        self.retry_button.clicked.connect(self._retry)
        return buttons

    # The database ------------------------------------------------------------------
    def set_runtime(self, runtime: Runtime) -> None:
        self.runtime = runtime
        if self._retried:
            self.message.clear_message()  # a retry opened it: the error is past
        self._retried = False
        self._startup_error = None
        self.retry_button.hide()
        self.status.clear()
        if self._pending:
            self._pending = False
            self.busy = False
            self.submit()

    def show_progress(self, text: str) -> None:
        self.status.setText(text)

    def runtime_failed(self, text: str) -> None:
        """The database could not be opened: say so here, the one place it is said;
        Retry or a later submit tries again."""
        self._startup_error = text
        self._pending = False
        self._set_busy(False)
        self.status.clear()
        self.message.show_error(text)
        self.retry_button.show()
        if not self.job_no.text().strip():
            self.job_no.setFocus()

    def _retry(self) -> None:
        if self._startup_error is None:
            return
        self._startup_error = None
        self._retried = True
        self.retry_button.hide()
        self.retry_requested.emit()

    # Signing in ---------------------------------------------------------------------
    def submit(self) -> None:
        self._countdown.stop()
        if self.busy:
            return
        job_no = self.job_no.text().strip()
        if not job_no:
            self._refuse(self.tr("Enter your job number."), self.job_no)
            return
        if not self.password.text():
            self._refuse(self.tr("Enter your password."), self.password)
            return
        self.message.clear_message()
        self._set_busy(True)
        if self.runtime is None:
            self._pending = True
            self.status.setText(self.tr("Connecting to the database…"))
            self._retry()
            return
        self.status.setText(self.tr("Signing in…"))
        rt, password = self.runtime, self.password.text()
        if self.again_for is not None:
            call = partial(session.sign_in_again, rt, self.again_for, password)
        else:
            call = partial(session.login, rt, job_no, password, self.settings.seat)
        run_op(self, call, self._succeeded, self._failed)

    def _succeeded(self, result: session.SignedIn) -> None:
        self._set_busy(False)
        self.status.clear()
        self.password.clear()
        self.signed_in.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.clear()
        mid = message_id(error)
        text = error_text(error, self.settings)
        if mid == "login.own_session" and isinstance(error, UserFacingError):
            self._wait_for_lapse(error.params["free_at"])
        elif mid == "db.unavailable" and self.runtime is not None:
            # Not the editing screens' "kept on this PC": here nothing is being edited.
            lost = UserFacingError("login.db_lost", server=self.runtime.server)
            self._refuse(error_text(lost, self.settings), self.password)
        elif mid == "job_no.invalid":
            self._refuse(text, self.job_no)
        elif mid in _CLEAR_PASSWORD:
            self.password.clear()
            self._refuse(text, self.password)
        else:
            self._refuse(text, self.password)

    # After a crash at this seat ------------------------------------------------------
    def _wait_for_lapse(self, free_at: datetime) -> None:
        """The agent's own session at this seat is still open (the console was killed):
        count down to the moment its lease runs out, then sign in with what is typed."""
        # At least a second: with the database's clock behind this PC's, the lease may
        # look lapsed here while the database still holds it.
        self._free_at = max(free_at, datetime.now(UTC) + timedelta(seconds=1))
        self._countdown.start()
        self._on_countdown()

    def _on_countdown(self) -> None:
        if self._free_at is None:
            return
        left = math.ceil((self._free_at - datetime.now(UTC)).total_seconds())
        if left <= 0:
            self._free_at = None
            self.submit()  # if the database's clock is behind, it says so again
            return
        self.message.show_info(
            self.tr(
                "Your last session at this seat is still open: the console closed "
                "unexpectedly. It lapses in %1 s; you are then signed in automatically."
            ).replace("%1", str(left))
        )

    def _stop_countdown(self) -> None:
        if self._free_at is not None:
            self._free_at = None
            self._countdown.stop()
            self.message.clear_message()

    def _refuse(self, text: str, focus: QLineEdit) -> None:
        self.message.show_error(text)
        focus.setFocus()
        focus.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.job_no.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.login_button.setEnabled(not busy)

    def reject(self) -> None:
        super().reject()
        if self.again_for is None:
            self.quit_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape cancels "sign in again" but must not quit the console by accident.
        if event.key() == Qt.Key.Key_Escape and self.again_for is None:
            event.accept()
            return
        super().keyPressEvent(event)
