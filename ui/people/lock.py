"""The lock screen (R1.5): an opaque panel over the whole main window. The window's
own widgets stay exactly as they were underneath; only the agent's password (checked
off the GUI thread, failures counting towards the lockout) takes the panel away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.settings import Settings
from ui.core.text import error_text, message_id
from ui.core.widgets import MessageLabel, StatusLabel
from ui.core.worker import BackgroundOp, Busy


class LockOverlay(QWidget):
    unlocked = Signal(object)  # what the check returned (a new session after a re-login)
    locked_out = Signal(str)  # the job number got locked: the message
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.settings = settings
        self._check: Callable[[str], Callable[[], Any]] | None = None
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Console locked"))

        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setFixedWidth(460)
        title = QLabel(self.tr("Console locked"), card)
        title.setObjectName("title")
        self.who = QLabel(card)
        self.who.setObjectName("subtitle")
        self.who.setWordWrap(True)
        self.password = QLineEdit(card)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setAccessibleName(self.tr("Password"))
        self.password.returnPressed.connect(self.submit)
        self.message = MessageLabel(card)
        self.status = StatusLabel(card)
        self.unlock_button = QPushButton(self.tr("Unlock"), card)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.sign_out_button = QPushButton(self.tr("Sign out"), card)
        self.sign_out_button.setObjectName("lockSignOutButton")
        self.sign_out_button.setAutoDefault(False)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.busy = Busy(self, self.password, self.unlock_button)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(30, 26, 30, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(self.who)
        inner.addWidget(self.password)
        inner.addWidget(self.message)
        inner.addWidget(self.status)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setTabOrder(self.password, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.sign_out_button)
        parent.installEventFilter(self)
        self.hide()

    def lock(self, who: str, check: Callable[[str], Callable[[], Any]], note: str = "") -> None:
        """Cover the window. ``check(password)`` gives the call that verifies it: that
        runs on a worker thread and raises a ``UserFacingError`` to refuse."""
        self._check = check
        self.who.setText(who)
        self.password.clear()
        self.message.clear_message()
        if note:
            self.message.show_info(note)
        self.status.clear()
        self._fit()
        self.show()
        self.raise_()
        self.password.setFocus()

    def set_note(self, text: str) -> None:
        """A line over the password (the session ended, a call rings); "" clears it."""
        if text:
            self.message.show_info(text)
        else:
            self.message.clear_message()

    def submit(self) -> None:
        if self.busy or self._check is None:
            return
        password = self.password.text()
        if not password:
            self.message.show_error(self.tr("Enter your password."))
            self.password.setFocus()
            return
        self.message.clear_message()
        self.status.setText(self.tr("Checking…"))
        check = self._check(password)
        (
            BackgroundOp(self, lambda _task: check())
            .busy(self.busy)
            .on_success(self._succeeded)
            .on_failure(self._failed)
            .start()
        )

    def _succeeded(self, result: object) -> None:
        self.status.clear()
        self.password.clear()
        self.hide()
        self.unlocked.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        self.password.clear()
        text = error_text(error, self.settings)
        self.message.show_error(text)
        self.password.setFocus()
        if message_id(error) == "login.locked":
            self.locked_out.emit(text)

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False
