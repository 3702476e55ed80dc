"""Working under another's job number (R1.4).

Only with a supervisor's approval and the owner's, each given from their own signed-in
session and confirmed with their own password (nobody types a password at another's
session), and only until a set time. While it is in force, records carry both numbers: the owner's
(``job_no``) and the person who actually did the work (``delegate_job_no``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from console.core.checks import check_job_no
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import guard
from console.people import passwords
from db.guard import PasswordCheck


def request(
    s: Session, ctx: AgentContext, owner_job_no: str, valid_until: datetime, reason: str
) -> int:
    if not reason.strip():
        raise UserFacingError("reason.required")
    return guard(s).delegation_request(s, check_job_no(owner_job_no), valid_until, reason.strip())


def approve(s: Session, ctx: AgentContext, delegation_id: int, password: str) -> PasswordCheck:
    """The signed-in agent approves: the owner of the number, or a supervisor; confirmed
    with their own password. A wrong one counts towards their lockout: the caller
    commits, then raises (``auth.raise_for_check``)."""
    g = guard(s)
    proof = passwords.proof(password, g.challenge(s, ctx.job_no))
    return g.delegation_approve(s, delegation_id, proof)


def start(s: Session, ctx: AgentContext, delegation_id: int) -> AgentContext:
    g = guard(s)
    g.delegation_start(s, delegation_id)
    bound = g.bound(s)
    assert bound is not None
    return ctx.with_delegation(delegation_id, bound.job_no)


def stop(s: Session, ctx: AgentContext) -> AgentContext:
    guard(s).delegation_stop(s)
    return ctx.with_delegation(None, None)
