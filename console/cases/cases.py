"""Cases (工单, R3.1, R3.2, R3.5, R3.6): what a caller asked for, owned by the agent who
took the first contact (首问责任人) until it is closed, whichever department handles it.

The workflows, as the telephone-service norms draw them (投诉处理工作流程):

- complaint: open → dispatched → (acknowledged, progress, 24 h notice to the caller) →
  done → callback (回访) → satisfied: closed and archived in the complaint register;
  unsatisfied: the customer-service manager reviews it and it is handled again;
- repair and the rest: … → done → callback → unsatisfied goes back to the department,
  as many times as it takes, until the customer is satisfied (R3.6).

Every change that moves the case is an optimistic save (``expected_version``): a change
based on an older version is refused naming the job number that changed it, and nothing
is written. Each step is also an entry on the case's append-only timeline. On PostgreSQL
the database itself refuses an ownership change by anyone but a supervisor; SQLite has no
such triggers, so the same rules are checked here, for both databases alike.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from console.cases import sla_sweep
from console.content import content
from console.core import audit
from console.core.checks import check_call_id, check_number, check_strings, check_text, one_of
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.serials import next_serial
from console.core.unit import db_now
from console.core.vocabulary import (
    CallbackResult,
    CallId,
    CaseEventKind,
    CaseId,
    CaseKind,
    CaseStatus,
    JobNumber,
)
from db.models import (
    Agent,
    Call,
    Case,
    CaseClock,
    CaseEvent,
    CaseSerial,
    Customer,
    Department,
)

MAX_SUMMARY = 2000
MAX_NOTE = 2000
MAX_REASON = 500
MAX_DETAILS = 16000

# What a department reports, entered by the case's owner on its behalf.
DEPARTMENT_REPORTS = (CaseEventKind.ACKNOWLEDGED, CaseEventKind.PROGRESS, CaseEventKind.DONE)

# Where each action may start from (anything else is refused with case.invalid_transition).
_DISPATCHABLE = (CaseStatus.OPEN, CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS)
_WITH_DEPARTMENT = (CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS)
_STILL_OPEN = tuple(status for status in CaseStatus if status is not CaseStatus.CLOSED)


# --- what the services return --------------------------------------------------------------


@dataclass(frozen=True)
class CaseRecord:
    id: CaseId  # internal: never shown or said (the case number is)
    case_no: str  # 工单号, G2026-00123: what the agent and the customer say
    kind: str
    status: str
    owner_job_no: JobNumber
    department: str | None
    customer_id: int | None
    call_id: CallId | None
    caller_number: str | None
    summary: str
    details: dict[str, Any]
    satisfaction: str | None
    opened_at: datetime
    closed_at: datetime | None
    job_no: JobNumber
    updated_at: datetime
    updated_by_job_no: JobNumber | None
    version: int

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    kind: str
    at: datetime
    data: dict[str, Any]
    job_no: JobNumber


def _record(c: Case) -> CaseRecord:
    return CaseRecord(
        id=c.id,
        case_no=c.case_no,
        kind=c.kind,
        status=c.status,
        owner_job_no=c.owner_job_no,
        department=c.department,
        customer_id=c.customer_id,
        call_id=c.call_id,
        caller_number=c.caller_number,
        summary=c.summary,
        details=json.loads(c.details or "{}"),
        satisfaction=c.satisfaction,
        opened_at=c.opened_at,
        closed_at=c.closed_at,
        job_no=c.job_no,
        updated_at=c.updated_at,
        updated_by_job_no=c.updated_by_job_no,
        version=c.version,
    )


# --- input checks ------------------------------------------------------------------------


def check_case_id(case_id: str) -> CaseId:
    try:
        return CaseId(str(uuid.UUID(str(case_id))))
    except ValueError as e:
        raise UserFacingError("case.bad_id") from e


def new_case_id() -> CaseId:
    """A fresh case id, made by the seat before the first write (retries add nothing)."""
    return CaseId(str(uuid.uuid4()))


# 工单号: a letter for 工单, the year of the center's calendar, the case of that year.
# Said on the phone as "G 二〇二六 杠 一二三"; a customer quotes it, an agent types it.
CASE_NO_PREFIX = "G"
_CASE_NO = re.compile(r"G?(\d{4})-?(\d{1,7})")


def _next_case_no(s: Session, opened_at: datetime) -> str:
    """The next case number of the year ``opened_at`` falls in, on the center's
    calendar; taken in the opening transaction, so an unsaved case leaves no gap."""
    year = opened_at.astimezone(content.of(s).calendar().zone).year
    return f"{CASE_NO_PREFIX}{year}-{next_serial(s, CaseSerial, year):05d}"


def check_case_no(text: str) -> str:
    """A case number as typed (``g2026-123``, ``Ｇ２０２６－００１２３``, ``2026-00123``)
    in its one written form, ``G2026-00123``."""
    typed = unicodedata.normalize("NFKC", str(text)).strip().upper()[:32]
    m = _CASE_NO.fullmatch(typed)
    if m is None:
        raise UserFacingError("case.bad_number", number=typed)
    return f"{CASE_NO_PREFIX}{m.group(1)}-{int(m.group(2)):05d}"


def find_case(s: Session, ctx: AgentContext, number: str) -> CaseRecord:
    """The case a caller or a clerk names by its number."""
    case_no = check_case_no(number)
    case = s.scalar(select(Case).where(Case.case_no == case_no))
    if case is None:
        raise UserFacingError("case.no_such_number", number=case_no)
    return _record(case)


def _note(s: Session, value: str, field_name: str = "note", *, required: bool = False) -> str:
    """A note on the case, checked: the customer may read the case (its report), so a
    taboo phrase is refused (every free text a customer may hear or read)."""
    text = check_text(
        field_name, value, MAX_NOTE if field_name != "reason" else MAX_REASON, required=required
    )
    return content.check_words(s, field_name, text)


def _details(value: Mapping[str, Any] | None) -> str:
    if value is None:
        return "{}"
    if not isinstance(value, Mapping):
        raise UserFacingError("input.invalid", field="details")
    check_strings("details", value, MAX_DETAILS)
    try:
        # ensure_ascii=False keeps Chinese readable; NUL and controls come out escaped.
        text = json.dumps(dict(value), ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as err:
        raise UserFacingError("input.invalid", field="details") from err
    return check_text("details", text, MAX_DETAILS)


# --- loading, rules, writing ----------------------------------------------------------------


def _load(s: Session, case_id: CaseId, *, for_update: bool = False) -> Case:
    case = s.get(Case, check_case_id(case_id), with_for_update=for_update, populate_existing=True)
    if case is None:
        raise UserFacingError("case.not_found")
    return case


def _may_act(ctx: AgentContext, case: Case) -> None:
    """首问负责制: the owner works the case; a supervisor may act on their behalf."""
    if case.owner_job_no != ctx.stamped_job_no and not ctx.is_at_least(Role.SUPERVISOR):
        raise UserFacingError("case.not_owner", owner=case.owner_job_no)


def _changed_elsewhere(case: Case) -> UserFacingError:
    return UserFacingError(
        "case.changed_elsewhere",
        job_no=case.updated_by_job_no or case.job_no,
        at=case.updated_at,
        version=case.version,
    )


def _for_change(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    expected_version: int,
    action: str,
    allowed: tuple[str, ...],
    *,
    any_agent: bool = False,
) -> Case:
    """The case, locked, if this agent may do ``action`` now on the version they saw."""
    case = _load(s, case_id, for_update=True)
    if not any_agent:
        _may_act(ctx, case)
    if case.version != expected_version:
        raise _changed_elsewhere(case)
    if case.status not in allowed:
        raise UserFacingError("case.invalid_transition", status=case.status, action=action)
    return case


def _append(s: Session, case: Case, at: datetime, kind: CaseEventKind, /, **data: Any) -> None:
    """One timeline entry; the case row is locked, so the numbering is the only one.

    Read without autoflush: flushing the case half-changed would spend a version."""
    with s.no_autoflush:
        last = s.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id))
    pending = [e.seq for e in s.new if isinstance(e, CaseEvent) and e.case_id == case.id]
    seq = max([-1 if last is None else last, *pending]) + 1
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    s.add(CaseEvent(case_id=case.id, seq=seq, kind=kind, at=at, data=text))


def _write(s: Session, ctx: AgentContext, case: Case, now: datetime) -> CaseRecord:
    """One UPDATE (one new version) plus the timeline entries already added."""
    if s.is_modified(case):
        case.updated_at = now
        case.updated_by_job_no = ctx.stamped_job_no
    try:
        s.flush()
    except StaleDataError as e:  # the row lock makes this unlikely; say it plainly anyway
        raise UserFacingError("case.changed_elsewhere", job_no="?", at=None, version=None) from e
    s.refresh(case)  # the trigger's stamp on PostgreSQL
    return _record(case)


def _department(s: Session, code: str) -> str:
    if not isinstance(code, str) or s.get(Department, code) is None:
        raise UserFacingError("case.unknown_department", department=str(code)[:16])
    return code


# --- services ---------------------------------------------------------------------------------


def open_case(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    kind: str,
    summary: str,
    *,
    call_id: CallId | None = None,
    customer_id: int | None = None,
    caller_number: str | None = None,
    details: Mapping[str, Any] | None = None,
    severity: str | None = None,
) -> CaseRecord:
    """Open a case owned by the signed-in agent (the first contact, R3.1), with the SLA
    clocks its kind has in the policy. Repeating it with the same ``case_id`` returns
    the case already made.

    A network fault (GS 2.2.3) has a ``severity``: ``general`` (排除不超过4小时) or
    ``major`` (不超过24小时修复); its clocks are the policy's for that severity, and the
    severity is kept in the details."""
    case_id = check_case_id(case_id)
    kind = one_of("kind", kind, CaseKind)
    if (kind == CaseKind.NETWORK_FAULT) != (severity is not None):
        raise UserFacingError("case.severity", kind=kind)
    if severity is not None:
        severity = one_of("severity", severity, NetworkFaultSeverity)
        details = {**(details or {}), "severity": severity}
    summary = check_text("summary", summary, MAX_SUMMARY, required=True)
    number = check_number(caller_number)
    details_text = _details(details)
    existing = s.get(Case, case_id)
    if existing is not None:
        return _record(existing)
    if call_id is not None:
        call_id = check_call_id(call_id)
        if s.get(Call, call_id) is None:
            raise UserFacingError("call.not_found")
    if customer_id is not None and (
        isinstance(customer_id, bool)
        or not isinstance(customer_id, int)
        or s.get(Customer, customer_id) is None
    ):
        raise UserFacingError("customer.not_found")
    now = db_now(s)
    case = Case(
        id=case_id,
        case_no=_next_case_no(s, now),
        kind=kind,
        status=CaseStatus.OPEN,
        owner_job_no=ctx.stamped_job_no,
        department=None,
        customer_id=customer_id,
        call_id=call_id,
        caller_number=number,
        summary=summary,
        details=details_text,
        satisfaction=None,
        opened_at=now,
        closed_at=None,
        updated_at=now,
        updated_by_job_no=ctx.stamped_job_no,
    )
    s.add(case)
    s.flush()
    _append(s, case, now, CaseEventKind.OPENED, kind=kind, call_id=call_id)
    # The SLA clocks run from the database's moment of opening (R3.3).
    sla_sweep.start_clocks(s, ctx, case_id, clock_kind(kind, severity), now)
    return _write(s, ctx, case, now)


class NetworkFaultSeverity(StrEnum):
    """GS 2.2.3: 一般故障排除不超过4小时, 大故障不超过24小时修复."""

    GENERAL = "general"
    MAJOR = "major"


def clock_kind(kind: str, severity: str | None) -> str:
    """The SLA policy's kind for a case: a major network fault has its own clocks."""
    if kind == CaseKind.NETWORK_FAULT and severity == NetworkFaultSeverity.MAJOR:
        return "network_fault_major"
    return kind


def get_case(s: Session, ctx: AgentContext, case_id: CaseId) -> CaseRecord:
    return _record(_load(s, case_id))


def open_cases_of_customer(s: Session, ctx: AgentContext, customer_id: int) -> list[CaseRecord]:
    """The customer's cases still open, newest first: a follow-up contact links to one
    of these instead of opening a duplicate."""
    rows = s.scalars(
        select(Case)
        .where(Case.customer_id == customer_id, Case.closed_at.is_(None))
        .order_by(Case.opened_at.desc(), Case.id)
    )
    return [_record(c) for c in rows]


def link_contact(
    s: Session, ctx: AgentContext, case_id: CaseId, call_id: CallId, note: str = ""
) -> CaseRecord:
    """A follow-up call about an open case: an entry on its timeline, no new case. Any
    agent may link it (the one who takes the call); the owner stays. Linking the same
    call again adds nothing."""
    note = _note(s, note)
    call_id = check_call_id(call_id)
    case = _load(s, case_id, for_update=True)
    if case.status == CaseStatus.CLOSED:
        raise UserFacingError("case.invalid_transition", status=case.status, action="contact")
    if s.get(Call, call_id) is None:
        raise UserFacingError("call.not_found")
    already = s.scalars(
        select(CaseEvent.data).where(
            CaseEvent.case_id == case.id, CaseEvent.kind == CaseEventKind.CONTACT
        )
    )
    if any(json.loads(d).get("call_id") == call_id for d in already):
        return _record(case)
    _append(s, case, db_now(s), CaseEventKind.CONTACT, call_id=call_id, note=note)
    s.flush()
    return _record(case)


def dispatch(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    department: str,
    expected_version: int,
    note: str = "",
) -> CaseRecord:
    """Send the case to the department that handles it (承办, R3.2); the owner stays."""
    note = _note(s, note)
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "dispatch", _DISPATCHABLE)
    case.department = _department(s, department)
    case.status = CaseStatus.DISPATCHED
    _append(s, case, now, CaseEventKind.DISPATCHED, department=case.department, note=note)
    return _write(s, ctx, case, now)


# Which SLA clocks an entry meets (R3.3): they stop, so a case is never escalated for
# an obligation already fulfilled. Closing a case stops every clock it has.
CLOCKS_MET_BY: dict[CaseEventKind, tuple[str, ...]] = {
    CaseEventKind.NOTICE: ("progress_notice", "status_call"),
    CaseEventKind.ACKNOWLEDGED: ("handle", "arrive"),
    CaseEventKind.PROGRESS: ("handle", "arrive"),
    CaseEventKind.DONE: ("handle", "arrive", "fix", "fix_general", "fix_major"),
    # The callback tells the customer the outcome: that is the reply (答复) the complaint
    # and inquiry clocks wait for, whether or not the customer is satisfied with it.
    CaseEventKind.CALLBACK: ("reply",),
}


def _meet(s: Session, case_id: CaseId, entry: CaseEventKind, now: datetime) -> None:
    """Stop the running clocks that ``entry`` fulfils (all of them when closed)."""
    q = update(CaseClock).where(CaseClock.case_id == case_id, CaseClock.stopped_at.is_(None))
    if entry is not CaseEventKind.CLOSED:
        q = q.where(CaseClock.name.in_(CLOCKS_MET_BY.get(entry, ())))
    s.execute(q.values(stopped_at=now).execution_options(synchronize_session=False))


def record_department(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    what: str,
    expected_version: int,
    note: str = "",
) -> CaseRecord:
    """What the department reported, entered by the owner or a supervisor on its behalf:
    ``acknowledged`` and ``progress`` (in progress), ``done`` (time for the callback)."""
    report = one_of("what", what, CaseEventKind)
    if report not in DEPARTMENT_REPORTS:
        raise UserFacingError("input.invalid_choice", field="what", value=str(what)[:32])
    note = _note(s, note)
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, report, _WITH_DEPARTMENT)
    done = report is CaseEventKind.DONE
    case.status = CaseStatus.AWAITING_CALLBACK if done else CaseStatus.IN_PROGRESS
    _append(s, case, now, report, department=case.department, note=note)
    _meet(s, case.id, report, now)
    return _write(s, ctx, case, now)


def record_notice(s: Session, ctx: AgentContext, case_id: CaseId, note: str = "") -> CaseRecord:
    """The progress notice given to the caller (R3.5: a complaint not settled within
    24 h). A timeline entry only: the case itself does not change."""
    note = _note(s, note)
    now = db_now(s)
    case = _load(s, case_id, for_update=True)
    _may_act(ctx, case)
    if case.status not in _STILL_OPEN:
        raise UserFacingError("case.invalid_transition", status=case.status, action="notice")
    _append(s, case, now, CaseEventKind.NOTICE, note=note)
    _meet(s, case.id, CaseEventKind.NOTICE, now)
    s.flush()
    return _record(case)


def wait_on_customer(
    s: Session, ctx: AgentContext, case_id: CaseId, expected_version: int, note: str
) -> CaseRecord:
    """The case waits on the caller (documents to bring, nobody home for the visit):
    the clocks the policy lets pause stop running until :func:`customer_back` (R3.3).
    The reason is required: a paused deadline must say why."""
    note = _note(s, note, required=True)
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "wait", _STILL_OPEN)
    paused = sla_sweep.pause_waiting(s, case.id)
    if not paused:
        raise UserFacingError("case.nothing_to_pause")
    _append(s, case, now, CaseEventKind.WAITING_ON_CUSTOMER, clocks=paused, note=note)
    s.flush()
    return _record(case)


def customer_back(
    s: Session, ctx: AgentContext, case_id: CaseId, expected_version: int, note: str = ""
) -> CaseRecord:
    """The caller is back (documents brought, a visit time agreed): the paused clocks
    run again, their deadlines moved later by the time paused."""
    note = _note(s, note)
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "resume", _STILL_OPEN)
    resumed = sla_sweep.resume_waiting(s, case.id)
    if resumed:
        _append(s, case, now, CaseEventKind.CUSTOMER_BACK, clocks=resumed, note=note)
        s.flush()
    return _record(case)


def record_callback_result(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    satisfied: bool,
    expected_version: int,
    note: str = "",
    *,
    callback_holder: bool = False,
) -> CaseRecord:
    """The callback (回访) after the department's done: satisfied closes the case (a
    complaint is archived in the complaint register); unsatisfied sends a complaint to
    the manager's review (R3.5) and anything else back to the department (R3.6).

    The owner or a supervisor records it; so does any agent who took the case's item
    from the shared callback list (``callback_holder``, checked by console.cases.follow_up)."""
    if not isinstance(satisfied, bool):
        raise UserFacingError("input.invalid", field="satisfied")
    note = _note(s, note)
    now = db_now(s)
    case = _for_change(
        s,
        ctx,
        case_id,
        expected_version,
        CaseEventKind.CALLBACK,
        (CaseStatus.AWAITING_CALLBACK,),
        any_agent=callback_holder is True,
    )
    case.satisfaction = CallbackResult.SATISFIED if satisfied else CallbackResult.UNSATISFIED
    _append(s, case, now, CaseEventKind.CALLBACK, satisfied=satisfied, note=note)
    _meet(s, case.id, CaseEventKind.CALLBACK, now)
    if satisfied:
        case.status = CaseStatus.CLOSED
        case.closed_at = now
        _append(s, case, now, CaseEventKind.CLOSED)
        _meet(s, case.id, CaseEventKind.CLOSED, now)
        if case.kind == CaseKind.COMPLAINT:
            _append(s, case, now, CaseEventKind.ARCHIVED, register="complaint")
    elif case.kind == CaseKind.COMPLAINT:
        case.status = CaseStatus.MANAGER_REVIEW
    else:
        case.status = CaseStatus.DISPATCHED
        _append(s, case, now, CaseEventKind.DISPATCHED, department=case.department, again=True)
    return _write(s, ctx, case, now)


def record_reply(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    satisfied: bool,
    note: str = "",
    *,
    callback_holder: bool = False,
) -> CaseRecord:
    """The promised call back made: the answer to an inquiry not answered at once (GS
    15.3.4) or to a long lookup (TN) was given. Its reply and status-call clocks stop and
    the case closes; whether the customer was satisfied is kept (the 咨询服务率 counts
    it as served either way, WD).

    The owner or a supervisor records it; so does the agent holding its call back from
    the shared list (``callback_holder``, checked by console.cases.follow_up)."""
    if not isinstance(satisfied, bool):
        raise UserFacingError("input.invalid", field="satisfied")
    note = _note(s, note)
    now = db_now(s)
    case = _load(s, case_id, for_update=True)
    if not callback_holder:
        _may_act(ctx, case)
    if case.kind not in (CaseKind.INQUIRY, CaseKind.LOOKUP) or case.status == CaseStatus.CLOSED:
        raise UserFacingError("case.invalid_transition", status=case.status, action="reply")
    case.satisfaction = CallbackResult.SATISFIED if satisfied else CallbackResult.UNSATISFIED
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    _append(s, case, now, CaseEventKind.CALLBACK, satisfied=satisfied, note=note)
    _append(s, case, now, CaseEventKind.CLOSED)
    _meet(s, case.id, CaseEventKind.CLOSED, now)
    return _write(s, ctx, case, now)


def manager_review(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    expected_version: int,
    decision_note: str,
    department: str | None = None,
) -> CaseRecord:
    """The customer-service manager's review of a complaint the customer was not
    satisfied with; the case goes back to be handled again — by the same department,
    or by ``department`` when the manager decides another one must take it."""
    require_role(ctx, Role.SUPERVISOR)
    decision_note = _note(s, decision_note, "decision_note", required=True)
    if department is not None:
        department = _department(s, department)
    now = db_now(s)
    case = _for_change(
        s, ctx, case_id, expected_version, "manager_review", (CaseStatus.MANAGER_REVIEW,)
    )
    case.status = CaseStatus.DISPATCHED
    if department is not None:
        case.department = department
    _append(s, case, now, CaseEventKind.MANAGER_REVIEW, decision=decision_note)
    _append(s, case, now, CaseEventKind.DISPATCHED, department=case.department, again=True)
    return _write(s, ctx, case, now)


def transfer_owner(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    new_owner_job_no: JobNumber,
    reason: str,
    expected_version: int,
) -> CaseRecord:
    """Give the case another responsible owner: a supervisor's decision, with a reason,
    on the timeline and in the audit trail (R3.1)."""
    require_role(ctx, Role.SUPERVISOR)
    reason = _note(s, reason, "reason", required=True)
    if not isinstance(new_owner_job_no, str) or (
        s.scalar(select(Agent.id).where(Agent.job_no == new_owner_job_no, Agent.active)) is None
    ):
        raise UserFacingError("case.unknown_owner", job_no=str(new_owner_job_no)[:16])
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "transfer", _STILL_OPEN)
    previous = case.owner_job_no
    if previous == new_owner_job_no:
        return _record(case)
    case.owner_job_no = new_owner_job_no
    _append(
        s,
        case,
        now,
        CaseEventKind.OWNER_TRANSFERRED,
        from_job_no=previous,
        to_job_no=new_owner_job_no,
        reason=reason,
    )
    record = _write(s, ctx, case, now)
    audit.record(
        s,
        "case.owner_transferred",
        case_id=case.id,
        from_job_no=previous,
        to_job_no=new_owner_job_no,
        reason=reason,
    )
    return record


@dataclass(frozen=True)
class TransferRequest:
    """An owner's request to hand a case to another agent, waiting for a supervisor."""

    case_id: CaseId
    case_no: str
    kind: str
    summary: str
    owner_job_no: JobNumber
    to_job_no: JobNumber
    reason: str
    requested_at: datetime
    version: int


def request_transfer(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    to_job_no: JobNumber,
    reason: str,
    expected_version: int,
) -> CaseRecord:
    """The owner asks a supervisor to give the case to another agent (R3.1, R4.4): a
    timeline entry the supervisor board lists until it is approved or declined."""
    reason = _note(s, reason, "reason", required=True)
    if not isinstance(to_job_no, str) or (
        s.scalar(select(Agent.id).where(Agent.job_no == to_job_no, Agent.active)) is None
    ):
        raise UserFacingError("case.unknown_owner", job_no=str(to_job_no)[:16])
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "transfer", _STILL_OPEN)
    if case.owner_job_no == to_job_no:
        raise UserFacingError("case.unknown_owner", job_no=to_job_no)
    _append(s, case, now, CaseEventKind.TRANSFER_REQUESTED, to_job_no=to_job_no, reason=reason)
    s.flush()
    return _record(case)


def pending_transfers(s: Session, ctx: AgentContext) -> list[TransferRequest]:
    """Transfer requests no supervisor has decided yet, oldest first (supervisors)."""
    require_role(ctx, Role.SUPERVISOR)
    # Undecided: nothing after it that decides it or asks again (the latest ask counts).
    later = aliased(CaseEvent)
    decided = (
        select(later.seq)
        .where(
            later.case_id == CaseEvent.case_id,
            later.seq > CaseEvent.seq,
            later.kind.in_(
                (
                    CaseEventKind.OWNER_TRANSFERRED,
                    CaseEventKind.TRANSFER_DECLINED,
                    CaseEventKind.TRANSFER_REQUESTED,
                )
            ),
        )
        .exists()
    )
    rows = s.execute(
        select(CaseEvent, Case)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(
            CaseEvent.kind == CaseEventKind.TRANSFER_REQUESTED, Case.closed_at.is_(None), ~decided
        )
        .order_by(CaseEvent.at)
        .limit(200)
    ).all()
    out = []
    for e, case in rows:
        data = json.loads(e.data)
        out.append(
            TransferRequest(
                case.id,
                case.case_no,
                case.kind,
                case.summary,
                case.owner_job_no,
                data["to_job_no"],
                data["reason"],
                e.at,
                case.version,
            )
        )
    return out


def decline_transfer(
    s: Session, ctx: AgentContext, case_id: CaseId, expected_version: int, note: str
) -> CaseRecord:
    """A supervisor declines the owner's transfer request; the owner keeps the case."""
    require_role(ctx, Role.SUPERVISOR)
    note = _note(s, note, required=True)
    now = db_now(s)
    case = _for_change(s, ctx, case_id, expected_version, "transfer", _STILL_OPEN)
    _append(s, case, now, CaseEventKind.TRANSFER_DECLINED, note=note)
    s.flush()
    return _record(case)


def save_case(
    s: Session,
    ctx: AgentContext,
    case_id: CaseId,
    summary: str,
    details: Mapping[str, Any],
    expected_version: int,
) -> CaseRecord:
    """Save the case's text. If someone else saved since ``expected_version``,
    ``case.changed_elsewhere`` names their job number and nothing is written: the
    agent's text stays in the form."""
    summary = content.check_words(
        s, "summary", check_text("summary", summary, MAX_SUMMARY, required=True)
    )
    details_text = _details(details)
    now = db_now(s)
    case = _load(s, case_id, for_update=True)
    _may_act(ctx, case)
    if case.version != expected_version:
        # The same save repeated after a lost connection (it did commit) is no conflict.
        if (
            case.version == expected_version + 1
            and case.summary == summary
            and case.details == details_text
            and case.updated_by_job_no == ctx.stamped_job_no
        ):
            return _record(case)
        raise _changed_elsewhere(case)
    if case.status == CaseStatus.CLOSED:
        raise UserFacingError("case.invalid_transition", status=case.status, action="save")
    case.summary = summary
    case.details = details_text
    return _write(s, ctx, case, now)


def my_cases(s: Session, ctx: AgentContext) -> list[CaseRecord]:
    """The signed-in agent's open cases (首问责任人), oldest first."""
    rows = s.scalars(
        select(Case)
        .where(Case.owner_job_no == ctx.stamped_job_no, Case.closed_at.is_(None))
        .order_by(Case.opened_at, Case.id)
    )
    return [_record(c) for c in rows]


def timeline(s: Session, ctx: AgentContext, case_id: CaseId) -> list[TimelineEntry]:
    rows = s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == check_case_id(case_id)).order_by(CaseEvent.seq)
    )
    return [TimelineEntry(e.seq, e.kind, e.at, json.loads(e.data), e.job_no) for e in rows]
