"""Bulk loading of customers through the raw driver: what the ORM cannot do fast.

One million rows go in as one transaction: ``executemany`` in large batches on SQLite,
``COPY … FROM STDIN`` on PostgreSQL. Only the schema owner may write ``customers`` on
PostgreSQL, so the connection must be the administrator's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC
from itertools import islice
from typing import Any

from sqlalchemy.engine import Connection, Engine

# The column order of the tuples ``insert_customers`` takes (the timestamp last:
# ``_text_times`` relies on it).
CUSTOMER_COLUMNS = (
    "account_no",
    "name",
    "gender",
    "phone",
    "phone_rev",
    "id_number",
    "community",
    "building",
    "unit",
    "room",
    "account_type",
    "special_group",
    "last_inspection_at",
)
_COLS = ", ".join(CUSTOMER_COLUMNS)
_SQLITE_INSERT = (
    f"INSERT INTO customers ({_COLS}) VALUES ({', '.join('?' * len(CUSTOMER_COLUMNS))})"
)
_PG_COPY = f"COPY customers ({_COLS}) FROM STDIN"

# Page cache for the load (KiB, negative as SQLite wants it): index pages stay in
# memory instead of being re-read for every random insert position.
_SQLITE_LOAD_CACHE_KIB = 256 * 1024

# on_progress(stage, count): ("rows", rows so far) after every batch, ("indexes", how
# many) before rebuilding indexes, ("analyze", rows) before refreshing statistics.
Progress = Callable[[str, int], None]


def insert_customers(
    target: Engine | Connection,
    rows: Iterable[tuple[Any, ...]],
    batch: int = 50_000,
    on_progress: Progress | None = None,
    *,
    rebuild_indexes: bool = False,
) -> int:
    """Insert ``rows`` (tuples in ``CUSTOMER_COLUMNS`` order) and return how many.

    ``last_inspection_at`` is an aware datetime or None. With an ``Engine`` the load is
    its own transaction; with a ``Connection`` it joins the one in progress (so a
    caller can record the load in the audit trail atomically).

    ``rebuild_indexes`` drops the table's secondary indexes, loads, and creates them
    again from their stored definitions, all in the same transaction: about twice as
    fast when the load is large compared with the table. Constraint indexes (primary
    key, unique account number) stay. On PostgreSQL the dropped indexes lock the table
    against readers until commit: use it for initial loads, not on a live center.
    """
    if isinstance(target, Engine):
        with target.begin() as conn:
            return _insert(conn, rows, batch, on_progress, rebuild_indexes)
    if not target.in_transaction():
        raise ValueError("insert_customers needs a connection inside a transaction")
    return _insert(target, rows, batch, on_progress, rebuild_indexes)


def _insert(
    conn: Connection,
    rows: Iterable[tuple[Any, ...]],
    batch: int,
    on_progress: Progress | None,
    rebuild_indexes: bool,
) -> int:
    report = on_progress or (lambda _stage, _count: None)
    raw = conn.connection.driver_connection
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return _sqlite(raw, rows, batch, report, rebuild_indexes)
    if dialect == "postgresql":
        from db import bounds

        with bounds.unbounded(raw):  # as long as it takes, like its statement_timeout
            return _postgresql(raw, rows, batch, report, rebuild_indexes)
    raise NotImplementedError(f"bulk load on {dialect}")


def _text_times(rows: Iterable[tuple[Any, ...]], sqlite: bool) -> Iterator[tuple[Any, ...]]:
    """``last_inspection_at`` as text: on SQLite in SQLAlchemy's storage format for
    ``UtcDateTime`` (naive UTC), on PostgreSQL ISO 8601 with the offset."""
    for row in rows:
        at = row[-1]
        if at is None:
            yield row
            continue
        if at.tzinfo is not UTC:
            if at.tzinfo is None:
                raise ValueError(f"naive last_inspection_at: {at!r}")
            at = at.astimezone(UTC)
        if sqlite:
            yield (*row[:-1], at.replace(tzinfo=None).isoformat(" ", "microseconds"))
        else:
            yield (*row[:-1], at.isoformat(" "))


def _sqlite(
    raw: Any,
    rows: Iterable[tuple[Any, ...]],
    batch: int,
    report: Progress,
    rebuild_indexes: bool,
) -> int:
    cur = raw.cursor()
    try:
        (cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
        cur.execute(f"PRAGMA cache_size = -{_SQLITE_LOAD_CACHE_KIB}")
        try:
            indexes: list[tuple[str, str]] = []
            if rebuild_indexes:
                indexes = cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = 'customers' AND sql IS NOT NULL"
                ).fetchall()
                for name, _sql in indexes:
                    cur.execute(f'DROP INDEX "{name}"')
            total = 0
            values = _text_times(rows, sqlite=True)
            while chunk := list(islice(values, batch)):
                cur.executemany(_SQLITE_INSERT, chunk)
                total += len(chunk)
                report("rows", total)
            if indexes:
                report("indexes", len(indexes))
                for _name, sql in indexes:
                    cur.execute(sql)
            return total
        finally:
            cur.execute(f"PRAGMA cache_size = {int(cache_size)}")
    finally:
        cur.close()


def _postgresql(
    raw: Any,
    rows: Iterable[tuple[Any, ...]],
    batch: int,
    report: Progress,
    rebuild_indexes: bool,
) -> int:
    with raw.cursor() as cur:
        # Seats' connections carry a 15 s statement timeout (db/engine.py); loading a
        # million rows is one statement and may take longer. SET LOCAL ends with the
        # transaction.
        cur.execute("SET LOCAL statement_timeout = 0")
        indexes: list[tuple[str, str]] = []
        if rebuild_indexes:
            cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
            indexes = cur.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = 'customers'::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            ).fetchall()
            for name, _sql in indexes:
                cur.execute(f'DROP INDEX "{name}"')
        total = 0
        values = _text_times(rows, sqlite=False)
        with cur.copy(_PG_COPY) as copy:
            while chunk := list(islice(values, batch)):
                for row in chunk:
                    copy.write_row(row)
                total += len(chunk)
                report("rows", total)
        if indexes:
            report("indexes", len(indexes))
            for _name, sql in indexes:
                cur.execute(sql)
        if total:
            report("analyze", total)
            cur.execute("ANALYZE customers")
        return total
