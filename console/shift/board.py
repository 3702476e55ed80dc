"""The boards (R4.3, R4.4): what the wall display and the supervisor see, as one
consistent picture of the floor.

One refresh is one read transaction of a handful of light, indexed queries: agents on
shift with their state, today's call counts, warned and overdue deadlines, active
incidents, pending handover acknowledgments and seat problems. On PostgreSQL the
transaction is REPEATABLE READ (``Runtime.snapshot``), so every figure comes from the
same moment however many seats write meanwhile; SQLite transactions are serial anyway.

The wall board needs no login: it only reads, and shows no customer data beyond a
case's summary (no phone numbers, no addresses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from console.campaigns import campaigns
from console.campaigns.campaigns import CampaignRecord, Progress
from console.content import content
from console.content.sla import shipped as sla_policy
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import (
    AgentState,
    CallDirection,
    CallState,
    CaseId,
    CaseKind,
    JobNumber,
    SeatCode,
)
from console.people import delegation
from console.shift import shift
from console.shift.shift import SeatProblem
from db.guard import PasswordCheck
from db.models import (
    Agent,
    AgentSession,
    AgentStateEvent,
    Call,
    Case,
    CaseClock,
    Delegation,
)

MAX_ITEMS = 50  # per list on a board: a wall screen shows the top, the count says the rest
IN_PROGRESS = (CallState.RINGING, CallState.TALKING, CallState.ON_HOLD, CallState.WRAP_UP)
NOT_ANSWERED = (CallState.MISSED, CallState.ABANDONED)


@dataclass(frozen=True)
class AgentOnShift:
    job_no: JobNumber
    name: str
    seat: SeatCode
    state: str  # "not_ready" until the first change
    reason: str | None
    since: datetime  # in this state since (the sign-in when no change yet)
    reason_label: str | None = None  # the reason as the shift data in force words it


@dataclass(frozen=True)
class DeadlineItem:
    case_id: CaseId
    case_no: str  # 工单号
    kind: str
    summary: str
    owner_job_no: JobNumber
    clock: str  # the clock's title in the SLA policy
    due_at: datetime
    escalated: bool
    provisional: bool = False  # counted days of a year whose holidays are not known yet


@dataclass(frozen=True)
class CallCounts:
    total: int
    answered: int
    not_answered: int
    in_progress: int


@dataclass(frozen=True)
class Board:
    now: datetime
    agents: tuple[AgentOnShift, ...]
    calls_today: CallCounts
    due_soon_count: int
    overdue_count: int
    due_soon: tuple[DeadlineItem, ...]
    overdue: tuple[DeadlineItem, ...]
    incident_count: int
    incidents: tuple[shift.Incident, ...]
    pending_handovers: tuple[shift.HandoverRecord, ...]
    problems: tuple[SeatProblem, ...]
    campaigns: tuple[tuple[CampaignRecord, Progress], ...] = ()  # open outage notices
    # Years starting within 60 days (or begun) whose official holiday schedule nobody
    # has entered: working-day deadlines over them are provisional until it is.
    unknown_years: tuple[int, ...] = ()


def _agents(s: Session, now: datetime) -> list[AgentOnShift]:
    rules = content.of(s).get(content.SHIFT)
    latest = (
        select(AgentStateEvent.session_id, func.max(AgentStateEvent.id).label("id"))
        .group_by(AgentStateEvent.session_id)
        .subquery()
    )
    rows = s.execute(
        select(AgentSession, Agent.name, AgentStateEvent)
        .join(Agent, Agent.id == AgentSession.agent_id)
        .outerjoin(latest, latest.c.session_id == AgentSession.id)
        .outerjoin(AgentStateEvent, AgentStateEvent.id == latest.c.id)
        .where(AgentSession.ended_at.is_(None), AgentSession.lease_until > now)
        .order_by(AgentSession.seat)
    ).all()
    return [
        AgentOnShift(
            job_no=sess.job_no,
            name=name,
            seat=sess.seat,
            state=event.state if event is not None else AgentState.NOT_READY,
            reason=event.reason if event is not None else None,
            since=event.at if event is not None else sess.started_at,
            reason_label=rules.reason_label(event.reason) if event is not None else None,
        )
        for sess, name, event in rows
    ]


def _calls_today(s: Session, now: datetime, zone: ZoneInfo) -> CallCounts:
    start = datetime.combine(now.astimezone(zone).date(), time(), zone)
    total, answered, not_answered, in_progress = s.execute(
        select(
            func.count(),
            func.count().filter(Call.answered_at.is_not(None)),
            func.count().filter(Call.state.in_(NOT_ANSWERED)),
            func.count().filter(Call.state.in_(IN_PROGRESS)),
        ).where(Call.direction == CallDirection.INBOUND, Call.started_at >= start)
    ).one()
    return CallCounts(total, answered, not_answered, in_progress)


def _deadlines(s: Session, now: datetime) -> tuple[int, int, list[DeadlineItem]]:
    """Running clocks past their warning: (due soon count, overdue count, the soonest
    of each kind, up to MAX_ITEMS each)."""
    warned = and_(CaseClock.stopped_at.is_(None), CaseClock.warn_at <= now)
    soon, late = s.execute(
        select(
            func.count().filter(CaseClock.due_at > now),
            func.count().filter(CaseClock.due_at <= now),
        ).where(warned)
    ).one()
    policy = sla_policy()
    items: list[DeadlineItem] = []
    for overdue in (False, True):
        side = CaseClock.due_at <= now if overdue else CaseClock.due_at > now
        for clock, case in s.execute(
            select(CaseClock, Case)
            .join(Case, Case.id == CaseClock.case_id)
            .where(warned, side)
            .order_by(CaseClock.due_at)
            .limit(MAX_ITEMS)
        ).all():
            definition = policy.clock(case.kind, clock.name)
            items.append(
                DeadlineItem(
                    case.id,
                    case.case_no,
                    case.kind,
                    case.summary,
                    case.owner_job_no,
                    definition.title if definition else clock.name,
                    clock.due_at,
                    clock.escalated_at is not None,
                    clock.provisional,
                )
            )
    return soon, late, items


def board(s: Session, ctx: AgentContext | None, *, zone: ZoneInfo) -> Board:
    """The floor as of the database's now: run it in ``Runtime.snapshot``."""
    now = db_now(s)
    soon, late, items = _deadlines(s, now)
    return Board(
        now=now,
        agents=tuple(_agents(s, now)),
        calls_today=_calls_today(s, now, zone),
        due_soon_count=soon,
        overdue_count=late,
        due_soon=tuple(i for i in items if i.due_at > now),
        overdue=tuple(i for i in items if i.due_at <= now),
        incident_count=s.scalar(
            select(func.count()).where(Case.kind == CaseKind.EMERGENCY, Case.closed_at.is_(None))
        )
        or 0,
        incidents=tuple(
            shift.Incident(c.id, c.summary, c.opened_at, c.owner_job_no, c.case_no)
            for c in s.scalars(
                select(Case)
                .where(Case.kind == CaseKind.EMERGENCY, Case.closed_at.is_(None))
                .order_by(Case.opened_at)
                .limit(MAX_ITEMS)
            )
        ),
        pending_handovers=tuple(shift.pending(s, ctx, MAX_ITEMS)),
        problems=tuple(shift.open_problems(s)),
        campaigns=tuple(campaigns.active(s, ctx)),
        unknown_years=tuple(unknown_years(s, now, zone)),
    )


def unknown_years(s: Session, now: datetime, zone: ZoneInfo) -> list[int]:
    """The years supervisors are warned of: starting within 60 days (or begun) with no
    official holiday schedule known (console/content/holiday_calendar.py)."""
    calendar = content.of(s).calendar(zone.key)
    return calendar.unknown_years_ahead(now.astimezone(zone).date())


def calendar_warning(s: Session, ctx: AgentContext, zone: ZoneInfo) -> list[int]:
    """What a supervisor or administrator is told at sign-in: the years whose holiday
    schedule must be entered (empty for agents, who cannot enter it)."""
    if not ctx.is_at_least(Role.SUPERVISOR):
        return []
    return unknown_years(s, db_now(s), zone)


# --- the supervisor's approvals ------------------------------------------------------------


@dataclass(frozen=True)
class PendingDelegation:
    id: int
    owner_job_no: JobNumber
    delegate_job_no: JobNumber
    reason: str
    requested_at: datetime
    valid_until: datetime
    owner_approved: bool


def pending_delegations(s: Session, ctx: AgentContext) -> list[PendingDelegation]:
    """Delegation requests waiting for a supervisor's approval (R1.4, R4.4)."""
    require_role(ctx, Role.SUPERVISOR)
    now = db_now(s)
    rows = s.scalars(
        select(Delegation)
        .where(
            Delegation.supervisor_approved_at.is_(None),
            Delegation.revoked_at.is_(None),
            Delegation.valid_until > now,
        )
        .order_by(Delegation.requested_at)
        .limit(MAX_ITEMS)
    )
    return [
        PendingDelegation(
            d.id,
            d.owner_job_no,
            d.delegate_job_no,
            d.reason,
            d.requested_at,
            d.valid_until,
            d.owner_approved_at is not None,
        )
        for d in rows
    ]


def approve_delegation(
    s: Session, ctx: AgentContext, delegation_id: int, password: str
) -> PasswordCheck:
    """The supervisor approves from the board, in their own session, confirming with
    their own password (R1.4). Only a supervisor (or administrator) may, whatever the
    client shows (R8.2). A wrong password counts towards the lockout like any other: the
    caller commits, then raises (``auth.raise_for_check``)."""
    require_role(ctx, Role.SUPERVISOR)
    return delegation.approve(s, ctx, delegation_id, password)


__all__ = [
    "AgentOnShift",
    "Board",
    "CallCounts",
    "DeadlineItem",
    "PendingDelegation",
    "approve_delegation",
    "board",
    "calendar_warning",
    "pending_delegations",
    "unknown_years",
]
