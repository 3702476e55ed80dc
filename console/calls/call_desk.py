"""The call on the agent's desk: its state machine, the form being typed, and what has
not reached the database yet (R2.12).

:class:`ActiveCall` is owned by the call screen (one at a time, on the GUI thread). It
never talks to the database itself: :meth:`ActiveCall.snapshot` hands an immutable
:class:`CallSnapshot` to a worker, :func:`sync` writes it in one unit of work, and
:meth:`ActiveCall.synced` records what the database acknowledged. Saving is therefore
continuous and cheap: the new events since the last save plus the form as a whole.

Crash safety has two layers. The database copy (saved every couple of seconds and at
every state change) survives a dead PC; the local draft (:meth:`ActiveCall.to_draft`,
written to this PC's :class:`~console.app.drafts.DraftStore` a moment after each keystroke)
survives a lost database. At the next start :func:`restore` merges both and keeps the
newer one, so the agent loses at most the last fraction of a second of typing.

A restored call comes back in wrap-up: the console died, and with it the line (the
hang-up is logged as ``system``, not as the agent hanging up first), at the moment the
console was last known alive. A call that was still ringing comes back missed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from sqlalchemy.orm import Session

from console.calls import calls, compliance, screen_pop
from console.calls.call_flow import Call, CallEvent, CallFlowError, CallPolicy, EventKind
from console.calls.calls import CallFields, CallRecord, NewCallEvent, StoredCallEvent
from console.cases import callbacks, cases
from console.cases.cases import CaseRecord
from console.content.dialogue import company
from console.core import checks
from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import (
    CallbackReason,
    CallChannel,
    CallDirection,
    CallId,
    CallState,
    CaseId,
    CaseKind,
    CaseStatus,
    EndedBy,
    JobNumber,
)
from db.models import Department

DRAFT_PREFIX = "call-"
_PROMISES = uuid.UUID("0b6f9d3e-7c41-5a2e-8f10-3d5c9e7a1b24")


def company_policy() -> CallPolicy:
    """The rules calls are timed against, from the company's data (R2.1): one ring's
    length (a mainland ring cycle is 5 s) and the rings to answer within (GS 15.2.3: 3;
    WD: 2). The compliance score reads them from each call's ring event and the KPIs use
    the same figures."""
    c = company()
    return CallPolicy(
        ring_interval=timedelta(seconds=c.ring_seconds),
        answer_within_rings=c.answer_within_rings,
    )


EMERGENCY_NOTE = "报警立即派单 (GS 15.5.1; TN 四)"
LOOKUP_SUMMARY = "查询后回复客户 (TN 若查询时间过长,需客户挂机,稍候再回复)"


@dataclass(frozen=True)
class Form:
    """What the agent has typed or chosen on the call screen."""

    customer_id: int | None = None
    intent: str | None = None
    verification: str | None = None
    surname: str | None = None
    title: str | None = None
    notes: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "intent": self.intent,
            "verification": self.verification,
            "surname": self.surname,
            "title": self.title,
            "notes": self.notes,
            "details": dict(self.details),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Form:
        return cls(
            customer_id=raw.get("customer_id"),
            intent=raw.get("intent"),
            verification=raw.get("verification"),
            surname=raw.get("surname"),
            title=raw.get("title"),
            notes=raw.get("notes") or "",
            details=dict(raw.get("details") or {}),
        )


@dataclass(frozen=True)
class CaseHandOff:
    """What the finished call leaves for follow-up (R3.1): a new case owned by this
    agent, or an entry on an open case the call was about (no duplicate).

    ``severity``: a network fault's (GS 2.2.3). ``reply_at``: the time promised to call
    the customer back with the answer (an inquiry not answered at once, GS 15.3.4): a
    callback on the shared list, due then, with the case's reply clock running."""

    action: str  # "open" | "link"
    case_id: CaseId  # made once per call, so a retried save opens nothing twice
    kind: CaseKind | None = None
    summary: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    severity: str | None = None
    reply_at: datetime | None = None


# Promises to call back made on the call (R10.1), by the phrase that makes them, and how
# long after it the call back is due; ``True``: a lookup case holds the status-call clock.
CALL_BACK_PROMISES: Mapping[str, tuple[timedelta, bool]] = MappingProxyType(
    {
        # TN ② 若查询时间过长…请您先挂机,我会尽快给您回复; GS 15.2.9 (over a minute):
        # if there is no result within half an hour, the status call is due (TN).
        "long_lookup.ask_hang_up": (timedelta(minutes=30), True),
        # TN ④ 客户提出你声音太小时…请您先挂机,稍后我会回拨给您: 尽量在3分钟之内回复客户.
        "agent_too_quiet.call_back": (timedelta(minutes=3), False),
    }
)


@dataclass(frozen=True)
class CallBackPromise:
    """A call back the agent promised on the call: an item on the shared list due at
    the promised time, and for a long lookup a case with the policy's status-call clock
    (ids derived from the call, so a retried save adds nothing twice)."""

    callback_id: str
    due_at: datetime
    lookup_case_id: CaseId | None


@dataclass(frozen=True)
class CallSnapshot:
    """One save's worth of the call, for a worker thread."""

    call_id: CallId
    caller_number: str | None
    direction: CallDirection
    started_at: datetime
    fields: CallFields
    events: tuple[NewCallEvent, ...]  # the ones not acknowledged yet
    version: int  # 0: the record does not exist yet
    ended_at: datetime | None  # set once wrap-up is done (or the call never connected)
    ended_by: EndedBy | None
    case: CaseHandOff | None = None  # done with the wrap-up, in the same unit of work
    channel: CallChannel = CallChannel.PHONE
    promises: tuple[CallBackPromise, ...] = ()  # with the wrap-up too
    transferred_from: str | None = None  # the call at another seat this one continues

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq if self.events else -1


class ActiveCall:
    """The call in progress. Commands go to the state machine (which refuses what the
    state does not allow); the form is replaced as a whole with :meth:`edit`."""

    def __init__(self, call_id: CallId, flow: Call, form: Form, version: int, saved: int) -> None:
        self.call_id = call_id
        self.flow = flow
        self.form = form
        self.version = version
        self._saved_events = saved  # how many of flow.events the database has
        self._saved_form: Form | None = form if version else None
        self.case: CaseHandOff | None = None  # set before the wrap-up is finished

    # --- construction ------------------------------------------------------------------

    @classmethod
    def ring(
        cls,
        call_id: str,
        number: str | None,
        at: datetime | None = None,
        *,
        clock: Clock,
        policy: CallPolicy | None = None,
        direction: CallDirection = CallDirection.INBOUND,
        closing: str | None = None,
        channel: CallChannel = CallChannel.PHONE,
        transferred_from: str | None = None,
    ) -> ActiveCall:
        flow = Call.ring(
            number or "",
            at,
            clock=clock,
            policy=policy,
            direction=direction,
            closing=closing,
            channel=channel,
            transferred_from=transferred_from,
        )
        return cls(checks.check_call_id(call_id), flow, Form(), version=0, saved=0)

    @property
    def channel(self) -> CallChannel:
        return CallChannel(self.flow.events[0].data.get("channel", CallChannel.PHONE))

    # --- state -------------------------------------------------------------------------

    @property
    def state(self) -> CallState:
        return self.flow.state

    @property
    def caller_number(self) -> str | None:
        return self.flow.caller_number or None

    @property
    def finished(self) -> bool:
        """Nothing more to do on this call: wrap-up done, or it never connected."""
        return self.state in (CallState.DONE, CallState.MISSED, CallState.ABANDONED)

    @property
    def dirty(self) -> bool:
        return self._saved_events < len(self.flow.events) or self._saved_form != self.form

    def compliance(self) -> compliance.ComplianceResult:
        return compliance.score(self.flow.events)

    def promises(self) -> tuple[CallBackPromise, ...]:
        """The call backs promised on this call, from the phrases said (R10.1)."""
        out = []
        for seq, e in enumerate(self.flow.events):
            promise = CALL_BACK_PROMISES.get(str(e.data.get("phrase_id")))
            if e.kind is not EventKind.PHRASE or promise is None:
                continue
            after, lookup = promise
            key = f"{self.call_id}/{seq}"
            out.append(
                CallBackPromise(
                    str(uuid.uuid5(_PROMISES, f"callback/{key}")),
                    e.at + after,
                    CaseId(str(uuid.uuid5(_PROMISES, f"lookup/{key}"))) if lookup else None,
                )
            )
        return tuple(out)

    # --- commands ----------------------------------------------------------------------

    def edit(self, **changes: Any) -> None:
        """Change fields of the form (``Form`` field names)."""
        self.form = replace(self.form, **changes)

    def hang_up(self, by: EndedBy, at: datetime | None = None) -> bool:
        return self.flow.hang_up(by, at)

    def reopen_wrap_up(self) -> None:
        """The save that would have finished the call failed: back to wrap-up (a call
        is finished only once the database says so)."""
        if self._saved_events >= len(self.flow.events):
            raise CallFlowError("call.invalid_transition", action="reopen", state="done")
        self.flow.reopen_wrap_up()

    def check(self) -> None:
        """Raise the ``UserFacingError`` the database would give for the form as it is
        (a NUL, a text too long), naming the field; nothing is written."""
        calls.check_fields(self.fields())

    # The other commands are the state machine's own: answer, hold, resume, say,
    # taboo_hit, set_surname, record_verification, finish_wrap_up (see call_flow).

    # --- saving ------------------------------------------------------------------------

    def fields(self) -> CallFields:
        f = self.form
        result = self.compliance() if self.state.ended else None
        return CallFields(
            state=self.state.value,
            customer_id=f.customer_id,
            answered_at=self.flow.answered_at,
            ring_count=self.flow.ring_count(),
            intent=f.intent,
            verification=f.verification,
            surname=f.surname,
            title=f.title,
            notes=f.notes,
            details=dict(f.details),
            compliance_score=None if result is None else result.score_percent,
            compliance_verdicts=None if result is None else result.verdicts(),
            transferred_to=self.flow.transferred_to,
        )

    def snapshot(self) -> CallSnapshot:
        events = tuple(
            NewCallEvent(seq, e.kind.value, e.at, dict(e.data))
            for seq, e in enumerate(self.flow.events)
            if seq >= self._saved_events
        )
        closed = self.finished
        return CallSnapshot(
            call_id=self.call_id,
            caller_number=self.caller_number,
            direction=self.flow.direction,
            started_at=self.flow.rang_at,
            fields=self.fields(),
            events=events,
            version=self.version,
            ended_at=(self.flow.ended_at or self.flow.rang_at) if closed else None,
            ended_by=self.flow.ended_by if closed else None,
            case=self.case if closed else None,
            channel=self.channel,
            promises=self.promises() if closed else (),
            transferred_from=self.flow.transferred_from,
        )

    def synced(self, snap: CallSnapshot, record: CallRecord) -> None:
        """The database has ``snap`` (as ``record``)."""
        self.version = record.version
        self._saved_events = max(self._saved_events, snap.last_seq + 1)
        if snap.fields == self.fields():
            self._saved_form = self.form

    # --- the local draft -----------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        return DRAFT_PREFIX + self.call_id

    def to_draft(self, job_no: JobNumber, at: datetime | None = None) -> str:
        """The call as this PC keeps it; ``at``: when (the console was alive then: a
        call restored after a crash ends there, not at the restore)."""
        return json.dumps(
            {
                "call_id": self.call_id,
                "job_no": job_no,
                "events": [e.to_json() for e in self.flow.events],
                "form": self.form.to_json(),
                "version": self.version,
                "saved_at": at.isoformat() if at is not None else None,
            },
            ensure_ascii=False,
        )


def _flow_from(events: list[CallEvent], clock: Clock) -> Call:
    return Call.replay(events, clock=clock)


def restore(
    record: CallRecord | None,
    stored: list[StoredCallEvent],
    draft: str | None,
    *,
    clock: Clock,
) -> ActiveCall:
    """Bring back a call the console lost (killed, crashed, PC died): from the database
    copy and this PC's draft, whichever is further along. The line is gone: a call
    that was still connected is hung up as ``system`` and comes back in wrap-up."""
    db_events = [CallEvent(EventKind(e.kind), e.at, MappingProxyType(e.data)) for e in stored]
    local = json.loads(draft) if draft else None
    draft_events = [CallEvent.from_json(e) for e in local["events"]] if local else []
    if record is None and local is None:
        raise UserFacingError("call.not_found")
    use_draft = local is not None and (record is None or len(draft_events) >= len(db_events))
    events = draft_events if use_draft else db_events
    if use_draft and local is not None:
        form = Form.from_json(local["form"])
    else:
        assert record is not None
        form = Form(
            customer_id=record.customer_id,
            intent=record.intent,
            verification=record.verification,
            surname=record.surname,
            title=record.title,
            notes=record.notes,
            details=record.details,
        )
    flow = _flow_from(events, clock)
    call_id = record.id if record is not None else CallId(str(local["call_id"] if local else ""))
    active = ActiveCall(call_id, flow, form, record.version if record else 0, len(db_events))
    active._saved_form = None  # save the merged form once
    if not flow.state.ended:
        # The line went with the console: the call ended when the console was last
        # known alive (its last event, or the draft it kept writing), not now — the
        # minutes the console was dead are no part of the call. Both are this PC's
        # clock, as the call's events are (the database's clock may differ).
        last = flow.events[-1].at
        alive = last
        if local is not None and local.get("saved_at"):
            alive = max(last, min(datetime.fromisoformat(local["saved_at"]), clock.now()))
        flow.hang_up(EndedBy.SYSTEM, alive)
    return active


def draft_call_id(key: str) -> CallId | None:
    return CallId(key[len(DRAFT_PREFIX) :]) if key.startswith(DRAFT_PREFIX) else None


def draft_job_no(draft: str) -> JobNumber | None:
    """Whose call a local draft is (several agents may use one PC in turn)."""
    try:
        return JobNumber(str(json.loads(draft)["job_no"]))
    except (ValueError, KeyError, TypeError):
        return None


# --- the unit of work ----------------------------------------------------------------------


def sync(s: Session, ctx: AgentContext, snap: CallSnapshot) -> CallRecord:
    """Write one snapshot: create the record at the first save, add the new events,
    save the form, and close the record once the call is finished. Safe to repeat."""
    version = snap.version
    if version == 0:
        record = calls.start_call(
            s,
            ctx,
            snap.call_id,
            snap.caller_number,
            snap.direction,
            snap.channel,
            snap.started_at,
            transferred_from=snap.transferred_from,
        )
        version = record.version
    else:
        record = calls.get_call(s, ctx, snap.call_id)
        if (
            record.version > version
            and record.job_no == ctx.stamped_job_no
            and record.updated_by_job_no == ctx.stamped_job_no
        ):
            # Our own earlier save committed but its reply was lost (the connection
            # dropped): this seat is the only writer of its call in progress.
            version = record.version
    calls.append_events(s, ctx, snap.call_id, snap.events)
    if snap.ended_at is None:
        return calls.save_call(s, ctx, snap.call_id, snap.fields, version)
    done = calls.finish_call(
        s, ctx, snap.call_id, snap.fields, version, snap.ended_at, snap.ended_by
    )
    if snap.case is not None:
        _hand_off(s, ctx, snap, snap.case)
    for promise in snap.promises:
        _call_back(s, ctx, snap, promise)
    return done


def log_missed(s: Session, ctx: AgentContext, snap: CallSnapshot) -> CallRecord:
    """Record a call the seat let go (busy, not ready, locked, in wrap-up) as missed,
    with its customer when the number names exactly one: the callback list and the
    customer's contacts then show it."""
    customer_id = screen_pop.customer_of_number(s, snap.caller_number)
    if customer_id is not None:
        snap = replace(snap, fields=replace(snap.fields, customer_id=customer_id))
    return sync(s, ctx, snap)


def dispatch_now(s: Session, ctx: AgentContext, snap: CallSnapshot, h: CaseHandOff) -> CaseRecord:
    """An emergency dispatched while the caller is still on the line (GS 15.5.1 立即将报修
    转交相关部门; TN 四): the call saved, its case opened and sent to the emergency
    department in one unit of work — the department's board shows it at once. The
    wrap-up later hands off the same case id, which opens nothing twice."""
    sync(s, ctx, snap)
    case = _hand_off(s, ctx, snap, h)
    if case is None or case.status == CaseStatus.OPEN:
        department = company().emergency_department
        raise UserFacingError("case.no_emergency_department", department=department)
    return case


def _call_back(s: Session, ctx: AgentContext, snap: CallSnapshot, p: CallBackPromise) -> None:
    """A promised call back on the shared list, due at the promised time (R10.1); a long
    lookup also opens a case owned by this agent whose status-call clock runs (TN)."""
    case_id = None
    if p.lookup_case_id is not None:
        case_id = cases.open_case(
            s,
            ctx,
            p.lookup_case_id,
            CaseKind.LOOKUP,
            LOOKUP_SUMMARY,
            call_id=snap.call_id,
            customer_id=snap.fields.customer_id,
            caller_number=snap.caller_number,
        ).id
    callbacks.add(
        s,
        ctx,
        p.callback_id,
        CallbackReason.RESCHEDULE,
        p.due_at,
        case_id=case_id,
        customer_id=snap.fields.customer_id,
        phone=snap.caller_number,
    )


def _hand_off(
    s: Session, ctx: AgentContext, snap: CallSnapshot, h: CaseHandOff
) -> CaseRecord | None:
    """The clean hand-off from a call to the cases (R3.1); every step is idempotent."""
    if h.action == "link":
        cases.link_contact(s, ctx, h.case_id, snap.call_id)
        return None
    opened = cases.open_case(
        s,
        ctx,
        h.case_id,
        h.kind or CaseKind.OTHER,
        h.summary,
        call_id=snap.call_id,
        customer_id=snap.fields.customer_id,
        caller_number=snap.caller_number,
        details=dict(h.details),
        severity=h.severity,
    )
    if opened.kind == CaseKind.EMERGENCY and opened.status == CaseStatus.OPEN:
        # R5.1: the emergency procedure starts now, not when someone gets round to it.
        # A centre without that department keeps the case open (and on the boards).
        department = company().emergency_department
        if s.get(Department, department) is not None:
            opened = cases.dispatch(s, ctx, opened.id, department, opened.version, EMERGENCY_NOTE)
    if h.reply_at is not None:
        # GS 15.3.4: the reply the caller was promised, on the shared list at that time.
        callbacks.add(
            s,
            ctx,
            str(uuid.uuid5(_PROMISES, f"reply/{opened.id}")),
            CallbackReason.RESCHEDULE,
            h.reply_at,
            case_id=opened.id,
            customer_id=snap.fields.customer_id,
            phone=snap.caller_number,
        )
    return opened
