"""Scripts, lists and policies saved by an administrator, on any seat, reach this console
without a restart: every ``interval_ms`` (15 s) the content versions saved since the last
look are taken in (``Runtime.refresh_content``); a save made on this console is taken in
at once (``Topic.CONTENT``). A version that does not validate is never taken in: the seat
keeps the good one (R2.11)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.content import content_versions
from ui.core.changes import changes
from ui.core.worker import BackgroundOp

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from console.content.content import Kind

log = logging.getLogger(__name__)

CONTENT_POLL_MS = content_versions.SEATS_TAKE_IN_SECONDS * 1000


class ContentPoller(QObject):
    taken = Signal(list)  # the Kinds taken in (empty when nothing was new)

    def __init__(
        self,
        runtime: Runtime,
        ready: Callable[[], bool],
        parent: QObject | None = None,
        interval_ms: int = CONTENT_POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.ready = ready  # whether to look now (signed in, the database reachable)
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll_now)
        changes().content.connect(self.poll_now)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll_now(self) -> None:
        """Take in what was saved since the last look."""
        if self._running or not self.ready():
            return
        self._running = True
        rt = self.runtime
        (
            BackgroundOp(self, lambda _task: rt.refresh_content())
            .on_success(self._taken)
            .on_failure(self._failed)
            .start()
        )

    def _taken(self, kinds: list[Kind[Any]]) -> None:
        self._running = False
        self.taken.emit(kinds)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.warning("content refresh failed: %s", error)
