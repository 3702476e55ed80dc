"""The demo command: sign-in ready job numbers, and customers that look like Tai'an's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select

from cli import demo
from console.app.runtime import Runtime
from console.calls import call_log
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import AccountType, Intent, Verification
from console.customers.customers import INSPECTION_INTERVAL_DAYS
from db.bulk import CUSTOMER_COLUMNS, insert_customers
from db.models import Agent, Call, Case, Customer, Department, Seat
from tests.conftest import PASSWORD, TestDb, open_runtime

ROLES = {a.job_no: a.role for a in demo.DEMO_AGENTS}


@pytest.fixture
def owner(test_db: TestDb, clock: ManualClock) -> Iterator[Runtime]:
    """The administrator's runtime on a fixed clock, so inspection dates are fixed too."""
    r = open_runtime(test_db.admin_url, clock)
    yield r
    r.close()


def customers(rt: Runtime) -> list[Customer]:
    with rt.unit(admin="test") as s:
        return list(s.scalars(select(Customer).order_by(Customer.id)))


def count(rt: Runtime, model: type[Agent] | type[Department] | type[Seat] | type[Customer]) -> int:
    with rt.unit(admin="test") as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def as_row(c: Customer) -> tuple[object, ...]:
    return tuple(getattr(c, name) for name in CUSTOMER_COLUMNS)


def test_every_demo_job_number_signs_in_with_the_demo_password(owner: Runtime, rt: Runtime) -> None:
    assert PASSWORD == demo.DEMO_PASSWORD
    demo.load(owner, customers=0)
    for n, (job_no, role) in enumerate(ROLES.items(), start=1):
        ctx = rt.login(job_no, demo.DEMO_PASSWORD, f"坐席{n:02d}")
        assert ctx.role == role
        assert not ctx.must_change_password  # demo convenience, unlike `agent add`
    assert set(ROLES.values()) == set(Role)


def test_login_help_names_every_job_number_role_and_the_password(owner: Runtime) -> None:
    text = demo.login_help(demo.load(owner, customers=0))
    for a in demo.DEMO_AGENTS:
        assert a.job_no in text and a.name in text
    assert "值班经理" in text and "Demo@2026" in text
    assert text.index("演示") < text.index("Demo data")  # Chinese first
    assert "main.py ring" not in text  # no customers: no number to ring with


def test_login_help_says_how_to_ring_the_console_as_a_special_group_customer(
    owner: Runtime,
) -> None:
    summary = demo.load(owner, customers=300)
    assert summary.sample_number is not None
    assert f"main.py ring --from {summary.sample_number}" in demo.login_help(summary)
    with owner.unit(admin="test") as s:
        c = s.scalars(select(Customer).where(Customer.phone == summary.sample_number)).first()
        assert c is not None and c.special_group is not None


def test_demo_loads_departments_seats_and_the_requested_customers(owner: Runtime) -> None:
    before = count(owner, Seat)  # the test seats (tests/conftest.py)
    summary = demo.load(owner, customers=500, here="演示本机")
    assert (summary.customers_added, summary.customers_total) == (500, 500)
    assert count(owner, Customer) == 500
    assert count(owner, Department) == len(demo.DEPARTMENTS) >= 6
    with owner.unit(admin="test") as s:
        names = set(s.scalars(select(Department.name)))
        seats = set(s.scalars(select(Seat.code)))
    assert {"维修部", "营业厅", "安检部"} <= names
    # The demo's seats and this workstation's, so that the demo console signs in here.
    assert {code for code, _ in demo.SEATS} | {"演示本机"} <= seats
    assert summary.seats_created == count(owner, Seat) - before


def test_customers_look_real(owner: Runtime, clock: ManualClock) -> None:
    demo.load(owner, customers=500)
    rows = customers(owner)
    assert len({c.account_no for c in rows}) == 500

    # Addresses: every customer has a community, building, unit and room.
    for c in rows:
        assert c.community and c.building.isdigit() and c.unit.isdigit() and c.room.isdigit()
        assert 1 <= int(c.unit) <= 6 and int(c.room) >= 101
    assert len({c.community for c in rows}) > 100

    # Phones as the caller ID brings them; phone_rev makes "last digits" a prefix search.
    with_phone = [c for c in rows if c.phone]
    assert 0 < len(rows) - len(with_phone) < 0.08 * len(rows)  # the "no contact" list
    for c in with_phone:
        assert c.phone is not None
        assert c.phone_rev == c.phone[::-1]
        assert c.phone.isdigit() and len(c.phone) == 11
        assert c.phone[:2] in ("13", "15", "16", "17", "18", "19") or c.phone.startswith("0538")
    assert any(c.phone and c.phone.startswith("0538") for c in with_phone)
    assert all(c.phone_rev is None for c in rows if c.phone is None)

    # Resident ID numbers: Tai'an area codes, valid birth date, check digit, sex digit.
    ids = [c for c in rows if c.id_number]
    assert len(ids) > 0.9 * len(rows)
    for c in ids:
        n = c.id_number
        assert n is not None
        assert len(n) == 18 and n.startswith("3709")
        assert n[17] == demo.id_check_digit(n[:17])
        datetime.strptime(n[6:14], "%Y%m%d")
        assert int(n[16]) % 2 == (1 if c.gender == "M" else 0)

    types = [c.account_type for c in rows]
    assert set(types) <= set(AccountType)
    assert types.count("居民") > 0.8 * len(rows) and "商业" in types

    groups = [c.special_group for c in rows if c.special_group]
    assert groups and set(groups) <= set(demo.SPECIAL_GROUPS)
    assert all(c.account_type == "居民" for c in rows if c.special_group)

    # Inspections: some never, some overdue (residential: once a year), none in the future.
    now = clock.now()
    assert any(c.last_inspection_at is None for c in rows)
    interval = INSPECTION_INTERVAL_DAYS
    overdue = [
        c
        for c in rows
        if c.last_inspection_at
        and now - c.last_inspection_at > timedelta(days=interval[c.account_type])
    ]
    assert 0 < len(overdue) < 0.4 * len(rows)
    assert all(c.last_inspection_at < now for c in rows if c.last_inspection_at)


def test_running_demo_twice_adds_nothing_and_keeps_the_agents(owner: Runtime, rt: Runtime) -> None:
    demo.load(owner, customers=300)
    before = customers(owner)
    again = demo.load(owner, customers=300)
    assert again.agents_created == () and set(again.agents_existing) == set(ROLES)
    assert again.customers_added == 0 and again.customers_total == 300
    assert count(owner, Agent) == len(ROLES)
    assert count(owner, Department) == len(demo.DEPARTMENTS)
    assert again.seats_created == 0
    assert [as_row(c) for c in customers(owner)] == [as_row(c) for c in before]
    assert "已存在" in demo.login_help(again)
    rt.login("1001", demo.DEMO_PASSWORD, "坐席01")


def test_a_larger_count_tops_up_with_the_customers_a_fresh_load_would_have(
    owner: Runtime, clock: ManualClock
) -> None:
    demo.load(owner, customers=120)
    summary = demo.load(owner, customers=250)
    assert (summary.customers_added, summary.customers_total) == (130, 250)
    today = clock.now().astimezone(demo.LOCAL_ZONE).date()
    fresh = list(demo.generate_customers(demo.DEFAULT_SEED, 0, 250, today))
    assert [as_row(c) for c in customers(owner)] == fresh


def test_the_same_seed_gives_the_same_customers_and_another_seed_others() -> None:
    today = date(2026, 11, 23)
    first = list(demo.generate_customers(42, 0, 10_050, today))
    assert first == list(demo.generate_customers(42, 0, 10_050, today))
    # Any slice is the same customers, across the 10,000-row blocks too.
    assert list(demo.generate_customers(42, 9_990, 10_050, today)) == first[9_990:]
    other = list(demo.generate_customers(43, 0, 100, today))
    assert [r[1] for r in other] != [r[1] for r in first[:100]]
    assert [r[0] for r in other] == [r[0] for r in first[:100]]  # account numbers by position


def test_a_large_load_rebuilds_the_customer_indexes_it_dropped(
    owner: Runtime, test_db: TestDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    def indexes() -> list[tuple[object, ...]]:
        insp = inspect(owner.db.engine)
        found = insp.get_indexes("customers")
        return sorted((i["name"], tuple(i["column_names"]), i["unique"]) for i in found)

    before = indexes()
    assert {"ix_customers_phone_rev", "ix_customers_address"} <= {i[0] for i in before}
    monkeypatch.setattr(demo, "REBUILD_INDEXES_FROM", 1)
    messages: list[str] = []
    demo.load(owner, customers=200, progress=messages.append)
    assert any("索引" in m for m in messages)
    assert indexes() == before
    assert count(owner, Customer) == 200


@pytest.mark.pg
def test_a_seat_login_role_may_not_load_demo_data(pg_db: TestDb) -> None:
    seat = open_runtime(pg_db.url)
    try:
        with pytest.raises(UserFacingError) as refused:
            demo.load(seat, customers=10)
    finally:
        seat.close()
    assert refused.value.message_id == "role.denied"


def test_bulk_insert_on_its_own_transaction_keeps_the_instant_of_local_times(
    owner: Runtime,
) -> None:
    at = datetime(2026, 3, 1, 9, 30, tzinfo=demo.LOCAL_ZONE)  # 01:30 UTC
    row = ("TA9", "孙丽", "F", None, None, None, "泰山花园", "1", "1", "101", "商业", None, at)
    assert insert_customers(owner.db.engine, [row]) == 1
    (stored,) = customers(owner)
    assert as_row(stored) == row
    assert stored.last_inspection_at == at and stored.last_inspection_at.tzinfo == UTC


def _all_calls(rt: Runtime, ctx: AgentContext) -> list[call_log.CallLogRow]:
    rows: list[call_log.CallLogRow] = []
    cursor = None
    while True:
        page = rt.run(ctx, call_log.search, call_log.CallFilter(), cursor=cursor, limit=1000)
        rows.extend(page.rows)
        if page.cursor is None:
            return rows
        cursor = page.cursor


def test_demo_history_calls_fill_the_call_log_with_a_realistic_mix(
    owner: Runtime, rt: Runtime, clock: ManualClock
) -> None:
    summary = demo.load(owner, customers=200, calls=1500)
    assert (summary.calls_added, summary.calls_total) == (1500, 1500)
    assert "1500" in demo.login_help(summary)
    supervisor = rt.login("2001", demo.DEMO_PASSWORD, "坐席04")
    rows = _all_calls(rt, supervisor)
    assert len(rows) == len({r.id for r in rows}) == 1500
    now = clock.now()
    assert all(now - timedelta(days=91) < r.started_at <= now for r in rows)
    assert max(r.started_at for r in rows) > now - timedelta(days=2)  # recent ones too
    assert min(r.started_at for r in rows) < now - timedelta(days=80)  # and old ones
    assert {r.intent for r in rows} == set(Intent)
    assert {r.verification for r in rows} == set(Verification)
    assert {r.job_no for r in rows} == {"1001", "1002", "1003"}
    assert {r.direction for r in rows} == {"inbound", "outbound"}
    assert "visit" in {r.channel for r in rows}
    scores = [r.compliance_score for r in rows if r.compliance_score is not None]
    assert len(scores) == 1500 and min(scores) < 70 and max(scores) == 100
    assert 0.7 < sum(r.customer_id is not None for r in rows) / 1500 < 0.97
    assert all(r.duration_s is not None and r.duration_s > 0 for r in rows)
    # An agent's call log is their share of the history.
    agent = rt.login("1002", demo.DEMO_PASSWORD, "坐席02")
    mine = _all_calls(rt, agent)
    assert 0 < len(mine) < 1500 and {r.job_no for r in mine} == {"1002"}

    again = demo.load(owner, customers=200, calls=1500)
    assert (again.calls_added, again.calls_total) == (0, 1500)
    more = demo.load(owner, customers=200, calls=1800)
    assert (more.calls_added, more.calls_total) == (300, 1800)


def test_demo_callbacks_are_its_callback_calls_so_the_reports_show_real_numbers(
    owner: Runtime, rt: Runtime, clock: ManualClock
) -> None:
    """Issue 18: every history callback call (回访) is a done callback — of a case the
    customer opened earlier, or a sample of an inquiry — so the callback log, the KPI's
    完成回访 and the complaint register read what the call log shows."""
    from console.cases import complaint_register, follow_up
    from console.shift import kpi

    since, until = clock.now() - timedelta(days=92), clock.now() + timedelta(days=1)
    supervisor = None
    for wanted in (1500, 1800):  # a fresh load, then a top-up
        demo.load(owner, customers=200, calls=wanted)
        supervisor = supervisor or rt.login("2001", demo.DEMO_PASSWORD, "坐席04")
        rows = _all_calls(rt, supervisor)
        called_back = sorted((r.ended_at, r.job_no) for r in rows if r.intent == "callback")
        log = rt.run(supervisor, follow_up.callback_log, since, until)
        assert len(log) == len(called_back) > 100
        assert sorted((r.done_at, r.job_no) for r in log) == called_back
        assert {r.reason for r in log} == {"case", "inquiry_sample"}
        assert all(r.case_no for r in log if r.reason == "case")
        figures = rt.run(supervisor, kpi.kpis, since, until)
        assert figures.callbacks_done == len(log)
        assert figures.satisfaction.percent is not None and 85 < figures.satisfaction.percent < 100
        assert 0 < figures.complaint_reply_in_72h.hits <= figures.complaint_reply_in_72h.total
        register = rt.run(supervisor, complaint_register.entries, since, until)
        assert register and all(e.archived and e.replied_at is not None for e in register)
        with owner.unit(admin="test") as s:
            numbers = list(s.scalars(select(Case.case_no)))
            assert len(set(numbers)) == len(numbers) and all(
                n.startswith("G2026-") for n in numbers
            )
            # A case's callback call reached the customer who opened it.
            for case in s.scalars(select(Case).limit(50)):
                back = s.scalar(
                    select(Call.customer_id).where(
                        Call.intent == "callback", Call.ended_at == case.closed_at
                    )
                )
                assert back == case.customer_id
