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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from console.core import audit
from console.core.checks import check_text, normalize_number
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import db_now
from console.core.vocabulary import AccountType, Gender, Title
from db.models import Customer

# GS 2.2.5: residential accounts inspected at least once a year, the others at least
# three times a year (every 122 days). cli/demo.py generates its dates from this.
INSPECTION_INTERVAL_DAYS: Mapping[str, int] = {
    AccountType.RESIDENTIAL: 365,
    AccountType.HEATING: 122,
    AccountType.COMMERCIAL: 122,
    AccountType.INDUSTRIAL: 122,
}
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


def title_of(gender: str | None) -> Title:
    """How the customer is addressed after the surname (GS 4.3.1): 先生 for M, 女士 for F."""
    return Title.MR if gender == Gender.MALE else Title.MS


def format_address(community: str, building: str, unit: str, room: str) -> str:
    """``泰山花园12号楼3单元301室`` from the stored bare numbers."""
    return f"{community}{building}号楼{unit}单元{room}室"


_RUNS = re.compile(r"(\d+)")


def _natural(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """``"12"`` after ``"2"`` and ``"1904"`` after ``"304"``: runs of digits compare as
    numbers, the rest as text."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _RUNS.split(text or "") if part
    )


def walking_order(
    community: str, building: str | None, unit: str | None = None, room: str | None = None
) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """The sort key of an address in the order someone walks it: community, then
    building 1, 2 … 10, unit, room 304 before 1904 (text order puts 10号楼 before 2号楼)."""
    return (_natural(community), _natural(building), _natural(unit), _natural(room))


# --- what the services return ----------------------------------------------------------------


@dataclass(frozen=True)
class CustomerCard:
    id: int
    account_no: str
    name: str
    title: Title
    phone: str | None  # masked unless ``masked`` is False
    id_number: str | None
    address: str
    community: str
    building: str
    unit: str
    room: str
    account_type: str  # an AccountType: 居民 / 商业 / 工业 / 采暖
    special_group: str | None  # 老弱病残 (GS 2.2.7): highlighted on the card
    last_inspection_at: datetime | None
    inspection_due_at: datetime | None  # None: never inspected
    inspection_overdue: bool
    masked: bool


def inspection_due(account_type: str, last: datetime | None) -> datetime | None:
    if last is None:
        return None
    return last + timedelta(days=INSPECTION_INTERVAL_DAYS.get(account_type, 122))


def is_inspection_overdue(account_type: str, last: datetime | None, now: datetime) -> bool:
    """GS 2.2.5. Never inspected counts as overdue."""
    due = inspection_due(account_type, last)
    return due is None or now > due


def card_of(c: Any, now: datetime, *, masked: bool, show_phone: bool = False) -> CustomerCard:
    return CustomerCard(
        id=c.id,
        account_no=c.account_no,
        name=c.name,
        title=title_of(c.gender),
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


# --- look-ups outside a call --------------------------------------------------------------------


def _suffix_range(digits: str) -> tuple[str, str]:
    """``phone_rev`` values starting with the reversed digits, as an index range."""
    rev = digits[::-1]
    return rev, rev[:-1] + chr(ord(rev[-1]) + 1)


def find_customers(s: Session, query: str) -> list[Customer]:
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
    found = find_customers(s, query)
    audit.record(
        s,
        "customer.lookup",
        query=query.strip(),
        reason=reason,
        customer_ids=[c.id for c in found],
        job_no=ctx.stamped_job_no,
    )
    now = db_now(s)
    return [card_of(c, now, masked=True) for c in found]
