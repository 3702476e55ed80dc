"""Login, heartbeat, unlock and password change (R1.1, R1.2, R1.5)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.core.checks import check_job_no, check_seat_code
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role, role_name
from console.core.unit import db_now, guard
from console.core.vocabulary import JobNumber, SeatCode, SessionEnd
from console.people import passwords
from db.guard import Challenge, LoginResult, PasswordCheck, token_hash
from db.models import Agent, AgentSession


@dataclass(frozen=True)
class LoginAttempt:
    """What a login did. Failures are results, not exceptions: the failure counter and
    the audit row must be committed even when the login is refused."""

    result: LoginResult
    context: AgentContext | None
    seat: SeatCode | None = None  # where the login was tried

    def context_or_raise(self, seat: str = "") -> AgentContext:
        r = self.result
        if self.context is not None:
            return self.context
        if r.status in ("seat_unknown", "seat_out_of_service", "seat_not_allowed"):
            raise UserFacingError(f"login.{r.status}", seat=seat)
        if r.status == "locked":
            raise UserFacingError("login.locked", until=r.locked_until)
        if r.status == "busy" and r.other_seat == self.seat:
            # This job number's own session at this very seat: the console was killed
            # (or the PC lost power) and its lease runs out at free_at.
            raise UserFacingError("login.own_session", free_at=r.free_at)
        if r.status == "busy":
            raise UserFacingError(
                "login.busy", seat=r.other_seat, since=r.other_since, free_at=r.free_at
            )
        if r.status == "seat_busy":
            raise UserFacingError(
                "login.seat_busy", job_no=r.other_job_no, since=r.other_since, free_at=r.free_at
            )
        raise UserFacingError("login.bad", attempts_left=r.attempts_left)


def challenge(s: Session, job_no: str) -> Challenge:
    """What the seat needs to turn a password into a proof (a decoy for unknown numbers)."""
    return guard(s).challenge(s, check_job_no(job_no))


def new_token() -> bytes:
    """A session's secret (SECURITY.md: at least 128 bits); the database sees its hash."""
    return secrets.token_bytes(32)


def login(s: Session, job_no: str, proof: bytes, seat: str, token: bytes) -> LoginAttempt:
    """Sign in at ``seat`` with a proof made from ``challenge`` and a ``new_token()``.

    Only at a registered seat in service (and, on PostgreSQL, from a database role the
    register allows there). An unknown job number and a wrong password look the same.
    The proof is computed outside the transaction (see ``Runtime.login``): the slow hash
    must not hold locks. Repeating a login with the same token (its reply was lost)
    returns the session it made.
    """
    job_no = check_job_no(job_no)
    seat = check_seat_code(seat)
    r = guard(s).login(s, job_no, proof, token_hash(token), seat)
    if r.status != "ok":
        return LoginAttempt(r, None, seat)
    db_now(s)  # this seat's reading of the database clock (calls are stamped with it)
    assert r.session_id and r.job_no and r.name and r.role and r.started_at and r.lease_seconds
    ctx = AgentContext(
        session_id=r.session_id,
        token=token,
        job_no=r.job_no,
        name=r.name,
        role=Role(r.role),
        seat=seat,
        started_at=r.started_at,
        lease_seconds=r.lease_seconds,
        must_change_password=r.must_change,
    )
    return LoginAttempt(r, ctx, seat)


def heartbeat(s: Session, ctx: AgentContext) -> datetime:
    """Renew the lease (database clock). Raises if this session was superseded."""
    lease = guard(s).heartbeat(s)
    db_now(s)  # keeps this seat's reading of the database clock fresh
    return lease


# What a console whose session ended tells the agent, by the stored reason; any other
# reason (or none known) gets the plain ``session.not_active``.
ENDED_MESSAGES = {
    SessionEnd.TAKEN_OVER: "session.ended.taken_over",
    SessionEnd.BY_SUPERVISOR: "session.ended.by_supervisor",
    SessionEnd.BY_ADMIN: "session.ended.by_admin",
    SessionEnd.ROLE_CHANGED: "session.ended.role_changed",
    SessionEnd.AGENT_DISABLED: "session.ended.agent_disabled",
}
# Every message that means "this console's session is over": the console treats them alike.
SESSION_ENDED = frozenset({"session.not_active", *ENDED_MESSAGES.values()})


def why_ended(s: Session, ctx: AgentContext) -> UserFacingError:
    """What ended ``ctx``'s session, as the database recorded it: who, and — for a
    takeover — the seat now signed in, or for a new role the role the agent now has."""
    row = s.execute(
        select(AgentSession.end_reason, AgentSession.ended_by_job_no, Agent.role, Agent.id)
        .join(Agent, Agent.id == AgentSession.agent_id)
        .where(AgentSession.id == ctx.session_id, AgentSession.ended_at.is_not(None))
    ).first()
    if row is None or row.end_reason not in ENDED_MESSAGES:
        return UserFacingError("session.not_active")
    reason = SessionEnd(row.end_reason)
    params: dict[str, object] = {"by": row.ended_by_job_no}
    if reason is SessionEnd.TAKEN_OVER:
        params["seat"] = s.scalar(
            select(AgentSession.seat)
            .where(AgentSession.agent_id == row.id, AgentSession.ended_at.is_(None))
            .order_by(AgentSession.started_at.desc())
            .limit(1)
        )
    elif reason is SessionEnd.ROLE_CHANGED:
        params["role"] = role_name(Role(row.role))
    return UserFacingError(ENDED_MESSAGES[reason], **params)


def logout(s: Session, ctx: AgentContext) -> None:
    guard(s).logout(s)


def verify_password(s: Session, ctx: AgentContext, password: str) -> PasswordCheck:
    """Unlock an idle console (R1.5): the signed-in agent's own password, and nobody
    else's (the database checks it for the bound session only). Failures count towards
    the lockout like login failures."""
    g = guard(s)
    return g.verify_password(s, passwords.proof(password, g.challenge(s, ctx.job_no)))


def change_password(s: Session, ctx: AgentContext, old: str, new: str) -> PasswordCheck:
    if passwords.normalize(old) == passwords.normalize(new):
        raise UserFacingError("password.same_as_old")
    cred = passwords.new_credential(new)
    g = guard(s)
    old_proof = passwords.proof(old, g.challenge(s, ctx.job_no))
    return g.set_password(s, old_proof, cred)


def end_session(s: Session, ctx: AgentContext, session_id: int, reason: str) -> bool:
    """A supervisor ends someone's session (R1.2). The database checks the role too."""
    require_role(ctx, Role.SUPERVISOR)
    if not reason.strip():
        raise UserFacingError("reason.required")
    return guard(s).end_session(s, session_id, reason.strip())


@dataclass(frozen=True)
class OpenSession:
    session_id: int
    job_no: JobNumber
    name: str
    seat: SeatCode
    started_at: datetime
    lease_until: datetime


def open_sessions(s: Session, ctx: AgentContext) -> list[OpenSession]:
    """Who is signed in where, for a supervisor who may end a session (not one's own)."""
    require_role(ctx, Role.SUPERVISOR)
    rows = s.execute(
        select(AgentSession, Agent.name)
        .join(Agent, Agent.id == AgentSession.agent_id)
        .where(AgentSession.ended_at.is_(None), AgentSession.id != ctx.session_id)
        .order_by(AgentSession.job_no)
    ).all()
    return [
        OpenSession(a.id, a.job_no, name, a.seat, a.started_at, a.lease_until) for a, name in rows
    ]


def raise_for_check(check: PasswordCheck) -> None:
    if check.status == "locked":
        raise UserFacingError("login.locked", until=check.locked_until)
    if check.status == "bad":
        raise UserFacingError("password.wrong", attempts_left=check.attempts_left)
