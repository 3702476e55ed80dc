"""R8.1: the audit log is append-only and tamper-evident."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from console.app.runtime import Runtime
from console.core import audit
from console.core.errors import UserFacingError
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql


def _some_history(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    make_agent("1002")
    for _ in range(2):
        with pytest.raises(UserFacingError):
            rt.login("1001", "wrong", "坐席01")
    rt.login("1001", PASSWORD, "坐席01")
    rt.login("1002", PASSWORD, "坐席02")


def _verify(rt: Runtime) -> audit.ChainReport:
    with rt.unit(admin="test") as s:
        return audit.verify(s)


def test_intact_chain_verifies(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> None:
    _some_history(rt, make_agent)
    report = _verify(admin_rt)
    assert report.intact and report.entries >= 6


def test_tampered_entry_is_named(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory, test_db: TestDb
) -> None:
    _some_history(rt, make_agent)
    target = admin_sql(admin_rt, "SELECT id FROM audit_log WHERE kind = 'login.failed' LIMIT 1")[0][
        0
    ]
    # Someone with full control of the database file/server rewrites history.
    engine = create_engine(test_db.admin_url)
    with engine.begin() as c:
        if test_db.kind == "pg":
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable"))
        else:
            c.execute(text("DROP TRIGGER audit_log_no_update"))
        c.execute(text("UPDATE audit_log SET actor_job_no = '9999' WHERE id = :i"), {"i": target})
    engine.dispose()
    report = _verify(admin_rt)
    assert not report.intact and report.broken_id == target

    cli = subprocess.run(
        [sys.executable, "main.py", "--db", test_db.admin_url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 1
    assert f"entry {target}" in cli.stdout


def test_deleted_entry_breaks_the_chain(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory, test_db: TestDb
) -> None:
    _some_history(rt, make_agent)
    ids = [r[0] for r in admin_sql(admin_rt, "SELECT id FROM audit_log ORDER BY id")]
    engine = create_engine(test_db.admin_url)
    with engine.begin() as c:
        if test_db.kind == "pg":
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable"))
        else:
            c.execute(text("DROP TRIGGER audit_log_no_delete"))
        c.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": ids[2]})
    engine.dispose()
    assert _verify(admin_rt).broken_id == ids[3]


def test_even_the_owner_cannot_change_audit_rows_with_plain_sql(
    admin_rt: Runtime, rt: Runtime, make_agent: AgentFactory, test_db: TestDb
) -> None:
    from sqlalchemy import exc

    _some_history(rt, make_agent)
    engine = create_engine(test_db.admin_url)
    for sql in ("UPDATE audit_log SET kind = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(exc.DBAPIError, match="append-only"), engine.begin() as c:
            c.execute(text(sql))
    engine.dispose()
    assert _verify(admin_rt).intact


def test_cli_verify_succeeds_on_an_intact_chain(
    rt: Runtime, make_agent: AgentFactory, test_db: TestDb
) -> None:
    _some_history(rt, make_agent)
    cli = subprocess.run(
        [sys.executable, "main.py", "--db", test_db.admin_url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    assert "intact" in cli.stdout
