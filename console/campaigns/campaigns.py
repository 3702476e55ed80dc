"""Outage notification campaigns (R5.2, R5.3; TN 四 紧急事故报警与通知流程).

When gas is cut — planned works or an emergency — every affected customer must be told,
and the center must know who was not reached. A supervisor creates a campaign for an
area of the address tree (communities → buildings → units); the console lists the
customers there: those with a phone number are to be called, those without go to the
"no contact" list for a door-to-door notice (无联系方式用户记录). Agents claim targets
one at a time (console/core/worklist.py: never two agents on one customer), call with the
notification script and record the result: notified, not reached (tried again after
``retry_minutes``, up to ``max_attempts`` attempts), or wrong number.

A planned outage carries its advance-notice deadline (``notice_due_at``: the outage
start less the notice the company gives, one day by default). :func:`sweep` — run by
every console's SLA sweep and by ``main.py sla sweep`` — warns when the deadline nears
and escalates to the duty manager when it passes with customers still to be told, once
each, like an SLA clock.

Who may do what (R8.2): supervisors and administrators create and close campaigns and
see the lists; every agent claims and records targets. On PostgreSQL the database
refuses a campaign written by anyone else (db/sql/0009_campaigns.sql).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from console.content import content
from console.core import audit, worklist
from console.core.checks import check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import CampaignKind, CaseId, JobNumber, TargetStatus
from console.customers.customers import format_address, mask_phone, title_of, walking_order
from db.models import Campaign, CampaignTarget, Customer

# Still to be called: not tried yet, or not reached and due again.
_TO_CALL = (TargetStatus.PENDING, TargetStatus.NOT_REACHED)
NOTICE_AHEAD = timedelta(days=1)  # 提前一天通知: the default advance notice
WARN_SHARE = 0.2  # the warning comes when 80 % of the time to the deadline has passed
MAX_AREA_NODES = 500
MAX_TARGETS = 200_000
DUTY_MANAGER = "duty_manager"

_T: Any = CampaignTarget.__table__


@dataclass(frozen=True)
class AreaNode:
    """A node of the address tree: a community, a building in it, or a unit of that."""

    community: str
    building: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class CampaignRecord:
    id: str
    kind: str
    title: str
    reason: str
    outage_from: datetime | None
    restore_expected_at: datetime | None
    notice_due_at: datetime | None
    area: tuple[AreaNode, ...]
    max_attempts: int
    retry_minutes: int
    created_at: datetime
    closed_at: datetime | None
    job_no: JobNumber
    warned_at: datetime | None
    escalated_at: datetime | None


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int  # not tried yet, or to be tried again
    in_progress: int  # held by an agent now
    notified: int
    not_reached: int  # every attempt used
    wrong_number: int
    no_contact: int  # to be told door to door

    @property
    def remaining(self) -> int:
        return self.pending + self.in_progress


@dataclass(frozen=True)
class Target:
    """The customer an agent holds (phone unmasked for the holder only, R2.14)."""

    campaign: CampaignRecord
    customer_id: int
    customer_name: str
    address: str
    phone: str | None
    status: str
    attempts: int
    customer_title: str | None = None  # 先生 / 女士 (the outbound first question, TN)


@dataclass(frozen=True)
class TargetRow:
    customer_id: int
    customer_name: str
    address: str
    phone: str | None  # masked
    status: str
    attempts: int
    result_at: datetime | None
    result_by_job_no: JobNumber | None


@dataclass(frozen=True)
class CampaignSweep:
    warned: tuple[str, ...]
    escalated: tuple[str, ...]


# --- the address tree ----------------------------------------------------------------------


def address_tree(s: Session, ctx: AgentContext) -> list[tuple[str, str, str, int]]:
    """(community, building, unit, customers) for every unit, in walking order: what the
    area picker shows."""
    require_role(ctx, Role.SUPERVISOR)
    rows = s.execute(
        select(Customer.community, Customer.building, Customer.unit, func.count()).group_by(
            Customer.community, Customer.building, Customer.unit
        )
    ).all()
    return sorted(((c, b, u, n) for c, b, u, n in rows), key=lambda r: walking_order(*r[:3]))


def _check_area(area: Sequence[AreaNode]) -> tuple[AreaNode, ...]:
    if not area:
        raise UserFacingError("campaign.empty_area")
    if len(area) > MAX_AREA_NODES:
        raise UserFacingError("input.out_of_range", field="area", low=1, high=MAX_AREA_NODES)
    out = []
    for node in area:
        if not isinstance(node, AreaNode) or not node.community:
            raise UserFacingError("input.invalid", field="area")
        if node.unit is not None and node.building is None:
            raise UserFacingError("input.invalid", field="area")
        out.append(node)
    return tuple(out)


def _in_area(area: Sequence[AreaNode]) -> Any:
    nodes = []
    for n in area:
        parts = [Customer.community == n.community]
        if n.building is not None:
            parts.append(Customer.building == n.building)
        if n.unit is not None:
            parts.append(Customer.unit == n.unit)
        nodes.append(and_(*parts))
    return or_(*nodes)


def _area_json(area: Sequence[AreaNode]) -> str:
    return json.dumps(
        [{k: v for k, v in vars(n).items() if v is not None} for n in area],
        ensure_ascii=False,
    )


def _record(c: Campaign) -> CampaignRecord:
    return CampaignRecord(
        id=c.id,
        kind=c.kind,
        title=c.title,
        reason=c.reason,
        outage_from=c.outage_from,
        restore_expected_at=c.restore_expected_at,
        notice_due_at=c.notice_due_at,
        area=tuple(AreaNode(**n) for n in json.loads(c.area)),
        max_attempts=c.max_attempts,
        retry_minutes=c.retry_minutes,
        created_at=c.created_at,
        closed_at=c.closed_at,
        job_no=c.job_no,
        warned_at=c.warned_at,
        escalated_at=c.escalated_at,
    )


def _load(s: Session, campaign_id: str) -> Campaign:
    try:
        key = str(uuid.UUID(str(campaign_id)))
    except ValueError as e:
        raise UserFacingError("campaign.not_found") from e
    c = s.get(Campaign, key, populate_existing=True)
    if c is None:
        raise UserFacingError("campaign.not_found")
    return c


# --- creating and closing ------------------------------------------------------------------


def create(
    s: Session,
    ctx: AgentContext,
    campaign_id: str,
    kind: str,
    title: str,
    reason: str,
    area: Sequence[AreaNode],
    *,
    outage_from: datetime | None = None,
    restore_expected_at: datetime | None = None,
    notice_ahead: timedelta = NOTICE_AHEAD,
    max_attempts: int = 3,
    retry_minutes: int = 30,
    incident_case_id: CaseId | None = None,
) -> CampaignRecord:
    """Create the campaign and its list of customers (R5.2). Repeating it with the same
    ``campaign_id`` returns the campaign already made."""
    require_role(ctx, Role.SUPERVISOR)
    campaign_id = str(uuid.UUID(str(campaign_id)))
    existing = s.get(Campaign, campaign_id)
    if existing is not None:
        return _record(existing)
    if not isinstance(kind, str) or kind not in frozenset(CampaignKind):
        raise UserFacingError("input.invalid_choice", field="kind", value=str(kind)[:16])
    title = check_text("campaign.title", title, 128, required=True).strip()
    # The reason is read to every customer in the notice (PR 五 尽量说明事由).
    reason = content.check_words(s, "reason", check_text("reason", reason, 2000, required=True))
    reason = reason.strip()
    area = _check_area(area)
    if isinstance(max_attempts, bool) or not 1 <= max_attempts <= 10:
        raise UserFacingError("input.out_of_range", field="max_attempts", low=1, high=10)
    if isinstance(retry_minutes, bool) or not 5 <= retry_minutes <= 24 * 60:
        raise UserFacingError("input.out_of_range", field="retry_minutes", low=5, high=1440)
    now = db_now(s)
    for name, value in (("outage_from", outage_from), ("restore_expected_at", restore_expected_at)):
        if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
            raise UserFacingError("input.invalid", field=name)
    notice_due = warn = None
    if kind == CampaignKind.PLANNED:
        if outage_from is None or outage_from <= now:
            raise UserFacingError("campaign.outage_in_future")
        notice_due = outage_from - notice_ahead
        warn = notice_due - max(timedelta(0), (notice_due - now) * WARN_SHARE)
    if (
        restore_expected_at is not None
        and outage_from is not None
        and (restore_expected_at <= outage_from)
    ):
        raise UserFacingError("campaign.restore_after_outage")
    found = s.scalar(select(func.count()).where(_in_area(area)))
    if not found:
        raise UserFacingError("campaign.empty_area")
    if found > MAX_TARGETS:
        raise UserFacingError("input.out_of_range", field="area", low=1, high=MAX_TARGETS)
    campaign = Campaign(
        id=campaign_id,
        kind=kind,
        title=title,
        reason=reason,
        outage_from=outage_from,
        restore_expected_at=restore_expected_at,
        notice_due_at=notice_due,
        notice_warn_at=warn,
        incident_case_id=incident_case_id,
        area=_area_json(area),
        max_attempts=max_attempts,
        retry_minutes=retry_minutes,
        created_at=now,
    )
    s.add(campaign)
    s.flush()
    b = worklist.bound(s)
    # The whole list in one statement: customers of the area, those without a phone
    # straight onto the door-to-door list.
    no_phone = or_(Customer.phone.is_(None), Customer.phone == "")
    s.execute(
        insert(CampaignTarget).from_select(
            [
                "campaign_id",
                "customer_id",
                "phone",
                "status",
                "attempts",
                "due_at",
                "job_no",
                "delegate_job_no",
                "session_id",
            ],
            select(
                literal(campaign_id),
                Customer.id,
                Customer.phone,
                case(
                    (no_phone, literal(TargetStatus.NO_CONTACT.value)),
                    else_=literal(TargetStatus.PENDING.value),
                ),
                literal(0),
                literal(now, CampaignTarget.due_at.type),
                literal(b.job_no),
                literal(b.delegate_job_no),
                literal(b.session_id),
            ).where(_in_area(area)),
        )
    )
    audit.record(
        s, "campaign.created", campaign_id=campaign_id, outage=kind, title=title, targets=found
    )
    return _record(campaign)


def close(s: Session, ctx: AgentContext, campaign_id: str) -> CampaignRecord:
    """The outage is over: no more calls. The lists stay for the report."""
    require_role(ctx, Role.SUPERVISOR)
    c = _load(s, campaign_id)
    if c.closed_at is None:
        c.closed_at = db_now(s)
        s.flush()
        audit.record(s, "campaign.closed", campaign_id=c.id)
    return _record(c)


# --- working the list -----------------------------------------------------------------------


def _target(s: Session, campaign: Campaign, customer_id: int, session_id: int) -> Target:
    row = s.execute(
        select(
            _T,
            Customer.name,
            Customer.gender,
            Customer.community,
            Customer.building,
            Customer.unit,
            Customer.room,
        )
        .join(Customer, Customer.id == _T.c.customer_id)
        .where(_T.c.campaign_id == campaign.id, _T.c.customer_id == customer_id)
    ).one()
    held = row.claimed_session_id == session_id
    return Target(
        campaign=_record(campaign),
        customer_id=row.customer_id,
        customer_name=row.name,
        address=format_address(row.community, row.building, row.unit, row.room),
        phone=row.phone if held else mask_phone(row.phone),
        status=row.status,
        attempts=row.attempts,
        customer_title=title_of(row.gender),
    )


def held(s: Session, ctx: AgentContext) -> Target | None:
    """The target this agent holds, in any open campaign."""
    b = worklist.bound(s)
    row = s.execute(
        select(_T.c.campaign_id, _T.c.customer_id).where(
            _T.c.claimed_session_id == b.session_id, _T.c.status.in_(_TO_CALL)
        )
    ).first()
    if row is None:
        return None
    return _target(s, _load(s, row.campaign_id), row.customer_id, b.session_id)


def claim_next(s: Session, ctx: AgentContext, campaign_id: str) -> Target | None:
    """The next customer of the campaign to call, for this agent alone; None when none is
    due now. An agent who holds one gets it back."""
    b = worklist.bound(s)
    current = held(s, ctx)
    if current is not None:
        return current
    c = _load(s, campaign_id)
    if c.closed_at is not None:
        raise UserFacingError("campaign.closed")
    now = db_now(s)
    key = worklist.claim(
        s,
        _T,
        ("campaign_id", "customer_id"),
        lambda t: (
            t.c.campaign_id == c.id,
            t.c.status.in_(_TO_CALL),
            t.c.due_at <= now,
            t.c.attempts < c.max_attempts,
        ),
        lambda t: (t.c.due_at, t.c.customer_id),
        b,
        now,
    )
    return None if key is None else _target(s, c, key[1], b.session_id)


def record_result(
    s: Session, ctx: AgentContext, campaign_id: str, customer_id: int, result: str
) -> Target:
    """How the call went (R5.2). Not reached is tried again after the campaign's retry
    time until its attempts are used up; the holder only. Repeating the same call after
    a lost connection returns the target as recorded."""
    if not isinstance(result, str) or result not in frozenset(TargetStatus):
        raise UserFacingError("input.invalid_choice", field="result", value=str(result)[:16])
    result = TargetStatus(result)
    if not result.is_result:
        raise UserFacingError("input.invalid_choice", field="result", value=result.value)
    b = worklist.bound(s)
    c = _load(s, campaign_id)
    now = db_now(s)
    row = s.execute(
        select(_T).where(_T.c.campaign_id == c.id, _T.c.customer_id == customer_id)
    ).one_or_none()
    if row is None:
        raise UserFacingError("campaign.not_found")
    if (
        row.claimed_session_id is None
        and row.result_by_job_no == b.job_no
        and row.status == result
        and row.result_at is not None
    ):
        return _target(s, c, customer_id, b.session_id)  # recorded already
    if row.claimed_session_id != b.session_id:
        raise UserFacingError("campaign.not_yours", job_no=row.claimed_by_job_no or "-")
    values: dict[str, Any] = {
        "status": result,
        "attempts": row.attempts + 1,
        "result_at": now,
        "result_by_job_no": b.job_no,
        "claimed_by_job_no": None,
        "claimed_session_id": None,
        "claimed_at": None,
    }
    if result is TargetStatus.NOT_REACHED and row.attempts + 1 < c.max_attempts:
        values["due_at"] = now + timedelta(minutes=c.retry_minutes)
    done = worklist.rowcount(
        s.execute(
            update(_T)
            .where(
                _T.c.campaign_id == c.id,
                _T.c.customer_id == customer_id,
                _T.c.claimed_session_id == b.session_id,
            )
            .values(**values)
        )
    )
    if done != 1:
        raise UserFacingError("campaign.not_yours", job_no="-")
    return _target(s, c, customer_id, b.session_id)


# --- what the supervisor and the card see ---------------------------------------------------


def progress(s: Session, ctx: AgentContext | None, campaign_id: str) -> Progress:
    c = _load(s, campaign_id)
    now = db_now(s)
    counts = dict.fromkeys(
        ("pending", "in_progress", "notified", "not_reached", "wrong_number", "no_contact"), 0
    )
    alive = ~worklist.free(_T, now)
    rows = s.execute(
        select(
            _T.c.status,
            (_T.c.attempts >= c.max_attempts).label("used_up"),
            alive.label("held"),
            func.count(),
        )
        .where(_T.c.campaign_id == c.id)
        .group_by(_T.c.status, "used_up", "held")
    ).all()
    for status, used_up, is_held, n in rows:
        if status in _TO_CALL and not used_up:
            counts["in_progress" if is_held else "pending"] += n
        else:
            counts[status] += n
    return Progress(total=sum(counts.values()), **counts)


def active(s: Session, ctx: AgentContext | None) -> list[tuple[CampaignRecord, Progress]]:
    """Open campaigns, newest first, with their live progress."""
    rows = s.scalars(
        select(Campaign).where(Campaign.closed_at.is_(None)).order_by(Campaign.created_at.desc())
    ).all()
    return [(_record(c), progress(s, ctx, c.id)) for c in rows]


def targets(
    s: Session, ctx: AgentContext, campaign_id: str, status: str | None = None
) -> list[TargetRow]:
    """The campaign's list (supervisors) in walking order — community, building, unit,
    room as numbers (2号楼 before 10号楼) — for the screen and the door-to-door sheet."""
    require_role(ctx, Role.SUPERVISOR)
    c = _load(s, campaign_id)
    q = (
        select(
            _T, Customer.name, Customer.community, Customer.building, Customer.unit, Customer.room
        )
        .join(Customer, Customer.id == _T.c.customer_id)
        .where(_T.c.campaign_id == c.id)
    )
    if status is not None:
        q = q.where(_T.c.status == status)
    rows = sorted(
        s.execute(q).all(),
        key=lambda r: (walking_order(r.community, r.building, r.unit, r.room), r.customer_id),
    )
    return [
        TargetRow(
            customer_id=r.customer_id,
            customer_name=r.name,
            address=format_address(r.community, r.building, r.unit, r.room),
            phone=mask_phone(r.phone),
            status=r.status,
            attempts=r.attempts,
            result_at=r.result_at,
            result_by_job_no=r.result_by_job_no,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class CampaignReport:
    """A campaign's results as printed (R5.2: 通知结果明细, 未通知人员明细, 无联系方式)."""

    campaign: CampaignRecord
    progress: Progress
    targets: tuple[TargetRow, ...]


def report(s: Session, ctx: AgentContext, campaign_id: str) -> CampaignReport:
    rows = targets(s, ctx, campaign_id)
    return CampaignReport(
        _record(_load(s, campaign_id)), progress(s, ctx, campaign_id), tuple(rows)
    )


# --- the advance-notice clock (R5.3) ----------------------------------------------------------


def sweep(s: Session, ctx: AgentContext | None, now: datetime | None = None) -> CampaignSweep:
    """Warn, then escalate to the duty manager, a planned campaign whose advance-notice
    deadline nears or passes with customers still to be called; once each."""
    at = now or db_now(s)
    warned: list[str] = []
    escalated: list[str] = []
    open_planned = s.scalars(
        select(Campaign).where(
            Campaign.closed_at.is_(None),
            Campaign.notice_due_at.is_not(None),
            Campaign.escalated_at.is_(None),
            Campaign.notice_warn_at <= at,
        )
    ).all()
    for c in open_planned:
        left = s.scalar(
            select(func.count()).where(
                _T.c.campaign_id == c.id,
                _T.c.status.in_(_TO_CALL),
                _T.c.attempts < c.max_attempts,
            )
        )
        if not left:
            continue
        assert c.notice_due_at is not None
        if c.notice_due_at <= at:
            c.escalated_at = at
            c.warned_at = c.warned_at or at
            audit.record(
                s,
                "campaign.escalated",
                campaign_id=c.id,
                notice_due_at=c.notice_due_at.isoformat(),
                remaining=left,
                escalated_to=DUTY_MANAGER,
            )
            escalated.append(c.id)
        elif c.warned_at is None:
            c.warned_at = at
            audit.record(s, "campaign.warned", campaign_id=c.id, remaining=left)
            warned.append(c.id)
    s.flush()
    return CampaignSweep(tuple(warned), tuple(escalated))
