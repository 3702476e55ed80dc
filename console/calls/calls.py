"""Call records (来电记录, R2.12): started at the ring, saved continuously, finished at
hang-up, with the call's own append-only event log (R2.15 scores the call from it).

Every step is safe to repeat: the seat makes the call's id (a UUID) and numbers its
events, so a unit of work retried after a lost connection adds nothing twice. Saves are
optimistic (SECURITY.md): a save based on an older version is refused with the job
number that changed the record, and the caller keeps what the agent typed.

A call is changed only by the agent on it (its job number) while it is in progress;
afterwards its notes are corrected explicitly (``correct_notes``: the owner or a
supervisor, with a reason, audited, the replaced text kept). PostgreSQL refuses
anything else itself (db/sql/0017_db_rules.sql); on SQLite the checks here are the rule.

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

from sqlalchemy import Table, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.calls.compliance import Verdict
from console.core import audit
from console.core.checks import (
    check_call_id,
    check_number,
    check_strings,
    check_text,
    choice,
    count,
    optional_text,
)
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.unit import db_now, guard
from console.core.vocabulary import (
    CallChannel,
    CallDirection,
    CallId,
    CallState,
    Criterion,
    EndedBy,
    Intent,
    JobNumber,
    Title,
    Verification,
)
from db.models import Call, CallCorrection, CallEvent, call_scores

# Limits in characters, as PostgreSQL counts them (varchar(n)); SQLite would not check.
MAX_SURNAME = 16
MAX_NOTES = 4000
MAX_EVENT_DATA = 8000
MAX_DETAILS = 16000
MAX_EVENTS_PER_APPEND = 500
MAX_REASON = 500
MAX_TRANSFER_TARGET = 64  # a seat code (seats.code) or a number

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
    job_no: JobNumber
    delegate_job_no: JobNumber | None
    updated_at: datetime
    updated_by_job_no: JobNumber | None
    version: int
    # A transfer: the seat or number this call was handed to; the call it continues.
    transferred_to: str | None = None
    transferred_from: CallId | None = None

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
    # The automatic score's criteria that applied, criterion → pass / fail (at the end,
    # with the score): trends count them without scoring every event log again.
    compliance_verdicts: Mapping[str, str] | None = None
    # The seat or number the caller was handed to (a transfer), once they were.
    transferred_to: str | None = None


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
        job_no=c.job_no,
        delegate_job_no=c.delegate_job_no,
        updated_at=c.updated_at,
        updated_by_job_no=c.updated_by_job_no,
        version=c.version,
        transferred_to=c.transferred_to,
        transferred_from=c.transferred_from,
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
    transferred_from: str | None = None,
) -> CallRecord:
    """Record a contact at its first moment (the ring, the dial, the visitor at the
    desk). Repeating it with the same ``call_id`` returns the record already made.
    ``transferred_from``: the call at another seat that was transferred here."""
    call_id = check_call_id(call_id)
    if transferred_from is not None:
        transferred_from = check_call_id(transferred_from)
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
                "transferred_from": transferred_from,
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


def _json(field_name: str, value: Mapping[str, Any], max_len: int, *, typed: bool = False) -> str:
    """``value`` as JSON text. ``typed``: what the agent typed (the forms), each text of
    which is checked on its own and refused by its field's name; what the console
    itself records (event data) is kept exactly, a NUL escaped by JSON."""
    if typed:
        check_strings(field_name, value, max_len)
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
    _check_verdicts(f.compliance_verdicts)
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
        "details": _json("details", f.details, MAX_DETAILS, typed=True),
        "transferred_to": optional_text("transferred_to", f.transferred_to, MAX_TRANSFER_TARGET),
    }


def _own_in_progress(ctx: AgentContext, call: Call) -> None:
    """Only the agent on the call changes it, and only until it is finished."""
    if call.ended_at is not None:
        raise UserFacingError("call.finished")
    if call.job_no != ctx.stamped_job_no:
        raise UserFacingError("call.not_yours", job_no=call.job_no)


def check_fields(f: CallFields) -> None:
    """Raise what :func:`save_call` would refuse in ``f`` (the first field that cannot
    be stored, named), without touching the database: the desk checks before it
    finishes a call."""
    _row_values(f)


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
    _own_in_progress(ctx, call)
    _set(call, values, fields)
    return _write(s, ctx, call, now)


def _set(call: Call, values: Mapping[str, Any], f: CallFields) -> None:
    if call.transferred_to is not None and values["transferred_to"] != call.transferred_to:
        # A transfer stays as it happened (PostgreSQL: the calls_transfer_fixed trigger).
        raise UserFacingError("call.transfer_fixed")
    for name, value in values.items():
        setattr(call, name, value)
    # The score is written, never read back (a seat may not read it on PostgreSQL): set
    # once the call has one, which is at its end.
    if f.compliance_score is not None:
        call.compliance_score = f.compliance_score
    if f.compliance_verdicts is not None:
        call.compliance_verdicts = json.dumps(dict(f.compliance_verdicts), sort_keys=True)


def _check_verdicts(verdicts: Mapping[str, str] | None) -> None:
    if verdicts is None:
        return
    if not isinstance(verdicts, Mapping) or not all(
        name in _CRITERIA and verdict in _VERDICTS for name, verdict in verdicts.items()
    ):
        raise UserFacingError("input.invalid", field="compliance_verdicts")


_CRITERIA = frozenset(Criterion)
_VERDICTS = frozenset((Verdict.PASS, Verdict.FAIL))


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
    dropped line is ``system``). Repeating it after a lost connection returns the
    finished record."""
    values = _row_values(fields)
    choice("ended_by", ended_by, EndedBy)
    now = db_now(s)
    call = _load(s, call_id, for_update=True)
    if call.ended_at is not None and call.ended_at == ended_at and call.ended_by == ended_by:
        return _record(call)
    _own_in_progress(ctx, call)
    if call.version != expected_version:
        raise _changed_elsewhere(call)
    _set(call, values, fields)
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
    call = s.get(Call, call_id)
    if call is None:
        raise UserFacingError("call.not_found")
    have = set(s.scalars(select(CallEvent.seq).where(CallEvent.call_id == call_id)))
    rows = [r for r in rows if r["seq"] not in have]  # a retried append
    if not rows:
        return 0
    _own_in_progress(ctx, call)
    stamp = _stamp(s)
    return _insert_ignoring_duplicates(
        s,
        CallEvent.__table__,  # type: ignore[arg-type]
        [{**r, **stamp} for r in rows],
    )


@dataclass(frozen=True)
class NotesCorrection:
    """An earlier text of a finished call's notes, and who replaced it, when and why."""

    call_id: CallId
    version: int  # the call's version that had ``previous_notes``
    previous_notes: str
    notes: str
    reason: str
    corrected_at: datetime
    job_no: JobNumber


def correct_notes(
    s: Session, ctx: AgentContext, call_id: CallId, notes: str, expected_version: int, reason: str
) -> CallRecord:
    """Correct a finished call's notes: the agent who took the call or a supervisor,
    with a reason. The text it replaces is kept (``corrections``) and the correction
    audited. ``expected_version`` is the version the corrector read: a call changed
    meanwhile is refused like a stale save. Repeating it after a lost reply is no
    conflict."""
    notes = check_text("notes", notes, MAX_NOTES)
    reason = check_text("reason", reason, MAX_REASON).strip()
    if not reason:
        raise UserFacingError("reason.required")
    call = _load(s, call_id, for_update=True)
    if call.job_no != ctx.stamped_job_no and not ctx.is_at_least(Role.SUPERVISOR):
        raise UserFacingError("call.not_yours", job_no=call.job_no)
    if call.ended_at is None:
        raise UserFacingError("call.in_progress")
    if call.version != expected_version:
        if _repeated_correction(s, ctx, call, notes, expected_version):
            return _record(call)
        raise _changed_elsewhere(call)
    if call.notes == notes:
        return _record(call)
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            text("SELECT ac_correct_call_notes(:i, :v, :n, :r)"),
            {"i": call.id, "v": expected_version, "n": notes, "r": reason},
        )
        s.refresh(call)
        return _record(call)
    now = db_now(s)
    s.add(
        CallCorrection(
            call_id=call.id,
            version=call.version,
            previous_notes=call.notes,
            notes=notes,
            reason=reason,
            corrected_at=now,
        )
    )
    call.notes = notes  # the mapper's version counter makes it a new version
    call.updated_at, call.updated_by_job_no = now, ctx.stamped_job_no
    s.flush()
    audit.record_privileged(
        s,
        "call.corrected",
        call_id=call.id,
        job_no=call.job_no,
        version=call.version,
        reason=reason,
    )
    return _record(call)


def _repeated_correction(
    s: Session, ctx: AgentContext, call: Call, notes: str, expected_version: int
) -> bool:
    """This session's correction of ``expected_version`` committed already."""
    if call.version != expected_version + 1 or call.notes != notes:
        return False
    bound = guard(s).bound(s)
    return (
        bound is not None
        and s.scalar(
            select(CallCorrection.id).where(
                CallCorrection.call_id == call.id,
                CallCorrection.version == expected_version,
                CallCorrection.session_id == bound.session_id,
            )
        )
        is not None
    )


def corrections(s: Session, ctx: AgentContext, call_id: CallId) -> list[NotesCorrection]:
    """The earlier texts of a call's notes, oldest first."""
    rows = s.scalars(
        select(CallCorrection)
        .where(CallCorrection.call_id == check_call_id(call_id))
        .order_by(CallCorrection.version)
    )
    return [
        NotesCorrection(
            r.call_id, r.version, r.previous_notes, r.notes, r.reason, r.corrected_at, r.job_no
        )
        for r in rows
    ]


_SCORE_CHUNK = 500  # call ids per query


@dataclass(frozen=True)
class StoredCompliance:
    """A finished call's automatic score as stored at its end."""

    score: int
    # criterion → pass / fail; None for calls finished before the verdicts were stored.
    verdicts: Mapping[str, str] | None


def stored_compliance(
    s: Session, ctx: AgentContext, call_ids: Iterable[str]
) -> dict[str, StoredCompliance]:
    """The stored automatic scores of ``call_ids`` that ``ctx`` may see: a supervisor's
    or an administrator's, all; an agent's, the calls taken in their name or by them
    under a delegation. PostgreSQL's ``call_scores`` shows nothing more to a seat
    whatever it asks; on SQLite this filter is the rule. Calls without a score are left
    out.

    Asked by id (in chunks, each on the primary key): joined to a query instead, the
    PostgreSQL view, a security barrier, is read whole."""
    wanted = list(dict.fromkeys(call_ids))
    v = call_scores.c
    mine = or_(v.job_no == ctx.job_no, v.delegate_job_no == ctx.job_no)
    found: dict[str, StoredCompliance] = {}
    for start in range(0, len(wanted), _SCORE_CHUNK):
        q = select(v.call_id, v.score, v.verdicts).where(
            v.call_id.in_(wanted[start : start + _SCORE_CHUNK]), v.score.is_not(None)
        )
        if not ctx.is_at_least(Role.SUPERVISOR):
            q = q.where(mine)
        for call_id, score, verdicts in s.execute(q):
            found[call_id] = StoredCompliance(
                score, None if verdicts is None else json.loads(verdicts)
            )
    return found


def compliance_scores(s: Session, ctx: AgentContext, call_ids: Iterable[str]) -> dict[str, int]:
    """Just the scores of :func:`stored_compliance`."""
    return {call_id: c.score for call_id, c in stored_compliance(s, ctx, call_ids).items()}


def call_events(s: Session, ctx: AgentContext, call_id: CallId) -> list[StoredCallEvent]:
    rows = s.scalars(
        select(CallEvent).where(CallEvent.call_id == check_call_id(call_id)).order_by(CallEvent.seq)
    )
    return [
        StoredCallEvent(e.call_id, e.seq, e.kind, e.at, json.loads(e.data), e.job_no) for e in rows
    ]
