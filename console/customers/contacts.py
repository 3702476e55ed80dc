"""A customer's recent contacts (R2.13): the lines under "recent contacts" on the card,
by customer or, for an unknown or shared number, by the number that called."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from console.core.identity import AgentContext
from console.core.vocabulary import CallId, JobNumber
from db.models import Call, Case

RECENT_LIMIT = 10


@dataclass(frozen=True)
class ContactSummary:
    """One line of "recent contacts" on the customer card."""

    id: CallId
    started_at: datetime
    ended_at: datetime | None
    direction: str
    channel: str
    intent: str | None
    state: str
    job_no: JobNumber
    notes_excerpt: str
    case_no: str | None = None  # the case this contact opened, by its number (工单号)


def _summary(row: Any) -> ContactSummary:
    notes = row.notes or ""
    return ContactSummary(
        id=row.id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        direction=row.direction,
        channel=row.channel,
        intent=row.intent,
        state=row.state,
        job_no=row.job_no,
        notes_excerpt=notes[:60],
        case_no=row.case_no,
    )


_SUMMARY_COLUMNS = (
    Call.id,
    Call.started_at,
    Call.ended_at,
    Call.direction,
    Call.channel,
    Call.intent,
    Call.state,
    Call.job_no,
    Call.notes,
    # The case the contact opened (ix_cases_call_id): the number the caller may quote.
    select(Case.case_no).where(Case.call_id == Call.id).limit(1).scalar_subquery().label("case_no"),
)


_RECENT = (
    select(*_SUMMARY_COLUMNS)
    .where(Call.customer_id == bindparam("customer_id"))
    .order_by(Call.started_at.desc())
    .limit(bindparam("limit"))
)


def recent_calls(
    s: Session, ctx: AgentContext, customer_id: int, limit: int = RECENT_LIMIT
) -> list[ContactSummary]:
    """The customer's latest contacts, newest first (the card's "recent contacts")."""
    params = {"customer_id": customer_id, "limit": max(1, min(limit, 100))}
    return [_summary(r) for r in s.connection().execute(_RECENT, params)]


def recent_calls_from(
    s: Session, number: str, limit: int = RECENT_LIMIT, *, exclude: Sequence[str] = ()
) -> list[ContactSummary]:
    """The latest contacts from one caller number (unknown or shared numbers)."""
    q = select(*_SUMMARY_COLUMNS).where(Call.caller_number == number)
    if exclude:
        q = q.where(Call.id.not_in(exclude))
    rows = s.execute(q.order_by(Call.started_at.desc()).limit(limit))
    return [_summary(r) for r in rows]
