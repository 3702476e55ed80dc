"""Agents and seats administration (R8.2) on SQLite and PostgreSQL: an
administrator adds, edits, disables and re-enables agents, resets passwords, unlocks,
ends sessions and keeps the register of seats; everyone else is refused in the service
layer, and on PostgreSQL in the database too; the center never loses its last
administrator; every change is audited with who made it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

import resources
from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import JobNumber, SeatCode
from console.people import agents, auth, seats
from db.errors import PG_CODES
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, bind_token

TEMP = "Temp#2026a"
NEW = "Calm#Shift42"


def _now() -> datetime:
    return datetime.now(UTC)


def _audit(rt: Runtime, kind: str) -> list[tuple[str | None, dict[str, Any]]]:
    """(actor, payload) of every audit entry of ``kind``, oldest first."""
    rows = admin_sql(
        rt, "SELECT actor_job_no, payload FROM audit_log WHERE kind = :k ORDER BY id", k=kind
    )
    return [(actor, json.loads(payload)) for actor, payload in rows]


def _info(rt: Runtime, admin: AgentContext, job_no: str) -> agents.AgentInfo:
    return next(a for a in rt.run(admin, agents.list_agents, _now()) if a.job_no == job_no)


def _refused(message_id: str, call: Callable[[], object]) -> None:
    with pytest.raises(UserFacingError) as e:
        call()
    assert e.value.message_id == message_id


@pytest.fixture
def admin(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("9001", Role.ADMIN, name="陈静")
    return rt.login("9001", PASSWORD, "坐席09")


def test_admin_adds_an_agent_who_must_change_the_temporary_password(
    rt: Runtime, admin: AgentContext
) -> None:
    rt.run(admin, agents.add_agent, "1001", " 张敏 ", Role.AGENT, TEMP, _now())
    listed = _info(rt, admin, "1001")
    assert (listed.name, listed.role, listed.active, listed.must_change_password) == (
        "张敏",
        Role.AGENT,
        True,
        True,
    )
    ctx = rt.login("1001", TEMP, "坐席01")
    assert ctx.must_change_password and ctx.role is Role.AGENT
    assert rt.run(ctx, auth.change_password, TEMP, NEW).status == "ok"
    rt.run(ctx, auth.logout)
    assert not rt.login("1001", NEW, "坐席01").must_change_password
    assert _audit(rt, "agent.added")[-1] == (
        "9001",
        {"job_no": "1001", "name": "张敏", "role": "agent"},
    )


@pytest.mark.parametrize(
    ("job_no", "name", "password", "message_id"),
    [
        ("10 01", "张敏", TEMP, "job_no.invalid"),
        ("", "张敏", TEMP, "job_no.invalid"),
        ("1001", "   ", TEMP, "agent.name_invalid"),
        ("1001", "名" * 65, TEMP, "agent.name_invalid"),
        ("1001", "张敏", "short1", "password.too_short"),
        ("1001", "张敏", "aaaaaaaaaa", "password.too_simple"),
        ("9001", "张敏", TEMP, "agent.exists"),
    ],
)
def test_a_bad_new_agent_is_refused_with_a_clear_reason(
    rt: Runtime, admin: AgentContext, job_no: str, name: str, password: str, message_id: str
) -> None:
    _refused(
        message_id,
        lambda: rt.run(admin, agents.add_agent, job_no, name, Role.AGENT, password, _now()),
    )
    assert [a.job_no for a in rt.run(admin, agents.list_agents, _now())] == ["9001"]


def _admin_services(rt: Runtime, ctx: AgentContext) -> dict[str, Callable[[], object]]:
    return {
        "list_agents": lambda: rt.run(ctx, agents.list_agents, _now()),
        "add_agent": lambda: rt.run(
            ctx, agents.add_agent, "1009", "新人", Role.ADMIN, TEMP, _now()
        ),
        "edit_agent": lambda: rt.run(ctx, agents.edit_agent, JobNumber("1002"), "改名", Role.ADMIN),
        "disable_agent": lambda: rt.run(ctx, agents.disable_agent, JobNumber("1002"), "离职"),
        "enable_agent": lambda: rt.run(ctx, agents.enable_agent, JobNumber("1002")),
        "reset_password": lambda: rt.run(
            ctx, agents.reset_password, JobNumber("1002"), TEMP, _now()
        ),
        "unlock": lambda: rt.run(ctx, agents.unlock, JobNumber("1002")),
        "end_agent_session": lambda: rt.run(
            ctx, agents.end_agent_session, JobNumber("1002"), "下班"
        ),
        "list_seats": lambda: rt.run(ctx, seats.list_seats),
        "add_seat": lambda: rt.run(ctx, seats.add_seat, SeatCode("坐席99"), "二楼"),
        "edit_seat": lambda: rt.run(ctx, seats.edit_seat, SeatCode("坐席01"), "三楼"),
        "disable_seat": lambda: rt.run(ctx, seats.disable_seat, SeatCode("坐席01"), "维修"),
        "enable_seat": lambda: rt.run(ctx, seats.enable_seat, SeatCode("坐席01")),
    }


@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR])
def test_agents_and_supervisors_are_refused_every_admin_service(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory, role: Role
) -> None:
    make_agent("1001", role)
    make_agent("1002")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    before = audit_kinds(rt)
    for name, call in _admin_services(rt, ctx).items():
        with pytest.raises(UserFacingError, match="role.denied"):
            call()
        assert audit_kinds(rt) == before, name
    # The command line's way in (no session) is for a unit opened as an administrator.
    with rt.unit(ctx) as s, pytest.raises(UserFacingError, match="role.denied"):
        agents.disable_agent(s, None, JobNumber("1002"), "离职")
    assert _info(rt, admin, "1002").active and _info(rt, admin, "1002").role is Role.AGENT


def test_disabling_ends_the_session_and_refuses_login_until_re_enabled(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    _refused(
        "reason.required", lambda: rt.run(admin, agents.disable_agent, JobNumber("1001"), "  ")
    )
    assert rt.run(admin, agents.disable_agent, JobNumber("1001"), "离职")
    # Already disabled: nothing to do.
    assert not rt.run(admin, agents.disable_agent, JobNumber("1001"), "离职")
    # The agent's console finds out at its next heartbeat, and cannot sign in again.
    _refused("session.not_active", lambda: rt.run(ctx, auth.heartbeat))
    _refused("login.bad", lambda: rt.login("1001", PASSWORD, "坐席01"))
    listed = _info(rt, admin, "1001")
    assert not listed.active and listed.online_seat is None
    assert admin_sql(
        rt, "SELECT end_reason, ended_by_job_no FROM agent_sessions WHERE job_no = '1001'"
    ) == [("agent_disabled", "9001")]
    assert _audit(rt, "agent.disabled") == [("9001", {"job_no": "1001", "reason": "离职"})]
    actor, ended = _audit(rt, "session.ended")[-1]
    assert actor == "9001" and (ended["job_no"], ended["seat"]) == ("1001", "坐席01")

    assert rt.run(admin, agents.enable_agent, JobNumber("1001"), "返岗")
    assert rt.login("1001", PASSWORD, "坐席01").job_no == "1001"
    assert _audit(rt, "agent.enabled") == [("9001", {"job_no": "1001", "reason": "返岗"})]


def test_edit_changes_name_and_role_and_a_demotion_signs_out(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    assert rt.run(admin, agents.edit_agent, JobNumber("1001"), "张敏", Role.SUPERVISOR)
    unchanged = rt.run(admin, agents.edit_agent, JobNumber("1001"), "张敏", Role.SUPERVISOR)
    assert not unchanged
    rt.run(ctx, auth.heartbeat)  # a promotion leaves the session running
    assert rt.run(admin, agents.edit_agent, JobNumber("1001"), role=Role.AGENT)
    _refused("session.not_active", lambda: rt.run(ctx, auth.heartbeat))
    ctx = rt.login("1001", PASSWORD, "坐席01")
    assert ctx.role is Role.AGENT and ctx.name == "张敏"
    _refused("agent.name_invalid", lambda: rt.run(admin, agents.edit_agent, JobNumber("1001"), ""))
    _refused("agent.unknown", lambda: rt.run(admin, agents.edit_agent, JobNumber("7777"), "某人"))
    edits = [p for _a, p in _audit(rt, "agent.edited")]
    assert [(e["previous_role"], e["role"]) for e in edits] == [
        ("agent", "supervisor"),
        ("supervisor", "agent"),
    ]
    assert _audit(rt, "session.ended")[-1][1]["reason"] == "role_changed"


def test_reset_password_and_unlock(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    for _ in range(5):
        with pytest.raises(UserFacingError):
            rt.login("1001", "wrong-password", "坐席01")
    assert _info(rt, admin, "1001").locked_until is not None
    _refused("login.locked", lambda: rt.login("1001", PASSWORD, "坐席01"))
    rt.run(admin, agents.unlock, JobNumber("1001"))
    assert _info(rt, admin, "1001").locked_until is None
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, auth.change_password, PASSWORD, NEW)
    rt.run(ctx, auth.logout)

    _refused(
        "password.too_short",
        lambda: rt.run(admin, agents.reset_password, JobNumber("1001"), "x1", _now()),
    )
    rt.run(admin, agents.reset_password, JobNumber("1001"), TEMP, _now())
    assert _info(rt, admin, "1001").must_change_password
    _refused("login.bad", lambda: rt.login("1001", NEW, "坐席01"))
    assert rt.login("1001", TEMP, "坐席01").must_change_password
    assert _audit(rt, "agent.unlocked") == [("9001", {"job_no": "1001"})]
    assert _audit(rt, "agent.password_reset") == [("9001", {"job_no": "1001"})]


def test_an_admin_ends_another_agents_session(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    _refused(
        "reason.required", lambda: rt.run(admin, agents.end_agent_session, JobNumber("1001"), "")
    )
    _refused(
        "agent.own_session", lambda: rt.run(admin, agents.end_agent_session, JobNumber("9001"), "x")
    )
    assert _info(rt, admin, "1001").online_session_id == ctx.session_id
    assert rt.run(admin, agents.end_agent_session, JobNumber("1001"), "坐席故障,请换机")
    assert not rt.run(admin, agents.end_agent_session, JobNumber("1001"), "again")  # none open now
    _refused("session.not_active", lambda: rt.run(ctx, auth.heartbeat))
    assert _audit(rt, "session.ended")[-1] == (
        "9001",
        {
            "job_no": "1001",
            "reason": "坐席故障,请换机",
            "seat": "坐席01",
            "session_id": ctx.session_id,
        },
    )


def test_no_admin_disables_or_demotes_themselves_and_one_admin_remains(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    _refused(
        "agent.self_change", lambda: rt.run(admin, agents.disable_agent, JobNumber("9001"), "x")
    )
    _refused(
        "agent.self_change",
        lambda: rt.run(admin, agents.edit_agent, JobNumber("9001"), "陈静", Role.AGENT),
    )
    assert rt.run(admin, agents.edit_agent, JobNumber("9001"), "陈静静")  # one's own name is fine
    # The command line is nobody's self, but still keeps the last administrator.
    with rt.unit(admin="test") as s, pytest.raises(UserFacingError, match="agent.last_admin"):
        agents.disable_agent(s, None, JobNumber("9001"), "x")
    with rt.unit(admin="test") as s, pytest.raises(UserFacingError, match="agent.last_admin"):
        agents.edit_agent(s, None, JobNumber("9001"), role=Role.SUPERVISOR)

    make_agent("9002", Role.ADMIN)
    other = rt.login("9002", PASSWORD, "坐席08")
    assert rt.run(other, agents.edit_agent, JobNumber("9001"), role=Role.SUPERVISOR)
    # Demoted: signed out, and the old context is good for nothing.
    _refused("session.not_active", lambda: rt.run(admin, agents.list_agents, _now()))
    _refused(
        "agent.self_change", lambda: rt.run(other, agents.disable_agent, JobNumber("9002"), "x")
    )
    with rt.unit(admin="test") as s, pytest.raises(UserFacingError, match="agent.last_admin"):
        agents.disable_agent(s, None, JobNumber("9002"), "x")
    assert audit_kinds(rt).count("agent.edited") == 2


def test_the_database_keeps_the_last_admin_even_for_the_schema_owner(
    rt: Runtime, admin_rt: Runtime, admin: AgentContext
) -> None:
    for sql in (
        "UPDATE agents SET active = false WHERE job_no = '9001'",
        "UPDATE agents SET role = 'agent' WHERE job_no = '9001'",
    ):
        with pytest.raises((UserFacingError, exc.DBAPIError), match="last_admin|must remain"):
            admin_sql(admin_rt, sql)
    assert _info(rt, admin, "9001").active


def _seat(rt: Runtime, admin: AgentContext, code: str) -> seats.SeatInfo:
    return next(s for s in rt.run(admin, seats.list_seats) if s.code == code)


def test_seats_are_added_moved_disabled_and_audited(rt: Runtime, admin: AgentContext) -> None:
    rt.run(admin, seats.add_seat, SeatCode(" 坐席21 "), "一楼东")
    _refused("seat.exists", lambda: rt.run(admin, seats.add_seat, SeatCode("坐席21"), "二楼"))
    _refused("seat.code_invalid", lambda: rt.run(admin, seats.add_seat, SeatCode("  "), "二楼"))
    _refused(
        "seat.location_invalid",
        lambda: rt.run(admin, seats.add_seat, SeatCode("坐席22"), "楼" * 129),
    )
    _refused("seat.unknown", lambda: rt.run(admin, seats.edit_seat, SeatCode("坐席77"), "二楼"))
    assert rt.run(admin, seats.edit_seat, SeatCode("坐席21"), "二楼西")
    _refused("reason.required", lambda: rt.run(admin, seats.disable_seat, SeatCode("坐席21"), ""))
    assert rt.run(admin, seats.disable_seat, SeatCode("坐席21"), "显示器损坏")
    group = "agent_console_seat" if rt.dialect == "postgresql" else None
    assert _seat(rt, admin, "坐席21") == seats.SeatInfo(
        SeatCode("坐席21"), "二楼西", False, None, group
    )
    assert rt.run(admin, seats.enable_seat, SeatCode("坐席21"))
    assert _seat(rt, admin, "坐席21").active
    assert _seat(rt, admin, "坐席09").online_job_no == "9001"  # the administrator's own
    kinds = [k for k in audit_kinds(rt) if k.startswith("seat.")]
    assert kinds == ["seat.added", "seat.edited", "seat.disabled", "seat.enabled"]
    assert _audit(rt, "seat.disabled") == [("9001", {"code": "坐席21", "reason": "显示器损坏"})]


def test_nobody_signs_in_at_a_seat_out_of_service(
    rt: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    _refused("login.seat_unknown", lambda: rt.login("1001", PASSWORD, "坐席23"))
    rt.run(admin, seats.add_seat, SeatCode("坐席23"), "三楼")
    rt.run(admin, seats.disable_seat, SeatCode("坐席23"), "耳麦损坏")
    _refused("login.seat_out_of_service", lambda: rt.login("1001", PASSWORD, "坐席23"))
    rt.run(admin, seats.enable_seat, SeatCode("坐席23"))
    assert rt.login("1001", PASSWORD, "坐席23").seat == "坐席23"
    refusals = [p["reason"] for _a, p in _audit(rt, "login.refused")]
    assert refusals == ["seat_unknown", "seat_out_of_service"]


def test_every_refusal_has_a_sentence_in_both_languages() -> None:
    ids = {"job_no.invalid", "reason.required", "role.denied", "session.not_active"}
    for module in (agents, seats):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        ids |= set(re.findall(r'UserFacingError\(\s*"([a-z_.]+)"', source))
    ids |= {PG_CODES[c] for c in ("ACG01", "ACG02", "ACG03")}
    assert {"agent.self_change", "agent.last_admin", "seat.exists"} <= ids
    for lang in ("zh_CN", "en"):
        catalog = json.loads(resources.path("messages", f"{lang}.json").read_text("utf-8"))
        assert ids <= catalog.keys(), (lang, ids - catalog.keys())


def test_the_command_line_disables_edits_and_keeps_seats(test_db: TestDb, rt: Runtime) -> None:
    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "--db", test_db.admin_url, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    add = cli("agent", "add", "1001", "张敏", "--password-stdin", stdin=TEMP + "\n")
    assert add.returncode == 0, add.stderr
    assert cli("agent", "edit", "1001", "--role", "supervisor", "--name", "张敏敏").returncode == 0
    assert cli("agent", "disable", "1001", "--reason", "离职").returncode == 0
    assert "1001\t张敏敏\tsupervisor\tdisabled" in cli("agent", "list").stdout
    assert cli("agent", "enable", "1001").returncode == 0
    assert cli("seat", "add", "坐席31", "--location", "一楼").returncode == 0
    assert rt.login("1001", TEMP, "坐席31").role is Role.SUPERVISOR
    assert cli("seat", "disable", "坐席31", "--reason", "维修").returncode == 0
    assert "坐席31\t一楼\tdisabled\tonline:1001" in cli("seat", "list").stdout
    bad = cli("seat", "add", "坐席31")
    assert bad.returncode == 2 and "坐席 坐席31 已存在" in bad.stderr


# --- PostgreSQL: a seat that skips the console ------------------------------------------

ADMIN_CALLS = (
    "SELECT ac_admin_add_agent('1009', '新人', 'admin', '\\x00', 3, 65536, 4, '\\x00')",
    "SELECT ac_admin_edit_agent('1002', '改名', 'admin')",
    "SELECT ac_admin_set_agent_active('1002', false, '离职')",
    "SELECT ac_admin_reset_password('1002', '\\x00', 3, 65536, 4, '\\x00')",
    "SELECT ac_admin_unlock('1002')",
    "SELECT * FROM ac_admin_locks()",
    "SELECT ac_admin_add_seat('坐席99', '二楼', NULL)",
    "SELECT ac_admin_set_seat_role('坐席01', 'seat_test')",
    "SELECT ac_admin_edit_seat('坐席01', '三楼')",
    "SELECT ac_admin_set_seat_active('坐席01', false, '维修')",
)


def _sql_refused(c: Connection, ctx: AgentContext | None, sql: str, match: str) -> None:
    bind_token(c, ctx)
    with pytest.raises(exc.DBAPIError, match=match):
        c.execute(text(sql))
    c.rollback()


@pytest.mark.pg
def test_a_seat_connection_cannot_administer_in_sql(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    with pg_admin.unit(admin="test") as s:
        for job_no, role in (("9001", Role.ADMIN), ("1001", Role.AGENT), ("2001", Role.SUPERVISOR)):
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, _now())
        agents.add_agent(s, None, "1002", "测试", Role.AGENT, PASSWORD, _now())
    agent = pg_rt.login("1001", PASSWORD, "坐席01")
    boss = pg_rt.login("2001", PASSWORD, "坐席02")
    for sql in ADMIN_CALLS:
        _sql_refused(seat_sql, agent, sql, "administrator only")
        _sql_refused(seat_sql, boss, sql, "administrator only")
        _sql_refused(seat_sql, None, sql, "no longer active")
    for sql in (
        "UPDATE agents SET active = false WHERE job_no = '1002'",
        "INSERT INTO agents (job_no, name, role, active, must_change_password, created_at) "
        "VALUES ('1009', 'x', 'admin', true, false, now())",
        "UPDATE seats SET active = false",
        "INSERT INTO seats (code, location) VALUES ('x', 'y')",
        "SELECT ac_admin_end_sessions(1, 'x', 'y')",
    ):
        _sql_refused(seat_sql, agent, sql, "permission denied")

    # An administrator's seat may, but not against the rules, and not once signed out.
    admin = pg_rt.login("9001", PASSWORD, "坐席09")
    _sql_refused(
        seat_sql,
        admin,
        "SELECT ac_admin_set_agent_active('9001', false, 'x')",
        "do not disable themselves|does not disable themselves",
    )
    _sql_refused(seat_sql, admin, "SELECT ac_admin_edit_agent('9001', '测试', 'agent')", "own role")
    _sql_refused(
        seat_sql,
        admin,
        "SELECT ac_admin_add_agent('1009', 'x', 'agent', '\\x00', 1, 1024, 1, '\\x00')",
        "below the policy",
    )
    bind_token(seat_sql, admin)
    assert seat_sql.execute(
        text("SELECT ac_admin_set_agent_active('1002', false, '离职')")
    ).scalar()
    seat_sql.commit()
    pg_rt.run(admin, auth.logout)
    _sql_refused(seat_sql, admin, "SELECT ac_admin_unlock('1002')", "no longer active")
    kinds = audit_kinds(pg_admin)
    assert kinds.count("agent.disabled") == 1 and "agent.unlocked" not in kinds
    assert _audit(pg_admin, "agent.disabled") == [("9001", {"job_no": "1002", "reason": "离职"})]


@pytest.mark.pg
def test_two_admins_demoting_each_other_at_once_leave_one_admin(
    pg_db: TestDb, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    """The last-administrator rule holds under concurrency: the second change waits for
    the first, then sees it and is refused."""
    import threading

    from sqlalchemy import create_engine

    with pg_admin.unit(admin="test") as s:
        for job_no in ("9001", "9002"):
            agents.add_agent(s, None, job_no, "管理员", Role.ADMIN, PASSWORD, _now())
    first = pg_rt.login("9001", PASSWORD, "坐席01")
    second = pg_rt.login("9002", PASSWORD, "坐席02")
    engine = create_engine(pg_db.url)
    errors: list[BaseException] = []
    try:
        with engine.connect() as c1, engine.connect() as c2:
            bind_token(c1, first)
            c1.execute(text("SELECT ac_admin_edit_agent('9002', '管理员', 'supervisor')"))

            def demote_the_other() -> None:
                try:
                    bind_token(c2, second)
                    c2.execute(text("SELECT ac_admin_set_agent_active('9001', false, 'x')"))
                    c2.commit()
                except BaseException as e:  # checked below
                    errors.append(e)
                    c2.rollback()

            t = threading.Thread(target=demote_the_other)
            t.start()
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            for _ in range(600):  # until the second transaction waits on the first
                if admin_sql(pg_admin, waiting) == [(1,)]:
                    break
                t.join(0.05)
            c1.commit()
            t.join(30)
    finally:
        engine.dispose()
    assert len(errors) == 1 and "must remain" in str(errors[0])
    rows = admin_sql(pg_admin, "SELECT job_no, role, active FROM agents ORDER BY job_no")
    assert rows == [("9001", "admin", True), ("9002", "supervisor", True)]
