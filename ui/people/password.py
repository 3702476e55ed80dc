"""Changing one's password (R1.1): at first login with a temporary password, or any
time from the Agent menu. Validation happens in the services; a refusal is shown
inline and nothing typed is lost."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
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

from console.core.settings import Settings
from ui.core import session
from ui.core.text import error_text, message_id
from ui.core.widgets import MessageLabel, StatusLabel
from ui.core.worker import BackgroundOp, Busy

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from console.core.identity import AgentContext


class ChangePasswordDialog(QDialog):
    changed = Signal()
    locked_out = Signal(str)  # the message: the job number is now locked
    sign_out_requested = Signal()  # mandatory mode: the agent would rather not go on

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        context: AgentContext,
        parent: QWidget | None = None,
        *,
        mandatory: bool = False,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runtime = runtime
        self.context = context
        self.mandatory = mandatory
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.setModal(True)

        title = QLabel(self.tr("Change password"), self)
        title.setObjectName("title")
        intro = self._build_intro(context, mandatory)
        form = self._build_form()
        self.message = MessageLabel(self)
        self.status = StatusLabel(self)
        buttons = self._build_buttons(mandatory)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setTabOrder(self.old, self.new)
        self.setTabOrder(self.new, self.repeat)
        self.setTabOrder(self.repeat, self.ok_button)
        self.setTabOrder(self.ok_button, self.cancel_button)
        self.setMinimumWidth(480)
        self.busy = Busy(self, self.old, self.new, self.repeat, self.ok_button)
        self.old.setFocus()

    def _build_intro(self, context: AgentContext, mandatory: bool) -> QLabel:
        intro = QLabel(self)
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)
        if mandatory:
            intro.setText(
                self.tr(
                    "You signed in with a temporary password. Choose your own password "
                    "before you start work."
                )
            )
        else:
            intro.setText(
                self.tr("Job number %1, %2")
                .replace("%1", context.job_no)
                .replace("%2", context.name)
            )
        return intro

    def _build_form(self) -> QFormLayout:
        self.old = self._password_field("oldPassword", self.tr("Current password"))
        self.new = self._password_field("newPassword", self.tr("New password"))
        self.repeat = self._password_field("repeatPassword", self.tr("Repeat new password"))
        hint = QLabel(self.tr("At least 8 characters, and at least 4 different ones."), self)
        hint.setObjectName("hint")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        for text, field in (
            (self.tr("C&urrent password"), self.old),
            (self.tr("&New password"), self.new),
            (self.tr("&Repeat new password"), self.repeat),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", hint)
        return form

    def _build_buttons(self, mandatory: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Change password"), self)
        self.ok_button.setObjectName("changeButton")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(
            self.tr("Sign out") if mandatory else self.tr("Cancel"), self
        )
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        return buttons

    def _password_field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(256)
        field.setAccessibleName(accessible)
        return field

    def submit(self) -> None:
        if self.busy:
            return
        if not self.old.text():
            self._refuse(self.tr("Enter your current password."), self.old)
            return
        if not self.new.text():
            self._refuse(self.tr("Enter a new password."), self.new)
            return
        self.message.clear_message()
        self.status.setText(self.tr("Changing the password…"))
        call = partial(
            session.change_password,
            self.runtime,
            self.context,
            self.old.text(),
            self.new.text(),
            self.repeat.text(),
        )
        (
            BackgroundOp(self, lambda _task: call())
            .busy(self.busy)
            .on_success(self._succeeded)
            .on_failure(self._failed)
            .start()
        )

    def _succeeded(self, _result: None) -> None:
        self.status.clear()
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        mid = message_id(error)
        text = error_text(error, self.settings)
        if mid == "login.locked":
            self.message.show_error(text)
            self.locked_out.emit(text)
            return
        if mid == "password.wrong":
            focus = self.old
        elif mid == "password.mismatch":
            focus = self.repeat
        else:
            focus = self.new
        self._refuse(text, focus)

    def _refuse(self, text: str, focus: QLineEdit) -> None:
        self.message.show_error(text)
        focus.setFocus()
        focus.selectAll()

    def reject(self) -> None:
        super().reject()
        if self.mandatory:
            self.sign_out_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.mandatory:
            event.accept()  # signing out takes the button, not a stray Escape
            return
        super().keyPressEvent(event)
