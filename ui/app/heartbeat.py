"""The session's heartbeat and the way back from a lost database (R1.4).

Every ``interval_ms`` the lease of the signed-in session is renewed. When the database
cannot be reached — by the heartbeat or by any other op (``take``) — it says so once
(``db_lost``) and tries again with a growing pause until the database answers
(``db_restored``). When the session was ended elsewhere (a takeover, the duty manager)
it says so (``session_lost``) and stops until ``resume``. It never touches a widget: the
window shows what these signals mean.

A beat runs on a thread of its own and on a connection of its own (``Runtime.heartbeat``),
bounded on the client side: it comes back within that bound even when the database does
not answer. Should it still not have come back a moment later, the database is reported
unavailable all the same (``overdue``): a beat still running never hides a lost database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from console.core.errors import DatabaseUnavailable
from console.core.identity import AgentContext
from console.people.auth import SESSION_ENDED
from ui.core import session
from ui.core.text import message_id
from ui.core.worker import HEARTBEAT, BackgroundOp

if TYPE_CHECKING:
    from console.app.runtime import Runtime

log = logging.getLogger(__name__)

# Back-off between heartbeats while the database is unreachable: never longer than 5 s, so
# the seat is back within 5 s of the database (a longer wait could let the lease lapse
# while the server is already up). A try is one cheap statement; a hundred seats retrying
# every 5 s cost the server nothing.
RETRY_DELAYS_MS = (1_000, 2_000, 4_000, 5_000)
# A beat not back this long after its own bound is overdue (the answer crossing threads
# takes milliseconds; a second is generous).
OVERDUE_MARGIN_MS = 1_000


class Heartbeat(QObject):
    finished = Signal(bool)  # one heartbeat answered: ok?
    db_lost = Signal(object)  # the error, at every failed attempt while it lasts
    db_restored = Signal()
    session_lost = Signal(object)  # the error (session.not_active)

    def __init__(
        self,
        runtime: Runtime,
        ctx: Callable[[], AgentContext],
        interval_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.ctx = ctx  # the agent signed in now: a new context after signing in again
        self.interval_ms = interval_ms
        self.retry_delays_ms: tuple[int, ...] = RETRY_DELAYS_MS
        self.db_ok = True
        self.active = False  # beating: started, and the session not lost
        self._failures = 0
        self._running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.beat_now)
        self.overdue = QTimer(self)
        self.overdue.setSingleShot(True)
        self.overdue.setInterval(int(runtime.heartbeat_bound * 1000) + OVERDUE_MARGIN_MS)
        self.overdue.timeout.connect(self._overdue)

    def start(self) -> None:
        """Beat from now on, the first time after the interval."""
        self.active = True
        self._schedule(self.interval_ms)

    def stop(self) -> None:
        self.active = False
        self.timer.stop()
        self.overdue.stop()

    def resume(self) -> None:
        """The agent signed in again: a new session to keep alive."""
        self._failures = 0
        self.start()

    def retry_now(self) -> None:
        """The user asked to try the database again: from the first pause."""
        self._failures = 0
        self.beat_now()

    def beat_now(self) -> None:
        """Renew the lease now (the timer calls this). While a beat is running its answer
        schedules the next one; ``overdue`` reports it if that answer is late."""
        if self._running or not self.active:
            return
        self.timer.stop()
        self._running = True
        rt, ctx = self.runtime, self.ctx()
        (
            BackgroundOp(self, lambda _task: session.heartbeat(rt, ctx))
            .lane(HEARTBEAT)
            .on_success(lambda _lease: self._answered())
            .on_failure(self._failed)
            .start()
        )
        self.overdue.start()

    def take(self, error: BaseException) -> bool:
        """An op found the database gone or the session ended: handled here as if the
        heartbeat had found it. False for any other error (the caller shows it)."""
        if message_id(error) == "session.not_active" and self.active:
            self._find_why(error)
        elif message_id(error) in SESSION_ENDED:
            self._session_lost(error)
        elif isinstance(error, DatabaseUnavailable):
            self._connection_lost(error)
        else:
            return False
        return True

    def _answered(self) -> None:
        self._running = False
        self.overdue.stop()
        self._failures = 0
        self._reachable()
        self._schedule(self.interval_ms)
        self.finished.emit(True)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.overdue.stop()
        if not self.take(error):  # a busy database, a bug: try again at the usual pace
            log.warning("heartbeat failed: %s", error)
            self._schedule(self.interval_ms)
        self.finished.emit(False)

    def _overdue(self) -> None:
        """The running beat has not come back in time: the database is unavailable as
        far as this seat can tell (its answer, when it comes, schedules the next)."""
        if self._running and self.active:
            seconds = self.overdue.interval() / 1000
            self._connection_lost(DatabaseUnavailable(f"no heartbeat answer in {seconds:g} s"))

    def _connection_lost(self, error: BaseException) -> None:
        self._failures += 1
        delays = self.retry_delays_ms
        if self.db_ok:
            log.warning("database connection lost: %s", error)
        self.db_ok = False
        self.db_lost.emit(error)
        self._schedule(delays[min(self._failures, len(delays)) - 1])

    def _find_why(self, error: BaseException) -> None:
        """Another op found the session gone: ask the database what ended it, then say
        so (the plain message if it cannot tell)."""
        self.stop()
        rt, ctx = self.runtime, self.ctx()
        (
            BackgroundOp(self, lambda _task: session.why_ended(rt, ctx))
            .on_success(self._session_lost)
            .on_failure(lambda _e: self._session_lost(error))
            .start()
        )

    def _session_lost(self, error: BaseException) -> None:
        self.stop()
        self._reachable()  # the database answered, with that
        self.session_lost.emit(error)

    def _reachable(self) -> None:
        if not self.db_ok:
            self.db_ok = True
            self.db_restored.emit()

    def _schedule(self, ms: int) -> None:
        if self.active:
            self.timer.start(max(0, ms))
