"""R7.3: Alembic migrations are the only source of the schema, and they match the models."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from db import migrate
from db.models import Base
from tests.conftest import TestDb


def _not_search_machinery(obj: object, name: str | None, kind: str, *_a: object) -> bool:
    """The text search's own objects (migration 0011) have no model: SQLite's FTS5 table
    and its shadow tables, PostgreSQL's trigram index."""
    return not (name or "").startswith(("kb_fts", "ix_kb_articles_text"))


# SQLite cannot reflect the expression index on call durations (migration 0004), so
# Alembic says it skips comparing it there; PostgreSQL compares it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_migrated_schema_matches_the_models(test_db: TestDb) -> None:
    engine = create_engine(test_db.admin_url)
    with engine.connect() as c:
        opts = {"compare_type": True, "include_object": _not_search_machinery}
        diff = compare_metadata(MigrationContext.configure(c, opts=opts), Base.metadata)
    engine.dispose()
    assert diff == []


def test_fresh_database_is_upgraded_at_start_with_a_message(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from cli.commands import say
    from console.app.startup import open_runtime

    url = f"sqlite:///{tmp_path}/new.db"

    rt = open_runtime(url, say=say)
    assert migrate.state(rt.db.engine).up_to_date
    err = capsys.readouterr().err
    assert "正在升级数据库结构" in err and migrate.state(rt.db.engine).head in err
    rt.close()
    # A second start has nothing to do and says nothing.
    open_runtime(url, say=say).close()
    assert capsys.readouterr().err == ""


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet (the owner's URL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/old.db"
        return
    server = request.getfixturevalue("pg_server")
    name = f"empty_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    yield server.url(name)


def test_migration_0016_numbers_the_cases_already_there(empty_db: str) -> None:
    """Cases opened before case numbers get one, in the order they were opened within
    each year of the center's calendar (Asia/Shanghai: 2025-12-31 17:00 UTC is already
    2026 there); the yearly counters go on from there."""
    engine = create_engine(empty_db)
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0015")
    at = "2025-12-31 10:00:00"
    opened = {  # case id: opened at (UTC)
        "00000000-0000-4000-8000-000000000003": "2026-03-01 02:00:00",
        "00000000-0000-4000-8000-000000000001": "2025-12-31 15:00:00",  # 23:00 in Tai'an
        "00000000-0000-4000-8000-000000000002": "2025-12-31 17:00:00",  # 01:00, 1 January
    }
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO agents (id, job_no, name, role, active, must_change_password, "
                "created_at) VALUES (1, '1001', '张敏', 'agent', true, false, :at)"
            ),
            {"at": at},
        )
        c.execute(
            text(
                "INSERT INTO agent_sessions (id, agent_id, job_no, seat, token_hash, "
                "started_at, lease_until, ended_at) VALUES (1, 1, '1001', '坐席01', :t, :at, "
                ":at, :at)"
            ),
            {"t": bytes(32), "at": at},
        )
        for case_id, when in opened.items():
            c.execute(
                text(
                    "INSERT INTO cases (id, kind, status, owner_job_no, summary, details, "
                    "opened_at, updated_at, version, job_no, session_id) VALUES "
                    "(:id, 'repair', 'open', '1001', '燃气表不走字', '{}', :at, :at, 1, "
                    "'1001', 1)"
                ),
                {"id": case_id, "at": when},
            )
    migrate.upgrade(engine)
    with engine.connect() as c:
        numbers: dict[str, str] = dict(c.execute(text("SELECT id, case_no FROM cases")).all())
        counters: dict[int, int] = dict(
            c.execute(text("SELECT year, last FROM case_serials")).all()
        )
        versions = {v for (v,) in c.execute(text("SELECT version FROM cases"))}
    engine.dispose()
    assert numbers == {
        "00000000-0000-4000-8000-000000000001": "G2025-00001",
        "00000000-0000-4000-8000-000000000002": "G2026-00001",
        "00000000-0000-4000-8000-000000000003": "G2026-00002",
    }
    assert counters == {2025: 1, 2026: 2} and versions == {2}


BEFORE_0026 = "0025"  # the revision 0026 follows


def test_migration_0026_lets_a_dropped_call_be_stored_and_keeps_the_calls(
    empty_db: str,
) -> None:
    """``calls.ended_by`` takes ``system`` after 0026, on both databases; SQLite's
    rebuild keeps the rows, the events that refer to them and every index (the
    expression index on the duration among them); a downgrade puts the old CHECK back."""
    engine = create_engine(empty_db)
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), BEFORE_0026)
    at = "2026-12-01 02:00:00"
    call = "00000000-0000-4000-8000-0000000000c1"

    def indexes() -> set[str]:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls'"
            if engine.dialect.name == "sqlite"
            else "SELECT indexname FROM pg_indexes WHERE tablename = 'calls'"
        )
        with engine.connect() as c:
            return set(c.execute(text(sql)).scalars())

    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO agents (id, job_no, name, role, active, must_change_password, "
                "created_at) VALUES (1, '1001', '张敏', 'agent', true, false, :at)"
            ),
            {"at": at},
        )
        c.execute(
            text(
                "INSERT INTO agent_sessions (id, agent_id, job_no, seat, token_hash, "
                "started_at, lease_until, ended_at) VALUES (1, 1, '1001', '坐席01', :t, :at, "
                ":at, :at)"
            ),
            {"t": bytes(32), "at": at},
        )
        c.execute(
            text(
                "INSERT INTO calls (id, direction, channel, caller_number, started_at, "
                "answered_at, ended_at, ended_by, ring_count, state, notes, updated_at, "
                "version, job_no, session_id) VALUES (:id, 'inbound', 'phone', '13912341234', "
                ":at, :at, :at, 'caller', 1, 'wrap_up', '燃气表漏气', :at, 1, '1001', 1)"
            ),
            {"id": call, "at": at},
        )
        c.execute(
            text(
                "INSERT INTO call_events (call_id, seq, kind, at, data, job_no, session_id) "
                "VALUES (:id, 1, 'ring', :at, '{}', '1001', 1)"
            ),
            {"id": call, "at": at},
        )
    before = indexes()
    # (PostgreSQL's rules want each save to bump the version.)
    dropped = "UPDATE calls SET ended_by = 'system', version = version + 1 WHERE id = :id"
    with pytest.raises(Exception, match="ck_calls_ended_by|CHECK constraint"), engine.begin() as c:
        c.execute(text(dropped), {"id": call})

    migrate.upgrade(engine)
    with engine.begin() as c:
        c.execute(text(dropped), {"id": call})
    with engine.connect() as c:
        row = c.execute(text("SELECT ended_by, notes FROM calls WHERE id = :id"), {"id": call})
        assert tuple(row.one()) == ("system", "燃气表漏气")
        assert c.execute(text("SELECT count(*) FROM call_events")).scalar_one() == 1
        if engine.dialect.name == "sqlite":
            assert c.execute(text("PRAGMA foreign_key_check")).all() == []
        # The view 0024 made on calls still reads it.
        assert c.execute(text("SELECT count(*) FROM call_scores")).scalar_one() == 1
    assert indexes() == before and "ix_calls_duration" in before
    with pytest.raises(Exception, match="ck_calls_ended_by|CHECK constraint"), engine.begin() as c:
        c.execute(text(dropped.replace("'system'", "'nobody'")), {"id": call})

    with engine.begin() as conn:
        command.downgrade(migrate._config(conn), BEFORE_0026)
    with engine.connect() as c:
        assert c.execute(text("SELECT ended_by FROM calls")).scalar_one() is None
    assert indexes() == before
    engine.dispose()
