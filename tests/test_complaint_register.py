"""The complaint register (R3.5): every complaint of the period, its reply within 72 h
or not, and how it ended — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from console.app.runtime import Runtime
from console.cases import cases, complaint_register
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from db.models import Case, Department
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer


def _replied(rt: Runtime, ctx: AgentContext, summary: str, result: str) -> cases.CaseRecord:
    c = rt.run(ctx, cases.open_case, cases.new_case_id(), "complaint", summary, customer_id=1)
    c = rt.run(ctx, cases.dispatch, c.id, "SERVICE", c.version)
    c = rt.run(ctx, cases.record_department, c.id, "done", c.version, result)
    return rt.run(ctx, cases.record_callback_result, c.id, True, c.version, "满意")


def test_register_lists_the_periods_complaints_with_their_72_hour_replies(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="SERVICE", name="客服中心"))
        s.add(customer(1, "13912340001", id=1, name="王秀兰"))
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    on_time = _replied(rt, agent, "抄表员态度差", "已上门道歉")
    late = _replied(rt, agent, "维修拖延", "已更换阀门")
    waiting = rt.run(agent, cases.open_case, cases.new_case_id(), "complaint", "账单有误")
    rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "不是投诉")
    timelines = {c.id: rt.run(agent, cases.timeline, c.id) for c in (on_time, late)}
    reply_at = {k: next(e.at for e in v if e.kind == "callback") for k, v in timelines.items()}
    # Back-date the openings: one replied at 72 h exactly (in time), one a second later.
    with admin_rt.unit(admin="test") as s:
        for case_id, age in (
            (on_time.id, timedelta(hours=72)),
            (late.id, timedelta(hours=72, seconds=1)),
        ):
            s.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(opened_at=reply_at[case_id] - age, version=Case.version + 1)
            )
    since = reply_at[late.id] - timedelta(days=4)
    until = waiting.opened_at + timedelta(seconds=1)

    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, complaint_register.entries, since, until)
    with pytest.raises(UserFacingError, match="input.bad_period"):
        rt.run(boss, complaint_register.entries, until, since)
    rows = rt.run(boss, complaint_register.entries, since, until)
    assert [r.summary for r in rows] == ["维修拖延", "抄表员态度差", "账单有误"]  # oldest first
    by = {r.case_id: r for r in rows}
    assert (by[on_time.id].replied_in_time, by[late.id].replied_in_time) == (True, False)
    assert by[waiting.id].replied_at is None and by[waiting.id].replied_in_time is None
    first = by[on_time.id]
    assert (first.customer_name, first.phone, first.department) == (
        "王秀兰",
        "139****0001",
        "客服中心",
    )
    assert (first.result, first.satisfaction, first.archived) == ("已上门道歉", "satisfied", True)
    assert first.address is not None and "泰山花园" in first.address
    assert not by[waiting.id].archived and by[waiting.id].closed_at is None
    # A period that ends before the late one was opened leaves it out.
    assert rt.run(boss, complaint_register.entries, since, by[late.id].opened_at) == []
