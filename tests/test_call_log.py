"""The call log (来电记录): filters, sorting, keyset paging, who sees what, masking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from cli import demo
from console.app.runtime import Runtime
from console.calls import call_log, calls
from console.calls.call_log import CallFilter, CallLogRow
from console.calls.calls import CallFields
from console.core import checks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import describe
from console.core.vocabulary import Intent
from db.bulk import insert_customers
from db.models import Customer
from tests.conftest import PASSWORD, AgentFactory

T0 = datetime(2026, 11, 20, 2, 0, 0, 123456, tzinfo=UTC)
BURST_AT = T0 + timedelta(hours=3)  # many calls at the very same moment
INTENTS: tuple[str | None, ...] = (*Intent, None)
NO_FILTER = CallFilter()


@dataclass(frozen=True)
class Made:
    id: str
    job_no: str
    started_at: datetime
    ended_at: datetime | None
    intent: str | None
    customer_id: int | None
    number: str


@dataclass
class Log:
    rt: Runtime
    agent: AgentContext  # 1001
    other: AgentContext  # 1002
    supervisor: AgentContext  # 2001
    customers: list[Customer]
    made: list[Made]


def _make(
    rt: Runtime,
    ctx: AgentContext,
    at: datetime,
    i: int,
    customer: Customer | None,
    *,
    finished: bool = True,
) -> Made:
    number = customer.phone if customer is not None and customer.phone else f"1370000{i:04d}"
    call = rt.run(ctx, calls.start_call, checks.new_call_id(), number, "inbound", "phone", at)
    intent = INTENTS[i % len(INTENTS)]
    fields = CallFields(
        state="done" if finished else "talking",
        customer_id=customer.id if customer is not None else None,
        intent=intent,
        verification="verified" if customer is not None else "new_customer",
        notes=f"第{i}通 note\n第二行",
        compliance_score=60 + i % 40,
    )
    ended = None
    if finished:
        ended = at + timedelta(seconds=30 + (i * 37) % 400)
        rt.run(ctx, calls.finish_call, call.id, fields, call.version, ended, "caller")
    else:
        rt.run(ctx, calls.save_call, call.id, fields, call.version)
    cid = customer.id if customer is not None else None
    return Made(call.id, ctx.job_no, at, ended, intent, cid, number)


@pytest.fixture
def log(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> Log:
    for job_no, role in (("1001", Role.AGENT), ("1002", Role.AGENT), ("2001", Role.SUPERVISOR)):
        make_agent(job_no, role)
    with admin_rt.unit(admin="test") as s:
        insert_customers(s.connection(), demo.generate_customers(7, 0, 40, T0.date()))
    with admin_rt.unit(admin="test") as s:
        people = list(
            s.scalars(select(Customer).where(Customer.phone.is_not(None)).order_by(Customer.id))
        )[:6]
        for c in people:
            s.expunge(c)
    agent = rt.login("1001", PASSWORD, "坐席01")
    other = rt.login("1002", PASSWORD, "坐席02")
    supervisor = rt.login("2001", PASSWORD, "坐席03")
    made: list[Made] = []
    for i in range(30):
        ctx = agent if i % 3 else other
        customer = people[i % 7] if i % 7 < len(people) else None
        made.append(_make(rt, ctx, T0 + timedelta(minutes=11 * i), i, customer))
    for i in range(30, 42):  # the burst: one second, many calls, both agents
        ctx = agent if i % 2 else other
        made.append(_make(rt, ctx, BURST_AT, i, people[i % 3]))
    made.append(_make(rt, agent, T0 + timedelta(days=1), 42, people[0], finished=False))
    return Log(rt, agent, other, supervisor, people, made)


def everything(
    log: Log,
    ctx: AgentContext,
    flt: CallFilter = NO_FILTER,
    sort: str = "started_at",
    descending: bool = True,
    limit: int = 7,
) -> list[CallLogRow]:
    rows: list[CallLogRow] = []
    cursor = None
    for _ in range(200):
        page = log.rt.run(ctx, call_log.search, flt, sort, descending, cursor, limit)
        assert len(page.rows) <= limit
        rows.extend(page.rows)
        if page.cursor is None:
            return rows
        assert len(page.rows) == limit  # only a last page may be short
        cursor = page.cursor
    raise AssertionError("paging never ended")


def ids(rows: list[CallLogRow]) -> list[str]:
    return [r.id for r in rows]


def test_paging_returns_every_call_exactly_once_even_with_equal_start_times(log: Log) -> None:
    for limit in (1, 5, 7, 200):
        rows = everything(log, log.supervisor, limit=limit)
        assert len(rows) == len(set(ids(rows))) == len(log.made)
        assert set(ids(rows)) == {m.id for m in log.made}
    burst = [r for r in everything(log, log.supervisor, limit=4) if r.started_at == BURST_AT]
    assert len(burst) == 12 and len(set(ids(burst))) == 12


def _expected_order(made: list[Made], sort: str, descending: bool) -> list[str]:
    def key(m: Made) -> Any:
        return {
            "job_no": m.job_no,
            "intent": m.intent,
            "customer": m.customer_id,
            "duration": (m.ended_at - m.started_at) if m.ended_at else None,
            "started_at": m.started_at,
        }[sort]

    with_value = [m for m in made if key(m) is not None]
    empty = [m for m in made if key(m) is None]
    with_value.sort(key=lambda m: (key(m), m.started_at, m.id), reverse=descending)
    empty.sort(key=lambda m: (m.started_at, m.id), reverse=descending)
    return [m.id for m in with_value + empty]


def test_each_sort_key_orders_the_whole_log_both_ways(log: Log) -> None:
    for sort in call_log.SORT_KEYS:
        for descending in (True, False):
            rows = everything(log, log.supervisor, sort=sort, descending=descending, limit=6)
            assert ids(rows) == _expected_order(log.made, sort, descending), (sort, descending)


def test_default_order_is_newest_first(log: Log) -> None:
    page = log.rt.run(log.supervisor, call_log.search, CallFilter())
    times = [r.started_at for r in page.rows]
    assert times == sorted(times, reverse=True)
    assert page.cursor is None and len(page.rows) == len(log.made)


def _check_filter(log: Log, flt: CallFilter, want: set[str]) -> None:
    assert want and len(want) < len(log.made)  # the filter narrows, and finds something
    for sort in ("started_at", "intent"):
        assert set(ids(everything(log, log.supervisor, flt, sort=sort, limit=4))) == want
    assert log.rt.run(log.supervisor, call_log.count, flt) == len(want)


def test_date_range_narrows(log: Log) -> None:
    since, until = T0 + timedelta(minutes=55), T0 + timedelta(minutes=150)
    want = {m.id for m in log.made if since <= m.started_at < until}
    _check_filter(log, CallFilter(since=since, until=until), want)
    # The burst is inside [since, until) only when the range covers that very second.
    burst = CallFilter(since=BURST_AT, until=BURST_AT + timedelta(microseconds=1))
    _check_filter(log, burst, {m.id for m in log.made if m.started_at == BURST_AT})


def test_job_number_intent_and_customer_filters_narrow(log: Log) -> None:
    _check_filter(log, CallFilter(job_no="1002"), {m.id for m in log.made if m.job_no == "1002"})
    _check_filter(
        log, CallFilter(intent="complaint"), {m.id for m in log.made if m.intent == "complaint"}
    )
    cid = log.customers[1].id
    _check_filter(
        log, CallFilter(customer_id=cid), {m.id for m in log.made if m.customer_id == cid}
    )
    both = CallFilter(job_no="1001", customer_id=cid)
    _check_filter(
        log, both, {m.id for m in log.made if m.customer_id == cid and m.job_no == "1001"}
    )


def test_text_finds_by_name_account_number_last_digits_and_full_number(log: Log) -> None:
    c = log.customers[2]
    own = {m.id for m in log.made if m.customer_id == c.id}
    same_name = {x.id for x in log.customers if x.name == c.name}
    by_name = {m.id for m in log.made if m.customer_id in same_name}
    _check_filter(log, CallFilter(text=c.name), by_name)
    _check_filter(log, CallFilter(text=c.account_no.lower()), own)
    assert c.phone is not None
    ends = {x.id for x in log.customers if x.phone and x.phone.endswith(c.phone[-6:])}
    _check_filter(
        log, CallFilter(text=c.phone[-6:]), {m.id for m in log.made if m.customer_id in ends}
    )
    unknown = next(m for m in log.made if m.customer_id is None)
    _check_filter(log, CallFilter(text=unknown.number), {unknown.id})


def test_an_agent_sees_only_their_own_calls_a_supervisor_everyones(log: Log) -> None:
    mine = {m.id for m in log.made if m.job_no == "1001"}
    assert set(ids(everything(log, log.agent))) == mine
    assert set(ids(everything(log, log.agent, sort="customer"))) == mine
    assert log.rt.run(log.agent, call_log.count, CallFilter()) == len(mine)
    theirs = {m.id for m in log.made if m.job_no == "1002"}
    assert set(ids(everything(log, log.other))) == theirs
    with pytest.raises(UserFacingError, match="call_log.own_calls_only"):
        log.rt.run(log.agent, call_log.search, CallFilter(job_no="1002"))
    # Naming their own number is fine.
    assert set(ids(everything(log, log.agent, CallFilter(job_no="1001")))) == mine
    assert len(everything(log, log.supervisor)) == len(log.made)


def test_caller_numbers_are_masked_and_rows_are_readable(log: Log) -> None:
    rows = everything(log, log.supervisor)
    by_id = {m.id: m for m in log.made}
    names = {c.id: c.name for c in log.customers}
    for r in rows:
        m = by_id[r.id]
        assert r.caller_number is not None and "*" in r.caller_number
        assert r.caller_number != m.number and r.caller_number[-4:] == m.number[-4:]
        assert r.customer_name == names.get(m.customer_id) if m.customer_id else True
        assert "\n" not in r.notes_excerpt and r.notes_excerpt.startswith("第")
        if m.ended_at is None:
            assert r.duration_s is None and r.ended_at is None
        else:
            assert r.duration_s == int((m.ended_at - m.started_at).total_seconds())


BAD_FILTERS = (
    (CallFilter(since=T0, until=T0 - timedelta(seconds=1)), "call_log.bad_range"),
    (CallFilter(since=datetime(2026, 11, 1)), "input.invalid"),  # no time zone
    (CallFilter(text="王" * 65), "input.too_long"),
    (CallFilter(text="王\x00伟"), "input.nul_character"),
    (CallFilter(text="123"), "lookup.too_short"),
    (CallFilter(intent="gossip"), "input.invalid_choice"),
    (CallFilter(job_no="10 01"), "job_no.invalid"),
    (CallFilter(customer_id=0), "input.out_of_range"),
)


def test_bad_filters_are_refused_with_a_clear_message(log: Log) -> None:
    for flt, message in BAD_FILTERS:
        for fn in (call_log.search, call_log.count):
            with pytest.raises(UserFacingError) as e:
                log.rt.run(log.supervisor, fn, flt)
            assert e.value.message_id == message, flt
    # The message names what is wrong, in the user's language.
    text = describe(UserFacingError("call_log.bad_range", since=T0, until=T0), "en")
    assert "start" in text and "2026-11-20 10:00:00" in text


def test_a_cursor_only_continues_the_list_it_came_from(log: Log) -> None:
    page = log.rt.run(log.supervisor, call_log.search, CallFilter(), "intent", True, None, 5)
    assert page.cursor is not None
    for sort, desc, cursor in (
        ("intent", False, page.cursor),
        ("job_no", True, page.cursor),
        ("intent", True, "not-a-cursor"),
        ("intent", True, page.cursor[:-3]),
    ):
        with pytest.raises(UserFacingError, match="call_log.bad_cursor"):
            log.rt.run(log.supervisor, call_log.search, CallFilter(), sort, desc, cursor, 5)
    with pytest.raises(UserFacingError, match="input.invalid_choice"):
        log.rt.run(log.supervisor, call_log.search, CallFilter(), "notes")
    with pytest.raises(UserFacingError, match="input.out_of_range"):
        log.rt.run(log.supervisor, call_log.search, CallFilter(), limit=0)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80))
def test_any_text_gives_a_page_or_a_clear_refusal(log: Log, text: str) -> None:
    try:
        page = log.rt.run(log.supervisor, call_log.search, CallFilter(text=text))
    except UserFacingError as e:
        assert e.message_id in ("input.too_long", "input.nul_character", "lookup.too_short")
    else:
        assert len(page.rows) <= len(log.made)
