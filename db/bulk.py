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

# The column order of the tuples ``insert_customers`` takes.
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
_INSPECTION = CUSTOMER_COLUMNS.index("last_inspection_at")
assert len(CUSTOMER_COLUMNS) - 1 == _INSPECTION  # the SQLite conversion relies on it

_COLS = ", ".join(CUSTOMER_COLUMNS)
_SQLITE_INSERT = (
    f"INSERT INTO customers ({_COLS}) VALUES ({', '.join('?' * len(CUSTOMER_COLUMNS))})"
)
_PG_COPY = f"COPY customers ({_COLS}) FROM STDIN"

# Page cache for the load (KiB, negative as SQLite wants it): index pages stay in
# memory instead of being re-read for every random insert position.
_SQLITE_LOAD_CACHE_KIB = 256 * 1024

Progress = Callable[[int], None]


def insert_customers(
    target: Engine | Connection,
    rows: Iterable[tuple[Any, ...]],
    batch: int = 50_000,
    on_progress: Progress | None = None,
) -> int:
    """Insert ``rows`` (tuples in ``CUSTOMER_COLUMNS`` order) and return how many.

    ``last_inspection_at`` is an aware datetime or None. With an ``Engine`` the load is
    its own transaction; with a ``Connection`` it joins the one in progress (so a
    caller can record the load in the audit trail atomically). ``on_progress`` gets the
    running count after every ``batch`` rows.
    """
    if isinstance(target, Engine):
        with target.begin() as conn:
            return _insert(conn, rows, batch, on_progress)
    if not target.in_transaction():
        raise ValueError("insert_customers needs a connection inside a transaction")
    return _insert(target, rows, batch, on_progress)


def _insert(
    conn: Connection,
    rows: Iterable[tuple[Any, ...]],
    batch: int,
    on_progress: Progress | None,
) -> int:
    raw = conn.connection.driver_connection
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return _sqlite(raw, rows, batch, on_progress)
    if dialect == "postgresql":
        return _postgresql(raw, rows, batch, on_progress)
    raise NotImplementedError(f"bulk load on {dialect}")


def _sqlite_values(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """SQLAlchemy's storage format for ``UtcDateTime`` on SQLite: naive UTC text."""
    for row in rows:
        at = row[-1]
        if at is None:
            yield row
        else:
            if at.tzinfo is not UTC:
                if at.tzinfo is None:
                    raise ValueError(f"naive last_inspection_at: {at!r}")
                at = at.astimezone(UTC)
            yield (*row[:-1], at.replace(tzinfo=None).isoformat(" ", "microseconds"))


def _sqlite(
    raw: Any, rows: Iterable[tuple[Any, ...]], batch: int, on_progress: Progress | None
) -> int:
    cur = raw.cursor()
    try:
        (cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
        cur.execute(f"PRAGMA cache_size = -{_SQLITE_LOAD_CACHE_KIB}")
        try:
            total = 0
            values = _sqlite_values(rows)
            while chunk := list(islice(values, batch)):
                cur.executemany(_SQLITE_INSERT, chunk)
                total += len(chunk)
                if on_progress:
                    on_progress(total)
            return total
        finally:
            cur.execute(f"PRAGMA cache_size = {int(cache_size)}")
    finally:
        cur.close()


def _postgresql(
    raw: Any, rows: Iterable[tuple[Any, ...]], batch: int, on_progress: Progress | None
) -> int:
    with raw.cursor() as cur:
        # Seats' connections carry a 15 s statement timeout (db/engine.py); a load of a
        # million rows is one statement and may take longer. SET LOCAL ends with the
        # transaction.
        cur.execute("SET LOCAL statement_timeout = 0")
        total = 0
        it = iter(rows)
        with cur.copy(_PG_COPY) as copy:
            while chunk := list(islice(it, batch)):
                for row in chunk:
                    copy.write_row(row)
                total += len(chunk)
                if on_progress:
                    on_progress(total)
        if total:
            cur.execute("ANALYZE customers")
        return total
