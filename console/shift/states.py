"""Agent states (R1.6): 就绪 ready, 未就绪 not ready, 通话中 on call, 话后处理 wrap-up,
小休 break, 签出 signed out. Every change is a stamped business record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.content import content
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import db_now
from console.core.vocabulary import SCREEN_LOCKED, AgentState
from db.models import AgentStateEvent

__all__ = ["AgentState", "current_state", "set_state"]  # AgentState: the vocabulary's


def set_state(
    s: Session, ctx: AgentContext, state: AgentState, reason: str | None = None
) -> AgentState:
    """Record a state change. The job number comes from the session, not from here.
    未就绪 needs one of the reason codes of resources/shift/shift.yaml (R1.6), or
    ``SCREEN_LOCKED`` (the console's screen is locked); the other states carry none. The
    state already in force is not recorded again, so a change repeated after a lost
    reply counts once."""
    state = AgentState(state)
    if state is AgentState.NOT_READY:
        codes = [r.code for r in content.of(s).get(content.SHIFT).not_ready_reasons]
        codes.append(SCREEN_LOCKED)
        if reason is None:
            raise UserFacingError("state.reason_required")
        if reason not in codes:
            raise UserFacingError("input.invalid_choice", field="reason", value=str(reason)[:32])
    else:
        reason = None
    last = s.execute(
        select(AgentStateEvent.state, AgentStateEvent.reason)
        .where(AgentStateEvent.session_id == ctx.session_id)
        .order_by(AgentStateEvent.id.desc())
        .limit(1)
    ).first()
    if last is not None and tuple(last) == (state.value, reason):
        return state  # no change (or the same change repeated after a lost reply)
    s.add(AgentStateEvent(state=state.value, reason=reason, at=db_now(s)))
    s.flush()
    return state


def current_state(s: Session, ctx: AgentContext) -> AgentState:
    state = s.scalars(
        select(AgentStateEvent.state)
        .where(AgentStateEvent.session_id == ctx.session_id)
        .order_by(AgentStateEvent.id.desc())
        .limit(1)
    ).first()
    return AgentState(state) if state else AgentState.NOT_READY
