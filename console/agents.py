"""People and their job numbers (工号): add, reset password, unlock, list.

Run from the command line by an administrator of the database (no session), or later
from the console by an agent with the admin role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit, passwords
from console.auth import check_job_no
from console.errors import UserFacingError
from console.identity import AgentContext, Role, require_role
from db.models import Agent, AgentCredential, AgentSession


@dataclass(frozen=True)
class AgentInfo:
    job_no: str
    name: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    online_seat: str | None
    online_since: datetime | None


def _authorize(s: Session, actor: AgentContext | None) -> None:
    if actor is not None:
        require_role(actor, Role.ADMIN)
    elif not s.info.get("admin"):
        raise UserFacingError("role.denied", needed=Role.ADMIN.value)


def _agent(s: Session, job_no: str) -> Agent:
    agent = s.scalars(select(Agent).where(Agent.job_no == job_no)).one_or_none()
    if agent is None:
        raise UserFacingError("agent.unknown", job_no=job_no)
    return agent


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
    _authorize(s, actor)
    job_no = check_job_no(job_no)
    name = name.strip()
    if not name or len(name) > 64:
        raise UserFacingError("agent.name_invalid")
    if s.scalars(select(Agent.id).where(Agent.job_no == job_no)).first() is not None:
        raise UserFacingError("agent.exists", job_no=job_no)
    cred = passwords.new_credential(temporary_password)
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
    audit.record(s, "agent.added", job_no=job_no, name=name, role=role.value)


def reset_password(
    s: Session, actor: AgentContext | None, job_no: str, temporary_password: str, now: datetime
) -> None:
    """A temporary password; the agent must change it at the next login."""
    _authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    cred = passwords.new_credential(temporary_password)
    row = s.get(AgentCredential, agent.id)
    assert row is not None
    row.store(cred, now)
    agent.must_change_password = True
    audit.record(s, "agent.password_reset", job_no=agent.job_no)


def unlock(s: Session, actor: AgentContext | None, job_no: str) -> None:
    _authorize(s, actor)
    agent = _agent(s, check_job_no(job_no))
    row = s.get(AgentCredential, agent.id)
    assert row is not None
    row.failed_count, row.locked_until = 0, None
    audit.record(s, "agent.unlocked", job_no=agent.job_no)


def list_agents(s: Session, now: datetime) -> list[AgentInfo]:
    rows = s.execute(
        select(Agent, AgentCredential.locked_until, AgentSession.seat, AgentSession.started_at)
        .join(AgentCredential, AgentCredential.agent_id == Agent.id)
        .outerjoin(
            AgentSession, (AgentSession.agent_id == Agent.id) & AgentSession.ended_at.is_(None)
        )
        .order_by(Agent.job_no)
    ).all()
    return [
        AgentInfo(
            a.job_no,
            a.name,
            Role(a.role),
            a.active,
            a.must_change_password,
            locked if locked and locked > now else None,
            seat,
            since,
        )
        for a, locked, seat, since in rows
    ]
