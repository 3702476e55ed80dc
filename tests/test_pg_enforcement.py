"""SECURITY.md: on PostgreSQL the rules hold for a client that skips the application.

These tests connect with the seats' own database role and plain SQL, as someone with a
seat's credentials and psql would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.core.identity import Role
from tests.conftest import PASSWORD
from tests.helpers import admin_sql, bind_token, lapse_lease

pytestmark = pytest.mark.pg


def _agent(pg_admin: Runtime, job_no: str, role: Role = Role.AGENT) -> None:
    from datetime import UTC, datetime

    from console.people import agents

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))


def _refused(c: Connection, sql: str, match: str, **params: object) -> None:
    with pytest.raises(exc.DBAPIError, match=match):
        c.execute(text(sql), params)
    c.rollback()


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM agent_credentials",
        "SELECT * FROM security_policy",
        "UPDATE agent_credentials SET failed_count = 0",
        "UPDATE agent_sessions SET ended_at = NULL",
        "INSERT INTO agent_sessions (agent_id, job_no, seat, token_hash, started_at, lease_until) "
        "VALUES (1, '1001', 'x', '\\x00', now(), now())",
        "UPDATE agents SET role = 'admin'",
        "INSERT INTO audit_log (id, at, kind, payload, prev_hash, hash) "
        "VALUES (999, now(), 'x', '{}', '', '')",
        "UPDATE audit_log SET kind = 'x'",
        "DELETE FROM audit_log",
        "SELECT ac_audit_append('1001', 'x', 'forged', '{}')",
        "SELECT ac_check_password('1001', '\\x00', 'x', 'probe')",
    ],
)
def test_seat_role_cannot_touch_protected_data(seat_sql: Connection, sql: str) -> None:
    _refused(seat_sql, sql, "permission denied")


def test_business_row_without_a_session_is_refused(seat_sql: Connection) -> None:
    _refused(
        seat_sql,
        "INSERT INTO agent_state_events (state, at, job_no, session_id) "
        "VALUES ('ready', now(), '1001', 1)",
        "no longer active",
    )


def test_job_number_comes_from_the_session_not_the_client(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    _agent(pg_admin, "1001")
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    bind_token(seat_sql, ctx)
    seat_sql.execute(
        text(
            "INSERT INTO agent_state_events (state, at, job_no, delegate_job_no, session_id) "
            "VALUES ('ready', now(), '9999', '8888', 12345)"
        )
    )
    seat_sql.commit()
    rows = admin_sql(pg_admin, "SELECT job_no, delegate_job_no, session_id FROM agent_state_events")
    assert rows == [("1001", None, ctx.session_id)]


def test_superseded_token_cannot_write(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    _agent(pg_admin, "1001")
    old = pg_rt.login("1001", PASSWORD, "坐席01")
    lapse_lease(pg_admin, "1001")
    pg_rt.login("1001", PASSWORD, "坐席02")
    bind_token(seat_sql, old)
    _refused(
        seat_sql,
        "INSERT INTO agent_state_events (state, at, job_no, session_id) "
        "VALUES ('ready', now(), '1001', 1)",
        "no longer active",
    )
    bind_token(seat_sql, old)
    _refused(seat_sql, "SELECT ac_heartbeat()", "no longer active")
    assert admin_sql(pg_admin, "SELECT count(*) FROM agent_state_events") == [(0,)]


def test_agent_cannot_end_sessions_even_calling_the_function(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    _agent(pg_admin, "1001")
    _agent(pg_admin, "1002")
    victim = pg_rt.login("1002", PASSWORD, "坐席02")
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    bind_token(seat_sql, ctx)
    _refused(seat_sql, "SELECT ac_end_session(:i, 'x')", "needs a supervisor", i=victim.session_id)


def test_two_open_sessions_for_one_job_number_cannot_exist(pg_admin: Runtime) -> None:
    """The partial unique index holds even for the schema owner."""
    _agent(pg_admin, "1001")
    insert = (
        "INSERT INTO agent_sessions (agent_id, job_no, seat, token_hash, started_at, lease_until) "
        "SELECT id, job_no, :seat, :th, now(), now() + interval '1 minute' FROM agents"
    )
    admin_sql(pg_admin, insert, seat="a", th=b"1" * 32)
    with pytest.raises(Exception, match="uq_agent_sessions_open_job_no|already_open"):
        admin_sql(pg_admin, insert, seat="b", th=b"2" * 32)
