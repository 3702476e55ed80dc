"""Nuisance callers (R2.18; WD 如遇用户骚扰时): a supervisor marks a number after
harassment, with a reason and an expiry; while the mark stands, a ring from the number
shows a warning and the standard phrase ("对不起,上班时间不闲聊,谢谢合作"). Marking
and clearing are audited. Supervisors and administrators only (R8.2; on PostgreSQL the
database refuses anyone else, db/sql/0010_nuisance.sql).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.core import audit
from console.core.checks import check_text, normalize_number
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import JobNumber
from db.models import NuisanceMark

MAX_MARK = timedelta(days=366)
MAX_REASON = 500


@dataclass(frozen=True)
class Mark:
    id: int
    number: str
    reason: str
    marked_at: datetime
    expires_at: datetime
    job_no: JobNumber


def _mark(m: NuisanceMark) -> Mark:
    return Mark(m.id, m.number, m.reason, m.marked_at, m.expires_at, m.job_no)


def _number(raw: str) -> str:
    # The refusals name what the supervisor sees (号码, 原因), not the parameter.
    if isinstance(raw, str) and not raw.strip():
        raise UserFacingError("nuisance.number_required")
    number = normalize_number(check_text("number", raw, 32))
    if len(number) < 5:
        raise UserFacingError("nuisance.bad_number")
    return number


def _reason(raw: str) -> str:
    if isinstance(raw, str) and not raw.strip():
        raise UserFacingError("reason.required")
    return check_text("reason", raw, MAX_REASON).strip()


def mark(s: Session, ctx: AgentContext, number: str, reason: str, expires_at: datetime) -> Mark:
    """Mark ``number`` until ``expires_at`` (at most a year), with the reason."""
    require_role(ctx, Role.SUPERVISOR)
    number = _number(number)
    reason = _reason(reason)
    now = db_now(s)
    if not isinstance(expires_at, datetime) or expires_at.tzinfo is None:
        raise UserFacingError("input.invalid", field="expires_at")
    if not now < expires_at <= now + MAX_MARK:
        raise UserFacingError("nuisance.bad_expiry", days=MAX_MARK.days)
    m = NuisanceMark(number=number, reason=reason, marked_at=now, expires_at=expires_at)
    s.add(m)
    s.flush()
    audit.record(s, "nuisance.marked", number=number, reason=reason, expires_at=expires_at)
    return _mark(m)


def clear(s: Session, ctx: AgentContext, number: str, reason: str) -> int:
    """Lift every standing mark of ``number`` before its expiry; how many were lifted."""
    require_role(ctx, Role.SUPERVISOR)
    number = _number(number)
    reason = _reason(reason)
    now = db_now(s)
    standing = s.scalars(
        select(NuisanceMark).where(
            NuisanceMark.number == number,
            NuisanceMark.cleared_at.is_(None),
            NuisanceMark.expires_at > now,
        )
    ).all()
    for m in standing:
        m.cleared_at = now
        m.cleared_by_job_no = ctx.stamped_job_no
    s.flush()
    if standing:
        audit.record(s, "nuisance.cleared", number=number, reason=reason)
    return len(standing)


def standing(s: Session, number: str | None, at: datetime) -> Mark | None:
    """The mark standing for ``number`` at ``at`` (the ring), the latest-expiring one."""
    if not number:
        return None
    m = s.scalars(
        select(NuisanceMark)
        .where(
            NuisanceMark.number == normalize_number(number),
            NuisanceMark.cleared_at.is_(None),
            NuisanceMark.expires_at > at,
        )
        .order_by(NuisanceMark.expires_at.desc())
        .limit(1)
    ).first()
    return None if m is None else _mark(m)


def marks(s: Session, ctx: AgentContext) -> list[Mark]:
    """Standing marks, soonest expiring first (supervisors)."""
    require_role(ctx, Role.SUPERVISOR)
    now = db_now(s)
    rows = s.scalars(
        select(NuisanceMark)
        .where(NuisanceMark.cleared_at.is_(None), NuisanceMark.expires_at > now)
        .order_by(NuisanceMark.expires_at)
    )
    return [_mark(m) for m in rows]
