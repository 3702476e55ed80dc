"""SLA clocks in the database (R3.3, R3.4), on SQLite and PostgreSQL: a complaint's 24 h
notice clock warns and escalates exactly when due, pausing extends a clock, the sweep
escalates from the command line with no console running, and two sweeps at once
escalate each clock once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from console.app.runtime import Runtime
from console.cases import sla_sweep
from console.cases.sla_sweep import ClockState, SweepResult
from console.content import content
from console.content.sla import Policy
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.serials import next_serial
from console.core.unit import db_now
from console.core.vocabulary import CaseId
from console.people import auth
from db.models import Case, CaseEvent, CaseSerial
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from tests.helpers import audit_kinds

SECOND = timedelta(seconds=1)


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def open_case(rt: Runtime, ctx: AgentContext, kind: str, age: timedelta = timedelta(0)) -> CaseId:
    """A case opened ``age`` ago by the database clock, with its clocks started (the case
    service is not this module's: the row is inserted directly)."""
    case_id = CaseId(str(uuid.uuid4()))
    with rt.unit(ctx) as s:
        opened = db_now(s) - age
        s.add(
            Case(
                id=case_id,
                case_no=f"G2026-{next_serial(s, CaseSerial, 2026):05d}",
                kind=kind,
                status="open",
                owner_job_no=ctx.job_no,
                summary="燃气费多收",
                details="{}",
                opened_at=opened,
                updated_at=opened,
            )
        )
        s.flush()
        sla_sweep.start_clocks(s, ctx, case_id, kind, opened)
    return case_id


def clocks(rt: Runtime, case_id: CaseId) -> dict[str, ClockState]:
    with rt.unit(admin="test") as s:
        return {c.name: c for c in sla_sweep.clocks(s, case_id)}


def timeline(rt: Runtime, case_id: CaseId) -> list[tuple[int, str, dict[str, str]]]:
    with rt.unit(admin="test") as s:
        rows = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
        return [(e.seq, e.kind, json.loads(e.data)) for e in rows]


def sweep_at(rt: Runtime, ctx: AgentContext, now: datetime) -> SweepResult:
    return rt.run(ctx, sla_sweep.sweep, now)


def names(swept: tuple[sla_sweep.SweptClock, ...]) -> list[str]:
    return [c.name for c in swept]


def test_complaint_clocks_fire_exactly_when_due(rt: Runtime, agent: AgentContext) -> None:
    case_id = open_case(rt, agent, "complaint")
    c = clocks(rt, case_id)
    notice, reply = c["progress_notice"], c["reply"]
    assert notice.due_at == notice.started_at + timedelta(hours=24)
    assert notice.warn_at == notice.due_at - timedelta(hours=4)
    assert reply.due_at == reply.started_at + timedelta(hours=72)

    assert sweep_at(rt, agent, notice.warn_at - SECOND) == SweepResult((), ())
    warned = sweep_at(rt, agent, notice.warn_at)
    assert (names(warned.warned), warned.escalated) == (["progress_notice"], ())
    assert sweep_at(rt, agent, notice.warn_at) == SweepResult((), ())  # idempotent
    assert sweep_at(rt, agent, notice.due_at - SECOND) == SweepResult((), ())

    due = sweep_at(rt, agent, notice.due_at)
    assert (due.warned, names(due.escalated)) == ((), ["progress_notice"])
    assert due.escalated[0].owner_job_no == "1001"
    assert sweep_at(rt, agent, notice.due_at + timedelta(hours=1)) == SweepResult((), ())

    assert names(sweep_at(rt, agent, reply.due_at).escalated) == ["reply"]  # warned, too late
    assert timeline(rt, case_id) == [
        (1, "sla.warning", {"clock": "progress_notice", "due_at": notice.due_at.isoformat(),
                            "owner_job_no": "1001"}),
        (2, "sla.escalated", {"clock": "progress_notice", "due_at": notice.due_at.isoformat(),
                              "to": "duty_manager", "owner_job_no": "1001"}),
        (3, "sla.escalated", {"clock": "reply", "due_at": reply.due_at.isoformat(),
                              "to": "duty_manager", "owner_job_no": "1001"}),
    ]  # fmt: skip
    assert audit_kinds(rt).count("sla.escalated") == 2
    after = clocks(rt, case_id)
    assert after["progress_notice"].escalated_at == notice.due_at
    assert after["reply"].warned_at == reply.due_at


def test_a_stopped_clock_never_escalates(rt: Runtime, agent: AgentContext) -> None:
    case_id = open_case(rt, agent, "complaint")
    rt.run(agent, sla_sweep.stop, case_id, "progress_notice")
    reply = clocks(rt, case_id)["reply"]
    assert names(sweep_at(rt, agent, reply.due_at).escalated) == ["reply"]


def test_pausing_extends_the_clock(rt: Runtime, agent: AgentContext) -> None:
    case_id = open_case(rt, agent, "repair")  # GS 2.2.4: 除和客户另有约定外
    rt.run(agent, sla_sweep.stop, case_id, "handle")  # the fitter is there
    before = clocks(rt, case_id)["fix"]
    rt.run(agent, sla_sweep.pause, case_id, "fix")
    # Waiting on the customer: past the old deadline nothing escalates.
    assert sweep_at(rt, agent, before.due_at + timedelta(hours=1)) == SweepResult((), ())
    after = rt.run(agent, sla_sweep.resume, case_id, "fix")
    assert after.paused_since is None
    extension = after.due_at - before.due_at
    assert extension >= timedelta(0)
    assert abs(extension - timedelta(seconds=after.paused_seconds)) < SECOND
    assert after.due_at - after.warn_at == before.due_at - before.warn_at
    assert sweep_at(rt, agent, after.due_at - SECOND).escalated == ()
    assert names(sweep_at(rt, agent, after.due_at).escalated) == ["fix"]


def test_the_72_hour_complaint_reply_never_pauses(rt: Runtime, agent: AgentContext) -> None:
    """GS 2.2.6 allows no pause: the clock runs on whatever the case waits for, so the
    countdown, the escalation and the complaint register's 72 h agree."""
    case_id = open_case(rt, agent, "complaint")
    before = clocks(rt, case_id)["reply"]
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, sla_sweep.pause, case_id, "reply")
    assert e.value.message_id == "sla.not_pausable"
    with rt.unit(agent) as s:
        assert sla_sweep.pause_waiting(s, case_id) == []
    assert clocks(rt, case_id)["reply"] == before
    assert before.due_at - before.started_at == timedelta(hours=72)
    assert names(sweep_at(rt, agent, before.due_at).escalated) == ["progress_notice", "reply"]


def test_pause_follows_the_policy(rt: Runtime, agent: AgentContext) -> None:
    case_id = open_case(rt, agent, "complaint")
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, sla_sweep.pause, case_id, "progress_notice")  # the 24 h notice runs on
    assert e.value.message_id == "sla.not_pausable"
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, sla_sweep.pause, case_id, "no_such_clock")
    assert e.value.message_id == "sla.clock_unknown"


def test_sqlite_pause_extends_by_the_time_paused(sqlite_db: TestDb) -> None:
    from console.core.clock import ManualClock

    clock = ManualClock(datetime.fromisoformat("2026-02-13T08:00:00+00:00"))
    rt = open_runtime(sqlite_db.url, clock)
    try:
        with rt.unit(admin="test") as s:
            from console.core.identity import Role
            from console.people import agents

            agents.add_agent(s, None, "1002", "测试", Role.AGENT, PASSWORD, clock.now())
        ctx = rt.login("1002", PASSWORD, "坐席02")
        case_id = open_case(rt, ctx, "inquiry")  # Fri 16:00 Beijing: due end of 02-24
        before = clocks(rt, case_id)["reply"]
        assert before.due_at == datetime.fromisoformat("2026-02-24T16:00:00+00:00")
        # GS 15.3.4 allows no pause: a centre's policy that names a clause allowing one.
        policy = _policy_pausing_the_inquiry_reply()
        rt.run(ctx, sla_sweep.pause, case_id, "reply", policy=policy)
        clock.advance(timedelta(seconds=30))
        after = rt.run(ctx, sla_sweep.resume, case_id, "reply", policy=policy)
        # 30 s of a working day paused: 30 s into the next working day (Wed 02-25).
        assert after.due_at == before.due_at + timedelta(seconds=30)
        assert after.paused_seconds == 30
    finally:
        rt.close()


def _policy_pausing_the_inquiry_reply() -> Policy:
    text = content.SLA.shipped_text()
    old = '      clause: "GS 15.3.4 不能当即答复的问题'
    assert text.count(old) == 1
    pausing = text.replace(
        "      pauses_when_waiting_on_customer: false\n" + old,
        "      pauses_when_waiting_on_customer: true\n      pause_clause: test\n" + old,
    )
    assert pausing != text
    return content.SLA.parse(pausing)


def cli_sweep(test_db: TestDb) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "sla", "sweep", "--db", test_db.admin_url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_escalates_with_no_console_running(
    test_db: TestDb, rt: Runtime, agent: AgentContext
) -> None:
    overdue = open_case(rt, agent, "complaint", age=timedelta(hours=30))  # notice overdue
    fresh = open_case(rt, agent, "repair")
    rt.run(agent, auth.logout)  # the owner signed out: no console of theirs is running
    rt.close()
    run = cli_sweep(test_db)
    assert run.returncode == 0, run.stderr
    assert "warned 0, escalated 1" in run.stdout
    assert [k for _, k, _ in timeline(rt, overdue)] == ["sla.escalated"]
    assert timeline(rt, fresh) == []
    again = cli_sweep(test_db)
    assert "warned 0, escalated 0" in again.stdout, again.stderr
    assert audit_kinds(rt).count("sla.escalated") == 1


def test_two_sweeps_at_once_escalate_each_clock_once(
    test_db: TestDb, rt: Runtime, agent: AgentContext
) -> None:
    cases = [open_case(rt, agent, "complaint", age=timedelta(hours=100)) for _ in range(15)]
    runtimes = [open_runtime(test_db.admin_url) for _ in range(2)]
    start = threading.Barrier(2)
    results: list[SweepResult] = []
    errors: list[BaseException] = []

    def work(r: Runtime, n: int) -> None:
        try:
            start.wait()
            with r.unit(admin=f"sweep{n}") as s:
                results.append(sla_sweep.sweep(s, None))
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(r, n)) for n, r in enumerate(runtimes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for r in runtimes:
        r.close()
    assert errors == []
    escalated = [(c.case_id, c.name) for res in results for c in res.escalated]
    assert sorted(escalated) == sorted((c, n) for c in cases for n in ("progress_notice", "reply"))
    for case_id in cases:
        assert [k for _, k, _ in timeline(rt, case_id)] == ["sla.escalated", "sla.escalated"]
    assert audit_kinds(rt).count("sla.escalated") == 30
