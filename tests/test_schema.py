"""R7.3: Alembic migrations are the only source of the schema, and they match the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

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
