"""Dial the customer from the callback and notification desks (R2.16, R3.7, R5.2).

Shown only when the seat's line really dials out (the softphone): with the call
simulator the agent dials by hand as before, and the desks work the same either way.
The bar dials the number of the item taken, follows that one call's events from the
switchboard (answered, hung up, lost) and hangs it up; the result buttons of the desk
stay the record of how the call went.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CommandFailed,
    Telephony,
)
from ui.core.text import error_text

IDLE, DIALLING, CONNECTED = "idle", "dialling", "connected"


class DialBar(QWidget):
    """``Dial (Ctrl+D)`` · ``Hang up`` · what the call is doing.

    Signals:
        state_changed(str): ``idle`` / ``dialling`` / ``connected``.
    """

    state_changed = Signal(str)

    def __init__(
        self, telephony: Telephony | None, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialBar")
        self.telephony = telephony
        self.settings = settings
        self.number: str | None = None
        self.ref: str | None = None
        self.state = IDLE
        self.dial_button = QPushButton(self.tr("&Dial (Ctrl+D)"), self)
        self.dial_button.setObjectName("dialButton")
        self.dial_button.clicked.connect(self.dial)
        self.hang_up_button = QPushButton(self.tr("Hang up"), self)
        self.hang_up_button.setObjectName("dialHangUp")
        self.hang_up_button.clicked.connect(self.hang_up)
        self.status = QLabel(self)
        self.status.setObjectName("dialStatus")
        self.status.setAccessibleName(self.tr("Outbound call"))
        self.status.setWordWrap(True)
        self.dial_key = QShortcut(QKeySequence("Ctrl+D"), self)
        self.dial_key.activated.connect(self.dial)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.dial_button)
        row.addWidget(self.hang_up_button)
        row.addWidget(self.status, 1)
        self.setVisible(telephony is not None and telephony.dials_out)
        self._enable()

    @property
    def enabled(self) -> bool:
        return self.telephony is not None and self.telephony.dials_out

    def set_number(self, number: str | None) -> None:
        """The customer to call now (None: nobody taken). A call still up to the
        previous customer is hung up: the desk has moved on."""
        if self.ref is not None and number != self.number:
            self.hang_up()
        self.number = number or None
        if self.ref is None:
            self.status.clear()
        self._enable()

    def dial(self) -> None:
        if not self.enabled or self.number is None or self.ref is not None:
            return
        assert self.telephony is not None
        try:
            self.ref = self.telephony.dial(self.number)
        except UserFacingError as e:
            self.status.setText(error_text(e, self.settings))
            return
        self._set_state(DIALLING, self.tr("Calling %1…").replace("%1", self.number))

    def hang_up(self) -> None:
        if self.ref is None or self.telephony is None:
            return
        self.telephony.hang_up(self.ref)
        self.ref = None
        self._set_state(IDLE, self.tr("You hung up."))

    # --- the switchboard's events (any call's: only ours count) -----------------------------

    def on_connected(self, event: CallConnected) -> None:
        if event.ref == self.ref:
            self._set_state(CONNECTED, self.tr("Connected: say the opening."))

    def on_far_end_hung_up(self, event: CallerHungUp) -> None:
        if event.ref != self.ref:
            return
        self.ref = None
        answered = self.state == CONNECTED
        text = (
            self.tr("The customer hung up.")
            if answered
            else self.tr("No answer (%1). Record the result.").replace(
                "%1", event.reason or self.tr("the call ended")
            )
        )
        self._set_state(IDLE, text)

    def on_dropped(self, event: CallDropped) -> None:
        if event.ref != self.ref:
            return
        self.ref = None
        self._set_state(IDLE, self.tr("The softphone lost the call. Dial again."))

    def on_command_failed(self, event: CommandFailed, text: str) -> None:
        if event.ref == self.ref:
            self.status.setText(text)

    def _set_state(self, state: str, text: str) -> None:
        self.state = state
        self.status.setText(text)
        self._enable()
        self.state_changed.emit(state)

    def _enable(self) -> None:
        self.dial_button.setEnabled(self.enabled and self.number is not None and self.ref is None)
        self.hang_up_button.setEnabled(self.ref is not None)
