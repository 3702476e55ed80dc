"""R7.4: a lost database connection is reported clearly and recovered from."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from console.app.runtime import Runtime
from console.app.startup import open_runtime
from console.core.errors import UserFacingError
from console.people import auth
from console.shift import states
from console.shift.states import AgentState
from tests.conftest import PASSWORD, TestDb
from tests.helpers import admin_sql
from tests.pgserver import SEAT_USER

pytestmark = pytest.mark.pg


def test_unreachable_server_is_a_clear_error_not_a_crash() -> None:
    from tests.pgserver import free_port

    port = free_port()
    with pytest.raises(UserFacingError) as e:
        open_runtime(f"postgresql://{SEAT_USER}@127.0.0.1:{port}/nowhere")
    assert e.value.message_id == "db.unreachable" and e.value.params["port"] == port


def test_seat_recovers_after_the_server_drops_its_connections(
    pg_db: TestDb, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    from datetime import UTC, datetime

    from console.core.identity import Role
    from console.people import agents

    rt, admin_rt = pg_rt, pg_admin
    with admin_rt.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "张敏", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, states.set_state, AgentState.READY)
    # The server restarts, a firewall drops the link: the seat's connections die.
    killer = create_engine(pg_db.admin_url)
    with killer.begin() as c:
        killed = c.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = :u"
            ),
            {"u": SEAT_USER},
        ).scalar_one()
    killer.dispose()
    assert killed >= 1
    # The next action reconnects by itself: same session, nothing lost.
    rt.run(ctx, auth.heartbeat)
    rt.run(ctx, states.set_state, AgentState.BREAK)
    states_written = admin_sql(admin_rt, "SELECT state FROM agent_state_events ORDER BY id")
    assert states_written == [("ready",), ("break",)]


def test_a_seat_starts_against_an_up_to_date_shared_database(pg_db: TestDb) -> None:
    """Seats may not change the schema, but they must be able to check it at start."""
    rt = open_runtime(pg_db.url)
    assert rt.dialect == "postgresql"
    rt.close()


def test_a_seat_cannot_migrate_and_says_who_must(pg_server) -> None:  # type: ignore[no-untyped-def]
    from console.core.errors import UserFacingError

    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("CREATE DATABASE empty_for_seat"))
    admin.dispose()
    with pytest.raises(UserFacingError) as e:
        open_runtime(pg_server.url("empty_for_seat", SEAT_USER))
    assert e.value.message_id == "db.schema_outdated"


def test_a_seat_refuses_a_schema_from_a_newer_program(pg_db: TestDb) -> None:
    from console.core.errors import UserFacingError

    engine = create_engine(pg_db.admin_url)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(UserFacingError) as e:
        open_runtime(pg_db.url)
    assert e.value.message_id == "db.schema_newer"
