"""The screen pop (R2.13): what the console shows when a call rings — the caller's
customer card (or the candidates when several accounts share the number), recent
contacts, repeat calls, open cases (R3.1), an outage in the customer's area (R5.2) and a
supervisor's nuisance mark (R2.18) — and the agent's choice of customer once verified.
Unmasked only for the agent's own active call (R2.14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from console.cases import cases
from console.cases.cases import CaseRecord
from console.core import audit
from console.core.checks import check_call_id, normalize_number
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import CallId
from console.customers import nuisance
from console.customers.contacts import (
    RECENT_LIMIT,
    ContactSummary,
    recent_calls,
    recent_calls_from,
)
from console.customers.customers import MAX_CANDIDATES, CustomerCard, card_of, find_customers
from console.customers.nuisance import Mark
from db.models import Call, Campaign, CampaignTarget, Customer


@dataclass(frozen=True)
class Outage:
    """A gas outage the customer is in (an open notification campaign, R5.2): a call
    from them is most likely about it, so the card says what the agent needs."""

    campaign_id: str
    kind: str  # planned | emergency
    title: str
    reason: str
    outage_from: datetime | None
    restore_expected_at: datetime | None


def outages(s: Session, ctx: AgentContext, customer_id: int) -> tuple[Outage, ...]:
    """Open notification campaigns whose area holds the customer, newest first."""
    rows = s.execute(
        select(Campaign)
        .join(CampaignTarget, CampaignTarget.campaign_id == Campaign.id)
        .where(CampaignTarget.customer_id == customer_id, Campaign.closed_at.is_(None))
        .order_by(Campaign.created_at.desc())
    ).scalars()
    return tuple(
        Outage(c.id, c.kind, c.title, c.reason, c.outage_from, c.restore_expected_at) for c in rows
    )


@dataclass(frozen=True)
class ScreenPop:
    """What the console shows when a call rings (R2.13).

    ``card`` is set when exactly one customer matches (or one was chosen); otherwise
    ``candidates`` lists them all (several accounts on one number) or is empty (an
    unknown number: an empty card). ``recent`` are the card's last contacts, or the
    number's when there is no single customer. ``open_cases`` are the customer's cases
    still open (R3.1): a follow-up contact links to one rather than opening a duplicate.
    """

    call_id: CallId
    caller_number: str | None
    card: CustomerCard | None
    candidates: tuple[CustomerCard, ...]
    recent: tuple[ContactSummary, ...]
    calls_last_24h: int  # from this number, not counting this call
    calls_last_7d: int
    open_cases: tuple[CaseRecord, ...] = ()
    outages: tuple[Outage, ...] = ()  # open notification campaigns covering the customer
    nuisance: Mark | None = None  # a supervisor's standing mark on the number (R2.18)

    @property
    def repeat_caller(self) -> bool:
        return self.calls_last_24h > 0


# The screen pop runs on every ring: its statements are built once (R2.13 performance).
_CALLS = Call.__table__
_CUSTOMERS = Customer.__table__
_ACTIVE_CALL = select(
    _CALLS.c.id, _CALLS.c.caller_number, _CALLS.c.started_at, _CALLS.c.ended_at, _CALLS.c.job_no
).where(_CALLS.c.id == bindparam("call_id"))
_BY_PHONE = (
    select(_CUSTOMERS)
    .where(_CUSTOMERS.c.phone == bindparam("phone"))
    .order_by(_CUSTOMERS.c.account_no)
    .limit(MAX_CANDIDATES)
)
_REPEATS = select(
    func.count().filter(_CALLS.c.started_at >= bindparam("since_24h")),
    func.count(),
).where(
    _CALLS.c.caller_number == bindparam("number"),
    _CALLS.c.started_at >= bindparam("since_7d"),
    _CALLS.c.started_at <= bindparam("until"),
    _CALLS.c.id != bindparam("call_id"),
)


def _active_call(s: Session, ctx: AgentContext, call_id: CallId) -> Any:
    """The call must be this agent's and still going: only then is its customer shown."""
    call = s.connection().execute(_ACTIVE_CALL, {"call_id": check_call_id(call_id)}).first()
    if call is None:
        raise UserFacingError("call.not_found")
    if call.ended_at is not None or call.job_no != ctx.stamped_job_no:
        raise UserFacingError("call.not_active")
    return call


def _repeat_counts(s: Session, call: Any) -> tuple[int, int]:
    if not call.caller_number:
        return 0, 0
    day, week = (
        s.connection()
        .execute(
            _REPEATS,
            {
                "number": call.caller_number,
                "since_24h": call.started_at - timedelta(hours=24),
                "since_7d": call.started_at - timedelta(days=7),
                "until": call.started_at,
                "call_id": call.id,
            },
        )
        .one()
    )
    return int(day), int(week)


def customer_of_number(s: Session, caller_number: str | None) -> int | None:
    """The customer a caller number names: the one account on it, else None (withheld,
    unknown, or several accounts the agent would have to tell apart)."""
    number = normalize_number(caller_number) if caller_number else ""
    if not number:
        return None
    found = s.connection().execute(_BY_PHONE, {"phone": number}).all()
    return int(found[0].id) if len(found) == 1 else None


def pop(s: Session, ctx: AgentContext, caller_number: str | None, call_id: CallId) -> ScreenPop:
    """The screen pop for call ``call_id`` (started with ``calls.start_call``) from
    ``caller_number``. Unmasked: these are the customers on the active call."""
    call = _active_call(s, ctx, call_id)
    number = normalize_number(caller_number) if caller_number else ""
    if call.caller_number and number and normalize_number(call.caller_number) != number:
        raise UserFacingError("call.not_active")
    # The reference time is the ring itself: no extra round trip for the clock.
    now = call.started_at
    found = s.connection().execute(_BY_PHONE, {"phone": number}).all() if number else []
    day, week = _repeat_counts(s, call)
    mark = nuisance.standing(s, number, now)
    if len(found) == 1:
        card = card_of(found[0], now, masked=False)
        recent = recent_calls(s, ctx, card.id, RECENT_LIMIT + 1)
        recent = [r for r in recent if r.id != call.id][:RECENT_LIMIT]
        open_cases = tuple(cases.open_cases_of_customer(s, ctx, card.id))
        return ScreenPop(
            call.id,
            number or None,
            card,
            (card,),
            tuple(recent),
            day,
            week,
            open_cases,
            outages(s, ctx, card.id),
            mark,
        )
    # Several accounts on one number: the number is the caller's own, the ID numbers
    # stay masked until the agent has verified which customer is calling.
    candidates = tuple(card_of(c, now, masked=True, show_phone=True) for c in found)
    recent = (
        recent_calls_from(s, call.caller_number, exclude=(call.id,)) if call.caller_number else []
    )
    return ScreenPop(
        call.id, number or None, None, candidates, tuple(recent), day, week, nuisance=mark
    )


def choose(s: Session, ctx: AgentContext, call_id: CallId, customer_id: int) -> ScreenPop:
    """The agent has verified who is calling (R2.4): ``customer_id`` becomes the customer
    on the active call, shown unmasked. Link it to the record with ``calls.save_call``."""
    call = _active_call(s, ctx, call_id)
    c = s.get(Customer, customer_id)
    if c is None:
        raise UserFacingError("customer.not_found")
    card = card_of(c, call.started_at, masked=False)
    recent = [r for r in recent_calls(s, ctx, c.id, RECENT_LIMIT + 1) if r.id != call.id]
    day, week = _repeat_counts(s, call)
    return ScreenPop(
        call.id,
        call.caller_number,
        card,
        (card,),
        tuple(recent[:RECENT_LIMIT]),
        day,
        week,
        tuple(cases.open_cases_of_customer(s, ctx, card.id)),
        outages(s, ctx, card.id),
        nuisance.standing(s, call.caller_number, call.started_at),
    )


def find_for_call(s: Session, ctx: AgentContext, call_id: CallId, query: str) -> list[CustomerCard]:
    """A search for the caller during the agent's own active call (an unknown or shared
    number): by name, address, account number or the last digits of a phone. Results
    are masked until the agent has verified the caller and chosen one (``choose``);
    the search is audited with the call it served."""
    call = _active_call(s, ctx, call_id)
    found = find_customers(s, query)
    audit.record(
        s,
        "customer.lookup",
        query=query.strip(),
        reason=f"call {call.id}",
        customer_ids=[c.id for c in found],
        job_no=ctx.stamped_job_no,
    )
    return [card_of(c, call.started_at, masked=True) for c in found]
