"""The work-list claims read their first free item off an index, with no sort of the
due items (migration 0025, issue 19 item 7 b): EXPLAIN of the very statement the claim
sends, on both databases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert, text

from console.app.runtime import Runtime
from console.cases import callbacks
from console.core.unit import db_now
from db.engine import make_engine
from db.models import Callback
from tests.conftest import PASSWORD, AgentFactory, TestDb

ITEMS = 3000


def _fill(test_db: TestDb, session_id: int, now: Any) -> None:
    """Many due items, as a busy list holds (statistics gathered, as autovacuum would)."""
    engine = make_engine(test_db.admin_url, use_keyring=False)
    rows = [
        {
            "id": str(uuid.uuid4()),
            "reason": "inquiry_sample",
            "phone": f"138{i:08d}",
            "due_at": now - timedelta(minutes=i % 300),  # many items share a due time
            "created_at": now - timedelta(days=1),
            "attempts": 0,
            "job_no": "1001",
            "session_id": session_id,
        }
        for i in range(ITEMS)
    ]
    with engine.begin() as c:
        c.execute(insert(Callback), rows)
        c.execute(text("ANALYZE"))
    engine.dispose()


def _statements(rt: Runtime, ctx: Any) -> list[tuple[str, Any]]:
    """The statements ``callbacks.claim_next`` sends on the callback list."""
    sent: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, *_a: Any) -> None:
        if "FROM callbacks" in statement and "ORDER BY" in statement:
            sent.append((statement, params))

    event.listen(rt.db.engine, "before_cursor_execute", capture)
    try:
        item = rt.run(ctx, callbacks.claim_next)
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", capture)
    assert item is not None
    return sent


def _plan(test_db: TestDb, statement: str, params: Any) -> str:
    engine = make_engine(test_db.admin_url, use_keyring=False)
    with engine.connect() as c:
        driver = c.connection.driver_connection
        assert driver is not None
        cur = driver.cursor()
        explain = "EXPLAIN " if test_db.kind == "pg" else "EXPLAIN QUERY PLAN "
        cur.execute(explain + statement, params)
        plan = "\n".join(str(r[-1]) for r in cur.fetchall())
        cur.close()
    engine.dispose()
    return plan


def _no_sort(test_db: TestDb, plan: str) -> None:
    if test_db.kind == "pg":
        assert "Sort" not in plan, plan  # neither a Sort nor an Incremental Sort
    else:
        assert "TEMP B-TREE" not in plan, plan  # SQLite's sort


@pytest.fixture
def busy_list(test_db: TestDb, rt: Runtime, make_agent: AgentFactory) -> list[tuple[str, Any]]:
    """The statements of a claim on a list of many due items."""
    make_agent("1001")
    a = rt.login("1001", PASSWORD, "坐席01")
    with rt.unit(a) as s:
        now = db_now(s)
    _fill(test_db, a.session_id, now)
    return _statements(rt, a)


def test_the_callback_claim_reads_the_index_without_sorting(
    test_db: TestDb, busy_list: list[tuple[str, Any]]
) -> None:
    [(statement, params)] = [x for x in busy_list if "due_at" in x[0] and "LIMIT" in x[0]][-1:]
    plan = _plan(test_db, statement, params)
    assert "ix_callbacks_queue" in plan, plan
    _no_sort(test_db, plan)


def test_the_item_a_session_holds_is_found_by_its_index(
    test_db: TestDb, busy_list: list[tuple[str, Any]]
) -> None:
    [(statement, params)] = [
        x for x in busy_list if x[0].startswith("SELECT") and "claimed_session_id =" in x[0]
    ]
    plan = _plan(test_db, statement, params)
    assert "ix_callbacks_held" in plan, plan
