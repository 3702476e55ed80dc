"""Typed SQLAlchemy models. The schema itself is owned by the Alembic migrations in
``db/migrations``; a test checks that models and migrations agree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import column, table
from sqlalchemy.sql.elements import ColumnElement

from db.guard import NewCredential
from db.types import UtcDateTime
from db.vocabulary import (
    STORED_ENDED_BY,
    AccountType,
    CallbackReason,
    CallChannel,
    CallDirection,
    CallId,
    CampaignKind,
    CaseId,
    CaseKind,
    CaseStatus,
    Intent,
    JobNumber,
    PrintAction,
    Role,
    SampleReason,
    SeatCode,
    SwitchSignalKind,
    TargetStatus,
    Title,
    Verification,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: Iterable[StrEnum]) -> str:
    """The CHECK that ``column`` holds one of a vocabulary's values (db/vocabulary.py),
    written as the migrations wrote it: ``kind IN ('planned','emergency')``."""
    quoted = ("'" + v.value.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({','.join(quoted)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agent(Base):
    """A person with a job number (工号)."""

    __tablename__ = "agents"
    __table_args__ = (CheckConstraint(one_of("role", Role), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_no: Mapped[JobNumber] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AgentCredential(Base):
    """The password verifier. Seats never read this table: on PostgreSQL only the
    security-definer login functions do (see db/sql/0001_security.sql)."""

    __tablename__ = "agent_credentials"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary(32))
    time_cost: Mapped[int] = mapped_column(Integer)
    memory_kib: Mapped[int] = mapped_column(Integer)
    parallelism: Mapped[int] = mapped_column(Integer)
    verifier: Mapped[bytes] = mapped_column(LargeBinary(32))
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)

    def store(self, new: NewCredential, now: datetime) -> None:
        """Keep a new password's verifier; a new password starts with a clean slate."""
        self.salt, self.time_cost, self.memory_kib = new.salt, new.time_cost, new.memory_kib
        self.parallelism, self.verifier, self.changed_at = new.parallelism, new.verifier, now
        self.failed_count, self.locked_until = 0, None


class SecurityPolicy(Base):
    """One row of center-wide security settings, read by the login procedures."""

    __tablename__ = "security_policy"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lease_seconds: Mapped[int] = mapped_column(Integer)
    lockout_threshold: Mapped[int] = mapped_column(Integer)
    lockout_minutes: Mapped[int] = mapped_column(Integer)
    # Unknown job numbers get a decoy salt and these hashing parameters, so the login
    # challenge does not tell which job numbers exist.
    decoy_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    decoy_time_cost: Mapped[int] = mapped_column(Integer)
    decoy_memory_kib: Mapped[int] = mapped_column(Integer)
    decoy_parallelism: Mapped[int] = mapped_column(Integer)


class AgentSession(Base):
    """A login. At most one open session per job number and per seat (R1.2): the
    partial unique indexes below hold on both databases."""

    __tablename__ = "agent_sessions"
    __table_args__ = (
        Index(
            "uq_agent_sessions_open_job_no",
            "job_no",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        Index(
            "uq_agent_sessions_open_seat",
            "seat",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    job_no: Mapped[JobNumber] = mapped_column(String(16))
    seat: Mapped[SeatCode] = mapped_column(String(64))
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lease_until: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    ended_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegations.id"))


class Delegation(Base):
    """Working under another's job number (R1.4): approved by a supervisor and by the
    owner of the number, each with their own password, and only until ``valid_until``."""

    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_job_no: Mapped[JobNumber] = mapped_column(String(16))
    delegate_job_no: Mapped[JobNumber] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    valid_until: Mapped[datetime] = mapped_column(UtcDateTime)
    supervisor_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    supervisor_approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    owner_approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """Append-only, hash-chained audit log (R8.1)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_chain", "chain", "id"),)  # a chain's newest entry

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # A job number, or ``admin:`` and the database role for administration without a
    # session (any role name fits on PostgreSQL, revision 0017; SQLite keeps its
    # declared 16, which it never enforced, rather than rebuild the audit table).
    actor_job_no: Mapped[str | None] = mapped_column(
        String(80).with_variant(String(16), "sqlite"), index=True
    )
    # The seat, or for administration from the command line the operating-system user
    # and host it ran as (``user@host``).
    seat: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Which chain the entry links into (revision 0025): PostgreSQL appends to any free
    # one so that appends do not queue; the embedded database writes chain 0 only.
    chain: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"), default=0)


class Stamped:
    """Columns of every business record (R1.3): who made it, taken from the session.

    ``job_no`` is the number the work was done under; ``delegate_job_no`` is the person
    who actually did it when working under a delegation (R1.4), otherwise NULL.
    """

    job_no: Mapped[JobNumber] = mapped_column(String(16))
    delegate_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    session_id: Mapped[int] = mapped_column(ForeignKey("agent_sessions.id"), index=True)


class AgentStateEvent(Stamped, Base):
    """An agent state change (R1.6), the first business record: it feeds the KPIs."""

    __tablename__ = "agent_state_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Seat(Base):
    """A workstation (坐席). Sign-in happens only at a registered seat in service. A
    disabled seat stays in the register (its history names it) but is no longer in
    service. ``db_role``: on PostgreSQL, the database role (or a group of roles) allowed
    to sign in there (revision 0017); unused on SQLite."""

    __tablename__ = "seats"

    code: Mapped[SeatCode] = mapped_column(String(64), primary_key=True)
    location: Mapped[str] = mapped_column(String(128), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    db_role: Mapped[str | None] = mapped_column(String(63))


class Department(Base):
    """A department cases are dispatched to (维修, 抢险, 营业, 安检, 客服…)."""

    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class Customer(Base):
    """A gas customer: the account the caller is matched against."""

    __tablename__ = "customers"
    __table_args__ = (
        CheckConstraint(one_of("account_type", AccountType), name="account_type"),
        Index("ix_customers_phone", "phone"),
        Index(
            "ix_customers_phone_rev",
            "phone_rev",
            postgresql_ops={"phone_rev": "varchar_pattern_ops"},
        ),
        Index("ix_customers_name", "name"),
        Index("ix_customers_address", "community", "building", "unit", "room"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(1))  # 'M' / 'F': 先生 / 女士
    phone: Mapped[str | None] = mapped_column(String(20))
    # The phone number reversed, so "caller's last digits" is an indexed prefix search.
    phone_rev: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))
    community: Mapped[str] = mapped_column(String(64))
    building: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(16))
    room: Mapped[str] = mapped_column(String(16))
    account_type: Mapped[str] = mapped_column(String(4))
    special_group: Mapped[str | None] = mapped_column(String(32))
    last_inspection_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CallDuration(ColumnElement[float]):
    """How long a call lasted, as each database computes it from its own timestamps
    (SQLite stores text): the expression of the ``ix_calls_duration`` index."""

    inherit_cache = True


@compiles(CallDuration)
def _duration_sqlite(_element: CallDuration, _compiler: Any, **_kw: Any) -> str:
    return "julianday(ended_at) - julianday(started_at)"


@compiles(CallDuration, "postgresql")
def _duration_postgresql(_element: CallDuration, _compiler: Any, **_kw: Any) -> str:
    return "(ended_at - started_at)"


class Call(Stamped, Base):
    """A contact (来电记录, R2.12): inbound or outbound call, or a walk-in visit (R2.5).

    ``id`` is made by the seat (a UUID) before the first write, so a unit of work
    retried after a lost connection cannot create the record twice. ``job_no`` is who
    took the call; ``updated_by_job_no`` who saved it last (named when a stale save is
    refused). ``version`` guards against lost updates (SECURITY.md).
    """

    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint(one_of("direction", CallDirection), name="direction"),
        CheckConstraint(one_of("channel", CallChannel), name="channel"),
        CheckConstraint(one_of("intent", Intent), name="intent"),
        CheckConstraint(one_of("verification", Verification), name="verification"),
        CheckConstraint(one_of("ended_by", STORED_ENDED_BY), name="ended_by"),
        CheckConstraint(one_of("title", Title), name="title"),
        # Recent contacts on the customer card (newest first: the index is read backwards).
        Index("ix_calls_customer_started", "customer_id", "started_at"),
        # The call log, by time; and one agent's calls by time (KPIs, handover).
        Index("ix_calls_started_at", "started_at"),
        Index("ix_calls_job_no_started", "job_no", "started_at"),
        # Repeat-caller hint: calls from this number lately.
        Index("ix_calls_caller_started", "caller_number", "started_at"),
        # The call log filtered or sorted by intent (console/calls/call_log.py).
        Index("ix_calls_intent_started", "intent", "started_at"),
        # Sorting by duration: the expression as each database computes it (migration
        # 0004); console/calls/call_log.py queries the very same expression.
        Index("ix_calls_duration", CallDuration(), "started_at"),
    )

    id: Mapped[CallId] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    caller_number: Mapped[str | None] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(8))
    ring_count: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(16))
    intent: Mapped[str | None] = mapped_column(String(16))
    verification: Mapped[str | None] = mapped_column(String(16))
    surname: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str] = mapped_column(Text, default="")
    # The verification and intent forms as typed (JSON): the whole form is saved
    # continuously with the call (R2.12), whatever the intent's fields are.
    details: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # Written with the call; read only through ``call_scores`` (below), which shows a
    # score to the agent concerned, supervisors and administrators. On PostgreSQL a seat
    # cannot select this column at all (migration 0024), so it is never loaded with the
    # row, and reading it from a loaded call is an error rather than a query.
    compliance_score: Mapped[int | None] = mapped_column(
        Integer, deferred=True, deferred_raiseload=True
    )
    # The score's criteria that applied, as JSON criterion → pass / fail (same privacy).
    compliance_verdicts: Mapped[str | None] = mapped_column(
        Text, deferred=True, deferred_raiseload=True
    )
    # A transfer (revision 0027): the seat or number this call was handed to, on the
    # record of the agent who handed it over; and on the record of the call that came
    # of it, the id of that first call. The two records name both agents.
    transferred_to: Mapped[str | None] = mapped_column(String(64))
    transferred_from: Mapped[CallId | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


# The automatic scores a reader may see (a view, migration 0024): every call's score on
# SQLite, where the services decide who asks; on PostgreSQL only the rows of the agent
# signed in, or every row for a supervisor or an administrator. Not a table of the
# metadata: the migration creates it.
call_scores = table(
    "call_scores",
    column("call_id", String(36)),
    column("job_no", String(16)),
    column("delegate_job_no", String(16)),
    column("score", Integer),
    column("verdicts", Text),
)


class CallEvent(Stamped, Base):
    """One entry of a call's own event log (ring, answer, phrase used, hold…), append
    only: the compliance score (R2.15) is computed from it. ``seq`` is the seat's own
    numbering within the call, so a retried append adds nothing twice."""

    __tablename__ = "call_events"

    call_id: Mapped[CallId] = mapped_column(ForeignKey("calls.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[str] = mapped_column(Text, default="{}")


class CallCorrection(Stamped, Base):
    """A correction of a finished call's notes (revision 0017), by the agent who took the
    call or a supervisor, with a reason: the call keeps its new text, this row the text
    it replaced. Append only."""

    __tablename__ = "call_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[CallId] = mapped_column(ForeignKey("calls.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # the call's version that was corrected
    previous_notes: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SwitchSignal(Base):
    """What the telephone switch tells one seat: a call is ringing, the caller hung up.

    The call simulator (``main.py ring``) writes these through the shared database, so a
    ring reaches a console on another process or machine; the seat marks each one
    delivered when its console has taken it. A real softphone adapter does not use it.
    """

    __tablename__ = "switch_signals"
    __table_args__ = (
        CheckConstraint(one_of("kind", SwitchSignalKind), name="kind"),
        # The seat's poll: its undelivered signals, oldest first.
        Index("ix_switch_signals_seat_pending", "seat_code", "delivered_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seat_code: Mapped[SeatCode] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    call_ref: Mapped[str] = mapped_column(String(36))
    caller_number: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A ring that is a transfer: the call (its ref) at the seat that handed it over.
    transferred_from: Mapped[str | None] = mapped_column(String(36))


# --- cases (工单, R3) ------------------------------------------------------------------------


class Case(Stamped, Base):
    """A case (工单, R3.1): what a caller asked for, owned by the first-contact agent
    (``owner_job_no``, 首问责任人) until it is closed, whichever department handles it
    (``department``, 承办). ``job_no`` is who opened it; ``version`` guards saves."""

    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint(one_of("kind", CaseKind), name="kind"),
        CheckConstraint(one_of("status", CaseStatus), name="status"),
        # "My cases": the owner's open cases.
        Index("ix_cases_owner_closed", "owner_job_no", "closed_at"),
        # A follow-up contact finds the customer's open cases (links, no duplicate).
        Index("ix_cases_customer_opened", "customer_id", "opened_at"),
        Index("ix_cases_call_id", "call_id"),
        # One case per number; a number is looked up when a caller quotes it.
        Index("ix_cases_case_no", "case_no", unique=True),
    )

    id: Mapped[CaseId] = mapped_column(String(36), primary_key=True)
    # The case number an agent says and a customer quotes (工单号, ``G2026-00123``): a
    # yearly serial given at opening (console/cases/cases.py), never changed. Every row
    # has one (migration 0015 numbered the older cases); the column is nullable only
    # because SQLite cannot add a NOT NULL column to a table without rebuilding it.
    case_no: Mapped[str] = mapped_column(String(16), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))
    owner_job_no: Mapped[JobNumber] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    call_id: Mapped[CallId | None] = mapped_column(ForeignKey("calls.id"))
    caller_number: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")
    satisfaction: Mapped[str | None] = mapped_column(String(16))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CaseEvent(Stamped, Base):
    """The case's timeline (append-only): dispatched, acknowledged, progress, notice
    given, callback result, manager review, ownership transferred, closed…"""

    __tablename__ = "case_events"
    # Entries of one kind over a period: replies for the KPIs and the complaint
    # register, transfer requests for the supervisor board (migration 0007).
    __table_args__ = (Index("ix_case_events_kind_at", "kind", "at"),)

    case_id: Mapped[CaseId] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[str] = mapped_column(Text, default="{}")


class CaseClock(Stamped, Base):
    """One SLA clock of a case (R3.3): due and warning moments from the policy file,
    paused while waiting on the customer where the policy allows. Any running console
    (or ``main.py sla sweep``) marks it warned and escalated; ``job_no`` is who touched
    it last."""

    __tablename__ = "case_clocks"
    __table_args__ = (
        # The sweep: running clocks by due time.
        Index("ix_case_clocks_sweep", "stopped_at", "escalated_at", "due_at"),
    )

    case_id: Mapped[CaseId] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    warn_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paused_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The deadline counted days of a year whose official holiday schedule is not known
    # yet (console/content/holiday_calendar.py): recomputed once it is entered.
    provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Callback(Stamped, Base):
    """An item of the shared callback list (回访, R3.7, R3.8). Claimed atomically by one
    agent's session; a claim by a session that is no longer active may be taken over."""

    __tablename__ = "callbacks"
    __table_args__ = (
        CheckConstraint(one_of("reason", CallbackReason), name="reason"),
        # The next item to claim: the open items in the claim's whole order (due time,
        # then id), so the first free one is read off the index, not sorted (0025).
        Index(
            "ix_callbacks_queue",
            "due_at",
            "id",
            postgresql_where=text("done_at IS NULL"),
            sqlite_where=text("done_at IS NULL"),
        ),
        # The item a session holds (asked before each claim): the open items only.
        Index(
            "ix_callbacks_held",
            "claimed_session_id",
            postgresql_where=text("done_at IS NULL"),
            sqlite_where=text("done_at IS NULL"),
        ),
        Index("ix_callbacks_case_id", "case_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[CaseId | None] = mapped_column(ForeignKey("cases.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    phone: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    claimed_session_id: Mapped[int | None] = mapped_column(Integer)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str | None] = mapped_column(String(24))
    # The session that recorded ``result``: its repeat after a lost reply is recognised.
    result_session_id: Mapped[int | None] = mapped_column(Integer)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ShiftCheck(Stamped, Base):
    """The pre-shift check at sign-in (R4.1): each checklist item, passed or with the
    problem found. A failed item stays on the boards until a later check of the same
    seat passes it."""

    __tablename__ = "shift_checks"
    __table_args__ = (Index("ix_shift_checks_seat_at", "seat", "at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seat: Mapped[SeatCode] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    items: Mapped[str] = mapped_column(Text)  # JSON: [{"code", "ok", "note"}]
    failed: Mapped[int] = mapped_column(Integer)


class Handover(Stamped, Base):
    """The handover record of an outgoing agent (交接班, R4.2): what the console compiled
    (``summary``, JSON) and the agent's notes. ``job_no`` is the outgoing agent. The
    notes may be corrected by their author until the incoming agent acknowledges;
    then the database refuses any change (db/sql/0007_shift.sql, SQLite triggers)."""

    __tablename__ = "handovers"
    __table_args__ = (Index("ix_handovers_created_at", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seat: Mapped[SeatCode] = mapped_column(String(64))
    shift_name: Mapped[str] = mapped_column(String(16))
    shift_start: Mapped[datetime] = mapped_column(UtcDateTime)
    shift_end: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    summary: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class HandoverAck(Stamped, Base):
    """The incoming agent's acknowledgment of a handover, under their own session
    (``job_no``): at most one per handover, never changed."""

    __tablename__ = "handover_acks"

    handover_id: Mapped[str] = mapped_column(ForeignKey("handovers.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class CaseSerial(Base):
    """The last case number given out in a year (工单号, migration 0015): taken in the
    transaction that opens the case, so a case that is not saved leaves no gap."""

    __tablename__ = "case_serials"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class ReportSerial(Base):
    """The last registry serial number given out in a year (R6.3). A serial is taken
    before the report is built (it is printed on every page); a report cancelled after
    that leaves a gap, which the audit trail explains (``report.cancelled``)."""

    __tablename__ = "report_serials"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class PrintRecord(Stamped, Base):
    """The print registry (R6.3, GS 17.2: 打印的各种报表……应设专人登记保管): one entry
    per printed or exported report, never changed. ``job_no`` is who printed it."""

    __tablename__ = "print_registry"
    __table_args__ = (
        CheckConstraint(one_of("action", PrintAction), name="action"),
        Index("ix_print_registry_printed_at", "printed_at"),
    )

    serial: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(128))
    filters: Mapped[str] = mapped_column(Text)  # JSON, as given
    action: Mapped[str] = mapped_column(String(8))
    copies: Mapped[int] = mapped_column(Integer)
    custodian: Mapped[str] = mapped_column(String(64))
    copy_of: Mapped[str | None] = mapped_column(String(16))
    pages: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # What the report's header said it covers (period, agent, case number…), as printed:
    # the registry lists it so, without internal identifiers (migration 0015).
    subject: Mapped[str | None] = mapped_column(Text)
    # The audit chain's head when the report's rows were read, printed in every page's
    # footer (migration 0015): ``audit verify`` checks the chain still holds it, so a
    # deletion of the newest audit entries is caught. NULL only on entries made before.
    audit_head_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    audit_head_hash: Mapped[str | None] = mapped_column(String(64))


class Campaign(Stamped, Base):
    """An outage notification campaign (R5.2, R5.3): who must be told that the gas is
    cut, why, and until when. ``job_no`` is the supervisor who created it. A planned
    outage carries its advance-notice deadline (``notice_due_at``), swept like an SLA
    clock (console/campaigns/campaigns.py)."""

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint(one_of("kind", CampaignKind), name="kind"),
        Index("ix_campaigns_closed_at", "closed_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    outage_from: Mapped[datetime | None] = mapped_column(UtcDateTime)
    restore_expected_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notice_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notice_warn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    incident_case_id: Mapped[CaseId | None] = mapped_column(ForeignKey("cases.id"))
    area: Mapped[str] = mapped_column(Text)  # JSON: [{community, building?, unit?}]
    max_attempts: Mapped[int] = mapped_column(Integer)
    retry_minutes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CampaignTarget(Stamped, Base):
    """One customer to notify in a campaign: claimed atomically by one agent at a time
    (console/core/worklist.py), tried up to the campaign's ``max_attempts``."""

    __tablename__ = "campaign_targets"
    __table_args__ = (
        CheckConstraint(one_of("status", TargetStatus), name="status"),
        # The next target to claim: by campaign, status and due time.
        Index("ix_campaign_targets_queue", "campaign_id", "status", "due_at"),
        Index("ix_campaign_targets_customer", "customer_id"),
    )

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    claimed_session_id: Mapped[int | None] = mapped_column(Integer)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    result_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    result_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))


class NuisanceMark(Stamped, Base):
    """A caller number marked by a supervisor after harassment (R2.18, WD), until
    ``expires_at`` or until cleared. ``job_no`` is the supervisor who marked it."""

    __tablename__ = "nuisance_marks"
    __table_args__ = (Index("ix_nuisance_marks_number", "number", "expires_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    marked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cleared_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))


class KnowledgeArticle(Base):
    """An answer of the knowledge panel (R2.17): what to tell a caller who asks about
    installation, safe use, the IC card, the meter battery, prices and policies.
    Maintained by administrators (console/content/knowledge.py); searched in Chinese with the
    database's own text search (SQLite FTS5 trigram, PostgreSQL pg_trgm; migration 0011)."""

    __tablename__ = "kb_articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(128))
    keywords: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    clause: Mapped[str] = mapped_column(String(128), default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(32))


class ContentVersion(Base):
    """One saved version of a kind of content: the dialogue script, the taboo
    list, the SLA policy… ``body`` is the whole text as the administrator wrote it; the
    highest ``version`` of a kind is in force on every seat, over the shipped file.
    Append-only: a roll-back is a new version (``restored_from``) with an old body.
    Saved by an administrator's session, or by the command line (``admin_name``)."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    delegate_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("agent_sessions.id"), index=True)
    admin_name: Mapped[str | None] = mapped_column(String(64))


class QualityReview(Stamped, Base):
    """A call on the quality-review list (质检, TN 二 检查与考核): drawn by the day's
    sampling or added by a supervisor (``job_no``), at most once per call. Claimed by one
    supervisor's session at a time (console/core/worklist.py); the review — each checklist
    item's verdict (``items``, JSON), the score and a comment — is saved with the
    reviewer's job number and ``version`` guards it. The agent concerned (``agent_job_no``)
    may reply once (申诉), which a supervisor answers, and acknowledges the result; from
    then on the review no longer changes. Visible only to that agent, supervisors and
    administrators: on PostgreSQL by row-level security (db/sql/0020_quality.sql)."""

    __tablename__ = "quality_reviews"
    __table_args__ = (
        CheckConstraint(one_of("reason", SampleReason), name="reason"),
        UniqueConstraint("call_id"),
        # The review list: not yet reviewed, in the claim's whole order (0025).
        Index(
            "ix_quality_reviews_queue",
            "created_at",
            "call_started_at",
            "id",
            postgresql_where=text("reviewed_at IS NULL"),
            sqlite_where=text("reviewed_at IS NULL"),
        ),
        # An agent's results, and the weekly quota of the draw.
        Index("ix_quality_reviews_agent", "agent_job_no", "drawn_on"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    call_id: Mapped[CallId] = mapped_column(ForeignKey("calls.id"))
    agent_job_no: Mapped[JobNumber] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(16))
    drawn_on: Mapped[str] = mapped_column(String(10))  # the local day of the draw, ISO
    call_started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    auto_score: Mapped[int | None] = mapped_column(Integer)
    claimed_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    claimed_session_id: Mapped[int | None] = mapped_column(Integer)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    items: Mapped[str] = mapped_column(Text, default="{}")
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reviewer_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by_job_no: Mapped[JobNumber | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
