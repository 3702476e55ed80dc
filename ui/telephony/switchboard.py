"""Turns the telephony boundary's events into Qt signals for the call screen.

A reader thread waits on the ``Telephony`` line (console/telephony/telephony.py,
``wait_events``) and posts what it returns to the GUI thread, where it is said as one
signal per kind of event. The line wakes the reader the moment an event exists (the
softphone's control socket, a PostgreSQL notification), so a ring reaches the call
screen without a poll interval; a slow database or softphone never freezes the window.
The switchboard knows nothing about calls beyond that: the console's call state machine
decides what a ring or a hang-up means (an unknown ref is for it to ignore), and the
desks that dial decide what their own calls' events mean.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from console.core.errors import UserFacingError
from console.core.messages import describe
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CallTransferred,
    CommandFailed,
    IncomingCall,
    LineDown,
    LineUp,
    Telephony,
    TelephonyEvent,
)

log = logging.getLogger(__name__)

# How long one wait on the line lasts: the reader sees ``stop`` within this.
WAIT_S = 0.5
# After a failed wait (the database is unreachable), the next try comes this much later.
RETRY_S = 0.5


class _Relay(QObject):
    """Carries what one reader thread read to the GUI thread (a queued connection: the
    relay's receivers live there).

    The reader may run on after its switchboard is gone, so the relay must outlive both,
    yet a QObject may only be deleted on its own (the GUI) thread: deleted on the reader's
    thread when it drops the last reference, it crashed the console whenever the GUI
    thread was dispatching to it at that moment. So the application owns the relay (a
    Python reference dropped anywhere never deletes it) and the reader's last word,
    ``finished``, has the GUI thread delete it once everything it posted is delivered."""

    arrived = Signal(object)  # list[TelephonyEvent]; [] after a failure: recovered
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.finished.connect(self.deleteLater)


def _read(telephony: Telephony, relay: _Relay, stopping: threading.Event) -> None:
    """The reader thread: wait on the line until stopped. What a wait took is posted
    even after ``stop``: the line has handed it over and would not say it again."""
    failing = False
    try:
        while not stopping.is_set():
            try:
                events = telephony.wait_events(WAIT_S)
            except Exception as e:
                if not failing:
                    failing = True
                    relay.failed.emit(e)
                stopping.wait(RETRY_S)
                continue
            if events or failing:
                failing = False
                relay.arrived.emit(events)
    finally:
        relay.finished.emit()


class Switchboard(QObject):
    """Reads ``telephony``'s events on a reader thread while started.

    Signals:
        incoming(IncomingCall): a call rings at this seat.
        caller_hung_up(CallerHungUp): the caller put the phone down.
        trouble(str): waiting on the line failed (the database is unreachable, say);
            the reader tries again. Said once per outage, in ``language``.
        recovered(): a wait succeeded again after ``trouble``.
        connected(CallConnected): the far end answered (a dialled call).
        transferred(CallTransferred): the line carried out a transfer; the caller
            has left this seat.
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
    transferred = Signal(object)
    dropped = Signal(object)
    command_failed = Signal(object, str)
    line_down = Signal(str)
    line_up = Signal()

    def __init__(
        self,
        telephony: Telephony,
        parent: QObject | None = None,
        *,
        language: str = "zh_CN",
        timezone: str = "Asia/Shanghai",
    ) -> None:
        super().__init__(parent)
        self._telephony = telephony
        self._language = language
        self._timezone = timezone
        self._reader: threading.Thread | None = None
        self._stopping = threading.Event()
        self._in_trouble = False

    @property
    def running(self) -> bool:
        """The reader thread is alive (after ``stop`` until its last wait returns)."""
        return self._reader is not None and self._reader.is_alive()

    @property
    def listening(self) -> bool:
        """Started and not stopped."""
        return self.running and not self._stopping.is_set()

    def start(self) -> None:
        """Start reading the line's events as they come."""
        if self.listening:
            return
        self._stopping = threading.Event()
        relay = _Relay()
        relay.arrived.connect(self._on_events)
        relay.failed.connect(self._on_failed)
        self._reader = threading.Thread(
            target=_read,
            args=(self._telephony, relay, self._stopping),
            name="switchboard",
            daemon=True,
        )
        self._reader.start()

    def stop(self) -> None:
        """Stop reading; does not wait. A wait already running still delivers what it
        took: those signals are marked delivered and would otherwise be lost."""
        self._stopping.set()

    def _on_events(self, events: list[TelephonyEvent]) -> None:
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
            elif isinstance(event, CallTransferred):
                self.transferred.emit(event)
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

    def _on_failed(self, error: BaseException) -> None:
        if self._in_trouble:
            return
        self._in_trouble = True
        if isinstance(error, UserFacingError):
            text = describe(error, self._language, self._timezone)
        else:
            log.error("waiting on the telephone line failed", exc_info=error)
            text = f"{type(error).__name__}: {error}"
        self.trouble.emit(text)
