"""Who is acting: the signed-in agent's context, passed to every service."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from console.core.errors import UserFacingError


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


@dataclass(frozen=True)
class AgentContext:
    """A live session. ``token`` is the seat's secret; the database knows only its hash.

    ``acting_job_no`` is the number records are stamped with: the agent's own, or the
    owner's while a delegation is in force (R1.4).
    """

    session_id: int
    token: bytes
    job_no: str
    name: str
    role: Role
    seat: str
    started_at: datetime
    lease_seconds: int
    must_change_password: bool = False
    acting_job_no: str | None = None
    delegation_id: int | None = None

    @property
    def stamped_job_no(self) -> str:
        return self.acting_job_no or self.job_no

    def with_delegation(self, delegation_id: int | None, owner: str | None) -> AgentContext:
        return replace(self, delegation_id=delegation_id, acting_job_no=owner)

    def is_at_least(self, role: Role) -> bool:
        order = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN)
        return order.index(self.role) >= order.index(role)

    def __repr__(self) -> str:  # never print the token
        return f"AgentContext(job_no={self.job_no!r}, role={self.role.value}, seat={self.seat!r})"


def require_role(ctx: AgentContext, role: Role) -> None:
    """R8.2: roles are enforced here, in the service layer, not by hiding buttons."""
    if not ctx.is_at_least(role):
        raise UserFacingError("role.denied", needed=role.value)
