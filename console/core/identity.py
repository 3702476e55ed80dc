"""Who is acting: the signed-in agent's context, passed to every service."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from console.core.errors import UserFacingError
from console.core.vocabulary import JobNumber, Role, SeatCode

__all__ = ["AgentContext", "Role", "require_role"]  # Role: console.core.vocabulary's


@dataclass(frozen=True)
class AgentContext:
    """A live session. ``token`` is the seat's secret; the database knows only its hash.

    ``acting_job_no`` is the number records are stamped with: the agent's own, or the
    owner's while a delegation is in force (R1.4).
    """

    session_id: int
    token: bytes
    job_no: JobNumber
    name: str
    role: Role
    seat: SeatCode
    started_at: datetime
    lease_seconds: int
    must_change_password: bool = False
    acting_job_no: JobNumber | None = None
    delegation_id: int | None = None

    @property
    def stamped_job_no(self) -> JobNumber:
        return self.acting_job_no or self.job_no

    def with_delegation(self, delegation_id: int | None, owner: JobNumber | None) -> AgentContext:
        return replace(self, delegation_id=delegation_id, acting_job_no=owner)

    def is_at_least(self, role: Role) -> bool:
        order = list(Role)  # lowest first
        return order.index(self.role) >= order.index(role)

    def __repr__(self) -> str:  # never print the token
        return f"AgentContext(job_no={self.job_no!r}, role={self.role.value}, seat={self.seat!r})"


def require_role(ctx: AgentContext, role: Role) -> None:
    """R8.2: roles are enforced here, in the service layer, not by hiding buttons."""
    if not ctx.is_at_least(role):
        raise UserFacingError("role.denied", needed=role_name(role))


def role_name(role: Role) -> UserFacingError:
    """The role as a part of a sentence, in the reader's language (``role.agent``…)."""
    return UserFacingError(f"role.{role.value}")
