"""Special-group customers (重点用户, R3.9, GS 2.2.7): registered, and visited at home.

GS 2.2.7: 对老、弱、病、残等特殊用户群体,进行重点登记并派人上门办理相关手续,保证用户
顺畅用气. A customer is registered in one of ``SPECIAL_GROUPS`` (``customers.special_group``,
highlighted on the card); each registered customer gets a home-visit task on the shared
callback list (reason ``special_visit``), claimed atomically by agents like every
callback (console/cases/callbacks.py).

Who may do what (R8.2, checked here, not by hiding buttons):

* ``register``: every agent. The front line is where a customer's situation comes to
  light (an elderly caller living alone, a disability mentioned on the call); making
  them wait for a supervisor would leave the customer unregistered. A reason is
  required and the change is audited, so each registration is accountable.
* ``unregister``: supervisors and admins only. Taking a vulnerable customer off the
  home-visit plan is the riskier direction, so it needs a second, senior person.
* ``schedule_visits``: supervisors and admins: it plans the field staff's work.

PostgreSQL: the seats' database role may read ``customers`` but not change it
(db/sql/0001_security.sql grants SELECT only). Until a migration grants it
(``GRANT UPDATE (special_group) ON customers``), a seat's ``register``/``unregister``
is refused with ``special_group.not_permitted`` instead of failing on a raw permission
error; on an administrator's connection it works.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from console.cases import callbacks
from console.cases.callbacks import CallbackItem
from console.core import audit
from console.core.checks import check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now, guard
from console.core.vocabulary import CallbackReason
from console.customers.customers import CustomerCard, card_of
from db.models import Callback, Customer

MAX_REASON = 200  # what the agent heard, kept in the audit trail

# The groups of GS 2.2.7 (老、弱、病、残) as the registry records them; cli/demo.py
# generates the first four, which stay valid.
SPECIAL_GROUPS = ("老年独居", "残疾", "重病", "低保", "高龄", "孤寡", "行动不便")
MAX_VISITS = 10_000

_CUSTOMERS: Any = Customer.__table__
_CALLBACKS: Any = Callback.__table__
# Visit task ids are derived from the customer and how many visits it has had, so two
# supervisors scheduling at the same moment add one task, not two (callbacks.add
# ignores an id that is already there).
_VISIT_NAMESPACE = uuid.UUID("5b2f5c1e-2c1a-4d59-9a43-7f0c1e0d2207")


def _reason(reason: str) -> str:
    reason = check_text("reason", reason, MAX_REASON).strip()
    if not reason:
        raise UserFacingError("reason.required")
    return reason


def _customer_id(customer_id: int) -> int:
    if isinstance(customer_id, bool) or not isinstance(customer_id, int):
        raise UserFacingError("input.invalid", field="customer_id")
    if not 1 <= customer_id < 2**31:
        raise UserFacingError("input.out_of_range", field="customer_id", low=1, high=2**31 - 1)
    return customer_id


def _require_session(s: Session) -> None:
    if guard(s).bound(s) is None:
        raise UserFacingError("session.not_active")


def _may_update(s: Session) -> None:
    """On PostgreSQL, a clear refusal when this connection's role may not change the
    registration (the seats' role today), rather than a raw permission error."""
    if s.get_bind().dialect.name != "postgresql":
        return
    allowed = s.execute(
        text("SELECT has_column_privilege('customers', 'special_group', 'UPDATE')")
    ).scalar_one()
    if not allowed:
        raise UserFacingError("special_group.not_permitted")


def _set_group(
    s: Session, ctx: AgentContext, customer_id: int, group: str | None, reason: str
) -> CustomerCard:
    _require_session(s)
    row = s.execute(select(_CUSTOMERS).where(_CUSTOMERS.c.id == customer_id)).one_or_none()
    if row is None:
        raise UserFacingError("customer.not_found")
    if row.special_group != group:
        _may_update(s)
        s.execute(
            update(_CUSTOMERS).where(_CUSTOMERS.c.id == customer_id).values(special_group=group)
        )
        audit.record(
            s,
            "customer.special_group",
            customer_id=customer_id,
            previous=row.special_group,
            group=group,
            reason=reason,
            job_no=ctx.stamped_job_no,
        )
        row = s.execute(select(_CUSTOMERS).where(_CUSTOMERS.c.id == customer_id)).one()
    return card_of(row, db_now(s), masked=True)


def register(
    s: Session, ctx: AgentContext, customer_id: int, group: str, reason: str
) -> CustomerCard:
    """Register the customer in ``group`` (or move them to it), with a reason; audited.
    Any agent may (see the module's notes). Registering a customer again in the same
    group changes nothing and records nothing. Returns the (masked) card."""
    customer_id = _customer_id(customer_id)
    if not isinstance(group, str) or group.strip() not in SPECIAL_GROUPS:
        raise UserFacingError("input.invalid_choice", field="group", value=str(group)[:32])
    reason = _reason(reason)
    return _set_group(s, ctx, customer_id, group.strip(), reason)


def unregister(s: Session, ctx: AgentContext, customer_id: int, reason: str) -> CustomerCard:
    """Take the customer off the special-group register, with a reason; audited.
    Supervisors and admins only. A customer not registered is left as is.
    Open home-visit tasks already on the callback list stay there."""
    require_role(ctx, Role.SUPERVISOR)
    customer_id = _customer_id(customer_id)
    reason = _reason(reason)
    return _set_group(s, ctx, customer_id, None, reason)


def schedule_visits(
    s: Session, ctx: AgentContext, due_at: datetime, *, limit: int | None = None
) -> list[CallbackItem]:
    """A home-visit task (callback reason ``special_visit``, due at ``due_at``) for each
    registered customer who has no open one, in customer order, at most ``limit``.
    Running it again adds nothing for customers whose visit is still open; once a
    visit is done, the next run schedules the following one. Returns the tasks added.
    Supervisors and admins only."""
    require_role(ctx, Role.SUPERVISOR)
    if limit is not None and (
        isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_VISITS
    ):
        raise UserFacingError("input.out_of_range", field="limit", low=1, high=MAX_VISITS)
    _require_session(s)
    cb = _CALLBACKS
    open_visit = (
        select(cb.c.id)
        .where(
            cb.c.customer_id == _CUSTOMERS.c.id,
            cb.c.reason == CallbackReason.SPECIAL_VISIT,
            cb.c.done_at.is_(None),
        )
        .exists()
    )
    visits_so_far = (
        select(func.count())
        .where(cb.c.customer_id == _CUSTOMERS.c.id, cb.c.reason == CallbackReason.SPECIAL_VISIT)
        .scalar_subquery()
    )
    q = (
        select(_CUSTOMERS.c.id, _CUSTOMERS.c.phone, visits_so_far.label("n"))
        .where(_CUSTOMERS.c.special_group.is_not(None), ~open_visit)
        .order_by(_CUSTOMERS.c.id)
    )
    if limit is not None:
        q = q.limit(limit)
    added: list[CallbackItem] = []
    for customer_id, phone, n in s.execute(q).all():
        visit_id = str(uuid.uuid5(_VISIT_NAMESPACE, f"{customer_id}:{n}"))
        added.append(
            callbacks.add(
                s,
                ctx,
                visit_id,
                CallbackReason.SPECIAL_VISIT,
                due_at,
                customer_id=customer_id,
                phone=phone,
            )
        )
    return added


__all__ = ["SPECIAL_GROUPS", "register", "schedule_visits", "unregister"]
