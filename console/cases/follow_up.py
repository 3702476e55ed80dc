"""Follow-up (回访) joined to the case workflow (R3.3, R3.5, R3.6, R3.7).

When the department reports a case done, the callback goes on the shared list in the
same unit of work; when an agent who took it from the list records the customer's
answer, the case moves on as the workflow says: satisfied closes it, an unsatisfied
complaint goes to the customer-service manager's review (R3.5), any other unsatisfied
case back to the department (R3.6) — and its next "done" queues the next callback, until
the customer is satisfied. "Inconvenient" and "unreachable" only reschedule the call.

Inquiries answered at once get a random callback sample (GS 15.3.6): a share of them,
chosen reproducibly, each called back within two working days of the contact.

Every id made here is derived from what it follows (a uuid5), so a unit of work
retried after a lost connection adds nothing twice.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from console.cases import callbacks, cases
from console.cases.callbacks import CallbackItem
from console.cases.cases import CaseRecord
from console.content import content
from console.content.holiday_calendar import DEFAULT_ZONE, HolidayCalendar
from console.core.checks import check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import (
    CallbackReason,
    CallbackResult,
    CallId,
    CaseEventKind,
    CaseId,
    CaseKind,
    CaseStatus,
    Intent,
    JobNumber,
)
from console.customers.customers import format_address, mask_phone, title_of
from db.models import Call, Callback, Case, Customer

# GS 15.3.6: the random callback of an answered inquiry, within two working days.
SAMPLE_WITHIN_WORKING_DAYS = 2
MAX_SAMPLE_WINDOW_DAYS = 31

_NAMESPACE = uuid.UUID("6f1d7c52-3b0e-5d4a-9c1e-8a2f4b6d0e31")


def case_callback_id(case_id: CaseId, round_no: int) -> str:
    """The callback that follows the case's ``round_no``-th "done" (1, 2, …)."""
    return str(uuid.uuid5(_NAMESPACE, f"case-callback/{case_id}/{round_no}"))


def sample_callback_id(call_id: CallId) -> str:
    """The sampling callback of one inquiry call: at most one per call, ever."""
    return str(uuid.uuid5(_NAMESPACE, f"inquiry-sample/{call_id}"))


def _done_rounds(s: Session, ctx: AgentContext, case_id: CaseId) -> int:
    return sum(1 for e in cases.timeline(s, ctx, case_id) if e.kind == CaseEventKind.DONE)


def _phone(s: Session, caller_number: str | None, customer_id: int | None) -> str | None:
    """The number to call back: the one the customer called from, else the account's."""
    if caller_number:
        return caller_number
    customer = None if customer_id is None else s.get(Customer, customer_id)
    return None if customer is None else customer.phone


def _is_repeat(
    s: Session, ctx: AgentContext, case: CaseRecord, expected_version: int, note: str
) -> bool:
    """This agent's "done" on ``expected_version`` committed already (a retried unit)."""
    if not (
        case.version == expected_version + 1
        and case.status == CaseStatus.AWAITING_CALLBACK
        and case.updated_by_job_no == ctx.stamped_job_no
    ):
        return False
    entries = cases.timeline(s, ctx, case.id)
    last = entries[-1] if entries else None
    return last is not None and last.kind == CaseEventKind.DONE and last.data.get("note") == note


def department_done(
    s: Session, ctx: AgentContext, case_id: CaseId, expected_version: int, note: str = ""
) -> CaseRecord:
    """The department reports the case done (entered by the owner or a supervisor), and
    the satisfaction callback goes on the shared list, due now, in this unit of work.
    Repeating it after a lost connection returns the case and adds no second callback."""
    case_id = cases.check_case_id(case_id)
    note = content.check_words(s, "note", check_text("note", note, cases.MAX_NOTE))
    current = cases.get_case(s, ctx, case_id)
    if _is_repeat(s, ctx, current, expected_version, note):
        record = current
    else:
        record = cases.record_department(
            s, ctx, case_id, CaseEventKind.DONE, expected_version, note
        )
    callbacks.add(
        s,
        ctx,
        case_callback_id(record.id, _done_rounds(s, ctx, record.id)),
        CallbackReason.CASE,
        db_now(s),
        case_id=record.id,
        customer_id=record.customer_id,
        phone=_phone(s, record.caller_number, record.customer_id),
    )
    return record


def callback_result(
    s: Session,
    ctx: AgentContext,
    callback_id: str,
    result: str,
    *,
    reschedule_at: datetime | None = None,
    note: str = "",
) -> tuple[CallbackItem, CaseRecord | None]:
    """Record the callback's result (only the agent holding it may, GS 15.6.5) and, for
    a case's callback answered satisfied or unsatisfied, move the case on (R3.5, R3.6).
    ``inconvenient`` and ``unreachable`` reschedule the call and leave the case as it is.

    Returns the item and the case as it now is (None for a callback without a case).
    Repeating it after a lost connection changes nothing more.
    """
    note = content.check_words(s, "note", check_text("note", note, cases.MAX_NOTE))
    item = callbacks.record_result(s, ctx, callback_id, result, reschedule_at=reschedule_at)
    if item.case_id is None:
        return item, None
    case = cases.get_case(s, ctx, item.case_id)
    reached = result in (CallbackResult.SATISFIED, CallbackResult.UNSATISFIED)
    if (
        reached
        and item.reason == CallbackReason.RESCHEDULE
        and case.kind in (CaseKind.INQUIRY, CaseKind.LOOKUP)
        and case.status != CaseStatus.CLOSED
    ):
        # The promised reply was given (GS 15.3.4; TN long lookup): the case is served.
        case = cases.record_reply(
            s, ctx, case.id, result == CallbackResult.SATISFIED, note, callback_holder=True
        )
    elif (
        reached
        and case.status == CaseStatus.AWAITING_CALLBACK
        # Only the callback of the current round moves the case: a stale one never does.
        and item.id == case_callback_id(case.id, _done_rounds(s, ctx, case.id))
    ):
        case = cases.record_callback_result(
            s,
            ctx,
            case.id,
            result == CallbackResult.SATISFIED,
            case.version,
            note,
            callback_holder=True,
        )
    return item, case


def _check_moment(field_name: str, value: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise UserFacingError("input.invalid", field=field_name)
    return value


def sample_inquiries(
    s: Session,
    ctx: AgentContext,
    since: datetime,
    until: datetime,
    rate: float = 0.1,
    seed: int | None = None,
    *,
    calendar: HolidayCalendar | None = None,
) -> list[CallbackItem]:
    """Random callback sampling of inquiries answered at once (GS 15.3.6).

    Of the finished calls with intent ``inquiry`` started in ``[since, until)`` that
    opened no case, still within two working days of the contact and with a number to
    call, ``rate`` of them (rounded half up) get a callback, ``reason`` inquiry_sample,
    due now (the list gives out due items; the two working days are the deadline). The
    choice is reproducible with ``seed``. A call is never sampled twice, and calls
    sampled before count towards the share: running it again adds nothing.

    Returns the callbacks added by this run.
    """
    since = _check_moment("since", since)
    until = _check_moment("until", until)
    if not since < until or (until - since).days > MAX_SAMPLE_WINDOW_DAYS:
        raise UserFacingError("input.invalid", field="until")
    if (
        isinstance(rate, bool)
        or not isinstance(rate, int | float)
        or math.isnan(rate)
        or not 0 <= rate <= 1
    ):
        raise UserFacingError("input.out_of_range", field="rate", low=0, high=1)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise UserFacingError("input.invalid", field="seed")
    calendar = calendar or content.of(s).calendar()
    now = db_now(s)
    rows = s.execute(
        select(Call.id, Call.started_at, Call.caller_number, Call.customer_id)
        .where(
            Call.intent == Intent.INQUIRY,
            Call.started_at >= since,
            Call.started_at < until,
            Call.ended_at.is_not(None),
            ~exists().where(Case.call_id == Call.id),
        )
        .order_by(Call.started_at, Call.id)
    ).all()
    eligible = []
    for row in rows:
        if calendar.add_working_days(row.started_at, SAMPLE_WITHIN_WORKING_DAYS) <= now:
            continue  # too late to call back within the two working days
        phone = _phone(s, row.caller_number, row.customer_id)
        if phone is not None:
            eligible.append((row.id, row.customer_id, phone))
    ids = [sample_callback_id(call_id) for call_id, _, _ in eligible]
    sampled = set(s.scalars(select(Callback.id).where(Callback.id.in_(ids)))) if ids else set()
    wanted = math.floor(rate * len(eligible) + 0.5)
    remaining = [e for e, cb in zip(eligible, ids, strict=True) if cb not in sampled]
    need = min(max(0, wanted - len(sampled)), len(remaining))
    picks = random.Random(seed).sample(remaining, need)
    return [
        callbacks.add(
            s,
            ctx,
            sample_callback_id(call_id),
            CallbackReason.INQUIRY_SAMPLE,
            now,
            customer_id=customer_id,
            phone=phone,
        )
        for call_id, customer_id, phone in sorted(picks)
    ]


# GS 15.3.6 names no share: a tenth of the inquiries answered at once are called back.
DAILY_SAMPLE_RATE = 0.1
# Two working days after a contact can be ten calendar days later (春节, 国庆 and their
# weekends): the daily sample looks that far back for calls still in time.
DAILY_LOOKBACK = timedelta(days=14)


def sample_daily(
    s: Session,
    ctx: AgentContext,
    *,
    rate: float = DAILY_SAMPLE_RATE,
    calendar: HolidayCalendar | None = None,
) -> list[CallbackItem]:
    """GS 15.3.6 by itself: every console runs it once a day (ui/app/main_window.py),
    over the inquiries answered at once that can still be called back within their two
    working days. The day seeds the choice, so consoles running it the same day pick
    the same calls; calls sampled before count towards the share, so it adds nothing
    when run again."""
    now = db_now(s)
    seed = now.astimezone(ZoneInfo(DEFAULT_ZONE)).date().toordinal()
    return sample_inquiries(s, ctx, now - DAILY_LOOKBACK, now, rate, seed, calendar=calendar)


@dataclass(frozen=True)
class CallbackBrief:
    """What the agent needs before dialling the item they hold: why the call, to whom,
    and — for a case's callback — what the case was and who owns it."""

    item: CallbackItem
    customer_name: str | None
    address: str | None
    special_group: str | None
    case_no: str | None
    case_kind: str | None
    case_summary: str | None
    case_owner_job_no: JobNumber | None
    case_department: str | None
    customer_title: str | None = None  # 先生 / 女士, as the record has the customer


def brief(s: Session, ctx: AgentContext) -> CallbackBrief | None:
    """The brief of the item this agent holds, or None when they hold none. Only the
    holder gets it: the phone number and the customer's details go with the claim."""
    item = callbacks.held(s, ctx)
    if item is None:
        return None
    customer = s.get(Customer, item.customer_id) if item.customer_id is not None else None
    case = s.get(Case, item.case_id) if item.case_id is not None else None
    return CallbackBrief(
        item=item,
        customer_name=customer.name if customer is not None else None,
        address=(
            format_address(customer.community, customer.building, customer.unit, customer.room)
            if customer is not None
            else None
        ),
        special_group=customer.special_group if customer is not None else None,
        case_no=case.case_no if case is not None else None,
        case_kind=case.kind if case is not None else None,
        case_summary=case.summary if case is not None else None,
        case_owner_job_no=case.owner_job_no if case is not None else None,
        case_department=case.department if case is not None else None,
        customer_title=title_of(customer.gender) if customer is not None else None,
    )


@dataclass(frozen=True)
class CallbackLogRow:
    """One finished callback, as the callback log (回访记录) prints it."""

    done_at: datetime
    job_no: JobNumber | None
    reason: str
    customer_name: str | None
    phone: str | None  # masked
    attempts: int
    result: str
    case_no: str | None
    case_kind: str | None
    case_summary: str | None


def callback_log(
    s: Session, ctx: AgentContext, since: datetime, until: datetime, limit: int = 50_000
) -> list[CallbackLogRow]:
    """Callbacks finished in [since, until), oldest first (supervisors, R6.1)."""
    require_role(ctx, Role.SUPERVISOR)
    rows = s.execute(
        select(Callback, Customer.name, Case.case_no, Case.kind, Case.summary)
        .outerjoin(Customer, Customer.id == Callback.customer_id)
        .outerjoin(Case, Case.id == Callback.case_id)
        .where(Callback.done_at >= since, Callback.done_at < until)
        .order_by(Callback.done_at, Callback.id)
        .limit(limit)
    ).all()
    return [
        CallbackLogRow(
            done_at=c.done_at or since,  # never None: the query asked for done ones
            job_no=c.claimed_by_job_no,
            reason=c.reason,
            customer_name=name,
            phone=mask_phone(c.phone),
            attempts=c.attempts,
            result=c.result or "",
            case_no=case_no,
            case_kind=kind,
            case_summary=summary,
        )
        for c, name, case_no, kind, summary in rows
    ]


__all__ = [
    "CallbackBrief",
    "CallbackLogRow",
    "brief",
    "callback_log",
    "callback_result",
    "case_callback_id",
    "department_done",
    "sample_callback_id",
    "sample_daily",
    "sample_inquiries",
]
