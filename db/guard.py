"""The guard: login, sessions, fencing and the audit chain, as the database enforces them.

Two implementations share this interface, and ``db.engine`` picks one per database:
``PgGuard`` calls the security-definer functions of ``db/sql/0001_security.sql`` (the
rules hold even for a client that skips this code), and ``SqliteGuard`` enforces the same
rules in Python for the one-seat embedded database. The same tests run against both.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from db.vocabulary import JobNumber, SeatCode

LoginStatus = Literal[
    "ok",
    "bad",
    "locked",
    "busy",
    "seat_busy",
    "seat_unknown",  # the seat is not in the register
    "seat_out_of_service",  # an administrator took it out of service
    "seat_not_allowed",  # the register does not allow this database role there
]
# Audit kinds only the functions that do the thing write (sign-in, sessions, passwords,
# delegation, people and seats, call corrections): a seat never writes them itself.
FUNCTION_AUDIT_KINDS = re.compile(
    r"^(agent|seat|session|login|logout|password|password_change|verify|delegation"
    r"|delegation_approval|audit)(\.|$)|^call\.corrected$"
)
# Kinds of the content administrators maintain from their seat: administrators only.
ADMIN_AUDIT_KINDS = re.compile(r"^(department|knowledge|content|demo)(\.|$)")
ZERO_HASH = "0" * 64
TOKEN_KEY = "agent_console.token"
OPERATOR_KEY = "agent_console.operator"


def token_hash(token: bytes) -> bytes:
    return hashlib.sha256(token).digest()


@dataclass(frozen=True)
class Challenge:
    """What a seat needs to turn a password into a proof: the argon2id salt and cost."""

    salt: bytes
    time_cost: int
    memory_kib: int
    parallelism: int


@dataclass(frozen=True)
class NewCredential:
    salt: bytes
    time_cost: int
    memory_kib: int
    parallelism: int
    verifier: bytes  # sha256 of the argon2id output: the database never sees the proof itself


@dataclass(frozen=True)
class PasswordCheck:
    status: Literal["ok", "bad", "locked"]
    job_no: JobNumber | None = None
    name: str | None = None
    role: str | None = None
    must_change: bool = False
    locked_until: datetime | None = None
    attempts_left: int | None = None


@dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    session_id: int | None = None
    job_no: JobNumber | None = None
    name: str | None = None
    role: str | None = None
    must_change: bool = False
    started_at: datetime | None = None
    lease_until: datetime | None = None
    lease_seconds: int | None = None
    locked_until: datetime | None = None
    attempts_left: int | None = None
    other_seat: SeatCode | None = None
    other_job_no: JobNumber | None = None
    other_since: datetime | None = None
    free_at: datetime | None = None


@dataclass(frozen=True)
class BoundSession:
    """The session a transaction runs under, as the database sees it."""

    session_id: int
    job_no: JobNumber  # the number the work is done under (the owner's, under a delegation)
    delegate_job_no: JobNumber | None  # who actually works, under a delegation
    agent_job_no: JobNumber  # who is signed in
    role: str
    seat: SeatCode


class Guard(ABC):
    """One database's enforcement of the session and audit rules.

    Every method runs inside the caller's transaction and never commits.
    """

    @abstractmethod
    def bind(self, s: Session, token: bytes | None) -> None:
        """Attach the seat's session token to the transaction that ``s`` is in."""

    @abstractmethod
    def bind_operator(self, s: Session, operator: str) -> None:
        """Name who runs administration without a session (``user@host``), for the
        audit entries of the transaction that ``s`` is in."""

    @abstractmethod
    def bound(self, s: Session) -> BoundSession | None:
        """The active session bound to this transaction, or None."""

    @abstractmethod
    def challenge(self, s: Session, job_no: JobNumber) -> Challenge: ...

    @abstractmethod
    def login(
        self, s: Session, job_no: JobNumber, proof: bytes, token_hash: bytes, seat: SeatCode
    ) -> LoginResult: ...

    @abstractmethod
    def verify_password(self, s: Session, proof: bytes) -> PasswordCheck:
        """Check the bound session's own password (unlocking an idle console)."""

    @abstractmethod
    def heartbeat(self, s: Session) -> datetime:
        """Renew the bound session's lease; return the new lease end."""

    @abstractmethod
    def logout(self, s: Session) -> None: ...

    @abstractmethod
    def end_session(self, s: Session, session_id: int, reason: str) -> bool: ...

    @abstractmethod
    def set_password(self, s: Session, old_proof: bytes, new: NewCredential) -> PasswordCheck: ...

    @abstractmethod
    def audit(self, s: Session, kind: str, payload: str) -> int:
        """Append to the audit chain as the bound session (or as an admin connection).
        A session may not write the kinds of ``FUNCTION_AUDIT_KINDS``, and only an
        administrator's those of ``ADMIN_AUDIT_KINDS``."""

    @abstractmethod
    def audit_privileged(self, s: Session, kind: str, payload: str) -> int:
        """Append an entry of ``FUNCTION_AUDIT_KINDS`` as the bound session or the admin
        connection. On PostgreSQL the functions that do the thing write those entries
        themselves, and seats cannot call this; on the embedded database the service
        that does the thing calls it, having checked who may."""

    @abstractmethod
    def delegation_request(
        self, s: Session, owner_job_no: JobNumber, valid_until: datetime, reason: str
    ) -> int: ...

    @abstractmethod
    def delegation_approve(self, s: Session, delegation_id: int, proof: bytes) -> PasswordCheck:
        """The bound session's agent approves (the owner, or a supervisor), confirming
        with their own password (R1.4)."""

    @abstractmethod
    def delegation_start(self, s: Session, delegation_id: int) -> None: ...

    @abstractmethod
    def delegation_stop(self, s: Session) -> None: ...


def parse_ts(value: Any) -> datetime | None:
    """A timestamp from a JSON answer of PostgreSQL."""
    if value is None:
        return None
    return datetime.fromisoformat(value)
