"""Shared work lists (R3.8): two agents never get the same item.

A list is a table whose rows carry ``claimed_by_job_no``, ``claimed_session_id`` and
``claimed_at``. :func:`claim` takes the first row (in the list's order) that is open,
due and free, atomically:

* PostgreSQL: ``UPDATE … WHERE key = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)`` — a
  row another seat is claiming is skipped, not waited for;
* SQLite, where SKIP LOCKED does not exist: candidates are read, then each is claimed
  with an UPDATE that holds only while the row is still free; the row count says who
  won (every SQLite transaction here starts with BEGIN IMMEDIATE, db/engine.py).

A claim belongs to the claiming session. When that session ends or its lease lapses
(the PC was switched off), the claim is void and the row is claimable again, as the
database clock decides (:func:`free`). Used by the callback list (console/cases/callbacks.py)
and the notification campaigns (console/campaigns/campaigns.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, exists, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from console.core.errors import UserFacingError
from console.core.unit import guard
from db.guard import BoundSession
from db.models import AgentSession

_SQLITE_CANDIDATES = 8  # read per round on SQLite; each is re-checked by its UPDATE

Conditions = Callable[[Any], Sequence[ColumnElement[bool]]]  # (table or alias) → WHERE
Order = Callable[[Any], Sequence[Any]]  # (table or alias) → ORDER BY


def bound(s: Session) -> BoundSession:
    """The signed-in session this unit of work runs as; a claim is made in its name.
    (On PostgreSQL the fence trigger refuses the write too; on SQLite this is the check.)"""
    b = guard(s).bound(s)
    if b is None:
        raise UserFacingError("session.not_active")
    return b


def free(t: Any, now: datetime) -> ColumnElement[bool]:
    """Nobody holds the row: never claimed, or claimed by a session that has ended or
    whose lease has lapsed by the database clock (a dead PC releases its work)."""
    alive = exists().where(
        AgentSession.id == t.c.claimed_session_id,
        AgentSession.ended_at.is_(None),
        AgentSession.lease_until >= now,
    )
    return or_(t.c.claimed_session_id.is_(None), ~alive)


def rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def claim(
    s: Session,
    table: Table,
    key: Sequence[str],
    claimable: Conditions,
    order: Order,
    b: BoundSession,
    at: datetime,
    **extra: Any,
) -> tuple[Any, ...] | None:
    """Claim the first claimable, free row for session ``b``; its key, or None.
    ``extra`` values are set on the claimed row too."""
    values = {
        "claimed_by_job_no": b.job_no,
        "claimed_session_id": b.session_id,
        "claimed_at": at,
        **extra,
    }
    cols = [table.c[k] for k in key]
    if s.get_bind().dialect.name == "postgresql":
        c = table.alias("candidate")
        candidate = (
            select(*[c.c[k] for k in key])
            .where(*claimable(c), free(c, at))
            .order_by(*order(c))
            .limit(1)
            .with_for_update(skip_locked=True, of=c)  # a claim in flight is skipped
            .cte("candidate_row")
        )
        match = and_(*[col == candidate.c[k] for col, k in zip(cols, key, strict=True)])
        row = s.execute(update(table).where(match).values(**values).returning(*cols)).one_or_none()
        return None if row is None else tuple(row)
    while True:
        keys = s.execute(
            select(*cols)
            .where(*claimable(table), free(table, at))
            .order_by(*order(table))
            .limit(_SQLITE_CANDIDATES)
        ).all()
        if not keys:
            return None
        for k in keys:
            match = and_(*[col == v for col, v in zip(cols, k, strict=True)])
            won = rowcount(
                s.execute(
                    update(table).where(match, *claimable(table), free(table, at)).values(**values)
                )
            )
            if won == 1:
                return tuple(k)
