"""Turns the telephony boundary's events into Qt signals for the call screen.

The ``Telephony`` line (console/telephony.py) is polled on the worker pool, so a slow
database never freezes the window; what it returns arrives on the GUI thread as
``incoming`` and ``caller_hung_up``. The switchboard knows nothing about calls beyond
that: the console's call state machine decides what a ring or a hang-up means (an
unknown ref is for it to ignore).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from console.errors import UserFacingError
from console.messages import describe
from console.telephony import CallerHungUp, IncomingCall, Telephony, TelephonyEvent
from ui.worker import run_op

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
    """

    incoming = Signal(object)
    caller_hung_up = Signal(object)
    trouble = Signal(str)
    recovered = Signal()

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
