"""The customer card (R2.13) and customer look-ups under the confidentiality rule (R2.14).

* ``pop``: the screen pop for a call in progress — the caller number's customer (or the
  candidates sharing that number), the last contacts, the repeat-caller hint. Shown
  unmasked: it is the customer on the active call.
* ``choose``: the agent picks one candidate (or a customer found another way) as the
  customer on the active call; that card is unmasked too.
* ``lookup_outside_call``: anyone else, by name, address, account number or the last
  digits of a phone number — masked, only with a reason, and audited (GS 17.3, TN 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, select
from sqlalchemy.orm import Session

from console import audit, cases, nuisance
from console.auth import db_now
from console.calls import (
    RECENT_LIMIT,
    ContactSummary,
    check_call_id,
    check_text,
    normalize_number,
    recent_calls,
    recent_calls_from,
)
from console.cases import CaseRecord
from console.errors import UserFacingError
from console.identity import AgentContext
from console.nuisance import Mark
from db.models import Call, Campaign, CampaignTarget, Customer

# GS 2.2.5: residential accounts inspected at least once a year, the others at least
# three times a year (every 122 days). console/demo.py generates its dates from this.
INSPECTION_INTERVAL_DAYS = {"居民": 365, "采暖": 122, "商业": 122, "工业": 122}
MAX_CANDIDATES = 20
MAX_RESULTS = 50
MAX_REASON = 200
MAX_QUERY = 64
MIN_SUFFIX = 4

_ACCOUNT = re.compile(r"^[A-Za-z]{1,4}\d{4,16}$")
_ADDRESS = re.compile(
    r"^(?P<community>.+?)(?:(?P<building>\d+)号楼?)?(?:(?P<unit>\d+)单元)?(?:(?P<room>\d+)室?)?$"
)


# --- masking (R2.14) -------------------------------------------------------------------------


def mask_phone(phone: str | None) -> str | None:
    """``13912341234`` → ``139****1234``; ``05388123456`` → ``0538****3456``."""
    if not phone:
        return phone
    if len(phone) <= 6:
        return "*" * (len(phone) - 2) + phone[-2:]
    head = 4 if phone.startswith("0") and len(phone) >= 11 else 3 if len(phone) >= 11 else 2
    return phone[:head] + "*" * (len(phone) - head - 4) + phone[-4:]


def mask_id(id_number: str | None) -> str | None:
    """``370902198001011234`` → ``370902********1234``."""
    if not id_number:
        return id_number
    if len(id_number) <= 10:
        return "*" * (len(id_number) - 4) + id_number[-4:] if len(id_number) > 4 else "****"
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def format_address(community: str, building: str, unit: str, room: str) -> str:
    """``泰山花园12号楼3单元301室`` from the stored bare numbers."""
    return f"{community}{building}号楼{unit}单元{room}室"


# --- what the services return ----------------------------------------------------------------


@dataclass(frozen=True)
class CustomerCard:
    id: int
    account_no: str
    name: str
    title: str  # 先生 / 女士
    phone: str | None  # masked unless ``masked`` is False
    id_number: str | None
    address: str
    community: str
    building: str
    unit: str
    room: str
    account_type: str  # 居民 / 商业 / 工业 / 采暖
    special_group: str | None  # 老弱病残 (GS 2.2.7): highlighted on the card
    last_inspection_at: datetime | None
    inspection_due_at: datetime | None  # None: never inspected
    inspection_overdue: bool
    masked: bool


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

    call_id: str
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


def inspection_due(account_type: str, last: datetime | None) -> datetime | None:
    if last is None:
        return None
    return last + timedelta(days=INSPECTION_INTERVAL_DAYS.get(account_type, 122))


def is_inspection_overdue(account_type: str, last: datetime | None, now: datetime) -> bool:
    """GS 2.2.5. Never inspected counts as overdue."""
    due = inspection_due(account_type, last)
    return due is None or now > due


def _card(c: Any, now: datetime, *, masked: bool, show_phone: bool = False) -> CustomerCard:
    return CustomerCard(
        id=c.id,
        account_no=c.account_no,
        name=c.name,
        title="先生" if c.gender == "M" else "女士",
        phone=c.phone if not masked or show_phone else mask_phone(c.phone),
        id_number=c.id_number if not masked else mask_id(c.id_number),
        address=format_address(c.community, c.building, c.unit, c.room),
        community=c.community,
        building=c.building,
        unit=c.unit,
        room=c.room,
        account_type=c.account_type,
        special_group=c.special_group,
        last_inspection_at=c.last_inspection_at,
        inspection_due_at=inspection_due(c.account_type, c.last_inspection_at),
        inspection_overdue=is_inspection_overdue(c.account_type, c.last_inspection_at, now),
        masked=masked,
    )


# --- the screen pop ------------------------------------------------------------------------------


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


def _active_call(s: Session, ctx: AgentContext, call_id: str) -> Any:
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


def pop(s: Session, ctx: AgentContext, caller_number: str | None, call_id: str) -> ScreenPop:
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
        card = _card(found[0], now, masked=False)
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
    candidates = tuple(_card(c, now, masked=True, show_phone=True) for c in found)
    recent = (
        recent_calls_from(s, call.caller_number, exclude=(call.id,)) if call.caller_number else []
    )
    return ScreenPop(
        call.id, number or None, None, candidates, tuple(recent), day, week, nuisance=mark
    )


def choose(s: Session, ctx: AgentContext, call_id: str, customer_id: int) -> ScreenPop:
    """The agent has verified who is calling (R2.4): ``customer_id`` becomes the customer
    on the active call, shown unmasked. Link it to the record with ``calls.save_call``."""
    call = _active_call(s, ctx, call_id)
    c = s.get(Customer, customer_id)
    if c is None:
        raise UserFacingError("customer.not_found")
    card = _card(c, call.started_at, masked=False)
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


# --- look-ups outside a call --------------------------------------------------------------------


def _suffix_range(digits: str) -> tuple[str, str]:
    """``phone_rev`` values starting with the reversed digits, as an index range."""
    rev = digits[::-1]
    return rev, rev[:-1] + chr(ord(rev[-1]) + 1)


def _find_customers(s: Session, query: str) -> list[Customer]:
    """By account number, phone number or its last 4+ digits, name, or address
    (``泰山花园12号楼3单元301室`` or a part from the start: the community's full name).
    Every form is an indexed search on both databases."""
    q = check_text("query", query, MAX_QUERY, required=True).strip()
    base = select(Customer).order_by(Customer.account_no).limit(MAX_RESULTS)
    if _ACCOUNT.match(q):
        return list(s.scalars(base.where(Customer.account_no == q.upper())))
    digits = normalize_number(q)
    if digits and len(digits) == len(re.sub(r"[\s\-+()]", "", q)):
        if len(digits) < MIN_SUFFIX:
            raise UserFacingError("lookup.too_short", min=MIN_SUFFIX)
        if s.get_bind().dialect.name == "postgresql":
            # varchar_pattern_ops index: a prefix LIKE is an index range.
            cond: ColumnElement[bool] = Customer.phone_rev.like(digits[::-1] + "%")
        else:
            low, high = _suffix_range(digits)
            cond = and_(Customer.phone_rev >= low, Customer.phone_rev < high)
        return list(s.scalars(base.where(cond)))
    by_name = list(s.scalars(base.where(Customer.name == q)))
    if by_name:
        return by_name
    m = _ADDRESS.match(q.replace(" ", ""))
    if m is None:
        return []
    where = [Customer.community == m["community"]]
    for part in ("building", "unit", "room"):
        if m[part]:
            where.append(getattr(Customer, part) == m[part])
    return list(s.scalars(base.where(*where)))


def lookup_outside_call(
    s: Session, ctx: AgentContext, query: str, reason: str
) -> list[CustomerCard]:
    """A look-up that is not the customer on the active call (R2.14): masked, only with
    a reason, and recorded in the audit trail (R8.1) together with what was found."""
    reason = check_text("reason", reason, MAX_REASON).strip()
    if not reason:
        raise UserFacingError("reason.required")
    found = _find_customers(s, query)
    audit.record(
        s,
        "customer.lookup",
        query=query.strip(),
        reason=reason,
        customer_ids=[c.id for c in found],
        job_no=ctx.stamped_job_no,
    )
    now = db_now(s)
    return [_card(c, now, masked=True) for c in found]


def find_for_call(s: Session, ctx: AgentContext, call_id: str, query: str) -> list[CustomerCard]:
    """A search for the caller during the agent's own active call (an unknown or shared
    number): by name, address, account number or the last digits of a phone. Results
    are masked until the agent has verified the caller and chosen one (``choose``);
    the search is audited with the call it served."""
    call = _active_call(s, ctx, call_id)
    found = _find_customers(s, query)
    audit.record(
        s,
        "customer.lookup",
        query=query.strip(),
        reason=f"call {call.id}",
        customer_ids=[c.id for c in found],
        job_no=ctx.stamped_job_no,
    )
    return [_card(c, call.started_at, masked=True) for c in found]
