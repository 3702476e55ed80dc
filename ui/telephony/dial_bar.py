"""Dial the customer from the callback and notification desks (R2.16, R3.7, R5.2), and keep
the dialled call as a call record (outbound calls are calls, R10.2).

The bar dials the number of the item taken through the seat's line — the softphone, or
the call simulator, which pretends the customer answers — and follows that one call's
events from the switchboard (answered, hung up, lost). Each call is an
:class:`~console.calls.outbound.OutboundCall`: recorded at the dial, its script lines
logged as the agent says them (the desk's script list), scored at the end like an
inbound call. Recording the result on the desk never hangs up (GS 15.6.4: the agent hangs
up after the customer); the agent's own Hang up is there for a customer who lingers.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from console.calls import call_desk
from console.calls.call_desk import company_policy
from console.calls.call_flow import CallFlowError, CallPolicy
from console.calls.calls import CallRecord
from console.calls.outbound import OutboundCall, Purpose
from console.core.clock import Clock, SystemClock
from console.core.errors import UserFacingError
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import EndedBy, Intent
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CommandFailed,
    Telephony,
)
from ui.core.text import error_text
from ui.core.worker import service_op

log = logging.getLogger(__name__)

IDLE, DIALLING, CONNECTED = "idle", "dialling", "connected"
LINE_ID = Qt.ItemDataRole.UserRole  # a script line's phrase id, on the desks' script lists
LINE_BY_SURNAME = Qt.ItemDataRole.UserRole + 1
SAID_MARK = "✓ "


def call_policy() -> CallPolicy:
    """Rings counted as the company's data says (ring cadence, rings to answer within)."""
    return company_policy()


def add_line(script: QListWidget, line_id: str, text: str, by_surname: bool) -> None:
    """A line of an outbound script on a desk's list: Enter (or a double click) on it
    logs it as said on the call."""
    item = QListWidgetItem(text)
    item.setData(LINE_ID, line_id)
    item.setData(LINE_BY_SURNAME, by_surname)
    script.addItem(item)


def mark_said(script: QListWidget, line_id: str) -> None:
    """Tick the line the call logged, and move the highlight to the next one."""
    for row in range(script.count()):
        item = script.item(row)
        if item.data(LINE_ID) == line_id:
            if not item.text().startswith(SAID_MARK):
                item.setText(SAID_MARK + item.text())
            if row + 1 < script.count():
                script.setCurrentRow(row + 1)
            return


class DialBar(QWidget):
    """``Dial (Ctrl+D)`` · ``Hang up`` · what the call is doing.

    Signals:
        state_changed(str): ``idle`` / ``dialling`` / ``connected``.
        call_saved(str): the call record was saved (its id); after the last save of a
            finished call too.
        said(str): a script line was logged as said on the call (its phrase id).
    """

    state_changed = Signal(str)
    call_saved = Signal(str)
    said = Signal(str)

    def __init__(
        self,
        telephony: Telephony | None,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        run: Runner | None = None,
        clock: Clock | None = None,
        policy: CallPolicy | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialBar")
        self.telephony = telephony
        self.settings = settings
        self.run = run
        self.clock = clock or SystemClock()
        self.policy = policy
        self.number: str | None = None
        self.purpose: Purpose | None = None
        self.call: OutboundCall | None = None
        self.state = IDLE
        self._saving = False
        # Ctrl+D dials: every letter of "Dial" is another key's on the pages it is on.
        self.dial_button = QPushButton(self.tr("Dial (Ctrl+D)"), self)
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
        self.setVisible(telephony is not None)
        self._enable()

    @property
    def enabled(self) -> bool:
        return self.telephony is not None

    @property
    def ref(self) -> str | None:
        """The line's ref of the call in progress (None when none is up)."""
        c = self.call
        return c.ref if c is not None and not c.active.state.ended else None

    def set_number(self, number: str | None, purpose: Purpose | None = None) -> None:
        """The customer to call now and what for (None: nobody taken). A call still up
        to the previous customer is not hung up: the desk moved on after recording the
        result, the customer has not put the phone down yet (GS 15.6.4)."""
        self.number = number or None
        self.purpose = purpose if number else None
        if self.ref is None:
            self.status.clear()
        self._enable()

    def dial(self) -> None:
        if not self.enabled or self.number is None or self.ref is not None:
            return
        assert self.telephony is not None
        try:
            ref = self.telephony.dial(self.number)
        except UserFacingError as e:
            self.status.setText(error_text(e, self.settings))
            return
        purpose = self.purpose or Purpose(intent=Intent.CALLBACK)
        self.call = OutboundCall.dial(
            ref, self.number, purpose, clock=self.clock, policy=self.policy
        )
        self._set_state(DIALLING, self.tr("Calling %1…").replace("%1", self.number))
        self.save()

    def hang_up(self) -> None:
        """The agent ends the call (after asking a lingering customer twice, TN ④)."""
        ref = self.ref
        if ref is None or self.telephony is None or self.call is None:
            return
        self.telephony.hang_up(ref)
        self._end(EndedBy.AGENT)
        self._set_state(IDLE, self.tr("You hung up."))

    def say(self, phrase_id: str, by_surname: bool = False) -> bool:
        """The agent said a script line on the call: logged (and scored)."""
        c = self.call
        if c is None or not c.say(phrase_id, by_surname=by_surname):
            return False
        self.said.emit(phrase_id)
        self.save()
        return True

    def result_recorded(self) -> None:
        """The desk saved the result: the call's wrap-up closes once the line is down."""
        c = self.call
        if c is None or c.result_recorded:
            return
        c.record_result()
        self.save()

    # --- the switchboard's events (any call's: only ours count) -----------------------------

    def on_connected(self, event: CallConnected) -> None:
        if self.call is None or event.ref != self.ref:
            return
        try:
            self.call.answered(event.at)
        except CallFlowError as e:
            log.warning("outbound call %s: %s", event.ref, e)
        self._set_state(CONNECTED, self.tr("Connected: say the opening."))
        self.save()

    def on_far_end_hung_up(self, event: CallerHungUp) -> None:
        if self.call is None or event.ref != self.ref:
            return
        answered = self.state == CONNECTED
        self._end(EndedBy.CALLER, event)
        text = (
            self.tr("The customer hung up.")
            if answered
            else self.tr("No answer (%1). Record the result.").replace(
                "%1", event.reason or self.tr("the call ended")
            )
        )
        self._set_state(IDLE, text)

    def on_dropped(self, event: CallDropped) -> None:
        if self.call is None or event.ref != self.ref:
            return
        self._end(EndedBy.SYSTEM, event)
        self._set_state(IDLE, self.tr("The softphone lost the call. Dial again."))

    def on_command_failed(self, event: CommandFailed, text: str) -> None:
        if event.ref == self.ref:
            self.status.setText(text)

    # --- the record ---------------------------------------------------------------------------

    def _end(self, by: EndedBy, event: CallerHungUp | CallDropped | None = None) -> None:
        c = self.call
        if c is None:
            return
        try:
            c.hung_up(by, event.at if event is not None else None)
        except CallFlowError as e:  # an event out of order: the call is as it was
            log.warning("outbound call %s: %s", c.ref, e)
        self.save()

    def save(self) -> None:
        """Write what the database has not seen of the call (one save at a time; the
        next one follows when it returns)."""
        c = self.call
        if c is None or self.run is None or self._saving or not c.active.dirty:
            return
        snap = c.active.snapshot()
        self._saving = True
        (
            service_op(self, self.run, call_desk.sync, snap)
            .on_success(lambda record: self._saved(c, snap, record))
            .on_failure(self._save_failed)
            .start()
        )

    def _saved(self, c: OutboundCall, snap: call_desk.CallSnapshot, record: CallRecord) -> None:
        self._saving = False
        c.active.synced(snap, record)
        self.call_saved.emit(record.id)
        if c.active.dirty:
            self.save()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.status.setText(error_text(error, self.settings))

    @property
    def settled(self) -> bool:
        """Everything of the call is in the database (or there is no call)."""
        c = self.call
        return c is None or (not c.active.dirty and not self._saving)

    def _set_state(self, state: str, text: str) -> None:
        self.state = state
        self.status.setText(text)
        self._enable()
        self.state_changed.emit(state)

    def _enable(self) -> None:
        self.dial_button.setEnabled(self.enabled and self.number is not None and self.ref is None)
        self.hang_up_button.setEnabled(self.ref is not None)
