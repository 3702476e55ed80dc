"""Run slow work (argon2, the database) off the GUI thread, in the spirit of Anki's QueryOp.

    run_op(parent, lambda: rt.login(job_no, password, seat),
           on_success=self._signed_in, on_failure=self._refused)

The callable runs on a worker thread of one shared pool and must never touch widgets.
Its result or exception is delivered on the GUI thread through a queued signal. If
``parent`` has been destroyed meanwhile, nothing is delivered. ``wait_all`` lets tests
and shutdown wait until no work is left running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)
T = TypeVar("T")

_pool: QThreadPool | None = None
_in_flight: set[Op] = set()


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("agent-console-ops")
        _pool.setMaxThreadCount(4)
        _pool.setExpiryTimeout(10_000)
    return _pool


def busy() -> bool:
    """Whether any op is running or has a result not yet delivered."""
    return bool(_in_flight)


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every running op has finished (their results are then delivered by the
    event loop). True when the pool is idle."""
    return _pool is None or _pool.waitForDone(timeout_ms)


class Op(QObject):
    """One background call. Lives on the GUI thread; its runnable runs on the pool."""

    _finished = Signal(bool, object)

    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()  # no Qt parent: its lifetime is _in_flight's, not the widget's
        self._owner = parent
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> Op:
        _in_flight.add(self)
        pool().start(_Runnable(self))
        return self

    def _run(self) -> None:  # worker thread
        try:
            result = self._fn()
        except BaseException as e:  # delivered to on_failure, never lost
            self._finished.emit(False, e)
        else:
            self._finished.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: Any) -> None:  # GUI thread
        _in_flight.discard(self)
        if self._owner is not None and not isValid(self._owner):
            return
        try:
            if ok:
                if self._on_success is not None:
                    self._on_success(value)
            elif self._on_failure is not None:
                self._on_failure(value)
            else:
                log.error("background op failed", exc_info=value)
        except Exception:
            # A bug in a handler must not take the console down mid-shift.
            log.exception("handler of a background op failed")


class _Runnable(QRunnable):
    def __init__(self, op: Op) -> None:
        super().__init__()
        self._op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        self._op._run()


def run_op(
    parent: QObject | None,
    fn: Callable[[], T],
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> Op:
    """Run ``fn`` on a worker thread; call back on the GUI thread unless ``parent`` died."""
    return Op(parent, fn, on_success, on_failure).start()
