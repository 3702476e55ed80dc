"""People and their job numbers (工号): add, edit (name, role), disable and re-enable,
reset a password, unlock, end a session; and the list an administrator works from.

Run from the command line by an administrator of the database (``actor`` None, in a
unit opened with ``admin=``), or from the console by a signed-in administrator (R8.2:
checked here, not by hiding buttons). The rules hold on both databases:

* nobody disables or demotes themselves, and one active administrator always remains;
* disabling or demoting an agent ends their open session: their console signs out at
  the next heartbeat, and a demoted agent keeps no rights their new role lacks;
* a temporary password follows the password policy (``console.people.passwords``) and must be
  changed at the next login;
* every change is audited with who made it.

On PostgreSQL the seats' role may not write agents or credentials at all: each change
is one call of a security-definer function (db/sql/0012_agent_admin.sql) that checks
the same rules again against the bound session and writes the audit rows itself, so a
client that skips this code changes nothing unchecked. On SQLite, the code below is the
enforcement (and a trigger keeps the last administrator).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console.core import audit
from console.core.checks import check_job_no, check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role, role_name
from console.core.unit import admin_actor, admin_name, db_now, guard
from console.core.vocabulary import JobNumber, SessionEnd
from console.people import auth, passwords
from db.guard import NewCredential
from db.models import Agent, AgentCredential, AgentSession

MAX_NAME = 64
MAX_REASON = 500
_RANK = {Role.AGENT: 1, Role.SUPERVISOR: 2, Role.ADMIN: 3}


@dataclass(frozen=True)
class AgentInfo:
    job_no: JobNumber
    name: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    online_seat: str | None
    online_since: datetime | None
    online_session_id: int | None = None


def on_postgres(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def authorize(s: Session, actor: AgentContext | None) -> JobNumber:
    """Who administers: the acting administrator's job number, or ``admin:<name>`` for
    the command line. The role is the database's current word, not the one remembered
    at login: an administrator demoted meanwhile is refused."""
    if actor is None:
        if admin_name(s) is None:
            raise UserFacingError("role.denied", needed=role_name(Role.ADMIN))
        return JobNumber(admin_actor(s))
    require_role(actor, Role.ADMIN)
    bound = guard(s).bound(s)
    if bound is None:
        raise UserFacingError("session.not_active")
    if bound.role != Role.ADMIN.value:
        raise UserFacingError("role.denied", needed=role_name(Role.ADMIN))
    return bound.agent_job_no


def check_reason(reason: str, *, required: bool) -> str:
    reason = check_text("reason", reason, MAX_REASON).strip()
    if required and not reason:
        raise UserFacingError("reason.required")
    return reason


def _name(name: str) -> str:
    if not isinstance(name, str):
        raise UserFacingError("agent.name_invalid")
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME or any(unicodedata.category(c) == "Cc" for c in name):
        raise UserFacingError("agent.name_invalid")
    return name


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise UserFacingError("input.invalid_choice", field="role", value=str(role)[:16]) from None


def _agent(s: Session, job_no: JobNumber) -> Agent:
    agent = s.scalars(select(Agent).where(Agent.job_no == job_no)).one_or_none()
    if agent is None:
        raise UserFacingError("agent.unknown", job_no=job_no)
    return agent


def _keep_an_admin(s: Session, agent: Agent) -> None:
    """``agent`` stops being an active administrator: another one must remain."""
    if agent.role != Role.ADMIN.value or not agent.active:
        return
    others = s.scalar(
        select(func.count())
        .select_from(Agent)
        .where(Agent.role == Role.ADMIN.value, Agent.active.is_(True), Agent.id != agent.id)
    )
    if not others:
        raise UserFacingError("agent.last_admin")


def _credential_params(cred: NewCredential) -> dict[str, Any]:
    return {
        "salt": cred.salt,
        "t": cred.time_cost,
        "m": cred.memory_kib,
        "p": cred.parallelism,
        "v": cred.verifier,
    }


def _call(s: Session, sql: str, **params: Any) -> Any:
    """One of the security-definer functions of db/sql/0012_agent_admin.sql."""
    return s.execute(text(sql), params).scalar()


def _end_sessions(s: Session, agent: Agent, reason: str, by: JobNumber) -> None:
    """SQLite: end ``agent``'s open session (PostgreSQL's functions do it themselves)."""
    now = db_now(s)
    for sess in s.scalars(
        select(AgentSession).where(
            AgentSession.agent_id == agent.id, AgentSession.ended_at.is_(None)
        )
    ).all():
        sess.ended_at, sess.end_reason, sess.ended_by_job_no = now, reason, by
        s.flush()
        audit.record_privileged(
            s,
            "session.ended",
            session_id=sess.id,
            job_no=sess.job_no,
            seat=sess.seat,
            reason=reason,
        )


def add_agent(
    s: Session,
    actor: AgentContext | None,
    job_no: str,
    name: str,
    role: Role,
    temporary_password: str,
    now: datetime,
) -> None:
    """A new job number with a temporary password, to be changed at first login."""
    authorize(s, actor)
    job_no = check_job_no(job_no)
    name = _name(name)
    role = _role(role)
    if s.scalars(select(Agent.id).where(Agent.job_no == job_no)).first() is not None:
        raise UserFacingError("agent.exists", job_no=job_no)
    cred = passwords.new_credential(temporary_password)
    if on_postgres(s):
        _call(
            s,
            "SELECT ac_admin_add_agent(:j, :n, :r, :salt, :t, :m, :p, :v)",
            j=job_no,
            n=name,
            r=role.value,
            **_credential_params(cred),
        )
        return
    agent = Agent(
        job_no=job_no,
        name=name,
        role=role.value,
        active=True,
        must_change_password=True,
        created_at=now,
    )
    s.add(agent)
    s.flush()
    credential = AgentCredential(agent_id=agent.id)
    credential.store(cred, now)
    s.add(credential)
    audit.record_privileged(s, "agent.added", job_no=job_no, name=name, role=role.value)


def edit_agent(
    s: Session,
    actor: AgentContext | None,
    job_no: JobNumber,
    name: str | None = None,
    role: Role | None = None,
) -> bool:
    """Change the name and the role (None: as it is); whether anything changed. A
    demoted agent's open session ends (their console signs in again under the new role)."""
    by = authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    previous_name, previous_role = agent.name, Role(agent.role)
    name = previous_name if name is None else _name(name)
    role = previous_role if role is None else _role(role)
    if agent.job_no == by and role is not previous_role:
        raise UserFacingError("agent.self_change")
    if name == previous_name and role is previous_role:
        return False
    if role is not Role.ADMIN:
        _keep_an_admin(s, agent)
    if on_postgres(s):
        changed = bool(
            _call(s, "SELECT ac_admin_edit_agent(:j, :n, :r)", j=agent.job_no, n=name, r=role.value)
        )
        s.expire(agent)
        return changed
    agent.name, agent.role = name, role.value
    s.flush()
    audit.record_privileged(
        s,
        "agent.edited",
        job_no=agent.job_no,
        name=name,
        role=role.value,
        previous_name=previous_name,
        previous_role=previous_role.value,
    )
    if _RANK[role] < _RANK[previous_role]:
        _end_sessions(s, agent, SessionEnd.ROLE_CHANGED, by)
    return True


def _set_active(
    s: Session, actor: AgentContext | None, job_no: JobNumber, active: bool, reason: str
) -> bool:
    by = authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    reason = check_reason(reason, required=not active)
    if agent.job_no == by and not active:
        raise UserFacingError("agent.self_change")
    if agent.active == active:
        return False
    if not active:
        _keep_an_admin(s, agent)
    if on_postgres(s):
        changed = bool(
            _call(
                s,
                "SELECT ac_admin_set_agent_active(:j, :a, :r)",
                j=agent.job_no,
                a=active,
                r=reason,
            )
        )
        s.expire(agent)
        return changed
    agent.active = active
    s.flush()
    audit.record_privileged(
        s, "agent.enabled" if active else "agent.disabled", job_no=agent.job_no, reason=reason
    )
    if not active:
        _end_sessions(s, agent, SessionEnd.AGENT_DISABLED, by)
    return True


def disable_agent(s: Session, actor: AgentContext | None, job_no: JobNumber, reason: str) -> bool:
    """The job number can no longer sign in; its open session ends now. The records it
    made stay as they are. Whether anything changed (an agent already disabled: no)."""
    return _set_active(s, actor, job_no, False, reason)


def enable_agent(
    s: Session, actor: AgentContext | None, job_no: JobNumber, reason: str = ""
) -> bool:
    """The job number can sign in again (with its password as it was)."""
    return _set_active(s, actor, job_no, True, reason)


def reset_password(
    s: Session,
    actor: AgentContext | None,
    job_no: JobNumber,
    temporary_password: str,
    now: datetime,
) -> None:
    """A temporary password; the agent must change it at the next login. A reset starts
    with a clean slate: no failures counted, no lock."""
    authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    cred = passwords.new_credential(temporary_password)
    if on_postgres(s):
        _call(
            s,
            "SELECT ac_admin_reset_password(:j, :salt, :t, :m, :p, :v)",
            j=agent.job_no,
            **_credential_params(cred),
        )
        s.expire(agent)
        return
    row = s.get(AgentCredential, agent.id)
    assert row is not None
    row.store(cred, now)
    agent.must_change_password = True
    audit.record_privileged(s, "agent.password_reset", job_no=agent.job_no)


def unlock(s: Session, actor: AgentContext | None, job_no: JobNumber) -> None:
    """Lift the lock that repeated wrong passwords set (R1.5), before it runs out."""
    authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    if on_postgres(s):
        _call(s, "SELECT ac_admin_unlock(:j)", j=agent.job_no)
        return
    row = s.get(AgentCredential, agent.id)
    assert row is not None
    row.failed_count, row.locked_until = 0, None
    audit.record_privileged(s, "agent.unlocked", job_no=agent.job_no)


def end_agent_session(s: Session, actor: AgentContext, job_no: JobNumber, reason: str) -> bool:
    """End the open session of ``job_no`` (R1.2), with a reason; whether there was one.
    One's own session is ended by signing out."""
    by = authorize(s, actor)
    job_no = check_job_no(job_no)
    if job_no == by:
        raise UserFacingError("agent.own_session")
    reason = check_reason(reason, required=True)
    session_id = s.scalar(
        select(AgentSession.id).where(
            AgentSession.job_no == job_no, AgentSession.ended_at.is_(None)
        )
    )
    if session_id is None:
        return False
    return auth.end_session(s, actor, session_id, reason)


def list_agents(s: Session, actor: AgentContext | None, now: datetime) -> list[AgentInfo]:
    """Every job number, with whether it is locked and where it is signed in."""
    authorize(s, actor)
    rows = s.execute(
        select(Agent, AgentSession.seat, AgentSession.started_at, AgentSession.id)
        .outerjoin(
            AgentSession, (AgentSession.agent_id == Agent.id) & AgentSession.ended_at.is_(None)
        )
        .order_by(Agent.job_no)
    ).all()
    if on_postgres(s):  # seats cannot read credentials: the locks come from a function
        locks = dict(s.execute(text("SELECT job_no, locked_until FROM ac_admin_locks()")).all())
    else:
        locks = dict(
            s.execute(
                select(Agent.job_no, AgentCredential.locked_until).join(
                    AgentCredential, AgentCredential.agent_id == Agent.id
                )
            ).all()
        )
    result = []
    for a, seat, since, session_id in rows:
        locked = locks.get(a.job_no)
        result.append(
            AgentInfo(
                a.job_no,
                a.name,
                Role(a.role),
                a.active,
                a.must_change_password,
                locked if locked and locked > now else None,
                seat,
                since,
                session_id,
            )
        )
    return result
