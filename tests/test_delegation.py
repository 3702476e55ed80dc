"""R1.4: nobody works under another's job number without both approvals, and only for a
while. Each approver approves from their own session with their own password: nobody
types a password at someone else's session."""

from __future__ import annotations

from datetime import timedelta

import pytest

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.people import auth, delegation
from console.people.auth import raise_for_check
from console.shift import states
from console.shift.states import AgentState
from db.guard import PasswordCheck
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds


@pytest.fixture
def people(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001", name="张敏")  # the owner of the number, away today
    make_agent("1002", name="李强")  # the delegate
    make_agent("1003", name="王芳")  # another agent
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    return rt.login("1002", PASSWORD, "坐席02")


def _approve(
    rt: Runtime, job_no: str, d: int, password: str = PASSWORD, seat: str = "坐席05"
) -> PasswordCheck:
    """``job_no`` signs in at their own seat, approves, and signs out."""
    own = rt.login(job_no, PASSWORD, seat)
    try:
        return rt.run(own, delegation.approve, d, password)
    finally:
        rt.run(own, auth.logout)


def _request(rt: Runtime, ctx: AgentContext) -> int:
    until = rt.clock.now() + timedelta(hours=4)
    return rt.run(ctx, delegation.request, "1001", until, "张敏病假,代为跟进其工单")


def test_delegation_with_both_approvals_stamps_both_numbers(
    rt: Runtime, admin_rt: Runtime, people: AgentContext
) -> None:
    ctx = people
    d = _request(rt, ctx)
    raise_for_check(_approve(rt, "2001", d))
    raise_for_check(_approve(rt, "1001", d))
    acting = rt.run(ctx, delegation.start, d)
    assert acting.stamped_job_no == "1001"
    rt.run(acting, states.set_state, AgentState.READY)
    rows = admin_sql(admin_rt, "SELECT job_no, delegate_job_no FROM agent_state_events")
    assert rows == [("1001", "1002")]
    back = rt.run(acting, delegation.stop)
    rt.run(back, states.set_state, AgentState.BREAK)
    rows = admin_sql(admin_rt, "SELECT job_no, delegate_job_no FROM agent_state_events ORDER BY id")
    assert rows[-1] == ("1002", None)
    kinds = audit_kinds(admin_rt)
    for kind in (
        "delegation.requested",
        "delegation.approved",
        "delegation.started",
        "delegation.stopped",
    ):
        assert kind in kinds


def test_cannot_start_without_both_approvals(rt: Runtime, people: AgentContext) -> None:
    ctx = people
    d = _request(rt, ctx)
    with pytest.raises(UserFacingError, match="delegation.not_open"):
        rt.run(ctx, delegation.start, d)
    raise_for_check(_approve(rt, "2001", d))
    with pytest.raises(UserFacingError, match="delegation.not_open"):
        rt.run(ctx, delegation.start, d)


def test_only_a_supervisor_or_the_owner_can_approve(rt: Runtime, people: AgentContext) -> None:
    ctx = people
    d = _request(rt, ctx)
    with pytest.raises(UserFacingError, match="role.denied"):
        _approve(rt, "1003", d)  # a peer
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(ctx, delegation.approve, d, PASSWORD)  # the delegate


def test_approval_needs_the_approvers_own_password(rt: Runtime, people: AgentContext) -> None:
    ctx = people
    d = _request(rt, ctx)
    check = _approve(rt, "2001", d, "guess")
    assert check.status == "bad"
    with pytest.raises(UserFacingError, match="delegation.not_open"):
        rt.run(ctx, delegation.start, d)


def test_nobody_approves_for_someone_else(
    rt: Runtime, admin_rt: Runtime, people: AgentContext
) -> None:
    """The delegate's session cannot give the supervisor's or the owner's approval,
    whatever password it knows: the approval is the signed-in agent's own."""
    ctx = people
    d = _request(rt, ctx)
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(ctx, delegation.approve, d, PASSWORD)
    # A wrong password at the supervisor's own session counts towards their lockout only.
    assert _approve(rt, "2001", d, "guess").attempts_left == 4
    rows = admin_sql(admin_rt, "SELECT supervisor_approved_at, owner_approved_at FROM delegations")
    assert rows == [(None, None)]


def test_delegation_is_time_limited(rt: Runtime, admin_rt: Runtime, people: AgentContext) -> None:
    ctx = people
    with pytest.raises(UserFacingError, match="delegation.too_long"):
        rt.run(ctx, delegation.request, "1001", rt.clock.now() + timedelta(hours=13), "整天")
    d = _request(rt, ctx)
    raise_for_check(_approve(rt, "2001", d))
    raise_for_check(_approve(rt, "1001", d))
    acting = rt.run(ctx, delegation.start, d)
    # Time runs out.
    past = "now() - interval '1 second'" if rt.dialect == "postgresql" else "'2000-01-01 00:00:00'"
    admin_sql(admin_rt, f"UPDATE delegations SET valid_until = {past}")
    with pytest.raises(UserFacingError, match="delegation.expired"):
        rt.run(acting, states.set_state, AgentState.READY)
    assert admin_sql(admin_rt, "SELECT count(*) FROM agent_state_events") == [(0,)]
    back = rt.run(acting, delegation.stop)
    rt.run(back, states.set_state, AgentState.READY)
