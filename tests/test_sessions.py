"""R1.1, R1.2, R1.3: login, one active session per job number, take-over, fencing."""

from __future__ import annotations

import pytest

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.core.messages import describe
from console.people import auth
from console.shift import states
from console.shift.states import AgentState
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds, lapse_lease


def test_login_gives_a_session_with_the_agents_identity(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001", Role.SUPERVISOR, name="赵刚")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    assert (ctx.job_no, ctx.name, ctx.role, ctx.seat) == ("1001", "赵刚", Role.SUPERVISOR, "坐席01")
    assert ctx.must_change_password  # created with a temporary password
    assert "login.ok" in audit_kinds(admin_rt)


def test_wrong_password_and_unknown_job_number_are_refused_alike(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    with pytest.raises(UserFacingError) as wrong:
        rt.login("1001", "not-the-password", "坐席01")
    with pytest.raises(UserFacingError) as unknown:
        rt.login("4242", "not-the-password", "坐席01")
    assert wrong.value.message_id == unknown.value.message_id == "login.bad"
    assert audit_kinds(admin_rt).count("login.failed") == 2


def test_second_login_elsewhere_is_refused_naming_the_seat(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    first = rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError) as refused:
        rt.login("1001", PASSWORD, "坐席02")
    e = refused.value
    assert e.message_id == "login.busy"
    assert e.params["seat"] == "坐席01"
    assert abs((e.params["since"] - first.started_at).total_seconds()) < 1


def test_own_session_left_open_at_this_seat_says_when_it_lapses(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    """After a crash the agent signs in again at the same seat. That
    is not "two seats": the refusal says when the old session lapses (at most the
    lease, 15 s), for the login dialog to count down to."""
    make_agent("1001")
    crashed = rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError) as refused:
        rt.login("1001", PASSWORD, "坐席01")
    e = refused.value
    assert e.message_id == "login.own_session"
    assert crashed.lease_seconds == 15
    lapses_in = (e.params["free_at"] - crashed.started_at).total_seconds()
    assert 14 <= lapses_in <= 16
    assert "两个坐席" not in describe(e, "zh_CN") and "自动为您登录" in describe(e, "zh_CN")


def test_a_seat_holds_one_agent_at_a_time(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    make_agent("1002")
    rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError) as refused:
        rt.login("1002", PASSWORD, "坐席01")
    assert refused.value.message_id == "login.seat_busy"
    assert refused.value.params["job_no"] == "1001"


def test_lapsed_lease_can_be_taken_over_and_is_audited(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    crashed = rt.login("1001", PASSWORD, "坐席01")
    lapse_lease(admin_rt, "1001")
    new = rt.login("1001", PASSWORD, "坐席02")
    assert new.session_id != crashed.session_id
    ended = admin_sql(
        admin_rt,
        "SELECT end_reason, ended_by_job_no FROM agent_sessions WHERE id = :i",
        i=crashed.session_id,
    )
    assert ended == [("taken_over", "1001")]
    assert "session.taken_over" in audit_kinds(admin_rt)


def test_heartbeat_keeps_the_lease_alive(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    lapse_lease(admin_rt, "1001")
    rt.run(ctx, auth.heartbeat)  # the seat is alive after all: it renews in time
    with pytest.raises(UserFacingError, match="login.busy"):
        rt.login("1001", PASSWORD, "坐席02")


def test_superseded_session_cannot_write_and_nothing_is_written(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    old = rt.login("1001", PASSWORD, "坐席01")
    rt.run(old, states.set_state, AgentState.READY)
    lapse_lease(admin_rt, "1001")
    new = rt.login("1001", PASSWORD, "坐席02")
    before = admin_sql(admin_rt, "SELECT count(*) FROM agent_state_events")[0][0]

    with pytest.raises(UserFacingError) as refused:
        rt.run(old, states.set_state, AgentState.BREAK)
    assert refused.value.message_id == "session.not_active"
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(old, auth.heartbeat)

    assert admin_sql(admin_rt, "SELECT count(*) FROM agent_state_events")[0][0] == before
    rt.run(new, states.set_state, AgentState.READY)  # the new seat works


def test_records_are_stamped_with_the_sessions_job_number(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, states.set_state, AgentState.NOT_READY, "meeting")
    rows = admin_sql(
        admin_rt,
        "SELECT job_no, delegate_job_no, session_id, state, reason FROM agent_state_events",
    )
    assert rows == [("1001", None, ctx.session_id, "not_ready", "meeting")]


def test_logout_frees_the_job_number_at_once(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, auth.logout)
    rt.login("1001", PASSWORD, "坐席02")
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(ctx, states.set_state, AgentState.READY)


def test_supervisor_ends_a_session_an_agent_cannot(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    victim = rt.login("1001", PASSWORD, "坐席01")
    agent = rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "坐席03")

    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, auth.end_session, victim.session_id, "test")
    with pytest.raises(UserFacingError, match="reason.required"):
        rt.run(boss, auth.end_session, victim.session_id, "  ")
    assert rt.run(boss, auth.end_session, victim.session_id, "坐席故障,强制签出")
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(victim, auth.heartbeat)
    entry = admin_sql(
        admin_rt, "SELECT actor_job_no, payload FROM audit_log WHERE kind = 'session.ended'"
    )
    assert entry[0][0] == "2001" and "坐席故障" in entry[0][1]
    rt.login("1001", PASSWORD, "坐席04")  # free again


def test_supervisor_sees_who_is_signed_in_where(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001", name="张敏")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席09")
    listed = rt.run(boss, auth.open_sessions)
    assert [(o.session_id, o.job_no, o.name, o.seat) for o in listed] == [
        (agent.session_id, "1001", "张敏", "坐席01")
    ]
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, auth.open_sessions)
