"""The calls the UI makes into the console services. Every function here runs on a
worker thread (see ``ui.core.worker``): it may be slow and it never touches a widget.

The service modules are imported inside the functions so that the login dialog can
appear before SQLAlchemy and argon2 are loaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import CallId, SeatCode

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from console.app.runtime import Runtime
    from console.calls.call_desk import CallSnapshot, CaseHandOff
    from console.calls.calls import CallRecord, StoredCallEvent
    from console.calls.screen_pop import ScreenPop
    from console.cases.case_board import CaseRow
    from console.cases.cases import CaseRecord
    from console.cases.sla_sweep import SweepResult
    from console.core.settings import Settings
    from console.customers.customers import CustomerCard
    from console.people.auth import OpenSession
    from console.shift.board import Board


@dataclass(frozen=True)
class SignedIn:
    context: AgentContext
    state: str  # an AgentState value


def open_runtime(url: str | None, say: Callable[[str, dict[str, object]], None]) -> Runtime:
    from console.app.startup import open_runtime as open_

    return open_(url, say=say)


def preload(rt: Runtime | None = None) -> None:
    """Import what signing in and the main window need, and read the content library
    (scripts, lists, the pre-shift checklist: a second of YAML), while the user types:
    the first sign-in is then as quick as the later ones. (No widget is created off the
    GUI thread.)"""
    for module in (
        "console.people.auth",
        "console.people.passwords",
        "console.shift.states",
        "ui.app.main_window",  # and with it every screen of the desk
    ):
        importlib.import_module(module)
    if rt is not None:
        rt.content  # noqa: B018 - built here, not at the first sign-in
    from console.content.dialogue import company

    company()  # read once, then cached: the call screen's policy comes from it


def login(rt: Runtime, job_no: str, password: str, seat: str) -> SignedIn:
    from console.shift import states

    ctx = rt.login(job_no, password, SeatCode(seat))
    try:
        state = rt.run(ctx, states.current_state).value
    except UserFacingError:
        state = states.AgentState.NOT_READY.value
    return SignedIn(ctx, state)


def sign_in_again(rt: Runtime, previous: AgentContext, password: str) -> SignedIn:
    """A new session for the same agent at the same seat (after a takeover or an end
    by the duty manager): the window and what is typed in it stay."""
    return login(rt, previous.job_no, password, previous.seat)


def sign_out(rt: Runtime, ctx: AgentContext) -> None:
    from console.people import auth
    from console.shift import states

    def out(s: Session, c: AgentContext) -> None:
        states.set_state(s, c, states.AgentState.SIGNED_OUT)
        auth.logout(s, c)

    try:
        rt.run(ctx, out)
    except UserFacingError as e:
        if e.message_id != "session.not_active":
            raise
        # Already ended elsewhere: there is nothing left to sign out of.


def heartbeat(rt: Runtime, ctx: AgentContext) -> datetime:
    """Renew the lease; a session ended elsewhere raises what ended it (``why_ended``)."""
    try:
        return rt.heartbeat(ctx)
    except UserFacingError as e:
        if e.message_id != "session.not_active":
            raise
        raise why_ended(rt, ctx) from e


def why_ended(rt: Runtime, ctx: AgentContext) -> UserFacingError:
    """Who or what ended ``ctx``'s session, as a message; the plain one if unknown."""
    from console.people import auth

    return rt.run(ctx, auth.why_ended)


def unlock(rt: Runtime, ctx: AgentContext, password: str) -> None:
    """R1.5: the signed-in agent's own password; failures count towards the lockout."""
    from console.people import auth

    auth.raise_for_check(rt.run(ctx, auth.verify_password, password))


def change_password(rt: Runtime, ctx: AgentContext, old: str, new: str, repeat: str) -> None:
    from console.people import auth, passwords

    if passwords.normalize(new) != passwords.normalize(repeat):
        raise UserFacingError("password.mismatch")
    auth.raise_for_check(rt.run(ctx, auth.change_password, old, new))


def set_state(rt: Runtime, ctx: AgentContext, state: str, reason: str | None = None) -> str:
    from console.shift import states

    return rt.run(ctx, states.set_state, states.AgentState(state), reason).value


def open_sessions(rt: Runtime, ctx: AgentContext) -> list[OpenSession]:
    from console.people import auth

    return rt.run(ctx, auth.open_sessions)


def end_session(rt: Runtime, ctx: AgentContext, session_id: int, reason: str) -> bool:
    from console.people import auth

    return rt.run(ctx, auth.end_session, session_id, reason)


def save_language(settings: Settings, language: str) -> None:
    """Store the language for the next start. Re-read from disk first, so a ``--seat``
    given on this start's command line is not made permanent."""
    from console.core.settings import Settings as Stored

    stored = Stored.load()
    stored.language = language
    stored.save()
    settings.language = language


# --- calls ----------------------------------------------------------------------


@dataclass(frozen=True)
class Unfinished:
    """A call this agent never finished (the console died): what the database has."""

    record: CallRecord
    events: list[StoredCallEvent]


def ring(rt: Runtime, ctx: AgentContext, snap: CallSnapshot) -> tuple[CallRecord, ScreenPop]:
    """Record the ring and look the caller up, in one unit of work (R2.12, R2.13)."""
    from console.calls import call_desk, screen_pop

    def unit(s: Session, c: AgentContext) -> tuple[CallRecord, ScreenPop]:
        record = call_desk.sync(s, c, snap)
        return record, screen_pop.pop(s, c, snap.caller_number, snap.call_id)

    return rt.run(ctx, unit)


def dispatch_now(
    rt: Runtime, ctx: AgentContext, snap: CallSnapshot, handoff: CaseHandOff
) -> CaseRecord:
    """The emergency dispatched during the call (GS 15.5.1), in one unit of work."""
    from console.calls import call_desk

    return rt.run(ctx, call_desk.dispatch_now, snap, handoff)


def sync_call(rt: Runtime, ctx: AgentContext, snap: CallSnapshot) -> CallRecord:
    from console.calls import call_desk

    return rt.run(ctx, call_desk.sync, snap)


def log_missed(rt: Runtime, ctx: AgentContext, snap: CallSnapshot) -> CallRecord:
    from console.calls import call_desk

    return rt.run(ctx, call_desk.log_missed, snap)


def choose_customer(rt: Runtime, ctx: AgentContext, call_id: CallId, customer_id: int) -> ScreenPop:
    from console.calls import screen_pop

    return rt.run(ctx, screen_pop.choose, call_id, customer_id)


def find_customer(
    rt: Runtime, ctx: AgentContext, call_id: CallId, query: str
) -> list[CustomerCard]:
    from console.calls import screen_pop

    return rt.run(ctx, screen_pop.find_for_call, call_id, query)


def unfinished_calls(rt: Runtime, ctx: AgentContext) -> list[Unfinished]:
    from console.calls import calls

    def unit(s: Session, c: AgentContext) -> list[Unfinished]:
        return [Unfinished(r, calls.call_events(s, c, r.id)) for r in calls.unfinished_calls(s, c)]

    return rt.run(ctx, unit)


# --- cases --------------------------------------------------------------------------


def my_case_rows(rt: Runtime, ctx: AgentContext) -> tuple[list[CaseRow], datetime]:
    from console.cases import case_board

    return rt.run(ctx, case_board.my_case_rows)


def sla_sweep(rt: Runtime, ctx: AgentContext) -> SweepResult:
    """Warn and escalate what is due (R3.4): every running console does it, so no
    escalation waits for the owner's PC to be on."""
    from console.campaigns import campaigns
    from console.cases import sla_sweep as sweep

    def both(s: Session, c: AgentContext) -> SweepResult:
        campaigns.sweep(s, c)  # the advance-notice clocks of planned outages (R5.3)
        return sweep.sweep(s, c)

    return rt.run(ctx, both)


def sample_inquiries(rt: Runtime, ctx: AgentContext) -> int:
    """GS 15.3.6: the day's random callbacks of inquiries answered at once (how many
    added); every running console does it once a day."""
    from console.cases import follow_up

    return len(rt.run(ctx, follow_up.sample_daily))


def board(rt: Runtime, ctx: AgentContext | None, timezone: str) -> Board:
    """The floor as one snapshot (R4.3, R4.4): the wall board reads it without a login."""
    from zoneinfo import ZoneInfo

    from console.shift import board as boards

    with rt.snapshot(ctx) as s:
        return boards.board(s, ctx, zone=ZoneInfo(timezone))
