"""The register of seats (坐席): workstations with a code and where they stand; an
administrator adds them, edits the location, and disables one taken out of service
(it stays in the register: past records name it).

Administrators only, like ``console.people.agents`` (same ``authorize``); on PostgreSQL each
change is a security-definer function of db/sql/0012_agent_admin.sql that checks the
role again and writes the audit row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console.core import audit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import JobNumber, SeatCode
from console.people.agents import authorize, check_reason, on_postgres
from db.models import AgentSession, Seat

MAX_CODE = 64
MAX_LOCATION = 128


@dataclass(frozen=True)
class SeatInfo:
    code: SeatCode
    location: str
    active: bool
    online_job_no: JobNumber | None


def _has_control(value: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in value)


def _code(code: str) -> SeatCode:
    if not isinstance(code, str):
        raise UserFacingError("seat.code_invalid")
    code = code.strip()
    if not 1 <= len(code) <= MAX_CODE or _has_control(code):
        raise UserFacingError("seat.code_invalid")
    return SeatCode(code)


def _location(location: str) -> str:
    if not isinstance(location, str):
        raise UserFacingError("seat.location_invalid")
    location = location.strip()
    if len(location) > MAX_LOCATION or _has_control(location):
        raise UserFacingError("seat.location_invalid")
    return location


def _seat(s: Session, code: SeatCode) -> Seat:
    seat = s.get(Seat, code)
    if seat is None:
        raise UserFacingError("seat.unknown", code=code)
    return seat


def _call(s: Session, sql: str, **params: object) -> object:
    return s.execute(text(sql), params).scalar()


def list_seats(s: Session, actor: AgentContext | None) -> list[SeatInfo]:
    """Every seat, with the job number signed in there."""
    authorize(s, actor)
    rows = s.execute(
        select(Seat, AgentSession.job_no)
        .outerjoin(AgentSession, (AgentSession.seat == Seat.code) & AgentSession.ended_at.is_(None))
        .order_by(Seat.code)
    ).all()
    return [SeatInfo(seat.code, seat.location, seat.active, job_no) for seat, job_no in rows]


def add_seat(s: Session, actor: AgentContext | None, code: str, location: str) -> None:
    authorize(s, actor)
    code, location = _code(code), _location(location)
    if s.get(Seat, code) is not None:
        raise UserFacingError("seat.exists", code=code)
    if on_postgres(s):
        _call(s, "SELECT ac_admin_add_seat(:c, :l)", c=code, l=location)
        return
    s.add(Seat(code=code, location=location, active=True))
    s.flush()
    audit.record(s, "seat.added", code=code, location=location)


def edit_seat(s: Session, actor: AgentContext | None, code: SeatCode, location: str) -> bool:
    """Move the seat (its location); whether anything changed."""
    authorize(s, actor)
    seat = _seat(s, _code(code))
    location = _location(location)
    if seat.location == location:
        return False
    if on_postgres(s):
        changed = bool(_call(s, "SELECT ac_admin_edit_seat(:c, :l)", c=seat.code, l=location))
        s.expire(seat)
        return changed
    previous, seat.location = seat.location, location
    s.flush()
    audit.record(s, "seat.edited", code=seat.code, location=location, previous_location=previous)
    return True


def _set_active(
    s: Session, actor: AgentContext | None, code: SeatCode, active: bool, reason: str
) -> bool:
    authorize(s, actor)
    seat = _seat(s, _code(code))
    reason = check_reason(reason, required=not active)
    if seat.active == active:
        return False
    if on_postgres(s):
        changed = bool(
            _call(
                s,
                "SELECT ac_admin_set_seat_active(:c, :a, :r)",
                c=seat.code,
                a=active,
                r=reason,
            )
        )
        s.expire(seat)
        return changed
    seat.active = active
    s.flush()
    audit.record(s, "seat.enabled" if active else "seat.disabled", code=seat.code, reason=reason)
    return True


def disable_seat(s: Session, actor: AgentContext | None, code: SeatCode, reason: str) -> bool:
    """Take the seat out of service, with a reason; whether anything changed."""
    return _set_active(s, actor, code, False, reason)


def enable_seat(s: Session, actor: AgentContext | None, code: SeatCode, reason: str = "") -> bool:
    return _set_active(s, actor, code, True, reason)
