"""The boards (R4.3, R4.4) on SQLite and PostgreSQL: the floor as one picture, consistent
while several processes write; delegation approval only by a supervisor."""

from __future__ import annotations

import multiprocessing as mp
import time
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from console.app.runtime import Runtime
from console.cases import cases
from console.content import shift_rules
from console.core import unit
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.people import auth, delegation
from console.shift import board, shift, states
from db.models import CaseClock
from tests import board_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb

ZONE = ZoneInfo("Asia/Shanghai")


def _board(rt: Runtime) -> board.Board:
    with rt.snapshot() as s:  # the wall display: no login
        return board.board(s, None, zone=ZONE)


def test_the_board_shows_who_is_on_shift_and_what_is_due(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001", name="张敏")
    make_agent("1002", name="李娜")
    a = rt.login("1001", PASSWORD, "坐席01")
    b = rt.login("1002", PASSWORD, "坐席02")
    answers = [
        shift.CheckAnswer(i.code, i.code != "headset", "耳机无声" if i.code == "headset" else "")
        for i in shift_rules.shipped().checklist
    ]
    rt.run(b, shift.sign_in, str(uuid.uuid4()), answers)
    rt.run(a, states.set_state, states.AgentState.READY)
    late = rt.run(a, cases.open_case, cases.new_case_id(), "repair", "表不走字")
    soon = rt.run(a, cases.open_case, cases.new_case_id(), "lookup", "查账单")
    calm = rt.run(a, cases.open_case, cases.new_case_id(), "inquiry", "问气价")
    fire = rt.run(b, cases.open_case, cases.new_case_id(), "emergency", "12号楼燃气味")
    now = rt.run(a, lambda s, _c: unit.db_now(s))
    with admin_rt.unit(admin="test") as s:  # one overdue, one due soon, the rest calm
        for case_id, due in (
            (late.id, now - timedelta(minutes=5)),
            (soon.id, now + timedelta(minutes=10)),
        ):
            s.execute(
                update(CaseClock)
                .where(CaseClock.case_id == case_id)
                .values(due_at=due, warn_at=now - timedelta(minutes=20))
            )
        s.execute(
            update(CaseClock)
            .where(CaseClock.case_id == fire.id)
            .values(warn_at=now + timedelta(minutes=20))
        )
    h = rt.run(a, shift.hand_over, str(uuid.uuid4()), "交班备注", zone=ZONE)

    floor = _board(rt)
    assert [(x.job_no, x.name, x.seat, x.state) for x in floor.agents] == [
        ("1001", "张敏", "坐席01", "ready"),
        ("1002", "李娜", "坐席02", "not_ready"),
    ]
    assert floor.agents[1].reason == "equipment"  # the failed check
    assert (floor.overdue_count, floor.due_soon_count) == (2, 1)  # repair has two clocks
    assert {x.case_id for x in floor.overdue} == {late.id}
    assert [x.case_id for x in floor.due_soon] == [soon.id]
    assert calm.id not in {x.case_id for x in floor.overdue + floor.due_soon}
    assert [i.summary for i in floor.incidents] == ["12号楼燃气味"] and floor.incident_count == 1
    assert [p.id for p in floor.pending_handovers] == [h.id]
    assert [(p.seat, p.code) for p in floor.problems] == [("坐席02", "headset")]
    # Once acknowledged, the handover leaves the board; a signed-out agent too.
    rt.run(b, shift.acknowledge, h.id)
    rt.run(a, auth.logout)
    floor = _board(rt)
    assert floor.pending_handovers == () and [x.job_no for x in floor.agents] == ["1002"]


def test_only_a_supervisor_approves_a_delegation_from_the_board(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    delegate = rt.login("1001", PASSWORD, "坐席01")
    agent = rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "坐席03")
    now = rt.run(delegate, lambda s, _c: unit.db_now(s))
    d = rt.run(delegate, delegation.request, "1002", now + timedelta(hours=2), "代理回访")
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, board.pending_delegations)
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, board.approve_delegation, d, PASSWORD)
    [pending] = rt.run(boss, board.pending_delegations)
    assert (pending.id, pending.delegate_job_no, pending.owner_job_no) == (d, "1001", "1002")
    with pytest.raises(UserFacingError):  # a wrong password approves nothing
        auth.raise_for_check(rt.run(boss, board.approve_delegation, d, "wrong-password"))
    assert [p.id for p in rt.run(boss, board.pending_delegations)] == [d]
    auth.raise_for_check(rt.run(boss, board.approve_delegation, d, PASSWORD))
    assert rt.run(boss, board.pending_delegations) == []


def test_a_board_reads_while_a_seat_is_writing(rt: Runtime, make_agent: AgentFactory) -> None:
    """The board neither waits for a seat's open transaction nor shows half of it (on
    SQLite it reads without taking the one write lock the seats queue for)."""
    make_agent("1001")
    a = rt.login("1001", PASSWORD, "坐席01")
    rt.run(a, cases.open_case, cases.new_case_id(), "emergency", "12号楼燃气味")
    with rt.unit(a) as s:
        cases.open_case(s, a, cases.new_case_id(), "emergency", "3号楼燃气味")
        s.flush()
        assert _board(rt).incident_count == 1  # at once, without the uncommitted case
    assert _board(rt).incident_count == 2


WORKERS = 4
EACH = 100


@pytest.mark.slow
def test_board_counts_agree_while_seats_write(
    test_db: TestDb, rt: Runtime, make_agent: AgentFactory
) -> None:
    """Each worker transaction adds one answered call and the emergency case it opened.
    Every refresh must show as many incidents as answered calls, and never fewer than
    the refresh before: one moment, never half of a transaction."""
    jobs = [f"10{i:02d}" for i in range(WORKERS)]
    for job in jobs:
        make_agent(job)
    ctx = mp.get_context("spawn")
    start, halfway = ctx.Barrier(WORKERS + 1), ctx.Barrier(WORKERS + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=board_workers.report_incidents,
            args=(test_db.url, job, PASSWORD, f"坐席{i:02d}", EACH, (start, halfway), results),
        )
        for i, job in enumerate(jobs)
    ]
    for p in procs:
        p.start()
    # The board's first refresh compiles its statements (a second or more on a busy
    # machine): done before the seats start, or they could all finish within it.
    assert _board(rt).calls_today.answered == 0
    seen: list[int] = []
    halfway_seen = False
    try:
        start.wait(timeout=180)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            floor = _board(rt)
            answered = floor.calls_today.answered
            assert floor.incident_count == answered == floor.calls_today.total
            assert len(floor.incidents) == min(answered, board.MAX_ITEMS)
            assert not seen or answered >= seen[-1]
            seen.append(answered)
            if answered == WORKERS * EACH // 2 and not halfway_seen:
                halfway_seen = True
                halfway.wait(timeout=60)  # the seats were held here until the board saw it
            if answered == WORKERS * EACH:
                break
        reports = [results.get(timeout=60) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    assert [err for _, err in reports if err] == []
    assert seen[-1] == WORKERS * EACH
    assert halfway_seen
    assert [x.job_no for x in _board(rt).agents] == sorted(jobs)
