"""The guard on the embedded SQLite database: the rules of db/sql/0001_security.sql in Python.

SQLite has one writer at a time and every transaction here starts with BEGIN IMMEDIATE
(see db/engine.py), so each method sees and changes the data under the write lock:
the failure counter and the one-session rule stay exact across processes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import chain_hash
from db.errors import RuleViolation
from db.guard import (
    ADMIN_AUDIT_KINDS,
    FUNCTION_AUDIT_KINDS,
    ZERO_HASH,
    BoundSession,
    Challenge,
    Guard,
    LoginResult,
    NewCredential,
    PasswordCheck,
)
from db.models import (
    Agent,
    AgentCredential,
    AgentSession,
    AuditEntry,
    Delegation,
    Seat,
    SecurityPolicy,
)
from db.unit import unit_info
from db.vocabulary import JobNumber, SeatCode, SessionEnd

MAX_DELEGATION = timedelta(hours=12)


def _payload(**values: Any) -> str:
    return json.dumps(values, default=str, ensure_ascii=False, sort_keys=True)


class SqliteGuard(Guard):
    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now

    # Session binding --------------------------------------------------------------
    def bind(self, s: Session, token: bytes | None) -> None:
        """Nothing to do: the unit of work carries the token's hash (db/unit.py)."""

    def bind_operator(self, s: Session, operator: str) -> None:
        """Nothing to do: the unit of work carries the operator (db/unit.py)."""

    def _open_session(self, s: Session) -> AgentSession | None:
        th = unit_info(s).token_hash
        if th is None:
            return None
        return s.scalars(
            select(AgentSession).where(
                AgentSession.token_hash == th, AgentSession.ended_at.is_(None)
            )
        ).one_or_none()

    def bound(self, s: Session) -> BoundSession | None:
        sess = self._open_session(s)
        if sess is None:
            return None
        role = s.scalars(select(Agent.role).where(Agent.id == sess.agent_id)).one()
        if sess.delegation_id is None:
            return BoundSession(sess.id, sess.job_no, None, sess.job_no, role, sess.seat)
        d = s.get(Delegation, sess.delegation_id)
        assert d is not None
        if not self._delegation_valid(d):
            raise RuleViolation("delegation.expired", delegation_id=d.id)
        return BoundSession(sess.id, d.owner_job_no, sess.job_no, sess.job_no, role, sess.seat)

    def _require(self, s: Session) -> BoundSession:
        b = self.bound(s)
        if b is None:
            raise RuleViolation("session.not_active")
        return b

    # Audit ------------------------------------------------------------------------
    def _append(
        self, s: Session, actor: str | None, seat: str | None, kind: str, payload: str
    ) -> int:
        last = s.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).one_or_none()
        prev = last.hash if last else ZERO_HASH
        entry_id = (last.id if last else 0) + 1
        at = self._now()
        s.add(
            AuditEntry(
                id=entry_id,
                at=at,
                actor_job_no=actor,
                seat=seat,
                kind=kind,
                payload=payload,
                prev_hash=prev,
                hash=chain_hash(prev, entry_id, at, actor, seat, kind, payload),
            )
        )
        s.flush()
        return entry_id

    def audit(self, s: Session, kind: str, payload: str) -> int:
        b = self.bound(s)
        if b is None:
            return self._append_as_admin(s, kind, payload)
        if FUNCTION_AUDIT_KINDS.match(kind) or (
            ADMIN_AUDIT_KINDS.match(kind) and b.role != "admin"
        ):
            raise RuleViolation("audit.kind_refused", kind=kind)
        return self._append(s, b.agent_job_no, b.seat, kind, payload)

    def audit_privileged(self, s: Session, kind: str, payload: str) -> int:
        b = self.bound(s)
        if b is None:
            return self._append_as_admin(s, kind, payload)
        return self._append(s, b.agent_job_no, b.seat, kind, payload)

    def _append_as_admin(self, s: Session, kind: str, payload: str) -> int:
        """Administration without a session: the program, and the operating-system user
        and host it runs as."""
        info = unit_info(s)
        if not info.admin:
            raise RuleViolation("session.not_active")
        return self._append(s, info.admin_actor, info.operator, kind, payload)

    # Passwords ----------------------------------------------------------------------
    def _policy(self, s: Session) -> SecurityPolicy:
        pol = s.get(SecurityPolicy, 1)
        assert pol is not None, "the security policy row is created by the first migration"
        return pol

    def challenge(self, s: Session, job_no: JobNumber) -> Challenge:
        cred = s.scalars(
            select(AgentCredential)
            .join(Agent, Agent.id == AgentCredential.agent_id)
            .where(Agent.job_no == job_no, Agent.active.is_(True))
        ).one_or_none()
        if cred is not None:
            return Challenge(cred.salt, cred.time_cost, cred.memory_kib, cred.parallelism)
        pol = self._policy(s)
        salt = hashlib.sha256(pol.decoy_key + job_no.encode("utf-8")).digest()[:16]
        return Challenge(salt, pol.decoy_time_cost, pol.decoy_memory_kib, pol.decoy_parallelism)

    def _check(
        self, s: Session, job_no: JobNumber, proof: bytes, seat: str | None, purpose: str
    ) -> tuple[PasswordCheck, Agent | None]:
        pol = self._policy(s)
        now = self._now()
        actor = job_no[:16]
        agent = s.scalars(
            select(Agent).where(Agent.job_no == job_no, Agent.active.is_(True))
        ).one_or_none()
        if agent is None:
            self._append(s, actor, seat, f"{purpose}.failed", _payload(reason="unknown"))
            return PasswordCheck("bad"), None
        cred = s.get(AgentCredential, agent.id)
        assert cred is not None
        if cred.locked_until is not None and cred.locked_until > now:
            self._append(s, actor, seat, f"{purpose}.refused", _payload(reason="locked"))
            return PasswordCheck("locked", locked_until=cred.locked_until), None
        if not hmac.compare_digest(hashlib.sha256(proof).digest(), cred.verifier):
            if cred.failed_count + 1 >= pol.lockout_threshold:
                cred.failed_count = 0
                cred.locked_until = now + timedelta(minutes=pol.lockout_minutes)
                self._append(
                    s, actor, seat, f"{purpose}.locked", _payload(locked_until=cred.locked_until)
                )
                return PasswordCheck("locked", locked_until=cred.locked_until), None
            cred.failed_count += 1
            self._append(s, actor, seat, f"{purpose}.failed", _payload(reason="password"))
            return (
                PasswordCheck("bad", attempts_left=pol.lockout_threshold - cred.failed_count),
                None,
            )
        cred.failed_count = 0
        cred.locked_until = None
        return (
            PasswordCheck("ok", agent.job_no, agent.name, agent.role, agent.must_change_password),
            agent,
        )

    def _seat_refusal(self, s: Session, seat: str) -> str | None:
        """The register of seats: registered and in service (no database roles here)."""
        register = s.get(Seat, seat)
        if register is None:
            return "seat_unknown"
        return None if register.active else "seat_out_of_service"

    def login(
        self, s: Session, job_no: JobNumber, proof: bytes, token_hash: bytes, seat: SeatCode
    ) -> LoginResult:
        refusal = self._seat_refusal(s, seat)
        if refusal is not None:
            self._append(s, job_no[:16], seat[:64], "login.refused", _payload(reason=refusal))
            return LoginResult(refusal)  # type: ignore[arg-type]
        check, agent = self._check(s, job_no, proof, seat, "login")
        if agent is None:
            return LoginResult(
                check.status, locked_until=check.locked_until, attempts_left=check.attempts_left
            )
        pol = self._policy(s)
        now = self._now()
        mine = s.scalars(
            select(AgentSession).where(
                AgentSession.job_no == job_no,
                AgentSession.ended_at.is_(None),
                AgentSession.token_hash == token_hash,
                AgentSession.seat == seat,
            )
        ).one_or_none()
        if mine is not None:  # this very login, repeated because its reply was lost
            return LoginResult(
                "ok",
                mine.id,
                agent.job_no,
                agent.name,
                agent.role,
                agent.must_change_password,
                mine.started_at,
                mine.lease_until,
                pol.lease_seconds,
            )
        for column, refusal in ((AgentSession.job_no, "busy"), (AgentSession.seat, "seat_busy")):
            key = job_no if refusal == "busy" else seat
            other = s.scalars(
                select(AgentSession).where(column == key, AgentSession.ended_at.is_(None))
            ).one_or_none()
            if other is None:
                continue
            if other.lease_until > now:
                self._append(
                    s,
                    job_no,
                    seat,
                    "login.refused",
                    _payload(reason=refusal, other_seat=other.seat, other_job_no=other.job_no),
                )
                return LoginResult(
                    refusal,  # type: ignore[arg-type]
                    other_seat=other.seat,
                    other_job_no=other.job_no,
                    other_since=other.started_at,
                    free_at=other.lease_until,
                )
            other.ended_at = now
            other.end_reason = SessionEnd.TAKEN_OVER.value
            other.ended_by_job_no = job_no
            s.flush()
            self._append(
                s,
                job_no,
                seat,
                "session.taken_over",
                _payload(
                    session_id=other.id,
                    job_no=other.job_no,
                    seat=other.seat,
                    lease_until=other.lease_until,
                ),
            )
        lease = now + timedelta(seconds=pol.lease_seconds)
        sess = AgentSession(
            agent_id=agent.id,
            job_no=job_no,
            seat=seat,
            token_hash=token_hash,
            started_at=now,
            lease_until=lease,
        )
        s.add(sess)
        s.flush()
        self._append(s, job_no, seat, "login.ok", _payload(session_id=sess.id))
        return LoginResult(
            "ok",
            sess.id,
            agent.job_no,
            agent.name,
            agent.role,
            agent.must_change_password,
            now,
            lease,
            pol.lease_seconds,
        )

    def verify_password(self, s: Session, proof: bytes) -> PasswordCheck:
        b = self._require(s)
        return self._check(s, b.agent_job_no, proof, b.seat, "verify")[0]

    def set_password(self, s: Session, old_proof: bytes, new: NewCredential) -> PasswordCheck:
        b = self._require(s)
        if new.memory_kib < 19456 or new.time_cost < 2 or len(new.salt) < 16:
            raise RuleViolation("password.weak_parameters")
        check, agent = self._check(s, b.agent_job_no, old_proof, b.seat, "password_change")
        if agent is None:
            return check
        cred = s.get(AgentCredential, agent.id)
        assert cred is not None
        cred.store(new, self._now())
        agent.must_change_password = False
        self._append(s, b.agent_job_no, b.seat, "password.changed", "{}")
        return PasswordCheck("ok")

    # Sessions -----------------------------------------------------------------------
    def heartbeat(self, s: Session) -> datetime:
        sess = self._open_session(s)
        if sess is None:
            raise RuleViolation("session.not_active")
        sess.lease_until = self._now() + timedelta(seconds=self._policy(s).lease_seconds)
        return sess.lease_until

    def logout(self, s: Session) -> None:
        sess = self._open_session(s)
        if sess is None:
            return
        sess.ended_at, sess.ended_by_job_no = self._now(), sess.job_no
        sess.end_reason = SessionEnd.LOGOUT.value
        self._append(s, sess.job_no, sess.seat, "logout", _payload(session_id=sess.id))

    def end_session(self, s: Session, session_id: int, reason: str) -> bool:
        b = self._require(s)
        if b.role not in ("supervisor", "admin"):
            raise RuleViolation("role.denied")
        target = s.get(AgentSession, session_id)
        if target is None or target.ended_at is not None:
            return False
        ended = SessionEnd.BY_ADMIN if b.role == "admin" else SessionEnd.BY_SUPERVISOR
        target.ended_at, target.end_reason = self._now(), ended.value
        target.ended_by_job_no = b.agent_job_no
        self._append(
            s,
            b.agent_job_no,
            b.seat,
            "session.ended",
            _payload(session_id=session_id, job_no=target.job_no, seat=target.seat, reason=reason),
        )
        return True

    # Delegation ---------------------------------------------------------------------
    def _delegation_valid(self, d: Delegation) -> bool:
        return (
            d.revoked_at is None
            and d.valid_until > self._now()
            and d.supervisor_approved_at is not None
            and d.owner_approved_at is not None
        )

    def delegation_request(
        self, s: Session, owner_job_no: JobNumber, valid_until: datetime, reason: str
    ) -> int:
        b = self._require(s)
        owner = s.scalars(
            select(Agent).where(Agent.job_no == owner_job_no, Agent.active.is_(True))
        ).one_or_none()
        if owner is None or owner_job_no == b.agent_job_no:
            raise RuleViolation("delegation.unknown_owner")
        now = self._now()
        if not now < valid_until <= now + MAX_DELEGATION:
            raise RuleViolation("delegation.too_long")
        d = Delegation(
            owner_job_no=owner_job_no,
            delegate_job_no=b.agent_job_no,
            reason=reason,
            requested_at=now,
            valid_until=valid_until,
        )
        s.add(d)
        s.flush()
        self._append(
            s,
            b.agent_job_no,
            b.seat,
            "delegation.requested",
            _payload(delegation_id=d.id, owner=owner_job_no, valid_until=valid_until),
        )
        return d.id

    def delegation_approve(self, s: Session, delegation_id: int, proof: bytes) -> PasswordCheck:
        b = self._require(s)
        approver = b.agent_job_no
        d = s.get(Delegation, delegation_id)
        if d is None or d.revoked_at is not None or d.valid_until <= self._now():
            raise RuleViolation("delegation.not_open")
        if approver == d.delegate_job_no or (
            approver != d.owner_job_no and b.role not in ("supervisor", "admin")
        ):
            raise RuleViolation("role.denied")
        check, agent = self._check(s, approver, proof, b.seat, "delegation_approval")
        if agent is None:
            return check
        if approver == d.owner_job_no:
            d.owner_approved_at = self._now()
        else:
            d.supervisor_approved_at, d.supervisor_job_no = self._now(), approver
        self._append(s, approver, b.seat, "delegation.approved", _payload(delegation_id=d.id))
        return check

    def delegation_start(self, s: Session, delegation_id: int) -> None:
        b = self._require(s)
        d = s.get(Delegation, delegation_id)
        if d is None or d.delegate_job_no != b.agent_job_no or not self._delegation_valid(d):
            raise RuleViolation("delegation.not_open")
        sess = s.get(AgentSession, b.session_id)
        assert sess is not None
        sess.delegation_id = delegation_id
        self._append(
            s,
            b.agent_job_no,
            b.seat,
            "delegation.started",
            _payload(delegation_id=d.id, owner=d.owner_job_no),
        )

    def delegation_stop(self, s: Session) -> None:
        sess = self._open_session(s)
        if sess is None:
            raise RuleViolation("session.not_active")
        if sess.delegation_id is not None:
            self._append(
                s,
                sess.job_no,
                sess.seat,
                "delegation.stopped",
                _payload(delegation_id=sess.delegation_id),
            )
            sess.delegation_id = None
