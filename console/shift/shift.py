"""The shift around the calls (R1.6, R4.1, R4.2): sign-in with the pre-shift check, and
the handover (交接班) from the outgoing agent to the incoming one.

* Sign-in: every item of the checklist (resources/shift/shift.yaml) is answered; a
  failed one needs a note saying what is wrong. The check is stored as made; its failed
  items stay on the boards (``open_problems``) until a later check at the same seat
  passes them — the outgoing agent and the duty manager see them there (TN 4: 若出现
  问题及时找交班人或值班经理). A clean check makes the agent ready; a failed one leaves
  them not ready with the reason ``equipment``.
* Handover: at the end of the shift the console compiles what the next shift must
  know (``compile_handover``) — the calls of the shift, the agent's open cases due
  before the next shift ends, promised callbacks, active incidents, equipment problems
  — and stores it with the agent's notes (``hand_over``). Its author may correct the
  notes until the incoming agent acknowledges it under their own login
  (``acknowledge``); from then on the database refuses any change. First-contact
  ownership does not move with a handover: the cases stay the outgoing agent's.

Which shift is being handed over: the one holding the middle of the agent's time at
the seat (session start to now), so that signing in a little early or handing over a
little late still names the shift worked.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from console.campaigns import campaigns
from console.content import content
from console.content.shift_rules import ShiftRules, ShiftSpan
from console.core import audit
from console.core.checks import check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import db_now
from console.core.vocabulary import CaseId, CaseKind, JobNumber, SeatCode
from console.shift import states
from db.models import (
    AgentSession,
    Call,
    Callback,
    Case,
    CaseClock,
    Handover,
    HandoverAck,
    ShiftCheck,
)

MAX_NOTE = 200
MAX_NOTES = 4000
MAX_LISTED = 200  # items per section of a handover: a record, not a database dump
NOT_READY_EQUIPMENT = "equipment"


# --- the pre-shift check -----------------------------------------------------------------


@dataclass(frozen=True)
class CheckAnswer:
    code: str
    ok: bool
    note: str = ""


@dataclass(frozen=True)
class SeatProblem:
    seat: SeatCode
    code: str
    text: str
    note: str
    reported_at: datetime
    reported_by: str


@dataclass(frozen=True)
class SignIn:
    check_id: str
    state: str
    problems: tuple[SeatProblem, ...]


def _answers(rules: ShiftRules, answers: Sequence[CheckAnswer]) -> list[dict[str, Any]]:
    by_code: dict[str, CheckAnswer] = {}
    for a in answers:
        if not isinstance(a, CheckAnswer) or not isinstance(a.ok, bool):
            raise UserFacingError("input.invalid", field="checklist")
        if a.code in by_code:
            raise UserFacingError("input.invalid", field=f"checklist.{a.code}"[:64])
        by_code[a.code] = a
    unknown = sorted(set(by_code) - {i.code for i in rules.checklist})
    if unknown:
        raise UserFacingError("input.invalid_choice", field="checklist", value=unknown[0][:32])
    rows = []
    for item in rules.checklist:
        answer = by_code.get(item.code)
        if answer is None:
            raise UserFacingError("shift.check_incomplete", item=item.text)
        note = check_text(item.text, answer.note, MAX_NOTE, required=not answer.ok).strip()
        rows.append({"code": item.code, "ok": answer.ok, "note": note})
    return rows


def sign_in(
    s: Session,
    ctx: AgentContext,
    check_id: str,
    answers: Sequence[CheckAnswer],
    *,
    rules: ShiftRules | None = None,
) -> SignIn:
    """Record the pre-shift check of this seat (R4.1) and set the agent's state.
    Repeating it with the same ``check_id`` (a retry after a lost connection) records
    nothing new."""
    rules = rules or content.of(s).get(content.SHIFT)
    check_id = str(uuid.UUID(str(check_id)))
    items = _answers(rules, answers)
    failed = [i for i in items if not i["ok"]]
    if s.get(ShiftCheck, check_id) is None:
        s.add(
            ShiftCheck(
                id=check_id,
                seat=ctx.seat,
                at=db_now(s),
                items=json.dumps(items, ensure_ascii=False),
                failed=len(failed),
            )
        )
        s.flush()
        if failed:
            audit.record(s, "shift.check_failed", seat=ctx.seat, items=failed)
            states.set_state(s, ctx, states.AgentState.NOT_READY, NOT_READY_EQUIPMENT)
        else:
            states.set_state(s, ctx, states.AgentState.READY)
    state = states.current_state(s, ctx).value
    return SignIn(check_id, state, tuple(p for p in open_problems(s, rules) if p.seat == ctx.seat))


def open_problems(s: Session, rules: ShiftRules | None = None) -> list[SeatProblem]:
    """The failed items of each seat's latest check: what is still wrong, seat by seat."""
    rules = rules or content.of(s).get(content.SHIFT)
    texts = {i.code: i.text for i in rules.checklist}
    latest = (
        select(ShiftCheck.seat, func.max(ShiftCheck.at).label("at"))
        .group_by(ShiftCheck.seat)
        .subquery()
    )
    rows = s.scalars(
        select(ShiftCheck)
        .join(latest, and_(ShiftCheck.seat == latest.c.seat, ShiftCheck.at == latest.c.at))
        .where(ShiftCheck.failed > 0)
        .order_by(ShiftCheck.seat)
    )
    out = []
    for check in rows:
        for item in json.loads(check.items):
            if not item["ok"]:
                code = item["code"]
                out.append(
                    SeatProblem(
                        check.seat,
                        code,
                        texts.get(code, code),
                        item["note"],
                        check.at,
                        check.job_no,
                    )
                )
    return out


# --- the handover ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseDue:
    case_id: CaseId
    kind: str
    summary: str
    clock: str  # the clock's title in the SLA policy
    due_at: datetime
    case_no: str = ""  # 工单号 ("" in handovers stored before case numbers)


@dataclass(frozen=True)
class CallbackDue:
    callback_id: str
    reason: str
    case_id: CaseId | None
    due_at: datetime
    case_no: str = ""  # the case's 工单号 ("" without a case)


@dataclass(frozen=True)
class Incident:
    case_id: CaseId
    summary: str
    opened_at: datetime
    owner_job_no: JobNumber
    case_no: str = ""


@dataclass(frozen=True)
class HandoverSummary:
    """What the console compiled for the next shift (R4.2)."""

    job_no: JobNumber
    seat: SeatCode
    shift_name: str
    shift_start: datetime
    shift_end: datetime
    next_shift_name: str
    next_shift_end: datetime
    calls: int
    answered: int
    abandoned: int
    by_intent: dict[str, int]
    cases_due: tuple[CaseDue, ...]
    callbacks_due: tuple[CallbackDue, ...]
    incidents: tuple[Incident, ...]
    problems: tuple[SeatProblem, ...]
    campaigns: tuple[str, ...] = ()  # open outage notices, as one line each

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, default=_iso, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> HandoverSummary:
        d = json.loads(text)
        at = datetime.fromisoformat
        return cls(
            job_no=d["job_no"],
            seat=d["seat"],
            shift_name=d["shift_name"],
            shift_start=at(d["shift_start"]),
            shift_end=at(d["shift_end"]),
            next_shift_name=d["next_shift_name"],
            next_shift_end=at(d["next_shift_end"]),
            calls=d["calls"],
            answered=d["answered"],
            abandoned=d["abandoned"],
            by_intent=d["by_intent"],
            cases_due=tuple(CaseDue(**{**c, "due_at": at(c["due_at"])}) for c in d["cases_due"]),
            callbacks_due=tuple(
                CallbackDue(**{**c, "due_at": at(c["due_at"])}) for c in d["callbacks_due"]
            ),
            incidents=tuple(
                Incident(**{**i, "opened_at": at(i["opened_at"])}) for i in d["incidents"]
            ),
            problems=tuple(
                SeatProblem(**{**p, "reported_at": at(p["reported_at"])}) for p in d["problems"]
            ),
            campaigns=tuple(d.get("campaigns", ())),
        )


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@dataclass(frozen=True)
class HandoverRecord:
    id: str
    job_no: JobNumber
    seat: SeatCode
    created_at: datetime
    summary: HandoverSummary
    notes: str
    version: int
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    ack_note: str


def _shift_worked(
    s: Session, ctx: AgentContext, now: datetime, rules: ShiftRules, zone: ZoneInfo
) -> ShiftSpan:
    started = s.scalar(select(AgentSession.started_at).where(AgentSession.id == ctx.session_id))
    start = started if started is not None and started < now else now
    return rules.shift_at(start + (now - start) / 2, zone)


def compile_handover(
    s: Session, ctx: AgentContext, *, zone: ZoneInfo, rules: ShiftRules | None = None
) -> HandoverSummary:
    """What the outgoing agent hands over, as of the database's now (R4.2)."""
    rules = rules or content.of(s).get(content.SHIFT)
    now = db_now(s)
    shift = _shift_worked(s, ctx, now, rules, zone)
    following = rules.shift_at(shift.end, zone)
    horizon = max(following.end, now)
    job_no = ctx.stamped_job_no

    calls = s.execute(
        select(Call.state, Call.answered_at, Call.intent).where(
            Call.job_no == job_no, Call.started_at >= shift.start, Call.started_at <= now
        )
    ).all()
    by_intent: dict[str, int] = {}
    for _state, _answered, intent in calls:
        if intent:
            by_intent[intent] = by_intent.get(intent, 0) + 1

    running = (
        select(CaseClock.case_id, func.min(CaseClock.due_at).label("due_at"))
        .where(CaseClock.stopped_at.is_(None))
        .group_by(CaseClock.case_id)
        .subquery()
    )
    case_rows = s.execute(
        select(Case, running.c.due_at)
        .join(running, running.c.case_id == Case.id)
        .where(Case.owner_job_no == job_no, Case.closed_at.is_(None), running.c.due_at <= horizon)
        .order_by(running.c.due_at)
        .limit(MAX_LISTED)
    ).all()
    names = {
        (c.case_id, c.due_at): c.name
        for c in s.scalars(
            select(CaseClock).where(
                CaseClock.case_id.in_([case.id for case, _ in case_rows]),
                CaseClock.stopped_at.is_(None),
            )
        )
    }
    policy = content.of(s).get(content.SLA)
    cases_due = []
    for case, due_at in case_rows:
        name = names.get((case.id, due_at), "")
        definition = policy.clock(case.kind, name)
        cases_due.append(
            CaseDue(
                case.id,
                case.kind,
                case.summary,
                definition.title if definition else name,
                due_at,
                case.case_no,
            )
        )

    mine = select(Case.id).where(Case.owner_job_no == job_no)
    callbacks_due = [
        CallbackDue(c.id, c.reason, c.case_id, c.due_at, case_no or "")
        for c, case_no in s.execute(
            select(Callback, Case.case_no)
            .outerjoin(Case, Case.id == Callback.case_id)
            .where(
                Callback.done_at.is_(None),
                Callback.due_at <= horizon,
                or_(Callback.case_id.in_(mine), Callback.claimed_by_job_no == job_no),
            )
            .order_by(Callback.due_at)
            .limit(MAX_LISTED)
        )
    ]
    incidents = [
        Incident(c.id, c.summary, c.opened_at, c.owner_job_no, c.case_no)
        for c in s.scalars(
            select(Case)
            .where(Case.kind == CaseKind.EMERGENCY, Case.closed_at.is_(None))
            .order_by(Case.opened_at)
            .limit(MAX_LISTED)
        )
    ]
    return HandoverSummary(
        job_no=job_no,
        seat=ctx.seat,
        shift_name=shift.name,
        shift_start=shift.start,
        shift_end=shift.end,
        next_shift_name=following.name,
        next_shift_end=following.end,
        calls=len(calls),
        answered=sum(1 for _s, answered, _i in calls if answered is not None),
        abandoned=sum(1 for state, _a, _i in calls if state in ("abandoned", "missed")),
        by_intent=by_intent,
        cases_due=tuple(cases_due),
        callbacks_due=tuple(callbacks_due),
        incidents=tuple(incidents),
        problems=tuple(open_problems(s, rules)),
        campaigns=tuple(
            f"{c.title} · {p.notified}/{p.total} · {p.remaining}/{p.no_contact}"
            for c, p in campaigns.active(s, ctx)
        ),
    )


def _record(h: Handover, ack: HandoverAck | None) -> HandoverRecord:
    return HandoverRecord(
        id=h.id,
        job_no=h.job_no,
        seat=h.seat,
        created_at=h.created_at,
        summary=HandoverSummary.from_json(h.summary),
        notes=h.notes,
        version=h.version,
        acknowledged_by=ack.job_no if ack is not None else None,
        acknowledged_at=ack.at if ack is not None else None,
        ack_note=ack.note if ack is not None else "",
    )


def _check_id(handover_id: str) -> str:
    try:
        return str(uuid.UUID(str(handover_id)))
    except ValueError as e:
        raise UserFacingError("handover.not_found") from e


def hand_over(
    s: Session,
    ctx: AgentContext,
    handover_id: str,
    notes: str,
    *,
    zone: ZoneInfo,
    rules: ShiftRules | None = None,
) -> HandoverRecord:
    """Store the handover: the compiled summary as of now and the agent's notes.
    Repeating it with the same ``handover_id`` returns the record already stored."""
    handover_id = _check_id(handover_id)
    notes = content.check_words(s, "notes", check_text("notes", notes, MAX_NOTES))
    existing = s.get(Handover, handover_id)
    if existing is not None:
        return _record(existing, s.get(HandoverAck, handover_id))
    summary = compile_handover(s, ctx, zone=zone, rules=rules)
    now = db_now(s)
    h = Handover(
        id=handover_id,
        seat=ctx.seat,
        shift_name=summary.shift_name,
        shift_start=summary.shift_start,
        shift_end=summary.shift_end,
        created_at=now,
        summary=summary.to_json(),
        notes=notes,
        updated_at=now,
        updated_by_job_no=ctx.stamped_job_no,
    )
    s.add(h)
    s.flush()
    s.refresh(h)
    return _record(h, None)


def _load(s: Session, handover_id: str) -> Handover:
    h = s.get(Handover, _check_id(handover_id), populate_existing=True)
    if h is None:
        raise UserFacingError("handover.not_found")
    return h


def get(s: Session, ctx: AgentContext, handover_id: str) -> HandoverRecord:
    h = _load(s, handover_id)
    return _record(h, s.get(HandoverAck, h.id))


def amend_notes(
    s: Session, ctx: AgentContext, handover_id: str, notes: str, expected_version: int
) -> HandoverRecord:
    """Correct the notes: the author only, and only until the handover is acknowledged."""
    notes = content.check_words(s, "notes", check_text("notes", notes, MAX_NOTES))
    h = _load(s, handover_id)
    ack = s.get(HandoverAck, h.id)
    if ack is not None:
        raise UserFacingError("handover.acknowledged", job_no=ack.job_no, at=ack.at)
    if h.job_no != ctx.stamped_job_no:
        raise UserFacingError("handover.not_author", job_no=h.job_no)
    if h.version != expected_version:
        raise UserFacingError(
            "case.changed_elsewhere", job_no=h.updated_by_job_no or h.job_no, at=h.updated_at
        )
    h.notes = notes
    h.updated_at = db_now(s)
    h.updated_by_job_no = ctx.stamped_job_no
    s.flush()
    s.refresh(h)
    return _record(h, None)


def acknowledge(s: Session, ctx: AgentContext, handover_id: str, note: str = "") -> HandoverRecord:
    """The incoming agent acknowledges the handover under their own login (R4.2). The
    author cannot; the first acknowledgment stands (a retry by the same agent returns
    it, another agent is told who acknowledged and when)."""
    note = check_text("note", note, MAX_NOTE)
    h = _load(s, handover_id)
    if h.job_no == ctx.stamped_job_no:
        raise UserFacingError("handover.own")
    ack = s.get(HandoverAck, h.id)
    if ack is None:
        ack = HandoverAck(handover_id=h.id, at=db_now(s), note=note)
        s.add(ack)
        s.flush()
        s.refresh(ack)
        audit.record(s, "shift.handover_acknowledged", handover_id=h.id, author=h.job_no)
    elif ack.job_no != ctx.stamped_job_no:
        raise UserFacingError("handover.acknowledged", job_no=ack.job_no, at=ack.at)
    return _record(h, ack)


def pending(s: Session, ctx: AgentContext | None, limit: int = 50) -> list[HandoverRecord]:
    """Handovers nobody has acknowledged yet, oldest first (the boards list them; the
    incoming agent picks theirs, usually the one of their seat)."""
    rows = s.scalars(
        select(Handover)
        .where(
            ~select(HandoverAck.handover_id).where(HandoverAck.handover_id == Handover.id).exists()
        )
        .order_by(Handover.created_at)
        .limit(limit)
    )
    return [_record(h, None) for h in rows]


def recent(
    s: Session, ctx: AgentContext, since: timedelta = timedelta(days=2)
) -> list[HandoverRecord]:
    """Handovers of the last ``since``, newest first, with their acknowledgments."""
    now = db_now(s)
    rows = s.execute(
        select(Handover, HandoverAck)
        .outerjoin(HandoverAck, HandoverAck.handover_id == Handover.id)
        .where(Handover.created_at >= now - since)
        .order_by(Handover.created_at.desc())
        .limit(MAX_LISTED)
    ).all()
    return [_record(h, ack) for h, ack in rows]
