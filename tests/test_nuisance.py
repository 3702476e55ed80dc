"""Nuisance callers (R2.18) on SQLite and PostgreSQL: a supervisor's mark warns on ring
until its expiry, then not; lifted early, it stops at once; agents cannot mark; audited."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from console.app.runtime import Runtime
from console.calls import calls, screen_pop
from console.core import checks, unit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.customers import nuisance
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import audit_kinds

NUMBER = "13912345678"


def _now(rt: Runtime, ctx: AgentContext) -> datetime:
    return rt.run(ctx, lambda s, _c: unit.db_now(s))


def _ring(rt: Runtime, ctx: AgentContext, at: datetime) -> screen_pop.ScreenPop:
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), NUMBER, "inbound", "phone", at)
    return rt.run(ctx, screen_pop.pop, NUMBER, c.id)


def test_a_marked_number_warns_on_ring_until_its_expiry_then_not(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    now = _now(rt, boss)
    until = now + timedelta(days=7)
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, nuisance.mark, NUMBER, "辱骂坐席", until)
    with pytest.raises(UserFacingError, match="reason.required"):
        rt.run(boss, nuisance.mark, NUMBER, " ", until)
    with pytest.raises(UserFacingError, match="nuisance.bad_expiry"):
        rt.run(boss, nuisance.mark, NUMBER, "辱骂坐席", now - timedelta(minutes=1))
    m = rt.run(boss, nuisance.mark, "0086 139 1234 5678", "多次来电辱骂坐席", until)
    assert (m.number, m.job_no) == (NUMBER, "2001")  # stored as caller IDs are
    assert "nuisance.marked" in audit_kinds(rt)

    pop = _ring(rt, agent, now + timedelta(minutes=1))
    assert pop.nuisance is not None and pop.nuisance.reason == "多次来电辱骂坐席"
    assert _ring(rt, agent, until - timedelta(seconds=1)).nuisance is not None
    assert _ring(rt, agent, until).nuisance is None  # expired: no warning any more

    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, nuisance.clear, NUMBER, "已道歉")
    assert rt.run(boss, nuisance.clear, NUMBER, "客户已道歉") == 1
    assert _ring(rt, agent, now + timedelta(minutes=2)).nuisance is None
    assert rt.run(boss, nuisance.marks) == [] and "nuisance.cleared" in audit_kinds(rt)
