"""SLA clocks in the database (R3.3, R3.4): start, pause, resume, stop, and the sweep that
warns before due and escalates overdue cases to the duty manager.

Every moment compared or stored comes from the database clock (:func:`db_now`), never
the seat's. The sweep needs no particular console: any signed-in console runs it, and so
does ``python main.py sla sweep`` (the schema owner's connection, from cron), so a case
escalates even when its owner's PC is off.

The sweep is idempotent (a clock is warned once and escalated once) and safe when several
consoles sweep at once: on PostgreSQL each due clock is taken with ``FOR UPDATE SKIP
LOCKED``, so two sweeps never handle the same clock; SQLite serialises writers
(``BEGIN IMMEDIATE``).

Timeline entries (``case_events``, append-only) take the next ``seq`` of the case inside
the transaction; a concurrent append of the same ``seq`` (the case service) is retried
under a savepoint. An escalation also goes to the audit trail. A sweep run by the command
line has no session: its timeline rows name ``admin:<name>`` as the job number and carry
the session that started the clock (the column must name a session).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.content import content
from console.content.holiday_calendar import HolidayCalendar
from console.content.sla import (
    ClockDef,
    ClockPlan,
    Policy,
    add_working_time,
    clocks_for,
    deadline,
    due_after_pause,
    is_provisional,
)
from console.core import audit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import admin_actor, admin_name, db_now
from console.core.vocabulary import CaseEventKind, CaseId, JobNumber
from db.models import Case, CaseClock, CaseEvent

DUTY_MANAGER = "duty_manager"
_SEQ_RETRIES = 5


@dataclass(frozen=True)
class ClockState:
    """One clock as stored (aware UTC moments)."""

    case_id: CaseId
    name: str
    started_at: datetime
    due_at: datetime
    warn_at: datetime
    paused_since: datetime | None
    paused_seconds: int
    stopped_at: datetime | None
    warned_at: datetime | None
    escalated_at: datetime | None
    provisional: bool = False


@dataclass(frozen=True)
class SweptClock:
    """A clock the sweep warned or escalated."""

    case_id: CaseId
    name: str
    due_at: datetime
    owner_job_no: JobNumber


@dataclass(frozen=True)
class SweepResult:
    warned: tuple[SweptClock, ...]
    escalated: tuple[SweptClock, ...]
    recomputed: tuple[SweptClock, ...] = ()


def _state(c: CaseClock) -> ClockState:
    return ClockState(
        c.case_id,
        c.name,
        c.started_at,
        c.due_at,
        c.warn_at,
        c.paused_since,
        c.paused_seconds,
        c.stopped_at,
        c.warned_at,
        c.escalated_at,
        c.provisional,
    )


def start_clocks(
    s: Session,
    ctx: AgentContext | None,
    case_id: CaseId,
    kind: str,
    opened_at: datetime,
    *,
    calendar: HolidayCalendar | None = None,
    policy: Policy | None = None,
) -> list[ClockPlan]:
    """Insert the clocks the policy gives a case of ``kind`` opened at ``opened_at``."""
    library = content.of(s)
    plans = clocks_for(
        kind, opened_at, calendar or library.calendar(), policy or library.get(content.SLA)
    )
    for p in plans:
        s.add(
            CaseClock(
                case_id=case_id,
                name=p.name,
                started_at=opened_at,
                due_at=p.due_at,
                warn_at=p.warn_at,
                paused_seconds=0,
                provisional=p.provisional,
            )
        )
    s.flush()
    return plans


def clocks(s: Session, case_id: CaseId) -> list[ClockState]:
    """A case's clocks, soonest due first."""
    rows = s.scalars(
        select(CaseClock).where(CaseClock.case_id == case_id).order_by(CaseClock.due_at)
    )
    return [_state(c) for c in rows]


def _clock(s: Session, case_id: CaseId, name: str) -> CaseClock:
    q = select(CaseClock).where(CaseClock.case_id == case_id, CaseClock.name == name)
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    c = s.scalar(q)
    if c is None:
        raise UserFacingError("sla.clock_unknown", case_id=case_id, clock=name)
    return c


def _definition(s: Session, c: CaseClock, policy: Policy | None) -> ClockDef:
    kind = s.scalar(select(Case.kind).where(Case.id == c.case_id)) or ""
    d = (policy or content.of(s).get(content.SLA)).clock(kind, c.name)
    if d is None:
        raise UserFacingError("sla.clock_unknown", case_id=c.case_id, clock=c.name)
    return d


def pause(
    s: Session,
    ctx: AgentContext | None,
    case_id: CaseId,
    name: str,
    *,
    policy: Policy | None = None,
) -> ClockState:
    """Stop the clock while waiting on the customer (only where the policy allows).
    Pausing a paused or stopped clock changes nothing."""
    c = _clock(s, case_id, name)
    if not _definition(s, c, policy).pauses_when_waiting_on_customer:
        raise UserFacingError("sla.not_pausable", clock=name)
    if c.paused_since is None and c.stopped_at is None:
        c.paused_since = db_now(s)
        s.flush()
    return _state(c)


def resume(
    s: Session,
    ctx: AgentContext | None,
    case_id: CaseId,
    name: str,
    *,
    calendar: HolidayCalendar | None = None,
    policy: Policy | None = None,
) -> ClockState:
    """Run a paused clock again: due and warning move later by the time paused (working
    time for a working-day clock, see :func:`console.content.sla.due_after_pause`)."""
    c = _clock(s, case_id, name)
    since = c.paused_since
    if since is None:
        return _state(c)
    now = max(db_now(s), since)
    d = _definition(s, c, policy)
    lead = c.due_at - c.warn_at
    due = due_after_pause(c.due_at, since, now, d, calendar or content.of(s).calendar())
    c.due_at = due
    c.warn_at = max(c.started_at, due - lead)
    c.paused_seconds += int((now - since).total_seconds())
    c.paused_since = None
    s.flush()
    return _state(c)


def pause_waiting(s: Session, case_id: CaseId) -> list[str]:
    """Pause every running clock of the case that the policy lets pause while waiting
    on the customer; the names paused."""
    paused = []
    for state in clocks(s, case_id):
        c = _clock(s, case_id, state.name)
        running = c.stopped_at is None and c.paused_since is None
        if running and _definition(s, c, None).pauses_when_waiting_on_customer:
            pause(s, None, case_id, c.name)
            paused.append(c.name)
    return paused


def resume_waiting(s: Session, case_id: CaseId) -> list[str]:
    """Resume every paused clock of the case; the names resumed."""
    calendar = content.of(s).calendar()
    resumed = []
    for state in clocks(s, case_id):
        if state.paused_since is not None and state.stopped_at is None:
            resume(s, None, case_id, state.name, calendar=calendar)
            resumed.append(state.name)
    return resumed


def stop(s: Session, ctx: AgentContext | None, case_id: CaseId, name: str) -> ClockState:
    """The clock's obligation is met (notice given, reply made, …): it stops for good."""
    c = _clock(s, case_id, name)
    if c.stopped_at is None:
        c.stopped_at = db_now(s)
        s.flush()
    return _state(c)


def _append_event(
    s: Session,
    ctx: AgentContext | None,
    c: CaseClock,
    kind: CaseEventKind,
    at: datetime,
    data: str,
) -> None:
    """Append to the case's timeline with the next ``seq``, retrying a taken one."""
    for attempt in range(_SEQ_RETRIES):
        seq = (
            s.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == c.case_id)) or 0
        ) + 1
        event = CaseEvent(case_id=c.case_id, seq=seq, kind=kind, at=at, data=data)
        if ctx is None and admin_name(s) is not None:
            event.job_no = JobNumber(admin_actor(s))
            event.delegate_job_no = None
            event.session_id = c.session_id
        try:
            with s.begin_nested():
                s.add(event)
            return
        except IntegrityError:
            if attempt == _SEQ_RETRIES - 1:
                raise


def recompute_provisional(
    s: Session,
    ctx: AgentContext | None,
    *,
    calendar: HolidayCalendar | None = None,
    policy: Policy | None = None,
) -> list[SweptClock]:
    """Recompute the provisional deadlines of running clocks with the calendar in force
    (an administrator has entered a year's official schedule since they started): the
    clocks whose due moment moved. A clock whose years are still not all known stays
    provisional, its deadline by the statutory rules as before.

    The deadline is computed again from the clock's start; a clock that was paused keeps
    its extension as working time (the wall-clock time paused, so a pause that spanned
    days off extends it by as much again). The warning keeps its distance before due.
    """
    cal = calendar or content.of(s).calendar()
    rows = s.execute(
        select(CaseClock, Case.kind, Case.owner_job_no)
        .join(Case, Case.id == CaseClock.case_id)
        .where(CaseClock.provisional.is_(True), CaseClock.stopped_at.is_(None))
        .order_by(CaseClock.due_at, CaseClock.case_id, CaseClock.name)
    ).all()
    pol = policy or content.of(s).get(content.SLA)
    moved: list[SweptClock] = []
    for c, kind, owner in rows:
        d = pol.clock(kind, c.name)
        if d is None:
            continue
        due = add_working_time(
            deadline(c.started_at, d, cal), timedelta(seconds=c.paused_seconds), cal
        ).astimezone(UTC)
        still = is_provisional(c.started_at, due, d, cal)
        if due != c.due_at:
            lead = c.due_at - c.warn_at
            c.due_at, c.warn_at = due, max(c.started_at, due - lead)
            # Warned or escalated for a deadline that has moved later: again when due.
            if c.escalated_at is not None and c.due_at > c.escalated_at:
                c.escalated_at = None
            if c.warned_at is not None and c.warn_at > c.warned_at:
                c.warned_at = None
            moved.append(SweptClock(c.case_id, c.name, due, owner))
        c.provisional = still
    s.flush()
    return moved


def sweep(s: Session, ctx: AgentContext | None, now: datetime | None = None) -> SweepResult:
    """Warn clocks past their warning moment and escalate clocks past due, once each.

    ``now`` is the database clock unless given (tests pass it: the database clock cannot
    be moved). Paused and stopped clocks and clocks of closed cases are left alone.
    """
    at = now or db_now(s)
    recomputed = recompute_provisional(s, ctx)
    q = (
        select(CaseClock, Case.owner_job_no)
        .join(Case, Case.id == CaseClock.case_id)
        .where(
            CaseClock.stopped_at.is_(None),
            CaseClock.paused_since.is_(None),
            CaseClock.escalated_at.is_(None),
            Case.closed_at.is_(None),
            CaseClock.warn_at <= at,
            or_(CaseClock.warned_at.is_(None), CaseClock.due_at <= at),
        )
        .order_by(CaseClock.due_at, CaseClock.case_id, CaseClock.name)
    )
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True, of=CaseClock)
    warned: list[SweptClock] = []
    escalated: list[SweptClock] = []
    for c, owner in s.execute(q).all():
        swept = SweptClock(c.case_id, c.name, c.due_at, owner)
        if c.due_at <= at:
            c.escalated_at = at
            if c.warned_at is None:
                c.warned_at = at
            data = {
                "clock": c.name,
                "due_at": c.due_at.isoformat(),
                "to": DUTY_MANAGER,
                "owner_job_no": owner,
            }
            escalated_event = json.dumps(data, ensure_ascii=False)
            _append_event(s, ctx, c, CaseEventKind.SLA_ESCALATED, at, escalated_event)
            audit.record(
                s,
                CaseEventKind.SLA_ESCALATED,  # the audit trail's kind too
                case_id=c.case_id,
                clock=c.name,
                due_at=c.due_at.isoformat(),
                owner_job_no=owner,
                escalated_to=DUTY_MANAGER,
                note="escalated to the duty manager",
            )
            escalated.append(swept)
        else:
            c.warned_at = at
            data = {"clock": c.name, "due_at": c.due_at.isoformat(), "owner_job_no": owner}
            warning = json.dumps(data, ensure_ascii=False)
            _append_event(s, ctx, c, CaseEventKind.SLA_WARNING, at, warning)
            warned.append(swept)
    s.flush()
    return SweepResult(tuple(warned), tuple(escalated), tuple(recomputed))
