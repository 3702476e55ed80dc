"""Turns the telephony boundary's events into Qt signals for the call screen.

The ``Telephony`` line (console/telephony/telephony.py) is polled on the worker pool, so a slow
database or softphone never freezes the window; what it returns arrives on the GUI
thread as one signal per kind of event. The switchboard knows nothing about calls beyond
that: the console's call state machine decides what a ring or a hang-up means (an
unknown ref is for it to ignore), and the desks that dial decide what their own calls'
events mean.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from console.core.errors import UserFacingError
from console.core.messages import describe
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CommandFailed,
    IncomingCall,
    LineDown,
    LineUp,
    Telephony,
    TelephonyEvent,
)
from ui.core.worker import run_op

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 300


class Switchboard(QObject):
    """Polls ``telephony`` every ``interval_ms`` while started; never two polls at once.

    Signals:
        incoming(IncomingCall): a call rings at this seat.
        caller_hung_up(CallerHungUp): the caller put the phone down.
        trouble(str): a poll failed (the database is unreachable, say); polling goes on.
            Said once per outage, in ``language``, not every 300 ms.
        recovered(): a poll succeeded again after ``trouble``.
        connected(CallConnected): the far end answered (a dialled call).
        dropped(CallDropped): the line lost a call; nobody hung up.
        command_failed(CommandFailed, str): the line refused a command; the reason
            in ``language``.
        line_down(str): the line cannot carry calls (softphone not running, control
            port closed…), with the reason in ``language``; said once per outage.
        line_up(): the line works again.
    """

    incoming = Signal(object)
    caller_hung_up = Signal(object)
    trouble = Signal(str)
    recovered = Signal()
    connected = Signal(object)
    dropped = Signal(object)
    command_failed = Signal(object, str)
    line_down = Signal(str)
    line_up = Signal()

    def __init__(
        self,
        telephony: Telephony,
        parent: QObject | None = None,
        *,
        interval_ms: int = POLL_INTERVAL_MS,
        language: str = "zh_CN",
        timezone: str = "Asia/Shanghai",
    ) -> None:
        super().__init__(parent)
        self._telephony = telephony
        self._language = language
        self._timezone = timezone
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._polling = False
        self._in_trouble = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start polling now and every interval after."""
        if not self._timer.isActive():
            self._timer.start()
            self._on_tick()

    def stop(self) -> None:
        """Stop polling. A poll already running still delivers what it took: those
        signals are marked delivered in the database and would otherwise be lost."""
        self._timer.stop()

    def _on_tick(self) -> None:
        if self._polling:
            return  # the last poll is still out (slow database): never pile them up
        self._polling = True
        run_op(self, self._telephony.poll, self._on_polled, self._on_poll_failed)

    def _on_polled(self, events: list[TelephonyEvent]) -> None:
        self._polling = False
        if self._in_trouble:
            self._in_trouble = False
            self.recovered.emit()
        for event in events:
            if isinstance(event, IncomingCall):
                self.incoming.emit(event)
            elif isinstance(event, CallerHungUp):
                self.caller_hung_up.emit(event)
            elif isinstance(event, CallConnected):
                self.connected.emit(event)
            elif isinstance(event, CallDropped):
                self.dropped.emit(event)
            elif isinstance(event, CommandFailed):
                self.command_failed.emit(event, self._describe(event.message_id, event.params))
            elif isinstance(event, LineDown):
                self.line_down.emit(self._describe(event.message_id, event.params))
            elif isinstance(event, LineUp):
                self.line_up.emit()

    def _describe(self, message_id: str, params: dict[str, str]) -> str:
        return describe(UserFacingError(message_id, **params), self._language, self._timezone)

    def _on_poll_failed(self, error: BaseException) -> None:
        self._polling = False
        if self._in_trouble:
            return
        self._in_trouble = True
        if isinstance(error, UserFacingError):
            text = describe(error, self._language, self._timezone)
        else:
            log.error("polling the telephone line failed", exc_info=error)
            text = f"{type(error).__name__}: {error}"
        self.trouble.emit(text)
