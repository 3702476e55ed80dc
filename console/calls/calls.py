"""Call records (来电记录, R2.12): started at the ring, saved continuously, finished at
hang-up, with the call's own append-only event log (R2.15 scores the call from it).

Every step is safe to repeat: the seat makes the call's id (a UUID) and numbers its
events, so a unit of work retried after a lost connection adds nothing twice. Saves are
optimistic (SECURITY.md): a save based on an older version is refused with the job
number that changed the record, and the caller keeps what the agent typed.

Text is checked here, before either database sees it: PostgreSQL refuses NUL
characters that SQLite would store, and SQLite would store any length.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.core.checks import (
    check_call_id,
    check_number,
    check_text,
    choice,
    count,
    optional_text,
)
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import db_now, guard
from console.core.vocabulary import (
    CallChannel,
    CallDirection,
    CallId,
    CallState,
    EndedBy,
    Intent,
    JobNumber,
    Title,
    Verification,
)
from db.models import Call, CallEvent

# Limits in characters, as PostgreSQL counts them (varchar(n)); SQLite would not check.
MAX_SURNAME = 16
MAX_NOTES = 4000
MAX_EVENT_DATA = 8000
MAX_DETAILS = 16000
MAX_EVENTS_PER_APPEND = 500

_STATE = re.compile(r"^[a-z][a-z_]{0,15}$")
# The state of a contact recorded without a ring (a dial, a visit) until the desk saves
# its call state machine's state, in the same unit of work (console/calls/call_desk.py).
STARTED_WITHOUT_RING = "active"
_EVENT_KIND = re.compile(r"^[a-z][a-z0-9_.]{0,31}$")


# --- what the services return --------------------------------------------------------------


@dataclass(frozen=True)
class CallRecord:
    id: CallId
    direction: str
    channel: str
    caller_number: str | None
    customer_id: int | None
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    ended_by: str | None
    ring_count: int
    state: str
    intent: str | None
    verification: str | None
    surname: str | None
    title: str | None
    notes: str
    details: dict[str, Any]
    compliance_score: int | None
    job_no: JobNumber
    delegate_job_no: JobNumber | None
    updated_at: datetime
    updated_by_job_no: JobNumber | None
    version: int

    @property
    def in_progress(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class CallFields:
    """What the agent edits during the call: the form's whole state, saved as one."""

    state: str
    customer_id: int | None = None
    answered_at: datetime | None = None
    ring_count: int = 0
    intent: str | None = None
    verification: str | None = None
    surname: str | None = None
    title: str | None = None
    notes: str = ""
    # The verification and intent forms as typed (plain JSON values).
    details: Mapping[str, Any] = field(default_factory=dict)
    compliance_score: int | None = None


@dataclass(frozen=True)
class NewCallEvent:
    seq: int
    kind: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredCallEvent:
    call_id: CallId
    seq: int
    kind: str
    at: datetime
    data: dict[str, Any]
    job_no: JobNumber


def _record(c: Call) -> CallRecord:
    return CallRecord(
        id=c.id,
        direction=c.direction,
        channel=c.channel,
        caller_number=c.caller_number,
        customer_id=c.customer_id,
        started_at=c.started_at,
        answered_at=c.answered_at,
        ended_at=c.ended_at,
        ended_by=c.ended_by,
        ring_count=c.ring_count,
        state=c.state,
        intent=c.intent,
        verification=c.verification,
        surname=c.surname,
        title=c.title,
        notes=c.notes,
        details=json.loads(c.details or "{}"),
        compliance_score=c.compliance_score,
        job_no=c.job_no,
        delegate_job_no=c.delegate_job_no,
        updated_at=c.updated_at,
        updated_by_job_no=c.updated_by_job_no,
        version=c.version,
    )


# --- services ---------------------------------------------------------------------------------


def _stamp(s: Session) -> dict[str, Any]:
    """The bound session's stamp for rows written without the ORM (the PostgreSQL
    triggers stamp them again; on SQLite this is the enforcement)."""
    bound = guard(s).bound(s)
    if bound is None:
        raise UserFacingError("session.not_active")
    return {
        "job_no": bound.job_no,
        "delegate_job_no": bound.delegate_job_no,
        "session_id": bound.session_id,
    }


def _insert_ignoring_duplicates(s: Session, table: Table, rows: list[dict[str, Any]]) -> int:
    """INSERT … ON CONFLICT DO NOTHING: a repeated unit of work adds nothing."""
    if not rows:
        return 0
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key = next(iter(table.primary_key.columns))
    stmt = insert(table).values(rows).on_conflict_do_nothing().returning(key)
    return len(s.execute(stmt).all())


def _load(s: Session, call_id: CallId, *, for_update: bool = False) -> Call:
    call = s.get(Call, check_call_id(call_id), with_for_update=for_update, populate_existing=True)
    if call is None:
        raise UserFacingError("call.not_found")
    return call


def start_call(
    s: Session,
    ctx: AgentContext,
    call_id: CallId,
    caller_number: str | None,
    direction: str,
    channel: str,
    at: datetime,
    *,
    customer_id: int | None = None,
) -> CallRecord:
    """Record a contact at its first moment (the ring, the dial, the visitor at the
    desk). Repeating it with the same ``call_id`` returns the record already made."""
    call_id = check_call_id(call_id)
    choice("direction", direction, CallDirection)
    choice("channel", channel, CallChannel)
    if direction is None or channel is None:
        raise UserFacingError(
            "input.required", field="direction" if direction is None else "channel"
        )
    number = check_number(caller_number)
    now = db_now(s)
    _insert_ignoring_duplicates(
        s,
        Call.__table__,  # type: ignore[arg-type]
        [
            {
                "id": call_id,
                "direction": direction,
                "channel": channel,
                "caller_number": number,
                "customer_id": customer_id,
                "started_at": at,
                "ring_count": 0,
                "state": CallState.RINGING
                if direction == CallDirection.INBOUND and channel == CallChannel.PHONE
                else STARTED_WITHOUT_RING,
                "notes": "",
                "updated_at": now,
                "updated_by_job_no": None,
                "version": 1,
                **_stamp(s),
            }
        ],
    )
    return _record(_load(s, call_id))


def get_call(s: Session, ctx: AgentContext, call_id: CallId) -> CallRecord:
    return _record(_load(s, call_id))


def unfinished_calls(s: Session, ctx: AgentContext) -> list[CallRecord]:
    """This job number's calls that were never finished (the console or the PC died
    mid-call, R2.12): the next start restores them."""
    rows = s.scalars(
        select(Call)
        .where(Call.job_no == ctx.stamped_job_no, Call.ended_at.is_(None))
        .order_by(Call.started_at)
    )
    return [_record(c) for c in rows]


def _json(field_name: str, value: Mapping[str, Any], max_len: int) -> str:
    try:
        # ensure_ascii=False keeps Chinese readable; NUL and controls come out escaped.
        text = json.dumps(dict(value), ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError) as err:
        raise UserFacingError("input.invalid", field=field_name) from err
    return check_text(field_name, text, max_len)


def _row_values(f: CallFields) -> dict[str, Any]:
    """The form's fields checked, as the columns of the call row."""
    if not isinstance(f.state, str) or not _STATE.match(f.state):
        raise UserFacingError("input.invalid", field="state")
    choice("intent", f.intent, Intent)
    choice("verification", f.verification, Verification)
    choice("title", f.title, Title)
    count("ring_count", f.ring_count, 0, 1000)
    count("compliance_score", f.compliance_score, 0, 100)
    count("customer_id", f.customer_id, 1, 2**31 - 1)
    return {
        "state": f.state,
        "customer_id": f.customer_id,
        "answered_at": f.answered_at,
        "ring_count": f.ring_count,
        "intent": f.intent,
        "verification": f.verification,
        "surname": optional_text("surname", f.surname, MAX_SURNAME),
        "title": f.title,
        "notes": check_text("notes", f.notes, MAX_NOTES),
        "details": _json("details", f.details, MAX_DETAILS),
        "compliance_score": f.compliance_score,
    }


def _holds(call: Call, values: Mapping[str, Any]) -> bool:
    return all(getattr(call, name) == value for name, value in values.items())


def _changed_elsewhere(call: Call) -> UserFacingError:
    return UserFacingError(
        "call.changed_elsewhere",
        job_no=call.updated_by_job_no or call.job_no,
        at=call.updated_at,
        version=call.version,
    )


def save_call(
    s: Session, ctx: AgentContext, call_id: CallId, fields: CallFields, expected_version: int
) -> CallRecord:
    """Save the call form (continuously, R2.12). ``expected_version`` is the version the
    form was based on; if someone else saved since, ``call.changed_elsewhere`` names
    their job number and nothing is written — the form keeps the agent's text."""
    values = _row_values(fields)
    now = db_now(s)
    call = _load(s, call_id, for_update=True)
    if call.version != expected_version:
        # The same save repeated after a lost connection (it did commit) is no conflict.
        if (
            call.version == expected_version + 1
            and _holds(call, values)
            and (call.updated_by_job_no == ctx.stamped_job_no)
        ):
            return _record(call)
        raise _changed_elsewhere(call)
    for name, value in values.items():
        setattr(call, name, value)
    return _write(s, ctx, call, now)


def _write(s: Session, ctx: AgentContext, call: Call, now: datetime) -> CallRecord:
    """One UPDATE (one new version); ``now`` was read before the changes, as reading the
    clock afterwards would flush them early."""
    if not s.is_modified(call):
        return _record(call)
    call.updated_at = now
    call.updated_by_job_no = ctx.stamped_job_no
    try:
        s.flush()
    except StaleDataError as e:  # the row lock makes this unlikely; say it plainly anyway
        raise UserFacingError("call.changed_elsewhere", job_no="?", at=None, version=None) from e
    s.refresh(call)  # the trigger's stamp on PostgreSQL
    return _record(call)


def finish_call(
    s: Session,
    ctx: AgentContext,
    call_id: CallId,
    fields: CallFields,
    expected_version: int,
    ended_at: datetime,
    ended_by: str | None,
) -> CallRecord:
    """Save the form a last time and close the record (R2.9: who hung up first; a
    dropped line, ``system``, is stored as nobody). Repeating it after a lost
    connection returns the finished record."""
    values = _row_values(fields)
    choice("ended_by", ended_by, EndedBy)
    ended_by = None if ended_by == EndedBy.SYSTEM else ended_by
    now = db_now(s)
    call = _load(s, call_id, for_update=True)
    if call.ended_at is not None and call.ended_at == ended_at and call.ended_by == ended_by:
        return _record(call)
    if call.version != expected_version:
        raise _changed_elsewhere(call)
    for name, value in values.items():
        setattr(call, name, value)
    call.ended_at, call.ended_by = ended_at, ended_by
    return _write(s, ctx, call, now)


def _event_row(call_id: CallId, e: NewCallEvent) -> dict[str, Any]:
    count("seq", e.seq, 0, 2**31 - 1)
    if not isinstance(e.kind, str) or not _EVENT_KIND.match(e.kind):
        raise UserFacingError("input.invalid", field="event.kind")
    data = _json("event.data", e.data, MAX_EVENT_DATA)
    return {"call_id": call_id, "seq": e.seq, "kind": e.kind, "at": e.at, "data": data}


def append_events(
    s: Session, ctx: AgentContext, call_id: CallId, events: Iterable[NewCallEvent]
) -> int:
    """Append to the call's event log; events whose ``seq`` is already there are
    skipped (a retried append). Returns how many were new."""
    call_id = check_call_id(call_id)
    rows = [_event_row(call_id, e) for e in events]
    if len(rows) > MAX_EVENTS_PER_APPEND:
        raise UserFacingError("input.too_long", field="events", max=MAX_EVENTS_PER_APPEND)
    if not rows:
        return 0
    if s.scalar(select(Call.id).where(Call.id == call_id)) is None:
        raise UserFacingError("call.not_found")
    stamp = _stamp(s)
    return _insert_ignoring_duplicates(
        s,
        CallEvent.__table__,  # type: ignore[arg-type]
        [{**r, **stamp} for r in rows],
    )


def call_events(s: Session, ctx: AgentContext, call_id: CallId) -> list[StoredCallEvent]:
    rows = s.scalars(
        select(CallEvent).where(CallEvent.call_id == check_call_id(call_id)).order_by(CallEvent.seq)
    )
    return [
        StoredCallEvent(e.call_id, e.seq, e.kind, e.at, json.loads(e.data), e.job_no) for e in rows
    ]
