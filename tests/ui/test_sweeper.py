"""The deadline sweep on its own (no window): warnings and escalations as the clock
passes them, each once, announced to the case lists; nothing while not ready."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import sla_sweep
from console.cases.cases import new_case_id
from console.cases.sla_sweep import SweepResult
from console.core.clock import ManualClock
from console.core.identity import AgentContext, Role
from console.core.serials import next_serial
from console.core.unit import db_now
from console.core.vocabulary import CaseId
from console.people import agents
from db.models import Case, CaseSerial
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from ui.app.sweeper import Sweeper
from ui.core.changes import changes
from ui.core.worker import wait_all


def _open_complaint(rt: Runtime, ctx: AgentContext, age: timedelta) -> CaseId:
    """A complaint opened ``age`` ago by the database clock, its SLA clocks running
    (24 h progress notice, warned 4 h before)."""
    case_id = new_case_id()
    with rt.unit(ctx) as s:
        opened = db_now(s) - age
        s.add(
            Case(
                id=case_id,
                kind="complaint",
                status="open",
                owner_job_no=ctx.job_no,
                case_no=f"G2026-{next_serial(s, CaseSerial, 2026):05d}",
                summary="燃气费多收",
                details="{}",
                opened_at=opened,
                updated_at=opened,
            )
        )
        s.flush()
        sla_sweep.start_clocks(s, ctx, case_id, "complaint", opened)
    return case_id


def _sweep(qtbot: QtBot, sweeper: Sweeper) -> SweepResult:
    with qtbot.waitSignal(sweeper.swept, timeout=10_000) as swept:
        sweeper.sweep_now()
    result: SweepResult = swept.args[0]
    return result


@pytest.fixture
def manual_rt(sqlite_db: TestDb, clock: ManualClock) -> Iterator[Runtime]:
    r = open_runtime(sqlite_db.url, clock)
    yield r
    r.close()


def test_the_clock_passing_warns_then_escalates_once_and_the_case_lists_hear_it(
    qtbot: QtBot, manual_rt: Runtime, clock: ManualClock
) -> None:
    """On SQLite, with a clock the test moves (the embedded database's "now" is it)."""
    rt = manual_rt
    with rt.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "张敏", Role.AGENT, PASSWORD, clock.now())
    signed_in = [rt.login("1001", PASSWORD, "坐席01")]
    _open_complaint(rt, signed_in[0], timedelta(0))
    heard: list[str] = []
    changes().cases.connect(lambda: heard.append("cases"))
    sweeper = Sweeper(rt, lambda: signed_in[0], lambda: True)

    def hours_later(hours: int) -> None:
        clock.advance(timedelta(hours=hours))
        signed_in[0] = rt.login("1001", PASSWORD, "坐席01")  # the night shift's console

    assert _sweep(qtbot, sweeper) == SweepResult((), ())
    assert heard == []  # nothing changed: the lists are left alone
    hours_later(20)
    warned = _sweep(qtbot, sweeper)
    assert [c.name for c in warned.warned] == ["progress_notice"] and heard == ["cases"]
    hours_later(4)
    escalated = _sweep(qtbot, sweeper)
    assert [c.name for c in escalated.escalated] == ["progress_notice"]
    assert _sweep(qtbot, sweeper) == SweepResult((), ())  # once
    assert heard == ["cases", "cases"]


def test_a_case_past_its_deadline_is_escalated_by_the_timer(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory
) -> None:
    """On PostgreSQL too, where the database's own clock decides."""
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    _open_complaint(rt, agent, timedelta(hours=25))
    sweeper = Sweeper(rt, lambda: agent, lambda: True, interval_ms=50)
    results: list[SweepResult] = []
    sweeper.swept.connect(results.append)
    sweeper.start()
    try:
        # Sweeps every 50 ms may overlap: the one that escalates is not always the first
        # to report, and the others find nothing left to do.
        qtbot.waitUntil(lambda: any(r.escalated for r in results), timeout=20_000)
    finally:
        sweeper.stop()
    escalated = [c.name for r in results for c in r.escalated]
    assert escalated == ["progress_notice"]  # once, however many sweeps ran


def test_nothing_is_swept_while_not_ready(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    case_id = _open_complaint(rt, agent, timedelta(hours=25))
    swept: list[object] = []
    sweeper = Sweeper(rt, lambda: agent, lambda: False)
    sweeper.swept.connect(swept.append)
    sweeper.sweep_now()
    assert wait_all()
    QApplication.processEvents()
    assert swept == []
    with rt.unit(admin="test") as s:
        assert all(c.escalated_at is None for c in sla_sweep.clocks(s, case_id))


def test_the_first_sweep_of_each_day_draws_the_inquiry_sample_once(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory
) -> None:
    """GS 15.3.6 random callbacks, every day by itself: the console's first sweep of the
    day puts a tenth of the inquiries answered at once on the callback list and the list
    hears of it; the next sweeps that day add nothing."""
    from sqlalchemy import func, select

    from db.models import Callback
    from tests.helpers import db_time, finished_call

    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    now = db_time(rt, agent)
    for i in range(30):
        finished_call(rt, agent, "inquiry", now - timedelta(minutes=10 + i))
    heard: list[str] = []
    changes().callbacks.connect(lambda: heard.append("callbacks"))
    sweeper = Sweeper(rt, lambda: agent, lambda: True)

    def sampled() -> int:
        with rt.unit(admin="test") as s:
            n = s.scalar(
                select(func.count())
                .select_from(Callback)
                .where(Callback.reason == "inquiry_sample")
            )
            return int(n or 0)

    _sweep(qtbot, sweeper)
    qtbot.waitUntil(lambda: heard == ["callbacks"], timeout=10_000)
    assert sampled() == 3
    _sweep(qtbot, sweeper)
    assert wait_all()
    QApplication.processEvents()
    assert sampled() == 3 and heard == ["callbacks"]
