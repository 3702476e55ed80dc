"""The shift around the calls (R1.6, R4.1, R4.2): sign-in with the pre-shift check,
states, the handover and its acknowledgment — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.cases import callbacks, cases, sla_sweep
from console.content import shift_rules
from console.core import checks, unit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.people import agents, auth
from console.shift import board, shift, states
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds, bind_token

ZONE = ZoneInfo("Asia/Shanghai")
ITEMS = [i.code for i in shift_rules.shipped().checklist]


def _all_ok(**failed: str) -> list[shift.CheckAnswer]:
    return [shift.CheckAnswer(code, code not in failed, failed.get(code, "")) for code in ITEMS]


def _sign_in(rt: Runtime, ctx: AgentContext, **failed: str) -> shift.SignIn:
    return rt.run(ctx, shift.sign_in, str(uuid.uuid4()), _all_ok(**failed))


def _board(rt: Runtime) -> board.Board:
    with rt.snapshot() as s:
        return board.board(s, None, zone=ZONE)


def _a_call(rt: Runtime, ctx: AgentContext, intent: str, *, answered: bool = True) -> None:
    now = rt.run(ctx, lambda s, _c: unit.db_now(s))
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), "13912341234", "inbound", "phone", now)
    fields = CallFields(
        state="done" if answered else "abandoned",
        intent=intent if answered else None,
        answered_at=now if answered else None,
    )
    rt.run(ctx, calls.finish_call, c.id, fields, c.version, now + timedelta(minutes=2), "caller")


def test_the_check_answers_every_item_and_a_problem_says_what(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError, match="shift.check_incomplete") as e:
        rt.run(ctx, shift.sign_in, str(uuid.uuid4()), _all_ok()[1:])
    assert e.value.params["item"] == shift_rules.shipped().checklist[0].text
    with pytest.raises(UserFacingError, match="input.required"):  # a failed item says why
        rt.run(ctx, shift.sign_in, str(uuid.uuid4()), _all_ok(headset=" "))
    assert rt.run(ctx, states.current_state) is states.AgentState.NOT_READY  # nothing stored

    done = _sign_in(rt, ctx, headset="左耳无声")
    assert done.state == "not_ready"  # with the reason "equipment"
    [problem] = done.problems
    assert (problem.seat, problem.code, problem.note, problem.reported_by) == (
        "坐席01",
        "headset",
        "左耳无声",
        "1001",
    )
    assert "shift.check_failed" in audit_kinds(rt)
    # The problem stays on the boards until a later check of the seat passes the item.
    assert [p.code for p in rt.run(ctx, lambda s, _c: shift.open_problems(s))] == ["headset"]
    again = _sign_in(rt, ctx)
    assert again.state == "ready" and again.problems == ()
    assert rt.run(ctx, lambda s, _c: shift.open_problems(s)) == []


def test_not_ready_needs_a_reason_from_the_data(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError, match="state.reason_required"):
        rt.run(ctx, states.set_state, states.AgentState.NOT_READY)
    with pytest.raises(UserFacingError, match="input.invalid_choice"):
        rt.run(ctx, states.set_state, states.AgentState.NOT_READY, "lunch")
    rt.run(ctx, states.set_state, states.AgentState.NOT_READY, "meeting")
    assert rt.run(ctx, states.current_state) is states.AgentState.NOT_READY


def test_a_shift_ends_in_a_handover_the_next_agent_acknowledges(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("1003")
    out = rt.login("1001", PASSWORD, "坐席01")
    assert _sign_in(rt, out).state == "ready"
    rt.run(out, states.set_state, states.AgentState.BREAK)
    rt.run(out, states.set_state, states.AgentState.READY)
    _a_call(rt, out, "repair")
    _a_call(rt, out, "inquiry")
    _a_call(rt, out, "", answered=False)
    repair = rt.run(out, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    later = rt.run(out, cases.open_case, cases.new_case_id(), "inquiry", "阶梯气价何时调整")
    promised = str(uuid.uuid4())  # a status call promised on the repair (R2.7)
    soon = rt.run(out, lambda s, _c: unit.db_now(s)) + timedelta(hours=1)
    rt.run(out, callbacks.add, promised, "case", soon, case_id=repair.id, phone="13912341234")
    # An emergency of another agent is an incident the whole next shift must know about.
    other = rt.login("1003", PASSWORD, "坐席03")
    rt.run(other, cases.open_case, cases.new_case_id(), "emergency", "泰山花园12号楼闻到燃气味")

    handover_id = str(uuid.uuid4())
    h = rt.run(out, shift.hand_over, handover_id, "12号楼燃气味已派抢险,请跟进", zone=ZONE)
    again = rt.run(out, shift.hand_over, handover_id, "重复提交", zone=ZONE)  # a retry
    assert again == h
    summary = h.summary
    assert (summary.job_no, summary.seat) == ("1001", "坐席01")
    assert (summary.calls, summary.answered, summary.abandoned) == (3, 2, 1)
    assert summary.by_intent == {"repair": 1, "inquiry": 1}
    # The repair's 6 h clock falls in the next shift; the inquiry's 2 working days
    # may not — only what is due before the next shift ends is listed.
    due_ids = [c.case_id for c in summary.cases_due]
    assert repair.id in due_ids
    assert all(c.due_at <= summary.next_shift_end for c in summary.cases_due)
    assert (later.id in due_ids) == any(
        k.due_at <= summary.next_shift_end
        for k in rt.run(out, lambda s, _c: sla_sweep.clocks(s, later.id))
    )
    assert [c.callback_id for c in summary.callbacks_due] == [promised]
    assert [i.summary for i in summary.incidents] == ["泰山花园12号楼闻到燃气味"]
    assert summary.shift_start <= h.created_at

    # The author may correct the notes until the handover is acknowledged; not ack it.
    h = rt.run(out, shift.amend_notes, h.id, "12号楼燃气味已派抢险,15:00前回电客户", h.version)
    with pytest.raises(UserFacingError, match="handover.own"):
        rt.run(out, shift.acknowledge, h.id)
    rt.run(out, auth.logout)

    assert [p.id for p in _board(rt).pending_handovers] == [h.id]  # on the wall board

    incoming = rt.login("1002", PASSWORD, "坐席01")
    assert [p.id for p in rt.run(incoming, shift.pending)] == [h.id]
    with pytest.raises(UserFacingError, match="handover.not_author"):
        rt.run(incoming, shift.amend_notes, h.id, "改写交班内容", h.version)
    acked = rt.run(incoming, shift.acknowledge, h.id, "已阅")
    assert (acked.acknowledged_by, acked.ack_note) == ("1002", "已阅")
    assert rt.run(incoming, shift.acknowledge, h.id, "已阅") == acked  # a retry: the same
    assert rt.run(incoming, shift.pending) == []
    floor = _board(rt)
    assert floor.pending_handovers == ()
    assert [(a.job_no, a.seat) for a in floor.agents] == [("1002", "坐席01"), ("1003", "坐席03")]
    with pytest.raises(UserFacingError, match="handover.acknowledged") as e:
        rt.run(other, shift.acknowledge, h.id)
    assert e.value.params["job_no"] == "1002"
    # Ownership did not move: the cases are still 1001's.
    assert rt.run(incoming, cases.get_case, repair.id).owner_job_no == "1001"
    stored = rt.run(incoming, shift.get, h.id)
    assert stored.notes == "12号楼燃气味已派抢险,15:00前回电客户" and stored.summary == summary
    assert "shift.handover_acknowledged" in audit_kinds(rt)


def test_the_database_freezes_an_acknowledged_handover(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    """Even the schema owner's connection (no application) cannot change it."""
    make_agent("1001")
    make_agent("1002")
    out = rt.login("1001", PASSWORD, "坐席01")
    h = rt.run(out, shift.hand_over, str(uuid.uuid4()), "无", zone=ZONE)
    incoming = rt.login("1002", PASSWORD, "坐席02")
    rt.run(incoming, shift.acknowledge, h.id)
    for sql in (
        "UPDATE handovers SET notes = 'rewritten', version = version + 1",
        "DELETE FROM handovers",
        "UPDATE handover_acks SET note = 'x'",
        "DELETE FROM handover_acks",
    ):
        with pytest.raises((exc.DatabaseError, UserFacingError)):  # SQLite's, PostgreSQL's
            admin_sql(admin_rt, sql)
    assert rt.run(incoming, shift.get, h.id).notes == "无"


@pytest.mark.pg
def test_pg_seat_sql_cannot_acknowledge_its_own_handover_or_rewrite_anothers(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    with pg_admin.unit(admin="test") as s:
        for job_no in ("1001", "1002"):
            agents.add_agent(s, None, job_no, "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    out = pg_rt.login("1001", PASSWORD, "坐席01")
    h = pg_rt.run(out, shift.hand_over, str(uuid.uuid4()), "原始备注", zone=ZONE)
    bind_token(seat_sql, out)
    with pytest.raises(exc.DBAPIError, match="incoming agent acknowledges"):
        seat_sql.execute(
            text(
                "INSERT INTO handover_acks (handover_id, at, note, job_no, session_id) "
                "VALUES (:h, now(), '', '1002', :sid)"
            ),
            {"h": h.id, "sid": out.session_id},
        )
    seat_sql.rollback()
    other = pg_rt.login("1002", PASSWORD, "坐席02")
    bind_token(seat_sql, other)
    with pytest.raises(exc.DBAPIError, match="only the outgoing agent"):
        seat_sql.execute(
            text("UPDATE handovers SET notes = 'x', version = version + 1 WHERE id = :h"),
            {"h": h.id},
        )
    seat_sql.rollback()
    assert pg_rt.run(other, shift.get, h.id).notes == "原始备注"
