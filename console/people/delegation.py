"""Working under another's job number (R1.4).

Only with a supervisor's approval and the owner's, each typing their own password, and
only until a set time. While it is in force, records carry both numbers: the owner's
(``job_no``) and the person who actually did the work (``delegate_job_no``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import guard
from console.people import passwords
from console.people.auth import check_job_no
from db.guard import PasswordCheck


def request(
    s: Session, ctx: AgentContext, owner_job_no: str, valid_until: datetime, reason: str
) -> int:
    if not reason.strip():
        raise UserFacingError("reason.required")
    return guard(s).delegation_request(s, check_job_no(owner_job_no), valid_until, reason.strip())


def approve(
    s: Session, ctx: AgentContext, delegation_id: int, approver_job_no: str, password: str
) -> PasswordCheck:
    """The supervisor or the owner approves at this seat with their own password."""
    g = guard(s)
    approver_job_no = check_job_no(approver_job_no)
    proof = passwords.proof(password, g.challenge(s, approver_job_no))
    return g.delegation_approve(s, delegation_id, approver_job_no, proof)


def start(s: Session, ctx: AgentContext, delegation_id: int) -> AgentContext:
    g = guard(s)
    g.delegation_start(s, delegation_id)
    bound = g.bound(s)
    assert bound is not None
    return ctx.with_delegation(delegation_id, bound.job_no)


def stop(s: Session, ctx: AgentContext) -> AgentContext:
    guard(s).delegation_stop(s)
    return ctx.with_delegation(None, None)
