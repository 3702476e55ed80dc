"""The work-list claims read their first free item off an index, with no sort of the
due items (migration 0023, issue 19 item 7 b): EXPLAIN of the very statement the claim
sends, on both databases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

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


def _claim_statement(rt: Runtime, ctx: Any) -> tuple[str, Any]:
    """The statement ``callbacks.claim_next`` sends to claim (and its parameters)."""
    sent: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, *_a: Any) -> None:
        if "FROM callbacks" in statement and "ORDER BY" in statement and "due_at" in statement:
            sent.append((statement, params))

    event.listen(rt.db.engine, "before_cursor_execute", capture)
    try:
        item = rt.run(ctx, callbacks.claim_next)
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", capture)
    assert item is not None
    claims = [x for x in sent if "claimed_session_id" in x[0] and "LIMIT" in x[0]]
    return claims[-1]


def test_the_callback_claim_reads_the_index_without_sorting(
    test_db: TestDb, rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    a = rt.login("1001", PASSWORD, "坐席01")
    with rt.unit(a) as s:
        now = db_now(s)
    _fill(test_db, a.session_id, now)
    statement, params = _claim_statement(rt, a)
    engine = make_engine(test_db.admin_url, use_keyring=False)
    with engine.connect() as c:
        raw = c.connection.driver_connection
        cur = raw.cursor()
        if test_db.kind == "pg":
            cur.execute("EXPLAIN " + statement, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + statement, params)
        plan = "\n".join(str(r[-1]) for r in cur.fetchall())
        cur.close()
    engine.dispose()
    assert "ix_callbacks_queue" in plan, plan
    if test_db.kind == "pg":
        assert "Sort" not in plan, plan  # neither a Sort nor an Incremental Sort
    else:
        assert "TEMP B-TREE" not in plan, plan  # SQLite's sort of the due items
