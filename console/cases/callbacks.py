"""The shared callback list (回访, R3.7, R3.8).

Items are added by the workflows (a repaired fault, a sampled inquiry, a special-group
visit, a rescheduled callback). Agents do not pick from the list: ``claim_next`` gives
the oldest due item nobody holds, atomically, so two agents never get the same one
(console/core/worklist.py: SKIP LOCKED on PostgreSQL, a conditional UPDATE on SQLite). A
claim lapses with its session (SECURITY.md "Identity and sessions"). An agent holds at
most one open item: ``claim_next`` returns the one already held.

The phone number is shown only to the agent who holds the item (R2.14); everyone else,
the supervisor's view of the list included, sees it masked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from console.core import worklist
from console.core.checks import check_number, one_of
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import db_now
from console.core.vocabulary import CallbackReason, CallbackResult, CaseId, JobNumber
from console.customers.customers import mask_phone
from db.guard import BoundSession
from db.models import Callback

# "Inconvenient, call me later" without a time chosen: try again after this long.
DEFAULT_RESCHEDULE = timedelta(hours=1)
MAX_RESCHEDULE = timedelta(days=60)
MAX_QUEUE = 1000

_T: Table = Callback.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class CallbackItem:
    id: str
    case_id: CaseId | None
    customer_id: int | None
    phone: str | None  # masked unless claimed by this agent
    reason: str
    due_at: datetime
    claimed_by_job_no: JobNumber | None
    claimed_at: datetime | None
    attempts: int
    result: str | None
    done_at: datetime | None


# --- checks -----------------------------------------------------------------------------------


def check_callback_id(callback_id: str) -> str:
    if not isinstance(callback_id, str) or "\x00" in callback_id or len(callback_id) > 64:
        raise UserFacingError("callback.bad_id")
    try:
        return str(uuid.UUID(callback_id))
    except ValueError as e:
        raise UserFacingError("callback.bad_id") from e


def _check_time(field_name: str, value: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise UserFacingError("input.invalid", field=field_name)
    return value


_bound = worklist.bound


def _item(row: Any, session_id: int | None) -> CallbackItem:
    held = row.done_at is None and session_id is not None and row.claimed_session_id == session_id
    return CallbackItem(
        id=row.id,
        case_id=row.case_id,
        customer_id=row.customer_id,
        phone=row.phone if held else mask_phone(row.phone),
        reason=row.reason,
        due_at=row.due_at,
        claimed_by_job_no=row.claimed_by_job_no,
        claimed_at=row.claimed_at,
        attempts=row.attempts,
        result=row.result,
        done_at=row.done_at,
    )


_rowcount = worklist.rowcount


def _row(s: Session, callback_id: str) -> Any:
    row = s.execute(select(_T).where(_T.c.id == callback_id)).one_or_none()
    if row is None:
        raise UserFacingError("callback.not_found")
    return row


# --- services ---------------------------------------------------------------------------------


def add(
    s: Session,
    ctx: AgentContext,
    callback_id: str,
    reason: str,
    due_at: datetime,
    *,
    case_id: CaseId | None = None,
    customer_id: int | None = None,
    phone: str | None = None,
) -> CallbackItem:
    """Put an item on the list. Repeating it with the same ``callback_id`` (a retried
    unit of work) adds nothing and returns the item as it now is."""
    callback_id = check_callback_id(callback_id)
    reason = one_of("reason", reason, CallbackReason)
    due_at = _check_time("due_at", due_at)
    if case_id is not None:
        case_id = CaseId(check_callback_id(case_id))  # a UUID, like the item's own
    if customer_id is not None and (
        isinstance(customer_id, bool)
        or not isinstance(customer_id, int)
        or not 1 <= customer_id < 2**31
    ):
        raise UserFacingError("input.out_of_range", field="customer_id", low=1, high=2**31 - 1)
    phone = check_number(phone)
    b = _bound(s)
    insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    s.execute(
        insert(_T)
        .values(
            id=callback_id,
            case_id=case_id,
            customer_id=customer_id,
            phone=phone,
            reason=reason,
            due_at=due_at,
            created_at=db_now(s),
            attempts=0,
            job_no=b.job_no,
            delegate_job_no=b.delegate_job_no,
            session_id=b.session_id,
        )
        .on_conflict_do_nothing()
    )
    return _item(_row(s, callback_id), b.session_id)


def held(s: Session, ctx: AgentContext) -> CallbackItem | None:
    """The open item this session holds, if any."""
    return _held(s, _bound(s))


def _held(s: Session, b: BoundSession) -> CallbackItem | None:
    row = s.execute(
        select(_T)
        .where(_T.c.claimed_session_id == b.session_id, _T.c.done_at.is_(None))
        .order_by(_T.c.claimed_at, _T.c.id)
        .limit(1)
    ).one_or_none()
    return None if row is None else _item(row, b.session_id)


def claim_next(s: Session, ctx: AgentContext, now: datetime | None = None) -> CallbackItem | None:
    """Claim the oldest due item nobody holds; None when there is none. An agent who
    already holds an item gets that one back. ``now`` is for tests only: by default
    the database clock decides what is due and which claims have lapsed."""
    b = _bound(s)
    current = _held(s, b)
    if current is not None:
        return current
    at = _check_time("now", now) if now is not None else db_now(s)
    claimed = worklist.claim(
        s,
        _T,
        ("id",),
        lambda t: (t.c.done_at.is_(None), t.c.due_at <= at),
        lambda t: (t.c.due_at, t.c.id),
        b,
        at,
    )
    return None if claimed is None else _item(_row(s, claimed[0]), b.session_id)


def _own_open(s: Session, b: BoundSession, callback_id: str) -> Any:
    """The item, if this session holds it open; refusals otherwise."""
    row = _row(s, callback_id)
    if row.done_at is not None:
        raise UserFacingError("callback.already_done", result=row.result)
    if row.claimed_session_id != b.session_id:
        raise UserFacingError("callback.not_yours", job_no=row.claimed_by_job_no or "-")
    return row


def release(s: Session, ctx: AgentContext, callback_id: str) -> None:
    """Give the item back to the list (signing out, or the agent cannot take it now).
    Releasing an item nobody holds does nothing; another agent's item is refused."""
    callback_id = check_callback_id(callback_id)
    b = _bound(s)
    row = _row(s, callback_id)
    if row.claimed_session_id is None and row.done_at is None:
        return
    _own_open(s, b, callback_id)
    s.execute(
        update(_T)
        .where(_T.c.id == callback_id, _T.c.claimed_session_id == b.session_id)
        .values(claimed_by_job_no=None, claimed_session_id=None, claimed_at=None)
    )


def record_result(
    s: Session,
    ctx: AgentContext,
    callback_id: str,
    result: str,
    *,
    reschedule_at: datetime | None = None,
) -> CallbackItem:
    """Record how the callback went (GS 15.6.5); only the agent holding it may.

    ``satisfied`` and ``unsatisfied`` finish the item. ``inconvenient`` (the customer
    asked to be called later) puts it back on the list at ``reschedule_at``, by default
    an hour from now (the database's clock); ``unreachable`` does too when
    ``reschedule_at`` is given, and otherwise finishes it. Either way the attempt is
    counted. Repeating the same call after a lost connection returns the item as
    recorded.
    """
    callback_id = check_callback_id(callback_id)
    if not isinstance(result, str) or result not in frozenset(CallbackResult):
        raise UserFacingError("callback.unknown_result", result=str(result)[:32])
    result = CallbackResult(result)
    if reschedule_at is not None:
        reschedule_at = _check_time("reschedule_at", reschedule_at)
        if not result.reschedules:
            raise UserFacingError("callback.no_reschedule", result=result)
    b = _bound(s)
    now = db_now(s)
    row = _row(s, callback_id)
    held = row.done_at is None and row.claimed_session_id == b.session_id
    if not held and row.result == result and row.result_session_id == b.session_id:
        # This session recorded this result already and its reply was lost (a
        # reschedule released the claim, so the item is no longer "held"): the same
        # answer again, nothing counted twice.
        return _item(row, b.session_id)
    row = _own_open(s, b, callback_id)
    values: dict[str, Any] = {
        "result": result,
        "result_session_id": b.session_id,
        "attempts": row.attempts + 1,
    }
    if result is CallbackResult.INCONVENIENT and reschedule_at is None:
        reschedule_at = now + DEFAULT_RESCHEDULE
    if reschedule_at is not None:
        if not now < reschedule_at <= now + MAX_RESCHEDULE:
            raise UserFacingError("callback.bad_reschedule", at=reschedule_at)
        values.update(
            due_at=reschedule_at, claimed_by_job_no=None, claimed_session_id=None, claimed_at=None
        )
    else:
        values["done_at"] = now
    done = _rowcount(
        s.execute(
            update(_T)
            .where(
                _T.c.id == callback_id,
                _T.c.claimed_session_id == b.session_id,
                _T.c.done_at.is_(None),
            )
            .values(**values)
        )
    )
    if done != 1:  # taken over between the read and the write (the row lock makes it rare)
        raise UserFacingError("callback.not_yours", job_no="-")
    return _item(_row(s, callback_id), b.session_id)


def queue(s: Session, ctx: AgentContext, limit: int = 100) -> list[CallbackItem]:
    """The open items by due time, as the supervisor sees the list: who holds what
    (a lapsed claim still shows its last holder until someone takes it over)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_QUEUE:
        raise UserFacingError("input.out_of_range", field="limit", low=1, high=MAX_QUEUE)
    b = _bound(s)
    rows = s.execute(
        select(_T).where(_T.c.done_at.is_(None)).order_by(_T.c.due_at, _T.c.id).limit(limit)
    ).all()
    return [_item(r, b.session_id) for r in rows]


__all__ = [
    "CallbackItem",
    "add",
    "check_callback_id",
    "claim_next",
    "held",
    "queue",
    "record_result",
    "release",
]
