"""The call log (来电记录, PR): a searchable, sortable list of
contacts, paged with a keyset so that the 500th page costs what the first does on
5,000,000 calls.

Who sees what (R1, R2.14, R8.2, enforced here rather than by hiding controls):

* an agent (坐席) sees only the calls stamped with the job number they work under
  (``ctx.stamped_job_no``: their own, or the owner's while a delegation is in force,
  R1.4); asking for another job number is refused (``call_log.own_calls_only``);
* a supervisor (值班经理) and an administrator see every agent's calls (R4.4, R6.1:
  call logs per shift, day and agent).

Confidentiality (R2.14): the log is never "the customer on the active call", so every
caller number is masked (``customers.mask_phone``) whoever looks; no ID number is shown.
The log lists contacts, not customer cards (no address, phone or ID), so searching it
by a name or number is not a customer look-up in the sense of R2.14 and is not audited.

Filters (``CallFilter``) combine with AND. ``text`` is one of: a phone number or its last
4+ digits (customers whose phone ends with them, and callers whose full number it is),
an account number (户号), or a customer's exact name.

Sorting (``SORT_KEYS``): ``started_at`` (default), ``job_no``, ``intent``, ``duration``
(ended calls by ended_at − started_at) and ``customer`` (by account, i.e. customer id,
grouping each customer's calls). Ties are broken by ``started_at`` then ``id`` in the
same direction, so the order is total. Rows whose sort value is empty (no intent yet,
no customer, a call still in progress for ``duration``) come last in both directions.

Every page is at most three index range scans: the rest of the current sort value's
group, the values beyond it, then the empty values. Indexes (db/models.py, migration
0004): ``started_at``; ``(job_no, started_at)``; ``(customer_id, started_at)``;
``(intent, started_at)``; and the expression index on the duration.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from console.calls.calls import compliance_scores
from console.core.checks import check_job_no, check_text, choice, normalize_number
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId, EndedBy, Intent, JobNumber
from console.customers.customers import MIN_SUFFIX, mask_phone
from db.models import Call, Customer

SORT_KEYS = ("started_at", "job_no", "intent", "duration", "customer")
MAX_TEXT = 64
MAX_LIMIT = 1000
COUNT_CAP = 10_000
EXCERPT = 60

_ACCOUNT = re.compile(r"^[A-Za-z]{1,4}\d{4,16}$")
_PHONE_CHARS = re.compile(r"[\s\-+()]")
# A caller number this long is taken as a whole number too (unknown callers).
_FULL_NUMBER = 7


@dataclass(frozen=True)
class CallFilter:
    """What the agent typed in the filter bar; every field optional."""

    since: datetime | None = None
    until: datetime | None = None
    job_no: str | None = None
    intent: str | None = None
    customer_id: int | None = None
    # Caller number digits (the last 4+ digits are enough), account number or name.
    text: str | None = None


@dataclass(frozen=True)
class CallLogRow:
    id: CallId
    started_at: datetime
    ended_at: datetime | None
    direction: str
    channel: str
    caller_number: str | None  # masked (R2.14)
    customer_name: str | None
    customer_id: int | None
    job_no: JobNumber
    intent: str | None
    verification: str | None
    state: str
    compliance_score: int | None
    duration_s: int | None  # None while the call is in progress
    notes_excerpt: str
    # 掉线: the line or the softphone lost the call once it was answered (ended by
    # ``system``); a ring let go or lost while ringing is missed, not dropped.
    dropped: bool = False


@dataclass(frozen=True)
class Page:
    rows: tuple[CallLogRow, ...]
    cursor: str | None  # pass to ``search`` for the next page; None: no more rows


# --- input checks --------------------------------------------------------------------------


def _aware(field_name: str, value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise UserFacingError("input.invalid", field=field_name)
    return value.astimezone(UTC)


def check_filter(flt: CallFilter) -> CallFilter:
    """The filter as the queries use it, or a clear refusal (R8.3)."""
    since, until = _aware("since", flt.since), _aware("until", flt.until)
    if since is not None and until is not None and since > until:
        raise UserFacingError("call_log.bad_range", since=since, until=until)
    job_no = flt.job_no
    if job_no is not None:
        job_no = check_job_no(job_no) if job_no.strip() else None
    choice("intent", flt.intent, Intent)
    cid = flt.customer_id
    if cid is not None and (
        isinstance(cid, bool) or not isinstance(cid, int) or not 1 <= cid <= 2**31 - 1
    ):
        raise UserFacingError("input.out_of_range", field="customer_id", low=1, high=2**31 - 1)
    text = flt.text
    if text is not None:
        text = check_text("text", text, MAX_TEXT).strip() or None
    return CallFilter(since, until, job_no, flt.intent, cid, text)


def _visible(ctx: AgentContext, flt: CallFilter) -> CallFilter:
    """Agents see their own calls only; supervisors and admins everyone's."""
    if ctx.is_at_least(Role.SUPERVISOR):
        return flt
    own = ctx.stamped_job_no
    if flt.job_no is not None and flt.job_no != own:
        raise UserFacingError("call_log.own_calls_only", job_no=own)
    return CallFilter(flt.since, flt.until, own, flt.intent, flt.customer_id, flt.text)


def _text_condition(s: Session, text: str) -> ColumnElement[bool]:
    """``text`` as a condition on calls; every form goes through an index."""
    customer_ids: Select[Any]
    if _ACCOUNT.match(text):
        customer_ids = select(Customer.id).where(Customer.account_no == text.upper())
        return Call.customer_id.in_(customer_ids)
    digits = normalize_number(text)
    if digits and len(digits) == len(_PHONE_CHARS.sub("", text)):
        if len(digits) < MIN_SUFFIX:
            raise UserFacingError("lookup.too_short", min=MIN_SUFFIX)
        rev = digits[::-1]
        if s.get_bind().dialect.name == "postgresql":
            # varchar_pattern_ops index: a prefix LIKE is an index range.
            suffix: ColumnElement[bool] = Customer.phone_rev.like(rev + "%")
        else:
            suffix = and_(
                Customer.phone_rev >= rev, Customer.phone_rev < rev[:-1] + chr(ord(rev[-1]) + 1)
            )
        cond = Call.customer_id.in_(select(Customer.id).where(suffix))
        if len(digits) >= _FULL_NUMBER:
            return or_(cond, Call.caller_number == digits)
        return cond
    return Call.customer_id.in_(select(Customer.id).where(Customer.name == text))


def _driver(flt: CallFilter, sort: str) -> str:
    """Which condition an index should serve: the most selective one there is.

    PostgreSQL's planner decides from its statistics. SQLite has none unless ANALYZE ran
    (and they go stale), so on SQLite the other conditions are written so that no index
    can serve them (``col || ''``, ``col + 0``): it then never walks, say, an agent's
    1.6 million calls to find one customer's ten.
    """
    if flt.customer_id is not None:
        return "customer_id"
    if flt.text is not None:
        return "text"
    if flt.intent is not None:
        return "intent"
    if flt.job_no is not None and sort in ("started_at", "job_no"):
        return "job_no"  # (job_no, started_at) serves both the filter and the order
    return "sort" if sort != "started_at" else "started_at"


def _plain(expr: Any, sqlite: bool, *, text: bool = False) -> Any:
    """``expr`` so that SQLite uses no index for it (NULL stays NULL); as is elsewhere."""
    if not sqlite:
        return expr
    return type_coerce(expr.concat("") if text else expr + 0, expr.type)


def _conditions(
    s: Session, flt: CallFilter, driver: str = "started_at"
) -> list[ColumnElement[bool]]:
    sqlite = s.get_bind().dialect.name == "sqlite"
    where: list[ColumnElement[bool]] = []
    if flt.since is not None:
        where.append(Call.started_at >= flt.since)
    if flt.until is not None:
        where.append(Call.started_at < flt.until)
    if flt.job_no is not None:
        job = Call.job_no if driver == "job_no" else _plain(Call.job_no, sqlite, text=True)
        where.append(job == flt.job_no)
    if flt.intent is not None:
        intent = Call.intent if driver == "intent" else _plain(Call.intent, sqlite, text=True)
        where.append(intent == flt.intent)
    if flt.customer_id is not None:
        where.append(Call.customer_id == flt.customer_id)
    if flt.text is not None:
        where.append(_text_condition(s, flt.text))
    return where


# --- sort keys and the cursor ------------------------------------------------------------------


def _duration(dialect: str) -> ColumnElement[Any]:
    """The expression of migration 0004's duration index, as that dialect spells it."""
    if dialect == "postgresql":
        return Call.ended_at - Call.started_at
    return func.julianday(Call.ended_at) - func.julianday(Call.started_at)


def _key(sort: str, dialect: str) -> ColumnElement[Any] | None:
    if sort == "started_at":
        return None
    if sort == "job_no":
        return Call.job_no  # type: ignore[return-value]
    if sort == "intent":
        return Call.intent  # type: ignore[return-value]
    if sort == "customer":
        return Call.customer_id  # type: ignore[return-value]
    return _duration(dialect)


def _to_json(value: Any) -> Any:
    if isinstance(value, timedelta):
        return {"us": value // timedelta(microseconds=1)}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        return timedelta(microseconds=int(value["us"]))
    return value


def _encode(sort: str, desc: bool, segment: str, key: Any, row: Any) -> str:
    data = [sort, desc, segment, _to_json(key), row.started_at.isoformat(), row.id]
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class _Cursor:
    segment: str  # "value": rows with a sort value; "empty": rows without one
    key: Any
    started_at: datetime
    id: str


def _decode(cursor: str, sort: str, desc: bool) -> _Cursor:
    try:
        check_text("cursor", cursor, 512)
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        c_sort, c_desc, segment, key, at, call_id = json.loads(raw)
        started = datetime.fromisoformat(at)
        if (
            c_sort != sort
            or c_desc != desc
            or segment not in ("value", "empty")
            or started.tzinfo is None
            or not isinstance(call_id, str)
        ):
            raise ValueError(cursor)
        return _Cursor(segment, _from_json(key), started, call_id)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as e:
        raise UserFacingError("call_log.bad_cursor") from e


def _after_time(c: _Cursor, desc: bool) -> ColumnElement[bool]:
    """Rows after ``c`` in (started_at, id) order: a range on started_at, then the id."""
    if desc:
        return and_(
            Call.started_at <= c.started_at,
            or_(Call.started_at < c.started_at, Call.id < c.id),
        )
    return and_(
        Call.started_at >= c.started_at, or_(Call.started_at > c.started_at, Call.id > c.id)
    )


# --- the services ---------------------------------------------------------------------------------


def _columns(key: ColumnElement[Any] | None) -> list[Any]:
    cols: list[Any] = [
        Call.id,
        Call.started_at,
        Call.ended_at,
        Call.direction,
        Call.channel,
        Call.caller_number,
        Customer.name.label("customer_name"),
        Call.customer_id,
        Call.job_no,
        Call.intent,
        Call.verification,
        Call.state,
        Call.ended_by,
        Call.answered_at,
        func.substr(Call.notes, 1, EXCERPT).label("notes_excerpt"),
    ]
    if key is not None:
        cols.append(key.label("sort_key"))
    return cols


def _row(r: Any, score: int | None) -> CallLogRow:
    duration = None
    if r.ended_at is not None:
        duration = max(0, int((r.ended_at - r.started_at).total_seconds()))
    return CallLogRow(
        id=r.id,
        started_at=r.started_at,
        ended_at=r.ended_at,
        direction=r.direction,
        channel=r.channel,
        caller_number=mask_phone(r.caller_number),
        customer_name=r.customer_name,
        customer_id=r.customer_id,
        job_no=r.job_no,
        intent=r.intent,
        verification=r.verification,
        state=r.state,
        compliance_score=score,
        duration_s=duration,
        notes_excerpt=(r.notes_excerpt or "").replace("\n", " "),
        dropped=r.ended_by == EndedBy.SYSTEM and r.answered_at is not None,
    )


def _check_page(sort: str, limit: int) -> None:
    if sort not in SORT_KEYS:
        raise UserFacingError("input.invalid_choice", field="sort", value=str(sort)[:32])
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise UserFacingError("input.out_of_range", field="limit", low=1, high=MAX_LIMIT)


def search(
    s: Session,
    ctx: AgentContext,
    flt: CallFilter,
    sort: str = "started_at",
    descending: bool = True,
    cursor: str | None = None,
    limit: int = 200,
) -> Page:
    """One page of the call log, newest first by default.

    ``cursor`` is the previous page's ``Page.cursor``; it is only valid with the same
    ``sort`` and ``descending`` (else ``call_log.bad_cursor``) and with the same filter
    (a different filter gives a consistent but meaningless continuation).
    """
    _check_page(sort, limit)
    flt = _visible(ctx, check_filter(flt))
    dialect = s.get_bind().dialect.name
    driver = _driver(flt, sort)
    where = _conditions(s, flt, driver)
    key = _key(sort, dialect)
    # The key's own conditions use its index only when no filter is more selective.
    cond_key: Any = key
    if key is not None and driver != "sort":
        cond_key = _plain(key, dialect == "sqlite", text=sort in ("job_no", "intent"))
    pos = _decode(cursor, sort, descending) if cursor is not None else None

    def direction(col: Any) -> Any:
        return col.desc() if descending else col.asc()

    base = select(*_columns(key)).outerjoin(Customer, Customer.id == Call.customer_id)
    tail = [direction(Call.started_at), direction(Call.id)]
    wanted = limit + 1  # one more than asked: tells whether there is a next page
    steps: list[tuple[str, Sequence[ColumnElement[bool]], Sequence[Any]]] = []
    if key is None:
        steps.append(("value", [_after_time(pos, descending)] if pos else [], tail))
    else:
        if pos is None:
            steps.append(("value", [cond_key.is_not(None)], [direction(key), *tail]))
        elif pos.segment == "value":
            steps.append(("value", [cond_key == pos.key, _after_time(pos, descending)], tail))
            beyond = cond_key < pos.key if descending else cond_key > pos.key
            steps.append(("value", [beyond], [direction(key), *tail]))
        if sort != "job_no":  # job_no is never empty
            after = [_after_time(pos, descending)] if pos and pos.segment == "empty" else []
            steps.append(("empty", [cond_key.is_(None), *after], tail))
    found: list[tuple[str, Any]] = []
    conn = s.connection()
    for segment, conds, order in steps:
        q = base.where(*where, *conds).order_by(*order).limit(wanted - len(found))
        found.extend((segment, r) for r in conn.execute(q))
        if len(found) >= wanted:
            break
    more = len(found) > limit
    found = found[:limit]
    next_cursor = None
    if more:
        segment, last = found[-1]
        next_cursor = _encode(sort, descending, segment, getattr(last, "sort_key", None), last)
    scores = compliance_scores(s, ctx, (r.id for _seg, r in found))
    return Page(tuple(_row(r, scores.get(r.id)) for _seg, r in found), next_cursor)


def count(s: Session, ctx: AgentContext, flt: CallFilter) -> int:
    """How many calls match, counted up to ``COUNT_CAP``: a result of ``COUNT_CAP + 1``
    means "more than ``COUNT_CAP``" (an exact count of millions of rows would take
    seconds; nobody pages through them)."""
    flt = _visible(ctx, check_filter(flt))
    inner = (
        select(Call.id)
        .where(*_conditions(s, flt, _driver(flt, "started_at")))
        .limit(COUNT_CAP + 1)
        .subquery()
    )
    return int(s.connection().execute(select(func.count()).select_from(inner)).scalar_one())
