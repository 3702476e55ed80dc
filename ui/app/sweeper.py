"""Every running console sweeps the deadlines each minute (R3.3, R5.3): SLA warnings and
escalations to the duty manager, and the advance-notice deadlines of planned outages. So
no escalation waits for the owner's PC to be on; the sweep is idempotent and safe with
many consoles at once. What it warned, escalated or recomputed is announced
(``Topic.CASES``) so the case lists show it. The first sweep of each day also draws the
day's random callbacks of inquiries answered at once (GS 15.3.6); running it again adds
nothing, so many consoles drawing it is harmless."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from console.core.identity import AgentContext
from ui.core import session
from ui.core.changes import Topic, changes
from ui.core.worker import BackgroundOp

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from console.cases.sla_sweep import SweepResult

log = logging.getLogger(__name__)

SWEEP_MS = 60_000


class Sweeper(QObject):
    swept = Signal(object)  # the SweepResult

    def __init__(
        self,
        runtime: Runtime,
        ctx: Callable[[], AgentContext],
        ready: Callable[[], bool],
        parent: QObject | None = None,
        interval_ms: int = SWEEP_MS,
        *,
        timezone: str = "Asia/Shanghai",
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.ctx = ctx  # the agent signed in now
        self.ready = ready  # whether to sweep now (signed in, the database reachable)
        self.zone = ZoneInfo(timezone)  # the center's day, for the daily sample
        self.sampled_on: date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sweep_now)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def sweep_now(self) -> None:
        if not self.ready():
            return
        rt, ctx = self.runtime, self.ctx()
        (
            BackgroundOp(self, lambda _task: session.sla_sweep(rt, ctx))
            .on_success(self._swept)
            .on_failure(lambda e: log.warning("SLA sweep failed: %s", e))
            .start()
        )
        self._sample_inquiries(rt, ctx)

    def _sample_inquiries(self, rt: Runtime, ctx: AgentContext) -> None:
        # The database's day, as the draw itself reads it: a seat whose clock is off
        # still draws when the center's day begins.
        today = rt.db_clock.now().astimezone(self.zone).date()
        if self.sampled_on == today:
            return
        self.sampled_on = today
        (
            BackgroundOp(self, lambda _task: session.sample_inquiries(rt, ctx))
            .on_success(lambda added: changes().announce(Topic.CALLBACKS) if added else None)
            .on_failure(lambda e: log.warning("inquiry sampling failed: %s", e))
            .start()
        )

    def _swept(self, result: SweepResult) -> None:
        if result.warned or result.escalated or result.recomputed:
            changes().announce(Topic.CASES)
        self.swept.emit(result)
