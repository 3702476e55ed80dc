"""The register of seats (坐席): workstations with a code and where they stand; an
administrator adds them, edits the location, and disables one taken out of service
(it stays in the register: past records name it).

Sign-in happens only at a registered seat in service (the database refuses any other,
db/sql/0017_db_rules.sql). On PostgreSQL the register also says which database role may
sign in at each seat (``db_role``): each seat's own login role, or one role for the
whole center; by default the seats' group role, i.e. any seat login.

Administrators only, like ``console.people.agents`` (same ``authorize``); on PostgreSQL each
change is a security-definer function (db/sql/0012_agent_admin.sql, 0017_db_rules.sql)
that checks the role again and writes the audit row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console.core import audit
from console.core.checks import check_seat_code
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import JobNumber, SeatCode
from console.people.agents import authorize, check_reason, on_postgres
from db.models import AgentSession, Seat

MAX_LOCATION = 128
MAX_DB_ROLE = 63  # PostgreSQL's longest name


@dataclass(frozen=True)
class SeatInfo:
    code: SeatCode
    location: str
    active: bool
    online_job_no: JobNumber | None
    db_role: str | None = None  # who may sign in there (PostgreSQL); None on SQLite


def _has_control(value: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in value)


def _location(location: str) -> str:
    if not isinstance(location, str):
        raise UserFacingError("seat.location_invalid")
    location = location.strip()
    if len(location) > MAX_LOCATION or _has_control(location):
        raise UserFacingError("seat.location_invalid")
    return location


def _db_role(db_role: str | None) -> str | None:
    """A database role's name, or None for the default (the seats' group role)."""
    if db_role is None:
        return None
    if not isinstance(db_role, str):
        raise UserFacingError("seat.db_role_invalid")
    db_role = db_role.strip()
    if len(db_role) > MAX_DB_ROLE or _has_control(db_role) or " " in db_role:
        raise UserFacingError("seat.db_role_invalid")
    return db_role or None


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
    return [
        SeatInfo(seat.code, seat.location, seat.active, job_no, seat.db_role)
        for seat, job_no in rows
    ]


def add_seat(
    s: Session,
    actor: AgentContext | None,
    code: SeatCode,
    location: str,
    db_role: str | None = None,
) -> None:
    """Register a seat, in service. ``db_role``: the database role allowed to sign in
    there (PostgreSQL; None: the seats' group role, any seat login)."""
    authorize(s, actor)
    code, location, db_role = check_seat_code(code), _location(location), _db_role(db_role)
    if s.get(Seat, code) is not None:
        raise UserFacingError("seat.exists", code=code)
    if on_postgres(s):
        _call(s, "SELECT ac_admin_add_seat(:c, :l, :r)", c=code, l=location, r=db_role)
        return
    s.add(Seat(code=code, location=location, active=True, db_role=db_role))
    s.flush()
    audit.record_privileged(s, "seat.added", code=code, location=location, db_role=db_role)


def set_seat_role(
    s: Session, actor: AgentContext | None, code: SeatCode, db_role: str | None
) -> bool:
    """Which database role may sign in at the seat (PostgreSQL; None: the seats' group
    role); whether anything changed."""
    authorize(s, actor)
    seat = _seat(s, check_seat_code(code))
    db_role = _db_role(db_role)
    if on_postgres(s):
        changed = bool(_call(s, "SELECT ac_admin_set_seat_role(:c, :r)", c=seat.code, r=db_role))
        s.expire(seat)
        return changed
    if seat.db_role == db_role:
        return False
    previous, seat.db_role = seat.db_role, db_role
    s.flush()
    audit.record_privileged(
        s, "seat.role_changed", code=seat.code, db_role=db_role, previous_db_role=previous
    )
    return True


def edit_seat(s: Session, actor: AgentContext | None, code: SeatCode, location: str) -> bool:
    """Move the seat (its location); whether anything changed."""
    authorize(s, actor)
    seat = _seat(s, check_seat_code(code))
    location = _location(location)
    if seat.location == location:
        return False
    if on_postgres(s):
        changed = bool(_call(s, "SELECT ac_admin_edit_seat(:c, :l)", c=seat.code, l=location))
        s.expire(seat)
        return changed
    previous, seat.location = seat.location, location
    s.flush()
    audit.record_privileged(
        s, "seat.edited", code=seat.code, location=location, previous_location=previous
    )
    return True


def _set_active(
    s: Session, actor: AgentContext | None, code: SeatCode, active: bool, reason: str
) -> bool:
    authorize(s, actor)
    seat = _seat(s, check_seat_code(code))
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
    audit.record_privileged(
        s, "seat.enabled" if active else "seat.disabled", code=seat.code, reason=reason
    )
    return True


def disable_seat(s: Session, actor: AgentContext | None, code: SeatCode, reason: str) -> bool:
    """Take the seat out of service, with a reason; whether anything changed."""
    return _set_active(s, actor, code, False, reason)


def enable_seat(s: Session, actor: AgentContext | None, code: SeatCode, reason: str = "") -> bool:
    return _set_active(s, actor, code, True, reason)
