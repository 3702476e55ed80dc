"""Issue 20, items 5, 6 and 15 on PostgreSQL: the schema owner may have any name (and be
renamed), set-up failures say their cause, and command-line administration is audited
with the database role, the operating-system user and the host."""

from __future__ import annotations

import getpass
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import open_runtime
from tests.helpers import admin_sql
from tests.pgserver import SEAT_USER, PgServer

pytestmark = pytest.mark.pg

ROOT = Path(__file__).resolve().parent.parent
OPERATOR = f"{getpass.getuser()}@{socket.gethostname()}"


def _superuser(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        for sql in statements:
            c.execute(text(sql))
    engine.dispose()


def _cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--db", url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def test_an_owner_with_a_long_name_runs_every_command_and_may_be_renamed(
    pg_server: PgServer,
) -> None:
    _superuser(
        pg_server.url(),
        "CREATE ROLE console_owner_long_name LOGIN",
        "CREATE DATABASE long_owner OWNER console_owner_long_name",
    )
    url = pg_server.url("long_owner", "console_owner_long_name")
    for args, stdin in (
        (("db", "upgrade"), ""),
        (("agent", "add", "9001", "陈静", "--role", "admin", "--password-stdin"), "Temp#2026a\n"),
        (("seat", "add", "坐席01", "--location", "一楼"), ""),
        (("seat", "disable", "坐席01", "--reason", "维修"), ""),
        (("seat", "enable", "坐席01"), ""),
        (("demo", "--customers", "20", "--calls", "20"), ""),
    ):
        done = _cli(url, *args, stdin=stdin)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
    owner = open_runtime(url)
    rows = admin_sql(
        owner, "SELECT DISTINCT actor_job_no, seat FROM audit_log WHERE actor_job_no LIKE 'admin:%'"
    )
    assert rows == [("admin:console_owner_long_name", OPERATOR)]
    owner.close()
    # A seat signs in at the seat the long-named owner registered.
    seat = open_runtime(pg_server.url("long_owner", SEAT_USER))
    assert seat.login("1001", "Demo@2026", "坐席01").job_no == "1001"
    seat.close()

    # Renamed, the owner still administers: nothing remembered the old name.
    _superuser(
        pg_server.url(), "ALTER ROLE console_owner_long_name RENAME TO console_owner_renamed"
    )
    renamed = pg_server.url("long_owner", "console_owner_renamed")
    done = _cli(renamed, "agent", "add", "1099", "新人", "--password-stdin", stdin="Temp#2026a\n")
    assert done.returncode == 0, done.stderr
    owner = open_runtime(renamed)
    [(actor, payload)] = admin_sql(
        owner,
        "SELECT actor_job_no, payload FROM audit_log WHERE kind = 'agent.added' "
        "ORDER BY id DESC LIMIT 1",
    )
    assert actor == "admin:console_owner_renamed" and json.loads(payload)["job_no"] == "1099"
    owner.close()


@pytest.fixture
def bare_server() -> Iterator[PgServer]:
    """A cluster of its own: without the seats' group role the shared one has."""
    server = PgServer().start()
    yield server
    server.stop()


def test_an_owner_who_may_not_create_roles_is_told_to_create_the_group_role(
    bare_server: PgServer,
) -> None:
    _superuser(
        bare_server.url(),
        "CREATE ROLE plain_owner LOGIN",  # no CREATEROLE
        "CREATE DATABASE plain OWNER plain_owner",
    )
    url = bare_server.url("plain", "plain_owner")
    refused = _cli(url, "db", "upgrade")
    assert refused.returncode == 2
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, refused.stderr  # the progress line, then the cause
    assert "CREATE ROLE agent_console_seat NOLOGIN" in lines[-1]
    assert "plain_owner" in lines[-1] and "Traceback" not in refused.stderr
    _superuser(bare_server.url(), "CREATE ROLE agent_console_seat NOLOGIN")
    done = _cli(url, "db", "upgrade")
    assert done.returncode == 0, done.stderr
