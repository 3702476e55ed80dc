"""Run slow work (argon2, the database, PDF builds) off the GUI thread, in the spirit of
Anki's ``QueryOp`` / ``CollectionOp``::

    service_op(self, self.run, cases.dispatch, case_id, department, version, note)
        .busy(self.busy).changes(Topic.CASES)
        .on_success(self._done).on_failure(self._fail)
        .start()

The work runs on a worker thread of one shared pool and never touches a widget: it
gets only what it was given and a :class:`Task` (its cancellation token and progress
line). Its result or exception comes back on the GUI thread by a queued signal; if the
owner has been destroyed meanwhile, nothing is delivered to it. Around that, the op
handles once what every screen needs:

- ``busy``: one op at a time per :class:`Busy` (a second is not started) and the
  controls that start them disabled while it runs;
- ``on_progress``: what the work reports with ``task.progress(n)``, on the GUI thread;
- cancellation: ``start()`` returns the :class:`Task`; its ``cancel()`` is seen by the
  work between steps (``task.check()`` raises :class:`Cancelled`);
- ``one_at_a_time``: a resource of the whole process (``PDF_JOB``: reportlab is not
  thread-safe) — a second op that needs it is refused with :class:`InUse`;
- ``changes``: the topics a successful write is announced under (``ui.core.changes``);
- ``lane``: the heartbeat runs on a thread of its own, so four ops stuck on an
  unanswering database (each given up only after its bound) cannot hold it back.

``run_op`` is the short form for a plain call; ``wait_all`` lets tests and shutdown
wait until no work is left running.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from console.core.runner import Runner
from ui.core.changes import Topic, changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from console.core.identity import AgentContext

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

_pools: dict[str, QThreadPool] = {}
_in_flight: set[_Delivery] = set()

OPS = "ops"  # the shared lane: four worker threads for every screen's ops
HEARTBEAT = "heartbeat"  # one thread of its own: never queued behind ops that hang


def pool(lane: str = OPS) -> QThreadPool:
    """The worker threads of ``lane``."""
    if lane not in _pools:
        threads = QThreadPool()
        threads.setObjectName(f"agent-console-{lane}")
        threads.setMaxThreadCount(4 if lane == OPS else 1)
        threads.setExpiryTimeout(10_000)
        _pools[lane] = threads
    return _pools[lane]


def busy() -> bool:
    """Whether any op is running or has a result not yet delivered."""
    return bool(_in_flight)


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every running op has finished (their results are then delivered by the
    event loop). True when every lane is idle."""
    return all([threads.waitForDone(timeout_ms) for threads in list(_pools.values())])


class Cancelled(Exception):
    """The op was cancelled; raised by ``Task.check`` between two steps."""


class InUse(Exception):
    """The op needs a resource another op of this console holds (``one_at_a_time``)."""

    def __init__(self, resource: OneAtATime) -> None:
        super().__init__(f"{resource.name} in use")
        self.resource = resource


class OneAtATime:
    """A resource only one op of the whole process may use at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.holder: Task | None = None

    @property
    def in_use(self) -> bool:
        return self.holder is not None


# Reportlab is not thread-safe: one PDF job in the whole process. The reports dialog opens
# from four places, non-modal, so a second job is refused with a message rather than
# queued: a queued job would wait, without progress or a Cancel of its own, behind one
# whose progress and Cancel are in another window, and start when nobody expects it.
PDF_JOB = OneAtATime("pdf")


class Task:
    """What the work gets on the worker thread: its cancellation token and its progress
    line. Safe from any thread; it holds no widget."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._report: Callable[[int], None] = lambda _n: None

    def cancel(self) -> None:
        """Ask the work to stop at its next step (GUI thread)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Between two steps: stop here if cancel was asked."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, value: int) -> None:
        """Report how far the work is (pages laid, rows read…); shown on the GUI thread."""
        self._report(value)


class Busy(QObject):
    """One screen's "one thing at a time": while an op with this ``Busy`` runs, another
    is not started and ``controls`` are disabled. Screens that work out which of their
    controls are enabled themselves pass none, read ``not self.busy`` there and redo
    that on ``changed``."""

    changed = Signal(bool)

    def __init__(self, owner: QWidget, *controls: QWidget) -> None:
        super().__init__(owner)
        self._controls = controls
        self._enabled_before: list[bool] = []
        self._running = False

    def __bool__(self) -> bool:
        return self._running

    @property
    def running(self) -> bool:
        return self._running

    def _begin(self) -> None:
        self._running = True
        # The widget's own setting, not what its parent makes of it.
        self._enabled_before = [
            not c.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) for c in self._controls
        ]
        for c in self._controls:
            c.setEnabled(False)
        self.changed.emit(True)

    def _end(self) -> None:
        self._running = False
        for c, enabled in zip(self._controls, self._enabled_before, strict=True):
            if isValid(c):
                c.setEnabled(enabled)
        self.changed.emit(False)


class BackgroundOp(Generic[T]):
    """One piece of work and what is done with its result; ``start()`` runs it."""

    def __init__(self, owner: QObject | None, work: Callable[[Task], T]) -> None:
        self._owner = owner
        self._work = work
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._on_progress: Callable[[int], object] | None = None
        self._busy: Busy | None = None
        self._resource: OneAtATime | None = None
        self._topics: tuple[Topic, ...] = ()
        self._lane = OPS

    def lane(self, lane: str) -> BackgroundOp[T]:
        """Run on ``lane``'s threads instead of the shared ones (``HEARTBEAT``)."""
        self._lane = lane
        return self

    def on_success(self, fn: Callable[[T], object]) -> BackgroundOp[T]:
        self._on_success = fn
        return self

    def on_failure(self, fn: Callable[[BaseException], object]) -> BackgroundOp[T]:
        self._on_failure = fn
        return self

    def on_progress(self, fn: Callable[[int], object]) -> BackgroundOp[T]:
        self._on_progress = fn
        return self

    def busy(self, busy: Busy) -> BackgroundOp[T]:
        self._busy = busy
        return self

    def one_at_a_time(self, resource: OneAtATime) -> BackgroundOp[T]:
        self._resource = resource
        return self

    def changes(self, *topics: Topic) -> BackgroundOp[T]:
        self._topics = topics
        return self

    def start(self) -> Task | None:
        """Run the work on the pool; its task (to cancel), or None when it was not
        started: its ``Busy`` is busy (nothing happens, as for a second click), or its
        resource is in use (``on_failure`` gets :class:`InUse` at once)."""
        if self._busy is not None and self._busy.running:
            return None
        resource = self._resource
        if resource is not None and resource.in_use:
            self._fail_now(InUse(resource))
            return None
        task = Task()
        delivery = _Delivery(self, task)
        if resource is not None:
            resource.holder = task
        if self._busy is not None:
            self._busy._begin()
        _in_flight.add(delivery)
        pool(self._lane).start(_Runnable(delivery))
        return task

    def _fail_now(self, error: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            log.warning("background op not started: %s", error)


class _Delivery(QObject):
    """Carries one op's progress and outcome from the worker to the GUI thread."""

    _finished = Signal(bool, object)
    _progressed = Signal(int)

    def __init__(self, op: BackgroundOp[Any], task: Task) -> None:
        super().__init__()  # no Qt parent: its lifetime is _in_flight's, not the widget's
        self.op = op
        self.task = task
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        task._report = self._progressed.emit

    def run(self) -> None:  # worker thread
        try:
            result = self.op._work(self.task)
        except BaseException as e:  # delivered to on_failure, never lost
            self._finished.emit(False, e)
        else:
            self._finished.emit(True, result)

    def _owner_gone(self) -> bool:
        owner = self.op._owner
        return owner is not None and not isValid(owner)

    @Slot(int)
    def _show_progress(self, value: int) -> None:  # GUI thread
        shown = self.op._on_progress
        if shown is not None and self in _in_flight and not self._owner_gone():
            shown(value)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: Any) -> None:  # GUI thread
        _in_flight.discard(self)
        op = self.op
        if op._resource is not None and op._resource.holder is self.task:
            op._resource.holder = None
        if op._busy is not None and isValid(op._busy):
            op._busy._end()
        if not self._owner_gone():
            self._hand_over(ok, value)
        if ok and op._topics:
            changes().announce(*op._topics)  # the write happened, whoever asked for it

    def _hand_over(self, ok: bool, value: Any) -> None:
        op = self.op
        try:
            if ok:
                if op._on_success is not None:
                    op._on_success(value)
            elif op._on_failure is not None:
                op._on_failure(value)
            else:
                log.error("background op failed", exc_info=value)
        except Exception:
            # A bug in a handler must not take the console down mid-shift.
            log.exception("handler of a background op failed")


class _Runnable(QRunnable):
    def __init__(self, delivery: _Delivery) -> None:
        super().__init__()
        self._delivery = delivery
        self.setAutoDelete(True)

    def run(self) -> None:
        self._delivery.run()


def service_op(
    owner: QObject | None,
    run: Runner,
    fn: Callable[Concatenate[Session, AgentContext, P], T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> BackgroundOp[T]:
    """One service call as the signed-in agent: ``run(fn, *args, **kwargs)`` on the
    worker, typed like ``Runtime.run``. Everything it needs is taken now, on the GUI
    thread."""
    return BackgroundOp(owner, lambda _task: run(fn, *args, **kwargs))


def run_op(
    parent: QObject | None,
    fn: Callable[[], T],
    on_success: Callable[[T], object] | None = None,
    on_failure: Callable[[BaseException], object] | None = None,
) -> Task | None:
    """Run ``fn`` on a worker thread; call back on the GUI thread unless ``parent`` died."""
    op = BackgroundOp(parent, lambda _task: fn())
    if on_success is not None:
        op.on_success(on_success)
    if on_failure is not None:
        op.on_failure(on_failure)
    return op.start()
