"""The complaint register (投诉意见登记表, R3.5, GS 2.2.6, TN 二): every complaint opened
in a period, with who made it, what it was, which department handled it, when the
customer got the reply and whether that was within the 72 hours, and how it ended.

A complaint is "archived" in the register when it closes satisfied (its timeline says
so, console/cases/cases.py); the register lists open ones too, so a supervisor sees the whole
period and the clerk prints it. Computed from the cases and their timelines in
two queries; nothing is stored twice.

Supervisors and administrators only (R8.2). Caller numbers are masked as in the call
log (R2.14): the register is a record, not the customer on the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.core.checks import check_period
from console.core.identity import AgentContext, Role, require_role
from console.core.vocabulary import CaseEventKind, CaseId, CaseKind, JobNumber
from console.customers.customers import format_address, mask_phone
from db.models import Case, CaseEvent, Customer, Department

# GS 2.2.6: 接到投诉电话时,立即调查并进行处理,72小时内给予客户答复.
REPLY_WITHIN = timedelta(hours=72)
MAX_ROWS = 10_000


@dataclass(frozen=True)
class ComplaintEntry:
    case_id: CaseId
    case_no: str  # 工单号
    opened_at: datetime
    customer_name: str | None
    phone: str | None  # masked
    address: str | None
    summary: str
    department: str | None  # the department's name
    owner_job_no: JobNumber
    replied_at: datetime | None  # the first callback that told the customer the outcome
    replied_in_time: bool | None  # None while no reply was made
    result: str  # what the department reported last (its "done" note)
    satisfaction: str | None
    closed_at: datetime | None
    archived: bool


def entries(
    s: Session, ctx: AgentContext, since: datetime, until: datetime
) -> list[ComplaintEntry]:
    """The complaints opened in [since, until), oldest first."""
    require_role(ctx, Role.SUPERVISOR)
    check_period(since, until)
    rows = s.execute(
        select(Case, Customer, Department.name)
        .outerjoin(Customer, Customer.id == Case.customer_id)
        .outerjoin(Department, Department.code == Case.department)
        .where(Case.kind == CaseKind.COMPLAINT, Case.opened_at >= since, Case.opened_at < until)
        .order_by(Case.opened_at, Case.id)
        .limit(MAX_ROWS)
    ).all()
    ids = [case.id for case, _customer, _dept in rows]
    replied: dict[str, datetime] = {}
    results: dict[str, str] = {}
    archived: set[str] = set()
    for i in range(0, len(ids), 500):  # stay under every driver's parameter limit
        events = s.execute(
            select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.at, CaseEvent.data)
            .where(
                CaseEvent.case_id.in_(ids[i : i + 500]),
                CaseEvent.kind.in_(
                    (CaseEventKind.CALLBACK, CaseEventKind.DONE, CaseEventKind.ARCHIVED)
                ),
            )
            .order_by(CaseEvent.case_id, CaseEvent.seq)
        ).all()
        for case_id, kind, at, data in events:
            if kind == CaseEventKind.CALLBACK:
                replied.setdefault(case_id, at)
            elif kind == CaseEventKind.DONE:
                results[case_id] = json.loads(data).get("note") or ""
            else:
                archived.add(case_id)
    out = []
    for case, customer, department in rows:
        reply = replied.get(case.id)
        out.append(
            ComplaintEntry(
                case_id=case.id,
                case_no=case.case_no,
                opened_at=case.opened_at,
                customer_name=customer.name if customer is not None else None,
                phone=mask_phone(case.caller_number or (customer.phone if customer else None)),
                address=(
                    format_address(
                        customer.community, customer.building, customer.unit, customer.room
                    )
                    if customer is not None
                    else None
                ),
                summary=case.summary,
                department=department,
                owner_job_no=case.owner_job_no,
                replied_at=reply,
                replied_in_time=None if reply is None else reply - case.opened_at <= REPLY_WITHIN,
                result=results.get(case.id, ""),
                satisfaction=case.satisfaction,
                closed_at=case.closed_at,
                archived=case.id in archived,
            )
        )
    return out
